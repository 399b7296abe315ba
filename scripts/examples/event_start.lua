-- event_start: several runners wait on one asyncio.Event; a single set() starts them all
-- at the same moment, in the order they started waiting. Waiting on an Event that is
-- already set returns at once.
-- Python twin: python/event_start.py
local t0

local function log(fmt, ...)
  print(("%3.1f s  " .. fmt):format(time.perf_counter() - t0, ...))
end

local runner = async(function(name, start, pace)
  log("%s is at the line", name)
  await(start:wait())
  log("%s starts", name)
  await(asyncio.sleep(pace))
  log("%s finishes", name)
  return name
end)

local main = async(function()
  t0 = time.perf_counter()
  local start = asyncio.Event()
  local race = asyncio.gather(runner("ann", start, 3), runner("bob", start, 2), runner("cy", start, 2.5))
  await(asyncio.sleep(1))
  log("ready... set... go! (is_set: %s)", start:is_set())
  start:set()
  local order = await(race)
  log("results in the order passed: %s", table.concat(order, ", "))
  await(start:wait()) -- already set: returns at once
  log("a late waiter passes at once (is_set: %s)", start:is_set())
end)

asyncio.run(main())
