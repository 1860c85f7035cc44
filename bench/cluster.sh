#!/usr/bin/env bash
# Several Latchkey instances on one PostgreSQL behind nginx (as deploy/nginx.conf balances them), loaded through
# the balancer: requests/s per instance (from each one's own Prometheus counter) and in total, and what PostgreSQL
# spent per request, for client_credentials, the code exchange and refresh rotation. Writes bench/cluster.md.
#
#   bench/cluster.sh              3 instances, then 1 behind the same nginx for comparison, 15 s per run
#   INSTANCES="1 2 3" DURATION=20s bench/cluster.sh
#   PREBUILT=<a bench/run.sh work directory> bench/cluster.sh     its package instead of building one
#
# Everything runs on this one machine, so the instances, nginx, PostgreSQL and wrk share its cores: the figures
# show how the load spreads and what the database pays per request, not what separate machines would add up to
# (docs/scaling.md turns them into a model).
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_DIR="$PWD/bench"
INSTANCES=${INSTANCES:-"3 1"}
DURATION=${DURATION:-15s}
WORK=$(mktemp -d /tmp/latchkey-cluster.XXXXXX)
PIDS=""
NGINX_PID=""
trap 'for p in $PIDS; do kill $p 2>/dev/null; done; [ -n "$NGINX_PID" ] && kill $NGINX_PID 2>/dev/null; true' EXIT
source "$BENCH_DIR/lib.sh"
DB=latchkey_cluster
LB_PORT=18190
ISSUER="http://127.0.0.1:$LB_PORT"
command -v nginx >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -q nginx-light >/dev/null; }

if [ -n "${PREBUILT:-}" ]; then # the work directory of a bench/run.sh run, whose package to use
  APP=$PREBUILT/app-head
else
  say "building the packaged app"
  ./mvnw -q package -DskipTests && cp -r target/quarkus-app "$WORK/app"
  APP=$WORK/app
fi

nginx_for() { # n: nginx on LB_PORT over instances 1..n, configured as deploy/nginx.conf
  local i servers=""
  for i in $(seq 1 "$1"); do servers+="    server 127.0.0.1:$((18200 + i));"$'\n'; done
  mkdir -p "$WORK/nginx"
  cat > "$WORK/nginx/nginx.conf" <<CONF
worker_processes 1;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/error.log;
events { worker_connections 1024; }
http {
  access_log off;
  upstream latchkey {
$servers    keepalive 32;
  }
  server {
    listen 127.0.0.1:$LB_PORT;
    location / {
      proxy_pass http://latchkey;
      proxy_http_version 1.1;
      proxy_set_header Connection "";
      proxy_set_header Host \$http_host;
      proxy_set_header X-Forwarded-For \$remote_addr;
    }
  }
}
CONF
  nginx -c "$WORK/nginx/nginx.conf" -p "$WORK/nginx" -g 'daemon off;' &
  NGINX_PID=$!
  until curl -s -o /dev/null "$ISSUER/.well-known/oauth-authorization-server"; do sleep 0.1; done
}

token_requests() { # instance -> how many token requests it has answered (its Prometheus counter)
  curl -s "http://127.0.0.1:$((18300 + $1))/q/metrics" \
    | awk '/^http_server_requests_seconds_count/ && /uri="\/oauth2\/token"/ {n += $NF} END {printf "%d", n}'
}

measure() { # n, scenario, script: one run through nginx over n instances
  local n=$1 i before=() after line mark0 mark1 per=""
  for i in $(seq 1 "$n"); do before[$i]=$(token_requests "$i"); done
  mark0=$(db_mark)
  line=$(run_wrk cluster "$DURATION" "$3" "$ISSUER/oauth2/token")
  mark1=$(db_mark)
  for i in $(seq 1 "$n"); do
    after=$(token_requests "$i")
    per+="$(( (after - ${before[$i]}) / ${DURATION%s} ))/s "
  done
  read -r t0 _ _ a0 <<<"$mark0"; read -r t1 _ _ a1 <<<"$mark1"
  local total; total=$(field requests "$line")
  printf '| %s | %s | %.0f | %s | %s | %s | %s | %s |\n' "$n" "$2" "$(field rps "$line")" "${per% }" \
    "$(field p99_ms "$line")" "$(per_request_us $((t1 - t0)) "$total")" \
    "$(per_request_us $((a1 - a0)) "$total")" \
    "$(errors_of "$line")" \
    | tee -a "$WORK/rows.md" >&2
}

: > "$WORK/rows.md"
for n in $INSTANCES; do
  fresh_db
  say "$n instance(s) on one PostgreSQL behind nginx"
  PIDS=""
  for i in $(seq 1 "$n"); do
    PORT=$((18200 + i)) MGMT_PORT=$((18300 + i)) start_app java
    PIDS+="$APP_PID "
  done
  export APP_PIDS=$PIDS
  nginx_for "$n"
  BASE=$ISSUER seed_api
  # every instance warmed alike before anything is measured
  run_wrk warm 20s cc.lua "$ISSUER/oauth2/token" >/dev/null
  export CODES_FILE=$WORK/codes REFRESH_FILE=$WORK/refresh
  stored_codes 60000 "$CODES_FILE"; run_wrk warm 10s exchange.lua "$ISSUER/oauth2/token" >/dev/null
  measure "$n" client_credentials cc.lua
  stored_codes 80000 "$CODES_FILE"
  measure "$n" "code exchange" exchange.lua
  stored_refresh_tokens 64 "$REFRESH_FILE"
  measure "$n" "refresh rotation" refresh.lua
  for p in $PIDS; do kill "$p"; wait "$p" 2>/dev/null || true; done
  PIDS=""
  kill "$NGINX_PID"; wait "$NGINX_PID" 2>/dev/null || true; NGINX_PID=""
done

{
  echo "# Latchkey: instances on one PostgreSQL behind nginx"
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by \`bench/cluster.sh\`: wrk (1 thread, 16 connections, $DURATION) → nginx $(nginx -v 2>&1 | sed 's/.*nginx\///')"
  echo "(1 worker, keep-alive to each instance) → the instances (JDK $(java -version 2>&1 | head -n 1 | sed 's/.*version "\([^"]*\)".*/\1/'), \`$JVM_OPTS\`) →"
  echo "PostgreSQL $(psql -c 'show server_version' | cut -d' ' -f1), all on this machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))."
  echo "Per instance: token requests it answered, by its own \`http_server_requests_seconds_count\`."
  echo
  echo "| instances | scenario | requests/s, total | per instance | p99 ms | PostgreSQL CPU µs per request | instances' CPU µs per request | errors |"
  echo "|---:|---|---:|---|---:|---:|---:|---:|"
  cat "$WORK/rows.md"
} > "$BENCH_DIR/cluster.md"
say "written to bench/cluster.md"
cat "$BENCH_DIR/cluster.md"
