-- wrk prints 50/75/90/99; this adds one machine-readable line with p95 (microseconds).
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    "BENCH requests=%d p50=%d p95=%d p99=%d socket_errors=%d bad_status=%d\n",
    summary.requests,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    errors.connect + errors.read + errors.write + errors.timeout, errors.status))
end
