#!/usr/bin/env bash
# WAF throughput benchmark (issue 5, "Performance"): in one run, on this machine, against one
# nginx upstream that answers a small static body, the same requests through
#   (a) nginx + ModSecurity v3 + OWASP CRS (Debian packages libnginx-mod-http-modsecurity and
#       modsecurity-crs), and
#   (b) Rampart (rampart.jar serve) with a route `waf:` running the same CRS files,
# both at paranoia level 1, engine On, request bodies inspected, JSON bodies parsed as JSON
# (rule 200001 of ModSecurity's recommended configuration, in front of CRS for both);
# for each of two benign requests — a GET with three arguments and a POST with a 1.6 KB JSON body —
# wrk's maximum throughput (keep-alive) and p99 latency, then the ratio Rampart/ModSecurity.
#
# CRS version: both run Debian's CRS (/usr/share/modsecurity-crs, 3.3.x on Debian 12), which
# Rampart loads as is (rampart-waf's DebianCrsLoadTest). CRS_DIR=../shared/crs-v4.28.0 runs
# Rampart on CRS v4.28.0 instead (ModSecurity keeps Debian's): the output then says the versions
# differ.
#
# Usage: bench/waf.sh [seconds per run, default 10] [connections, default 32]
#   RAMPART_JAR=path   a rampart.jar with the route waf: section (default rampart-gateway/target/rampart.jar)
#   WARMUP=seconds     warm-up per target before measuring (default 30: on a slower 2-core machine
#                      Rampart's GET through CRS ran at 5.9k req/s 12-22 s after start and at
#                      10.5-11.3k from 22 s on, while C2 still compiled the rule engine)
# Needs root for apt-get when wrk, nginx or the ModSecurity packages are missing. On a shared or
# loaded machine both sides slow down; the ratio is the figure to read, and only from one run.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
DURATION=${1:-10}
CONNS=${2:-32}
WARMUP=${WARMUP:-30}
THREADS=${THREADS:-2}
UP_PORT=18091 MODSEC_PORT=18092 RAMPART_PORT=18093
RAMPART_JAR=${RAMPART_JAR:-rampart-gateway/target/rampart.jar}
MODSEC_MODULE=/usr/lib/nginx/modules/ngx_http_modsecurity_module.so
DEBIAN_CRS=/usr/share/modsecurity-crs

missing=()
command -v wrk >/dev/null || missing+=(wrk)
command -v nginx >/dev/null || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
[ -f "$MODSEC_MODULE" ] || missing+=(libnginx-mod-http-modsecurity)
[ -d "$DEBIAN_CRS/rules" ] || missing+=(modsecurity-crs)
if [ ${#missing[@]} -gt 0 ]; then
  echo "waf-bench: installing ${missing[*]} ..." >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >/dev/null && apt-get install -y -qq "${missing[@]}" >/dev/null
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)
DEBIAN_CRS_VERSION=$(dpkg-query -W -f='${Version}' modsecurity-crs 2>/dev/null || echo unknown)
CRS_SETUP=/etc/modsecurity/crs/crs-setup.conf
[ -f "$CRS_SETUP" ] || CRS_SETUP=$DEBIAN_CRS/crs-setup.conf.example

work=$(mktemp -d /tmp/rampart-waf-bench.XXXXXX)
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  [ -f "$work/nginx.pid" ] && kill "$(cat "$work/nginx.pid")" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

# What ModSecurity's recommended configuration puts in front of CRS, for both engines: engine On,
# bodies inspected with CRS's default limits, XML and JSON body processors by Content-Type.
cat > "$work/base.conf" <<'CONF'
SecRuleEngine On
SecRequestBodyAccess On
SecRequestBodyLimit 13107200
SecRequestBodyNoFilesLimit 131072
SecRequestBodyLimitAction Reject
SecResponseBodyAccess Off
SecAuditEngine Off
SecRule REQUEST_HEADERS:Content-Type "@rx ^(?:application(?:/soap\+|/)|text/)xml" "id:200000,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=XML"
SecRule REQUEST_HEADERS:Content-Type "@rx ^application/(?:[a-z0-9.-]+\+)?json" "id:200001,phase:1,t:none,t:lowercase,pass,nolog,ctl:requestBodyProcessor=JSON"
CONF

# Paranoia level 1 set explicitly for both CRS generations (3.3 reads tx.paranoia_level, 4 reads
# tx.blocking_paranoia_level); Rampart's route setting sets the same variables.
cat > "$work/paranoia.conf" <<'CONF'
SecAction "id:900000,phase:1,nolog,pass,t:none,setvar:tx.paranoia_level=1,setvar:tx.blocking_paranoia_level=1"
CONF

cat > "$work/modsec.conf" <<CONF
Include $work/base.conf
Include $CRS_SETUP
Include $work/paranoia.conf
Include $DEBIAN_CRS/rules/*.conf
CONF

if [ -n "${CRS_DIR:-}" ]; then
  RAMPART_CRS_SETUP=$(realpath "$CRS_DIR")/crs-setup.conf.example
  RAMPART_CRS_RULES=$(realpath "$CRS_DIR")/rules/*.conf
  RAMPART_CRS_NOTE="Rampart runs CRS from $CRS_DIR, ModSecurity runs Debian's CRS $DEBIAN_CRS_VERSION: versions differ"
else
  RAMPART_CRS_SETUP=$CRS_SETUP
  RAMPART_CRS_RULES="$DEBIAN_CRS/rules/*.conf"
  RAMPART_CRS_NOTE="both run Debian's CRS $DEBIAN_CRS_VERSION ($DEBIAN_CRS), paranoia level 1"
fi
# The setup file may be root-only readable as packaged; Rampart reads a copy.
cp "$RAMPART_CRS_SETUP" "$work/crs-setup.conf"

# One nginx master serves the upstream and ModSecurity's reverse proxy, each on its own port.
workers=$(nproc)
cat > "$work/nginx.conf" <<CONF
load_module $MODSEC_MODULE;
worker_processes $workers;
pid $work/nginx.pid;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  server_tokens off;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
  client_max_body_size 1m;
  client_body_buffer_size 64k;
  upstream app { server 127.0.0.1:$UP_PORT; keepalive 128; }
  server {
    listen 127.0.0.1:$UP_PORT;
    location / { default_type application/json; return 200 '{"status":"ok","items":[1,2,3]}'; }
  }
  server {
    listen 127.0.0.1:$MODSEC_PORT;
    modsecurity on;
    modsecurity_rules_file $work/modsec.conf;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
    }
  }
}
CONF
"$NGINX" -c "$work/nginx.conf" -p "$work" -e "$work/nginx-error.log"

cat > "$work/rampart.yaml" <<CONF
listeners: { http: { host: 127.0.0.1, port: $RAMPART_PORT } }
admin: { enabled: false }
store: { data-dir: ./data }
access-log: { enabled: false }
routes:
  - id: app
    match: { path-prefix: / }
    upstream: { urls: ["http://127.0.0.1:$UP_PORT"] }
    waf:
      rules: ["$work/base.conf", "$work/crs-setup.conf", "$work/paranoia.conf", "$RAMPART_CRS_RULES"]
      paranoia-level: 1
      request-body-limit: 128KiB
CONF

if [ ! -f "$RAMPART_JAR" ]; then
  echo "waf-bench: building rampart.jar ..." >&2
  mvn -q -B -DskipTests package -pl rampart-gateway -am >&2
fi
JAVA_OPTS=${RAMPART_JAVA_OPTS:-"-Xms512m -Xmx512m -XX:+UseParallelGC"}
java $JAVA_OPTS -jar "$RAMPART_JAR" serve --no-watch --config "$work/rampart.yaml" >"$work/rampart.log" 2>&1 &
pids+=($!)

# The requests: a benign API GET with three arguments; a benign 1.6 KB JSON order (POST).
GET_PATH='/api/v1/products?category=books&page=2&sort=price_desc'
json='{"customer":{"id":"c-20931","name":"Jane O'"'"'Neill","email":"jane.oneill@example.com","address":{"street":"12 Market Street","city":"Springfield","zip":"62704","country":"US"}},"currency":"USD","items":['
i=0
while [ ${#json} -lt 1560 ]; do
  [ $i -gt 0 ] && json+=','
  json+="{\"sku\":\"SKU-$((1000 + i))\",\"title\":\"Paperback edition, volume $((i + 1))\",\"quantity\":$((1 + i % 3)),\"price\":$((12 + i)).99,\"note\":\"Please wrap it, it is a gift for my sister.\"}"
  i=$((i + 1))
done
json+='],"express":true}'
printf '%s' "$json" > "$work/order.json"
cat > "$work/post.lua" <<LUA
local f = io.open("$work/order.json", "rb")
wrk.method = "POST"
wrk.path = "/api/v1/orders"
wrk.body = f:read("*a")
f:close()
wrk.headers["Content-Type"] = "application/json"
LUA
cat > "$work/get.lua" <<LUA
wrk.method = "GET"
wrk.path = "$GET_PATH"
LUA
HEADERS=(-H "User-Agent: Mozilla/5.0 (X11; Linux x86_64) AppClient/2.4" -H "Accept: application/json")

wait_for() { # port name
  for _ in $(seq 1 240); do
    if curl -s -o /dev/null "http://127.0.0.1:$1/"; then return 0; fi
    sleep 0.5
  done
  echo "waf-bench: $2 did not come up on port $1; its log:" >&2
  cat "$work/rampart.log" "$work/nginx-error.log" >&2 2>/dev/null || true
  exit 1
}
wait_for $UP_PORT upstream
wait_for $MODSEC_PORT "nginx + ModSecurity"
wait_for $RAMPART_PORT Rampart

# Each side must pass both benign requests to the upstream (200) and block an attack (403):
# otherwise the benchmark would measure a WAF that is off or one that rejects everything.
check() { # port name
  local get post attack
  get=$(curl -s -o /dev/null -w '%{http_code}' "${HEADERS[@]}" "http://127.0.0.1:$1$GET_PATH")
  post=$(curl -s -o /dev/null -w '%{http_code}' "${HEADERS[@]}" -H 'Content-Type: application/json' \
    --data-binary @"$work/order.json" "http://127.0.0.1:$1/api/v1/orders")
  attack=$(curl -s -o /dev/null -w '%{http_code}' "${HEADERS[@]}" \
    "http://127.0.0.1:$1/api/v1/products?category=books%27%20UNION%20SELECT%20password%20FROM%20users--")
  echo "waf-bench: $2: GET $get, JSON POST $post, SQL injection $attack" >&2
  if [ "$get" != 200 ] || [ "$post" != 200 ] || [ "$attack" != 403 ]; then
    echo "waf-bench: $2 does not pass the benign requests (200) and block the attack (403); logs in $work" >&2
    trap - EXIT
    cleanup
    exit 1
  fi
}
check $MODSEC_PORT "nginx + ModSecurity"
check $RAMPART_PORT Rampart

# wrk: requests/s and p99 (ms) of one run.
run_wrk() { # port script seconds
  wrk -t"$THREADS" -c"$CONNS" -d"$3"s --latency -s "$2" "${HEADERS[@]}" "http://127.0.0.1:$1" 2>&1
}
to_ms() { # wrk latency (123.45us, 1.23ms, 1.02s) -> ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /ms$/) n += 0; else if (v ~ /s$/) n *= 1000; printf "%.2f", n }'
}
declare -A RPS P99
measure() { # key port script
  run_wrk "$2" "$3" "$WARMUP" >/dev/null
  local out
  out=$(run_wrk "$2" "$3" "$DURATION")
  RPS[$1]=$(awk '/^Requests\/sec:/ { printf "%.0f", $2 }' <<<"$out")
  P99[$1]=$(to_ms "$(awk '$1 == "99%" { print $2 }' <<<"$out")")
  local non2xx
  non2xx=$(awk '/Non-2xx/ { print $NF }' <<<"$out")
  [ -z "$non2xx" ] || echo "waf-bench: $1: $non2xx responses were not 2xx" >&2
}

echo "waf-bench: $RAMPART_CRS_NOTE; wrk -t$THREADS -c$CONNS, ${WARMUP}s warm-up, ${DURATION}s measured per case; $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for request in get post; do
  measure "modsec-$request" $MODSEC_PORT "$work/$request.lua"
  measure "rampart-$request" $RAMPART_PORT "$work/$request.lua"
done

printf '\n%-28s %14s %12s %14s %12s\n' "" "GET req/s" "GET p99 ms" "POST req/s" "POST p99 ms"
printf '%-28s %14s %12s %14s %12s\n' "nginx + ModSecurity + CRS" "${RPS[modsec-get]}" "${P99[modsec-get]}" "${RPS[modsec-post]}" "${P99[modsec-post]}"
printf '%-28s %14s %12s %14s %12s\n' "Rampart + CRS" "${RPS[rampart-get]}" "${P99[rampart-get]}" "${RPS[rampart-post]}" "${P99[rampart-post]}"
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.2fx", a / b; else print "n/a" }'; }
printf '%-28s %14s %12s %14s %12s\n' "Rampart / ModSecurity" "$(ratio "${RPS[rampart-get]}" "${RPS[modsec-get]}")" "" \
  "$(ratio "${RPS[rampart-post]}" "${RPS[modsec-post]}")" ""
echo "($RAMPART_CRS_NOTE; load average at the end $(cut -d' ' -f1-3 /proc/loadavg))"
