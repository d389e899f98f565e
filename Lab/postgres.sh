#!/usr/bin/env bash
# A real PostgreSQL server for the store's tests: a new cluster in a directory of its own, on a loopback port.
#
#   Lab/postgres.sh start DIR [PORT]   initdb (trust on loopback, user jid), start, wait until ready, write DIR/url
#   Lab/postgres.sh stop DIR           stop the server by PID (fast shutdown) and wait for it
#   Lab/postgres.sh resume DIR [PORT]  start the server again on the cluster DIR already holds
#   Lab/postgres.sh run CMD…           start in a temporary directory on port 55432 (JID_POSTGRES_PORT), run CMD with
#                                      JID_TEST_DATABASE_URL set, stop, remove the directory, exit as CMD
#
# Needs Debian's postgresql package (initdb and postgres under /usr/lib/postgresql/VERSION/bin). PostgreSQL refuses
# to run as root; as root, the server runs as the postgres user (which the package creates), in a directory it owns.
set -euo pipefail

bindir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [[ -n $dir && -x $dir/initdb ]] || { echo "postgres.sh: PostgreSQL is not installed (apt-get install postgresql)" >&2; return 1; }
    echo "$dir"
}

as_owner() { # run a command as the cluster's owner
    if [[ $(id -u) == 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi
}

start() {
    local dir=$1 port=${2:-55432} bin
    bin=$(bindir)
    mkdir -p "$dir"
    if [[ $(id -u) == 0 ]]; then chown postgres: "$dir"; fi
    as_owner "$bin/initdb" -D "$dir/data" -U jid --auth=trust --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1
    resume "$dir" "$port"
}

resume() {
    local dir=$1 port=${2:-55432} bin
    bin=$(bindir)
    as_owner "$bin/postgres" -D "$dir/data" -k "$dir" -c listen_addresses=127.0.0.1 -p "$port" \
        -c fsync=on -c max_connections=200 </dev/null >"$dir/postgres.log" 2>&1 &
    # As root, $! is runuser's; the server's own PID (which stop signals) is the first line of postmaster.pid.
    echo $! >"$dir/postgres.pid"
    for _ in $(seq 1 100); do
        if "$bin/pg_isready" -q -h 127.0.0.1 -p "$port" && [[ -s $dir/data/postmaster.pid ]]; then
            head -1 "$dir/data/postmaster.pid" >"$dir/postgres.pid"
            echo "postgres://jid@127.0.0.1:$port/postgres" >"$dir/url"
            return 0
        fi
        sleep 0.1
    done
    echo "postgres.sh: the server did not start; see $dir/postgres.log" >&2
    stop "$dir"
    return 1
}

stop() {
    local dir=$1 pid
    [[ -f $dir/postgres.pid ]] || return 0
    pid=$(cat "$dir/postgres.pid")
    kill -INT "$pid" 2>/dev/null || true
    for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$pid" 2>/dev/null || true
    rm -f "$dir/postgres.pid"
}

case ${1:-} in
start) start "$2" "${3:-55432}" ;;
stop) stop "$2" ;;
resume) resume "$2" "${3:-55432}" ;;
run)
    shift
    dir=$(mktemp -d -t jid-postgres.XXXXXX)
    trap 'stop "$dir"; rm -rf "$dir"' EXIT
    start "$dir" "${JID_POSTGRES_PORT:-55432}"
    status=0
    JID_TEST_DATABASE_URL=$(cat "$dir/url") "$@" || status=$?
    exit $status
    ;;
*)
    sed -n '2,12p' "$0" >&2
    exit 2
    ;;
esac
