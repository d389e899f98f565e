#!/usr/bin/env bash
# Short versions of the attacks that the hardening work fixed, against the release binary:
#   1. Upgrade and CONNECT floods on one connection each: the server's resident memory stays under 200 MB.
#   2. The combining-mark address: answered in under 10 ms.
#   3. /healthz p50 under 50 ms while six clients send the most expensive single-address requests.
#   4. 300 idle connections under `ulimit -n 256`: the server stays idle (no accept spin) and /healthz answers.
#   5. jid migrate: outputs that are the input are refused, /dev/null stays a device, and 20,000 lines of 9,200
#      NUL bytes run in bounded memory on two threads (under 128 MiB, about 45 MiB; 5.5 GB before batches were
#      cut by bytes, 380 MB while whole rounds of large batches were held).
# Every loop is bounded in count and time; traffic goes to 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
jid=${JID:-.build/release/jid}
flood_mib=${FLOOD_MIB:-512}
port=18181
work=$(mktemp -d)
server=""
cleanup() { [ -n "$server" ] && kill "$server" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

start_server() {
    "$jid" serve --port "$port" --log-level warning "$@" &
    server=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && return; sleep 0.1; done
    echo "server did not start" >&2; exit 1
}
stop_server() { kill -TERM "$server"; wait "$server" || true; server=""; }
rss_mib() { awk '/VmRSS/ { printf "%d", $2 / 1024 }' "/proc/$1/status"; }

start_server
echo "-- 1. floods after Upgrade and after CONNECT, ${flood_mib} MiB each"
for head in 'GET /v1/info HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n\r\n' \
    'CONNECT example.com:443 HTTP/1.1\r\nHost: example.com:443\r\n\r\n'; do
    python3 - "$port" "$head" "$flood_mib" <<'PY'
import socket, sys, time
port, head, mib = int(sys.argv[1]), sys.argv[2].encode().decode("unicode_escape").encode(), int(sys.argv[3])
s = socket.create_connection(("127.0.0.1", port)); s.settimeout(5)
s.sendall(head); block = b"A" * 65536; sent = 0; deadline = time.time() + 30
try:
    while sent < mib << 20 and time.time() < deadline:
        sent += s.send(block)
except OSError:
    pass
print(f"   server took {sent >> 20} MiB of {mib} before closing")
PY
    rss=$(rss_mib "$server"); echo "   server RSS ${rss} MiB"
    [ "$rss" -lt 200 ] || { echo "RSS over 200 MB after a flood" >&2; exit 1; }
done

echo "-- 2. the combining-mark address"
python3 - "$port" <<'PY'
import json, sys, time, urllib.request
port = int(sys.argv[1])
jid = "a" + "\u0301" * 1150 + "\u031b" * 1150 + "\u0323" * 1150 + "\u0327" * 1150 + "@x.y"
body = json.dumps({"jid": jid}).encode()
times = []
for _ in range(20):
    request = urllib.request.Request(f"http://127.0.0.1:{port}/v1/jid/parse", body, {"Content-Type": "application/json"})
    started = time.perf_counter(); answer = json.load(urllib.request.urlopen(request)); times.append(time.perf_counter() - started)
times.sort(); print(f"   {answer['errors'][0]['code']}, median {times[10]*1000:.2f} ms, max {times[-1]*1000:.2f} ms")
assert answer["errors"][0]["code"] == "jid.not-stream-safe"
assert times[10] < 0.010, "the combining-mark request costs more than 10 ms"
PY

echo "-- 3. /healthz while six clients send expensive requests"
python3 - "$port" <<'PY'
import http.client, json, sys, threading, time
port = int(sys.argv[1]); stop = time.time() + 6
jid = ("a" + "\u0301" * 30) * 120 + "@example.com"
body = json.dumps({"jid": jid}).encode()
def load():
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    while time.time() < stop:
        c.request("POST", "/v1/jid/parse", body, {"Content-Type": "application/json"}); c.getresponse().read()
threads = [threading.Thread(target=load) for _ in range(6)]
[t.start() for t in threads]; time.sleep(0.5)
times = []
while time.time() < stop - 0.5:
    c = http.client.HTTPConnection("127.0.0.1", port, timeout=5); started = time.perf_counter()
    c.request("GET", "/healthz"); assert c.getresponse().status == 200; times.append(time.perf_counter() - started)
    c.close(); time.sleep(0.05)
[t.join() for t in threads]
times.sort(); p50 = times[len(times) // 2]
print(f"   {len(times)} probes, p50 {p50*1000:.2f} ms, p99 {times[int(len(times)*0.99)]*1000:.2f} ms")
assert p50 < 0.050, "healthz p50 over 50 ms"
PY
stop_server

echo "-- 4. 300 idle connections with ulimit -n 256"
(ulimit -n 256; exec "$jid" serve --port "$port" --log-level warning) &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
python3 - "$port" "$server" <<'PY'
import socket, sys, time, urllib.request
port, pid = int(sys.argv[1]), int(sys.argv[2])
def cpu():
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100
idle = []
for _ in range(300):
    try: idle.append(socket.create_connection(("127.0.0.1", port), timeout=2))
    except OSError: break
before = cpu(); time.sleep(3); used = cpu() - before
started = time.perf_counter(); status = urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5).status
print(f"   {len(idle)} connections opened, server CPU {used:.2f} s in 3 s, /healthz {status} in {(time.perf_counter()-started)*1000:.1f} ms")
assert used < 0.5, "the server spins with idle connections at its descriptor limit"
assert status == 200
PY
stop_server

echo "-- 5. jid migrate outputs and memory"
printf 'juliet@example.com\nromeo@example.com\n' > "$work/in.txt"
cp "$work/in.txt" "$work/expected.txt"
for option in -o --collisions --summary; do
    if "$jid" migrate "$work/in.txt" "$option" "$work/in.txt" 2>/dev/null; then echo "$option INPUT was accepted" >&2; exit 1; fi
    cmp -s "$work/in.txt" "$work/expected.txt" || { echo "$option INPUT changed the input" >&2; exit 1; }
done
"$jid" migrate "$work/in.txt" -o /dev/null --collisions /dev/null --summary /dev/null 2>/dev/null
[ -c /dev/null ] || { echo "/dev/null is no longer a device" >&2; exit 1; }
python3 -c "import sys; sys.stdout.buffer.write((b'\0' * 9200 + b'\n') * 20000)" > "$work/nul.txt"
/usr/bin/time -f '%M' -o "$work/rss" "$jid" migrate "$work/nul.txt" -o /dev/null --threads 2 2>/dev/null
rss=$(( $(cat "$work/rss") / 1024 ))
echo "   20,000 lines of 9,200 NUL bytes: largest RSS ${rss} MiB"
[ "$rss" -lt 128 ] || { echo "jid migrate RSS over 128 MiB" >&2; exit 1; }
echo "hardening: all checks passed"
