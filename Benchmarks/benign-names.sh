#!/usr/bin/env bash
# Benign names must not be blocked: scores the first and last names of PyPI's `names-dataset` (3.3.1, about
# 1.2 million distinct names from 105 countries; downloaded, not committed), lowercased and NFC, as localparts
# (`name@example.com`) and as domain labels (`name.example`), and prints the block and review rates overall and
# per script (scripts with at least 500 names). Targets: block rate <= 0.1% overall and <= 0.5% per script.
#   Benchmarks/benign-names.sh
set -euo pipefail
cd "$(dirname "$0")/.."
work=Benchmarks/.work/names
mkdir -p "$work"
[[ -x .build/release/jid ]] || swift build -c release --static-swift-stdlib --product jid
if [[ ! -f $work/names.txt ]]; then
    pip download -q names-dataset==3.3.1 --no-deps -d "$work"
    python3 - "$work" <<'PY'
import gzip, pickle, sys, unicodedata, zipfile
work = sys.argv[1]
wheel = zipfile.ZipFile(f"{work}/names_dataset-3.3.1-py3-none-any.whl")
names = set()
for member in ("names_dataset/v3/first_names.pkl.gz", "names_dataset/v3/last_names.pkl.gz"):
    for name in pickle.loads(gzip.decompress(wheel.read(member))):
        name = unicodedata.normalize("NFC", name.lower())
        if name and " " not in name:
            names.add(name)
open(f"{work}/names.txt", "w", encoding="utf-8").write("\n".join(sorted(names)) + "\n")
PY
fi
for form in localpart domain; do
    if [[ $form == localpart ]]; then suffix='@example.com'; else suffix='.example'; fi
    sed "s/\$/$suffix/" "$work/names.txt" | .build/release/jid confusables score --json >"$work/$form.jsonl" || true
    python3 - "$work/$form.jsonl" "$form" <<'PY'
import collections, ctypes, json, sys
icu = ctypes.CDLL("libicuuc.so.72")
get_script = icu.uscript_getScript_72
get_script.argtypes = [ctypes.c_int32, ctypes.POINTER(ctypes.c_int)]
short_name = icu.uscript_getShortName_72
short_name.restype = ctypes.c_char_p
def script(name):
    counts = collections.Counter()
    for character in name:
        error = ctypes.c_int(0)
        code = get_script(ord(character), ctypes.byref(error))
        if code > 1:
            counts[short_name(code).decode()] += 1
    return counts.most_common(1)[0][0] if counts else "Zyyy"
total, blocked, reviewed, invalid = (collections.Counter() for _ in range(4))
examples = collections.defaultdict(list)
for line in open(sys.argv[1], encoding="utf-8"):
    record = json.loads(line)
    name = record["input"].rsplit("@", 1)[0] if sys.argv[2] == "localpart" else record["input"][: -len(".example")]
    s = script(name)
    if not record["valid"]:
        invalid[s] += 1
        continue
    total[s] += 1
    if record["verdict"] == "block":
        blocked[s] += 1
        if len(examples[s]) < 5:
            examples[s].append(name)
    elif record["verdict"] == "review":
        reviewed[s] += 1
n, b = sum(total.values()), sum(blocked.values())
print(f"as {sys.argv[2]}s: {n} valid names ({sum(invalid.values())} refused by RFC 7622): "
      f"block {100 * b / n:.4f}%, review {100 * sum(reviewed.values()) / n:.2f}%")
for s, count in total.most_common():
    if count >= 500:
        print(f"  {s}: {count} names, block {100 * blocked[s] / count:.3f}%, review {100 * reviewed[s] / count:.2f}%"
              + (f"; blocked e.g. {', '.join(examples[s])}" if examples[s] else ""))
PY
done
