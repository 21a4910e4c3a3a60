#!/usr/bin/env bash
# The capture app's numbers (issue 10): starts a throw-away Tanfang server with the demo data on loopback, makes a
# 12-megapixel photo-like JPEG (MakePhoto.java), and drives Chromium through its DevTools protocol
# (visit-capture.py, python3 stdlib only) to print (1) the first load of #/visits/{id} in bytes transferred against
# the respondent page's 2.2 KB, (2) the photo's size after scaling on the device and its ratio to the original,
# (3) the upload time of a visit with ten such photos on a throttled connection against unthrottled.
#
# Usage (from anywhere):  server/bench/visit-capture.sh
# Settings (environment, defaults in brackets):
#   BENCH_UP_KBIT [1500]  BENCH_DOWN_KBIT [1500]  BENCH_LATENCY_MS [150]  Chromium's network emulation when throttled
#   BENCH_PHOTOS [10]     photos in the uploaded visit
#   BENCH_OUT [a new temp dir]   server log, the photo and summary.txt
#   CHROMIUM [/usr/bin/chromium]
# Exit status: 0 when measured (every photo stored); 1 when a measurement failed; 2 when a tool or the setup fails.
set -euo pipefail

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
# shellcheck source=common.sh
source "$BENCH_DIR/common.sh"
JAR="$REPO/server/target/tanfang.jar"
ADMIN_PASSWORD='Bench-Pa55word-42'
DEMO_PASSWORD='Demo-bench-pass-1'
export CHROMIUM=${CHROMIUM:-/usr/bin/chromium}

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }

for tool in java python3 curl; do command -v "$tool" >/dev/null 2>&1 || die "missing tool: $tool"; done
[[ -x $CHROMIUM ]] || die "no Chromium at $CHROMIUM (apt-get install chromium)"
OUT=${BENCH_OUT:-$(mktemp -d /tmp/tanfang-bench-out.XXXXXX)}
mkdir -p "$OUT"

SERVER_PID=""
DATA_DIR=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  # The server stops its embedded PostgreSQL on SIGTERM; if it could not, stop that postmaster (ours only).
  if [[ -n $DATA_DIR && -f $DATA_DIR/postmaster.pid ]]; then
    local pm
    pm=$(head -n1 "$DATA_DIR/postmaster.pid" 2>/dev/null || true)
    if [[ $pm =~ ^[0-9]+$ ]] && kill -0 "$pm" 2>/dev/null; then kill -INT "$pm" 2>/dev/null || true; sleep 2; fi
  fi
  [[ -n $DATA_DIR && -d $DATA_DIR ]] && rm -rf "$DATA_DIR"
  log "logs and outputs kept in $OUT"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

if [[ ! -f $JAR ]]; then
  log "building $JAR (mvn -q -DskipTests package)"
  (cd "$REPO" && mvn -q -DskipTests package) >"$OUT/build.log" 2>&1 || { tail -n 30 "$OUT/build.log" >&2; die "build failed"; }
fi

log "making a 4000x3000 photo-like JPEG"
java "$BENCH_DIR/MakePhoto.java" "$OUT/photo-12mp.jpg" 4000 3000 1 || die "MakePhoto failed"

PORT=$(free_port) || die "no free port found"
DATA_DIR=$(mktemp -d /tmp/tanfang-bench-data.XXXXXX)
# localhost, not 127.0.0.1: a secure context for the page (crypto.subtle, as on https)
BASE="http://localhost:$PORT"
log "starting the server on $BASE with the demo data (data $DATA_DIR)"
MICRONAUT_SERVER_HOST=127.0.0.1 MICRONAUT_SERVER_PORT=$PORT TANFANG_DATA_DIR=$DATA_DIR TANFANG_DEMO=true \
  TANFANG_DEMO_PASSWORD=$DEMO_PASSWORD TANFANG_ADMIN_PASSWORD=$ADMIN_PASSWORD TANFANG_ACCESS_LOG=WARN \
  java -jar "$JAR" >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
healthy=""
for _ in $(seq 1 240); do
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$OUT/server.log" >&2; die "the server exited during startup"; }
  if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/health" || true) == 200 ]]; then healthy=1; break; fi
  sleep 0.5
done
[[ -n $healthy ]] || { tail -n 30 "$OUT/server.log" >&2; die "GET /health did not answer 200 within 120 s"; }
log "healthy"

BENCH_DEMO_PASSWORD=$DEMO_PASSWORD python3 "$BENCH_DIR/visit-capture.py" "$BASE" "$OUT/photo-12mp.jpg" \
  | tee "$OUT/summary.txt" || { log "the measurement failed"; exit 1; }
{ echo "date: $(date -u +%Y-%m-%dT%H:%M:%SZ)  cores: $(nproc)  load: $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "chromium: $("$CHROMIUM" --version 2>/dev/null)"; } | tee -a "$OUT/summary.txt"
