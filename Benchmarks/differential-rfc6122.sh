#!/usr/bin/env bash
# Differential test of RFC 6122 enforcement against GNU libidn (Debian libidn-dev): the same generated addresses
# through `jid migrate` and through libidn (Benchmarks/peers/idn/peer.c), comparing validity and canonical forms.
# libidn's IDNA2003 ToASCII leaves all-ASCII labels as they are while we lower-case them (domains compare without
# case, RFC 6122 §2.2), so ASCII letters of the domain are compared without case; nothing else is excused.
#   Benchmarks/differential-rfc6122.sh [COUNT] [mixed|non-ascii]
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-200000} mix=${2:-mixed}
work=Benchmarks/.work
mkdir -p "$work"
JID_BENCHMARKS=1 swift build -c release --static-swift-stdlib --product jid-benchmark >/dev/null
swift build -c release --static-swift-stdlib --product jid >/dev/null
cc -O2 -o "$work/idn-peer" Benchmarks/peers/idn/peer.c -lidn
.build/release/jid-benchmark corpus "$count" "$mix" >"$work/differential.txt"
"$work/idn-peer" "$work/differential.txt" 0 >"$work/differential-libidn.txt"
.build/release/jid migrate "$work/differential.txt" --format csv >"$work/differential-ours.csv" 2>/dev/null || true
python3 - "$work" <<'PY'
import csv, sys
work = sys.argv[1]
ours = list(csv.DictReader(open(f"{work}/differential-ours.csv", newline="", encoding="utf-8")))
theirs = [line.rstrip("\n") for line in open(f"{work}/differential-libidn.txt", encoding="utf-8", errors="replace")]
def fold_domain(jid):
    rest, slash, resource = jid.partition("/")
    local, at, domain = rest.rpartition("@")
    return local + at + "".join(c.lower() if c.isascii() else c for c in domain) + slash + resource
validity = forms = valid = 0
for row, line in zip(ours, theirs):
    mine, libidn = row["rfc6122_valid"] == "true", line.startswith("1 ")
    if mine != libidn:
        validity += 1
        print(f"validity differs: {row['input']!r}: ours {mine}, libidn {libidn}")
    elif mine:
        valid += 1
        if row["rfc6122_jid"] != fold_domain(line[2:]):
            forms += 1
            print(f"form differs: {row['input']!r}: ours {row['rfc6122_jid']!r}, libidn {line[2:]!r}")
print(f"{len(ours)} addresses: {validity} validity differences; {valid} valid on both sides, {forms} form differences")
sys.exit(1 if validity or forms or len(ours) != len(theirs) else 0)
PY
