-- wrk script: POST /api/v1/licenses/validate, cycling through the seeded tokens (TOKENS file,
-- "token<TAB>clientId" per line), each wrk thread starting at a different offset. Every request is
-- formatted once in init, so that wrk, which shares the 2 cores with the server, does about as little
-- per request as in its plain /q/health/live run.
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
    local token, client = line:match("^([^\t]+)\t(.+)$")
    local body = '{"token":"' .. token .. '","clientId":"' .. client .. '"}'
    requests[#requests + 1] = wrk.format(nil, "/api/v1/licenses/validate", nil, body)
  end
  i = offset or 0
end

function request()
  i = i + 1
  return requests[(i % #requests) + 1]
end
