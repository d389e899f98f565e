#!/usr/bin/env bash
# Load and soak test of `jid serve` on loopback with wrk (Debian package `wrk`).
#
#   Load/load.sh [--duration S] [--connections N] [--threads T] [--soak S] [--binary PATH]
#
# Starts the release server on a free port with a small registry, holds N connections for S seconds against a
# mix of every endpoint (Load/mix.lua; every request valid), and fails unless there were 0 socket errors, 0
# non-2xx responses and 0 5xx. With --soak, then runs a second, long load at the same concurrency and reports
# the server's resident memory every 30 s and at start and end; it fails if the end is more than 25% above the
# start (after warm-up). Defaults: 60 s, 256 connections, 2 threads, no soak.
set -euo pipefail
cd "$(dirname "$0")/.."
duration=60 connections=256 threads=2 soak=0 binary=.build/release/jid
while [[ $# -gt 0 ]]; do
    case $1 in
    --duration) duration=$2; shift 2 ;;
    --connections) connections=$2; shift 2 ;;
    --threads) threads=$2; shift 2 ;;
    --soak) soak=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    *) echo "usage: $0 [--duration S] [--connections N] [--threads T] [--soak S] [--binary PATH]" >&2; exit 2 ;;
    esac
done
command -v wrk >/dev/null || { echo "wrk is not installed (apt-get install wrk)" >&2; exit 2; }
[[ -x $binary ]] || swift build -c release --static-swift-stdlib --product jid
ulimit -n 65536 2>/dev/null || true

work=$(mktemp -d)
trap 'kill "$server" 2>/dev/null || true; rm -rf "$work"' EXIT
printf 'paypal\napple@example.com\n' >"$work/registry.txt"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# Every wrk connection comes from 127.0.0.1, one client to the per-client limit of /v1/confusables/check; the limit
# itself is tested in Tests/JIDServerTests/HardeningTests.swift, so it is off here.
"$binary" serve --port "$port" --log-level warning --registry "$work/registry.txt" --registry-check-rate 0 &
server=$!
for _ in $(seq 1 100); do curl -sf "http://127.0.0.1:$port/readyz" >/dev/null && break; sleep 0.1; done
rss() { awk '/VmRSS/ {print $2 " kB"}' "/proc/$server/status"; }

run() {  # run SECONDS LABEL
    echo "== $2: $connections connections, $threads wrk threads, $1 s"
    wrk -t "$threads" -c "$connections" -d "${1}s" --timeout 10s --latency -s Load/mix.lua \
        "http://127.0.0.1:$port" | tee "$work/wrk.txt"
    local socket_errors non2xx server_errors
    socket_errors=$(grep -o 'Socket errors:.*' "$work/wrk.txt" | grep -o '[0-9]\+' | paste -sd+ | bc || true)
    non2xx=$(grep -o 'Non-2xx or 3xx responses: [0-9]*' "$work/wrk.txt" | grep -o '[0-9]*$' || true)
    server_errors=$(grep -o '5xx responses: [0-9]*' "$work/wrk.txt" | grep -o '[0-9]*$')
    echo "socket errors: ${socket_errors:-0}, non-2xx: ${non2xx:-0}, 5xx: $server_errors"
    [[ ${socket_errors:-0} -eq 0 && ${non2xx:-0} -eq 0 && $server_errors -eq 0 ]] || { echo "FAILED" >&2; exit 1; }
}

echo "resident memory at start: $(rss)"
run "$duration" "load"
echo "resident memory after the load: $(rss)"
if [[ $soak -gt 0 ]]; then
    start=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
    (
        for _ in $(seq 1 $((soak / 30))); do sleep 30; echo "  soak RSS: $(rss)"; done
    ) &
    sampler=$!
    run "$soak" "soak"
    kill $sampler 2>/dev/null || true
    end=$(awk '/VmRSS/ {print $2}' "/proc/$server/status")
    echo "soak resident memory: start $start kB, end $end kB"
    [[ $end -le $((start * 125 / 100)) ]] || { echo "FAILED: resident memory grew by more than 25%" >&2; exit 1; }
fi
kill -TERM "$server"
wait "$server"
echo "server stopped cleanly"
