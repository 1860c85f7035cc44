-- Redeems each pre-issued code once (authorization_code + PKCE), HTTP Basic client authentication.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local common = require("common")
local codes, next_code = {}, 1
local prefix

function init(args)
  codes = common.lines(os.getenv("CODES_FILE"))
  prefix = "grant_type=authorization_code&redirect_uri=" .. os.getenv("REDIRECT_URI_ENC")
    .. "&code_verifier=" .. os.getenv("VERIFIER") .. "&code="
end

wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = common.basic()

function request()
  local code = codes[next_code] or "exhausted"
  next_code = next_code + 1
  return wrk.format(nil, nil, nil, prefix .. code)
end

function done(summary, latency, requests)
  common.done(summary, latency, requests)
end
