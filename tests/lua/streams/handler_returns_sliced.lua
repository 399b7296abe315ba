-- clock: real
-- run: serial
-- A handler that returns without closing its writer asks for a collection
-- (kernel/collect_soon.cpp), which the loop runs when it has nothing else to
-- do -- in slices of about a millisecond, with a look at I/O between them:
-- what arrives meanwhile is served within about a slice, not after the
-- whole collection (over a 500 MB heap, ~100 ms of processor time). Here a
-- worker thread's result arrives while the collection runs, and is taken
-- before the collection ends.
local function check(what, ok, detail)
  if not ok then error(what .. (detail and (": " .. detail) or ""), 0) end
end

-- ~150 MB of live tables, in groups (a table is traversed in one go).
local keep = {}
for i = 1, 150 * 1024 * 1024 // 64 // 1000 do
  local g = {}
  for j = 1, 1000 do g[j] = {} end
  keep[i] = g
end
-- What one full collection costs here in processor time (the best of two).
local cost = math.huge
for _ = 1, 2 do
  local c0 = os.clock()
  collectgarbage()
  cost = math.min(cost, os.clock() - c0)
end

-- Cycles counted by a sentinel that nothing holds, made again by its own
-- finalizer.
local cycles = 0
local function sentinel()
  setmetatable({}, { __gc = function()
    cycles = cycles + 1
    sentinel()
  end })
end
sentinel()

local function work() -- a worker's job: a millisecond of its processor time
  local c0 = os.clock()
  while os.clock() - c0 < 0.001 do end
  return true
end
local srv = await(asyncio.start_server(function(_, w) w:write("hi") end, "127.0.0.1", 0))
local _, port = srv.sockets[1]:getsockname()
-- A first connection to its end: the worker pool started, and the busy
-- loop's pace set (a tenth of the time) by one collection.
await(asyncio.to_thread(work))
do
  local r, w = await(asyncio.open_connection("127.0.0.1", port))
  check("the first client reads to the end", await(r:read()) == "hi")
  w:close()
end

local r, w = await(asyncio.open_connection("127.0.0.1", port))
check("the client reads its answer", await(r:read(2)) == "hi")
-- The handler returned; the client waits for the end of its connection,
-- and the loop, with nothing to do, collects.
local events = {}
local c0 = cycles
local ended = asyncio.spawn(function()
  check("the client reads to the end", await(r:read()) == "")
  events[#events + 1] = "end of the connection"
  w:close()
end)
local job = asyncio.to_thread(work)
await(job)
local under_way = cycles == c0
events[#events + 1] = ("the worker's result (%s)"):format(under_way and "the collection under way" or
  "after the collection")
await(ended)
print(table.concat(events, "; "))
check("the worker's result was taken while the collection ran", under_way and events[1]:match("worker") ~= nil,
  ("a full collection: %.1f ms"):format(cost * 1000))
srv:close()
await(srv:wait_closed())
check("the heap is still there", #keep == 150 * 1024 * 1024 // 64 // 1000)
