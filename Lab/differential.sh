#!/usr/bin/env bash
# The probe's protocol-version findings against sslyze's on every lab server (Lab/xmpp-lab.sh must be running).
#
#   Lab/differential.sh JID_BINARY LAB_DIR SSLYZE
#
# For each server: does it accept TLS 1.0 or 1.1, TLS 1.2, TLS 1.3? Ours: the checks tls10-11-refused, tls12-supported
# and tls13 of `jid tls probe --json`; sslyze's: any accepted cipher suite for that version (`--starttls xmpp`).
# Prints one line per server and exits 1 on any disagreement. SSLv3 is sslyze's alone (BoringSSL cannot offer it).
set -euo pipefail
jid=${1:?jid binary}
lab=${2:?lab directory}
sslyze=${3:?sslyze}
status=0
servers="127.0.0.2:5222 127.0.0.3:5222 127.0.0.4:5222"
[ -f "$lab/ejabberd.started" ] && servers="$servers 127.0.0.7:5222"
printf '%-16s %-22s %-22s %s\n' server "ours (1.0/1.1 1.2 1.3)" "sslyze (1.0/1.1 1.2 1.3)" "sslyze SSLv3"
for server in $servers; do
    ours=$("$jid" tls probe lab.example --connect "$server" --ca "$lab/certs/ca.pem" --json | python3 -c '
import json, sys
checks = {c["id"]: c["status"] for c in json.load(sys.stdin)["checks"]}
yes = lambda b: "yes" if b else "no"
print(yes(checks["tls10-11-refused"] == "fail"), yes(checks["tls12-supported"] == "pass"), yes(checks["tls13"] == "pass"))
' || true)
    out=$(mktemp)
    "$sslyze" --starttls xmpp --xmpp_to lab.example --sslv3 --tlsv1 --tlsv1_1 --tlsv1_2 --tlsv1_3 \
        --json_out "$out" "$server" >/dev/null 2>&1 || true
    theirs=$(python3 -c '
import json, sys
result = json.load(open(sys.argv[1]))["server_scan_results"][0]["scan_result"]
def accepted(name):
    attempt = result.get(name) or {}
    return bool(attempt.get("result") and attempt["result"]["accepted_cipher_suites"])
yes = lambda b: "yes" if b else "no"
print(yes(accepted("tls_1_0_cipher_suites") or accepted("tls_1_1_cipher_suites")),
      yes(accepted("tls_1_2_cipher_suites")), yes(accepted("tls_1_3_cipher_suites")),
      yes(accepted("ssl_3_0_cipher_suites")))
' "$out")
    rm -f "$out"
    printf '%-16s %-22s %-22s %s\n' "$server" "$ours" "${theirs% *}" "${theirs##* }"
    [ "$ours" = "${theirs% *}" ] || { echo "  disagreement on $server" >&2; status=1; }
done
exit $status
