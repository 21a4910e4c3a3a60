# Shared by the benchmark scripts (sourced).

# A loopback port nothing listens on.
free_port() {
  local p
  for _ in $(seq 1 100); do
    p=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; then echo "$p"; return 0; fi
  done
  return 1
}

# ---------------------------------------------------------------- the API (survey-load.sh, two-instances.sh)
# The caller defines BASE (the server's address), OUT (a directory for scratch files), TOKEN (a bearer token or
# empty) and die (prints and exits).

# api METHOD PATH [JSON] -> body on stdout; fails unless 2xx
TOKEN=""
api() {
  local method=$1 path=$2 body=${3:-} code
  local args=(-s -o "$OUT/api.body" -w '%{http_code}' --max-time 30 -X "$method" -H 'Accept: application/json')
  [[ -n $TOKEN ]] && args+=(-H "Authorization: Bearer $TOKEN")
  [[ -n $body ]] && args+=(-H 'Content-Type: application/json' --data-binary "$body")
  code=$(curl "${args[@]}" "$BASE$path") || die "$method $path: curl failed"
  if [[ $code != 2* ]]; then die "$method $path answered $code: $(head -c 600 "$OUT/api.body")"; fi
  cat "$OUT/api.body"
}
login() { api POST /login "$(jq -nc --arg u "$1" --arg p "$2" '{username:$u,password:$p}')" | jq -r .access_token; }

# open_bench_campaign LEAD_PASSWORD: as the admin (TOKEN), an organisation with an estate of 15 buildings x 2
# stairwells, a LEAD bench-lead, a project on the built-in property-management scheme and an open campaign (from a
# minute ago for a day). Sets ORG_ID SITE_ID SCHEME_ID VERSION_ID LEAD_ID PROJECT_ID CAMPAIGN_ID QUESTIONS
# QUESTION_COUNT POINT_COUNT PATHS; the campaign as created is in $OUT/campaign.json.
open_bench_campaign() {
  local lead_password=$1
  ORG_ID=$(api POST /api/v1/organizations '{"name":"压测物业服务有限公司","nameEn":"Bench Property Services"}' | jq -r .id)
  SITE_ID=$(api POST "/api/v1/organizations/$ORG_ID/sites" '{"name":"压测花园","nameEn":"Bench Gardens","kind":"ESTATE"}' | jq -r .id)
  api POST "/api/v1/organizations/$ORG_ID/sites/$SITE_ID/locations/bulk" \
    '{"kind":"BUILDING","from":1,"to":15,"nameTemplate":"{n}号楼","children":{"kind":"STAIRWELL","labels":["A","B"],"nameTemplate":"{parent}{label}单元"}}' >/dev/null
  SCHEME_ID=$(api GET /api/v1/schemes | jq -r '.[] | select(.code=="property-management") | .id')
  [[ $SCHEME_ID =~ ^[0-9]+$ ]] || die "no built-in scheme property-management"
  VERSION_ID=$(api GET "/api/v1/schemes/$SCHEME_ID" | jq -r '[.versions[] | select(.status=="PUBLISHED")] | max_by(.version) | .id')
  [[ $VERSION_ID =~ ^[0-9]+$ ]] || die "property-management has no published version"
  LEAD_ID=$(api POST /api/v1/users "$(jq -nc --arg p "$lead_password" \
    '{username:"bench-lead",displayName:"压测组长",roles:["LEAD"],organizationId:null,password:$p}')" | jq -r '.user.id // .id')
  [[ $LEAD_ID =~ ^[0-9]+$ ]] || die "could not create the LEAD user"
  PROJECT_ID=$(api POST /api/v1/projects "$(jq -nc --argjson o "$ORG_ID" --argjson s "$SITE_ID" --argjson v "$VERSION_ID" \
    --argjson l "$LEAD_ID" '{organizationId:$o,siteId:$s,schemeVersionId:$v,evaluationType:"SURVEILLANCE",
    title:"提交压测 / submission benchmark",leadUserId:$l}')" | jq -r '.project.id // .id')
  [[ $PROJECT_ID =~ ^[0-9]+$ ]] || die "could not create the project"
  local opens closes
  opens=$(date -u -d '-1 min' +%Y-%m-%dT%H:%M:%SZ)
  closes=$(date -u -d '+1 day' +%Y-%m-%dT%H:%M:%SZ)
  api POST "/api/v1/projects/$PROJECT_ID/campaigns" "$(jq -nc --arg o "$opens" --arg c "$closes" \
    '{titleZh:"住户满意度调查（压测）",titleEn:"Resident survey (benchmark)",opensAt:$o,closesAt:$c,phoneMode:"OPTIONAL"}')" \
    >"$OUT/campaign.json"
  CAMPAIGN_ID=$(jq -r .id "$OUT/campaign.json")
  QUESTIONS=$(jq -r '[.questions[].id] | join(",")' "$OUT/campaign.json")
  QUESTION_COUNT=$(jq '.questions | length' "$OUT/campaign.json")
  POINT_COUNT=$(jq '.points | length' "$OUT/campaign.json")
  PATHS=$(jq -r '.points[].url | capture("/s/(?<t>[^/?#]+)$").t | "/api/v1/public/surveys/\(.)/responses"' "$OUT/campaign.json" | tr '\n' ' ')
  [[ $POINT_COUNT -gt 0 && $QUESTION_COUNT -gt 0 ]] || die "the campaign has no points or no questions"
}

# junit_benchmark FQCN PATTERN [-Dname=value ...]: runs one JUnit benchmark class (outside the suite: its name ends
# in Benchmark) through Maven from the repository root, prints the lines matching PATTERN (and every RATIO/BUDGET
# line), the load average before and after, and fails unless the surefire report shows no failure and no error.
junit_benchmark() {
  local class=$1 pattern=$2; shift 2
  local report="server/target/surefire-reports/TEST-$class.xml"
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores ($(date -u +%Y-%m-%dT%H:%MZ))"
  rm -f "$report"
  mvn -q -o -pl server -am verify -Dtest="${class##*.}" -Dsurefire.failIfNoSpecifiedTests=false -DtrimStackTrace=false \
      "$@" 2>&1 | grep -E "$pattern|^RATIO\||^BUDGET\||ERROR|FAIL" || true
  [[ -f $report ]] || { echo "no surefire report: the benchmark did not run" >&2; return 1; }
  grep -q 'failures="0"' "$report" && grep -q 'errors="0"' "$report"
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
}
