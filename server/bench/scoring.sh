#!/usr/bin/env bash
# The scoring engine's raw rate (issue 14's reference for scoring): ScoringBenchmark scores 1,000,000 ratings in one
# thread (GB/T 27922 percent ratings, then homestay Likert ratings) and compares each with one exact pass over the
# same ratings (group by item, BigDecimal sum): the least an exact per-item mean must do. Prints RATIO lines.
#
# Usage (from anywhere):  server/bench/scoring.sh        BENCH_RATINGS=200000 server/bench/scoring.sh
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
cd "$REPO"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
CP=$(mktemp /tmp/tanfang-scoring-cp.XXXXXX)
trap 'rm -f "$CP"' EXIT
mvn -q -o -pl server -am test-compile dependency:build-classpath -Dmdep.outputFile="$CP" >/dev/null
java -Xmx2g -cp "server/target/classes:server/target/test-classes:$(cat "$CP")" com.tanfang.scoring.ScoringBenchmark \
  "${BENCH_RATINGS:-1000000}" | grep -v '^run '
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
