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
cd "$REPO"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores ($(date -u +%Y-%m-%dT%H:%MZ))"
rm -f server/target/surefire-reports/TEST-com.tanfang.report.audit.AuditReportBenchmark.xml
mvn -q -o -pl server -am verify -Dtest=AuditReportBenchmark -Dsurefire.failIfNoSpecifiedTests=false \
    -Dbench.items="${BENCH_ITEMS:-100}" -Dbench.runs="${BENCH_RUNS:-9}" -DtrimStackTrace=false 2>&1 \
    | grep -E "audit report, |^RATIO\||ERROR|FAIL" || true
report=server/target/surefire-reports/TEST-com.tanfang.report.audit.AuditReportBenchmark.xml
[[ -f $report ]] || { echo "no surefire report: the benchmark did not run" >&2; exit 1; }
grep -q 'failures="0"' "$report" && grep -q 'errors="0"' "$report"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
