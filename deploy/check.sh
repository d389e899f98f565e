#!/usr/bin/env bash
# Checks every file in deploy/ with the tool that understands it. Run from the repository root, as root (for
# debootstrap and chroot); .ci/run calls it. Needs: systemd, nginx, openssl, debootstrap, curl, python3.
#   deploy/check.sh [systemd|nginx|kubernetes|container]...   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
work=$(mktemp -d)
cleanup() {
    [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
    pkill -f "jid serve --port 18181" 2>/dev/null || true
    mountpoint -q "$work/rootfs/proc" 2>/dev/null && umount "$work/rootfs/proc"
    rm -rf "$work"
}
trap cleanup EXIT

check_systemd() {
    echo "== systemd: systemd-analyze verify and security"
    swift build -c release --static-swift-stdlib --product jid >/dev/null
    sed "s#/usr/local/bin/jid#$PWD/.build/release/jid#" deploy/systemd/jid.service > "$work/jid.service"
    systemd-analyze verify "$work/jid.service"
    systemd-analyze security --offline=yes --threshold=20 "$work/jid.service" | tail -n 1
}

check_nginx() {
    echo "== nginx: nginx -t, then TLS and proxying for real"
    swift build -c release --static-swift-stdlib --product jid >/dev/null
    mkdir -p "$work/logs"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 1 -subj /CN=jid.example.com \
        -keyout "$work/privkey.pem" -out "$work/fullchain.pem" 2>/dev/null
    sed -e "s#/etc/ssl/jid/#$work/#" -e 's/listen 443/listen 18443/' -e 's/listen \[::\]:443/listen [::]:18443/' \
        -e 's/listen 80;/listen 18080;/' -e 's/listen \[::\]:80;/listen [::]:18080;/' \
        -e 's/127.0.0.1:8080/127.0.0.1:18181/' deploy/nginx/jid.conf > "$work/jid.conf"
    cat > "$work/nginx.conf" <<CONF
worker_processes 1;
error_log $work/logs/error.log;
pid $work/nginx.pid;
events {}
http { access_log off; include $work/jid.conf; }
CONF
    nginx -t -c "$work/nginx.conf" -p "$work"
    .build/release/jid serve --port 18181 --log-level warning &
    nginx -c "$work/nginx.conf" -p "$work"
    # -f: wait for a 200 from the service behind nginx, not for nginx alone (a 502 while jid starts).
    for _ in $(seq 1 100); do curl -skf https://127.0.0.1:18443/healthz >/dev/null && break; sleep 0.2; done
    local headers
    headers=$(curl -sk -D - -o /dev/null https://127.0.0.1:18443/v1/jid/parse?jid=a%40b.c)
    grep -q "^HTTP/.* 200" <<<"$headers" || { echo "no 200 through the proxy"; exit 1; }
    grep -qi "^strict-transport-security: max-age=63072000" <<<"$headers" || { echo "no HSTS header"; exit 1; }
    grep -qi "^x-request-id:" <<<"$headers" || { echo "no request ID through the proxy"; exit 1; }
    for version in tls1_2 tls1_3; do
        openssl s_client -connect 127.0.0.1:18443 "-$version" </dev/null >/dev/null 2>&1 || { echo "$version refused"; exit 1; }
    done
    for version in tls1 tls1_1; do
        if openssl s_client -connect 127.0.0.1:18443 "-$version" -cipher 'ALL:@SECLEVEL=0' </dev/null >/dev/null 2>&1; then
            echo "$version accepted"; exit 1
        fi
    done
    if openssl s_client -connect 127.0.0.1:18443 -tls1_2 -cipher 'AES128-SHA:AES256-SHA:ECDHE-RSA-AES128-SHA' </dev/null >/dev/null 2>&1; then
        echo "a non-AEAD or non-ECDHE cipher was accepted"; exit 1
    fi
    echo "TLS 1.2 and 1.3 accepted, TLS 1.0/1.1 and CBC/RSA key exchange refused, HSTS set, proxying works"
}

check_kubernetes() {
    echo "== kubernetes: strict schema validation"
    pip install -q kubernetes-validate==1.37.0
    kubernetes-validate --strict -k 1.30.0 deploy/kubernetes/*.yaml
}

check_container() {
    echo "== container: the static-stdlib binary on a root with only libicu72, libidn2-0, libxml2 and ca-certificates"
    # The same build as the Containerfile's build stage (and the README's).
    swift build -c release --static-swift-stdlib --product jid >/dev/null
    local bin
    bin=$(swift build -c release --static-swift-stdlib --product jid --show-bin-path)
    debootstrap --variant=minbase --include=libicu72,libidn2-0,libxml2,ca-certificates bookworm "$work/rootfs" http://deb.debian.org/debian >/dev/null
    mkdir -p "$work/rootfs/usr/local/bin"
    cp "$bin/jid" "$work/rootfs/usr/local/bin/"
    mount -t proc proc "$work/rootfs/proc"   # as a container runtime does; Swift reads argv from /proc
    chroot "$work/rootfs" /usr/local/bin/jid --version
    chroot "$work/rootfs" /usr/local/bin/jid check 'Juliet@Example.COM/Balcony' 'a@bücher.de' >/dev/null
    chroot "$work/rootfs" /usr/local/bin/jid serve --port 18181 --log-level warning &
    for _ in $(seq 1 50); do chroot "$work/rootfs" /usr/local/bin/jid probe http://127.0.0.1:18181/healthz 2>/dev/null && break; sleep 0.2; done
    chroot "$work/rootfs" /usr/local/bin/jid probe http://127.0.0.1:18181/healthz
    # Read the whole document before looking at it: `| head -n 1` would close the pipe under curl (exit 23).
    [[ "$(curl -sf http://127.0.0.1:18181/openapi.yaml)" == "openapi: 3.1"* ]]
    pkill -f "jid serve --port 18181"
    echo "runs; installed packages beyond the base system that it needs: $(chroot "$work/rootfs" dpkg-query -W -f '${Package} ' libicu72 libidn2-0 libxml2 ca-certificates)"
}

checks=("$@")
[ ${#checks[@]} -eq 0 ] && checks=(systemd nginx kubernetes container)
for check in "${checks[@]}"; do "check_$check"; done
echo "deploy checks passed"
