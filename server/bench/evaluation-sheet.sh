#!/usr/bin/env bash
# The evaluation sheet's read cost (issues 12 and 14): runs EvaluationSheetBenchmark (a JUnit class outside the
# suite) against the embedded PostgreSQL: 10,000 approved visit answers on one project, then prints the answers
# query, the sheet service and the whole GET (medians of 9 after warm-up) and their ratios to the answers query
# and to the 200 ms budget. Reads the load average before and after: numbers taken under load say so.
#
# Usage (from anywhere):  server/bench/evaluation-sheet.sh
# Exit status: 0 when measured; non-zero when the build or the benchmark failed.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
cd "$REPO"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
mvn -q -o -pl server -am verify -Dtest=EvaluationSheetBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -DtrimStackTrace=false 2>&1 | grep -E "approved answers query|evaluation sheet, 10,000|ratios:|ERROR|FAIL" || true
report=$(ls server/target/surefire-reports/TEST-com.tanfang.evaluation.EvaluationSheetBenchmark.xml)
grep -q 'failures="0"' "$report" && grep -q 'errors="0"' "$report"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
