#!/usr/bin/env bash
# The survey results' read cost (issue 14, "reads that grow with the work"): runs SurveyResultsBenchmark (a JUnit
# class outside the suite) against the embedded PostgreSQL: a campaign with BENCH_RESPONSES (100,000) responses
# generated in SQL, then the results service, the whole GET /api/v1/campaigns/{id}/results and the two SQL queries
# the service needs (the reference), medians of 9 after 3 warm-ups, with the RATIO and BUDGET lines. Reads the load
# average before and after: numbers taken under load say so.
#
# Usage (from anywhere):  server/bench/survey-results.sh        BENCH_RESPONSES=10000 server/bench/survey-results.sh
# Exit status: 0 when measured; non-zero when the build or the benchmark failed.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
# shellcheck source=common.sh
source "$BENCH_DIR/common.sh"
cd "$REPO"
junit_benchmark com.tanfang.survey.results.SurveyResultsBenchmark 'survey results|  plan: ' -Dbench.responses="${BENCH_RESPONSES:-100000}" -Dtanfang.survey.tally-fold-interval=1h
