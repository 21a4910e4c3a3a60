#!/usr/bin/env bash
# Export benchmark (issues 13 and 14): 1,000,000 survey responses exported as CSV and XLSX over HTTP.
#
# Builds the jar if it has no exports, starts a throw-away server (fresh embedded PostgreSQL, no demo data) at
# -Xmx512m with a GC log, opens a campaign of its own through the API, generates the responses with SQL
# (generate_series: BENCH_ROWS responses, one answer per question each, a phone cipher on every third -- never
# decrypted by the export --, a formula-looking comment on every 50th, a fraud flag on every 100th), then
# downloads GET /api/v1/campaigns/{id}/exports/responses?format=csv|xlsx with curl and reports per format: rows/s,
# total seconds, time to the first byte, bytes, the peak heap during the export (from the GC log: the largest heap
# occupancy before a collection, and jcmd GC.heap_info sampled every 5 s) and the server's peak RSS (VmHWM is
# reset before each export through /proc/PID/clear_refs), and the CPU seconds the server and PostgreSQL spent
# (on a shared machine the wall time says more about the other load than about the export). Checks the row counts.
#
# Needs: java, curl, jq, psql, python3 (zipfile, for counting the XLSX rows). Aim: < 30 s each on 2 cores.
# Usage: server/bench/export.sh      Env: BENCH_ROWS [1000000], BENCH_HEAP [512m], BENCH_OUT [mktemp dir]
set -euo pipefail
ROWS=${BENCH_ROWS:-1000000}
HEAP=${BENCH_HEAP:-512m}
ADMIN_PASSWORD='Bench-Pa55-Export-2026'
LEAD_PASSWORD='Lead-Pa55word-42'
BENCH_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO=$(cd "$BENCH_DIR/../.." && pwd)
# shellcheck source=common.sh
source "$BENCH_DIR/common.sh"
JAR="$REPO/server/target/tanfang.jar"
OUT=${BENCH_OUT:-$(mktemp -d /tmp/tanfang-export-bench.XXXXXX)}
mkdir -p "$OUT"

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }
die() { log "ERROR: $*"; exit 2; }
for tool in java curl jq psql python3; do command -v "$tool" >/dev/null || die "needs $tool"; done

SERVER_PID=""
DATA_DIR=""
SAMPLER_PID=""
cleanup() {
  local rc=$?
  trap - EXIT INT TERM
  if [[ -n $SAMPLER_PID ]]; then kill "$SAMPLER_PID" 2>/dev/null || true; fi
  if [[ -n $SERVER_PID ]] && kill -0 "$SERVER_PID" 2>/dev/null; then
    kill -TERM "$SERVER_PID" 2>/dev/null || true
    for _ in $(seq 1 60); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$SERVER_PID" 2>/dev/null && kill -KILL "$SERVER_PID" 2>/dev/null || true
  fi
  if [[ -n $DATA_DIR && -f $DATA_DIR/postmaster.pid ]]; then
    local pm; pm=$(head -n1 "$DATA_DIR/postmaster.pid" 2>/dev/null || true)
    if [[ $pm =~ ^[0-9]+$ ]] && kill -0 "$pm" 2>/dev/null; then kill -INT "$pm" 2>/dev/null || true; sleep 2; fi
  fi
  if [[ -n $DATA_DIR && -d $DATA_DIR ]]; then rm -rf "$DATA_DIR"; fi
  rm -f "$OUT"/export.csv "$OUT"/export.xlsx
  log "logs kept in $OUT"
  exit "$rc"
}
trap cleanup EXIT
trap 'log "interrupted"; exit 130' INT TERM

if [[ ! -f $JAR ]] || ! unzip -l "$JAR" 2>/dev/null | grep 'com/tanfang/export/Exports.class' >/dev/null; then
  log "building $JAR (mvn -q -o -DskipTests package)"
  (cd "$REPO" && mvn -q -o -DskipTests package) >"$OUT/build.log" 2>&1 || { tail -n 30 "$OUT/build.log" >&2; die "build failed"; }
fi

PORT=$(free_port) || die "no free port"
BASE="http://127.0.0.1:$PORT"
DATA_DIR=$(mktemp -d /tmp/tanfang-export-data.XXXXXX)
log "starting the server on $BASE with -Xmx$HEAP"
MICRONAUT_SERVER_HOST=127.0.0.1 MICRONAUT_SERVER_PORT=$PORT TANFANG_DATA_DIR=$DATA_DIR TANFANG_DEMO=false \
  TANFANG_ADMIN_PASSWORD=$ADMIN_PASSWORD TANFANG_ACCESS_LOG=WARN \
  java -Xmx"$HEAP" -Xlog:gc:file="$OUT/gc.log":uptime -jar "$JAR" >"$OUT/server.log" 2>&1 &
SERVER_PID=$!
for _ in $(seq 1 240); do
  [[ $(curl -s -o /dev/null -w '%{http_code}' --max-time 2 "$BASE/health" || true) == 200 ]] && break
  kill -0 "$SERVER_PID" 2>/dev/null || { tail -n 30 "$OUT/server.log" >&2; die "the server died"; }
  sleep 0.5
done
PG_URL=$(cat "$DATA_DIR/tanfang-postgres.url") || die "no PostgreSQL url"
PG_PORT=$(sed -E 's#^jdbc:postgresql://[^:/]+:([0-9]+)/.*#\1#' <<<"$PG_URL")
export PGPASSFILE="$DATA_DIR/tanfang-postgres.pgpass"
sql() { psql -h localhost -p "$PG_PORT" -U postgres -d postgres -X -v ON_ERROR_STOP=1 -Atc "$1"; }

# api and login: common.sh
TOKEN=""
TOKEN=$(login admin "$ADMIN_PASSWORD")
ORG_ID=$(api POST /api/v1/organizations '{"name":"导出压测物业","nameEn":"Export Bench Property"}' | jq -r .id)
SITE_ID=$(api POST "/api/v1/organizations/$ORG_ID/sites" '{"name":"导出压测花园","nameEn":"Export Bench Gardens","kind":"ESTATE"}' | jq -r .id)
api POST "/api/v1/organizations/$ORG_ID/sites/$SITE_ID/locations/bulk" \
  '{"kind":"BUILDING","from":1,"to":15,"nameTemplate":"{n}号楼","children":{"kind":"STAIRWELL","labels":["A","B"],"nameTemplate":"{parent}{label}单元"}}' >/dev/null
SCHEME_ID=$(api GET /api/v1/schemes | jq -r '.[] | select(.code=="property-management") | .id')
VERSION_ID=$(api GET "/api/v1/schemes/$SCHEME_ID" | jq -r '[.versions[] | select(.status=="PUBLISHED")] | max_by(.version) | .id')
LEAD_ID=$(api POST /api/v1/users "$(jq -nc --arg p "$LEAD_PASSWORD" \
  '{username:"bench-lead",displayName:"压测组长",roles:["LEAD"],organizationId:null,password:$p}')" | jq -r '.user.id // .id')
PROJECT_ID=$(api POST /api/v1/projects "$(jq -nc --argjson o "$ORG_ID" --argjson s "$SITE_ID" --argjson v "$VERSION_ID" \
  --argjson l "$LEAD_ID" '{organizationId:$o,siteId:$s,schemeVersionId:$v,evaluationType:"SURVEILLANCE",
  title:"导出压测 / export benchmark",leadUserId:$l}')" | jq -r '.project.id // .id')
OPENS=$(date -u -d '-1 min' +%Y-%m-%dT%H:%M:%SZ)
CLOSES=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)
api POST "/api/v1/projects/$PROJECT_ID/campaigns" "$(jq -nc --arg o "$OPENS" --arg c "$CLOSES" \
  '{titleZh:"住户满意度调查（导出压测）",titleEn:"Resident survey (export benchmark)",opensAt:$o,closesAt:$c,phoneMode:"OPTIONAL",commentAllowed:true}')" \
  >"$OUT/campaign.json"
CAMPAIGN_ID=$(jq -r .id "$OUT/campaign.json")
QUESTION_COUNT=$(jq '.questions | length' "$OUT/campaign.json")
POINT_COUNT=$(jq '.points | length' "$OUT/campaign.json")
log "campaign $CAMPAIGN_ID: $QUESTION_COUNT questions, $POINT_COUNT points"
TOKEN=$(login bench-lead "$LEAD_PASSWORD")

log "generating $ROWS responses with SQL"
T0=$(date +%s.%N)
sql "
insert into survey_response (campaign_id, point_id, channel, submission_id, submitted_at, staff_absent_attested,
                             phone_cipher, comment)
select $CAMPAIGN_ID, pts.ids[1 + g % array_length(pts.ids, 1)],
       case when g % 10 = 0 then 'OFFLINE' else 'ONLINE' end, 'bench-' || g,
       timestamptz '2026-11-20 00:00:00+00' + g * interval '1 second', g % 10 = 0,
       case when g % 3 = 0 then 'v1:bench-not-a-real-cipher' end,
       case when g % 50 = 0 then '=1+1 很好 ' || g end
  from generate_series(1, $ROWS) g,
       (select array_agg(id order by id) ids from survey_point where campaign_id = $CAMPAIGN_ID) pts;
insert into survey_answer (response_id, question_id, value)
select r.id, q.id, 1 + (r.id + q.position) % 5
  from survey_response r join survey_question q on q.campaign_id = r.campaign_id
 where r.campaign_id = $CAMPAIGN_ID;
insert into response_flag (response_id, kind, reason, reason_code)
select id, 'BURST', 'bench', 'survey.flag.burst.general' from survey_response
 where campaign_id = $CAMPAIGN_ID and id % 100 = 0;
analyze survey_response; analyze survey_answer; analyze response_flag;" >/dev/null
log "generated in $(printf '%.1f' "$(echo "$(date +%s.%N) - $T0" | bc)") s: $(sql "select count(*) from survey_response where campaign_id = $CAMPAIGN_ID") responses, $(sql "select count(*) from survey_answer a join survey_response r on r.id = a.response_id where r.campaign_id = $CAMPAIGN_ID") answers"

TICK=$(getconf CLK_TCK)
ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }  # user + system CPU of a process, in clock ticks
pg_ticks() { # the same summed over the embedded PostgreSQL's backends (children of its postmaster)
  local pm sum=0 c; pm=$(head -n1 "$DATA_DIR/postmaster.pid")
  for c in $(ps --ppid "$pm" -o pid=); do sum=$((sum + $(ticks "$c" 2>/dev/null || echo 0))); done; echo "$sum"
}
heap_mb() { # heap in use now, MB (jcmd GC.heap_info: "garbage-first heap total 524288K, used 123456K")
  jcmd "$SERVER_PID" GC.heap_info 2>/dev/null | sed -nE 's/.*heap +total [0-9]+K, used ([0-9]+)K.*/\1/p' | head -n1 |
    awk '{printf "%d", $1/1024}'
}
gc_peak_mb() { # the largest heap occupancy before a GC among GC log lines after line $1 ("123M->45M(512M)")
  tail -n +"$1" "$OUT/gc.log" | sed -nE 's/.* ([0-9]+)M->[0-9]+M\([0-9]+M\).*/\1/p' | sort -n | tail -n1
}

RESULTS=()
run() {
  local format=$1 file="$OUT/export.$1"
  echo 5 > "/proc/$SERVER_PID/clear_refs" 2>/dev/null || log "cannot reset VmHWM: peak RSS is since start"
  local gc_from; gc_from=$(($(wc -l <"$OUT/gc.log") + 1))
  : >"$OUT/heap-$format.txt"
  # jcmd starts a JVM of its own: every 5 s, not more (on a busy machine it would take the export's CPU)
  ( while kill -0 "$SERVER_PID" 2>/dev/null; do heap_mb >>"$OUT/heap-$format.txt"; echo >>"$OUT/heap-$format.txt"; sleep 5; done ) &
  SAMPLER_PID=$!
  local cpu0 pg0; cpu0=$(ticks "$SERVER_PID"); pg0=$(pg_ticks)
  log "GET exports/responses?format=$format"
  local stats
  stats=$(curl -s -o "$file" -w '%{http_code} %{time_starttransfer} %{time_total} %{size_download}' --max-time 600 \
    -H "Authorization: Bearer $TOKEN" "$BASE/api/v1/campaigns/$CAMPAIGN_ID/exports/responses?format=$format")
  kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; SAMPLER_PID=""
  local code first total bytes
  read -r code first total bytes <<<"$stats"
  local cpu_server cpu_pg
  cpu_server=$(printf '%.1f' "$(echo "($(ticks "$SERVER_PID") - $cpu0) / $TICK" | bc -l)")
  cpu_pg=$(printf '%.1f' "$(echo "($(pg_ticks) - $pg0) / $TICK" | bc -l)")
  [[ $code == 200 ]] || die "$format export answered $code: $(head -c 300 "$file")"
  local rss_kb; rss_kb=$(sed -nE 's/^VmHWM:\s+([0-9]+) kB/\1/p' "/proc/$SERVER_PID/status")
  local rows
  if [[ $format == csv ]]; then
    rows=$(($(wc -l <"$file") - 1))
  else
    rows=$(python3 - "$file" <<'PY'
import sys, zipfile
n = 0
with zipfile.ZipFile(sys.argv[1]) as z:
    for name in z.namelist():
        if name.startswith('xl/worksheets/sheet'):
            with z.open(name) as f:
                tail = b''
                while True:
                    chunk = f.read(1 << 20)
                    if not chunk:
                        break
                    n += (tail + chunk).count(b'<row ') - tail.count(b'<row ')
                    tail = chunk[-8:]
print(n - 1)  # the header row
PY
)
  fi
  [[ $rows == "$ROWS" ]] || die "$format: $rows rows in the file, expected $ROWS"
  local sampled; sampled=$(grep -E '^[0-9]+$' "$OUT/heap-$format.txt" | sort -n | tail -n1)
  local gcpeak; gcpeak=$(gc_peak_mb "$gc_from")
  local rate; rate=$(printf '%.0f' "$(echo "$ROWS / $total" | bc -l)")
  RESULTS+=("| $format | $ROWS | $(printf '%.1f' "$total") s | $rate | $(printf '%.2f' "$first") s | $(printf '%.1f' "$(echo "$bytes / 1048576" | bc -l)") MB | ${gcpeak:-?} MB | ${sampled:-?} MB | $((rss_kb / 1024)) MB | $cpu_server s / $cpu_pg s |")
  log "$format: $rows rows, $bytes bytes in $total s (first byte $first s)"
  TOTALS[$format]=$total
}
declare -A TOTALS
run csv
run xlsx
# The reference: PostgreSQL's own COPY of the same responses with their answers (one row per answer, ordered as the
# export reads them) to /dev/null over the same loopback, i.e. the least any export of these rows costs.
log "reference: COPY of the same responses and answers to /dev/null"
t0=$(date +%s.%N)
sql "copy (select r.id, r.point_id, r.submitted_at, r.client_ip, r.phone_cipher, r.comment, a.question_id, a.value
             from survey_response r join survey_answer a on a.response_id = r.id
            where r.campaign_id = $CAMPAIGN_ID order by r.id, a.question_id) to stdout" >/dev/null
COPY_S=$(printf '%.1f' "$(echo "$(date +%s.%N) - $t0" | bc)")
log "COPY: $COPY_S s"

echo
echo "Export of $ROWS responses ($QUESTION_COUNT questions, $POINT_COUNT points), server -Xmx$HEAP, $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "| format | rows | total | rows/s | first byte | size | peak heap (GC log, before GC) | peak heap used (jcmd, 5 s samples) | peak RSS (VmHWM) | CPU server / PostgreSQL |"
echo "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
printf '%s\n' "${RESULTS[@]}"
echo
echo "PostgreSQL's own COPY of the same rows (responses joined to answers) to /dev/null: $COPY_S s"
for f in csv xlsx; do
  echo "RATIO|export $f, $ROWS responses, -Xmx$HEAP|$(printf '%.1f' "${TOTALS[$f]}") s|PostgreSQL COPY of the rows $COPY_S s|$(printf '%.2f' "$(echo "${TOTALS[$f]} / $COPY_S" | bc -l)")"
  echo "BUDGET|export $f, $ROWS responses|$(printf '%.1f' "${TOTALS[$f]}") s|30 s|$(printf '%.2f' "$(echo "${TOTALS[$f]} / 30" | bc -l)")"
done
