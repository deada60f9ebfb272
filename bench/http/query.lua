-- Query of the whole partition "part#0" of table bench_query: 100 items of
-- ~1 KiB, one page (~100 KiB), checked to hold all 100.
-- Usage: wrk ... -s query.lua URL
local common = require("common")

local body = '{"TableName":"bench_query","KeyConditionExpression":"pk = :p",' ..
  '"ExpressionAttributeValues":{":p":{"S":"part#0"}}}'
local req = nil

common.install(function()
  if req == nil then req = common.request("Query", body) end
  return req
end, '"Count":100')
