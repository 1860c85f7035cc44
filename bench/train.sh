#!/usr/bin/env bash
# Trains the class-data archive a production start uses, on the token paths: starts the packaged app with the
# archive's output flag against a scratch database, drives client_credentials, the code exchange and refresh
# rotation for 5 s each (bench/lib.sh's train), and stops it, which writes the archive.
#
#   bench/train.sh [java] [app dir] [archive]
#     JDK 25+: app dir from `./mvnw package -Dquarkus.package.jar.type=aot-jar` (default target/quarkus-app),
#              archive written with -XX:AOTCacheOutput; start with -XX:AOTCache=<archive>
#     JDK 17:  the default package, archive written with -XX:ArchiveClassesAtExit; start with -XX:SharedArchiveFile=<archive>
# Train with the JVM options production uses (JVM_OPTS), on the same JDK build: the JVM refuses an archive made otherwise.
set -euo pipefail
cd "$(dirname "$0")/.."
export BENCH_DIR="$PWD/bench"
JAVA=${1:-java}
APP=$(cd "${2:-target/quarkus-app}" && pwd)
ARCHIVE=$(realpath -m "${3:-$APP/latchkey.aot}")
WORK=$(mktemp -d /tmp/latchkey-train.XXXXXX)
APP_PID=""
trap '[ -n "$APP_PID" ] && kill $APP_PID 2>/dev/null; true' EXIT
source "$BENCH_DIR/lib.sh"
DB=latchkey_training
STATEMENTS=0
fresh_db
if [ "$("$JAVA" -version 2>&1 | head -n 1 | sed 's/.*version "\([0-9]*\).*/\1/')" -ge 25 ]; then
  start_app "$JAVA" "-XX:AOTCacheOutput=$ARCHIVE"
else
  start_app "$JAVA" "-XX:ArchiveClassesAtExit=$ARCHIVE"
fi
seed_api
train
stop_app
command psql -h 127.0.0.1 -U postgres -qc "drop database $DB"
echo "trained: $ARCHIVE ($(du -h "$ARCHIVE" | cut -f1))"
