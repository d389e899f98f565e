#!/usr/bin/env bash
# Faults while `jid migrate` writes its report:
#   1. killed at random points (SIGKILL, SIGTERM, SIGINT): a file under the final name is never partial — it is
#      either absent or complete (one record per input line, the last one whole); SIGTERM and SIGINT leave no
#      temporary file either (SIGKILL cannot be cleaned up after: its `NAME.partial-PID` file is reported);
#   2. a full disk (a small tmpfs; needs root, skipped otherwise): exit status 1, a clear message, no file.
#
#   Load/migrate-faults.sh [--runs N] [--lines N] [--binary PATH]
set -euo pipefail
cd "$(dirname "$0")/.."
runs=12 lines=400000 binary=.build/release/jid
while [[ $# -gt 0 ]]; do
    case $1 in
    --runs) runs=$2; shift 2 ;;
    --lines) lines=$2; shift 2 ;;
    --binary) binary=$2; shift 2 ;;
    *) echo "usage: $0 [--runs N] [--lines N] [--binary PATH]" >&2; exit 2 ;;
    esac
done
[[ -x $binary ]] || swift build -c release --static-swift-stdlib --product jid
work=$(mktemp -d)
cleanup() { if mountpoint -q "$work/full" 2>/dev/null; then umount "$work/full"; fi; rm -rf "$work"; }
trap cleanup EXIT
python3 - "$lines" >"$work/input.txt" <<'PY'
import sys
names = ["juliet", "Romeo", "henriⅣ", "Fußball", "σωκράτης", "bad user", "ᏚᎢᎵᎬᎢᎬᏒ", "x\u0085y"]
domains = ["example.com", "EXAMPLE.org", "bücher.de", "faß.de", "[::1]", "xn--mgbh0fb.xn--kgbechtv"]
for i in range(int(sys.argv[1])):
    print(f"{names[i % len(names)]}{i}@{domains[i % len(domains)]}" + ("/res" if i % 3 == 0 else ""))
PY
expected=$(wc -l <"$work/input.txt")
# A complete, undisturbed run, for its duration.
start=$(date +%s.%N)
"$binary" migrate "$work/input.txt" -o "$work/complete.jsonl" 2>/dev/null
full=$(echo "$(date +%s.%N) - $start" | bc)
[[ $(wc -l <"$work/complete.jsonl") -eq $expected ]] || { echo "FAILED: an undisturbed run is incomplete" >&2; exit 1; }
echo "an undisturbed run of $expected lines takes ${full} s"

failures=0 complete=0 absent=0 leftovers=0
signals=(KILL TERM INT)
for run in $(seq 1 "$runs"); do
    rm -f "$work"/out.jsonl "$work"/out.jsonl.partial-*
    signal=${signals[$((run % 3))]}
    delay=$(python3 -c "import random; print(round(random.uniform(0.02, $full * 1.1), 3))")
    "$binary" migrate "$work/input.txt" -o "$work/out.jsonl" 2>/dev/null &
    pid=$!
    sleep "$delay"
    kill -s "$signal" "$pid" 2>/dev/null || true
    wait "$pid" && status=0 || status=$?
    partials=$(find "$work" -maxdepth 1 -name 'out.jsonl.partial-*' | wc -l)
    if [[ -e $work/out.jsonl ]]; then
        count=$(wc -l <"$work/out.jsonl")
        if [[ $count -eq $expected ]] && tail -c 1 "$work/out.jsonl" | od -An -c | grep -q '\\n' \
            && tail -n 1 "$work/out.jsonl" | python3 -c 'import json,sys; json.loads(sys.stdin.read())'; then
            complete=$((complete + 1))
            outcome="complete ($count records)"
        else
            failures=$((failures + 1))
            outcome="PARTIAL FILE UNDER THE FINAL NAME ($count of $expected records)"
        fi
    else
        absent=$((absent + 1))
        outcome="no file"
    fi
    if [[ $partials -gt 0 && $signal != KILL ]]; then
        failures=$((failures + 1))
        outcome="$outcome; TEMPORARY FILE LEFT AFTER SIG$signal"
    elif [[ $partials -gt 0 ]]; then
        leftovers=$((leftovers + 1))
        outcome="$outcome; its temporary file remains (SIGKILL cannot be cleaned up after)"
    fi
    echo "run $run: SIG$signal after ${delay} s: exit $status, $outcome"
done
echo "kills: $runs runs, $complete complete files, $absent without a file, $leftovers SIGKILL temporaries, $failures failures"

if [[ $(id -u) -eq 0 ]] && mkdir -p "$work/full" && mount -t tmpfs -o size=8m tmpfs "$work/full" 2>/dev/null; then
    set +e
    message=$("$binary" migrate "$work/input.txt" -o "$work/full/report.jsonl" 2>&1 >/dev/null)
    status=$?
    set -e
    left=$(ls -A "$work/full" | wc -l)
    echo "full disk: exit $status; files left on the full disk: $left; message: $(echo "$message" | grep -i 'space\|disk\|write' | head -1)"
    if [[ $status -ne 1 || $left -ne 0 ]] || ! grep -qi 'no space' <<<"$message"; then
        echo "FAILED: a full disk must give exit status 1, a clear message and no file" >&2
        failures=$((failures + 1))
    fi
else
    echo "full disk: skipped (needs root to mount a tmpfs)"
fi
[[ $failures -eq 0 ]] || exit 1
echo "migrate faults: passed"
