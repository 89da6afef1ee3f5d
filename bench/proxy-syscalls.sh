#!/usr/bin/env bash
# System calls per proxied request: Rampart pass-through against nginx as a reverse proxy.
#
# Starts the setup of bench/proxy-cpu.sh (an nginx upstream, an nginx reverse proxy under its own
# master, Rampart pass-through: proxy.sh's case (c)), warms each proxy up, then sends REQUESTS
# keep-alive GETs through each at a fixed moderate rate while `strace -c` counts the system calls
# of the nginx workers and of Rampart's Vert.x event-loop threads only (attached by thread id, so
# the JIT, GC and logging threads are left out), and prints each table with a per-request column.
# A count does not depend on what else the machine runs, so two builds compare exactly.
#
# Usage: bench/proxy-syscalls.sh [requests, default 20000]
# Environment: RATE (req/s, default 1600: strace slows every call, keep well below the traced
# maximum), CONNS (hey connections, default 16), WARMUP (default 100000), RAMPART_JAR (default
# rampart-gateway/target/rampart.jar), RAMPART_JAVA_OPTS (default as proxy.sh).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REQUESTS=${1:-20000}
RATE=${RATE:-1600}
CONNS=${CONNS:-16}
WARMUP=${WARMUP:-100000}
UP_PORT=18091 NGINX_PORT=18092 RAMPART_PORT=18093 RAMPART_GUARDS_PORT=18094

for tool in hey nginx strace; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "bench: $tool is missing (apt-get install hey nginx-light strace)" >&2; exit 1; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d /tmp/rampart-syscalls.XXXXXX)
. bench/proxy-setup.sh
rampart_pid=
cleanup() {
  [ -n "$rampart_pid" ] && kill "$rampart_pid" 2>/dev/null || true
  stop_nginx_pair
  wait 2>/dev/null || true
}
trap cleanup EXIT

start_nginx_pair
write_pass_config "$work/pass.yaml"

RAMPART_JAR=${RAMPART_JAR:-rampart-gateway/target/rampart.jar}
[ -f "$RAMPART_JAR" ] || { echo "bench: $RAMPART_JAR is missing (mvn -q -B -o -pl rampart-gateway -am package -DskipTests)" >&2; exit 1; }
cp "$RAMPART_JAR" "$work/rampart.jar"
JAVA_OPTS=${RAMPART_JAVA_OPTS:-"-Xms512m -Xmx512m -XX:+UseParallelGC"}
(cd "$work" && exec java $JAVA_OPTS -jar "$work/rampart.jar" \
  serve --no-watch --config "$work/pass.yaml" >"$work/rampart.log" 2>&1) &
rampart_pid=$!

for p in $NGINX_PORT $RAMPART_PORT $UP_PORT; do
  for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$p/items" && break; sleep 0.5; done
  curl -s -o /dev/null "http://127.0.0.1:$p/items" || { echo "bench: nothing answers on port $p; see $work" >&2; exit 1; }
done

count() { # name port tids...: strace -c of the threads while REQUESTS requests go through port
  local name=$1 port=$2 args=() t
  shift 2
  for t in "$@"; do args+=(-p "$t"); done
  strace -c "${args[@]}" -o "$work/$name.strace" 2>/dev/null &
  local tracer=$!
  sleep 1.5    # strace attaches to each thread in turn
  hey -n "$REQUESTS" -c "$CONNS" -q $(( RATE / CONNS )) "http://127.0.0.1:$port/items" | grep -E '^\s*\[[0-9]{3}\]' >&2
  sleep 0.5
  kill -INT "$tracer"
  wait "$tracer" || true
  echo "$name: system calls per request ($REQUESTS requests at $RATE req/s, $CONNS connections)"
  awk -v n="$REQUESTS" '$NF != "total" && $NF ~ /^[a-z_0-9]+$/ && $4 ~ /^[0-9]+$/ { printf "  %-16s %9d %8.3f\n", $NF, $4, $4 / n }
       $1 == "100.00" { printf "  %-16s %9d %8.3f\n", "total", $4, $4 / n }' "$work/$name.strace"
}

echo "bench: warming up ($WARMUP requests each) ..." >&2
hey -n "$WARMUP" -c "$CONNS" "http://127.0.0.1:$NGINX_PORT/items" >/dev/null
hey -n "$WARMUP" -c "$CONNS" "http://127.0.0.1:$RAMPART_PORT/items" >/dev/null
count nginx-proxy $NGINX_PORT $(pgrep -P "$(cat "$work/proxy.pid")")
loops=()
for t in /proc/"$rampart_pid"/task/*; do
  [ "$(cat "$t/comm" 2>/dev/null)" = "vert.x-eventloo" ] && loops+=("$(basename "$t")")
done
count rampart-pass $RAMPART_PORT "${loops[@]}"
