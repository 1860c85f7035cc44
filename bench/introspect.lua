-- Introspection of one live access token by the client it was issued to.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local common = require("common")

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = common.basic()
wrk.body = "token=" .. os.getenv("TOKEN")

function done(summary, latency, requests)
  common.done(summary, latency, requests)
end
