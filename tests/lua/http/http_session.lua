-- A Session reuses its connections: requests one after another go over one
-- connection, and 100 concurrent requests through Session{limit = 4} use at
-- most 4 (the server counts the client ports it saw).
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check
local http = asyncio.http
local server = require("lib.http_server").start()

local function connections_seen(s)
  return tonumber(await((await(s:get("/connections"))):text()))
end

do
  local s <close> = http.Session { base_url = server.base }
  connections_seen(s)
  for _ = 1, 10 do await((await(s:get("/hello"))):text()) end
  eq("ten requests in a row, one connection", connections_seen(s), 1)
end

do
  local s <close> = http.Session { base_url = server.base, limit = 4 }
  connections_seen(s)
  local get = async(function(i)
    local r = await(s:get("/echo", { params = { i = i } }))
    return (await(r:json())).query
  end)
  local jobs = {}
  for i = 1, 100 do jobs[i] = get(i) end
  local queries = await(asyncio.gather(table.unpack(jobs)))
  eq("100 answers, each its own", queries[1] .. " " .. queries[100], "i=1 i=100")
  local seen = connections_seen(s)
  check("at most 4 connections", seen >= 1 and seen <= 4, seen)
end

server.stop()
cli.finish()
