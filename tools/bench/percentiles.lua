-- wrk prints p50/p75/p90/p99; the targets are stated at p95 too. Optional pacing: WRK_DELAY_MS
-- (milliseconds each connection waits between its requests) for a fixed, modest request rate.
local delay_ms = tonumber(os.getenv("WRK_DELAY_MS") or "0")

function delay()
  return delay_ms
end

function done(summary, latency, requests)
  io.write(string.format("   p50 %.1f ms  p95 %.1f ms  p99 %.1f ms  max %.1f ms  (%d requests, %d errors)\n",
    latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
