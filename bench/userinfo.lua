-- GET /oauth2/userinfo with one live access token (openid profile email) as a bearer token.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local common = require("common")

wrk.headers["Authorization"] = "Bearer " .. os.getenv("TOKEN")

function done(summary, latency, requests)
  common.done(summary, latency, requests)
end
