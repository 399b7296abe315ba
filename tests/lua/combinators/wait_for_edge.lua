local p = require("lib.show").p
local el = require("lib.show").el

local function defer(fn)
  return setmetatable({}, {__close = fn})
end

local stubborn = async(function()
  local ok, e = pcall(function()
    await(asyncio.sleep(1))
  end)
  if not ok then
    if not asyncio.CancelledError:is(e) then error(e) end
    p("stubborn caught the cancel")
    await(asyncio.sleep(0.1))
    return "late value"
  end
end)

local slow_cleanup = async(function()
  local _ <close> = defer(function()
    p("cleanup starts")
    await(asyncio.sleep(0.2))
    p("cleanup ends")
  end)
  await(asyncio.sleep(1))
end)

local main = async(function()
  local loop = asyncio.get_running_loop()
  local me = asyncio.current_task()

  -- a coroutine given to wait_for runs in the caller's task
  local where = async(function()
    p("same task", asyncio.current_task() == me)
    return "w"
  end)

  p("result", await(asyncio.wait_for(where(), 1)))

  -- the inner coroutine swallows the cancel and returns: wait_for returns its value
  local t0 = loop:time()
  local r = await(asyncio.wait_for(stubborn(), 0.1))
  p("result", r, el(t0), "cancelling", me:cancelling())

  -- TimeoutError comes only after the inner cleanup has finished
  t0 = loop:time()
  local ok, e = pcall(function()
    await(asyncio.wait_for(slow_cleanup(), 0.1))
  end)
  if not ok then
    if not asyncio.TimeoutError:is(e) then error(e) end
    p("timeout", el(t0), "cancelling", me:cancelling())
  end

  -- the same with a task
  t0 = loop:time()
  local t = asyncio.create_task(slow_cleanup())
  ok, e = pcall(function()
    await(asyncio.wait_for(t, 0.1))
  end)
  if not ok then
    if not asyncio.TimeoutError:is(e) then error(e) end
    p("timeout", el(t0), "task done", t:done(), t:cancelled())
  end
end)

asyncio.run(main())
