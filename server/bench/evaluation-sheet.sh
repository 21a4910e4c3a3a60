#!/usr/bin/env bash
# The evaluation sheet's read cost (issues 12 and 14): runs EvaluationSheetBenchmark (a JUnit class outside the
# suite) against the embedded PostgreSQL: 10,000 approved visit answers on one project (400 visits x 25 items of the
# property scheme), and 10,000 on a 100-item scheme (100 visits x 100 items), then prints per variant the answers
# query, the sheet service and the whole GET (medians of 9 after warm-up), their ratios to the answers query and to
# the 200 ms budget, and the machine-readable RATIO and BUDGET lines. Reads the load average before and after: numbers taken under load say so.
#
# Usage (from anywhere):  server/bench/evaluation-sheet.sh
# Exit status: 0 when measured; non-zero when the build or the benchmark failed.
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
# shellcheck source=common.sh
source "$BENCH_DIR/common.sh"
cd "$REPO"
junit_benchmark com.tanfang.evaluation.EvaluationSheetBenchmark 'approved answers query|evaluation sheet, 10,000|ratios'
