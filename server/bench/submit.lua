-- wrk script for server/bench/survey-load.sh: concurrent survey submissions with retries.
--
-- Environment (set by survey-load.sh):
--   BENCH_PATHS      space-separated request paths /api/v1/public/surveys/{token}/responses (one per point)
--   BENCH_QUESTIONS  comma-separated question ids of the campaign
--   BENCH_RUN        a tag that keeps submission ids unique across runs (e.g. "w" warm-up, "m" main)
--   BENCH_RETRY_EVERY every n-th request of a thread re-sends that thread's previous submission (default 10)
--   BENCH_PENDING    file the ids sent but never answered (in flight when wrk stopped) are written to
--
-- Counted per thread, aggregated in done(): 201 (a new submission stored), 200 (a retry recognised: must say
-- "duplicate":true and carry the responseId of the first acknowledgement), distinct submission ids acknowledged,
-- everything else (printed). Retries stay within a thread, so per-thread bookkeeping sees every copy.

local threads = {}
local next_tid = 0

function setup(thread)
   next_tid = next_tid + 1
   thread:set("tid", next_tid)
   table.insert(threads, thread)
end

function init(args)
   paths = {}
   for p in string.gmatch(os.getenv("BENCH_PATHS") or "", "%S+") do
      paths[#paths + 1] = p
   end
   questions = {}
   for q in string.gmatch(os.getenv("BENCH_QUESTIONS") or "", "%d+") do
      questions[#questions + 1] = q
   end
   if #paths == 0 or #questions == 0 then
      error("BENCH_PATHS and BENCH_QUESTIONS must be set")
   end
   run = os.getenv("BENCH_RUN") or "r"
   retry_every = tonumber(os.getenv("BENCH_RETRY_EVERY") or "10")
   headers = { ["Content-Type"] = "application/json", ["Accept"] = "application/json",
               ["User-Agent"] = "tanfang-bench/1 (wrk)" }
   math.randomseed(os.time() * 1000 + tid)

   n = 0                -- requests built by this thread
   sent_new = 0         -- distinct submissions sent
   sent_retries = 0     -- retries sent (previous submission id again)
   created = 0          -- 201
   retried_ok = 0       -- 200
   non2xx = 0
   created_twice = 0    -- a submission id that got 201 twice (a double)
   id_mismatch = 0      -- an acknowledgement whose responseId differs from the first one for that id
   not_duplicate = 0    -- a 200 without "duplicate":true
   unparsable = 0       -- a 2xx whose body lacks submissionId/responseId
   acked = 0            -- distinct submission ids acknowledged (201 or 200): a retry's 200 may arrive before
                        -- its original's 201, or instead of it when wrk stops with the original in flight
   printed = 0
   pending = {}         -- submission id -> true while sent and not yet answered
   ack = {}             -- submission id -> responseId of its first acknowledgement
   prev_path, prev_body = nil, nil
end

function request()
   n = n + 1
   if retry_every > 0 and n % retry_every == 0 and prev_body ~= nil then
      sent_retries = sent_retries + 1
      return wrk.format("POST", prev_path, headers, prev_body)
   end
   local sid = string.format("%s-t%d-%09d", run, tid, n)
   local parts = {}
   for i, q in ipairs(questions) do
      -- mostly 1..5, sometimes 0 ("don't know")
      local v = math.random(0, 9)
      if v > 5 then v = math.random(3, 5) end
      parts[i] = '"' .. q .. '":' .. v
   end
   local body = '{"submissionId":"' .. sid .. '","answers":{' .. table.concat(parts, ",") .. '}'
   if n % 3 == 0 then
      body = body .. string.format(',"phone":"138%08d","phoneConsent":true', math.random(0, 99999999))
   end
   body = body .. '}'
   prev_path = paths[(n * 7 + tid) % #paths + 1]
   prev_body = body
   pending[sid] = true
   sent_new = sent_new + 1
   return wrk.format("POST", prev_path, headers, body)
end

function response(status, hdrs, body)
   local sid = body and body:match('"submissionId":"([^"]+)"')
   local rid = body and body:match('"responseId":(%d+)')
   if status == 201 or status == 200 then
      if sid == nil or rid == nil then
         unparsable = unparsable + 1
         return
      end
      pending[sid] = nil
      if status == 201 then
         created = created + 1
         if ack[sid] == "201" then created_twice = created_twice + 1 end
      else
         retried_ok = retried_ok + 1
         if not body:find('"duplicate":true', 1, true) then not_duplicate = not_duplicate + 1 end
      end
      local first = ack[sid .. "#id"]
      if first == nil then
         acked = acked + 1
         ack[sid .. "#id"] = rid
      elseif first ~= rid then
         id_mismatch = id_mismatch + 1
      end
      if status == 201 then ack[sid] = "201" end
   else
      non2xx = non2xx + 1
      if sid then pending[sid] = nil end
      if printed < 5 then
         printed = printed + 1
         io.write(string.format("NON-2XX thread %d: %d %s\n", tid, status, (body or ""):sub(1, 300)))
      end
   end
end

function done(summary, latency, requests)
   local keys = { "sent_new", "sent_retries", "created", "retried_ok", "non2xx", "created_twice", "id_mismatch",
                  "not_duplicate", "unparsable", "acked" }
   local total = {}
   for _, k in ipairs(keys) do total[k] = 0 end
   local pending_ids = {}
   for _, t in ipairs(threads) do
      for _, k in ipairs(keys) do total[k] = total[k] + (t:get(k) or 0) end
      local p = t:get("pending")
      if p then
         for sid, _ in pairs(p) do pending_ids[#pending_ids + 1] = sid end
      end
   end
   local file = os.getenv("BENCH_PENDING")
   if file then
      local f = io.open(file, "w")
      for _, sid in ipairs(pending_ids) do f:write(sid, "\n") end
      f:close()
   end
   local seconds = summary.duration / 1e6
   -- Machine-readable lines for survey-load.sh (prefix BENCH).
   io.write(string.format("BENCH duration_s=%.3f\n", seconds))
   for _, k in ipairs(keys) do io.write(string.format("BENCH %s=%d\n", k, total[k])) end
   io.write(string.format("BENCH in_flight=%d\n", #pending_ids))
   io.write(string.format("BENCH requests=%d\n", summary.requests))
   io.write(string.format("BENCH socket_errors=%d\n", summary.errors.connect + summary.errors.read
           + summary.errors.write + summary.errors.timeout))
   io.write(string.format("BENCH status_errors=%d\n", summary.errors.status))
   io.write(string.format("BENCH submissions_per_s=%.1f\n", total.created / seconds))
   io.write(string.format("BENCH requests_per_s=%.1f\n", summary.requests / seconds))
   io.write(string.format("BENCH p50_ms=%.2f\n", latency:percentile(50) / 1000))
   io.write(string.format("BENCH p90_ms=%.2f\n", latency:percentile(90) / 1000))
   io.write(string.format("BENCH p99_ms=%.2f\n", latency:percentile(99) / 1000))
   io.write(string.format("BENCH max_ms=%.2f\n", latency.max / 1000))
end
