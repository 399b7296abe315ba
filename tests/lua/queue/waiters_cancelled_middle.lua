-- Getters and putters of a Queue cancelled from the middle of its line, the
-- newest and the oldest leave, and the others are served in the order they
-- came, as in CPython 3.13; a waiter woken and then cancelled passes its
-- turn on. Part 4 cancels enough from the middle that the runs of waiters
-- compact (queue_core.cpp). What leaving costs: waiters_cancelled_cost.lua.
-- Reference: reference/waiters_cancelled_middle.py

local p = require("lib.show").p

-- "1..148/3,154..": the numbers in the order given, each run of a constant
-- step as first..last/step (/1 left out), a lone one as itself.
local function runs(xs)
  local out = {}
  for _, x in ipairs(xs) do
    local r = out[#out]
    if r and (#r == 1 or r[#r] - r[#r - 1] == x - r[#r]) then
      r[#r + 1] = x
    else
      out[#out + 1] = { x }
    end
  end
  local parts = {}
  for _, r in ipairs(out) do
    if #r <= 2 then
      for _, x in ipairs(r) do parts[#parts + 1] = tostring(x) end
    else
      local step = r[2] - r[1]
      parts[#parts + 1] = r[1] .. ".." .. r[#r] .. (step == 1 and "" or "/" .. step)
    end
  end
  return table.concat(parts, ",")
end

local function gather_all(ts)
  local list = {}
  for _, t in pairs(ts) do list[#list + 1] = t end
  list[#list + 1] = { return_exceptions = true }
  await(asyncio.gather(table.unpack(list)))
end

-- 1. Getters cancelled from the middle, the newest and the oldest leave
--    (the repr counts a cancelled one until its task runs); the others
--    keep their order, and newcomers queue behind them
local q = asyncio.Queue()
local got = {}
local function getter(name)
  local ok, e = pcall(function()
    local v = await(q:get())
    got[#got + 1] = name .. "=" .. v
  end)
  if not ok then
    if asyncio.CancelledError:is(e) then p("1", name, "cancelled") end
    error(e, 0)
  end
end
local gs = {}
for i = 1, 8 do gs[i] = asyncio.spawn(getter, "g" .. i) end
await(asyncio.sleep(0))
for _, i in ipairs { 2, 4, 5, 7 } do gs[i]:cancel() end
p("1", q)
await(asyncio.sleep(0))
p("1", q)
for _, i in ipairs { 9, 10 } do gs[i] = asyncio.spawn(getter, "g" .. i) end
await(asyncio.sleep(0))
gs[8]:cancel()
gs[1]:cancel()
gs[9]:cancel()
await(asyncio.sleep(0))
p("1", q)
for _, v in ipairs { "a", "b", "c", "d" } do q:put_nowait(v) end
gather_all(gs)
p("1", table.concat(got, " "), q)

-- 2. A getter woken by a put and cancelled before it runs passes the item
--    on to the next one still waiting; one cancelled in the middle
--    meanwhile is passed over
q = asyncio.Queue()
got = {}
gs = {}
for i = 1, 5 do gs[i] = asyncio.spawn(getter, "w" .. i) end
await(asyncio.sleep(0))
q:put_nowait("x")
gs[1]:cancel()
gs[3]:cancel()
await(asyncio.sleep(0))
await(asyncio.sleep(0))
p("2", table.concat(got, " "), q)
q:put_nowait("y")
q:put_nowait("z")
gather_all(gs)
p("2", table.concat(got, " "), q)

-- 3. Putters of a full queue: the same, and a putter woken by a get and
--    cancelled before it runs passes the room on
q = asyncio.Queue(1)
q:put_nowait("p0")
local function putter(name)
  local ok, e = pcall(function() await(q:put(name)) end)
  if not ok then
    if asyncio.CancelledError:is(e) then p("3", name, "cancelled") end
    error(e, 0)
  end
end
local ps = {}
for i = 1, 8 do ps[i] = asyncio.spawn(putter, "p" .. i) end
await(asyncio.sleep(0))
for _, i in ipairs { 3, 6, 8, 1 } do ps[i]:cancel() end
p("3", q)
await(asyncio.sleep(0))
p("3", q)
local out = { q:get_nowait() }
ps[2]:cancel() -- p2: woken by that get, cancelled before it ran
await(asyncio.sleep(0))
await(asyncio.sleep(0))
p("3", q)
while #out < 4 do out[#out + 1] = await(q:get()) end
gather_all(ps)
p("3", table.concat(out, " "), q)

-- 4. Many getters and putters, most cancelled from the middle, in rounds
--    between puts (gets) and newcomers: the survivors are served in the
--    order they came
for _, kind in ipairs { "getters", "putters" } do
  q = asyncio.Queue(kind == "getters" and 0 or 1)
  if kind == "putters" then q:put_nowait(0) end
  local served = {}
  local function waiter(i)
    if kind == "getters" then
      await(q:get())
    else
      await(q:put(i))
    end
    served[#served + 1] = i
  end
  local ts = {}
  local function spawn(lo, hi)
    for i = lo, hi do ts[i] = asyncio.spawn(waiter, i) end
  end
  local function serve(k)
    for _ = 1, k do
      if kind == "getters" then
        q:put_nowait(0)
      else
        await(q:get())
      end
    end
    await(asyncio.sleep(0))
  end
  spawn(1, 600)
  await(asyncio.sleep(0))
  for i = 2, 599 do
    if i % 3 ~= 1 then ts[i]:cancel() end
  end
  await(asyncio.sleep(0))
  serve(50)
  spawn(601, 800)
  await(asyncio.sleep(0))
  local again = {}
  for i = 700, 760 do again[#again + 1] = i end
  for i = 300, 418, 2 do again[#again + 1] = i end
  again[#again + 1] = 800
  again[#again + 1] = 151
  for _, i in ipairs(again) do ts[i]:cancel() end
  await(asyncio.sleep(0))
  serve(100)
  for i = 601, 699, 4 do ts[i]:cancel() end
  spawn(801, 820)
  await(asyncio.sleep(0))
  local left = 0
  for _, t in pairs(ts) do
    if not t:done() then left = left + 1 end
  end
  serve(left)
  gather_all(ts)
  p("4", kind, #served, "served:", runs(served))
  p("4", kind, q)
end

