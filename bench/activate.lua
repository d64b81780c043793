-- wrk script: POST /api/v1/licenses/activate for new client ids, spread over the users in USERS
-- ("email<TAB>password" per line): each request creates a license (a full activation transaction).
-- With LOGIN=1: POST /api/v1/auth/login with the right password instead (a login storm: one Argon2id
-- hash per request).
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

function init(args)
  users = {}
  for line in io.lines(os.getenv("USERS")) do
    local email, password = line:match("^([^\t]+)\t(.+)$")
    users[#users + 1] = { email = email, password = password }
  end
  n = 0
  run = os.getenv("RUN") or "run"
  login = os.getenv("LOGIN") == "1"
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  n = n + 1
  local user = users[((n * 2 + thread_id) % #users) + 1]
  if login then
    local body = string.format('{"email":"%s","password":"%s"}', user.email, user.password)
    return wrk.format(nil, "/api/v1/auth/login", nil, body)
  end
  local body = string.format('{"email":"%s","password":"%s","clientId":"act-%s-%d-%d"}',
    user.email, user.password, run, thread_id, n)
  return wrk.format(nil, "/api/v1/licenses/activate", nil, body)
end
