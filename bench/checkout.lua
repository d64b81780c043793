-- wrk script: POST /api/v1/licenses/{id}/checkout with the license's own token as bearer, cycling through
-- the seeded licenses (LICENSES file, "licenseId<TAB>token" per line); QUERY is appended (e.g. "?encrypt=true").
-- Every request is formatted once in init.
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("offset", counter * 7919)
end

function init(args)
  wrk.method = "POST"
  requests = {}
  local query = os.getenv("QUERY") or ""
  for line in io.lines(os.getenv("LICENSES")) do
    local id, token = line:match("^([^\t]+)\t(.+)$")
    requests[#requests + 1] = wrk.format(nil, "/api/v1/licenses/" .. id .. "/checkout" .. query,
      { ["Authorization"] = "Bearer " .. token }, nil)
  end
  i = offset or 0
end

function request()
  i = i + 1
  return requests[(i % #requests) + 1]
end
