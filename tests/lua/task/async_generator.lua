-- Async generators: asyncio.async_generator(fn) makes a generic-for iterator
-- whose body may await (the task suspends, other tasks run); the generator's
-- cleanup (<close> variables, Python's finally) runs when the loop ends, on
-- break, on an error in the loop body, and when the task is cancelled while
-- the generator waits. Python needs contextlib.aclosing for the same order.
-- Reference: reference/async_generator.py

local p = require("lib.show").p

-- a to-be-closed value that runs fn: the generator's `finally:`
local function finally(fn)
  return setmetatable({}, { __close = fn })
end

local ticker = asyncio.async_generator(function(name, n)
  p(name, "starts")
  local _ <close> = finally(function() p(name, "cleanup") end)
  for i = 0, n - 1 do
    await(asyncio.sleep(0.01))
    coroutine.yield(i)
  end
end)

local main = async(function()
  -- 1. a full loop: the task suspends at each await inside the generator,
  --    other tasks run meanwhile, the cleanup runs at the end
  local other = async(function()
    for i = 0, 2 do
      p("1 other task runs", i)
      await(asyncio.sleep(0.01))
    end
  end)

  local o = asyncio.create_task(other())
  for x in ticker("1 gen", 3) do
    p("1 got", x)
  end
  p("1 loop done")
  await(o)

  -- 2. breaking out early runs the generator's cleanup at once
  for x in ticker("2 gen", 10) do
    p("2 got", x)
    if x == 1 then break end
  end
  p("2 after break")

  -- 3. an error in the loop body also runs the cleanup, then propagates
  local ok, e = pcall(function()
    for x in ticker("3 gen", 10) do
      p("3 got", x)
      error(asyncio.ValueError("stop at " .. tostring(x)))
    end
  end)
  if ok or not asyncio.ValueError:is(e) then error("expected ValueError, got " .. tostring(e)) end
  p("3 caught", e)

  -- 4. an error inside the generator reaches the loop
  local broken = asyncio.async_generator(function()
    local _ <close> = finally(function() p("4 gen cleanup") end)
    coroutine.yield(1)
    await(asyncio.sleep(0))
    error(asyncio.ValueError("generator failed"))
  end)

  ok, e = pcall(function()
    for x in broken() do
      p("4 got", x)
    end
  end)
  if ok or not asyncio.ValueError:is(e) then error("expected ValueError, got " .. tostring(e)) end
  p("4 caught", e)

  -- 5. cancelling the task while it waits inside the generator runs the
  --    cleanup
  local second = asyncio.Event()

  local consume = async(function()
    for x in ticker("5 gen", 10) do
      p("5 got", x)
      if x == 1 then second:set() end
    end
  end)

  local t = asyncio.create_task(consume())
  await(second:wait())
  t:cancel()
  ok, e = pcall(await, t)
  if ok or not asyncio.CancelledError:is(e) then error("expected CancelledError, got " .. tostring(e)) end
  p("5 consumer cancelled")

  -- 6. two generators interleaved in two tasks
  local collect = async(function(name, n)
    local out = {}
    for x in ticker(name, n) do out[#out + 1] = x end
    return out
  end)

  local r = await(asyncio.gather(collect("6a", 2), collect("6b", 3)))
  p("6 results", table.concat(r[1], ","), table.concat(r[2], ","))

  -- 7. a generator without cleanup needs no helper (Lua: a plain
  --    coroutine.wrap function that awaits)
  local function squares(n)
    return coroutine.wrap(function()
      for i = 1, n do
        await(asyncio.sleep(0.01))
        coroutine.yield(i * i)
      end
    end)
  end

  for x in squares(3) do
    p("7 got", x)
  end

  -- 8. one generator, two tasks: a second anext while the first task's is
  --    suspended in an await is refused; the first task goes on unharmed
  --    (as is a coroutine.wrap generator's second caller, in Lua's words)
  local slow = asyncio.async_generator(function(n)
    for i = 1, n do
      await(asyncio.sleep(0.1))
      coroutine.yield(i)
    end
  end)
  local g = slow(2)
  local first = async(function()
    local out = {}
    for x in g do out[#out + 1] = x end
    return out
  end)
  local t = asyncio.create_task(first())
  await(asyncio.sleep(0.05))
  local ok, e = pcall(g)
  if not ok then p("8 refused", e) end
  p("8 first got", table.concat(await(t), ","))
  if os.getenv("LUASYNC") then
    local sq = squares(2)
    local ts = asyncio.create_task(async(function() return sq() end)())
    await(asyncio.sleep(0))
    local co_ok, co_e = pcall(sq)
    assert(not co_ok and co_e == "cannot resume non-suspended coroutine", co_e)
    assert(await(ts) == 1, "the first caller's value")
  end
end)

asyncio.run(main())
