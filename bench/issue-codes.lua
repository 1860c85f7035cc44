-- Issues authorization codes through the real authorization endpoint: a logged-in browser (SESSION cookie)
-- whose consent covers the request gets a 302 with a code; each code is appended to CODES_FILE.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local common = require("common")
local file

function setup(thread) end

function init(args)
  file = io.open(os.getenv("CODES_FILE"), "a")
end

wrk.method = "GET"
wrk.path = os.getenv("AUTHORIZE_PATH")
wrk.headers["Cookie"] = "latchkey_session=" .. os.getenv("SESSION")

function response(status, headers, body)
  local location = headers["Location"] or headers["location"]
  if location then
    local code = location:match("[?&]code=([^&]+)")
    if code then file:write(code, "\n") end
  end
end

function done(summary, latency, requests)
  common.done(summary, latency, requests)
end
