-- wrk script: POST /api/v1/licenses/validate, cycling through the seeded tokens (TOKENS file,
-- "token<TAB>clientId" per line), each wrk thread starting at a different offset.
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
end

function init(args)
  entries = {}
  for line in io.lines(os.getenv("TOKENS")) do
    local token, client = line:match("^([^\t]+)\t(.+)$")
    entries[#entries + 1] = '{"token":"' .. token .. '","clientId":"' .. client .. '"}'
  end
  i = offset or 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  i = i + 1
  return wrk.format(nil, "/api/v1/licenses/validate", nil, entries[(i % #entries) + 1])
end
