#!/usr/bin/env bash
# Latchkey benchmark: one command builds the packaged app, starts it against the local PostgreSQL with a
# seeded client and user, loads it with wrk (1 thread, 16 connections) and writes bench/results.md.
#
#   bench/run.sh            full run: 20 s warm-up + 20 s measured per scenario, JDK 17 and (if present) JDK 25,
#                           the reference peer (node-oidc-provider) in the same run, and the 1,000,000-row check
#   bench/run.sh --quick    5 s + 5 s, default JDK only, no peer, no bulk rows (a smoke run; nothing asserted)
#   bench/run.sh --ab REV [REV2]  A/B in one run: the commit REV and this working tree (or the commit REV2), built
#                           alike and measured in turn
#                           (each on a fresh database, both JDKs), then alternating starts of both with their
#                           class-data archives; writes bench/ab.md (no peer, no bulk rows: AB_PEER=1, AB_ROWS=n for them)
#
# Every run also draws warm-up curves: requests/s per 5 s from the first request after ready, on a fresh start with
# the build's trained archive, for client_credentials, the code exchange and refresh rotation (written to the table
# and plotted to bench/warmup.png by gnuplot), and reports what PostgreSQL spent per code exchange and per refresh
# (CPU of its processes from /proc, WAL bytes, statements when pg_stat_statements is loaded).
#
# Environment: WARMUP, DURATION (wrk durations), JDKS (space-separated java binaries), ROWS (bulk rows, 0 = skip),
# PEER=0 to skip the peer, JVM_OPTS for the app, STARTS (alternating starts per build in --ab, default 8),
# SCENARIOS (letters of the scenarios to run, w for the warm-up curves; default all), CURVE (seconds per warm-up
# curve, default 60), TRAINING (what trains the class-data archive: tokens, the default, or cc), PREBUILT (the work
# directory of an earlier run whose packages to measure instead of building).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$(pwd)
export BENCH_DIR="$ROOT/bench"
WARMUP=${WARMUP:-20s}
DURATION=${DURATION:-20s}
ROWS=${ROWS:-1000000}
PEER=${PEER:-1}
JDKS=${JDKS:-"$(command -v java) $( [ -x /usr/lib/jvm/temurin-25-jdk-amd64/bin/java ] && echo /usr/lib/jvm/temurin-25-jdk-amd64/bin/java)"}
AB_REV=""
if [ "${1:-}" = "--quick" ]; then
  WARMUP=5s; DURATION=5s; ROWS=0; PEER=0; JDKS="$(command -v java)"; JAR_TYPE_25=fast-jar; CURVE=${CURVE:-10}
elif [ "${1:-}" = "--ab" ]; then
  AB_REV=${2:?"--ab needs a commit to compare this working tree with"}
  AB_REV2=${3:-}
  ROWS=${AB_ROWS:-0}; PEER=${AB_PEER:-0}
fi
STARTS=${STARTS:-8}
SCENARIOS=${SCENARIOS:-abcdefghijw}
CURVE=${CURVE:-60}
TRAINING=${TRAINING:-tokens}
want() { [[ $SCENARIOS == *"$1"* ]]; }
WORK=$(mktemp -d /tmp/latchkey-bench.XXXXXX)
RESULTS="$WORK/rows.txt"
: > "$RESULTS"
APP_PID=""
PEER_PID=""
trap '[ -n "$APP_PID" ] && kill $APP_PID 2>/dev/null; [ -n "$PEER_PID" ] && kill $PEER_PID 2>/dev/null; [ -n "$AB_REV" ] && git worktree remove --force "$WORK/base-src" 2>/dev/null; [ -n "${AB_REV2:-}" ] && git worktree remove --force "$WORK/head-src" 2>/dev/null; true' EXIT

source "$BENCH_DIR/lib.sh"
if [ "${1:-}" != "--quick" ] && ! command -v gnuplot >/dev/null; then # the warm-up plot
  DEBIAN_FRONTEND=noninteractive apt-get install -y -q gnuplot-nox >/dev/null || echo "bench: no gnuplot, no plot" >&2
fi

# Each build is packaged as the README gives for production: the default fast-jar for JDK 17 (with an AppCDS
# archive), and the aot-jar layout for JDK 25, whose AOT cache then holds every class of the application
# (JEP 483 caches only what the JDK's own class loaders load). JAR_TYPE_25 chooses another.
JAR_TYPE_25=${JAR_TYPE_25:-aot-jar}
package_into() { # source dir, target dir, jar type for JDK 25
  (cd "$1" && ./mvnw -q package -DskipTests && cp -r target/quarkus-app "$2")
  if [ "$3" != "fast-jar" ]; then
    (cd "$1" && ./mvnw -q package -DskipTests -Dquarkus.package.jar.type="$3" && cp -r target/quarkus-app "$2-25")
  else
    cp -r "$2" "$2-25"
  fi
}
say "building the packaged app"
APP_DIR=$WORK/app-head
HEAD_SRC=$ROOT
if [ -n "${AB_REV2:-}" ]; then
  git worktree add --detach -q "$WORK/head-src" "$AB_REV2"
  HEAD_SRC=$WORK/head-src
fi
if [ -n "${PREBUILT:-}" ]; then # an earlier run's packages (its app-head and app-head-25), to try JVM settings
  cp -r "$PREBUILT/app-head" "$APP_DIR" && cp -r "$PREBUILT/app-head-25" "$APP_DIR-25"
else
  package_into "$HEAD_SRC" "$APP_DIR" "$JAR_TYPE_25"
fi
BUILDS="$APP_DIR"
if [ -n "$AB_REV" ]; then
  say "building $AB_REV for the A/B"
  git worktree add --detach -q "$WORK/base-src" "$AB_REV"
  package_into "$WORK/base-src" "$WORK/app-base" "${AB_BASE_JAR_TYPE_25:-fast-jar}"
  BUILDS="$WORK/app-base $APP_DIR"
  AB_BASE=$(git rev-parse --short "$AB_REV")
  if [ -n "${AB_REV2:-}" ]; then AB_HEAD=$(git rev-parse --short "$AB_REV2")
  else AB_HEAD="$(git rev-parse --short HEAD)$(git diff --quiet HEAD -- src pom.xml || echo '+changes')"; fi
fi
db_of() { # app dir -> its database (each build migrates a database of its own)
  if [ "$1" = "$APP_DIR" ]; then echo latchkey_bench; else echo latchkey_bench_base; fi
}
build_name() { # app dir -> what the table calls it
  if [ -z "$AB_REV" ]; then echo ""; elif [ "$1" = "$APP_DIR" ]; then echo " · $AB_HEAD"; else echo " · $AB_BASE"; fi
}

seed() { # [scope] [extra client JSON]: seed_api's client and user, who has then logged in and consented to the
  # scope (default bench:read) through the real pages; exports CLIENT_ID, CLIENT_SECRET, SESSION, AUTHORIZE_PATH
  local scope=${1:-bench:read} jar="$WORK/cookies" page csrf loc
  seed_api "$@"
  AUTHORIZE_PATH="/oauth2/authorize?client_id=$CLIENT_ID&response_type=code&redirect_uri=$REDIRECT_URI_ENC&scope=$(urlenc "$scope")&code_challenge=$CHALLENGE&code_challenge_method=S256"
  rm -f "$jar"
  page=$(curl -s -c "$jar" -b "$jar" "$BASE$AUTHORIZE_PATH")
  csrf=$(grep -o 'name="lk_csrf" value="[^"]*' <<<"$page" | sed 's/.*value="//')
  curl -s -o /dev/null -c "$jar" -b "$jar" --data-urlencode "lk_csrf=$csrf" --data-urlencode "username=$USER_NAME" \
    --data-urlencode "password=bench-password" --data-urlencode "client_id=$CLIENT_ID" --data-urlencode "response_type=code" \
    --data-urlencode "redirect_uri=$REDIRECT" --data-urlencode "scope=$scope" --data-urlencode "code_challenge=$CHALLENGE" \
    --data-urlencode "code_challenge_method=S256" "$BASE/oauth2/authorize/login"
  page=$(curl -s -c "$jar" -b "$jar" "$BASE$AUTHORIZE_PATH")
  csrf=$(grep -o 'name="lk_csrf" value="[^"]*' <<<"$page" | sed 's/.*value="//')
  loc=$(curl -s -o /dev/null -w '%{redirect_url}' -c "$jar" -b "$jar" --data-urlencode "lk_csrf=$csrf" --data-urlencode "decision=allow" \
    --data-urlencode "client_id=$CLIENT_ID" --data-urlencode "response_type=code" --data-urlencode "redirect_uri=$REDIRECT" \
    --data-urlencode "scope=$scope" --data-urlencode "code_challenge=$CHALLENGE" --data-urlencode "code_challenge_method=S256" \
    "$BASE/oauth2/authorize/consent")
  grep -q 'code=' <<<"$loc" || { echo "seeding the consent failed: $loc" >&2; exit 1; }
  SESSION=$(awk '$6 == "latchkey_session" {print $7}' "$jar")
  export SESSION AUTHORIZE_PATH
}

steady() { # jdk-label, scenario, RESULT line: the steady figure the warm-up curves are compared with
  printf '%s|%s|%s\n' "$1" "$2" "$(field rps "$3")" >> "$WORK/steady.txt"
}

record() { # jdk-label, scenario, RESULT line
  local line=$3
  local rps p50 p99 errs
  rps=$(field rps "$line")
  p50=$(field p50_ms "$line")
  p99=$(field p99_ms "$line")
  errs=$(errors_of "$line")
  printf '%s|%s|%.0f|%s|%s|%s\n' "$1" "$2" "$rps" "$p50" "$p99" "$errs" | tee -a "$RESULTS" >&2
}

issue_codes() { # seconds -> CODES_FILE with that many seconds' worth of codes issued through the real flow
  export CODES_FILE="$WORK/codes-$(date +%s%N)"
  : > "$CODES_FILE"
  run_wrk issue "$1" issue-codes.lua "$BASE" >/dev/null
}

refresh_pool() { # n -> REFRESH_FILE with n live refresh tokens from real code exchanges
  export REFRESH_FILE="$WORK/refresh-$(date +%s%N)"
  issue_codes 1s
  head -n "$1" "$CODES_FILE" | while read -r code; do
    curl -s -u "$CLIENT_ID:$CLIENT_SECRET" -d "grant_type=authorization_code&code=$code&redirect_uri=$REDIRECT_URI_ENC&code_verifier=$VERIFIER" \
      "$BASE/oauth2/token" | python3 -c 'import json,sys;print(json.load(sys.stdin)["refresh_token"])'
  done > "$REFRESH_FILE"
}

access_token() { # -> TOKEN: a live access token of the seeded user, from a real code exchange
  issue_codes 1s
  export TOKEN=$(curl -s -u "$CLIENT_ID:$CLIENT_SECRET" -d "grant_type=authorization_code&code=$(head -n 1 "$CODES_FILE")&redirect_uri=$REDIRECT_URI_ENC&code_verifier=$VERIFIER" \
    "$BASE/oauth2/token" | python3 -c 'import json,sys;print(json.load(sys.stdin)["access_token"])')
}

# Codes live 60 s at most: each exchange run gets codes issued just before it (for 1.4 times its duration,
# as issuing through the authorize endpoint is about as fast as redeeming); the oldest is redeemed first.
exchange_run() { # duration-seconds -> RESULT line
  issue_codes "$(( $1 * 7 / 5 + 1 ))s"
  EXCHANGE_CODES=$(wc -l < "$CODES_FILE")
  run_wrk exchange "${1}s" exchange.lua "$BASE/oauth2/token"
}

db_cost() { # jdk-label, scenario, mark before, mark after, RESULT line: a row with PostgreSQL's cost per request
  local n; n=$(field requests "$5")
  read -r t0 l0 s0 a0 <<<"$3"; read -r t1 l1 s1 a1 <<<"$4"
  printf '%s|%s: per request|PostgreSQL %s µs CPU, %s WAL bytes%s; the app %s µs CPU|||\n' "$1" "$2" \
    "$(per_request_us $((t1 - t0)) "$n")" "$(( $(psql -c "select pg_wal_lsn_diff('$l1', '$l0')" | cut -d. -f1) / n ))" \
    "$( [ "$STATEMENTS" = 1 ] && echo ", $(printf "%.2f" "$(bc <<<"scale=3; ($s1 - $s0) / $n")") statements")" \
    "$(per_request_us $((a1 - a0)) "$n")" | tee -a "$RESULTS" >&2
}

# Warm-up: a fresh start with the trained archive per path, a client and user made through the management API,
# then requests/s in each 5 s from the first request (one wrk run each, back to back), for CURVE seconds.
warmup_curves() { # java, archive flag, jdk-label
  local scenario i line n=$((CURVE / 5)) per=40000
  for scenario in client_credentials "code exchange" "refresh rotation"; do
    start_app "$1" "$2"
    seed_api
    for i in $(seq 1 "$n"); do
      case $scenario in
        code*) stored_codes "$per" "$WORK/curve-$i" ;;
        refresh*) stored_refresh_tokens 64 "$WORK/curve-$i" ;;
      esac
    done
    for i in $(seq 1 "$n"); do
      case $scenario in
        client*) line=$(run_wrk curve 5s cc.lua "$BASE/oauth2/token") ;;
        code*) line=$(CODES_FILE="$WORK/curve-$i" run_wrk curve 5s exchange.lua "$BASE/oauth2/token")
               [ "$(field requests "$line")" -lt "$per" ] \
                 || { echo "bench: the warm-up curve's codes ran out; raise per in warmup_curves" >&2; exit 1; } ;;
        refresh*) line=$(REFRESH_FILE="$WORK/curve-$i" run_wrk curve 5s refresh.lua "$BASE/oauth2/token") ;;
      esac
      printf '%s|%s|%s|%s\n' "$3" "$scenario" "$((i * 5))" "$(field rps "$line")" >> "$WORK/curves.txt"
    done
    echo "$3 · $scenario: $(grep -F "$3|$scenario|" "$WORK/curves.txt" | cut -d'|' -f4 | xargs)" >&2
    stop_app
  done
}

archive_of() { # java-version, app dir -> the class-data archive trained for that build
  echo "$WORK/$(basename "$2")-$1.jsa"
}

measure_jdk() { # java, app dir
  local java=$1 label line ver secs_w secs_d
  APP=$2; DB=$(db_of "$APP")
  ver=$("$java" -version 2>&1 | head -n 1 | sed 's/.*version "\([^"]*\)".*/\1/')
  label="JDK $ver$(build_name "$APP")"
  [ "${ver%%.*}" -ge 25 ] && APP="$APP-25"
  secs_w=${WARMUP%s}; secs_d=${DURATION%s}
  fresh_db

  say "$label: start to ready (cold, then with a class-data archive from a training run)"
  start_app "$java"; local cold=$READY_MS
  local archive flags
  archive=$(archive_of "$ver" "$APP")
  if [ "${ver%%.*}" -ge 25 ]; then flags="-XX:AOTCacheOutput=$archive"; else flags="-XX:ArchiveClassesAtExit=$archive"; fi
  stop_app
  start_app "$java" $flags
  seed
  train
  stop_app
  if [ "${ver%%.*}" -ge 25 ]; then flags="-XX:AOTCache=$archive"; else flags="-XX:SharedArchiveFile=$archive"; fi
  if want w; then
    say "$label: warm-up curves (${CURVE} s from the first request, a fresh start with the archive each)"
    warmup_curves "$java" "$flags" "$label"
  fi
  start_app "$java" $flags
  printf '%s|start to ready (ms)|%s cold, %s with archive|||\n' "$label" "$cold" "$READY_MS" | tee -a "$RESULTS" >&2
  seed
  PROVIDER=$(health | python3 -c 'import json,sys;print([c for c in json.load(sys.stdin)["checks"] if c["name"]=="Signing key"][0]["data"]["provider"])')
  echo "$label signs with: $PROVIDER" >> "$WORK/providers.txt"

  local before
  if want a; then
    say "$label: (a) client_credentials"
    run_wrk warm "$WARMUP" cc.lua "$BASE/oauth2/token" >/dev/null
    before=$(db_mark)
    line=$(run_wrk cc "$DURATION" cc.lua "$BASE/oauth2/token"); record "$label" "client_credentials" "$line"
    db_cost "$label" "client_credentials" "$before" "$(db_mark)" "$line"
    steady "$label" client_credentials "$line"
  fi

  if want b; then
    say "$label: (b) authorization-code exchange"
    exchange_run "$secs_w" >/dev/null
    issue_codes "$(( secs_d * 7 / 5 + 1 ))s"
    before=$(db_mark)
    line=$(run_wrk exchange "$DURATION" exchange.lua "$BASE/oauth2/token")
    record "$label" "code exchange ($(wc -l < "$CODES_FILE") codes issued)" "$line"
    db_cost "$label" "code exchange" "$before" "$(db_mark)" "$line"
    steady "$label" "code exchange" "$line"
  fi

  if want c; then
    say "$label: (c) refresh-token rotation"
    refresh_pool 64; run_wrk warm "$WARMUP" refresh.lua "$BASE/oauth2/token" >/dev/null
    refresh_pool 64
    before=$(db_mark)
    line=$(run_wrk refresh "$DURATION" refresh.lua "$BASE/oauth2/token"); record "$label" "refresh rotation" "$line"
    db_cost "$label" "refresh rotation" "$before" "$(db_mark)" "$line"
    steady "$label" "refresh rotation" "$line"
  fi

  if want d; then
    say "$label: (d) introspection"
    access_token
    run_wrk warm "$WARMUP" introspect.lua "$BASE/oauth2/introspect" >/dev/null
    record "$label" "introspection (user token)" "$(run_wrk introspect "$DURATION" introspect.lua "$BASE/oauth2/introspect")"
  fi

  if want e; then
    say "$label: (e) JWKS and metadata"
    run_wrk warm "$WARMUP" get.lua "$BASE/oauth2/jwks" >/dev/null
    record "$label" "JWKS" "$(run_wrk jwks "$DURATION" get.lua "$BASE/oauth2/jwks")"
    run_wrk warm "$WARMUP" get.lua "$BASE/.well-known/oauth-authorization-server" >/dev/null
    record "$label" "metadata" "$(run_wrk metadata "$DURATION" get.lua "$BASE/.well-known/oauth-authorization-server")"
  fi

  # OpenID Connect (builds that have it): the exchange with an id_token signed ES256 and RS256 (openid profile
  # email: the claims are read in the same statement) between two runs of the same exchange without one (the
  # tables grow with every run, so later runs are slower: compare with both), then userinfo
  if want f && curl -sf "$BASE/.well-known/openid-configuration" >/dev/null; then
    say "$label: (f) code exchange, plain and with an id_token"
    exchange_run "$secs_w" >/dev/null
    line=$(exchange_run "$secs_d"); record "$label" "code exchange, before (f)" "$line"
    local alg
    for alg in ES256 RS256; do
      seed "openid profile email" ",\"id_token_signed_response_alg\":\"$alg\""
      exchange_run "$secs_w" >/dev/null
      line=$(exchange_run "$secs_d"); record "$label" "code exchange + id_token $alg" "$line"
    done
    seed
    exchange_run "$secs_w" >/dev/null
    line=$(exchange_run "$secs_d"); record "$label" "code exchange, after (f)" "$line"
    say "$label: (g) userinfo"
    seed "openid profile email" # a token with openid: without it userinfo answers 403
    access_token
    run_wrk warm "$WARMUP" userinfo.lua "$BASE/oauth2/userinfo" >/dev/null
    record "$label" "userinfo" "$(run_wrk userinfo "$DURATION" userinfo.lua "$BASE/oauth2/userinfo")"
    seed
  fi

  # RFC 8707 (builds that have it): client_credentials and the code exchange, each beside the same request
  # naming a resource (the token's aud and scopes from it)
  if want h && [ "$(api -o /dev/null -w '%{http_code}' "$BASE/api/v1/resources")" = 200 ]; then
    say "$label: (h) client_credentials and code exchange, without and with resource"
    local uri="https://api-$(date +%s%N).bench.example/"
    api -X POST "$BASE/api/v1/resources" -d "{\"uri\":\"$uri\",\"name\":\"Bench API\",\"scopes\":[\"bench:read\"]}" >/dev/null
    seed bench:read ",\"allowed_resources\":[\"$uri\"]"
    run_wrk warm "$WARMUP" cc.lua "$BASE/oauth2/token" >/dev/null
    record "$label" "client_credentials, beside (h)" "$(run_wrk cc "$DURATION" cc.lua "$BASE/oauth2/token")"
    export RESOURCE_ENC; RESOURCE_ENC=$(urlenc "$uri")
    run_wrk warm "$WARMUP" cc.lua "$BASE/oauth2/token" >/dev/null
    record "$label" "client_credentials + resource" "$(run_wrk cc "$DURATION" cc.lua "$BASE/oauth2/token")"
    unset RESOURCE_ENC
    exchange_run "$secs_w" >/dev/null
    line=$(exchange_run "$secs_d"); record "$label" "code exchange, before (h)" "$line"
    local plain_path=$AUTHORIZE_PATH
    AUTHORIZE_PATH="$AUTHORIZE_PATH&resource=$(urlenc "$uri")"
    exchange_run "$secs_w" >/dev/null
    line=$(exchange_run "$secs_d"); record "$label" "code exchange + resource" "$line"
    AUTHORIZE_PATH=$plain_path
    exchange_run "$secs_w" >/dev/null
    line=$(exchange_run "$secs_d"); record "$label" "code exchange, after (h)" "$line"
    seed
  fi

  # RFC 8693 (builds that have it): a backend trades the user's token, beside its own client_credentials token
  # (the exchange is that plus verifying the subject token's signature)
  if want i && curl -sf "$BASE/.well-known/oauth-authorization-server" | grep -q 'token-exchange'; then
    say "$label: (i) client_credentials and token exchange, for one backend"
    access_token
    local backend
    backend=$(api -X POST "$BASE/api/v1/clients" -d "{\"name\":\"bench-backend-$(date +%s%N)\",
      \"client_type\":\"confidential\",\"allowed_scopes\":[\"bench:read\"],\"default_scopes\":[\"bench:read\"],
      \"grant_types\":[\"client_credentials\",\"urn:ietf:params:oauth:grant-type:token-exchange\"]}")
    local user_client=$CLIENT_ID user_secret=$CLIENT_SECRET
    CLIENT_ID=$(python3 -c 'import json,sys;print(json.load(sys.stdin)["client_id"])' <<<"$backend")
    CLIENT_SECRET=$(python3 -c 'import json,sys;print(json.load(sys.stdin)["client_secret"])' <<<"$backend")
    run_wrk warm "$WARMUP" cc.lua "$BASE/oauth2/token" >/dev/null
    record "$label" "client_credentials, beside (i)" "$(run_wrk cc "$DURATION" cc.lua "$BASE/oauth2/token")"
    run_wrk warm "$WARMUP" token-exchange.lua "$BASE/oauth2/token" >/dev/null
    record "$label" "token exchange" "$(run_wrk token-exchange "$DURATION" token-exchange.lua "$BASE/oauth2/token")"
    CLIENT_ID=$user_client; CLIENT_SECRET=$user_secret
  fi

  # (j) client_credentials with a DPoP proof (RFC 9449) per request, beside plain client_credentials measured the
  # same moment: the proof's parse and ES256 verification, and its jti written to the shared replay store (in
  # batches by the store's writer, while the request waits without holding a thread).
  # wrk cannot sign: bench/dpop-proofs.py makes a fresh proof per request just before each run.
  if want j && curl -sf "$BASE/.well-known/oauth-authorization-server" | grep -q 'dpop_signing_alg_values_supported'; then
    say "$label: (j) client_credentials with and without DPoP"
    run_wrk warm "$WARMUP" cc.lua "$BASE/oauth2/token" >/dev/null
    record "$label" "client_credentials, beside (j)" "$(run_wrk cc "$DURATION" cc.lua "$BASE/oauth2/token")"
    python3 "$BENCH_DIR/dpop-proofs.py" $((25000 * secs_w)) "$BASE/oauth2/token" "$WORK/proofs.txt"
    PROOFS="$WORK/proofs.txt" run_wrk warm "$WARMUP" dpop.lua "$BASE/oauth2/token" >/dev/null
    python3 "$BENCH_DIR/dpop-proofs.py" $((25000 * secs_d)) "$BASE/oauth2/token" "$WORK/proofs.txt"
    line=$(PROOFS="$WORK/proofs.txt" run_wrk dpop "$DURATION" dpop.lua "$BASE/oauth2/token")
    # wrk stalls when the proofs run out: a run that used them all measured the file, not the server
    [ "$(field requests "$line")" -lt "$(wc -l < "$WORK/proofs.txt")" ] \
      || { echo "bench: the DPoP proofs ran out; raise the count in bench/run.sh" >&2; exit 1; }
    record "$label" "client_credentials + DPoP" "$line"
    printf '%s|DPoP replay store after (j): rows (the purge keeps those of the last window)|%s|||\n' "$label" \
      "$(psql -c 'select count(*) from dpop_proof')" | tee -a "$RESULTS" >&2
  fi

  if [ "$ROWS" -gt 0 ] && [ "$java" = "$(command -v java)" ] && [ "$APP" = "$APP_DIR" ]; then
    say "$label: the same exchange and refresh with $ROWS more rows in each table"
    bulk_rows
    exchange_run "$secs_w" >/dev/null
    line=$(exchange_run "$secs_d"); record "$label" "code exchange, +$ROWS rows" "$line"
    refresh_pool 64; run_wrk warm "$WARMUP" refresh.lua "$BASE/oauth2/token" >/dev/null
    refresh_pool 64; record "$label" "refresh rotation, +$ROWS rows" "$(run_wrk refresh "$DURATION" refresh.lua "$BASE/oauth2/token")"
  fi

  local rss
  sleep 6 # one native-heap trim interval after the last run
  rss=$(( $(ps -o rss= -p $APP_PID) / 1024 ))
  printf '%s|RSS after the runs (MB, 6 s later)|%s|||\n' "$label" "$rss" | tee -a "$RESULTS" >&2
  echo "$label: $(grep -o 'started in [0-9.]*s' "$WORK/app-$PORT.log" | tail -1) (Quarkus' own figure, last start)" >> "$WORK/providers.txt"
  stop_app
}

bulk_rows() { # ROWS expired-and-live codes and refresh tokens (half each), for the bench client and user
  local uid
  uid=$(psql -c "select id from app_user where username = '$USER_NAME'")
  psql <<SQL
insert into authorization_code (code_hash, client_id, user_id, redirect_uri, scopes, code_challenge, created_at, expires_at, consumed_at)
select sha256(('bulk-code-' || i || '-' || clock_timestamp())::bytea), '$CLIENT_ID', '$uid', '$REDIRECT', 'bench:read', '$CHALLENGE',
       now() - interval '1 hour', case when i % 2 = 0 then now() - interval '59 minutes' else now() + interval '1 hour' end,
       case when i % 4 = 0 then now() - interval '30 minutes' end
from generate_series(1, $ROWS) i;
insert into grant_family (id, client_id, user_id, scopes, created_at)
select ('00000000-0000-4000-8000-' || lpad(to_hex(i), 12, '0'))::uuid, '$CLIENT_ID', '$uid', 'bench:read', now()
from generate_series(1, $ROWS / 10) i on conflict do nothing;
insert into refresh_token (token_hash, family_id, client_id, scopes, created_at, expires_at, rotated_at)
select sha256(('bulk-refresh-' || i || '-' || clock_timestamp())::bytea),
       ('00000000-0000-4000-8000-' || lpad(to_hex(1 + i % ($ROWS / 10)), 12, '0'))::uuid, '$CLIENT_ID', 'bench:read',
       now() - interval '1 day', case when i % 2 = 0 then now() - interval '1 hour' else now() + interval '7 days' end,
       case when i % 3 = 0 then now() - interval '2 hours' end
from generate_series(1, $ROWS) i;
analyze authorization_code; analyze refresh_token; analyze grant_family;
SQL
  {
    echo "Rows now: $(psql -c 'select count(*) from authorization_code') codes, $(psql -c 'select count(*) from refresh_token') refresh tokens."
    echo
    # the statements of GrantRepository.redeemCode and .rotateRefreshToken, with values in place of parameters
    echo "Redeeming a code: consume it, start its grant and first refresh token (one statement):"
    echo '```'
    psql -c "explain with consumed as (update authorization_code set consumed_at = now(), grant_id = gen_random_uuid() where code_hash = sha256('x'::bytea) and consumed_at is null and client_id = '$CLIENT_ID' and expires_at > now() returning grant_id, client_id, user_id, redirect_uri, scopes, code_challenge, expires_at),
      family as (insert into grant_family (id, client_id, user_id, scopes, created_at) select grant_id, client_id, user_id, scopes, now() from consumed returning id, client_id, scopes, created_at),
      refresh as (insert into refresh_token (token_hash, family_id, client_id, scopes, created_at, expires_at) select sha256('y'::bytea), id, client_id, scopes, created_at, now() + interval '14 days' from family)
      select client_id, user_id, redirect_uri, scopes, code_challenge, expires_at from consumed"
    echo '```'
    echo "Rotating a refresh token and storing its successor (one statement):"
    echo '```'
    psql -c "explain with rotated as (update refresh_token r set rotated_at = now() from grant_family f where r.token_hash = sha256('x'::bytea) and r.rotated_at is null and r.client_id = '$CLIENT_ID' and r.expires_at > now() and f.id = r.family_id and f.revoked_at is null returning r.family_id, r.client_id, f.user_id, r.scopes, r.expires_at),
      successor as (insert into refresh_token (token_hash, family_id, client_id, scopes, created_at, expires_at) select sha256('y'::bytea), family_id, client_id, scopes, now(), now() + interval '14 days' from rotated)
      select family_id, client_id, user_id, scopes, expires_at from rotated"
    echo '```'
  } > "$WORK/explain.md"
}

measure_peer() {
  say "reference peer: node-oidc-provider 9.13.3, client_credentials, ES256 JWTs"
  local dir="$WORK/peer"
  mkdir -p "$dir" && cp /work/shared/peer-bench/node-oidc-server.mjs "$dir/server.mjs" 2>/dev/null \
    || cp "$BENCH_DIR/peer/node-oidc-server.mjs" "$dir/server.mjs"
  (cd "$dir" && echo '{"type":"module"}' > package.json && npm install --no-audit --no-fund --silent oidc-provider@9.13.3 >/dev/null 2>&1)
  (cd "$dir" && PORT=$PEER_PORT TOKEN_FORMAT=jwt JWT_ALG=ES256 NODE_ENV=production exec node server.mjs > "$WORK/peer.log" 2>&1) &
  PEER_PID=$!
  until curl -s -o /dev/null "http://127.0.0.1:$PEER_PORT/.well-known/openid-configuration"; do
    kill -0 $PEER_PID 2>/dev/null || { cat "$WORK/peer.log" >&2; exit 1; }
    sleep 0.2
  done
  CLIENT_ID=bench CLIENT_SECRET=bench-secret run_wrk warm "$WARMUP" cc.lua "http://127.0.0.1:$PEER_PORT/token" >/dev/null
  record "node $(node --version)" "client_credentials (node-oidc-provider)" \
    "$(CLIENT_ID=bench CLIENT_SECRET=bench-secret run_wrk peer "$DURATION" cc.lua "http://127.0.0.1:$PEER_PORT/token")"
  kill $PEER_PID 2>/dev/null || true; wait $PEER_PID 2>/dev/null || true; PEER_PID=""
}

alternate_starts() { # java: STARTS starts of each build with its archive, in turn; the median of each
  local java=$1 ver app i flag
  ver=$("$java" -version 2>&1 | head -n 1 | sed 's/.*version "\([^"]*\)".*/\1/')
  say "JDK $ver: $STARTS alternating starts of each build, with its class-data archive"
  for i in $(seq 1 "$STARTS"); do
    for app in $BUILDS; do
      APP=$app; DB=$(db_of "$app"); [ "${ver%%.*}" -ge 25 ] && APP="$app-25"
      if [ "${ver%%.*}" -ge 25 ]; then flag="-XX:AOTCache=$(archive_of "$ver" "$APP")"; else flag="-XX:SharedArchiveFile=$(archive_of "$ver" "$APP")"; fi
      start_app "$java" "$flag"
      echo "$READY_MS" >> "$WORK/starts-$ver-$(basename "$app")"
      stop_app
    done
  done
  for app in $BUILDS; do
    printf 'JDK %s%s|start to ready with archive, median of %s alternating (ms)|%s|||\n' "$ver" "$(build_name "$app")" "$STARTS" \
      "$(sort -n "$WORK/starts-$ver-$(basename "$app")" | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : int((a[NR/2]+a[NR/2+1])/2)}')" \
      | tee -a "$RESULTS" >&2
  done
}

[ "$PEER" = "1" ] && want a && measure_peer
for java in $JDKS; do
  for app in $BUILDS; do measure_jdk "$java" "$app"; done
  [ -n "$AB_REV" ] && alternate_starts "$java"
done
OUT="$BENCH_DIR/results.md"
[ -n "$AB_REV" ] && OUT="$BENCH_DIR/ab.md"

{
  if [ -n "$AB_REV" ]; then
    echo "# Latchkey A/B: $AB_BASE against $AB_HEAD"
  else
    echo "# Latchkey benchmark results"
  fi
  echo
  echo "Run $(date -u +%Y-%m-%dT%H:%MZ) by \`bench/run.sh${1:+ $*}\`: wrk, 1 thread, 16 connections, $WARMUP warm-up then $DURATION measured,"
  echo "on loopback, the app and PostgreSQL $(psql -c 'show server_version') on the same machine."
  echo
  echo "Machine: $(nproc) cores ($(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)), $(free -g | awk '/Mem:/ {print $2}') GiB."
  echo "App JVM options: \`$JVM_OPTS\`. Signing: ES256."
  sed 's/^/- /' "$WORK/providers.txt"
  echo
  echo "| JDK / runtime | scenario | requests/s | p50 ms | p99 ms | errors |"
  echo "|---|---|---:|---:|---:|---:|"
  awk -F'|' '{printf "| %s | %s | %s | %s | %s | %s |\n", $1, $2, $3, $4, $5, $6}' "$RESULTS"
  if [ -f "$WORK/curves.txt" ]; then
    echo
    echo "## Warm-up"
    echo
    echo "Requests/s in each 5 s from the first request after ready (a fresh start with the trained archive per path,"
    echo "training: $TRAINING), against the steady figure of the same build above."
    echo
    python3 "$BENCH_DIR/warmup-report.py" "$WORK/curves.txt" "$WORK/steady.txt" \
      "$([ -z "$AB_REV" ] && [ "${1:-}" != "--quick" ] && echo "$BENCH_DIR/warmup.png" || echo "$WORK/warmup.png")"
  fi
  if [ -f "$WORK/explain.md" ]; then echo; echo "## With $ROWS bulk rows"; echo; cat "$WORK/explain.md"; fi
} > "$OUT"
say "written to $OUT"
cat "$OUT"
