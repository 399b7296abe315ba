local p = require("lib.show").p
local el = require("lib.show").el

local work = async(function(name, delay)
  await(asyncio.sleep(delay))
  return name
end)

local fail = async(function(name, delay)
  await(asyncio.sleep(delay))
  error(asyncio.ValueError(name))
end)

local main = async(function()
  local loop = asyncio.get_running_loop()

  -- results in completion order
  local t0 = loop:time()
  for aw in asyncio.as_completed({work("a", 0.3), work("b", 0.1), work("c", 0.2)}) do
    local r = await(aw)
    p("1 got", r, el(t0))
  end

  -- tasks and coroutines mixed; errors are raised by the awaitable that carries them
  t0 = loop:time()
  local t = asyncio.create_task(work("d", 0.2))
  for aw in asyncio.as_completed({t, fail("e", 0.1), work("f", 0.3)}) do
    local ok, e = pcall(function()
      local r = await(aw)
      p("2 got", r, el(t0))
    end)
    if not ok then
      if not asyncio.ValueError:is(e) then error(e) end
      p("2 error", e, el(t0))
    end
  end

  -- a timeout: what finishes in time, then TimeoutError; nothing is cancelled
  t0 = loop:time()
  local slow = asyncio.create_task(work("h", 0.4))
  local ok, e = pcall(function()
    for aw in asyncio.as_completed({work("g", 0.1), slow}, {timeout = 0.2}) do
      local r = await(aw)
      p("3 got", r, el(t0))
    end
  end)
  if not ok then
    if not asyncio.TimeoutError:is(e) then error(e) end
    p("3 timeout", e, el(t0))
  end
  p("3 slow cancelled", slow:cancelled())
  p("3 slow result", await(slow), el(t0))

  -- the iterator yields as many awaitables as it was given
  local count = 0
  for aw in asyncio.as_completed({work("i", 0.1), work("j", 0.1), asyncio.sleep(0.2, "k")}) do
    await(aw)
    count = count + 1
  end
  p("4 count", count)

  -- nothing to wait for
  count = 0
  for aw in asyncio.as_completed({}) do
    count = count + 1
  end
  p("5 count", count)
end)

asyncio.run(main())
