#!/usr/bin/env bash
# Survey submission benchmark: starts a throw-away Tanfang server on loopback, opens a campaign through the real
# API, drives concurrent submissions (with retries) with wrk, checks that every acknowledged submission is stored
# exactly once, and compares the rate with PostgreSQL's own insert rate (pgbench) on the same database.
#
# Usage (from anywhere):  server/bench/survey-load.sh
# Settings (environment, defaults in brackets):
#   BENCH_DURATION [30]  main wrk run, seconds        BENCH_WARMUP [5]      warm-up run, seconds
#   BENCH_CONNECTIONS [64]   BENCH_THREADS [2]         BENCH_RETRY_EVERY [10] every n-th request is a retry
#   BENCH_PGBENCH_DURATION [30] each pgbench run       BENCH_PROFILE [1]     JFR profile (profile.txt)
#   BENCH_OUT [a new temp dir]  where logs, wrk output, the JFR profile and summary.txt are kept
#   BENCH_ASYNC_PROFILER [unset]  path of async-profiler's libasyncProfiler.so: CPU profile of the main run, 1 ms
#                        samples with native frames, collapsed stacks in async.collapsed (JFR's 20 ms samples are few); the agent's
#                        options are quoted twice below because jcmd splits its arguments on "="
#   BENCH_XMX [unset]    the server's maximum heap (java -Xmx), e.g. 512m: the run then also says the GC time and
#                        the peak RSS (VmHWM), which are printed in every case
#   BENCH_PRELOAD [0]    responses inserted (SQL) from the same address within the hour before the warm-up: run once
#                        with 0 and once with 100000 to show that a submission's cost does not grow with the campaign
#   BENCH_SPREAD_ADDRESSES [0]  diagnostic what-if, not a product measurement: every 0.5 s rewrite client_ip of the
#                        stored responses, as if residents came from distinct addresses (all load here comes from
#                        127.0.0.1, so the server's per-submission fraud history query returns every response)
# Exit status: 0 when the stored responses match the acknowledged submissions (and no non-2xx, no double);
# 1 on a mismatch; 2 when a tool is missing or the setup fails.
set -euo pipefail

DURATION=${BENCH_DURATION:-30}
WARMUP=${BENCH_WARMUP:-5}
CONNECTIONS=${BENCH_CONNECTIONS:-64}
THREADS=${BENCH_THREADS:-2}
RETRY_EVERY=${BENCH_RETRY_EVERY:-10}
PGBENCH_DURATION=${BENCH_PGBENCH_DURATION:-30}
PROFILE=${BENCH_PROFILE:-1}
SPREAD=${BENCH_SPREAD_ADDRESSES:-0}
PRELOAD=${BENCH_PRELOAD:-0}
XMX=${BENCH_XMX:-}
ADMIN_PASSWORD='Bench-Pa55word-42'
LEAD_PASSWORD='Lead-Pa55word-42'
LIMIT=100000000

BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
# shellcheck source=common.sh
source "$BENCH_DIR/common.sh"
JAR="$REPO/server/target/tanfang.jar"

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }

# ---------------------------------------------------------------- tools
missing=()
for tool in wrk psql pgbench curl jq java bc; do
  command -v "$tool" >/dev/null 2>&1 || missing+=("$tool")
done
if ((${#missing[@]})); then
  hint=""
  for tool in "${missing[@]}"; do
    case $tool in
      wrk) hint+=" wrk" ;; psql) hint+=" postgresql-client" ;; pgbench) hint+=" postgresql-contrib" ;;
      curl) hint+=" curl" ;; jq) hint+=" jq" ;; bc) hint+=" bc" ;; java) hint+=" openjdk-17-jre-headless" ;;
    esac
  done
  log "missing tools: ${missing[*]}"
  log "install them with: sudo apt-get update && sudo apt-get install -y$hint"
  exit 2
fi

OUT=${BENCH_OUT:-$(mktemp -d /tmp/tanfang-bench-out.XXXXXX)}
mkdir -p "$OUT"

# ---------------------------------------------------------------- cleanup (also on failure and Ctrl-C)
SERVER_PID=""
DATA_DIR=""
SPREAD_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $SPREAD_PID ]]; then kill "$SPREAD_PID" 2>/dev/null || true; wait "$SPREAD_PID" 2>/dev/null || true; fi
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    log "stopping the server (SIGTERM, pid $SERVER_PID)"
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    if kill -0 "$SERVER_PID" 2>/dev/null; then
      log "server did not stop within 30 s: SIGKILL"
      kill -KILL "$SERVER_PID" 2>/dev/null || true
    fi
  fi
  # The server stops its embedded PostgreSQL on SIGTERM; if it could not, stop that postmaster (ours only).
  if [[ -n $DATA_DIR && -f $DATA_DIR/postmaster.pid ]]; then
    local pm
    pm=$(head -n1 "$DATA_DIR/postmaster.pid" 2>/dev/null || true)
    if [[ $pm =~ ^[0-9]+$ ]] && kill -0 "$pm" 2>/dev/null; then
      log "stopping the embedded PostgreSQL left behind (pid $pm)"
      kill -INT "$pm" 2>/dev/null || true
      for _ in $(seq 1 20); do kill -0 "$pm" 2>/dev/null || break; sleep 0.5; done
    fi
  fi
  if [[ -n $DATA_DIR && -d $DATA_DIR ]]; then rm -rf "$DATA_DIR"; fi
  log "logs and outputs kept in $OUT"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

# ---------------------------------------------------------------- build
if [[ ! -f $JAR ]]; then
  log "building $JAR (mvn -q -DskipTests package)"
  (cd "$REPO" && mvn -q -DskipTests package) >"$OUT/build.log" 2>&1 || { tail -n 30 "$OUT/build.log" >&2; die "build failed"; }
  [[ -f $JAR ]] || die "the build did not produce $JAR"
fi

# ---------------------------------------------------------------- start the server
PORT=$(free_port) || die "no free port found"
DATA_DIR=$(mktemp -d /tmp/tanfang-bench-data.XXXXXX)
BASE="http://127.0.0.1:$PORT"
log "starting the server on $BASE (data $DATA_DIR)"
MICRONAUT_SERVER_HOST=127.0.0.1 MICRONAUT_SERVER_PORT=$PORT TANFANG_DATA_DIR=$DATA_DIR TANFANG_DEMO=false \
  TANFANG_ADMIN_PASSWORD=$ADMIN_PASSWORD TANFANG_ACCESS_LOG=WARN \
  TANFANG_SURVEY_LIMIT_PER_ADDRESS_PER_MINUTE=$LIMIT TANFANG_SURVEY_LIMIT_PER_POINT_PER_MINUTE=$LIMIT \
  java ${XMX:+-Xmx$XMX} -jar "$JAR" >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
started=$(date +%s.%N)
healthy=""
for _ in $(seq 1 240); do   # at most 120 s
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$OUT/server.log" >&2; die "the server exited during startup"; }
  if [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/health" || true) == 200 ]]; then healthy=1; break; fi
  sleep 0.5
done
[[ -n $healthy ]] || { tail -n 30 "$OUT/server.log" >&2; die "GET /health did not answer 200 within 120 s"; }
STARTUP_S=$(echo "$(date +%s.%N) - $started" | bc)
log "healthy after ${STARTUP_S%.*} s"

PG_URL=$(cat "$DATA_DIR/tanfang-postgres.url" 2>/dev/null) || die "no $DATA_DIR/tanfang-postgres.url"
PG_PORT=$(sed -E 's#^jdbc:postgresql://[^:/]+:([0-9]+)/.*#\1#' <<<"$PG_URL")
[[ $PG_PORT =~ ^[0-9]+$ ]] || die "cannot read the PostgreSQL port from $PG_URL"
# The embedded PostgreSQL asks for the superuser's password (scram); the server writes a libpq password file for it.
export PGPASSFILE="$DATA_DIR/tanfang-postgres.pgpass"
[[ -r $PGPASSFILE ]] || die "no $PGPASSFILE"
sql() { psql -h localhost -p "$PG_PORT" -U postgres -d postgres -X -v ON_ERROR_STOP=1 -Atc "$1"; }
PG_VERSION=$(sql "show server_version")
PG_DURABILITY="fsync=$(sql "show fsync"), synchronous_commit=$(sql "show synchronous_commit")"
log "embedded PostgreSQL $PG_VERSION on port $PG_PORT"

# ---------------------------------------------------------------- open a campaign through the API
# api, login and open_bench_campaign live in common.sh (shared with two-instances.sh)
TOKEN=$(login admin "$ADMIN_PASSWORD")
open_bench_campaign "$LEAD_PASSWORD"
log "campaign $CAMPAIGN_ID: $QUESTION_COUNT questions, $POINT_COUNT points (scheme version $VERSION_ID, lead $LEAD_ID)"

# ---------------------------------------------------------------- one request by hand: 201, then the retry 200
FIRST_PATH=${PATHS%% *}
probe_body() {
  jq -nc --arg sid "$1" --arg qs "$QUESTIONS" \
    '{submissionId:$sid, answers:($qs | split(",") | map({(.): 4}) | add), phone:"13800138000", phoneConsent:true}'
}
submit() {  # submit SID -> "code time_s responseId duplicate"
  local code t
  read -r code t < <(curl -s -o "$OUT/submit.body" -w '%{http_code} %{time_total}\n' --max-time 10 -X POST \
    -H 'Content-Type: application/json' --data-binary "$(probe_body "$1")" "$BASE$FIRST_PATH")
  echo "$code $t $(jq -r '"\(.responseId) \(.duplicate)"' "$OUT/submit.body" 2>/dev/null || echo "- -")"
}
read -r c1 _ r1 d1 <<<"$(submit probe-0000-first)"
read -r c2 _ r2 d2 <<<"$(submit probe-0000-first)"
[[ $c1 == 201 && $c2 == 200 && $r1 == "$r2" && $d2 == true ]] ||
  die "single submission check failed: first $c1 (response $r1), retry $c2 (response $r2, duplicate $d2): $(cat "$OUT/submit.body")"
log "single submission: 201 response $r1; retry: 200 same response, duplicate=true"
# Unloaded latency: 20 sequential submissions
seq_times=()
for i in $(seq -w 1 20); do
  read -r c t _ <<<"$(submit "probe-seq-$i")"
  [[ $c == 201 ]] || die "sequential probe $i answered $c: $(cat "$OUT/submit.body")"
  seq_times+=("$t")
done
SEQ_MEDIAN_MS=$(printf '%s\n' "${seq_times[@]}" | sort -n | awk '{a[NR]=$1} END {printf "%.1f", a[int((NR+1)/2)]*1000}')
PROBES=21   # stored by the probes above: 1 + 20 (the retry stores nothing)
log "unloaded: median ${SEQ_MEDIAN_MS} ms per submission over 20 sequential requests"

# ---------------------------------------------------------------- wrk runs
run_wrk() {  # run_wrk TAG SECONDS OUTFILE [extra wrk args]
  local tag=$1 secs=$2 out=$3; shift 3
  local cpu=()  # wrk's own CPU time, when GNU time is installed
  [[ -x /usr/bin/time ]] && cpu=(/usr/bin/time -o "$out.cpu" -f '%U %S')
  BENCH_PATHS=$PATHS BENCH_QUESTIONS=$QUESTIONS BENCH_RUN=$tag BENCH_RETRY_EVERY=$RETRY_EVERY \
    BENCH_PENDING="$OUT/pending-$tag.txt" \
    "${cpu[@]}" timeout $((secs + 60)) wrk -t"$THREADS" -c"$CONNECTIONS" -d"${secs}s" --timeout 10s "$@" \
    -s "$BENCH_DIR/submit.lua" "$BASE" >"$out" 2>&1 || { cat "$out" >&2; die "wrk ($tag) failed"; }
}
val() { sed -n "s/^BENCH $2=//p" "$1"; }
cpu_ticks() {  # utime+stime of a pid (and its reaped children), in clock ticks
  [[ -r /proc/$1/stat ]] || { echo 0; return; }
  awk '{ sub(/^.*\) /, ""); print $12 + $13 + $14 + $15 }' "/proc/$1/stat"
}
pg_ticks() {  # all processes of our postmaster
  local pm total=0 p
  pm=$(head -n1 "$DATA_DIR/postmaster.pid")
  total=$(cpu_ticks "$pm")
  for p in $(ps -o pid= --ppid "$pm"); do total=$((total + $(cpu_ticks "$p"))); done
  echo "$total"
}
busy_ticks() { awk '/^cpu /{ print $2+$3+$4+$7+$8 " " $2+$3+$4+$5+$6+$7+$8 }' /proc/stat; }

# ---------------------------------------------------------------- the raised rate limits take effect
# 130 submissions from 127.0.0.1 to one point within a minute: with the defaults (60 per address, 120 per point)
# the 61st would get 429.
LIMIT_BODY=$(probe_body "limit-check-SID")
LIMIT_CODES=$(seq -w 1 130 | xargs -P 8 -I{} sh -c 'curl -s -o /dev/null -w "%{http_code}\n" --max-time 30 -X POST \
  -H "Content-Type: application/json" --data-binary "$(printf %s "$1" | sed "s/SID/$2/")" "$3"' _ "$LIMIT_BODY" {} \
  "$BASE$FIRST_PATH" | sort | uniq -c | awk '{ printf "%s%s x%s", sep, $2, $1; sep=", " }')
# survey limits count on sharded counters (rate_shard, V24): a window's hits are the sum of its shards
shard_hits() { sql "select coalesce(max(n),0) from (select sum(hits) n from rate_shard where key like '$1%' group by key, window_start) w"; }
ADDRESS_HITS=$(shard_hits survey-ip:)
POINT_HITS=$(shard_hits survey-point:)
[[ $LIMIT_CODES == "201 x130" ]] ||
  die "the raised rate limits did not take effect: 130 submissions to one point answered $LIMIT_CODES"
LIMITS_NOTE="130 submissions from 127.0.0.1 to one point all got 201 (rate windows at $ADDRESS_HITS per address, $POINT_HITS per point; defaults 60/120)"
log "rate limits raised: $LIMITS_NOTE"
PROBES=$((PROBES + 130))

MODE="product as is"
# Statistics as a server that has run for a minute has them: autovacuum analyzes a table within its first naptime
# (60 s) of the first changes, but this database is a minute old. Without statistics PostgreSQL cannot tell the
# campaign's narrow indexes from the unique (campaign, submission id) one, and the retry lookup walked every
# response of the campaign (3,935 rows read per submission, 2026-12-02) until the first autoanalyze.
sql "analyze" >/dev/null
if [[ $PRELOAD -gt 0 ]]; then
  # The campaign as it stands after a busy hour: PRELOAD earlier responses (7 answers each) from the same address
  # (all load here comes from 127.0.0.1) within the last hour, so a per-submission lookup that grows with the
  # campaign or with one address's history shows here as a lower rate and more rows read than without.
  log "preloading $PRELOAD responses from 127.0.0.1 in the last hour (SQL)"
  sql "insert into survey_response (campaign_id, point_id, channel, submission_id, client_ip, user_agent, submitted_at, language)
       select $CAMPAIGN_ID, p.ids[1 + g % array_length(p.ids, 1)], 'ONLINE', 'preload-' || g, '127.0.0.1', 'preload',
              now() - (g % 3000) * interval '1 second', 'zh-CN'
         from generate_series(1, $PRELOAD) g, (select array_agg(id order by id) ids from survey_point where campaign_id = $CAMPAIGN_ID) p;
       insert into survey_answer (response_id, question_id, value)
       select r.id, q.id, 1 + (r.id + q.position) % 5 from survey_response r join survey_question q on q.campaign_id = r.campaign_id
        where r.campaign_id = $CAMPAIGN_ID and r.submission_id like 'preload-%';
       analyze survey_response; analyze survey_answer;" >/dev/null
  PROBES=$((PROBES + PRELOAD))
  MODE="$MODE, after $PRELOAD preloaded responses from the same address within the hour"
fi
if [[ $SPREAD == 1 ]]; then
  MODE="WHAT-IF (BENCH_SPREAD_ADDRESSES=1): stored responses' client_ip rewritten every 0.5 s, as if from distinct addresses"
  log "$MODE"
  (for _ in $(seq 1 $((2 * (WARMUP + DURATION) + 60))); do
     sql "update survey_response set client_ip = '10.' || (id / 62500 % 250) || '.' || (id / 250 % 250) || '.' || (id % 250)
          where campaign_id = $CAMPAIGN_ID and client_ip = '127.0.0.1'" >/dev/null 2>&1 || true
     sleep 0.5
   done) &
  SPREAD_PID=$!
fi

log "warm-up: wrk -t$THREADS -c$CONNECTIONS -d${WARMUP}s"
run_wrk w "$WARMUP" "$OUT/wrk-warmup.txt"
W_CREATED=$(val "$OUT/wrk-warmup.txt" created)
W_NON2XX=$(val "$OUT/wrk-warmup.txt" non2xx)
if [[ $W_NON2XX != 0 ]]; then
  grep -E '^NON-2XX' "$OUT/wrk-warmup.txt" >&2 || true
  die "warm-up got $W_NON2XX non-2xx answers"
fi
log "warm-up: $W_CREATED submissions, no non-2xx ($(val "$OUT/wrk-warmup.txt" submissions_per_s)/s, p99 $(val "$OUT/wrk-warmup.txt" p99_ms) ms)"

LOADAVG=$(cut -d" " -f1-3 /proc/loadavg)
pg_stats() { sql "select xact_commit + xact_rollback, tup_returned + tup_fetched from pg_stat_database where datname = 'postgres'"; }
IFS='|' read -r XACT0 TUPS0 <<<"$(pg_stats)"
# rows read per table (sequential scans' rows + index scans' fetched rows), to say where the reads come from
table_reads() { sql "select relname || '=' || (coalesce(seq_tup_read, 0) + coalesce(idx_tup_fetch, 0)) from pg_stat_user_tables order by relname"; }
TABLES0=$(table_reads)
STORED0=$(sql "select count(*) from survey_response where campaign_id = $CAMPAIGN_ID")
PROFILING=""
if [[ $PROFILE == 1 ]] && command -v jcmd >/dev/null 2>&1 && command -v jfr >/dev/null 2>&1; then
  # JFR (default settings: ~20 ms execution samples, low overhead) over the middle of the main run.
  timeout 30 jcmd "$SERVER_PID" JFR.start name=bench settings=${BENCH_JFR_SETTINGS:-default} delay=2s \
    duration=$((DURATION > 6 ? DURATION - 4 : 2))s filename="$OUT/main.jfr" >"$OUT/jfr-start.txt" 2>&1 && PROFILING=1
fi
if [[ -n ${BENCH_ASYNC_PROFILER:-} ]]; then
  # async-profiler (its libasyncProfiler.so, e.g. from the tools.profiler:async-profiler jar on Maven Central):
  # CPU samples every ms of Java and native frames over the whole main run, as collapsed stacks (async.collapsed).
  timeout 30 jcmd "$SERVER_PID" JVMTI.agent_load "$BENCH_ASYNC_PROFILER" "\"start,event=itimer,interval=1ms\"" \
    >"$OUT/async-start.txt" 2>&1 || log "async-profiler did not start (see $OUT/async-start.txt)"
fi
gc_seconds() { jstat -gcutil "$SERVER_PID" 2>/dev/null | awk 'NR == 2 { print $NF }' || true; }
GC0=$(gc_seconds)
SERVER_CPU0=$(cpu_ticks "$SERVER_PID"); PG_CPU0=$(pg_ticks); read -r BUSY0 ALL0 <<<"$(busy_ticks)"
log "main run: wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s --latency"
run_wrk m "$DURATION" "$OUT/wrk-main.txt" --latency
if [[ -n ${BENCH_ASYNC_PROFILER:-} ]]; then
  timeout 30 jcmd "$SERVER_PID" JVMTI.agent_load "$BENCH_ASYNC_PROFILER" "\"stop,collapsed,file=$OUT/async.collapsed\"" \
    >>"$OUT/async-start.txt" 2>&1 || true
fi
SERVER_CPU1=$(cpu_ticks "$SERVER_PID"); PG_CPU1=$(pg_ticks); read -r BUSY1 ALL1 <<<"$(busy_ticks)"
GC1=$(gc_seconds)
GC_S=$( [[ -n $GC0 && -n $GC1 ]] && echo "scale=2; $GC1 - $GC0" | bc || echo "n/a")
# the server's peak resident set since it started (warm-up and probes included)
PEAK_RSS_MB=$(awk '/^VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$SERVER_PID/status" 2>/dev/null || echo "n/a")
if [[ -n $SPREAD_PID ]]; then kill "$SPREAD_PID" 2>/dev/null || true; wait "$SPREAD_PID" 2>/dev/null || true; SPREAD_PID=""; fi
if [[ -n $PROFILING ]]; then
  for _ in $(seq 1 30); do [[ -s $OUT/main.jfr ]] && break; sleep 1; done
  timeout 30 jcmd "$SERVER_PID" Thread.print >"$OUT/threads-after.txt" 2>&1 || true
  [[ -s $OUT/main.jfr ]] && python3 "$BENCH_DIR/jfr-top.py" "$OUT/main.jfr" >"$OUT/profile.txt" 2>&1 || true
fi
grep -v '^BENCH ' "$OUT/wrk-main.txt" >&2

M=$OUT/wrk-main.txt
CREATED=$(val "$M" created); RETRIED=$(val "$M" retried_ok); NON2XX=$(val "$M" non2xx)
SENT_RETRIES=$(val "$M" sent_retries); TWICE=$(val "$M" created_twice); MISMATCH_IDS=$(val "$M" id_mismatch)
NOT_DUP=$(val "$M" not_duplicate); UNPARSABLE=$(val "$M" unparsable); SOCKET_ERRORS=$(val "$M" socket_errors)
SUB_PER_S=$(val "$M" submissions_per_s); REQ_PER_S=$(val "$M" requests_per_s)
P50=$(val "$M" p50_ms); P90=$(val "$M" p90_ms); P99=$(val "$M" p99_ms); PMAX=$(val "$M" max_ms)
W_INFLIGHT=$(val "$OUT/wrk-warmup.txt" in_flight); M_INFLIGHT=$(val "$M" in_flight)
W_TWICE=$(val "$OUT/wrk-warmup.txt" created_twice); W_MISMATCH=$(val "$OUT/wrk-warmup.txt" id_mismatch)
TICK=$(getconf CLK_TCK)
CPU_SERVER_S=$(echo "scale=1; ($SERVER_CPU1 - $SERVER_CPU0) / $TICK" | bc)
CPU_PG_S=$(echo "scale=1; ($PG_CPU1 - $PG_CPU0) / $TICK" | bc)
CPU_BUSY_PCT=$(echo "scale=0; 100 * ($BUSY1 - $BUSY0) / ($ALL1 - $ALL0)" | bc)
CPU_AVAIL_S=$(echo "scale=1; ($ALL1 - $ALL0) / $TICK" | bc)
CPU_WRK_S=$(awk '{ printf "%.1f", $1 + $2 }' "$M.cpu" 2>/dev/null || echo 0)
CPU_BUSY_S=$(echo "scale=1; ($BUSY1 - $BUSY0) / $TICK" | bc)
CPU_OTHER_S=$(echo "scale=1; $CPU_BUSY_S - $CPU_SERVER_S - $CPU_PG_S - $CPU_WRK_S" | bc)

# ---------------------------------------------------------------- stored = acknowledged?
# wrk stops with requests in flight; the server still finishes them. Wait until the count is stable, then take
# out the ids wrk sent but never saw answered, so the comparison is exact.
prev=-1
for _ in $(seq 1 40); do
  STORED=$(sql "select count(*) from survey_response where campaign_id = $CAMPAIGN_ID")
  [[ $STORED == "$prev" ]] && break
  prev=$STORED; sleep 0.5
done
sleep 1.5  # let the backends flush their statistics (PostgreSQL 15+: at most once a second)
IFS='|' read -r XACT1 TUPS1 <<<"$(pg_stats)"
TABLES1=$(table_reads)
TABLE_READS=$(join -t= <(sort <<<"$TABLES0") <(sort <<<"$TABLES1") | awk -F= -v n="$((STORED - STORED0 > 0 ? STORED - STORED0 : 1))" \
  '{ d = ($3 - $2) / n; if (d >= 0.05) { printf "%s%s %.1f", sep, $1, d; sep = ", " } }')
DELTA_STORED=$((STORED - STORED0 > 0 ? STORED - STORED0 : 1))
XACT_PER=$(echo "scale=1; ($XACT1 - $XACT0) / $DELTA_STORED" | bc)
TUPS_PER=$(echo "scale=0; ($TUPS1 - $TUPS0) / $DELTA_STORED" | bc)
# The fraud history query the server runs for every submission (IntakeQueries.recent), as it
# stands at the end: every response from 127.0.0.1 in the last hour.
history_plan() {  # $1 = plan_cache_mode; what the query does, as "rows returned / rows scanned and discarded / ms / plan"
  psql -h localhost -p "$PG_PORT" -U postgres -d postgres -X -q -At <<SQL 2>/dev/null |
set plan_cache_mode = $1;
prepare history(bigint, text, text, timestamptz) as select submission_id, browser_id, client_ip, point_id, submitted_at
  from survey_response where campaign_id = \$1 and channel = 'ONLINE'
  and (browser_id = \$2 or (client_ip = \$3 and submitted_at > \$4));
explain (analyze, format json) execute history($CAMPAIGN_ID, null, '127.0.0.1', now() - interval '1 hour');
SQL
  jq -r '.[0] | "\(.Plan["Actual Rows"]) rows returned, \([.. | objects | .["Rows Removed by Filter"]? // empty] | add // 0) scanned and discarded, \(.["Execution Time"] | . * 10 | round / 10) ms, \([.. | objects | select(.["Node Type"]?) | .["Node Type"] + (if .["Index Name"] then " " + .["Index Name"] else "" end)] | join(" > "))"' || echo "n/a"
}
HISTORY_CUSTOM=$(history_plan force_custom_plan)
HISTORY_GENERIC=$(history_plan force_generic_plan)
inflight_list() { cat "$OUT/pending-w.txt" "$OUT/pending-m.txt" 2>/dev/null | grep -E '^[A-Za-z0-9_-]+$' | sed "s/.*/'&'/" | paste -sd, -; }
IN=$(inflight_list)
STORED_INFLIGHT=0
[[ -n $IN ]] && STORED_INFLIGHT=$(sql "select count(*) from survey_response where campaign_id = $CAMPAIGN_ID and submission_id in ($IN)")
DOUBLES=$(sql "select count(*) from (select submission_id from survey_response where campaign_id = $CAMPAIGN_ID group by 1 having count(*) > 1) d")
ANSWERS_OK=$(sql "select count(*) = 0 from survey_response r where campaign_id = $CAMPAIGN_ID and (select count(*) from survey_answer a where a.response_id = r.id) <> $QUESTION_COUNT")
FLAGS=$(sql "select count(*) from response_flag f join survey_response r on r.id = f.response_id where r.campaign_id = $CAMPAIGN_ID")
FLAG_KINDS=$(sql "select coalesce(string_agg(kind || ' ' || n, ', '), 'none') from (select kind, count(*) n from response_flag group by 1 order by 2 desc) k")
ACKED=$((PROBES + $(val "$OUT/wrk-warmup.txt" acked) + $(val "$M" acked)))
EXPECTED=$((ACKED + STORED_INFLIGHT))
VERDICT=OK
problems=()
[[ $STORED == "$EXPECTED" ]] || problems+=("stored $STORED != acknowledged $ACKED + in flight $STORED_INFLIGHT")
[[ $NON2XX == 0 ]] || problems+=("$NON2XX non-2xx answers")
[[ $TWICE == 0 && $W_TWICE == 0 && $DOUBLES == 0 ]] || problems+=("a submission was created twice")
[[ $MISMATCH_IDS == 0 && $W_MISMATCH == 0 && $NOT_DUP == 0 ]] || problems+=("a retry got a different response or no duplicate flag")
[[ $UNPARSABLE == 0 ]] || problems+=("$UNPARSABLE unparsable 2xx bodies")
[[ $ANSWERS_OK == t ]] || problems+=("a stored response does not have exactly $QUESTION_COUNT answers")
((${#problems[@]})) && VERDICT=MISMATCH

# ---------------------------------------------------------------- PostgreSQL's own rate (pgbench)
# A: the fair comparison. The same durable writes one acknowledged submission needs, into the real tables (same
#    indexes, unique and foreign keys, and V26's tally triggers): one transaction = INSERT survey_response ...
#    RETURNING id, then the answers in one INSERT from arrays (the product's statement pattern since 2026-12-02:
#    1 + 1 statements, one commit; before, 1 + 7 single-row INSERTs, which also fired the answers' tally trigger
#    seven times), prepared statements like PgJDBC. It leaves out what the product also does per submission (point/campaign/question
#    lookups, the retry lookup, two rate-limit upserts, the fraud history query and flags): that is our overhead.
# B: reference only: one single-row INSERT per transaction into a scratch copy of survey_response
#    (LIKE ... INCLUDING ALL: same columns, defaults, indexes; no foreign keys, no answers).
POINT_ID=$(jq -r '.points[0].id' "$OUT/campaign.json")
{
  echo 'BEGIN;'
  echo "INSERT INTO survey_response (campaign_id, point_id, channel, submission_id, client_ip, user_agent, submitted_at, language, phone_cipher, phone_hash)"
  echo "  VALUES ($CAMPAIGN_ID, $POINT_ID, 'ONLINE', 'pgb-' || :client_id || '-' || md5(random()::text), '127.0.0.1', 'pgbench', now(), 'zh-CN', md5(random()::text), md5(random()::text)) RETURNING id AS rid \\gset"
  echo "INSERT INTO survey_answer (response_id, question_id, value) SELECT :rid, q, 1 + (random() * 4)::int FROM unnest('{$QUESTIONS}'::bigint[]) AS q;"
  echo 'END;'
} >"$OUT/pgbench-response.sql"
sql "create table bench_scratch (like survey_response including all)" >/dev/null
cat >"$OUT/pgbench-single.sql" <<EOF
INSERT INTO bench_scratch (campaign_id, point_id, channel, submission_id, client_ip, user_agent, submitted_at, language, phone_cipher, phone_hash)
  VALUES ($CAMPAIGN_ID, $POINT_ID, 'ONLINE', 'pgb-' || :client_id || '-' || md5(random()::text), '127.0.0.1', 'pgbench', now(), 'zh-CN', md5(random()::text), md5(random()::text));
EOF
pgb() {  # pgb SCRIPT OUT
  timeout $((PGBENCH_DURATION + 60)) pgbench -n -M prepared -c "$CONNECTIONS" -j "$THREADS" -T "$PGBENCH_DURATION" \
    -h localhost -p "$PG_PORT" -U postgres -f "$1" postgres >"$2" 2>&1 || { cat "$2" >&2; die "pgbench failed"; }
  sed -nE 's/^tps = ([0-9.]+).*/\1/p' "$2" | head -n1 | xargs printf '%.0f' 
}
log "pgbench A: 1 response + $QUESTION_COUNT answers per transaction, -c $CONNECTIONS -j $THREADS -T $PGBENCH_DURATION"
PG_TPS=$(pgb "$OUT/pgbench-response.sql" "$OUT/pgbench-response.txt")
PG_LAT=$(sed -nE 's/^latency average = ([0-9.]+) ms/\1/p' "$OUT/pgbench-response.txt")
log "pgbench B: 1 single-row insert per transaction"
PG1_TPS=$(pgb "$OUT/pgbench-single.sql" "$OUT/pgbench-single.txt")
FRACTION=$(echo "scale=4; $SUB_PER_S / $PG_TPS" | bc)
PCT=$(printf '%.1f' "$(echo "scale=4; 100 * $SUB_PER_S / $PG_TPS" | bc)")
PCT1=$(printf '%.1f' "$(echo "scale=4; 100 * $SUB_PER_S / $PG1_TPS" | bc)")
AIM_RATE=$(echo "$FRACTION >= 0.5" | bc); AIM_P99=$(echo "$P99 < 100" | bc)
aim() { [[ $1 == 1 ]] && echo met || echo MISSED; }

# ---------------------------------------------------------------- summary
JAVA_VERSION=$(java -version 2>&1 | head -n1)
{
cat <<EOF

### Survey submission benchmark ($(date -u +%Y-%m-%d), $(nproc) cores, \`server/bench/survey-load.sh\`)

Server and load generator on one machine over loopback; embedded PostgreSQL $PG_VERSION ($PG_DURABILITY, as the
server configures it; pgbench runs against the same instance); $JAVA_VERSION.
Mode: $MODE.
Campaign: scheme property-management, $QUESTION_COUNT questions, $POINT_COUNT points; every ${RETRY_EVERY}th request
re-sends the previous submission (a retry); a third of the submissions carry a phone number.

| What | Number |
| --- | --- |
| Submissions stored per second (201/s), wrk -t$THREADS -c$CONNECTIONS -d${DURATION}s | $SUB_PER_S |
| Requests per second (201 + retries answered 200) | $REQ_PER_S |
| Latency p50 / p90 / p99 / max | $P50 / $P90 / $P99 / $PMAX ms |
| Unloaded latency (median of 20 sequential submissions, curl) | $SEQ_MEDIAN_MS ms |
| Acknowledged: new (201) / retries (200) / non-2xx / socket errors | $CREATED / $RETRIED of $SENT_RETRIES / $NON2XX / $SOCKET_ERRORS |
| Stored responses (whole run incl. warm-up and probes) | $STORED = $ACKED acknowledged + $STORED_INFLIGHT in flight when wrk stopped: $VERDICT |
| PostgreSQL alone, pgbench -M prepared -c $CONNECTIONS -j $THREADS -T $PGBENCH_DURATION: 1 response + $QUESTION_COUNT answers per transaction | $PG_TPS tps (avg $PG_LAT ms) |
| Our rate as a share of that (aim ≥ 50 %: $(aim "$AIM_RATE")) | $PCT % |
| PostgreSQL alone: one single-row insert per transaction (reference) | $PG1_TPS tps (we reach $PCT1 %) |
| p99 under 100 ms at $CONNECTIONS connections | $(aim "$AIM_P99") |
| CPU during the main run, of $CPU_AVAIL_S s available (${CPU_BUSY_PCT} % busy): server JVM / PostgreSQL / wrk / other processes | $CPU_SERVER_S / $CPU_PG_S / $CPU_WRK_S / $CPU_OTHER_S s |
| Server heap limit; GC time in the main run; the server's peak RSS (VmHWM) | ${XMX:-JVM default (1/4 of RAM)}; $GC_S s; $PEAK_RSS_MB MB |
| Load average before the main run (other work on the machine skews every number) | $LOADAVG |
| Rate limits (set to $LIMIT per minute) | $LIMITS_NOTE |
| PostgreSQL work per stored submission in the main run (pg_stat_database) | $XACT_PER transactions, $TUPS_PER rows read |
| Rows read per stored submission by table (pg_stat_user_tables: sequential + index fetches) | ${TABLE_READS:-none} |
| The per-submission fraud history query at the end (IntakeQueries.recent, browser id null, 127.0.0.1, last hour): custom plan | $HISTORY_CUSTOM |
| The same as a generic prepared plan (what PgJDBC gets after 5 executions if PostgreSQL prefers it) | $HISTORY_GENERIC |
| Fraud flags recorded (all load comes from 127.0.0.1) | $FLAGS ($FLAG_KINDS) |
EOF
echo
echo "The comparison (pgbench A) does the durable writes one acknowledged submission needs, into the real tables with"
echo "their indexes, unique and foreign keys, as the product issues them (INSERT ... RETURNING id, then one INSERT per"
echo "answer, one commit, prepared statements), at the same concurrency; it leaves out everything else the server does"
echo "per submission (point/campaign/question lookups, the retry lookup, two rate-limit upserts, the fraud history query"
echo "and flag inserts): that difference is the application's overhead. pgbench B (one row, no answers, no foreign keys)"
echo "is only a reference for the raw insert rate."
if ((${#problems[@]})); then printf '\nPROBLEMS: %s\n' "${problems[@]}"; fi
} | tee "$OUT/summary.txt"
echo "Outputs: $OUT (server.log, wrk-*.txt, pgbench-*.txt, main.jfr, profile.txt)"

# For server/bench/all.sh: name | measured | reference | ratio
RATIO_NAME="survey-submissions${XMX:+ -Xmx$XMX}"
[[ $PRELOAD -gt 0 ]] && RATIO_NAME+=" after $PRELOAD responses"
RATIO_NAME+=", ${WARMUP} s warm-up"
echo "RATIO|$RATIO_NAME|$SUB_PER_S/s, p99 $P99 ms|pgbench A $PG_TPS tps|$(printf "%.3f" "$FRACTION")"
if [[ $VERDICT == OK ]]; then
  echo "RESULT: OK: $STORED stored = $ACKED acknowledged + $STORED_INFLIGHT in flight, no double, no non-2xx"
  exit 0
fi
echo "RESULT: MISMATCH: ${problems[*]}"
exit 1
