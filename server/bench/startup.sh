#!/usr/bin/env bash
# Start-up time and footprint (issue 14): the jar's first start on an empty data directory (initdb of the embedded
# PostgreSQL, every migration, the built-in schemes, the demo data) and a later start on the same directory, each
# from `java -jar` to a 200 from /health; then the jar's size and its largest parts. Prints BUDGET lines against
# the aims (first start 15 s, later start 6 s) for all.sh. Repeats the later start BENCH_RESTARTS times (default 3)
# and reports the median.
#
# Usage (from anywhere):  server/bench/startup.sh
set -euo pipefail
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
# shellcheck source=common.sh
source "$BENCH_DIR/common.sh"
JAR="$REPO/server/target/tanfang.jar"
RESTARTS=${BENCH_RESTARTS:-3}
[[ -f $JAR ]] || (cd "$REPO" && mvn -q -DskipTests package)
DATA=$(mktemp -d /tmp/tanfang-startup.XXXXXX)
PID=""
stop() {
  [[ -n $PID ]] || return 0
  kill -TERM "$PID" 2>/dev/null || true
  for _ in $(seq 1 60); do kill -0 "$PID" 2>/dev/null || break; sleep 0.5; done
  kill -KILL "$PID" 2>/dev/null || true
  PID=""
}
trap 'stop; rm -rf "$DATA"' EXIT
start() {  # start LOG: sets PID and SECONDS_TO_HEALTHY (not in a subshell: stop needs the pid)
  local port t0 log=$1
  port=$(free_port)
  t0=$(date +%s.%N)
  MICRONAUT_SERVER_HOST=127.0.0.1 MICRONAUT_SERVER_PORT=$port TANFANG_DATA_DIR=$DATA \
    TANFANG_ADMIN_PASSWORD='Startup-Pa55word-42' java -jar "$JAR" >"$log" 2>&1 &
  PID=$!
  for _ in $(seq 1 1200); do
    kill -0 "$PID" 2>/dev/null || { tail -n 20 "$log" >&2; echo "the server exited during startup" >&2; exit 2; }
    if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 1 "http://127.0.0.1:$port/health" || true) == 200 ]]; then
      SECONDS_TO_HEALTHY=$(printf '%.1f' "$(echo "$(date +%s.%N) - $t0" | bc)")
      return 0
    fi
    sleep 0.1
  done
  echo "no healthy /health within 120 s" >&2; exit 2
}
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores"
start "$DATA.first.log"
FIRST=$SECONDS_TO_HEALTHY
stop
echo "first start to healthy (initdb, migrations, built-in schemes, demo data): $FIRST s"
LATER=()
for i in $(seq 1 "$RESTARTS"); do
  start "$DATA.later.log"
  LATER+=("$SECONDS_TO_HEALTHY")
  stop
  echo "later start $i to healthy: ${LATER[-1]} s"
done
MEDIAN=$(printf '%s\n' "${LATER[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
rm -f "$DATA.first.log" "$DATA.later.log"
echo "BUDGET|first start to healthy|$FIRST s|15 s|$(printf '%.2f' "$(echo "$FIRST / 15" | bc -l)")"
echo "BUDGET|later start to healthy (median of $RESTARTS)|$MEDIAN s|6 s|$(printf '%.2f' "$(echo "$MEDIAN / 6" | bc -l)")"
# The jar and what makes it up: compressed sizes of its entries, grouped by the library they come from.
echo "jar: $(stat -c %s "$JAR" | awk '{ printf "%.1f MB (%.1f MiB)", $1 / 1e6, $1 / 1048576 }') ($JAR); its parts, compressed, in MiB:"
unzip -lv "$JAR" | awk 'NR > 3 && $1 ~ /^[0-9]+$/ && NF >= 8 { path = $8; n = split(path, p, "/");
    key = (n > 3) ? p[1] "/" p[2] "/" p[3] : (n > 1 ? p[1] "/" p[2] : p[1]); size[key] += $3 }
  END { for (k in size) printf "%8.1f MiB  %s\n", size[k] / 1048576, k }' | sort -rn | awk 'NR <= 12'
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
