#!/usr/bin/env bash
# A lab of real XMPP servers on loopback addresses, for the TLS probe's tests and the differential check.
#
#   Lab/xmpp-lab.sh start DIR    generate a CA and certificates, start everything, write DIR/lab.env
#   Lab/xmpp-lab.sh stop DIR     stop everything by PID
#   Lab/xmpp-lab.sh run CMD…     start in a temporary directory, run CMD with JID_XMPP_LAB set, stop, exit as CMD
#
# Services (all on port 5222 unless said; the domain is lab.example):
#   127.0.0.2  Prosody, well configured: TLS 1.2+, STARTTLS required, direct TLS on 5223
#   127.0.0.3  Prosody, weak: TLS 1.0 allowed, ALL:@SECLEVEL=0, STARTTLS optional, PLAIN before TLS
#   127.0.0.4  Prosody with a certificate for other.example
#   127.0.0.5  a proxy to 127.0.0.2 that strips <starttls> from the first features (Lab/lab-servers.py)
#   127.0.0.6  a listener that accepts and never speaks
#   127.0.0.8  a stream whose features never end
#   127.0.0.10 a web server's answer; 127.0.0.11 a document type with nested entities (billion laughs)
#   127.0.0.7  ejabberd (when installed and run as root), well configured: STARTTLS required, direct TLS on 5223
#   127.0.0.1:5353  dnsmasq: SRV _xmpp-client._tcp.lab.example -> good.lab.example:5222 (127.0.0.2),
#                   _xmpps-client._tcp.lab.example -> good.lab.example:5223, and no service for none.example
# Needs: prosody, dnsmasq (dnsmasq-base), openssl, python3. Everything runs as the calling user, in DIR.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)

certificates() {
    local dir=$1
    mkdir -p "$dir/certs"
    cd "$dir/certs"
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 30 -subj "/CN=jid lab CA" \
        -keyout ca.key -out ca.pem 2>/dev/null
    issue() { # name, SAN list
        openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$1" -keyout "$1.key" \
            -out "$1.csr" 2>/dev/null
        printf 'subjectAltName=%s\nextendedKeyUsage=serverAuth,clientAuth\nbasicConstraints=CA:FALSE\n' "$2" > "$1.ext"
        openssl x509 -req -in "$1.csr" -CA ca.pem -CAkey ca.key -CAcreateserial -days 30 -extfile "$1.ext" \
            -out "$1.crt" 2>/dev/null
        cat "$1.crt" ca.pem > "$1.chain.pem"
    }
    issue lab.example "DNS:lab.example,DNS:good.lab.example,otherName:1.3.6.1.5.5.7.8.7;IA5STRING:_xmpp-client.lab.example,otherName:1.3.6.1.5.5.7.8.5;UTF8:lab.example"
    issue other.example "DNS:other.example"
    chmod 644 ./*.key
    cd - >/dev/null
}

prosody_config() { # name, address, extra settings, certificate name
    local dir=$1/$2 address=$3 extra=$4 cert=$5
    mkdir -p "$dir/data"
    cat > "$dir/prosody.cfg.lua" <<CFG
pidfile = "$dir/prosody.pid"
data_path = "$dir/data"
log = { { levels = { min = "info" }, to = "file", filename = "$dir/prosody.log" } }
run_as_root = true
interfaces = { "$address" }
c2s_ports = { 5222 }
c2s_direct_tls_ports = { 5223 }
s2s_ports = { }
http_ports = { }
https_ports = { }
modules_enabled = { "saslauth", "tls", "disco", "ping" }
modules_disabled = { "s2s", "offline" }
authentication = "internal_hashed"
storage = "internal"
certificates = "$1/certs/none"
c2s_direct_tls_ssl = { key = "$1/certs/$cert.key", certificate = "$1/certs/$cert.chain.pem" }
$extra
VirtualHost "lab.example"
    ssl = { key = "$1/certs/$cert.key", certificate = "$1/certs/$cert.chain.pem" }
CFG
}

start() {
    local dir=$1
    mkdir -p "$dir"
    dir=$(cd "$dir" && pwd)
    certificates "$dir"
    prosody_config "$dir" good 127.0.0.2 'c2s_require_encryption = true
ssl = { protocol = "tlsv1_2+" }' lab.example
    prosody_config "$dir" weak 127.0.0.3 'c2s_require_encryption = false
allow_unencrypted_plain_auth = true
ssl = { protocol = "tlsv1+", ciphers = "ALL:@SECLEVEL=0" }' lab.example
    prosody_config "$dir" wrong 127.0.0.4 'c2s_require_encryption = true' other.example
    : > "$dir/pids"
    for name in good weak wrong; do
        prosody --config "$dir/$name/prosody.cfg.lua" > "$dir/$name/stdout.log" 2>&1 &
        echo "$! prosody-$name" >> "$dir/pids"
    done
    python3 "$here/lab-servers.py" 127.0.0.5 5222 127.0.0.2 5222 > "$dir/strip.log" 2>&1 &
    echo "$! strip-proxy" >> "$dir/pids"
    local mode address
    for mode in mute:127.0.0.6 flood:127.0.0.8 garbage:127.0.0.10 entities:127.0.0.11; do
        address=${mode#*:}
        python3 "$here/lab-servers.py" "--${mode%%:*}" "$address" 5222 > "$dir/${mode%%:*}.log" 2>&1 &
        echo "$! ${mode%%:*}" >> "$dir/pids"
    done
    dnsmasq --keep-in-foreground --no-daemon --port=5353 --listen-address=127.0.0.1 --bind-interfaces \
        --no-resolv --no-hosts --log-facility="$dir/dnsmasq.log" --pid-file="$dir/dnsmasq.pid" \
        --srv-host=_xmpp-client._tcp.lab.example,good.lab.example,5222,0,5 \
        --srv-host=_xmpps-client._tcp.lab.example,good.lab.example,5223,5,5 \
        --srv-host=_xmpp-client._tcp.none.example \
        --host-record=good.lab.example,127.0.0.2 \
        --host-record=lab.example,127.0.0.2 > "$dir/dnsmasq.out" 2>&1 &
    echo "$! dnsmasq" >> "$dir/pids"
    ejabberd_start "$dir"
    # Ready when every listener accepts.
    local endpoints="127.0.0.2:5222 127.0.0.2:5223 127.0.0.3:5222 127.0.0.4:5222 127.0.0.5:5222 127.0.0.6:5222
        127.0.0.8:5222 127.0.0.10:5222 127.0.0.11:5222"
    [ -f "$dir/ejabberd.started" ] && endpoints="$endpoints 127.0.0.7:5222 127.0.0.7:5223"
    for endpoint in $endpoints; do
        for _ in $(seq 1 100); do
            if python3 -c "import socket,sys; socket.create_connection(('${endpoint%:*}', ${endpoint#*:}), 0.2).close()" \
                2>/dev/null; then continue 2; fi
            sleep 0.05
        done
        echo "xmpp-lab: $endpoint did not start; logs are in $dir" >&2
        stop "$dir"
        exit 1
    done
    cat > "$dir/lab.env" <<ENV
JID_XMPP_LAB=$dir
ENV
    echo "xmpp-lab: started in $dir"
}

# ejabberd runs as its own user (ejabberdctl switches to it), in DIR/ejabberd.
ejabberd_start() {
    local dir=$1 node="jidlab$$@localhost"
    command -v ejabberdctl >/dev/null && [ "$(id -u)" -eq 0 ] || return 0
    rm -rf "$dir/ejabberd"  # Mnesia keeps the node name: a new node needs a new spool
    mkdir -p "$dir/ejabberd/logs" "$dir/ejabberd/db"
    cp "$dir/certs/lab.example.chain.pem" "$dir/certs/lab.example.key" "$dir/ejabberd/"
    : > "$dir/ejabberd/inetrc"
    : > "$dir/ejabberd/ejabberdctl.cfg"
    cat > "$dir/ejabberd/ejabberd.yml" <<YML
hosts:
  - lab.example
loglevel: info
certfiles:
  - $dir/ejabberd/lab.example.chain.pem
  - $dir/ejabberd/lab.example.key
c2s_protocol_options:
  - no_sslv3
  - no_tlsv1
  - no_tlsv1_1
  - cipher_server_preference
  - no_compression
listen:
  - {port: 5222, ip: "127.0.0.7", module: ejabberd_c2s, starttls_required: true}
  - {port: 5223, ip: "127.0.0.7", module: ejabberd_c2s, tls: true}
auth_method: internal
acl: {}
access_rules: {}
modules:
  mod_disco: {}
  mod_ping: {}
YML
    chmod 755 "$dir"
    chown -R ejabberd "$dir/ejabberd"
    local epmd_before
    epmd_before=$(pgrep -x epmd || true)
    # Debian 12's erlang-p1-cache-tab (1.0.30) never sets the counter limit of its NIF (`max_counters` in
    # `load`), so it is whatever the allocated memory held; when that is 0, ejabberd stops at start with
    # "Maximum number (0) of ETS cache tables has reached". A start that fails so is made again (new memory), up
    # to three times; the log of each failed one is kept as out.N.log.
    local attempt bug="ETS cache tables has reached"
    for attempt in 1 2 3; do
        (cd "$dir/ejabberd" && exec ejabberdctl --config-dir "$dir/ejabberd" --config "$dir/ejabberd/ejabberd.yml" \
            --ctl-config "$dir/ejabberd/ejabberdctl.cfg" --logs "$dir/ejabberd/logs" --spool "$dir/ejabberd/db" \
            --node "$node" foreground > "$dir/ejabberd/out.log" 2>&1) &
        for _ in $(seq 1 200); do
            if python3 -c "import socket; socket.create_connection(('127.0.0.7', 5223), 0.2).close()" 2>/dev/null; then
                break 2
            fi
            grep -q "$bug" "$dir/ejabberd/out.log" 2>/dev/null && break
            sleep 0.1
        done
        grep -q "$bug" "$dir/ejabberd/out.log" 2>/dev/null || break
        echo "xmpp-lab: ejabberd stopped at start on the cache_tab counter bug (try $attempt of 3)" >&2
        pkill -KILL -f -- "beam.smp.*$node" 2>/dev/null || true
        for _ in $(seq 1 50); do pgrep -f -- "beam.smp.*$node" >/dev/null || break; sleep 0.1; done
        mv "$dir/ejabberd/out.log" "$dir/ejabberd/out.$attempt.log"
    done
    local beam
    beam=$(pgrep -f -- "beam.smp.*$node" | head -1 || true)
    [ -n "$beam" ] && echo "$beam ejabberd" >> "$dir/pids"
    # epmd, which the Erlang node started, unless one was running before.
    if [ -z "$epmd_before" ]; then
        local epmd
        epmd=$(pgrep -x epmd || true)
        [ -n "$epmd" ] && echo "$epmd epmd" >> "$dir/pids"
    fi
    touch "$dir/ejabberd.started"
}

stop() {
    local dir=$1
    [ -f "$dir/pids" ] || return 0
    while read -r pid name; do
        kill -TERM "$pid" 2>/dev/null || true
    done < "$dir/pids"
    while read -r pid name; do
        for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
        kill -KILL "$pid" 2>/dev/null || true
    done < "$dir/pids"
    rm -f "$dir/pids"
}

case "${1:-}" in
    start) start "$2" ;;
    stop) stop "$2" ;;
    run)
        shift
        dir=$(mktemp -d -t jid-xmpp-lab.XXXXXX)
        start "$dir"
        trap 'stop "$dir"; rm -rf "$dir"' EXIT
        status=0
        JID_XMPP_LAB=$dir "$@" || status=$?
        exit $status
        ;;
    *) echo "usage: $0 start DIR | stop DIR | run COMMAND…" >&2; exit 2 ;;
esac
