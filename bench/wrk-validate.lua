-- POSTs /api/v1/licenses/validate, cycling through the license tokens in TOKENS_FILE.
dofile(os.getenv("BENCH_DIR") .. "/wrk-report.lua")

local tokens = {}
for line in io.lines(os.getenv("TOKENS_FILE")) do
  tokens[#tokens + 1] = line
end
local next_token = math.random(#tokens)

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function request()
  next_token = next_token % #tokens + 1
  return wrk.format(nil, "/api/v1/licenses/validate", nil, '{"token":"' .. tokens[next_token] .. '"}')
end
