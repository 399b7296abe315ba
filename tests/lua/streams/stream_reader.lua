-- StreamReader as CPython's: lines, readexactly and readuntil at the end of
-- the stream (IncompleteReadError with .partial, .expected), the limit
-- (ValueError, LimitOverrunError with .consumed), a read waiting for data
-- another task feeds, a second waiter refused, a cancelled read, set_exception,
-- the reprs of a waiting reader and its task.
-- Reference: reference/stream_reader.py

local p = require("lib.show").p

local function show(data) return (data:gsub("\n", "\\n")) end

local function attempt(label, aw)
  local ok, r = pcall(await, aw)
  if ok then
    p(label, show(r))
  else
    p(label, "raised", r)
    return r
  end
end

local main = async(function()
  -- lines, the last one without its newline, then "" at the end
  local r = asyncio.StreamReader()
  r:feed_data("hello\nworld\npart")
  r:feed_data("ial")
  r:feed_eof()
  for _ = 1, 4 do attempt("readline", r:readline()) end
  p("at_eof", r:at_eof())

  -- readexactly and readuntil at the end of the stream
  r = asyncio.StreamReader()
  r:feed_data("abc--def")
  attempt("readuntil --", r:readuntil("--"))
  attempt("readexactly 2", r:readexactly(2))
  r:feed_eof()
  local e = attempt("readexactly 5", r:readexactly(5))
  p("partial", show(e.partial), "expected", e.expected)
  r = asyncio.StreamReader()
  r:feed_data("no separator")
  r:feed_eof()
  e = attempt("readuntil ;", r:readuntil(";"))
  p("partial", show(e.partial), "expected", e.expected)
  attempt("readexactly -1", r:readexactly(-1))
  attempt("readuntil ''", r:readuntil(""))
  attempt("read 0", r:read(0))

  -- the limit: a line longer than it is dropped with ValueError; a chunk
  -- without separator beyond it raises LimitOverrunError with .consumed
  r = asyncio.StreamReader { limit = 4 }
  r:feed_data("toolongline\nok\n")
  attempt("readline", r:readline())
  attempt("readline", r:readline())
  r:feed_data("abcdefgh")
  e = attempt("readuntil", r:readuntil("\n"))
  p("consumed", e.consumed)
  attempt("read 3", r:read(3))

  -- a read waits for data fed by another task; a second waiter is refused
  r = asyncio.StreamReader()
  local function feeder()
    for _, chunk in ipairs { "one ", "two ", "three" } do
      await(asyncio.sleep(0.1))
      p("feed", show(chunk))
      r:feed_data(chunk)
    end
    await(asyncio.sleep(0.1))
    p("feed eof")
    r:feed_eof()
  end
  local function second() attempt("second read", r:read(10)) end
  local f = asyncio.create_task(feeder)
  local s = asyncio.create_task(second)
  attempt("read 2", r:read(2))
  await(s)
  attempt("read all", r:read())
  await(f)
  p("at_eof", r:at_eof())

  -- a waiting read cancelled; the reader still works; set_exception
  r = asyncio.StreamReader()
  local t = asyncio.create_task(r:readline())
  await(asyncio.sleep(0))
  t:cancel()
  local ok, err = pcall(await, t)
  if not ok and getmetatable(err) == asyncio.CancelledError then p("cancelled readline") end
  r:feed_data("after\n")
  attempt("readline", r:readline())
  r:set_exception(asyncio.ValueError("broken"))
  attempt("read", r:read(1))

  -- the reprs of a waiting reader and of its task; set_exception wakes the
  -- waiting read with the error
  r = asyncio.StreamReader()
  t = asyncio.create_task(r:read(5), { name = "reading" })
  await(asyncio.sleep(0))
  p(tostring(r))
  local rt = tostring(t)
  p(rt:match("^(.-) coro="), "wait_for=" .. rt:match(" wait_for=(.*)$"))
  r:set_exception(asyncio.ConnectionResetError("reset"))
  p("exception", r:exception())
  attempt("woken read", t)

  -- data fed after a cancel, before the cancelled task ran: the data stays
  r = asyncio.StreamReader()
  t = asyncio.create_task(r:read(5))
  await(asyncio.sleep(0))
  t:cancel("stop")
  r:feed_data("kept")
  ok, err = pcall(await, t)
  if not ok and getmetatable(err) == asyncio.CancelledError then p("cancelled read", err) end
  attempt("read after cancel", r:read(5))
end)

asyncio.run(main())
