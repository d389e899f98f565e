"""Peer benchmark: parse JIDs with precis-i18n (UsernameCaseMapped, OpaqueString) and idna (IDNA2008),
splitting as RFC 7622 says. Reads a corpus into memory, then times parsing it. Prints: count valid per-second."""
import ipaddress
import sys
import time

import idna
from precis_i18n import get_profile

USERNAME = get_profile("UsernameCaseMapped")
OPAQUE = get_profile("OpaqueString")


def parse(s):
    localpart, domainpart, resourcepart = None, s, None
    if "/" in s:
        domainpart, resourcepart = s.split("/", 1)
    if "@" in domainpart:
        localpart, domainpart = domainpart.split("@", 1)
    domainpart = domainpart[:-1] if domainpart.endswith(".") else domainpart
    if not domainpart:
        raise ValueError
    try:
        ipaddress.ip_address(domainpart.strip("[]"))
    except ValueError:
        domainpart = idna.decode(idna.encode(domainpart, uts46=True))
    if localpart is not None:
        localpart = USERNAME.enforce(localpart)
        if len(localpart.encode()) > 1023 or any(c in localpart for c in "\"&'/:<>@"):
            raise ValueError
    if resourcepart is not None:
        resourcepart = OPAQUE.enforce(resourcepart)
    return localpart, domainpart, resourcepart


def main():
    corpus = open(sys.argv[1], encoding="utf-8", errors="surrogateescape").read().splitlines()
    rounds = int(sys.argv[2]) if len(sys.argv) > 2 else 2
    best = float("inf")
    valid = 0
    for _ in range(rounds):
        valid = 0
        start = time.perf_counter()
        for s in corpus:
            try:
                parse(s)
                valid += 1
            except (ValueError, UnicodeError, idna.IDNAError):
                pass
        best = min(best, time.perf_counter() - start)
    print(len(corpus), valid, round(len(corpus) / best))


if __name__ == "__main__":
    main()
