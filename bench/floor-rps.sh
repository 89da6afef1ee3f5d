#!/usr/bin/env bash
# Experiment (issue 2): maximum requests/s of nginx as a reverse proxy, the lean
# Netty proxy (NettyProxyFloor, plain and --extras) and Rampart pass-through, as bench/proxy.sh
# measures it (wrk, keep-alive, 64 connections), each Java proxy started alone for its run, and
# where the two cores went during each run: CPU µs per request of wrk, of the upstream nginx and of
# the proxy (from /proc and /usr/bin/time), so the ratio can be read as a CPU budget too. Wall-clock
# throughput on a shared 2-core machine is noisy: run it more than once.
#
# Usage: bench/floor-rps.sh [seconds per run, default 8] [connections, default 64] [rounds, default 2]
# Environment: WARMUP (seconds of wrk before each measured run, default 10).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DURATION=${1:-8}
CONNS=${2:-64}
ROUNDS=${3:-2}
WARMUP=${WARMUP:-10}
UP_PORT=18391 NGINX_PORT=18392 RAMPART_PORT=18393 RAMPART_GUARDS_PORT=18394 FLOOR_PORT=18397
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
TICKS=$(getconf CLK_TCK)
work=$(mktemp -d /tmp/rampart-floor-rps.XXXXXX)
. bench/proxy-setup.sh
JPID=
start_bench_with_nginx_pair
write_pass_config "$work/pass.yaml"
cp "${RAMPART_JAR:-rampart-gateway/target/rampart.jar}" "$work/rampart.jar"
cp "${BENCH_JAR:-rampart-bench/target/benchmarks.jar}" "$work/bench.jar"
JAVA_OPTS=${RAMPART_JAVA_OPTS:-"-Xms512m -Xmx512m -XX:+UseParallelGC"}
wait_port() {
  for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$1/items" && return 0; sleep 0.5; done
  echo "bench: nothing answers on port $1; see $work" >&2; exit 1
}
start_java() { # name port args...
  local name=$1 port=$2; shift 2
  (cd "$work" && exec java $JAVA_OPTS "$@" >"$work/$name.log" 2>&1) &
  JPID=$!; pids+=($JPID)
  wait_port "$port"
}
stop_java() { kill "$JPID" 2>/dev/null || true; wait "$JPID" 2>/dev/null || true; JPID=; }
wait_port $UP_PORT; wait_port $NGINX_PORT
UPSTREAM_PIDS="$(cat "$work/up.pid") $(pgrep -P "$(cat "$work/up.pid")" | tr '\n' ' ')"
NGINX_PROXY_PIDS="$(cat "$work/proxy.pid") $(pgrep -P "$(cat "$work/proxy.pid")" | tr '\n' ' ')"
ticks() { local p; for p in "$@"; do sed 's/.*) //' "/proc/$p/stat"; done | awk '{ s += $12 + $13 } END { print s + 0 }'; }
declare -A RES
run() { # name port proxy-pids...
  local name=$1 port=$2; shift 2
  wrk -t2 -c"$CONNS" -d"${WARMUP}s" "http://127.0.0.1:$port/items" >/dev/null 2>&1 || true
  local p0 u0 out rps n
  p0=$(ticks "$@"); u0=$(ticks $UPSTREAM_PIDS)
  out=$( { /usr/bin/time -f 'WRKCPU %U %S' wrk -t2 -c"$CONNS" -d"${DURATION}s" "http://127.0.0.1:$port/items"; } 2>&1 )
  local pc=$(( $(ticks "$@") - p0 )) uc=$(( $(ticks $UPSTREAM_PIDS) - u0 ))
  rps=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
  n=$(awk '/requests in/ { print $1 }' <<<"$out")
  grep -q "Non-2xx\|Socket errors" <<<"$out" && echo "bench: $name: $(grep -E 'Non-2xx|Socket errors' <<<"$out")" >&2
  read -r wu ws <<<"$(awk '/^WRKCPU/ { print $2, $3 }' <<<"$out")"
  RES[$name]+=" $rps"
  printf '  %-16s %7s req/s   CPU µs/request: proxy %5.1f  upstream %5.1f  wrk %5.1f  (sum %5.1f; 2 cores = %5.1f)\n' "$name" "$rps" \
    "$(awk -v t=$pc -v hz=$TICKS -v n=$n 'BEGIN{print t*1e6/hz/n}')" "$(awk -v t=$uc -v hz=$TICKS -v n=$n 'BEGIN{print t*1e6/hz/n}')" \
    "$(awk -v a=$wu -v b=$ws -v n=$n 'BEGIN{print (a+b)*1e6/n}')" \
    "$(awk -v t=$((pc+uc)) -v hz=$TICKS -v a=$wu -v b=$ws -v n=$n 'BEGIN{print t*1e6/hz/n + (a+b)*1e6/n}')" \
    "$(awk -v r=$rps 'BEGIN{print 2e6/r}')"
}
echo "Floor throughput: $(nproc) cores, wrk -t2 -c$CONNS ${DURATION}s after ${WARMUP}s warm-up, $ROUNDS rounds, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for r in $(seq 1 "$ROUNDS"); do
  echo " round $r:"
  run upstream-direct $UP_PORT $UPSTREAM_PIDS
  run nginx-proxy $NGINX_PORT $NGINX_PROXY_PIDS
  start_java floor $FLOOR_PORT -cp bench.jar dev.rampart.bench.floor.NettyProxyFloor --port $FLOOR_PORT --upstream 127.0.0.1:$UP_PORT
  run floor $FLOOR_PORT $JPID; stop_java
  start_java floor-extras $FLOOR_PORT -cp bench.jar dev.rampart.bench.floor.NettyProxyFloor --port $FLOOR_PORT --upstream 127.0.0.1:$UP_PORT --extras
  run floor-extras $FLOOR_PORT $JPID; stop_java
  start_java rampart-pass $RAMPART_PORT -jar rampart.jar serve --no-watch --config pass.yaml
  run rampart-pass $RAMPART_PORT $JPID; stop_java
done
ratio() { # name → per-round ratios to nginx-proxy
  paste -d' ' <(tr ' ' '\n' <<<"${RES[$1]}" | awk NF) <(tr ' ' '\n' <<<"${RES[nginx-proxy]}" | awk NF) | awk '{ printf " %.2f", $1 / $2 }'
}
for n in floor floor-extras rampart-pass; do echo "  $n / nginx-proxy req/s per round:$(ratio $n)"; done
echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
