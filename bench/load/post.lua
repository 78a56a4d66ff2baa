-- wrk script: POST the bodies named in BODIES (comma-separated files),
-- one after another, as application/json, to TARGET_PATH (default
-- /api/check); at the end, print latency
-- percentiles and how many answers had each status, so "0 errors for
-- well-formed requests" is read, not assumed.
local bodies = {}
for name in string.gmatch(os.getenv("BODIES"), "[^,]+") do
  local f = assert(io.open(name, "rb"))
  bodies[#bodies + 1] = f:read("*a")
  f:close()
end

local threads = {}
function setup(thread)
  table.insert(threads, thread)
end

local i = 0
statuses = {}
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

function request()
  i = i % #bodies + 1
  return wrk.format(nil, os.getenv("TARGET_PATH") or "/api/check", nil, bodies[i])
end

function response(status)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for status, n in pairs(t:get("statuses")) do
      total[status] = (total[status] or 0) + n
    end
  end
  local parts = {}
  for status, n in pairs(total) do
    parts[#parts + 1] = string.format("%d: %d", status, n)
  end
  table.sort(parts)
  io.write(string.format("latency p50 %.2f ms, p99 %.2f ms, max %.2f ms; %.0f requests/s; statuses %s; socket errors %d\n",
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests / (summary.duration / 1e6), table.concat(parts, ", "),
    summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
