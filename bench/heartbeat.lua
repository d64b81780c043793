-- wrk script: POST /api/v1/licenses/heartbeat, cycling through the seeded tokens (TOKENS file,
-- "token<TAB>clientId" per line), each wrk thread starting at a different offset; every request is
-- formatted once in init (as bench/validate.lua).
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
end

function init(args)
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
  requests = {}
  for line in io.lines(os.getenv("TOKENS")) do
    local token = line:match("^([^\t]+)\t")
    requests[#requests + 1] = wrk.format(nil, "/api/v1/licenses/heartbeat", nil, '{"token":"' .. token .. '"}')
  end
  i = offset or 0
end

function request()
  i = i + 1
  return requests[(i % #requests) + 1]
end
