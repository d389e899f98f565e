#!/usr/bin/env bash
# One command: builds our release benchmark and the peers, runs them on the same generated corpora in the same
# run, and prints throughput and ratios. Peers: Go's golang.org/x/text/secure/precis + golang.org/x/net/idna
# (parsing as mellium.im/xmpp/jid does) and PyPI's precis-i18n + idna.
#   Benchmarks/run.sh            (needs: apt golang-go golang-golang-x-text-dev golang-golang-x-net-dev;
#                                 pip precis-i18n idna)
set -euo pipefail
cd "$(dirname "$0")/.."
work=Benchmarks/.work
mkdir -p "$work"

echo "building (release)..." >&2
JID_BENCHMARKS=1 swift build -c release --product jid-benchmark >/dev/null
bench=.build/release/jid-benchmark
GOPATH=/usr/share/gocode GO111MODULE=off go build -o "$work/go-peer" Benchmarks/peers/go/main.go

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
