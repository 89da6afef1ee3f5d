#!/usr/bin/env bash
# JMH micro-benchmarks (rampart-bench): builds rampart-bench/target/benchmarks.jar when it is
# missing or older than the sources, runs it with the given JMH options, and keeps the results
# as JSON in bench/results/jmh-<date>.json (not committed).
#
# Usage: bench/jmh.sh [JMH options] [benchmark regexp ...]
#   bench/jmh.sh                          the whole suite (a few minutes on 2 cores)
#   bench/jmh.sh Http1Framing             one class
#   bench/jmh.sh -p request=GET_500B Http1Framing.validator
#   bench/jmh.sh -h                       JMH's options; -l lists the benchmarks
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
jar=rampart-bench/target/benchmarks.jar

needs_build() {
  [ ! -f "$jar" ] && return 0
  [ -n "$(find . -path '*/src/main/*' -newer "$jar" -print -quit 2>/dev/null)" ] && return 0
  [ -n "$(find . -name pom.xml -newer "$jar" -print -quit 2>/dev/null)" ] && return 0
  return 1
}

if needs_build; then
  command -v mvn >/dev/null || { echo "jmh: Maven (mvn) is needed to build the benchmarks; install it (e.g. apt-get install maven)" >&2; exit 1; }
  echo "jmh: building $jar ..." >&2
  mvn -q -B -DskipTests package -pl rampart-bench -am >&2
fi

mkdir -p bench/results
results="bench/results/jmh-$(date +%Y-%m-%dT%H%M%S).json"
java -jar "$jar" -rf json -rff "$results" "$@"
if [ -s "$results" ]; then
  echo "jmh: results in $results" >&2
fi
