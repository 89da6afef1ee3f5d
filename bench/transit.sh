#!/usr/bin/env bash
# HTTP transit benchmark (issue 6): POST /admin/transit/encrypt/{key} through a running gateway's
# admin listener — 1 KiB of plaintext per request (base64 in JSON), an aes256-gcm key, the admin
# token checked, the operation authorized and audited as in production. Reports requests/s and
# latency percentiles (hey, keep-alive), first at full load, then at half that rate.
#
# CALLER=api-key: the calls come from an application's API key instead, authorized by the policy
# (transit:encrypt:bench), as an application calls transit.
#
# Usage: [CALLER=api-key] bench/transit.sh [seconds per run, default 15] [connections, default 32]
# Needs root for apt-get when hey is missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DURATION=${1:-15}
CONNS=${2:-32}
WARMUP=${WARMUP:-10}
ADMIN_PORT=18090

if ! command -v hey >/dev/null; then
  echo "bench: installing hey ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq hey >/dev/null
fi

work=$(mktemp -d /tmp/rampart-transit-bench.XXXXXX)
pid=
cleanup() {
  [ -n "$pid" ] && kill "$pid" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

cat > "$work/rampart.yaml" <<CONF
listeners: { http: { host: 127.0.0.1, port: 0 } }
admin: { host: 127.0.0.1, port: $ADMIN_PORT }
store: { data-dir: ./data }
access-log: { enabled: false }
crypto: { master-key-file: master.key }
CONF
if [ "${CALLER:-admin}" = api-key ]; then
  echo 'policy: { roles: { bench-app: { permissions: ["transit:encrypt:bench"] } } }' >> "$work/rampart.yaml"
fi

if [ ! -f rampart-gateway/target/rampart.jar ]; then
  echo "bench: building rampart.jar ..." >&2
  mvn -q -B -DskipTests package >&2
fi
RAMPART="java -jar rampart-gateway/target/rampart.jar"
$RAMPART crypto new-master-key > "$work/master.key"
TOKEN=$($RAMPART admin reset-token --config "$work/rampart.yaml" 2>/dev/null)
JAVA_OPTS=${RAMPART_JAVA_OPTS:-"-Xms512m -Xmx512m -XX:+UseParallelGC"}
java $JAVA_OPTS -jar rampart-gateway/target/rampart.jar serve --no-watch --config "$work/rampart.yaml" \
  >"$work/rampart.log" 2>&1 &
pid=$!

for _ in $(seq 1 120); do
  curl -s -o /dev/null "http://127.0.0.1:$ADMIN_PORT/admin/health" && break
  sleep 0.5
done
AUTH="Authorization: Bearer $TOKEN"
curl -sf -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' -d '{"type":"aes256-gcm"}' \
  "http://127.0.0.1:$ADMIN_PORT/admin/transit/keys/bench" || { echo "bench: could not create the key; see $work" >&2; exit 1; }
printf '{"plaintext":"%s","associated_data":"%s"}' "$(head -c 1024 /dev/urandom | base64 -w0)" \
  "$(printf 'order-17' | base64 -w0)" > "$work/body.json"
URL="http://127.0.0.1:$ADMIN_PORT/admin/transit/encrypt/bench"
if [ "${CALLER:-admin}" = api-key ]; then
  KEY=$(curl -sf -H "$AUTH" -H 'Content-Type: application/json' -d '{"name":"bench","owner":"bench","roles":["bench-app"]}' \
    "http://127.0.0.1:$ADMIN_PORT/admin/api-keys" | sed -n 's/.*"key" *: *"\([^"]*\)".*/\1/p')
  [ -n "$KEY" ] || { echo "bench: could not create the API key; see $work" >&2; exit 1; }
  AUTH="Authorization: Bearer $KEY"
fi
curl -sf -o /dev/null -H "$AUTH" -H 'Content-Type: application/json' --data-binary @"$work/body.json" "$URL" \
  || { echo "bench: encrypt failed; see $work" >&2; exit 1; }

run() { # seconds connections [rate per connection]
  hey -z "${1}s" -c "$2" ${3:+-q "$3"} -m POST -T application/json -H "$AUTH" -D "$work/body.json" "$URL"
}
report() { # label hey-output
  local rps p50 p99 non200
  rps=$(awk '/Requests\/sec/ {printf "%.0f", $2}' <<<"$2")
  p50=$(awk '/ 50% in / {printf "%.3f", $3*1000}' <<<"$2")
  p99=$(awk '/ 99% in / {printf "%.3f", $3*1000}' <<<"$2")
  non200=$(awk '/^ *\[[0-9]+\] +[0-9]+ responses/ && $1 != "[200]" {print}' <<<"$2")
  [ -n "$non200" ] && echo "bench: non-200 answers: $non200" >&2
  printf '  %-28s %8s req/s   p50 %7s ms   p99 %7s ms\n' "$1" "$rps" "$p50" "$p99"
  RPS=$rps
}

echo "Rampart transit HTTP benchmark: $(nproc) cores, ${DURATION}s per run, $(java -version 2>&1 | head -1)"
echo "POST /admin/transit/encrypt/bench, 1 KiB plaintext, aes256-gcm, caller ${CALLER:-admin}:"
run "$WARMUP" "$CONNS" >/dev/null
report "max ($CONNS connections)" "$(run "$DURATION" "$CONNS")"
half=$(( RPS / 2 / 8 ))
[ "$half" -lt 1 ] && half=1
report "at $(( half * 8 )) req/s (8 connections)" "$(run "$DURATION" 8 "$half")"
