#!/usr/bin/env bash
# Experiment (issue 2): where the lean Netty proxy's CPU goes. Starts an nginx
# upstream and NettyProxyFloor with -XX:+PreserveFramePointer, warms it up with hey at a fixed
# rate, then records `perf record -g` of the proxy process while hey drives it, writes the JIT's
# symbol map (jcmd Compiler.perfmap) and prints the samples by package of the innermost frame.
#
# Usage: bench/floor-perf.sh [seconds to record, default 10] [--extras]
# Environment: RATE (default 8000), CONNS (default 16), WARMUP (requests, default 150000),
# JAVA_EXTRA (more JVM options, e.g. -Dio.netty.leakDetection.level=disabled).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
SECS=${1:-10}
EXTRA=${2:-}
RATE=${RATE:-8000}
CONNS=${CONNS:-16}
WARMUP=${WARMUP:-150000}
UP_PORT=18491 NGINX_PORT=18492 FLOOR_PORT=18497
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
work=$(mktemp -d /tmp/rampart-floor-perf.XXXXXX)
. bench/proxy-setup.sh
start_bench_with_nginx_pair
cp "${BENCH_JAR:-rampart-bench/target/benchmarks.jar}" "$work/bench.jar"
(cd "$work" && exec java -Xms512m -Xmx512m -XX:+UseParallelGC -XX:+PreserveFramePointer ${JAVA_EXTRA:-} -cp bench.jar \
   dev.rampart.bench.floor.NettyProxyFloor --port $FLOOR_PORT --upstream 127.0.0.1:$UP_PORT $EXTRA >floor.log 2>&1) &
FPID=$!; pids+=($FPID)
for _ in $(seq 1 120); do curl -s -o /dev/null "http://127.0.0.1:$FLOOR_PORT/items" && break; sleep 0.5; done
hey -n "$WARMUP" -c "$CONNS" -q $(( RATE / CONNS )) "http://127.0.0.1:$FLOOR_PORT/items" >/dev/null
hey -z "$(( SECS + 4 ))s" -c "$CONNS" -q $(( RATE / CONNS )) "http://127.0.0.1:$FLOOR_PORT/items" >"$work/hey.txt" &
HPID=$!; pids+=($HPID)
sleep 2
perf record -F 999 -g -p "$FPID" -o "$work/perf.data" -- sleep "$SECS" 2>"$work/perf-record.log"
jcmd "$FPID" Compiler.perfmap >/dev/null
wait "$HPID" || true
perf report -i "$work/perf.data" --no-children --sort dso,sym --stdio 2>/dev/null > "$work/report.txt"
echo "perf data and report in $work (pid $FPID); by innermost frame:"
# one line per sample group: percentage, dso, symbol; classified by the method's own class (the
# text before its argument list), then shown as a share of all samples and of the user-space ones
awk '/^ +[0-9.]+%/ { pct=$1; sub("%","",pct); dso=$2; $1=""; $2=""; sym=$0; name=sym; sub(/\(.*/, "", name);
  cat = (sym ~ /\[k\]/) ? "kernel" :
        (name ~ /io[.\/]netty/) ? "netty" :
        (name ~ /dev[.\/]rampart/) ? "the floor proxy (dev.rampart)" :
        (name ~ /(java|jdk|sun)[.\/]/) ? "jdk" :
        (dso ~ /libjvm/) ? "jvm (GC, JIT, runtime)" :
        (dso ~ /libnetty/) ? "netty native" :
        (dso ~ /libc/) ? "libc" : "other (" dso " " name ")";
  s[cat] += pct; if (cat != "kernel") user += pct }
  END { for (c in s) printf "  %6.2f %% of all  %6.2f %% of user space  %s\n", s[c], (c == "kernel") ? 0 : 100 * s[c] / user, c }' "$work/report.txt" | sort -rn
echo "top symbols:"
grep -E '^ +[0-9.]+%' "$work/report.txt" | head -40
