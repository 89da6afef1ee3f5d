#!/usr/bin/env bash
# Experiment (issue 2): CPU per proxied request of a lean Netty 4.2 reverse proxy
# (rampart-bench's dev.rampart.bench.floor.NettyProxyFloor, plain and with --extras) next to nginx as a
# reverse proxy and Rampart pass-through. The method of bench/proxy-cpu.sh (same upstream, same hey
# load at a fixed rate, /proc utime/stime before and after), with user and system time apart, for the
# whole process and for its event-loop threads, and the CPU of the upstream nginx and of hey per
# request too (the rest of the 2-core budget in a saturation run).
#
# Usage: bench/floor-cpu.sh [requests per run, default 100000] [runs, default 3]
# Environment: RATE (default 8000), CONNS (default 16), WARMUP (default 100000), KEEP=1 waits for
# Enter after warm-up (to profile), JAVA_EXTRA (added to the JVM options of both Java processes),
# NOLEAK=1 adds the floor with Netty's resource-leak detector off (floor-noleak).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REQUESTS=${1:-100000}
RUNS=${2:-3}
RATE=${RATE:-8000}
CONNS=${CONNS:-16}
WARMUP=${WARMUP:-100000}
# ports apart from proxy-cpu.sh's, so this can run while someone else runs that
UP_PORT=18291 NGINX_PORT=18292 RAMPART_PORT=18293 RAMPART_GUARDS_PORT=18294 FLOOR_PORT=18297 FLOOR_X_PORT=18298 FLOOR_NL_PORT=18299
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
TICKS=$(getconf CLK_TCK)
work=$(mktemp -d /tmp/rampart-floor.XXXXXX)
. bench/proxy-setup.sh
start_bench_with_nginx_pair
write_pass_config "$work/pass.yaml"

RAMPART_JAR=${RAMPART_JAR:-rampart-gateway/target/rampart.jar}
BENCH_JAR=${BENCH_JAR:-rampart-bench/target/benchmarks.jar}
JAVA_OPTS="${RAMPART_JAVA_OPTS:-"-Xms512m -Xmx512m -XX:+UseParallelGC"} ${JAVA_EXTRA:-}"
declare -A PORT PIDS LOOPNAME
cp "$RAMPART_JAR" "$work/rampart.jar"
cp "$BENCH_JAR" "$work/bench.jar"
(cd "$work" && exec java $JAVA_OPTS -jar rampart.jar serve --no-watch --config pass.yaml >rampart-pass.log 2>&1) &
pids+=($!); PIDS[rampart-pass]=$!; PORT[rampart-pass]=$RAMPART_PORT; LOOPNAME[rampart-pass]='vert.x-eventloo'
(cd "$work" && exec java $JAVA_OPTS -cp bench.jar dev.rampart.bench.floor.NettyProxyFloor --port $FLOOR_PORT \
   --upstream 127.0.0.1:$UP_PORT >floor.log 2>&1) &
pids+=($!); PIDS[floor]=$!; PORT[floor]=$FLOOR_PORT; LOOPNAME[floor]='floor-loop-*'
(cd "$work" && exec java $JAVA_OPTS -cp bench.jar dev.rampart.bench.floor.NettyProxyFloor --port $FLOOR_X_PORT \
   --upstream 127.0.0.1:$UP_PORT --extras >floor-extras.log 2>&1) &
pids+=($!); PIDS[floor-extras]=$!; PORT[floor-extras]=$FLOOR_X_PORT; LOOPNAME[floor-extras]='floor-loop-*'
if [ "${NOLEAK:-0}" = 1 ]; then
  (cd "$work" && exec java $JAVA_OPTS -Dio.netty.leakDetection.level=disabled -cp bench.jar dev.rampart.bench.floor.NettyProxyFloor \
     --port $FLOOR_NL_PORT --upstream 127.0.0.1:$UP_PORT >floor-noleak.log 2>&1) &
  pids+=($!); PIDS[floor-noleak]=$!; PORT[floor-noleak]=$FLOOR_NL_PORT; LOOPNAME[floor-noleak]='floor-loop-*'
fi
PIDS[nginx-proxy]="$(cat "$work/proxy.pid") $(pgrep -P "$(cat "$work/proxy.pid")" | tr '\n' ' ')"
PORT[nginx-proxy]=$NGINX_PORT
UPSTREAM_PIDS="$(cat "$work/up.pid") $(pgrep -P "$(cat "$work/up.pid")" | tr '\n' ' ')"

for p in "${PORT[@]}" $UP_PORT; do
  for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$p/items" && break; sleep 0.5; done
  curl -s -o /dev/null "http://127.0.0.1:$p/items" || { echo "bench: nothing answers on port $p; see $work" >&2; exit 1; }
done

ticks() { # field(12=utime,13=stime) stat-files... → summed ticks
  local f=$1; shift
  cat "$@" 2>/dev/null | sed 's/.*) //' | awk -v f="$f" '{ s += $f } END { print s + 0 }'
}
proc_files() { local p; for p in "$@"; do echo "/proc/$p/stat"; done; }
loop_files() { # pid pattern
  local t
  for t in /proc/"$1"/task/*; do
    # shellcheck disable=SC2053
    if [[ "$(cat "$t/comm" 2>/dev/null)" == $2 ]]; then echo "$t/stat"; fi
  done
}
HEY_USER=0 HEY_SYS=0
drive() { # port requests
  local per_worker=$(( RATE / CONNS )) out
  out=$( { /usr/bin/time -f 'HEYCPU %U %S' hey -n "$2" -c "$CONNS" -q "$per_worker" "http://127.0.0.1:$1/items"; } 2>&1 )
  read -r HEY_USER HEY_SYS <<<"$(awk '/^HEYCPU/ { print $2, $3 }' <<<"$out")"
  if grep -qE '^\s*\[[013-9][0-9]{2}\]\s+[0-9]+ responses|^Error distribution' <<<"$out" \
      || ! grep -qE '^\s*\[200\]\s+[0-9]+ responses' <<<"$out"; then
    echo "bench: port $1 answered other than 200:" >&2
    grep -A5 -E 'Status code distribution|Error distribution' <<<"$out" >&2
  fi
}
names=(nginx-proxy floor floor-extras rampart-pass)
[ "${NOLEAK:-0}" = 1 ] && names=(nginx-proxy floor floor-noleak floor-extras rampart-pass)
echo "Floor CPU per request: $(nproc) cores, $REQUESTS requests per run at $RATE req/s, $CONNS connections," \
     "$RUNS runs, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1); $(head -1 "$work/floor.log")"
for n in "${names[@]}"; do drive "${PORT[$n]}" "$WARMUP"; done
if [ "${KEEP:-0}" = 1 ]; then
  echo "ports: ${PORT[*]} (names ${!PORT[*]}), pids: ${PIDS[*]}; Enter ends" >&2
  read -r _
fi
us() { awk -v t="$1" -v hz="$TICKS" -v n="$REQUESTS" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }'; }
declare -A S
for r in $(seq 1 "$RUNS"); do
  for n in "${names[@]}"; do
    pf=$(proc_files ${PIDS[$n]})
    uf=$(proc_files $UPSTREAM_PIDS)
    if [ "$n" = nginx-proxy ]; then lf=$(proc_files $(pgrep -P "$(cat "$work/proxy.pid")")); else lf=$(loop_files "${PIDS[$n]}" "${LOOPNAME[$n]}"); fi
    pu0=$(ticks 12 $pf) ps0=$(ticks 13 $pf) lu0=$(ticks 12 $lf) ls0=$(ticks 13 $lf) uu0=$(ticks 12 $uf) us0=$(ticks 13 $uf)
    drive "${PORT[$n]}" "$REQUESTS"
    S[$n,pu]+=" $(us $(( $(ticks 12 $pf) - pu0 )))"; S[$n,ps]+=" $(us $(( $(ticks 13 $pf) - ps0 )))"
    S[$n,lu]+=" $(us $(( $(ticks 12 $lf) - lu0 )))"; S[$n,ls]+=" $(us $(( $(ticks 13 $lf) - ls0 )))"
    S[$n,uu]+=" $(us $(( $(ticks 12 $uf) - uu0 )))"; S[$n,us]+=" $(us $(( $(ticks 13 $uf) - us0 )))"
    S[$n,hu]+=" $(awk -v s="$HEY_USER" -v n="$REQUESTS" 'BEGIN { printf "%.1f", s * 1e6 / n }')"
    S[$n,hs]+=" $(awk -v s="$HEY_SYS" -v n="$REQUESTS" 'BEGIN { printf "%.1f", s * 1e6 / n }')"
    S[$n,pt]+=" $(us $(( $(ticks 12 $pf) + $(ticks 13 $pf) - pu0 - ps0 )))"
  done
done
med() { tr ' ' '\n' <<<"$1" | awk 'NF { v[++n]=$1 } END { asort(v); printf "%.1f", v[int((n+1)/2)] }'; }
printf '  µs CPU per request, median of %s runs (runs in brackets)\n' "$RUNS"
printf '  %-13s %22s %14s %14s %14s %14s %14s\n' proxy "process user+sys" "process user" "process sys" "loops user" "loops sys" "upstream u+s"
for n in "${names[@]}"; do
  printf '  %-13s %6s [%13s] %14s %14s %14s %14s %7s+%-6s\n' "$n" "$(med "${S[$n,pt]}")" "${S[$n,pt]# }" "$(med "${S[$n,pu]}")" "$(med "${S[$n,ps]}")" \
    "$(med "${S[$n,lu]}")" "$(med "${S[$n,ls]}")" "$(med "${S[$n,uu]}")" "$(med "${S[$n,us]}")"
done
for n in "${names[@]}"; do echo "  hey with $n: user $(med "${S[$n,hu]}") sys $(med "${S[$n,hs]}") µs/request"; done
for n in "${names[@]}"; do echo "  raw $n: ${S[$n,pu]} |${S[$n,ps]} | loops ${S[$n,lu]} |${S[$n,ls]}"; done
echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
