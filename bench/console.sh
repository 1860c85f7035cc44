#!/usr/bin/env bash
# The admin console's render times at size: 10,000 clients and 100,000 audit events (CLIENTS, EVENTS to change),
# each page loaded by wrk over one connection (so the latency is the server's time plus loopback), the packaged
# app on a fresh database. Writes bench/console.md.
#
#   bench/console.sh              the build in target/quarkus-app (packaged first when missing)
#   DURATION=10s bench/console.sh longer runs per page (default 5s, after a 3s warm-up)
#   JDKS="/path/to/java ..."      the JDKs to run it on (default: JDK 17 and, where installed, Temurin 25)
set -euo pipefail
cd "$(dirname "$0")/.."
CLIENTS=${CLIENTS:-10000}
EVENTS=${EVENTS:-100000}
DURATION=${DURATION:-5s}
JDKS=${JDKS:-"$(command -v java) $( [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && echo /usr/lib/jvm/temurin-25-jdk-amd64/bin/java)"}
PORT=18190
MGMT_PORT=18192
DB=latchkey_bench_console
BASE=http://127.0.0.1:$PORT
KEY=bench-admin-key-0123456789-abcdefghijklmnop
KEK=YmVuY2gtb25seS1rZXktZW5jcnlwdGlvbi1rZXktMzI=
SESSION=console-bench-session-0123456789abcdef
OUT=bench/console.md
APP_PID=""
trap '[ -n "$APP_PID" ] && kill $APP_PID 2>/dev/null; true' EXIT

command -v wrk >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }
pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
[ -f target/quarkus-app/quarkus-run.jar ] || ./mvnw -q package -DskipTests
psql() { command psql -h 127.0.0.1 -U postgres -d "$DB" -qtA "$@"; }
command psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" -qc "create database $DB"

start_app() { # java
  QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$MGMT_PORT QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB QUARKUS_DATASOURCE_USERNAME=postgres \
  LATCHKEY_ISSUER=$BASE LATCHKEY_ADMIN_API_KEY=$KEY LATCHKEY_KEY_ENCRYPTION_KEY=$KEK \
    "$1" -Xms32m -Xmx112m -XX:+UseSerialGC -jar target/quarkus-app/quarkus-run.jar > /tmp/latchkey-console-bench.log 2>&1 &
  APP_PID=$!
  until curl -sf "http://127.0.0.1:$MGMT_PORT/q/health/ready" >/dev/null; do
    kill -0 $APP_PID 2>/dev/null || { cat /tmp/latchkey-console-bench.log >&2; exit 1; }
    sleep 0.1
  done
}
stop_app() { kill $APP_PID 2>/dev/null || true; wait $APP_PID 2>/dev/null || true; APP_PID=""; }
start_app "${JDKS%% *}"

api() { curl -sf -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$@"; }
api -X POST "$BASE/api/v1/users" -d '{"username":"bench-admin","password":"bench-password-1","roles":["admin"]}' >/dev/null
api -X POST "$BASE/api/v1/scopes" -d '{"name":"bench:read","description":"Benchmark scope"}' >/dev/null

echo "seeding $CLIENTS clients and $EVENTS audit events" >&2
# Rows written straight into the tables (the API would take minutes for this many); the same shapes the API writes.
psql <<SQL
insert into client (client_id, name, client_type, secret_hash, token_endpoint_auth_method)
  select 'bench-client-' || lpad(i::text, 6, '0'), 'Bench app ' || i, 'confidential', sha256(i::text::bytea),
         'client_secret_basic' from generate_series(1, $CLIENTS) i;
insert into client_redirect_uri (client_id, uri, position)
  select 'bench-client-' || lpad(i::text, 6, '0'), 'https://app' || i || '.example/cb', 0 from generate_series(1, $CLIENTS) i;
insert into client_allowed_scope (client_id, scope_name)
  select 'bench-client-' || lpad(i::text, 6, '0'), 'bench:read' from generate_series(1, $CLIENTS) i;
insert into client_grant_type (client_id, grant_type)
  select 'bench-client-' || lpad(i::text, 6, '0'), 'client_credentials' from generate_series(1, $CLIENTS) i;
insert into audit_event (at, type, actor, client_id, subject, address, detail)
  select now() - (i || ' seconds')::interval,
         (array['TOKEN_ISSUED','TOKEN_ISSUED','TOKEN_ISSUED','LOGIN_SUCCEEDED','CONSENT_GIVEN','CODE_ISSUED','MANAGEMENT_CHANGE'])[1 + i % 7],
         case when i % 7 = 6 then 'admin' else 'bench-client-' || lpad((1 + i % $CLIENTS)::text, 6, '0') end,
         'bench-client-' || lpad((1 + i % $CLIENTS)::text, 6, '0'), null, '127.0.0.1', 'seeded event ' || i
  from generate_series(1, $EVENTS) i;
insert into console_session (id_hash, user_id, created_at, expires_at)
  select sha256('$SESSION'::bytea), id, now(), now() + interval '1 hour' from app_user where username = 'bench-admin';
analyze;
SQL

MIDDLE=bench-client-$(printf '%06d' $((CLIENTS / 2)))
BEFORE=$(psql -c "select id from audit_event order by id limit 1 offset $((EVENTS / 2))")
PAGES=(
  "clients, first page|/console/clients"
  "clients, a middle page|/console/clients?after=$MIDDLE"
  "clients, search by name|/console/clients?q=app%2077"
  "clients, search, no match|/console/clients?q=nothing-like-this"
  "one client|/console/clients/$MIDDLE"
  "client edit form|/console/clients/$MIDDLE/edit"
  "users|/console/users"
  "scopes|/console/scopes"
  "keys|/console/keys"
  "audit, newest|/console/audit"
  "audit, a middle page|/console/audit?before=$BEFORE"
  "audit by type|/console/audit?type=CONSENT_GIVEN"
  "audit by client|/console/audit?client_id=$MIDDLE"
  "audit by actor (1 in 7)|/console/audit?actor=admin"
  "audit by actor (none)|/console/audit?actor=nobody"
  "audit, a time span|/console/audit?since=$(date -u -d '-2 hours' +%Y-%m-%dT%H:%M)&until=$(date -u -d '-1 hours' +%Y-%m-%dT%H:%M)"
)
ms() { # wrk's latency figure (us, ms or s) in ms
  awk -v v="$1" 'BEGIN { n = v + 0; if (v ~ /us$/) n /= 1000; else if (v ~ /[^m]s$/) n *= 1000; printf "%.1f", n }'
}
{
  echo "# Admin console render times"
  echo
  echo "$(date -u +%Y-%m-%d), $(nproc) cores, $CLIENTS clients, $EVENTS audit events; wrk, 1 connection, $DURATION per"
  echo "page after a 3 s warm-up (\`bench/console.sh\`). Latency over loopback: the server's time to answer, the page"
  echo "rendered. Target: under 50 ms."
} > "$OUT.tmp"
first=1
for JAVA in $JDKS; do
  [ $first = 1 ] || { stop_app; start_app "$JAVA"; }
  first=0
  {
    echo
    echo "## $("$JAVA" -version 2>&1 | head -1)"
    echo
    echo "| page | mean ms | p50 ms | p99 ms | bytes |"
    echo "|---|---:|---:|---:|---:|"
  } >> "$OUT.tmp"
  for entry in "${PAGES[@]}"; do
    name=${entry%%|*}; path=${entry#*|}
    status=$(curl -s -o /tmp/console-page.html -w '%{http_code}' -H "Cookie: latchkey_console=$SESSION" "$BASE$path")
    [ "$status" = 200 ] || { echo "$path answered $status" >&2; head -c 2000 /tmp/console-page.html >&2; exit 1; }
    bytes=$(wc -c < /tmp/console-page.html)
    wrk -t1 -c1 -d3s -H "Cookie: latchkey_console=$SESSION" "$BASE$path" >/dev/null
    out=$(wrk -t1 -c1 -d"$DURATION" --latency -H "Cookie: latchkey_console=$SESSION" "$BASE$path")
    mean=$(ms "$(awk '/Latency/ && !/Distribution/ {print $2; exit}' <<<"$out")")
    p50=$(ms "$(awk '$1 == "50%" {print $2}' <<<"$out")")
    p99=$(ms "$(awk '$1 == "99%" {print $2}' <<<"$out")")
    echo "| $name | $mean | $p50 | $p99 | $bytes |" >> "$OUT.tmp"
    echo "$name: mean $mean ms, p99 $p99 ms" >&2
  done
done
mv "$OUT.tmp" "$OUT"
cat "$OUT"
