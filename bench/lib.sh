# Shared by the bench scripts (bench/run.sh, bench/cluster.sh, bench/train.sh): the app's settings, starting and
# stopping it, seeding a client and user, stored codes and refresh tokens, wrk, what PostgreSQL spent, the training
# run. Needs WORK set.

pg_isready -h 127.0.0.1 -p 5432 -q || pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql | head -n 1)" main start
command -v wrk >/dev/null || { DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk >/dev/null; }

# A small heap and the serial collector suit a 2-core box; two malloc arenas and a periodic trim of the
# native heap (JDK 17.0.9+, 21+) keep memory outside the heap in bounds.
JVM_OPTS=${JVM_OPTS:-"-Xms32m -Xmx112m -XX:+UseSerialGC -XX:ReservedCodeCacheSize=48m -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000"}
export MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-2}
PORT=18180
MGMT_PORT=18182
PEER_PORT=18181
DB=latchkey_bench
KEY=bench-admin-key-0123456789-abcdefghijklmnop
KEK=YmVuY2gtb25seS1rZXktZW5jcnlwdGlvbi1rZXktMzI=
REDIRECT=https://app.example/cb
VERIFIER=bench-verifier-0123456789-abcdefghijklmnopqrstuvwxyz

say() { printf '\n== %s\n' "$*" >&2; }

# a fresh database for every build measured: earlier runs' millions of audit events and bulk rows would skew the figures
fresh_db() {
  command psql -h 127.0.0.1 -U postgres -qc "drop database if exists $DB" -qc "create database $DB"
  if [ "$STATEMENTS" = 1 ]; then psql -c 'create extension pg_stat_statements' >/dev/null; fi
}

psql() { command psql -h 127.0.0.1 -U postgres -d "$DB" -qtA "$@"; }

BASE="http://127.0.0.1:$PORT"
# readiness of the instance on PORT: on the management port in production (an older build of an A/B may still
# answer on the main port)
health() { curl -sf "http://127.0.0.1:$MGMT_PORT/q/health/ready" || curl -sf "http://127.0.0.1:$PORT/q/health/ready"; }

urlenc() { python3 -c 'import sys,urllib.parse;print(urllib.parse.quote(sys.argv[1],safe=""))' "$1"; }

CHALLENGE=$(printf '%s' "$VERIFIER" | openssl dgst -sha256 -binary | openssl base64 -A | tr '+/' '-_' | tr -d '=')
export VERIFIER REDIRECT_URI_ENC=$(urlenc "$REDIRECT")

start_app() { # java, extra jvm args...: starts the build in APP on PORT (issuer ISSUER, default its own address);
  # sets APP_PID and READY_MS
  local java=$1; shift
  local t0 t1
  t0=$(date +%s%N)
  QUARKUS_HTTP_PORT=$PORT QUARKUS_HTTP_HOST=127.0.0.1 QUARKUS_MANAGEMENT_PORT=$MGMT_PORT QUARKUS_MANAGEMENT_HOST=127.0.0.1 \
  QUARKUS_DATASOURCE_JDBC_URL=jdbc:postgresql://127.0.0.1:5432/$DB QUARKUS_DATASOURCE_USERNAME=postgres \
  LATCHKEY_ISSUER=${ISSUER:-http://127.0.0.1:$PORT} LATCHKEY_ADMIN_API_KEY=$KEY LATCHKEY_KEY_ENCRYPTION_KEY=$KEK \
  LATCHKEY_CLIENT_AUTH_MAX_FAILURES_PER_ADDRESS=1000000 \
    "$java" $JVM_OPTS "$@" -jar "$APP/quarkus-run.jar" > "$WORK/app-$PORT.log" 2>&1 &
  APP_PID=$!
  until health >/dev/null 2>&1; do
    kill -0 $APP_PID 2>/dev/null || { cat "$WORK/app-$PORT.log" >&2; exit 1; }
    sleep 0.01
  done
  t1=$(date +%s%N)
  READY_MS=$(( (t1 - t0) / 1000000 ))
}

stop_app() { kill $APP_PID 2>/dev/null || true; wait $APP_PID 2>/dev/null || true; APP_PID=""; }

api() { curl -s -H "Authorization: Bearer $KEY" -H 'Content-Type: application/json' "$@"; }

seed_api() { # [scope] [extra client JSON]: a client (all grants) and a user (with OpenID claims), through the
  # management API only; exports CLIENT_ID, CLIENT_SECRET, USER_NAME, USER_ID
  local scope=${1:-bench:read} extra=${2:-}
  api -X POST "$BASE/api/v1/scopes" -d '{"name":"bench:read","description":"Benchmark scope"}' >/dev/null
  local name="bench-$(date +%s%N)" user="bench-user-$(date +%s%N)" created allowed
  allowed=$(python3 -c 'import json,sys;print(json.dumps(sys.argv[1].split()))' "$scope")
  created=$(api -X POST "$BASE/api/v1/clients" -d "{\"name\":\"$name\",\"client_type\":\"confidential\",
    \"redirect_uris\":[\"$REDIRECT\"],\"allowed_scopes\":$allowed,\"default_scopes\":$allowed,
    \"grant_types\":[\"authorization_code\",\"refresh_token\",\"client_credentials\"]$extra}")
  CLIENT_ID=$(python3 -c 'import json,sys;print(json.load(sys.stdin)["client_id"])' <<<"$created")
  CLIENT_SECRET=$(python3 -c 'import json,sys;print(json.load(sys.stdin)["client_secret"])' <<<"$created")
  api -X POST "$BASE/api/v1/users" -d "{\"username\":\"$user\",\"password\":\"bench-password\"}" >/dev/null
  # claims for the id_token and userinfo (a build without OpenID Connect answers 405: nothing to set)
  api -X PUT "$BASE/api/v1/users/$user" -d "{\"name\":\"Bench User\",\"email\":\"$user@example.com\",
    \"email_verified\":true}" >/dev/null
  USER_NAME=$user
  USER_ID=$(psql -c "select id from app_user where username = '$user'")
  export CLIENT_ID CLIENT_SECRET
}

field() { # name, RESULT line -> its value (rps, p50_ms, p99_ms, requests, ...)
  sed "s/.* $1=\([0-9.]*\).*/\1/" <<<"$2"
}

errors_of() { # RESULT line -> the sum of its error counts
  sed 's/.*errors_connect=\([0-9]*\) errors_read=\([0-9]*\) errors_status=\([0-9]*\) errors_timeout=\([0-9]*\).*/\1+\2+\3+\4/' <<<"$1" | bc
}

per_request_us() { # cpu ticks (from /proc), requests -> µs of CPU per request
  echo $(( $1 * 1000000 / $(getconf CLK_TCK) / $2 ))
}

run_wrk() { # label, duration, script, url -> prints the RESULT line
  local out
  out=$(wrk -t1 -c16 -d"$2" --latency -s "$BENCH_DIR/$3" "$4" 2>&1) || { echo "$out" >&2; return 1; }
  grep '^RESULT' <<<"$out" | tail -1
}

# Codes and refresh tokens written straight into the database, for runs that must start on a JVM that has served
# nothing else (the warm-up curves, the training run): the same rows the authorize endpoint and a code exchange store.
stored_codes() { # n, file -> n live codes of the seeded client and user, one per line
  local tag="c$(date +%s%N)"
  seq -f "$tag-%.0f" 1 "$1" > "$2"
  psql -c "insert into authorization_code (code_hash, client_id, user_id, redirect_uri, scopes, code_challenge, created_at, expires_at)
    select sha256(('$tag-' || i)::bytea), '$CLIENT_ID', '$USER_ID', '$REDIRECT', 'bench:read', '$CHALLENGE', now(), now() + interval '10 minutes'
    from generate_series(1, $1) i" >/dev/null
}

stored_refresh_tokens() { # n, file -> n live refresh tokens of the seeded client and user, each of a grant of its own
  # (as n code exchanges leave them: one grant's tokens are rotated one after the other, never at once)
  local tag="r$(date +%s%N)"
  seq -f "$tag-%.0f" 1 "$1" > "$2"
  psql -c "with f as (insert into grant_family (id, client_id, user_id, scopes, created_at)
      select gen_random_uuid(), '$CLIENT_ID', '$USER_ID', 'bench:read', now() from generate_series(1, $1) returning id)
    insert into refresh_token (token_hash, family_id, client_id, scopes, created_at, expires_at)
    select sha256(('$tag-' || row_number() over ())::bytea), f.id, '$CLIENT_ID', 'bench:read', now(), now() + interval '1 day'
    from f" >/dev/null
}

# What PostgreSQL spends on a run: the CPU of all its processes from /proc (the postmaster's own and its reaped
# children's, and every live child's), the WAL it wrote, and the statements it ran (when pg_stat_statements is loaded).
PG_DATA=$(command psql -h 127.0.0.1 -U postgres -qtAc 'show data_directory')
STATEMENTS=$(command psql -h 127.0.0.1 -U postgres -qtAc 'show shared_preload_libraries' | grep -c pg_stat_statements || true)

db_mark() { # -> "cpu-ticks wal-lsn statements app-cpu-ticks" (the app: the processes in APP_PIDS, else APP_PID)
  local pid ticks c app=0
  pid=$(head -n 1 "$PG_DATA/postmaster.pid")
  ticks=$(awk '{print $14 + $15 + $16 + $17}' "/proc/$pid/stat")
  for c in $(ps -o pid= --ppid "$pid"); do
    ticks=$(( ticks + $(awk '{print $14 + $15}' "/proc/$c/stat" 2>/dev/null || echo 0) ))
  done
  for c in ${APP_PIDS:-$APP_PID}; do app=$(( app + $(awk '{print $14 + $15}' "/proc/$c/stat") )); done
  echo "$ticks $(psql -c 'select pg_current_wal_lsn()') $( [ "$STATEMENTS" = 1 ] \
    && psql -c 'select coalesce(sum(calls), 0) from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())' \
    || echo 0) $app"
}

# The token paths a training run puts in the class-data archive (JDK 25: with their method profiles, JEP 515):
# 5 s each of client_credentials, the code exchange and refresh rotation (TRAINING=cc: 3 s of client_credentials).
train() {
  if [ "${TRAINING:-tokens}" = cc ]; then
    run_wrk training 3s cc.lua "$BASE/oauth2/token" >/dev/null
    return
  fi
  run_wrk training 5s cc.lua "$BASE/oauth2/token" >/dev/null
  stored_codes 40000 "$WORK/training-codes"
  CODES_FILE="$WORK/training-codes" run_wrk training 5s exchange.lua "$BASE/oauth2/token" >/dev/null
  stored_refresh_tokens 64 "$WORK/training-refresh"
  REFRESH_FILE="$WORK/training-refresh" run_wrk training 5s refresh.lua "$BASE/oauth2/token" >/dev/null
}
