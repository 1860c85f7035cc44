-- Shared by the bench scripts: Basic auth, the RESULT line every script prints.
local M = {}

local b64chars = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/'
function M.b64(data)
  return ((data:gsub('.', function(x)
    local r, b = '', x:byte()
    for i = 8, 1, -1 do r = r .. (b % 2 ^ i - b % 2 ^ (i - 1) > 0 and '1' or '0') end
    return r
  end) .. '0000'):gsub('%d%d%d?%d?%d?%d?', function(x)
    if #x < 6 then return '' end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == '1' and 2 ^ (6 - i) or 0) end
    return b64chars:sub(c + 1, c + 1)
  end) .. ({ '', '==', '=' })[#data % 3 + 1])
end

function M.basic()
  return "Basic " .. M.b64(os.getenv("CLIENT_ID") .. ":" .. os.getenv("CLIENT_SECRET"))
end

function M.lines(path)
  local out = {}
  local f = io.open(path, "r")
  if f then
    for line in f:lines() do out[#out + 1] = line end
    f:close()
  end
  return out
end

function M.done(summary, latency, requests)
  io.write(string.format("RESULT rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f requests=%d errors_connect=%d errors_read=%d errors_status=%d errors_timeout=%d\n",
    summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, summary.errors.connect, summary.errors.read, summary.errors.status, summary.errors.timeout))
end

return M
