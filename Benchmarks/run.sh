#!/usr/bin/env bash
# One command: builds our release benchmarks and the peers, runs them on the same generated corpora in the same
# run, and prints throughput and ratios. Peers: Go's golang.org/x/text/secure/precis + golang.org/x/net/idna
# (parsing as mellium.im/xmpp/jid does), PyPI's precis-i18n + idna, and GNU libidn for RFC 6122. Then confusable
# scoring, `jid migrate` end to end and the HTTP API (wrk, /v1/batch) with one and two workers.
#   Benchmarks/run.sh            (needs: apt golang-go golang-golang-x-text-dev golang-golang-x-net-dev libidn-dev
#                                 wrk bc; pip precis-i18n idna)
set -euo pipefail
cd "$(dirname "$0")/.."
work=Benchmarks/.work
mkdir -p "$work"

echo "building (release)..." >&2
build() { "$@" >"$work/build.log" 2>&1 || { cat "$work/build.log" >&2; exit 1; }; }
build env JID_BENCHMARKS=1 swift build -c release --product jid-benchmark
build env JID_BENCHMARKS=1 swift build -c release --product jid-confusables-benchmark
build swift build -c release --product jid
bench=.build/release/jid-benchmark
jid=.build/release/jid
GOPATH=/usr/share/gocode GO111MODULE=off go build -o "$work/go-peer" Benchmarks/peers/go/main.go
cc -O2 -o "$work/idn-peer" Benchmarks/peers/idn/peer.c -lidn

"$bench" corpus 200000 mixed >"$work/mixed.txt"
"$bench" corpus 50000 non-ascii >"$work/non-ascii.txt"

ours() { "$bench" --file "$1" --rounds 5 | awk '/best of/ {print $4}'; }
go_peer() { "$work/go-peer" "$1" 5 | awk '{print $3}'; }
python_peer() { python3 Benchmarks/peers/python/peer.py "$1" 1 | awk '{print $3}'; }

printf '\nFull JID enforcement, one thread, JIDs per second (%s, %s)\n\n' "$(uname -m)" "$(nproc) cores"
printf '| corpus | jid-service | Go x/text + x/net | ratio | Python precis-i18n + idna | ratio |\n|---|---|---|---|---|---|\n'
for corpus in mixed non-ascii; do
    file="$work/$corpus.txt"
    a=$(ours "$file"); g=$(go_peer "$file"); p=$(python_peer "$file")
    printf '| %s | %s | %s | %.2f× | %s | %.1f× |\n' "$corpus" "$a" "$g" "$(echo "$a / $g" | bc -l)" "$p" "$(echo "$a / $p" | bc -l)"
done

printf '\nRFC 6122 enforcement (Nodeprep, IDNA2003 ToASCII/ToUnicode with STD3 rules, Resourceprep; stored mode)\n\n'
printf '| corpus | jid-service | GNU libidn 1.41 (C) | ratio |\n|---|---|---|---|\n'
for corpus in mixed non-ascii; do
    file="$work/$corpus.txt"
    a=$("$bench" --file "$file" --rounds 5 --rfc6122 | awk '/best of/ {print $4}')
    l=$("$work/idn-peer" "$file" 5 | awk '{print $3}')
    printf '| %s | %s | %s | %.2f× |\n' "$corpus" "$a" "$l" "$(echo "$a / $l" | bc -l)"
done

printf '\nConfusable scoring, one thread\n\n'
.build/release/jid-confusables-benchmark score | tail -1
.build/release/jid-confusables-benchmark score --mix non-ascii --count 50000 | tail -1

printf '\njid migrate, 1,000,000 lines (RFC 6122 and RFC 7622, collisions), report to /dev/null\n\n'
"$bench" corpus 1000000 mixed >"$work/migrate.txt"
for threads in 1 2; do
    start=$(date +%s.%N)
    "$jid" migrate "$work/migrate.txt" --threads "$threads" >/dev/null 2>&1
    seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
    printf -- '- %d worker(s): %.2f s = %.0f lines/s\n' "$threads" "$seconds" "$(echo "1000000 / $seconds" | bc -l)"
done

printf '\nHTTP API on loopback (wrk, 64 connections, 10 s each; /v1/batch: 1,000,000 lines with curl)\n\n'
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
serve() {
    "$jid" serve --port "$port" --log-level warning --batch-workers "$1" &
    server=$!
    for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
}
serve 2
trap 'kill "$server" 2>/dev/null || true' EXIT
cat >"$work/score.lua" <<'LUA'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"jid":"аpple@example.com"}'
LUA
rate() { awk '/Requests\/sec/ {print $2}'; }
printf -- '- GET /v1/jid/parse: %s requests/s\n' "$(wrk -t 2 -c 64 -d 10s "http://127.0.0.1:$port/v1/jid/parse?jid=Juliet%40Example.COM%2FBalcony" | rate)"
printf -- '- POST /v1/confusables/score: %s requests/s\n' "$(wrk -t 2 -c 64 -d 10s -s "$work/score.lua" "http://127.0.0.1:$port/v1/confusables/score" | rate)"
python3 -c 'import json, sys
for line in sys.stdin: print(json.dumps(line.rstrip("\n"), ensure_ascii=False))' <"$work/migrate.txt" >"$work/batch.ndjson"
for workers in 1 2; do
    kill "$server"; wait "$server" 2>/dev/null || true
    serve "$workers"
    start=$(date +%s.%N)
    lines=$(curl -s -H 'Content-Type: application/x-ndjson' -H 'Expect:' --data-binary @"$work/batch.ndjson" \
        "http://127.0.0.1:$port/v1/batch" | wc -l)
    seconds=$(echo "$(date +%s.%N) - $start" | bc -l)
    printf -- '- /v1/batch, %d worker(s): %d results in %.2f s = %.0f lines/s\n' "$workers" "$lines" "$seconds" \
        "$(echo "$lines / $seconds" | bc -l)"
done
kill "$server"
