-- GetItem of a random key among the N pre-loaded items of table bench_get
-- (pk "user#<0..N-1>", ~1 KiB each). Usage: wrk ... -s get_item.lua URL -- N
local common = require("common")

local items = 10000

common.install(function()
  local key = math.random(0, items - 1)
  return common.request("GetItem",
    '{"TableName":"bench_get","Key":{"pk":{"S":"user#' .. key .. '"}}}')
end, '"Item"')

local base_init = init
init = function(args)
  base_init(args)
  items = tonumber(args[1]) or items
end
