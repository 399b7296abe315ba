-- gather of tasks made one after another (the common gather of a list of
-- tasks, whose results the kernel records as each child finishes, in C),
-- beside the same tasks given otherwise: results in argument order whatever
-- the order of completion, a child that returns nothing, a child already
-- done, two gathers over the same children, a failure under
-- return_exceptions, a child cancelled.
-- Reference: reference/gather_in_a_row.py
local p = require("lib.show").p

local child = async(function(i, delay, value)
  await(asyncio.sleep(delay))
  return value
end)

local function show(label, results)
  local parts = { label }
  for i = 1, results.n do parts[#parts + 1] = tostring(results[i]) end
  p(table.unpack(parts))
end

local function reversed(ts)
  local r = {}
  for i = #ts, 1, -1 do r[#r + 1] = ts[i] end
  return r
end

local main = async(function()
  -- in a row, finishing in reverse order; the third returns nothing
  local ts = {}
  for i = 1, 5 do ts[i] = asyncio.create_task(child(i, (5 - i) / 100, i ~= 3 and i * 10 or nil)) end
  show("in a row:", await(asyncio.gather(table.unpack(ts))))

  -- the same tasks, done already, gathered again (and backwards)
  show("again:", await(asyncio.gather(table.unpack(ts))))
  show("backwards:", await(asyncio.gather(table.unpack(reversed(ts)))))

  -- two gathers over the same children while they run
  ts = {}
  for i = 1, 3 do ts[i] = asyncio.create_task(child(i, i / 100, i)) end
  local g1 = asyncio.gather(table.unpack(ts))
  local g2 = asyncio.gather(table.unpack(ts))
  show("first of two:", await(g1))
  show("second of two:", await(g2))

  -- one child done before the gather, the others in a row
  ts = {}
  for i = 1, 3 do ts[i] = asyncio.create_task(child(i, i == 1 and 0 or 0.02, i)) end
  await(asyncio.sleep(0.01))
  show("one done first:", await(asyncio.gather(table.unpack(ts))))

  -- a failure, return_exceptions
  local bad = async(function()
    await(asyncio.sleep(0.01))
    error(asyncio.ValueError("bad child"))
  end)
  ts = { asyncio.create_task(child(1, 0.02, 1)), asyncio.create_task(bad()), asyncio.create_task(child(3, 0, 3)) }
  show("return_exceptions:", await(asyncio.gather(ts[1], ts[2], ts[3], { return_exceptions = true })))

  -- a child cancelled, return_exceptions
  ts = {}
  for i = 1, 3 do ts[i] = asyncio.create_task(child(i, 0.05, i)) end
  await(asyncio.sleep(0))
  ts[2]:cancel()
  show("cancelled child:", await(asyncio.gather(ts[1], ts[2], ts[3], { return_exceptions = true })))

  -- the results are a new list each time
  ts = {}
  for i = 1, 2 do ts[i] = asyncio.create_task(child(i, 0, i)) end
  local r1 = await(asyncio.gather(table.unpack(ts)))
  r1[1] = "changed"
  show("a fresh list:", await(asyncio.gather(table.unpack(ts))))

  -- (Lua only, not printed) a child that returns several values gives its
  -- first; spawn's tasks in a row, some of them named after they were made
  local several = async(function(i)
    await(asyncio.sleep(0))
    return i, "more"
  end)
  ts = { asyncio.create_task(child(1, 0, 1)), asyncio.create_task(several(2)), asyncio.create_task(child(3, 0, 3)) }
  local r = await(asyncio.gather(table.unpack(ts)))
  assert(r.n == 3 and r[1] == 1 and r[2] == 2 and r[3] == 3, "several results: the first")
  local function twice(i) await(asyncio.sleep(0)) return i * 2 end
  ts = {}
  for i = 1, 6 do ts[i] = asyncio.spawn(twice, i) end
  ts[4]:set_name("named")
  r = await(asyncio.gather(table.unpack(ts)))
  for i = 1, 6 do assert(r[i] == i * 2, "spawn's tasks in a row: result " .. i) end
end)

asyncio.run(main())
