-- wrk script: POST /api/v1/auth/login with the right password, spread over the users in USERS
-- ("email<TAB>password" per line): every request costs one Argon2id hash (a login storm).
local counter = 0

function setup(thread)
  counter = counter + 1
  thread:set("thread_id", counter)
end

function init(args)
  users = {}
  for line in io.lines(os.getenv("USERS")) do
    local email, password = line:match("^([^\t]+)\t(.+)$")
    users[#users + 1] = string.format('{"email":"%s","password":"%s"}', email, password)
  end
  n = 0
  wrk.method = "POST"
  wrk.headers["Content-Type"] = "application/json"
end

function request()
  n = n + 1
  return wrk.format(nil, "/api/v1/auth/login", nil, users[((n * 3 + thread_id) % #users) + 1])
end
