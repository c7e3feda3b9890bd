#!/usr/bin/env bash
# A throw-away PostgreSQL cluster for the test suite.
#
#   installer/pg_test_cluster.sh start    create + start a cluster, create database ipaid_test,
#                                         print its SQLAlchemy URL (the only line on stdout)
#   installer/pg_test_cluster.sh stop     stop the cluster and delete its files
#   installer/pg_test_cluster.sh status   say whether a cluster is recorded and running
#
# Environment:
#   IPAID_PG_PORT       TCP port on 127.0.0.1 (default 55432)
#   IPAID_PG_BIN        directory holding initdb and pg_ctl (default: newest /usr/lib/postgresql/*/bin)
#   IPAID_PG_OWNER_PID  process the cluster belongs to (default: the caller); while it is alive,
#                       another `start` on the same port refuses instead of stopping its cluster
#
# As root, initdb and the server run as user `postgres` (created by Debian's postgresql package).
# Trust authentication, fsync off: never use this for real data.
set -uo pipefail

port="${IPAID_PG_PORT:-55432}"
db=ipaid_test
state="/tmp/ipaid-pg-test-$(id -u)-$port.state"

say() { printf 'pg_test_cluster: %s\n' "$*" >&2; }
die() { say "$*"; exit 1; }

[[ "$port" =~ ^[0-9]+$ ]] || die "IPAID_PG_PORT must be a port number, not '$port'"

find_bin() {
    local d best=""
    if [[ -n "${IPAID_PG_BIN:-}" ]]; then
        [[ -x "$IPAID_PG_BIN/initdb" && -x "$IPAID_PG_BIN/pg_ctl" ]] ||
            die "IPAID_PG_BIN=$IPAID_PG_BIN does not contain initdb and pg_ctl"
        echo "$IPAID_PG_BIN"
        return
    fi
    # Highest major version first (sort -V handles 9.6 < 15 < 16).
    while read -r d; do
        if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
            best="$d"
            break
        fi
    done < <(printf '%s\n' /usr/lib/postgresql/*/bin | sort -V -r)
    if [[ -z "$best" ]] && command -v initdb >/dev/null 2>&1 && command -v pg_ctl >/dev/null 2>&1; then
        best="$(dirname "$(command -v initdb)")"
    fi
    [[ -n "$best" ]] || die "PostgreSQL server binaries (initdb, pg_ctl) not found under /usr/lib/postgresql/*/bin or on PATH; install them with: apt-get install postgresql"
    echo "$best"
}

# Run a PostgreSQL program as the right user: `postgres` when we are root (initdb refuses root).
as_pg() {
    if [[ "$(id -u)" == 0 ]]; then
        if command -v runuser >/dev/null 2>&1; then
            runuser -u postgres -- "$@"
        else
            su -s /bin/sh postgres -c "$(printf '%q ' "$@")"
        fi
    else
        "$@"
    fi
}

port_busy() { (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; }

# Reads the state file into the globals base, bin and owner. Returns 1 if there is none usable.
read_state() {
    base="" bin="" owner=""
    [[ -f "$state" && -O "$state" ]] || return 1
    local key value
    while IFS='=' read -r key value; do
        case "$key" in
            base) base="$value" ;;
            bin) bin="$value" ;;
            owner) owner="$value" ;;
        esac
    done <"$state"
    # Only ever delete what this script created.
    [[ "$base" == /tmp/ipaid-pg.* && -n "$bin" ]] || return 1
}

# Stops the cluster whose files live in $1 (made by this script) and deletes them.
destroy() {
    local dir="$1" pgbin="$2"
    [[ "$dir" == /tmp/ipaid-pg.* ]] || return 0
    if [[ -f "$dir/data/postmaster.pid" ]]; then
        as_pg "$pgbin/pg_ctl" -D "$dir/data" -m fast -w -t 20 stop >/dev/null 2>&1 ||
            as_pg "$pgbin/pg_ctl" -D "$dir/data" -m immediate -w -t 10 stop >/dev/null 2>&1 ||
            say "could not stop the cluster in $dir"
    fi
    rm -rf -- "$dir"
}

cmd_stop() {
    if ! read_state; then
        rm -f "$state"
        say "no test cluster recorded for port $port"
        return 0
    fi
    destroy "$base" "$bin"
    rm -f "$state"
    say "stopped and removed the test cluster on port $port"
}

cmd_status() {
    if read_state && [[ -f "$base/data/postmaster.pid" ]] && as_pg "$bin/pg_ctl" -D "$base/data" status >/dev/null 2>&1; then
        say "running on 127.0.0.1:$port, files in $base"
        echo "postgresql+psycopg://postgres@127.0.0.1:$port/$db"
        return 0
    fi
    say "no test cluster running on port $port"
    return 3
}

cmd_start() {
    local pgbin
    pgbin="$(find_bin)" || exit 1
    local me="${IPAID_PG_OWNER_PID:-$PPID}"

    # A cluster recorded by an earlier run on this port: refuse while its owner still runs,
    # otherwise it is a leftover (crash, Ctrl-C before the trap) and gets removed.
    if read_state; then
        if [[ -n "$owner" && "$owner" != "$me" ]] && kill -0 "$owner" 2>/dev/null &&
            [[ -f "$base/data/postmaster.pid" ]]; then
            die "port $port is used by the test cluster of another running process (pid $owner); set IPAID_PG_PORT to another port"
        fi
        say "removing a leftover test cluster on port $port ($base)"
        destroy "$base" "$bin"
    fi
    rm -f "$state"
    # Leftovers whose state file is gone: our own directories whose server listens on this port.
    local pidfile
    for pidfile in /tmp/ipaid-pg.*/data/postmaster.pid; do
        [[ -f "$pidfile" ]] || continue
        if [[ "$(sed -n 4p "$pidfile" 2>/dev/null)" == "$port" ]]; then
            say "removing a leftover test cluster on port $port (${pidfile%/data/postmaster.pid})"
            destroy "${pidfile%/data/postmaster.pid}" "$pgbin"
        fi
    done
    port_busy && die "port 127.0.0.1:$port is taken by another program; set IPAID_PG_PORT to a free port"

    if [[ "$(id -u)" == 0 ]] && ! id postgres >/dev/null 2>&1; then
        die "running as root needs the system user 'postgres' (created by Debian's postgresql package)"
    fi

    base="$(mktemp -d /tmp/ipaid-pg.XXXXXX)" || die "cannot create a directory in /tmp"
    mkdir -p "$base/data" "$base/sock"
    [[ "$(id -u)" == 0 ]] && chown -R postgres: "$base"
    chmod 700 "$base/data"
    printf 'base=%s\nbin=%s\nowner=%s\nport=%s\n' "$base" "$pgbin" "$me" "$port" >"$state"

    local log="$base/server.log"
    if ! as_pg "$pgbin/initdb" -D "$base/data" -A trust -U postgres -E UTF8 --no-locale -N >"$base/initdb.log" 2>&1; then
        tail -n 20 "$base/initdb.log" >&2
        cmd_stop >/dev/null 2>&1
        die "initdb failed"
    fi
    local opts="-p $port -k $base/sock -c listen_addresses=127.0.0.1 -c fsync=off"
    opts+=" -c synchronous_commit=off -c full_page_writes=off -c max_connections=60"
    if ! as_pg "$pgbin/pg_ctl" -D "$base/data" -l "$log" -o "$opts" -w -t 60 start >/dev/null 2>&1; then
        tail -n 20 "$log" >&2
        cmd_stop >/dev/null 2>&1
        die "the PostgreSQL server did not start"
    fi
    local createdb="$pgbin/createdb"
    [[ -x "$createdb" ]] || createdb="$(command -v createdb || true)"
    if [[ -z "$createdb" ]] || ! "$createdb" -w -h 127.0.0.1 -p "$port" -U postgres "$db" >&2; then
        cmd_stop >/dev/null 2>&1
        die "could not create database $db"
    fi
    say "PostgreSQL $("$pgbin/pg_ctl" --version | awk '{print $3}') test cluster on 127.0.0.1:$port ($base)"
    echo "postgresql+psycopg://postgres@127.0.0.1:$port/$db"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    *)
        awk 'NR > 1 && !/^#/ { exit } NR > 1 { sub(/^# ?/, ""); print }' "$0" >&2
        exit 2
        ;;
esac
