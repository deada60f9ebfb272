-- Shared by the wrk scripts of bench/http (loaded with require; run.sh sets
-- LUA_PATH). Every request is a DynamoDB JSON POST with the headers an SDK
-- sends (the Authorization header is well formed but not signed: neither
-- lmddb-server nor dynalite verifies signatures). Each wrk thread counts
-- answers that are not 200, and answers whose body lacks what the script
-- expects; done() prints one machine-readable line that run.sh parses:
--
--   WRKRESULT requests=N duration_us=N rps=X p50_us=N p99_us=N non200=N
--             bad_body=N socket_errors=N
local common = {}

common.payload = string.rep("x", 1000)  -- must match load.py

local headers = {
  ["Content-Type"] = "application/x-amz-json-1.0",
  ["X-Amz-Date"] = "20260101T000000Z",
  ["Authorization"] = "AWS4-HMAC-SHA256 Credential=bench/20260101/us-east-1/dynamodb/aws4_request, "
    .. "SignedHeaders=content-type;host;x-amz-date;x-amz-target, Signature=0",
}

-- One complete HTTP request for `operation` with JSON `body`.
function common.request(operation, body)
  headers["X-Amz-Target"] = "DynamoDB_20120810." .. operation
  return wrk.format("POST", "/", headers, body)
end

-- Installs setup/init/response/done as globals. `make_request()` builds
-- the next request; `expect` (optional) is a plain substring every 200
-- answer must contain.
function common.install(make_request, expect)
  local threads = {}
  local next_id = 0

  setup = function(thread)
    thread:set("id", next_id)
    next_id = next_id + 1
    table.insert(threads, thread)
  end

  init = function(args)
    common.args = args
    non200 = 0
    bad_body = 0
    math.randomseed(os.time() * 1000 + (id or 0))
  end

  request = make_request

  response = function(status, headers, body)
    if status ~= 200 then
      non200 = non200 + 1
    elseif expect ~= nil and not string.find(body, expect, 1, true) then
      bad_body = bad_body + 1
    end
  end

  done = function(summary, latency, requests)
    local n200, nbad = 0, 0
    for _, thread in ipairs(threads) do
      n200 = n200 + (thread:get("non200") or 0)
      nbad = nbad + (thread:get("bad_body") or 0)
    end
    local e = summary.errors
    local socket_errors = e.connect + e.read + e.write + e.timeout
    local seconds = summary.duration / 1e6
    io.write(string.format(
      "WRKRESULT requests=%d duration_us=%d rps=%.1f p50_us=%d p99_us=%d non200=%d bad_body=%d socket_errors=%d\n",
      summary.requests, summary.duration, summary.requests / seconds,
      latency:percentile(50), latency:percentile(99), n200, nbad, socket_errors))
  end
end

return common
