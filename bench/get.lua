-- A plain GET (JWKS, metadata).
package.path = os.getenv("BENCH_DIR") .. "/?.lua;" .. package.path
local common = require("common")

function done(summary, latency, requests)
  common.done(summary, latency, requests)
end
