-- wrk script: POST /api/v1/licenses/validate once for every seeded token (TOKENS file, "token<TAB>clientId"
-- per line): thread k of WRK_THREADS takes lines k, k + n, ... and stops once all of them are answered.
-- Answers other than 200 with "code":"VALID" are counted and printed at the end.
local threads = {}
local count = 0

function setup(thread)
  thread:set("id", count)
  count = count + 1
  table.insert(threads, thread)
end

function init(args)
  local n = tonumber(os.getenv("WRK_THREADS"))
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  requests = {}
  local line_no = 0
  for line in io.lines(os.getenv("TOKENS")) do
    if line_no % n == id then
      local token, client = line:match("^([^\t]+)\t(.+)$")
      local body = '{"token":"' .. token .. '","clientId":"' .. client .. '"}'
      requests[#requests + 1] = wrk.format(nil, "/api/v1/licenses/validate", nil, body)
    end
    line_no = line_no + 1
  end
  sent = 0
  answered = 0
  refused = 0
end

function request()
  sent = sent + 1
  return requests[math.min(sent, #requests)]
end

function response(status, headers, body)
  answered = answered + 1
  if status ~= 200 or not body:find('"code":"VALID"', 1, true) then
    refused = refused + 1
  end
  if answered >= #requests then
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local total = 0
  for _, thread in ipairs(threads) do
    total = total + thread:get("refused")
  end
  io.write(string.format("not VALID: %d\n", total))
end
