-- A script's end is asyncio.run's end: the tasks left are cancelled, then
-- the async generators started and not finished are closed (their cleanup
-- may await), an error there going to the loop's exception handler.
-- (One generator: CPython closes several in its WeakSet's order.)
-- Reference: reference/async_generator_script_end.py

local p = require("lib.show").p

local function finally(fn)
  return setmetatable({}, { __close = fn })
end

local numbers = asyncio.async_generator(function()
  local _ <close> = finally(function()
    p("gen finally starts")
    await(asyncio.sleep(0))
    p("gen finally raises")
    error(asyncio.ValueError("boom in finally"))
  end)
  p("gen yields 1")
  coroutine.yield(1)
end)

local background = async(function()
  local _ <close> = finally(function() p("background cancelled") end)
  await(asyncio.sleep(10))
end)

asyncio.get_running_loop():set_exception_handler(function(_, context)
  p("handler:", context.message:match("^(.-) <"), context.exception)
end)

keep = {}
local g = numbers()
keep[#keep + 1] = g
p("got", g())
asyncio.create_task(background())
await(asyncio.sleep(0))
p("script ends")
