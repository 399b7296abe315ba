local p = require("lib.show").p
local el = require("lib.show").el

local function has(list, x)
  for i = 1, #list do
    if list[i] == x then return true end
  end
  return false
end

local function names(aws, subset)
  -- the tasks of subset, in the order they were given (luasync keeps that order)
  local out = {}
  for i = 1, #subset do
    assert(has(aws, subset[i]))
    out[#out + 1] = subset[i]:get_name()
  end
  return #out > 0 and table.concat(out, " ") or "-"
end

local work = async(function(name, delay)
  await(asyncio.sleep(delay))
  p("end", name)
  return name
end)

local main = async(function()
  local loop = asyncio.get_running_loop()
  local ok, e, done, pending

  -- cancelling the task that waits does not cancel the tasks it waits for
  local t0 = loop:time()
  local ts = {asyncio.create_task(work("a", 0.2), {name = "a"}), asyncio.create_task(work("b", 0.3), {name = "b"})}

  local waiter = async(function()
    local ok2, e2 = pcall(function()
      await(asyncio.wait(ts))
    end)
    if not ok2 then
      if asyncio.CancelledError:is(e2) then p("waiter cancelled", el(t0)) end
      error(e2)
    end
  end)

  local w = asyncio.create_task(waiter())
  await(asyncio.sleep(0.1))
  w:cancel()
  ok, e = pcall(function()
    await(w)
  end)
  if not ok then
    if not asyncio.CancelledError:is(e) then error(e) end
    p("w cancelled", w:cancelled())
  end
  p("tasks cancelled", ts[1]:cancelled(), ts[2]:cancelled())
  done, pending = await(asyncio.wait(ts))
  p("done", names(ts, done), "pending", names(ts, pending), el(t0))

  -- a zero timeout returns after one loop turn with what is already done
  t0 = loop:time()
  ts = {asyncio.create_task(work("c", 0.1), {name = "c"}), ts[1]}
  done, pending = await(asyncio.wait(ts, {timeout = 0}))
  p("zero timeout done", names(ts, done), "pending", names(ts, pending), el(t0))
  await(ts[1])

  -- wait inside wait_for: the timeout cancels the wait, not the tasks
  t0 = loop:time()
  ts = {asyncio.create_task(work("d", 0.3), {name = "d"})}
  ok, e = pcall(function()
    await(asyncio.wait_for(asyncio.wait(ts), 0.1))
  end)
  if not ok then
    if not asyncio.TimeoutError:is(e) then error(e) end
    p("wait_for timeout", el(t0), "task cancelled", ts[1]:cancelled())
  end
  await(ts[1])
  p("d finished", el(t0))

  -- coroutines are refused: tasks must be created explicitly
  local c = work("e", 0.1)
  ok, e = pcall(function()
    await(asyncio.wait({c}))
  end)
  if not ok then
    if not asyncio.TypeError:is(e) then error(e) end
    p("error", e)
  end
  await(c)
end)

asyncio.run(main())
