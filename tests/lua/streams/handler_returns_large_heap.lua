-- clock: real
-- run: serial
-- A handler that returns without closing its writer, over a large heap:
-- the writer closes its connection when a full collection finds it
-- (kernel/collect_soon.cpp), which CPython does at its last reference. With
-- nothing else to do, the loop collects at once instead of waiting: a
-- client that connects again and again waits about one collection for each
-- end (a collection was once rationed to a tenth of the time, busy or not:
-- ~55 ms a connection over a 14 MB heap, where CPython takes ~1 ms). And a
-- program that then sleeps does not collect again: one collection a request.
-- Reference: reference/handler_returns_large_heap.py
local function check(what, ok, detail)
  if not ok then error(what .. (detail and (": " .. detail) or ""), 0) end
end

-- ~20 MB of live tables.
local keep = {}
for i = 1, 20 * 1024 * 1024 // 64 do keep[i] = {} end
-- What one full collection costs here (the best of three).
local cost = math.huge
for _ = 1, 3 do
  local t0 = time.monotonic()
  collectgarbage()
  cost = math.min(cost, time.monotonic() - t0)
end

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
local N = 30
local t0 = time.monotonic()
for _ = 1, N do
  local r, w = await(asyncio.open_connection("127.0.0.1", port))
  check("each client reads to the end", await(r:read()) == "hi")
  w:close()
end
local took = time.monotonic() - t0
print(N .. " connections, each read to its end")
-- About one collection each, and the connections' own work; a loop that
-- waited for a tenth-of-the-time pace took more than 10 collections each.
check("30 sequential connections over a 20 MB heap take about a collection each", took < N * 4 * cost,
  ("%.3f s, %.1f ms each, a collection %.1f ms"):format(took, took / N * 1000, cost * 1000))

-- The last handler's end asks for a collection; a program that sleeps
-- meanwhile sees it once, and then no other while it sleeps.
local r, w = await(asyncio.open_connection("127.0.0.1", port))
check("the last client reads to the end", await(r:read()) == "hi")
w:close()
local before, c0 = collections, os.clock()
await(asyncio.sleep(0.3))
check("a sleeping program collects once, not again and again", collections - before <= 1,
  (collections - before) .. " collections")
check("and spends no time meanwhile", os.clock() - c0 < 0.15 + 2 * cost, ("%.3f s"):format(os.clock() - c0))
srv:close()
await(srv:wait_closed())
print("closed")
check("the heap is still there", #keep == 20 * 1024 * 1024 // 64)
