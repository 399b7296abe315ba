-- asyncio.sleep(nan) refuses its delay when it runs, at the await, as a
-- coroutine does: making it raises nothing, and gather runs the awaitables
-- before it first.
-- Reference: reference/sleep_nan.py
local p = require("lib.show").p

local main = async(function()
  local ok, e = pcall(function()
    local c = asyncio.sleep(0 / 0)
    p("coroutine made")
    await(c)
  end)
  assert(not ok and asyncio.ValueError:is(e), tostring(e))
  p("awaited:", e)

  local other = async(function() p("other ran") end)
  ok, e = pcall(function() return await(asyncio.gather(other(), asyncio.sleep(0 / 0))) end)
  assert(not ok and asyncio.ValueError:is(e), tostring(e))
  p("gather:", e)

  local t = asyncio.create_task(asyncio.sleep(0 / 0))
  p("task made")
  ok, e = pcall(await, t)
  assert(not ok and asyncio.ValueError:is(e), tostring(e))
  p("task:", e, t:done())
end)

asyncio.run(main())
