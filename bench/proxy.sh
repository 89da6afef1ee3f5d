#!/usr/bin/env bash
# Proxy overhead benchmark (issue: gateway foundation).
#
# In one run, on this machine, against one nginx upstream that answers a small static body:
#   (a) the upstream direct, (b) nginx as a reverse proxy to it, (c) Rampart pass-through,
#   (d) Rampart with the foundation guards on (trusted hosts, IP filter, CORS, security headers,
#       access log), (e) Rampart on a route that takes an API key or a JWT, called with an API key
#       and (f) with a JWT (HS256, so the script can sign it with openssl), (g) Rampart on a route
#       validated against an OpenAPI document, (h) Rampart on a rate-limited route whose limit is
#       too high to trigger, to measure the cost of the check;
# the maximum throughput of each (wrk, keep-alive) and its latency at 50% of Rampart pass-through's
# maximum rate (hey, rate-limited), each Rampart case in a gateway of its own started for it and
# stopped after it, and prints the ratios Rampart/nginx.
#
# Usage: bench/proxy.sh [seconds per run, default 15] [connections, default 64]
# Needs root for apt-get when wrk, hey or nginx are missing.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DURATION=${1:-15}
CONNS=${2:-64}
WARMUP=${WARMUP:-30}
UP_PORT=18081 NGINX_PORT=18082 RAMPART_PORT=18083 RAMPART_GUARDS_PORT=18084 RAMPART_AUTH_PORT=18085
RAMPART_VALIDATED_PORT=18086
VALIDATED_PATH="/items?status=shipped&limit=10"
RAMPART_LIMITED_PORT=18087

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v hey >/dev/null || missing+=(hey)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ ${#missing[@]} -gt 0 ]; then
  echo "bench: installing ${missing[*]} ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

work=$(mktemp -d /tmp/rampart-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

# One nginx master serves both the upstream and the reverse proxy, each on its own port.
. bench/proxy-setup.sh
nginx_conf nginx.pid "$(nginx_upstream_server)
$(nginx_proxy_server)" > "$work/nginx.conf"
"$NGINX" -c "$work/nginx.conf" -p "$work"

write_pass_config "$work/pass.yaml"
write_guards_config "$work/guards.yaml"

# (e)/(f): a route that takes API keys and tokens of an HS256 issuer; both checks hit their caches
# after the first request, as in production.
JWT_SECRET=$(openssl rand -hex 32)
cat > "$work/auth.yaml" <<CONF
listeners: { http: { host: 127.0.0.1, port: $RAMPART_AUTH_PORT } }
admin: { enabled: false }
store: { data-dir: ./data-auth }
access-log: { enabled: false }
jwt-issuers:
  bench:
    issuer: https://bench.example
    algorithms: [HS256]
    hmac-secret: $JWT_SECRET
    audiences: [bench-api]
routes:
  - id: app
    match: { path-prefix: / }
    upstream: { urls: ["http://127.0.0.1:$UP_PORT"] }
    authentication:
      jwt: [bench]
      api-key: {}
CONF
# (g): the route's requests are checked against this document before they go upstream.
cat > "$work/items-api.yaml" <<'DOC'
openapi: 3.1.0
info: { title: Items, version: "1" }
paths:
  /items:
    get:
      parameters:
        - { name: status, in: query, schema: { type: string, enum: [pending, shipped, cancelled] } }
        - { name: limit, in: query, schema: { type: integer, minimum: 1, maximum: 100 } }
      responses:
        "200": { description: items }
DOC
cat > "$work/validated.yaml" <<CONF
listeners: { http: { host: 127.0.0.1, port: $RAMPART_VALIDATED_PORT } }
admin: { enabled: false }
store: { data-dir: ./data-validated }
access-log: { enabled: false }
routes:
  - id: app
    match: { path-prefix: / }
    upstream: { urls: ["http://127.0.0.1:$UP_PORT"] }
    validate: { openapi: $work/items-api.yaml }
CONF
# (h): pass-through plus one token bucket per client address, far above what the machine can send,
# so every request pays the check and none is refused; the headers it adds are part of the cost.
cat > "$work/limited.yaml" <<CONF
listeners: { http: { host: 127.0.0.1, port: $RAMPART_LIMITED_PORT } }
admin: { enabled: false }
store: { data-dir: ./data-limited }
access-log: { enabled: false }
routes:
  - id: app
    match: { path-prefix: / }
    upstream: { urls: ["http://127.0.0.1:$UP_PORT"] }
    rate-limit:
      limits: [{ name: bench, limit: 1000000000, window: 1s, key: client_ip }]
CONF
b64url() { openssl base64 -A | tr '+/' '-_' | tr -d '='; }
jwt_body="$(printf '{"alg":"HS256","typ":"JWT"}' | b64url).$(printf '{"iss":"https://bench.example","aud":"bench-api","sub":"bench","exp":%d}' $(( $(date +%s) + 86400 )) | b64url)"
JWT="$jwt_body.$(printf '%s' "$jwt_body" | openssl dgst -sha256 -mac HMAC -macopt "key:$JWT_SECRET" -binary | b64url)"

if [ ! -f rampart-gateway/target/rampart.jar ]; then
  echo "bench: building rampart.jar ..." >&2
  mvn -q -B -DskipTests package >&2
fi
JAVA_OPTS=${RAMPART_JAVA_OPTS:-"-Xms512m -Xmx512m -XX:+UseParallelGC"}
# Each Rampart case runs alone: started before its measurements and stopped after them, so no idle
# gateway (timers, log polling, a JIT still compiling) shares the two cores with the one measured,
# as nothing shares them with nginx.
RAMPART_PID=
start_rampart() { # config log port
  java $JAVA_OPTS -jar rampart-gateway/target/rampart.jar serve --no-watch --config "$1" >"$2" 2>&1 &
  RAMPART_PID=$!
  pids+=($RAMPART_PID)
  wait_port "$3"
}
stop_rampart() {
  kill "$RAMPART_PID" 2>/dev/null || true
  wait "$RAMPART_PID" 2>/dev/null || true
}
API_KEY=$(java -jar rampart-gateway/target/rampart.jar keys create --config "$work/auth.yaml" --name bench --owner bench 2>/dev/null)

wait_port() {
  for _ in $(seq 1 120); do
    curl -s -o /dev/null "http://127.0.0.1:$1/" && return 0
    sleep 0.5
  done
  echo "bench: nothing answers on port $1; see $work" >&2
  exit 1
}
for p in $UP_PORT $NGINX_PORT; do
  wait_port "$p"
done

# wrk's latency lines give e.g. "99%    1.23ms"; convert to milliseconds.
to_ms() { awk '{ v=$1; if (v ~ /us$/) { sub(/us$/,"",v); v=v/1000 } else if (v ~ /ms$/) { sub(/ms$/,"",v) } else if (v ~ /s$/) { sub(/s$/,"",v); v=v*1000 } printf "%.3f", v }'; }

declare -A RPS P50 P99 LP50 LP99
max_run() { # name port [header] [path]
  local header=(${3:+-H "$3"}) path=${4:-/items}
  wrk -t2 -c"$CONNS" -d"${WARMUP}s" "${header[@]}" "http://127.0.0.1:$2$path" >/dev/null 2>&1 || true
  local out
  out=$(wrk -t2 -c"$CONNS" -d"${DURATION}s" --latency "${header[@]}" "http://127.0.0.1:$2$path")
  RPS[$1]=$(awk '/^Requests\/sec/ {printf "%.0f", $2}' <<<"$out")
  P50[$1]=$(awk '$1=="50%" {print $2}' <<<"$out" | to_ms)
  P99[$1]=$(awk '$1=="99%" {print $2}' <<<"$out" | to_ms)
  if grep -q "Non-2xx" <<<"$out"; then echo "bench: $1 answered non-2xx: $(grep Non-2xx <<<"$out")" >&2; fi
  printf '  %-18s %9s req/s   p50 %7s ms   p99 %7s ms\n' "$1" "${RPS[$1]}" "${P50[$1]}" "${P99[$1]}"
}
rate_run() { # name port total_rate [header] [path]
  local per_worker=$(( $3 / 16 )) out header=(${4:+-H "$4"}) path=${5:-/items}
  [ "$per_worker" -lt 1 ] && per_worker=1
  out=$(hey -z "${DURATION}s" -c 16 -q "$per_worker" "${header[@]}" "http://127.0.0.1:$2$path")
  LP50[$1]=$(awk '/ 50% in / {printf "%.3f", $3*1000}' <<<"$out")
  LP99[$1]=$(awk '/ 99% in / {printf "%.3f", $3*1000}' <<<"$out")
  printf '  %-18s at %6s req/s   p50 %7s ms   p99 %7s ms\n' "$1" "$(( per_worker * 16 ))" "${LP50[$1]}" "${LP99[$1]}"
}

echo "Rampart proxy benchmark: $(nproc) cores, ${DURATION}s per run, $CONNS connections, $(java -version 2>&1 | head -1)"
echo "Maximum throughput (wrk, keep-alive, GET of a 31-byte JSON body), then latency at 50% of"
echo "Rampart pass-through's maximum (hey, 16 connections, a fixed rate), each case alone:"
max_run upstream-direct $UP_PORT
max_run nginx-proxy $NGINX_PORT
start_rampart "$work/pass.yaml" "$work/rampart-pass.log" $RAMPART_PORT
max_run rampart-pass $RAMPART_PORT
half=$(( RPS[rampart-pass] / 2 ))
rate_run rampart-pass $RAMPART_PORT "$half"
stop_rampart
rate_run upstream-direct $UP_PORT "$half"
rate_run nginx-proxy $NGINX_PORT "$half"
start_rampart "$work/guards.yaml" "$work/rampart-guards.log" $RAMPART_GUARDS_PORT
max_run rampart-guards $RAMPART_GUARDS_PORT
rate_run rampart-guards $RAMPART_GUARDS_PORT "$half"
stop_rampart
start_rampart "$work/auth.yaml" "$work/rampart-auth.log" $RAMPART_AUTH_PORT
max_run rampart-api-key $RAMPART_AUTH_PORT "X-API-Key: $API_KEY"
rate_run rampart-api-key $RAMPART_AUTH_PORT "$half" "X-API-Key: $API_KEY"
max_run rampart-jwt $RAMPART_AUTH_PORT "Authorization: Bearer $JWT"
rate_run rampart-jwt $RAMPART_AUTH_PORT "$half" "Authorization: Bearer $JWT"
stop_rampart
start_rampart "$work/validated.yaml" "$work/rampart-validated.log" $RAMPART_VALIDATED_PORT
max_run rampart-validated $RAMPART_VALIDATED_PORT "" "$VALIDATED_PATH"
rate_run rampart-validated $RAMPART_VALIDATED_PORT "$half" "" "$VALIDATED_PATH"
stop_rampart
start_rampart "$work/limited.yaml" "$work/rampart-limited.log" $RAMPART_LIMITED_PORT
max_run rampart-rate-limit $RAMPART_LIMITED_PORT
rate_run rampart-rate-limit $RAMPART_LIMITED_PORT "$half"
stop_rampart

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b == 0) print "n/a"; else printf "%.2f", a / b }'; }
added() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", a - b }'; }
echo "Ratios:"
echo "  rampart-pass   / nginx-proxy  req/s: $(ratio "${RPS[rampart-pass]}" "${RPS[nginx-proxy]}")   (target >= 0.80)"
echo "  rampart-guards / nginx-proxy  req/s: $(ratio "${RPS[rampart-guards]}" "${RPS[nginx-proxy]}")"
echo "  rampart-api-key / rampart-pass req/s: $(ratio "${RPS[rampart-api-key]}" "${RPS[rampart-pass]}")"
echo "  rampart-jwt     / rampart-pass req/s: $(ratio "${RPS[rampart-jwt]}" "${RPS[rampart-pass]}")"
echo "  rampart-validated / rampart-pass req/s: $(ratio "${RPS[rampart-validated]}" "${RPS[rampart-pass]}")"
echo "  rampart-rate-limit / rampart-pass req/s: $(ratio "${RPS[rampart-rate-limit]}" "${RPS[rampart-pass]}")"
echo "  p99 added over upstream-direct at 50% load: rampart-pass $(added "${LP99[rampart-pass]}" "${LP99[upstream-direct]}") ms," \
     "rampart-guards $(added "${LP99[rampart-guards]}" "${LP99[upstream-direct]}") ms," \
     "rampart-rate-limit $(added "${LP99[rampart-rate-limit]}" "${LP99[upstream-direct]}") ms, nginx $(added "${LP99[nginx-proxy]}" "${LP99[upstream-direct]}") ms   (target < 1 ms)"
