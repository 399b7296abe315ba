-- SIGPIPE never kills luasync. A script printing into a closed pipe
-- (`luasync x.lua | head -1`) gets BrokenPipeError in the task that wrote,
-- so its cleanup runs as the error unwinds, then ends promptly and quietly:
-- status 141 (as if SIGPIPE had ended it), nothing on stderr. A full disk
-- (> /dev/full) is an OSError with its traceback, status 1. Each case runs
-- in a subprocess (bash -c, 3 s timeout: 124 means it kept running).

local LUASYNC = assert(os.getenv("LUASYNC"), "LUASYNC is not set")

local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local quote, tmpfile, slurp, run, show, fail = cli.quote, cli.tmpfile, cli.slurp, cli.run, cli.show, cli.fail
local eq, has, matches, finish = cli.eq, cli.has, cli.matches, cli.finish

local function pipe_case(what, source, want_status, want_err)
  local s = tmpfile(source)
  local out, err, code, ms = run('"$L" ' .. s .. ' | head -1\necho "statuses ${PIPESTATUS[0]} ${PIPESTATUS[1]}"', nil, 3)
  eq(what .. ": the pipeline ended (124: timed out)", code, 0)
  eq(what .. ": stdout (head's line, then the statuses)", out, "line 1\nstatuses " .. want_status .. " 0\n")
  eq(what .. ": stderr", err, want_err or "")
  if ms > 2000 then fail(what .. ": elapsed", ("took %d ms"):format(ms)) end
end

-- print forever, yielding to the loop between prints
pipe_case("print + sleep(0)", [[
local i = 0
while true do
  i = i + 1
  print("line " .. i)
  await(asyncio.sleep(0))
end
]], 141)

-- print forever from another task, the main task waiting for it
pipe_case("print in a task", [[
local t = asyncio.spawn(function()
  local i = 0
  while true do
    i = i + 1
    print("line " .. i)
    await(asyncio.sleep(0))
  end
end)
await(t)
]], 141)

-- print forever from a task that nobody awaits (a background printer):
-- its BrokenPipeError ends the program too, the main task cancelled (its
-- cleanup runs), quietly (the main task went on for its 3 s, status 0)
pipe_case("print in a background task", [[
local _ <close> = setmetatable({}, { __close = function(_, e) io.stderr:write("main cleaned up: ", tostring(e), "\n") end })
asyncio.spawn(function()
  local i = 0
  while true do
    i = i + 1
    print("line " .. i)
    if i % 100 == 0 then await(asyncio.sleep(0)) end
  end
end)
await(asyncio.sleep(3))
io.stderr:write("main still alive after 3 s\n")
]], 141, "main cleaned up: CancelledError\n")

-- the same from the tasks of a TaskGroup (its ExceptionGroup holds only
-- BrokenPipeErrors), and of gather
pipe_case("print in a TaskGroup", [[
local tg <close> = asyncio.TaskGroup()
tg:spawn(function() local i = 0 while true do i = i + 1 print("line " .. i) await(asyncio.sleep(0)) end end)
tg:spawn(function() await(asyncio.sleep(3)) io.stderr:write("sibling still alive after 3 s\n") end)
]], 141)
pipe_case("print under gather", [[
local function printer() local i = 0 while true do i = i + 1 print("line " .. i) await(asyncio.sleep(0)) end end
await(asyncio.gather(asyncio.spawn(printer), asyncio.sleep(3)))
]], 141)

-- a task that awaits the printer catches its error: the program goes on
pipe_case("a task that awaits it catches it", [[
local t = asyncio.spawn(function() local i = 0 while true do i = i + 1 print("line " .. i) await(asyncio.sleep(0)) end end)
local ok, e = pcall(await, t)
io.stderr:write(tostring(ok), " ", tostring(e), "\n")
]], 0, "false BrokenPipeError: [Errno 32] Broken pipe\n")

-- print from a worker thread (to_thread): its print fails as the loop
-- thread's does, the job ends with that error, and so the program, when it
-- reaches the main task (it printed on into nothing for a million lines)
pipe_case("print in a to_thread worker", [[
await(asyncio.to_thread(function()
  for i = 1, 1000000 do print("line " .. i) end
end))
io.stderr:write("the job ended without an error\n")
]], 141)
pipe_case("print in a to_thread worker, its error caught", [[
local ok, e = pcall(await, asyncio.to_thread(function()
  for i = 1, 1000000 do print("line " .. i) end
end))
io.stderr:write(tostring(ok), " ", tostring(e), " ", tostring(asyncio.BrokenPipeError:is(e)), "\n")
]], 0, "false BrokenPipeError: [Errno 32] Broken pipe true\n")

-- print forever without ever yielding
pipe_case("print, no await", [[
local i = 0
while true do
  i = i + 1
  print("line " .. i)
end
]], 141)

-- io.write forever (Lua's other way to print), yielding between writes
pipe_case("io.write + sleep(0)", [[
local i = 0
while true do
  i = i + 1
  io.write("line ", i, "\n")
  await(asyncio.sleep(0))
end
]], 141)

-- the cleanup of every task runs: <close> handlers as the error unwinds in
-- the writer, cancellation in the others
pipe_case("cleanup runs", [[
local other = asyncio.spawn(function()
  local _ <close> = setmetatable({}, { __close = function() io.stderr:write("other cleaned up\n") end })
  await(asyncio.sleep(3600))
end)
local _ <close> = setmetatable({}, { __close = function(_, e) io.stderr:write("writer cleaned up: ", tostring(e), "\n") end })
local i = 0
while true do
  i = i + 1
  print("line " .. i)
  await(asyncio.sleep(0))
end
]], 141, "writer cleaned up: BrokenPipeError: [Errno 32] Broken pipe\nother cleaned up\n")

-- the error can be caught like any other
pipe_case("pcall catches it", [[
print("line 1")
local ok, e
repeat
  await(asyncio.sleep(0.01))
  ok, e = pcall(print, "more")
until not ok
io.stderr:write(tostring(asyncio.BrokenPipeError:is(e)), " ", e.code, " ", e.errno, "\n")
]], 0, "true EPIPE 32\n")

-- a full disk: OSError with the system's reason, reported; io.write answers
-- as Lua's does (nil, message, errno)
local out, err, code = run([["$L" -e 'print(io.write("x"))' >/dev/full]], nil, 3)
eq("full disk: status", code, 1)
has("full disk: the error", err, "luasync: OSError: [Errno 28] No space left on device\n")
has("full disk: its line", err, "(command line):1: in main chunk")
out, err, code = run([["$L" -e 'local ok, msg, n = io.write("x") io.stderr:write(tostring(ok), " ", msg, " ", n, "\n")' >/dev/full]], nil, 3)
eq("full disk, io.write: answers like Lua", err, "nil No space left on device 28\n")
eq("full disk, io.write: status", code, 0)

-- SIGPIPE itself is ignored: writing to a closed pipe reports EPIPE to the script
out, err, code = run([["$L" -e 'local f = io.popen("exec true", "w") os.execute("sleep 0.1") ]] ..
  [[local ok, e = f:write(string.rep("x", 1 << 20)) if ok then ok, e = f:flush() end print(ok, e)']], nil, 3)
eq("write to a closed pipe: status", code, 0)
eq("write to a closed pipe: stdout", out, "nil\tBroken pipe\n")
eq("write to a closed pipe: stderr", err, "")

finish()
