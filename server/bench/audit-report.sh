#!/usr/bin/env bash
# The audit report's rendering cost (issue 13): runs AuditReportBenchmark (a JUnit class outside the suite): the
# audit report of a 100-item scheme (three parts, two raters per item, Chinese texts that wrap) through the real
# pipeline (model, radar PNG, JTE, openhtmltopdf with the embedded CJK font), 3 warm-up renderings, then the median
# of N (default 9; BENCH_RUNS=n), and the PDF's size and pages. Reads the load average before and after: numbers
# taken under load say so. Prints issue 14's RATIO line (whole rendering / the PDF step); the docs set the report
# no budget, so there is no BUDGET line.
#
# Usage (from anywhere):  server/bench/audit-report.sh        BENCH_ITEMS=94 BENCH_RUNS=15 server/bench/audit-report.sh
# Exit status: 0 when measured; non-zero when the build or the benchmark failed.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
# shellcheck source=common.sh
source "$BENCH_DIR/common.sh"
cd "$REPO"
junit_benchmark com.tanfang.report.audit.AuditReportBenchmark 'audit report, ' -Dbench.items="${BENCH_ITEMS:-100}" -Dbench.runs="${BENCH_RUNS:-9}"
