#!/usr/bin/env bash
# Microbenchmarks without network or database: bench/jmh.sh [benchmark] [JMH options, e.g. -f 1 -wi 2 -i 3]
#   PolicyBenchmark (default)  the policy module's checks
#   SigningBenchmark           one id_token signed, ES256 and RS256, with the native provider and the JDK's
set -euo pipefail
cd "$(dirname "$0")/.."
./mvnw -q test-compile
./mvnw -q dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/jmh-classpath.txt
BENCHMARK=PolicyBenchmark
case "${1:-}" in [A-Z]*) BENCHMARK=$1; shift ;; esac
java -cp "target/test-classes:target/classes:$(cat target/jmh-classpath.txt)" org.openjdk.jmh.Main "$BENCHMARK" "$@"
