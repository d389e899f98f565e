#!/usr/bin/env python3
"""SIGTERM under load: requests in flight when the server is told to stop all complete.

Starts `jid serve`, then runs two kinds of clients:
  * slow clients: each streams a /v1/batch body of LINES addresses in chunks over about a second, so it is
    certainly in flight when SIGTERM arrives; every one must get 200 and exactly LINES result lines;
  * fast clients: keep-alive loops of GET /v1/jid/parse. A request that got a response must have got a 200
    with a whole body; requests begun after SIGTERM may be refused (the server no longer accepts), and are
    counted, not failed.
SIGTERM is sent while the slow uploads are half done. The server must exit 0 within the drain time.

Usage: Load/drain.py [--binary .build/release/jid] [--slow 8] [--fast 16] [--lines 4000]
"""
import argparse, http.client, json, os, signal, socket, subprocess, sys, threading, time

parser = argparse.ArgumentParser()
parser.add_argument("--binary", default=".build/release/jid")
parser.add_argument("--slow", type=int, default=8)
parser.add_argument("--fast", type=int, default=16)
parser.add_argument("--lines", type=int, default=4000)
args = parser.parse_args()

with socket.socket() as s:
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
server = subprocess.Popen([args.binary, "serve", "--port", str(port), "--log-level", "warning"])
for _ in range(100):
    try:
        http.client.HTTPConnection("127.0.0.1", port, timeout=1).request("GET", "/readyz")
        break
    except OSError:
        time.sleep(0.1)

sigterm_at = None
lock = threading.Lock()
failures, slow_ok, fast_ok, fast_refused_after = [], 0, 0, 0
stop = threading.Event()


def slow_client(index):
    global slow_ok
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    connection.putrequest("POST", "/v1/batch")
    connection.putheader("Content-Type", "application/x-ndjson")
    connection.putheader("Transfer-Encoding", "chunked")
    connection.endheaders()
    chunks = 20
    per_chunk = args.lines // chunks
    for chunk in range(chunks):
        body = "".join(f'"user{index}.{chunk}.{n}@example.com"\n' for n in range(per_chunk)).encode()
        connection.send(b"%x\r\n%s\r\n" % (len(body), body))
        time.sleep(0.05)
    connection.send(b"0\r\n\r\n")
    try:
        response = connection.getresponse()
        lines = response.read().decode().splitlines()
        results = [json.loads(line) for line in lines]
        good = response.status == 200 and len(results) == per_chunk * chunks and all("result" in r for r in results)
    except Exception as error:  # a cut connection is a failure: this request was in flight
        good, lines = False, [repr(error)]
    with lock:
        if good:
            slow_ok += 1
        else:
            failures.append(f"slow client {index}: {lines[:2]}")


def fast_client(index):
    global fast_ok, fast_refused_after
    connection = None
    while not stop.is_set():
        started = time.monotonic()
        try:
            if connection is None:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
            connection.request("GET", f"/v1/jid/parse?jid=fast{index}%40example.com")
            response = connection.getresponse()
            body = response.read()
            result = json.loads(body)
            with lock:
                if response.status == 200 and result.get("valid") is True:
                    fast_ok += 1
                else:
                    failures.append(f"fast client {index}: {response.status} {body[:100]}")
        except (OSError, http.client.HTTPException, ValueError) as error:
            connection = None
            with lock:
                if sigterm_at is not None:
                    fast_refused_after += 1  # begun around or after SIGTERM: the server was stopping
                else:
                    failures.append(f"fast client {index} before SIGTERM: {error!r}")
            if sigterm_at is not None:
                time.sleep(0.05)


threads = [threading.Thread(target=slow_client, args=(i,)) for i in range(args.slow)]
threads += [threading.Thread(target=fast_client, args=(i,)) for i in range(args.fast)]
for thread in threads:
    thread.start()
time.sleep(0.5)  # the slow uploads are about half done
sigterm_at = time.monotonic()
server.send_signal(signal.SIGTERM)
try:
    status = server.wait(timeout=30)
except subprocess.TimeoutExpired:
    server.kill()
    status = "did not stop within 30 s"
drain = time.monotonic() - sigterm_at
stop.set()
for thread in threads:
    thread.join()

print(f"slow (in flight at SIGTERM): {slow_ok}/{args.slow} complete; fast: {fast_ok} answered before the server "
      f"stopped, {fast_refused_after} refused after SIGTERM; server exit status {status} after {drain:.2f} s")
for failure in failures[:20]:
    print("  FAILURE:", failure)
sys.exit(0 if not failures and slow_ok == args.slow and status == 0 else 1)
