#!/usr/bin/env python3
"""Differential oracle: precis-i18n's answers for generated strings.

Prints one JSON object per line: {"input": s, "UsernameCaseMapped": [ok, output, error], "OpaqueString": [...]}.
Strings are drawn deterministically from code points assigned both in the running Python's own Unicode
database (which str.lower() uses) and in unicodedata2 15.0 (which precis-i18n is given), so that version skew
between the two cannot show up as a difference.

Usage: precis_i18n_oracle.py [COUNT] [SEED]
"""
import json
import random
import sys
import unicodedata

import unicodedata2
from precis_i18n import get_profile

PROFILES = ["UsernameCaseMapped", "OpaqueString"]


def assigned_in_both(cp):
    ch = chr(cp)
    return unicodedata.category(ch) != "Cn" and unicodedata2.category(ch) != "Cn"


def pool(ranges):
    return [cp for lo, hi in ranges for cp in range(lo, hi + 1) if assigned_in_both(cp) and not 0xD800 <= cp <= 0xDFFF]


POOLS = {
    "ascii": pool([(0x20, 0x7E)]),
    "latin": pool([(0xC0, 0x24F), (0x1E00, 0x1EFF)]),
    "greek": pool([(0x370, 0x3FF), (0x1F00, 0x1FFF)]),
    "cyrillic": pool([(0x400, 0x52F)]),
    "hebrew": pool([(0x591, 0x5F4)]),
    "arabic": pool([(0x600, 0x6FF), (0x750, 0x77F)]),
    "devanagari": pool([(0x900, 0x97F)]),
    "thai": pool([(0xE00, 0xE7F)]),
    "hangul": pool([(0x1100, 0x11FF), (0xAC00, 0xAC40)]),
    "cjk": pool([(0x3000, 0x30FF), (0x4E00, 0x4E40), (0xFF00, 0xFFEF)]),
    "marks": pool([(0x300, 0x36F), (0x1AB0, 0x1AFF), (0x20D0, 0x20FF)]),
    "specials": [0x200C, 0x200D, 0xB7, 0x375, 0x5F3, 0x5F4, 0x30FB, 0x660, 0x669, 0x6F0, 0x6F9, 0x3A3, 0x3C2,
                 0x130, 0x2126, 0x212A, 0xAD, 0x34F, 0xFEFF, 0x2028, 0x1680, 0x3000, 0xA0, 0x2163, 0x2460,
                 0x1D400, 0x1F600, 0xE000, 0xFDD0, 0x1F1E6, 0x94D, 0x9CD, 0x644, 0x627, 0x6CC],
    "symbols": pool([(0x2000, 0x2BFF), (0x1F300, 0x1F6FF)]),
    "anywhere": None,
}


def random_code_point(rng):
    while True:
        cp = rng.randrange(0, 0x110000)
        if not 0xD800 <= cp <= 0xDFFF and assigned_in_both(cp):
            return cp


def generate(count, seed):
    rng = random.Random(seed)
    names = list(POOLS)
    for _ in range(count):
        length = rng.choice([1, 1, 2, 3, 4, 5, 6, 8])
        primary = rng.choice(names)
        cps = []
        for _ in range(length):
            name = primary if rng.random() < 0.7 else rng.choice(names)
            cps.append(random_code_point(rng) if POOLS[name] is None else rng.choice(POOLS[name]))
        yield "".join(map(chr, cps))


def answer(profile, value):
    try:
        return [True, profile.enforce(value), None]
    except UnicodeEncodeError as error:
        return [False, None, error.reason]


def main():
    count = int(sys.argv[1]) if len(sys.argv) > 1 else 12000
    seed = int(sys.argv[2]) if len(sys.argv) > 2 else 7622
    profiles = {name: get_profile(name, unicodedata=unicodedata2) for name in PROFILES}
    out = sys.stdout
    for value in generate(count, seed):
        record = {"input": value}
        for name, profile in profiles.items():
            record[name] = answer(profile, value)
        out.write(json.dumps(record, ensure_ascii=True) + "\n")


if __name__ == "__main__":
    main()
