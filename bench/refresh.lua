-- Refresh-token rotation: every request spends one refresh token and puts the new one back in the pool.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local common = require("common")
local pool = {}

function init(args)
  pool = common.lines(os.getenv("REFRESH_FILE"))
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = common.basic()

function request()
  local token = table.remove(pool, 1) or "exhausted"
  return wrk.format(nil, nil, nil, "grant_type=refresh_token&refresh_token=" .. token)
end

function response(status, headers, body)
  local token = body:match('"refresh_token":"([^"]+)"')
  if token then pool[#pool + 1] = token end
end

function done(summary, latency, requests)
  common.done(summary, latency, requests)
end
