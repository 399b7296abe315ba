-- cancel() on a future or task that already failed returns false and counts
-- as retrieving its error: nothing is reported when it is collected (as
-- Future.cancel and Task.cancel clear _log_traceback before they look at the
-- state). A gather's future keeps its report (_GatheringFuture.cancel does
-- not), and an error nobody looked at is reported with the class's name.
-- Reference: reference/cancel_retrieves_error.py
local p = require("lib.show").p

local function collect()
  collectgarbage()
  collectgarbage()
  await(asyncio.sleep(0))
end

local main = async(function()
  local loop = asyncio.get_running_loop()
  loop:set_exception_handler(function(_, ctx) p("reported:", ctx.message, ctx.exception) end)

  local fut = loop:create_future()
  fut:set_exception(asyncio.ValueError("future"))
  p("1 future cancel", fut:cancel(), fut:cancelled())
  fut = nil
  collect()

  local bad = async(function(msg) error(asyncio.ValueError(msg)) end)

  local t = asyncio.create_task(bad("task"))
  await(asyncio.sleep(0))
  p("2 task cancel", t:cancel(), t:cancelled(), t:cancelling())
  t = nil
  collect()

  fut = loop:create_future()
  fut:set_exception(asyncio.ValueError("not cancelled"))
  fut = nil
  collect()
  p("3 after an uncancelled future")

  local g = asyncio.gather(bad("gathered"))
  await(asyncio.sleep(0))
  await(asyncio.sleep(0))
  p("4 gather cancel", g:cancel(), g:done())
  g = nil
  collect()
  p("end")
end)

asyncio.run(main())
