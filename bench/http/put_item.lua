-- PutItem of a ~1 KiB item under a random key (one of 2^31, so almost every
-- put creates an item) into table bench_put. Usage: wrk ... -s put_item.lua URL
local common = require("common")

local tail = '"},"payload":{"S":"' .. common.payload ..
  '"},"version":{"N":"1"},"active":{"BOOL":true}}}'

common.install(function()
  local key = math.random(0, 2147483646)
  return common.request("PutItem",
    '{"TableName":"bench_put","Item":{"pk":{"S":"user#' .. key .. tail)
end, nil)
