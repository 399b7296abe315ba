-- Event: set() wakes every waiter in FIFO order, wait() on a set event does
-- not yield, clear(), set-then-clear before the waiters run, and cancelled
-- waiters (before and after the wake-up).
-- Reference: reference/sync_event.py

local p = require("lib.show").p

local main = async(function()
  local ev = asyncio.Event()
  p("1 is_set", ev:is_set())

  -- 2. set() wakes every waiter, in the order they started waiting
  local waiter = async(function(name)
    p("2", name, "waiting")
    local r = await(ev:wait())
    p("2", name, "woke with", r)
    return name
  end)

  local ts = {}
  for _, n in ipairs({ "a", "b", "c" }) do ts[#ts + 1] = asyncio.create_task(waiter(n)) end
  await(asyncio.sleep(0))
  p("2 main sets")
  ev:set()
  p("2 is_set", ev:is_set())
  local rs = await(asyncio.gather(table.unpack(ts)))
  p("2 results", table.concat(rs, ","))

  -- 3. waiting on a set event returns at once, without yielding
  local order = {}

  local marker = async(function()
    order[#order + 1] = "marker"
  end)

  local t = asyncio.create_task(marker())
  local r = await(ev:wait())
  order[#order + 1] = "waited"
  p("3 order", table.concat(order, ","), "wait returned", r)
  await(t)

  -- 4. clear() makes waiters block again; set() twice is harmless
  ev:clear()
  p("4 is_set", ev:is_set())
  t = asyncio.create_task(waiter("d"))
  await(asyncio.sleep(0))
  p("4 d done", t:done())
  ev:set()
  ev:set()
  await(t)

  -- 5. set() then clear() before the waiters run: they still wake
  ev:clear()
  ts = { asyncio.create_task(waiter("e")), asyncio.create_task(waiter("f")) }
  await(asyncio.sleep(0))
  ev:set()
  ev:clear()
  p("5 set and cleared, is_set", ev:is_set())
  await(asyncio.gather(table.unpack(ts)))

  -- 6. a cancelled waiter does not disturb the others
  local waiter6 = async(function(name)
    local ok, e = pcall(await, ev:wait())
    if not ok then
      if asyncio.CancelledError:is(e) then p("6", name, "cancelled") end
      error(e, 0)
    end
    p("6", name, "woke")
  end)

  ts = {}
  for _, n in ipairs({ "g", "h", "i" }) do ts[#ts + 1] = asyncio.create_task(waiter6(n)) end
  await(asyncio.sleep(0))
  ts[2]:cancel()
  await(asyncio.sleep(0))
  ev:set()
  await(asyncio.gather(ts[1], ts[2], ts[3], { return_exceptions = true }))
  p("6 cancelled", ts[1]:cancelled(), ts[2]:cancelled(), ts[3]:cancelled())

  -- 7. a waiter cancelled after set() woke it: the others are woken anyway
  ev:clear()
  ts = { asyncio.create_task(waiter6("j")), asyncio.create_task(waiter6("k")) }
  await(asyncio.sleep(0))
  ev:set()
  ts[1]:cancel()
  await(asyncio.gather(ts[1], ts[2], { return_exceptions = true }))
  p("7 cancelled", ts[1]:cancelled(), ts[2]:cancelled())
end)

asyncio.run(main())
