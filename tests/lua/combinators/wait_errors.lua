-- asyncio.wait's own errors come when it is awaited (its checks are in its
-- coroutine, as CPython's), so a pcall around the await catches them; and
-- with FIRST_EXCEPTION the error of a future that completed first is
-- retrieved (wait read its exception()), so nothing says it was never
-- retrieved; with ALL_COMPLETED it is not.
-- Reference: reference/wait_errors.py
local p = require("lib.show").p

local fails = async(function(msg) error(asyncio.ValueError(msg)) end)

local main = async(function()
  local loop = asyncio.get_running_loop()
  loop:set_exception_handler(function(_, ctx) p("handler:", ctx.message, ctx.exception) end)
  for _, case in ipairs({
    { "empty", function() return asyncio.wait({}) end },
    { "return_when", function()
      return asyncio.wait({ asyncio.ensure_future(asyncio.sleep(0)) }, { return_when = "bogus" })
    end },
    { "a future, not a list", function() return asyncio.wait(asyncio.ensure_future(asyncio.sleep(0))) end },
    { "a coroutine, not a list", function() return asyncio.wait(asyncio.sleep(0)) end },
  }) do
    local aw = case[2]()
    p(case[1] .. ": made")
    local ok, e = pcall(await, aw)
    if not ok then p(case[1] .. ":", e) end
  end
  await(asyncio.sleep(0))

  local t = asyncio.create_task(fails("first"))
  local s = asyncio.create_task(asyncio.sleep(0.5))
  local done, pending = await(asyncio.wait({ t, s }, { return_when = asyncio.FIRST_EXCEPTION }))
  p("FIRST_EXCEPTION:", #done, #pending)
  await(s)
  t, done = nil, nil
  collectgarbage()
  collectgarbage()
  await(asyncio.sleep(0))
  p("after FIRST_EXCEPTION")
  -- (Lua only: a failure whatever its error value, error(nil) too)
  t = asyncio.create_task(async(function() error(nil) end)())
  s = asyncio.create_task(asyncio.sleep(0.5))
  done, pending = await(asyncio.wait({ t, s }, { return_when = asyncio.FIRST_EXCEPTION }))
  assert(#done == 1 and #pending == 1 and done[1] == t, "error(nil) counts as a failure")
  await(s)

  t = asyncio.create_task(fails("all"))
  s = asyncio.create_task(asyncio.sleep(0.5))
  done, pending = await(asyncio.wait({ t, s }))
  p("ALL_COMPLETED:", #done, #pending)
  t, done = nil, nil
  collectgarbage()
  collectgarbage()
  await(asyncio.sleep(0))
  p("after ALL_COMPLETED")
end)

asyncio.run(main())
