#!/usr/bin/env bash
# CPU time per proxied request: Rampart pass-through against nginx as a reverse proxy.
#
# Requests per second (bench/proxy.sh) depend on whatever else the machine runs; the CPU a process
# spends per request much less so. This starts an nginx upstream, an nginx reverse proxy to it (its
# own master, so its workers' CPU is its alone) and Rampart pass-through (the config of proxy.sh's
# case (c)), drives a fixed number of keep-alive GETs through each proxy with hey at a fixed
# moderate rate, and reads the proxy processes' utime+stime from /proc/<pid>/stat before and after:
# CPU microseconds per request, with GC and JIT threads included; for Rampart also the CPU of its
# Vert.x event-loop threads alone (/proc/<pid>/task/*/stat), which leaves out the JIT compiler
# still at work after warm-up, the steadier figure for comparing two builds. Each proxy first gets
# WARMUP requests (JIT, pools), then RUNS measured runs of REQUESTS requests, alternating proxies.
#
# Usage: bench/proxy-cpu.sh [requests per run, default 100000] [runs, default 3]
# Environment: RATE (req/s, default 8000), CONNS (hey connections, default 16), WARMUP (default
# 100000), GUARDS=1 adds proxy.sh's case (d) (foundation guards and the access log),
# RAMPART_JAVA_OPTS (default as proxy.sh), RAMPART_JAR (default rampart-gateway/target/rampart.jar,
# built when missing), BASELINE_JAR=path also runs pass-through (and with
# GUARDS=1 case (d)) from another build of rampart.jar (rampart-baseline, rampart-baseline-guards:
# to compare a change in the same run, alternating),
# KEEP=1 keeps the processes up until Enter (to profile).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
REQUESTS=${1:-100000}
RUNS=${2:-3}
RATE=${RATE:-8000}
CONNS=${CONNS:-16}
WARMUP=${WARMUP:-100000}
UP_PORT=18091 NGINX_PORT=18092 RAMPART_PORT=18093 RAMPART_GUARDS_PORT=18094 RAMPART_BASELINE_PORT=18095
RAMPART_BASELINE_GUARDS_PORT=18096

for tool in hey nginx; do
  command -v "$tool" >/dev/null || [ -x "/usr/sbin/$tool" ] || { echo "bench: $tool is missing (apt-get install hey nginx-light)" >&2; exit 1; }
done
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
TICKS=$(getconf CLK_TCK)

work=$(mktemp -d /tmp/rampart-cpu.XXXXXX)
. bench/proxy-setup.sh
start_bench_with_nginx_pair

write_pass_config "$work/pass.yaml"
write_guards_config "$work/guards.yaml"

RAMPART_JAR=${RAMPART_JAR:-rampart-gateway/target/rampart.jar}
if [ ! -f "$RAMPART_JAR" ]; then
  echo "bench: building rampart.jar ..." >&2
  mvn -q -B -o -pl rampart-gateway -am package -DskipTests >&2
fi
JAVA_OPTS=${RAMPART_JAVA_OPTS:-"-Xms512m -Xmx512m -XX:+UseParallelGC"}
declare -A PORT PIDS
start_rampart() { # name config port [jar]
  # a copy, so that a rebuild during the run does not change the jar under the running JVM
  local jar="$work/$1.jar"
  cp "${4:-$RAMPART_JAR}" "$jar"
  (cd "$work" && exec java $JAVA_OPTS -jar "$jar" serve --no-watch --config "$2" >"$work/$1.log" 2>&1) &
  pids+=($!)
  PIDS[$1]=$!
  PORT[$1]=$3
}
start_rampart rampart-pass "$work/pass.yaml" $RAMPART_PORT
[ "${GUARDS:-0}" = 1 ] && start_rampart rampart-guards "$work/guards.yaml" $RAMPART_GUARDS_PORT
if [ -n "${BASELINE_JAR:-}" ]; then
  sed "s/port: $RAMPART_PORT/port: $RAMPART_BASELINE_PORT/; s/data-pass/data-baseline/" "$work/pass.yaml" > "$work/baseline.yaml"
  start_rampart rampart-baseline "$work/baseline.yaml" $RAMPART_BASELINE_PORT "$BASELINE_JAR"
  if [ "${GUARDS:-0}" = 1 ]; then
    sed "s/port: $RAMPART_GUARDS_PORT/port: $RAMPART_BASELINE_GUARDS_PORT/; s/data-guards/data-baseline-guards/" "$work/guards.yaml" \
      > "$work/baseline-guards.yaml"
    start_rampart rampart-baseline-guards "$work/baseline-guards.yaml" $RAMPART_BASELINE_GUARDS_PORT "$BASELINE_JAR"
  fi
fi
# the proxy nginx: its master and workers (the master does no request work, but count it anyway)
PIDS[nginx-proxy]="$(cat "$work/proxy.pid") $(pgrep -P "$(cat "$work/proxy.pid")" | tr '\n' ' ')"
PORT[nginx-proxy]=$NGINX_PORT

for p in "${PORT[@]}" $UP_PORT; do
  for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$p/items" && break; sleep 0.5; done
  curl -s -o /dev/null "http://127.0.0.1:$p/items" || { echo "bench: nothing answers on port $p; see $work" >&2; exit 1; }
done

cpu_ticks() { # pids... → utime+stime summed, in clock ticks (fields 14 and 15 of /proc/<pid>/stat)
  local total=0 p
  for p in "$@"; do
    total=$(( total + $(sed 's/.*) //' "/proc/$p/stat" | awk '{ print $12 + $13 }') ))
  done
  echo "$total"
}
loop_ticks() { # pid → utime+stime of its Vert.x event-loop threads (comm is cut to 15 characters)
  local total=0 t
  for t in /proc/"$1"/task/*; do
    [ "$(cat "$t/comm" 2>/dev/null)" = "vert.x-eventloo" ] || continue
    total=$(( total + $(sed 's/.*) //' "$t/stat" | awk '{ print $12 + $13 }') ))
  done
  echo "$total"
}
drive() { # port requests → runs hey, prints its failures if any
  local per_worker=$(( RATE / CONNS )) out
  out=$(hey -n "$2" -c "$CONNS" -q "$per_worker" "http://127.0.0.1:$1/items")
  # hey's status lines read "  [200]	100000 responses"; its latency histogram also has brackets
  if grep -qE '^\s*\[[013-9][0-9]{2}\]\s+[0-9]+ responses|^Error distribution' <<<"$out" \
      || ! grep -qE '^\s*\[200\]\s+[0-9]+ responses' <<<"$out"; then
    echo "bench: port $1 answered other than 200:" >&2
    grep -A5 -E 'Status code distribution|Error distribution' <<<"$out" >&2
  fi
}

names=(nginx-proxy rampart-pass)
[ "${GUARDS:-0}" = 1 ] && names+=(rampart-guards)
[ -n "${BASELINE_JAR:-}" ] && names+=(rampart-baseline)
[ -n "${BASELINE_JAR:-}" ] && [ "${GUARDS:-0}" = 1 ] && names+=(rampart-baseline-guards)
echo "Proxy CPU per request: $(nproc) cores, $REQUESTS requests per run at $RATE req/s, $CONNS connections," \
     "$RUNS runs, load average $(cut -d' ' -f1-3 /proc/loadavg), $(java -version 2>&1 | head -1)"
for n in "${names[@]}"; do drive "${PORT[$n]}" "$WARMUP"; done
if [ "${KEEP:-0}" = 1 ]; then
  echo "ports: ${PORT[*]} (names ${!PORT[*]}), pids: ${PIDS[*]}; Enter ends" >&2
  read -r _
fi
per_request() { awk -v t="$1" -v hz="$TICKS" -v n="$REQUESTS" 'BEGIN { printf "%.1f", t * 1e6 / hz / n }'; }
declare -A SAMPLES LOOP
for r in $(seq 1 "$RUNS"); do
  for n in "${names[@]}"; do
    before=$(cpu_ticks ${PIDS[$n]})
    [ "$n" != nginx-proxy ] && loop_before=$(loop_ticks ${PIDS[$n]})
    drive "${PORT[$n]}" "$REQUESTS"
    after=$(cpu_ticks ${PIDS[$n]})
    SAMPLES[$n]="${SAMPLES[$n]:-} $(per_request $(( after - before )))"
    [ "$n" != nginx-proxy ] && LOOP[$n]="${LOOP[$n]:-} $(per_request $(( $(loop_ticks ${PIDS[$n]}) - loop_before )))"
  done
done
stats() { tr ' ' '\n' <<<"$1" | awk 'NF { v[++n]=$1 } END { asort(v); printf "%.1f %.1f %.1f", v[int((n+1)/2)], v[1], v[n] }'; }
declare -A MED
for n in "${names[@]}"; do
  read -r med lo hi <<<"$(stats "${SAMPLES[$n]}")"
  MED[$n]=$med
  printf '  %-16s %7s µs CPU/request (median; min %s, max %s; runs:%s)\n' "$n" "$med" "$lo" "$hi" "${SAMPLES[$n]}"
done
declare -A LMED
for n in "${names[@]}"; do
  [ "$n" = nginx-proxy ] && continue
  read -r med lo hi <<<"$(stats "${LOOP[$n]}")"
  LMED[$n]=$med
  printf '  %-16s %7s µs event-loop CPU/request (median; min %s, max %s; runs:%s)\n' "$n" "$med" "$lo" "$hi" "${LOOP[$n]}"
done
for n in "${names[@]}"; do
  [ "$n" = nginx-proxy ] && continue
  echo "  $n / nginx-proxy CPU per request: $(awk -v a="${MED[$n]}" -v b="${MED[nginx-proxy]}" 'BEGIN { printf "%.2f", a / b }')"
done
if [ -n "${BASELINE_JAR:-}" ]; then
  compare() { # name baseline-name
    echo "  $1 / $2 CPU per request: $(awk -v a="${MED[$1]}" -v b="${MED[$2]}" 'BEGIN { printf "%.3f", a / b }')," \
         "event-loop CPU: $(awk -v a="${LMED[$1]}" -v b="${LMED[$2]}" 'BEGIN { printf "%.3f", a / b }')"
  }
  compare rampart-pass rampart-baseline
  [ "${GUARDS:-0}" = 1 ] && compare rampart-guards rampart-baseline-guards
fi
echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
