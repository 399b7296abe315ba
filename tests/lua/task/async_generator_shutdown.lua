-- At its end asyncio.run closes the async generators that were started in
-- it and are not finished (CPython's loop.shutdown_asyncgens): each gets
-- aclose(), which throws GeneratorExit at the yield where it waits, so its
-- cleanup (<close> variables, Python's finally) runs in the loop, and may
-- await, before run returns; after the tasks left over were cancelled. An
-- error raised there goes to the loop's exception handler. One never
-- started, or exhausted, is left alone. Each scenario is its own run:
-- CPython closes several in its WeakSet's order (luasync: the order they
-- started in). A call_soon chain (tick) shows the loop's iterations.
-- Reference: reference/async_generator_shutdown.py

local p = require("lib.show").p

local keep = {}  -- the generators stay referenced until the runs end

local function ticker(loop, last)
  local n = 0
  local function tick()
    n = n + 1
    p("tick", n)
    if n < last then loop:call_soon(tick) end
  end
  loop:call_soon(tick)
end

local function handler(_, context)
  p("handler:", context.message:match("^(.-) <"), context.exception, context.asyncgen ~= nil)
end

-- a to-be-closed value that runs fn: the generator's `finally:`
local function finally(fn)
  return setmetatable({}, { __close = fn })
end

local numbers = asyncio.async_generator(function(name)
  local _ <close> = finally(function()
    p(name, "finally starts")
    await(asyncio.sleep(0))
    p(name, "finally ends")
  end)
  for i = 1, 3 do
    p(name, "yields", i)
    coroutine.yield(i)
  end
end)

local failing = asyncio.async_generator(function()
  local _ <close> = finally(function()
    p("failing finally raises")
    error(asyncio.ValueError("boom in finally"))
  end)
  coroutine.yield(1)
end)

local background = async(function()
  local _ <close> = finally(function() p("background cancelled") end)
  await(asyncio.sleep(10))
end)

-- 1. a generator suspended at a yield: its cleanup runs after the leftover
--    task was cancelled, and awaits; the one never started and the one
--    exhausted print nothing more
local main1 = async(function()
  local g = numbers("1 gen")
  keep[#keep + 1] = g
  p("1 got", g())
  local never = numbers("1 never started")
  keep[#keep + 1] = never
  for x in numbers("1 exhausted") do
    p("1 exhausted got", x)
  end
  asyncio.create_task(background())
  await(asyncio.sleep(0))
  ticker(asyncio.get_running_loop(), 12)
  p("1 main returns")
end)

asyncio.run(main1())
p("1 after run")

-- 2. a cleanup that raises: reported to the loop's exception handler
local main2 = async(function()
  asyncio.get_running_loop():set_exception_handler(handler)
  local g = failing()
  keep[#keep + 1] = g
  p("2 got", g())
  p("2 main returns")
end)

asyncio.run(main2())
p("2 after run")

-- 3. a generator iterated by a task that is cancelled at shutdown while it
--    awaits in the loop's body: the generator stays suspended at its yield
--    and is closed after the task. (The task gets the iterator alone, as
--    Python's consumer gets the generator object: a generic for given the
--    closing value too would close it as the task's error leaves the loop.)
local consumer = async(function(g)
  local _ <close> = finally(function() p("3 consumer cancelled") end)
  for x in g do
    p("3 consumer got", x)
    await(asyncio.sleep(10))
  end
end)

local main3 = async(function()
  local g = numbers("3 gen")
  keep[#keep + 1] = g
  asyncio.create_task(consumer(g))
  await(asyncio.sleep(0))
  ticker(asyncio.get_running_loop(), 12)
  p("3 main returns")
end)

asyncio.run(main3())
p("3 after run")

-- 4. a generator that catches GeneratorExit and yields again: aclose()
--    raises RuntimeError, which the handler is told
local stubborn = asyncio.async_generator(function()
  local ok, e = pcall(coroutine.yield, 1)
  if not ok then
    p("4 stubborn caught", e)
    coroutine.yield(2)
  end
end)

local main4 = async(function()
  asyncio.get_running_loop():set_exception_handler(handler)
  local g = stubborn()
  keep[#keep + 1] = g
  p("4 got", g())
end)

asyncio.run(main4())
p("4 after run")
