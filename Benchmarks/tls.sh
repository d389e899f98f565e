#!/usr/bin/env bash
# Certificate verification of a 3-certificate chain (leaf, RSA 2048 intermediate, EC root as anchor), ours against
# `openssl verify` on the same files in the same run: in process (openssl verifies the same leaf COUNT times in one
# invocation) and end to end (one process per verification, as a shell script would run either).
#   Benchmarks/tls.sh [COUNT]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-2000}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
echo "building (release)..." >&2
JID_BENCHMARKS=1 swift build -c release --static-swift-stdlib --product jid-tls-benchmark >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
swift build -c release --static-swift-stdlib --product jid >"$work/build.log" 2>&1 || { cat "$work/build.log"; exit 1; }
Tests/JIDTLSTests/make-fixtures.sh "$work/fx" >/dev/null
fx=$work/fx
printf '\nVerification of a 3-certificate chain (%s, %s cores)\n\n' "$(uname -m)" "$(nproc)"
.build/release/jid-tls-benchmark "$fx/dns-chain.pem" "$fx/root.pem" example.org "$count"
files=$(for _ in $(seq 1 "$count"); do printf '%s ' "$fx/dns.pem"; done)
start=$(date +%s.%N)
# shellcheck disable=SC2086
openssl verify -CAfile "$fx/root.pem" -untrusted "$fx/int.pem" $files >/dev/null
end=$(date +%s.%N)
printf 'openssl verify (one process, %d leaves): %.0f verifications/s\n' "$count" "$(echo "$count / ($end - $start)" | bc -l)"
runs=100
start=$(date +%s.%N)
for _ in $(seq 1 $runs); do .build/release/jid tls verify --domain example.org --chain "$fx/dns-chain.pem" --ca "$fx/root.pem" >/dev/null; done
end=$(date +%s.%N)
printf 'jid tls verify, one process each: %.1f ms per run\n' "$(echo "($end - $start) * 1000 / $runs" | bc -l)"
start=$(date +%s.%N)
for _ in $(seq 1 $runs); do openssl verify -CAfile "$fx/root.pem" -untrusted "$fx/int.pem" "$fx/dns.pem" >/dev/null; done
end=$(date +%s.%N)
printf 'openssl verify, one process each: %.1f ms per run\n' "$(echo "($end - $start) * 1000 / $runs" | bc -l)"
