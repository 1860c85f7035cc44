-- wrk script: POST a token exchange (RFC 8693) of the user's access token TOKEN, with HTTP Basic client auth
-- (CLIENT_ID, CLIENT_SECRET: a backend allowed the grant).
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local common = require("common")

wrk.method = "POST"
wrk.body = "grant_type=urn%3Aietf%3Aparams%3Aoauth%3Agrant-type%3Atoken-exchange&subject_token=" .. os.getenv("TOKEN")
  .. "&subject_token_type=urn%3Aietf%3Aparams%3Aoauth%3Atoken-type%3Aaccess_token"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = common.basic()
wrk.headers["Accept"] = "application/json"

function done(summary, latency, requests)
  common.done(summary, latency, requests)
end
