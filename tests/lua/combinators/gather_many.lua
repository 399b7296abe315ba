-- gather over many children, which the kernel counts (kernel/gather.cpp)
-- and hands back to combinators.lua only for a failure, a cancellation, a
-- child done after the outer future, and the last child: results in
-- argument order whatever the order of completion, the first failure wins
-- while the others run on, return_exceptions keeps every outcome in place,
-- a pending child's repr names gather's callback as CPython does.
local show = require "lib.show"
local p = show.p

local N = 1000
-- Child i finishes after (i * 7919) % N ticks of 1 ms: a scrambled order.
local function delay(i) return (i * 7919 % N) / 1000 end
local function child(i)
  await(asyncio.sleep(delay(i)))
  if i % 250 == 0 then error("child " .. i .. " failed", 0) end
  if i % 333 == 0 then asyncio.current_task():cancel("stop " .. i) await(asyncio.sleep(0)) end
  return i * 2
end
local function plain(i)
  await(asyncio.sleep(delay(i)))
  return i * 2
end

local function spawn_all(fn)
  local ts = {}
  for i = 1, N do ts[i] = asyncio.spawn(fn, i) end
  return ts
end

-- All finish: every result at its place.
local ts = spawn_all(plain)
local rs = await(asyncio.gather(table.unpack(ts, 1, N)))
local ok = rs.n == N
for i = 1, N do ok = ok and rs[i] == 2 * i end
p("plain", ok, rs.n)

-- The first failure in time wins; the others go on to their ends.
ts = spawn_all(child)
local first_fail, first_t = nil, math.huge
for i = 250, N, 250 do
  if delay(i) < first_t then first_fail, first_t = i, delay(i) end
end
local okp, e = pcall(await, asyncio.gather(table.unpack(ts, 1, N)))
p("failure", okp, e, e == ("child " .. first_fail .. " failed"))
await(asyncio.sleep(1.1))
local done = 0
for i = 1, N do if ts[i]:done() then done = done + 1 end end
p("all done after", done)
for i = 1, N do if ts[i]:done() and not ts[i]:cancelled() then ts[i]:exception() end end

-- return_exceptions: every outcome at its place.
ts = spawn_all(child)
local args = { table.unpack(ts, 1, N) }
args[N + 1] = { return_exceptions = true }
rs = await(asyncio.gather(table.unpack(args, 1, N + 1)))
local values, failures, cancels = 0, 0, 0
for i = 1, N do
  local r = rs[i]
  if r == 2 * i then
    values = values + 1
  elseif tostring(r) == "child " .. i .. " failed" then
    failures = failures + 1
  elseif asyncio.CancelledError:is(r) then
    cancels = cancels + 1
  end
end
p("return_exceptions", values, failures, cancels, rs.n)

-- A pending child names gather's callback; given twice it is counted once.
local t = asyncio.spawn(plain, 1)
local g = asyncio.gather(t, t, asyncio.spawn(plain, 2))
p((tostring(t):gsub("coro=<.-> ", "")))
rs = await(g)
p("twice", rs[1], rs[2], rs[3], rs.n)

-- Each child's first result at its place: none (nil), several (the first),
-- a future's; a failure given back after them (return_exceptions) keeps the
-- results before it and after it.
local loop = asyncio.get_running_loop()
local f = loop:create_future()
f:set_result("f")
rs = await(asyncio.gather(
  asyncio.spawn(function() end),
  asyncio.spawn(function() return "a", "b" end),
  f,
  asyncio.spawn(function() error("x", 0) end),
  asyncio.spawn(function() return 5 end),
  { return_exceptions = true }))
p("firsts", rs[1], rs[2], rs[3], rs[4], rs[5], rs.n)
