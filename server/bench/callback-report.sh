#!/usr/bin/env bash
# The call-back report's read cost (issue 14, "reads that grow with the work"): runs CallBackReportBenchmark (a JUnit
# class outside the suite) against the embedded PostgreSQL: a campaign with BENCH_RESPONSES (10,000) responses
# generated in SQL, its call-back sample drawn through the API and the outcomes written in SQL, then the report
# service, the whole GET /api/v1/campaigns/{id}/callback/report and the SQL queries the report needs (the
# reference), medians of 9 after 3 warm-ups, with the RATIO and BUDGET lines. Reads the load average before and
# after: numbers taken under load say so.
#
# Usage (from anywhere):  server/bench/callback-report.sh        BENCH_RESPONSES=100000 server/bench/callback-report.sh
# Exit status: 0 when measured; non-zero when the build or the benchmark failed.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
# shellcheck source=common.sh
source "$BENCH_DIR/common.sh"
cd "$REPO"
junit_benchmark com.tanfang.verification.CallBackReportBenchmark 'call-back report|  plan: ' -Dbench.responses="${BENCH_RESPONSES:-10000}"
