-- wrk script: POST grant_type=client_credentials with HTTP Basic client auth and a DPoP proof (RFC 9449), a new
-- one per request from the file PROOFS (bench/dpop-proofs.py: wrk cannot sign). CLIENT_ID, CLIENT_SECRET as in cc.lua.
-- A proof used twice is refused: when the file runs out the requests fail and show as errors_status.
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local common = require("common")
local proofs = common.lines(os.getenv("PROOFS"))
local requests = {}
local i = 0

wrk.method = "POST"
wrk.body = "grant_type=client_credentials"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.headers["Authorization"] = common.basic()
wrk.headers["Accept"] = "application/json"

-- every request is formatted before the run: building it while loading would take wrk's CPU from the server's
function init(args)
  for n, proof in ipairs(proofs) do
    wrk.headers["DPoP"] = proof
    requests[n] = wrk.format()
  end
end

function request()
  i = i + 1
  return requests[i]
end

function done(summary, latency, requests)
  common.done(summary, latency, requests)
end
