-- A StreamReader at its edges. It lets go of its waiting task when data
-- or its end comes, whether or not that task still waits (CPython's
-- _wakeup_waiter clears _waiter before it sets the future): a reader task
-- cancelled while it waited keeps no later reader out, even one that runs
-- before it unwinds.
local cli = require "lib.cli"
local eq = cli.eq

local r = asyncio.StreamReader()
local log = {}
local first = asyncio.create_task(async(function()
  local ok, e = pcall(await, r:read(1))
  log[#log + 1] = "first: " .. (ok and e or tostring(e))
end))
await(asyncio.sleep(0)) -- first now waits for data
local second = asyncio.create_task(async(function()
  local got = await(r:read(1))
  log[#log + 1] = "second: " .. got
  -- The buffer is empty again: this read waits, and the cancelled first
  -- task is no longer the reader's waiter (in CPython it is not either,
  -- but its unwinding then clears the second task's waiter, which is
  -- never woken: this scenario hangs there).
  got = await(r:read(1))
  log[#log + 1] = "second: " .. got
end))
first:cancel()
r:feed_data("x")
await(asyncio.sleep(0))
r:feed_data("y")
await(second)
eq("what each task read", table.concat(log, "\n"), table.concat({
  "second: x",
  "first: CancelledError",
  "second: y",
}, "\n"))
eq("the first task", first:done(), true)

-- A task that waited and was woken with data it never took (cancelled
-- after the wake-up was queued) leaves the data for the next read.
local r2 = asyncio.StreamReader()
local t = asyncio.create_task(r2:read(5))
await(asyncio.sleep(0))
r2:feed_data("kept")
t:cancel()
local ok = pcall(await, t)
eq("the cancelled read", ok, false)
eq("the next read", await(r2:read(5)), "kept")
-- A reader its user ended (feed_eof) stays ended: what its socket
-- brings afterwards is dropped, never appended past the end.
do
  local server <close> = await(asyncio.start_server(async(function(_, w)
    w:write("late data")
    await(w:drain())
    await(asyncio.sleep(0.05))
    w:close()
  end), "127.0.0.1", 0))
  local reader, writer = await(asyncio.open_connection("127.0.0.1", select(2, server.sockets[1]:getsockname())))
  reader:feed_eof()
  await(asyncio.sleep(0.1))
  eq("what the ended reader reads", await(reader:read()), "")
  eq("at its end", reader:at_eof(), true)
  writer:close()
  await(writer:wait_closed())
end
cli.finish()
