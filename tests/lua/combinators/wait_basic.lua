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

local fail = async(function(name, delay)
  await(asyncio.sleep(delay))
  p("raise", name)
  error(asyncio.ValueError(name))
end)

local main = async(function()
  local loop = asyncio.get_running_loop()
  local ts, done, pending

  -- FIRST_COMPLETED
  local t0 = loop:time()
  ts = {}
  for _, nd in ipairs({{"a", 0.3}, {"b", 0.1}, {"c", 0.2}}) do
    ts[#ts + 1] = asyncio.create_task(work(nd[1], nd[2]), {name = nd[1]})
  end
  done, pending = await(asyncio.wait(ts, {return_when = asyncio.FIRST_COMPLETED}))
  p("1 done", names(ts, done), "pending", names(ts, pending), el(t0))

  -- ALL_COMPLETED is the default
  done, pending = await(asyncio.wait(ts))
  p("2 done", names(ts, done), "pending", names(ts, pending), el(t0))
  p("2 results", ts[1]:result(), ts[2]:result(), ts[3]:result())

  -- FIRST_EXCEPTION stops at the first error
  t0 = loop:time()
  ts = {
    asyncio.create_task(work("d", 0.1), {name = "d"}),
    asyncio.create_task(work("e", 0.3), {name = "e"}),
    asyncio.create_task(fail("f", 0.2), {name = "f"}),
  }
  done, pending = await(asyncio.wait(ts, {return_when = asyncio.FIRST_EXCEPTION}))
  p("3 done", names(ts, done), "pending", names(ts, pending), el(t0))
  p("3 exception", ts[3]:exception())

  -- FIRST_EXCEPTION without errors waits for all
  t0 = loop:time()
  ts = {}
  for _, nd in ipairs({{"g", 0.2}, {"h", 0.1}}) do
    ts[#ts + 1] = asyncio.create_task(work(nd[1], nd[2]), {name = nd[1]})
  end
  done, pending = await(asyncio.wait(ts, {return_when = asyncio.FIRST_EXCEPTION}))
  p("4 done", names(ts, done), "pending", names(ts, pending), el(t0))

  -- a timeout returns what is done; nothing is cancelled
  t0 = loop:time()
  ts = {}
  for _, nd in ipairs({{"i", 0.3}, {"j", 0.1}}) do
    ts[#ts + 1] = asyncio.create_task(work(nd[1], nd[2]), {name = nd[1]})
  end
  done, pending = await(asyncio.wait(ts, {timeout = 0.2}))
  p("5 done", names(ts, done), "pending", names(ts, pending), el(t0))
  p("5 cancelled", ts[1]:cancelled())
  p("5 result", await(ts[1]), el(t0))

  -- a timeout with nothing done
  t0 = loop:time()
  ts = {asyncio.create_task(work("k", 0.2), {name = "k"})}
  done, pending = await(asyncio.wait(ts, {timeout = 0.1}))
  p("6 done", names(ts, done), "pending", names(ts, pending), el(t0))
  await(ts[1])

  -- tasks that are already done: FIRST_COMPLETED returns at once
  t0 = loop:time()
  ts = {asyncio.create_task(work("l", 0.1), {name = "l"}), asyncio.create_task(work("m", 0.3), {name = "m"})}
  await(asyncio.sleep(0.2))
  done, pending = await(asyncio.wait(ts, {return_when = asyncio.FIRST_COMPLETED}))
  p("7 done", names(ts, done), "pending", names(ts, pending), el(t0))
  await(ts[2])

  -- futures can be waited on too
  local f = loop:create_future()
  loop:call_later(0.1, f.set_result, f, "F")
  done, pending = await(asyncio.wait({f}))
  p("8 future", has(done, f), f:result())

  -- an empty collection is an error
  local ok, e = pcall(function()
    await(asyncio.wait({}))
  end)
  if not ok then
    if not asyncio.ValueError:is(e) then error(e) end
    p("9", e)
  end
end)

asyncio.run(main())
