#!/usr/bin/env bash
# Makes the certificate fixtures of the TLS tests with openssl, into the directory given (new keys each run):
#   root.pem          trust anchor (EC P-256)           other-root.pem  an anchor nobody trusts
#   int.pem           intermediate (RSA 2048) under root
#   LEAF.pem          leaf only;  LEAF-chain.pem  leaf then int.pem
# Leaves are EC P-256 keys signed by the intermediate with SHA-256, valid for 90 days from now, unless named:
#   dns            DNS:example.org                    upper        DNS:EXAMPLE.ORG.
#   srv-client     SRV-ID _xmpp-client.example.org    srv-server   SRV-ID _xmpp-server.example.org
#   xmppaddr       XmppAddr example.org               xmppaddr-idn XmppAddr nœud.example (U-labels)
#   xmppaddr-user  XmppAddr juliet@example.org        idn          DNS:xn--nud-fya.example
#   wildcard       DNS:*.example.org                  partial      DNS:c*.example.org
#   wildcard-tld   DNS:*.org                          ip           IP:192.0.2.1, IP:2001:db8::1
#   cn-only        CN=example.org, no SAN             cn-other-san CN=example.org, DNS:other.example
#   rsa1024        DNS:example.org, RSA 1024 key      sha1         DNS:example.org, signed with SHA-1
#   client-eku     DNS:example.org, EKU clientAuth only
#   unknown        DNS:example.org, issued by other-root
set -euo pipefail
out=${1:?output directory}
mkdir -p "$out"
cd "$out"
ossl() { openssl "$@" 2>/dev/null; }

ca() {  # name subject [issuer]
    ossl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$1.key" -out "$1.pem" -days 3650 \
        -subj "/CN=$2" -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign"
}
ca root "jid-service Test Root"
ca other-root "Untrusted Test Root"
ossl req -new -newkey rsa:2048 -nodes -keyout int.key -out int.csr -subj "/CN=jid-service Test Intermediate"
printf 'basicConstraints=critical,CA:TRUE,pathlen:0\nkeyUsage=critical,keyCertSign,cRLSign\n' >int.ext
ossl x509 -req -in int.csr -CA root.pem -CAkey root.key -CAcreateserial -days 3000 -sha256 -extfile int.ext -out int.pem

leaf() {  # name subject-cn extensions [key-spec] [digest] [issuer]
    local name=$1 cn=$2 ext=$3 key=${4:-ec} digest=${5:-sha256} issuer=${6:-int}
    if [[ $key == ec ]]; then
        ossl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=$cn"
    else
        ossl req -new -newkey "$key" -nodes -keyout "$name.key" -out "$name.csr" -subj "/CN=$cn"
    fi
    printf '%b\n' "$ext" >"$name.ext"
    ossl x509 -req -in "$name.csr" -CA "$issuer.pem" -CAkey "$issuer.key" -CAcreateserial -days 90 "-$digest" \
        -extfile "$name.ext" -out "$name.pem"
    cat "$name.pem" int.pem >"$name-chain.pem"
}
server='basicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth,clientAuth'
leaf dns "example.org" "$server\nsubjectAltName=DNS:example.org"
leaf upper "EXAMPLE.ORG" "$server\nsubjectAltName=DNS:EXAMPLE.ORG."
leaf srv-client "example.org" "$server\nsubjectAltName=otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-client.example.org"
leaf srv-server "example.org" "$server\nsubjectAltName=otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-server.example.org"
leaf xmppaddr "example.org" "$server\nsubjectAltName=@alt\n[alt]\notherName.1=1.3.6.1.5.5.7.8.5;FORMAT:UTF8,UTF8:example.org"
leaf xmppaddr-idn "xn--nud-fya.example" "$server\nsubjectAltName=@alt\n[alt]\notherName.1=1.3.6.1.5.5.7.8.5;FORMAT:UTF8,UTF8:nœud.example"
leaf xmppaddr-user "example.org" "$server\nsubjectAltName=@alt\n[alt]\notherName.1=1.3.6.1.5.5.7.8.5;FORMAT:UTF8,UTF8:juliet@example.org"
leaf idn "xn--nud-fya.example" "$server\nsubjectAltName=DNS:xn--nud-fya.example"
leaf wildcard "example.org" "$server\nsubjectAltName=DNS:*.example.org"
leaf partial "example.org" "$server\nsubjectAltName=DNS:c*.example.org"
leaf wildcard-tld "example.org" "$server\nsubjectAltName=DNS:*.org"
leaf ip "192.0.2.1" "$server\nsubjectAltName=IP:192.0.2.1,IP:2001:db8::1"
leaf cn-only "example.org" "$server"
leaf cn-other-san "example.org" "$server\nsubjectAltName=DNS:other.example"
leaf rsa1024 "example.org" "$server\nsubjectAltName=DNS:example.org" rsa:1024
leaf sha1 "example.org" "$server\nsubjectAltName=DNS:example.org" ec sha1
leaf client-eku "example.org" "basicConstraints=CA:FALSE\nextendedKeyUsage=clientAuth\nsubjectAltName=DNS:example.org"
leaf unknown "example.org" "$server\nsubjectAltName=DNS:example.org" ec sha256 other-root
cat unknown.pem other-root.pem >unknown-chain.pem
rm -f ./*.csr ./*.ext ./*.srl
