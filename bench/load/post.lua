-- wrk script: POST the bodies named in BODIES (comma-separated files),
-- one after another, as application/json.
local bodies = {}
for name in string.gmatch(os.getenv("BODIES"), "[^,]+") do
  local f = assert(io.open(name, "rb"))
  bodies[#bodies + 1] = f:read("*a")
  f:close()
end
local i = 0
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
request = function()
  i = i % #bodies + 1
  return wrk.format(nil, "/api/check", nil, bodies[i])
end
-- Count answers by status, so "0 errors for well-formed requests" is read,
-- not assumed.
local statuses = {}
response = function(status)
  statuses[status] = (statuses[status] or 0) + 1
end
done = function(summary, latency, requests)
  io.write(string.format("p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
