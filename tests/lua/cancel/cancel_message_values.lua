-- cancel(msg) with a message that is not a string: the CancelledError keeps
-- the value, as its repr shows it (CancelledError(5), unquoted), and
-- e.message is its text, tostring of the value (Python's str(e)). A task's,
-- a Future's, a task's cancelled while it waits on a Future, and one
-- cancelled before it started. Beyond CPython's scenario (asserted, not
-- printed): a plain table as the message is shown as reprs show a table,
-- and kept as the value.
-- Reference: reference/cancel_message_values.py

local function shown(e)
  -- the error as a finished Future's repr shows it
  local f = asyncio.get_running_loop():create_future()
  f:set_result(e)
  return tostring(f)
end

local function check(what, got, want)
  if got ~= want then error(("%s: got %s, want %s"):format(what, tostring(got), tostring(want)), 2) end
end

local main = async(function()
  local loop = asyncio.get_running_loop()
  local t = asyncio.create_task(asyncio.sleep(10))
  await(asyncio.sleep(0))
  t:cancel(5)
  local ok, e = pcall(await, t)
  print(e, e.message, shown(e))
  check("a number's message is its text", math.type(e.message) == nil and e.message, "5")

  local f = loop:create_future()
  f:cancel(2.5)
  ok, e = pcall(f.result, f)
  print(e, e.message, shown(e))

  local waits = async(function(fut) await(fut) end)
  t = asyncio.create_task(waits(loop:create_future()))
  await(asyncio.sleep(0))
  t:cancel(42)
  ok, e = pcall(await, t)
  print(e, e.message, shown(e))

  t = asyncio.create_task(asyncio.sleep(10))
  t:cancel(7)
  ok, e = pcall(await, t)
  print(e, e.message, shown(e))

  -- a string stays quoted, as any error's message
  t = asyncio.create_task(asyncio.sleep(10))
  await(asyncio.sleep(0))
  t:cancel("5")
  ok, e = pcall(await, t)
  print(e, e.message, shown(e))

  -- a plain table: its repr as reprs show a table (CPython's
  -- CancelledError([1, 2])); e.message its tostring
  local msg = { 1, 2 }
  t = asyncio.create_task(asyncio.sleep(10))
  await(asyncio.sleep(0))
  t:cancel(msg)
  ok, e = pcall(await, t)
  check("a table: the repr", shown(e), "<Future finished result=CancelledError({1, 2})>")
  check("a table: the text", e.message, tostring(msg))
  check("a table: tostring", tostring(e), "CancelledError: " .. tostring(msg))
  check("a table: the same for any error", shown(asyncio.ValueError({ code = 1 })),
    "<Future finished result=ValueError({code=1})>")
end)

asyncio.run(main())
