#!/usr/bin/env bash
# Builds the libFuzzer targets (release, -sanitize=fuzzer,address) and fuzzes one or all of them.
#
#   Fuzz/run.sh [TARGET|all] [SECONDS per target, default 60]
#
# TARGET: FuzzJID, FuzzLegacy, FuzzEscaping, FuzzURI, FuzzConfusables. The corpus grows in Fuzz/.work/corpus/TARGET
# (seeded from the test fixtures) and is reused by the next run; the inputs of past findings, in
# Fuzz/regressions/TARGET, are replayed first. A finding is written to Fuzz/.work/artifacts/ and makes the script
# exit 1. Prints the executions and the rate of each run.
set -euo pipefail
cd "$(dirname "$0")/.."
targets=(FuzzJID FuzzLegacy FuzzEscaping FuzzURI FuzzConfusables FuzzTLS)
which=${1:-all}
seconds=${2:-60}
[[ $which == all ]] || targets=("$which")
work=Fuzz/.work
mkdir -p "$work/artifacts"
for target in "${targets[@]}"; do
    JID_FUZZ=1 swift build -c release --product "$target" -Xswiftc -sanitize=fuzzer,address -Xswiftc -use-ld=lld \
        --build-path .build-fuzz 2>&1 | grep -Ev '^(\[|Building|Compiling|Write|warning: .swift-distributed)' || true
done
status=0
for target in "${targets[@]}"; do
    corpus="$work/corpus/$target"
    if [[ ! -d $corpus ]]; then python3 Fuzz/seeds.py "$target" "$corpus"; fi
    log="$work/$target.log"
    # Fuzz/regressions/TARGET holds every input that once found a bug: libFuzzer runs it first, read-only. A target
    # without a finding yet has none (git keeps no empty folder).
    mkdir -p "Fuzz/regressions/$target"
    if ! SWIFT_BACKTRACE=enable=no ".build-fuzz/release/$target" "$corpus" "Fuzz/regressions/$target" \
        -max_total_time="$seconds" -max_len=10000 -timeout=10 \
        -rss_limit_mb=4096 -print_final_stats=1 -artifact_prefix="$work/artifacts/$target-" >"$log" 2>&1; then
        echo "$target: FINDING (see $log and $work/artifacts/)"
        tail -40 "$log"
        status=1
        continue
    fi
    runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo 0)
    rate=$(grep -o 'exec/s: [0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || echo 0)
    units=$(ls "$corpus" | wc -l)
    echo "$target: ${seconds} s, $runs executions (~$rate/s), no finding; corpus $units inputs"
done
exit $status
