#!/usr/bin/env python3
"""Writes the seed corpus of a fuzz target from the test fixtures (the peer vectors the test targets carry)."""
import hashlib, json, os, sys

root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
target, out = sys.argv[1], sys.argv[2]
fixtures = [os.path.join(root, "Tests/JIDCoreTests/Fixtures"), os.path.join(root, "Tests/JIDConfusablesTests/Fixtures")]
seeds = set()
for directory in fixtures:
    for name in sorted(os.listdir(directory)):
        if not name.endswith(".jsonl"):
            continue
        for line in open(os.path.join(directory, name), encoding="utf-8", errors="surrogatepass"):
            try:
                record = json.loads(line)
            except ValueError:
                continue
            for key in ("input", "a", "b", "domain", "unicode", "output"):
                value = record.get(key)
                if not isinstance(value, str):
                    continue
                if record.get("input_encoding", "").startswith("hex") and key == "input":
                    seeds.add(bytes.fromhex(value))
                else:
                    seeds.add(value.encode("utf-8", "surrogatepass"))
extra = {
    "FuzzEscaping": [b"d'artagnan", b"c:\\5commas", b"\\20space", b"\\5c\\27", b" leading"],
    "FuzzURI": [b"xmpp:juliet@example.com", b"xmpp://guest@example.com/support@example.com?message",
                b"xmpp:%E2%85%A3@example.com/r#frag", b"xmpp:example.com?join"],
}
for seed in extra.get(target, []):
    seeds.add(seed)
if target == "FuzzURI":
    seeds |= {b"xmpp:" + s for s in list(seeds)[:2000]}
if target == "FuzzTLS":
    # The TLS test fixtures (made by openssl), as PEM and as DER, each for a few domains.
    import subprocess, tempfile
    with tempfile.TemporaryDirectory() as work:
        subprocess.run(["bash", os.path.join(root, "Tests/JIDTLSTests/make-fixtures.sh"), work], check=True)
        pems = [open(os.path.join(work, n), "rb").read() for n in sorted(os.listdir(work)) if n.endswith(".pem")]
    seeds = set()
    for pem in pems:
        der = subprocess.run(["openssl", "x509", "-outform", "DER"], input=pem, capture_output=True).stdout
        for domain in (b"example.org", b"chat.example.org", "nœud.example".encode(), b"192.0.2.1"):
            seeds.add(domain + b"\0" + pem)
            if der:
                seeds.add(domain + b"\0" + der)
os.makedirs(out, exist_ok=True)
for seed in seeds:
    with open(os.path.join(out, hashlib.sha1(seed).hexdigest()), "wb") as f:
        f.write(seed)
print(f"{len(seeds)} seeds for {target} in {out}")
