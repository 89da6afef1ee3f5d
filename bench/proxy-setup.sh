# Shared by bench/proxy.sh, bench/proxy-cpu.sh and bench/proxy-syscalls.sh (sourced, not run): the
# nginx upstream and reverse proxy, and Rampart's pass-through (c) and foundation-guards (d)
# configs, so the scripts measure the same setup. Expects $work, $UP_PORT, $NGINX_PORT, $RAMPART_PORT
# and $RAMPART_GUARDS_PORT.

# nginx_conf PID_FILE HTTP_BODY: a whole nginx.conf, one worker per core, no access log.
nginx_conf() {
  cat <<CONF
worker_processes $(nproc);
pid $work/$1;
error_log $work/nginx-error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  server_tokens off;
  client_body_temp_path $work/body; proxy_temp_path $work/proxy;
  fastcgi_temp_path $work/fcgi; uwsgi_temp_path $work/uwsgi; scgi_temp_path $work/scgi;
$2
}
CONF
}

# The upstream: a 31-byte static JSON body.
nginx_upstream_server() {
  cat <<CONF
  server {
    listen 127.0.0.1:$UP_PORT;
    location / { default_type application/json; return 200 '{"status":"ok","items":[1,2,3]}'; }
  }
CONF
}

# nginx as a reverse proxy to the upstream, keep-alive both ways, forwarding headers set as Rampart does.
nginx_proxy_server() {
  cat <<CONF
  upstream app { server 127.0.0.1:$UP_PORT; keepalive 128; }
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location / {
      proxy_pass http://app;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$host;
      proxy_set_header X-Forwarded-For \$proxy_add_x_forwarded_for;
      proxy_set_header X-Forwarded-Proto \$scheme;
    }
  }
CONF
}

# (c) pass-through: no guard, no access log, no response header added.
write_pass_config() { # FILE
  cat > "$1" <<CONF
listeners: { http: { host: 127.0.0.1, port: $RAMPART_PORT } }
admin: { enabled: false }
store: { data-dir: ./data-pass }
access-log: { enabled: false }
security-headers:
  strict-transport-security: "off"
  content-type-options: "off"
  frame-options: "off"
  referrer-policy: "off"
  content-security-policy: "off"
  permissions-policy: "off"
  cross-origin-opener-policy: "off"
  cross-origin-resource-policy: "off"
  hide: []
routes:
  - id: app
    match: { path-prefix: / }
    upstream: { urls: ["http://127.0.0.1:$UP_PORT"] }
CONF
}

# (d) the foundation guards: trusted hosts, IP filter, CORS, security headers (defaults), access log.
write_guards_config() { # FILE
  cat > "$1" <<CONF
listeners: { http: { host: 127.0.0.1, port: $RAMPART_GUARDS_PORT } }
admin: { enabled: false }
store: { data-dir: ./data-guards }
trusted-hosts: [127.0.0.1, localhost]
ip-filter:
  allow: [127.0.0.0/8, "::1/128"]
  deny: [10.66.0.0/16, 192.0.2.0/24, "2001:db8::/32"]
routes:
  - id: app
    match: { path-prefix: / }
    upstream: { urls: ["http://127.0.0.1:$UP_PORT"] }
    cors:
      allowed-origins: ["https://app.example.com"]
      allowed-methods: [GET, POST]
CONF
}

# start_nginx_pair: the nginx upstream and the nginx reverse proxy to it, each under its own master
# (pid files up.pid and proxy.pid in $work), so the proxy workers' CPU and system calls are theirs
# alone. Expects $NGINX too.
start_nginx_pair() {
  nginx_conf up.pid "$(nginx_upstream_server)" > "$work/up.conf"
  nginx_conf proxy.pid "$(nginx_proxy_server)" > "$work/proxy.conf"
  "$NGINX" -c "$work/up.conf" -p "$work"
  "$NGINX" -c "$work/proxy.conf" -p "$work"
}

# stop_nginx_pair: stops what start_nginx_pair started (safe to call when it did not start).
stop_nginx_pair() {
  for f in "$work/up.pid" "$work/proxy.pid"; do [ -f "$f" ] && kill "$(cat "$f")" 2>/dev/null || true; done
}

# start_bench_with_nginx_pair: what proxy-cpu.sh and the floor-*.sh scripts start with — $pids, the
# processes to kill on exit (they add theirs), a trap that kills them and stops the nginx pair, and
# the nginx pair itself.
start_bench_with_nginx_pair() {
  pids=()
  trap stop_bench_processes EXIT
  start_nginx_pair
}

stop_bench_processes() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  stop_nginx_pair
  wait 2>/dev/null || true
}
