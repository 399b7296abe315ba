-- clock: real
-- run: serial
-- Handlers that return without closing their writers, over a large heap,
-- while another task keeps the loop busy: the full collections that close
-- those connections (kernel/collect_soon.cpp) take about a tenth of the
-- time, not one a turn, so the busy task keeps most of it. (A loop with
-- nothing to do collects at once: handler_returns_large_heap.)
local function check(what, ok, detail)
  if not ok then error(what .. (detail and (": " .. detail) or ""), 0) end
end

-- ~20 MB of live tables.
local keep = {}
for i = 1, 20 * 1024 * 1024 // 64 do keep[i] = {} end
-- What one full collection costs here in processor time, as the loop
-- counts it (the best of three).
local function collection_cost()
  local cost = math.huge
  for _ = 1, 3 do
    local c0 = os.clock()
    collectgarbage()
    cost = math.min(cost, os.clock() - c0)
  end
  return cost
end
local cost = collection_cost()

-- Full collections counted by a sentinel that nothing holds, made again by
-- its own finalizer.
local collections = 0
local function sentinel()
  setmetatable({}, { __gc = function()
    collections = collections + 1
    sentinel()
  end })
end
sentinel()

local srv = await(asyncio.start_server(function(_, w) w:write("hi") end, "127.0.0.1", 0))
local _, port = srv.sockets[1]:getsockname()
local stop = false
local connections, rounds = 0, 0
-- The busy task: always ready again.
local busy = asyncio.spawn(function()
  while not stop do
    local x = 0
    for j = 1, 10000 do x = x + j end
    rounds = rounds + 1
    await(asyncio.sleep(0))
  end
end)
-- Its pace alone.
local t0 = time.monotonic()
await(asyncio.sleep(0.3))
local alone = rounds / (time.monotonic() - t0)

-- And with clients that connect again and again.
local tasks = { busy }
for i = 1, 10 do
  tasks[i + 1] = asyncio.spawn(function()
    while not stop do
      local r, w = await(asyncio.open_connection("127.0.0.1", port))
      check("each client reads to the end", await(r:read()) == "hi")
      w:close()
      connections = connections + 1
    end
  end)
end
local c0, r0 = collections, rounds
t0 = time.monotonic()
await(asyncio.sleep(1))
stop = true
local wall = time.monotonic() - t0
local n, shared = collections - c0, (rounds - r0) / wall
await(asyncio.gather(table.unpack(tasks)))
srv:close()
await(srv:wait_closed())
cost = math.min(cost, collection_cost())

local detail = ("%d collections of %.1f ms in %.2f s, %d connections; the busy task's rounds a second: %.0f alone, %.0f " ..
  "with them"):format(n, cost * 1000, wall, connections, alone, shared)
check("connections end while the loop is busy", connections >= 10, detail)
-- At a tenth of the time, wall / (10 * cost) at most (twice that: the cost
-- of a collection varies); one each turn would be several times more, and
-- would leave the busy task a small part of its pace.
check("the collections take about a tenth of the time", n <= 2 * wall / (10 * cost) + 2, detail)
check("the busy task keeps most of its pace", shared >= alone / 3, detail)
check("the heap is still there", #keep == 20 * 1024 * 1024 // 64)
