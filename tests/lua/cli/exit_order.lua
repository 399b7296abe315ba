-- What a program prints as it ends, in order: its output and its final
-- error merged as a terminal shows them, then its exit status. The same
-- scenarios as exit_order.py, CPython's twin, each run by the binary in a
-- subprocess (real clock: some send themselves SIGINT, a Ctrl-C). An error
-- report is reduced to its message line ("luasync: " and the traceback
-- dropped), as the twin reduces CPython's traceback to its last line: the
-- tasks left are cancelled first, so what their cleanup prints comes
-- before main's error; a Ctrl-C ends in KeyboardInterrupt only when its
-- cancellation was main's only one. (The twin is run here, not as a
-- reference/ test: those run again under stock Lua, where the binary is
-- not what ends the program.)
local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local quote, tmpfile, run, eq, finish = cli.quote, cli.tmpfile, cli.run, cli.eq, cli.finish

-- Sends SIGINT to this process, as Ctrl-C would.
local CTRL_C = [[
local function ctrl_c()
  local f = assert(io.open("/proc/self/stat"))
  local pid = f:read("n")
  f:close()
  io.popen("kill -INT " .. pid):close()
end
]]

local SCENARIOS = {
  { "main fails while a task is pending", [[
local bg = async(function()
  local ok, e = pcall(await, asyncio.sleep(10))
  if asyncio.CancelledError:is(e) then print("bg cancelled") end
  print("bg finally")
  error(e, 0)
end)
asyncio.create_task(bg())
await(asyncio.sleep(0))
print("main raises")
error(asyncio.ValueError("boom"))
]] },
  { "main cancelled while a task is pending", [[
asyncio.create_task(async(function()
  local _ <close> = setmetatable({}, { __close = function() print("bg finally") end })
  await(asyncio.sleep(10))
end)())
local main = asyncio.current_task()
asyncio.get_running_loop():call_later(0.1, function() main:cancel() end)
await(asyncio.sleep(1))
]] },
  { "main exits with a message while a task is pending", [[
asyncio.create_task(async(function()
  local _ <close> = setmetatable({}, { __close = function() print("bg finally") end })
  await(asyncio.sleep(10))
end)())
await(asyncio.sleep(0))
error(asyncio.SystemExit("bye"))
]] },
  { "a callback raises KeyboardInterrupt while a task is pending", [[
asyncio.create_task(async(function()
  local _ <close> = setmetatable({}, { __close = function() print("bg finally") end })
  await(asyncio.sleep(10))
end)())
asyncio.get_running_loop():call_later(0.1, function() error(asyncio.KeyboardInterrupt("from a callback")) end)
await(asyncio.sleep(1))
]] },
  { "Ctrl-C while main runs", CTRL_C .. [[
asyncio.get_running_loop():call_later(0.1, ctrl_c)
local _ <close> = setmetatable({}, { __close = function() print("main cleanup") end })
await(asyncio.sleep(10))
]] },
  { "Ctrl-C while main cleans up after a cancellation", CTRL_C .. [[
local loop = asyncio.get_running_loop()
local main = asyncio.current_task()
loop:call_later(0.1, function() main:cancel() end)
local ok, e = pcall(await, asyncio.sleep(10))
print("main cancelled, cleaning up")
loop:call_later(0.1, ctrl_c)
local _ <close> = setmetatable({}, { __close = function() print("cleanup interrupted") end })
await(asyncio.sleep(10))
]] },
  { "Ctrl-C after main took its cancellation back", CTRL_C .. [[
local loop = asyncio.get_running_loop()
local main = asyncio.current_task()
loop:call_later(0.1, function() main:cancel() end)
local ok, e = pcall(await, asyncio.sleep(10))
print("main cancelled, uncancels")
main:uncancel()
loop:call_later(0.1, ctrl_c)
local _ <close> = setmetatable({}, { __close = function() print("cleanup interrupted") end })
await(asyncio.sleep(10))
]] },
  { "main raises KeyboardInterrupt after catching a Ctrl-C's cancellation", CTRL_C .. [[
asyncio.get_running_loop():call_later(0.1, ctrl_c)
local ok, e = pcall(await, asyncio.sleep(10))
if asyncio.CancelledError:is(e) then print("main caught its cancellation") end
error(asyncio.KeyboardInterrupt("mine"))
]] },
  { "main fails while a worker thread runs", [[
asyncio.create_task(asyncio.to_thread(function() time.sleep(0.3) print("thread done") end))
await(asyncio.sleep(0))
error(asyncio.ValueError("boom"))
]] },
}

-- What exit_order.py prints under CPython 3.13.
local EXPECTED = [[
-- main fails while a task is pending
main raises
bg cancelled
bg finally
error: ValueError: boom
status 1
-- main cancelled while a task is pending
bg finally
error: CancelledError
status 1
-- main exits with a message while a task is pending
bg finally
bye
status 1
-- a callback raises KeyboardInterrupt while a task is pending
bg finally
error: KeyboardInterrupt: from a callback
status 130
-- Ctrl-C while main runs
main cleanup
error: KeyboardInterrupt
status 130
-- Ctrl-C while main cleans up after a cancellation
main cancelled, cleaning up
cleanup interrupted
error: CancelledError
status 1
-- Ctrl-C after main took its cancellation back
main cancelled, uncancels
cleanup interrupted
error: KeyboardInterrupt
status 130
-- main raises KeyboardInterrupt after catching a Ctrl-C's cancellation
main caught its cancellation
error: KeyboardInterrupt: mine
status 130
-- main fails while a worker thread runs
thread done
error: ValueError: boom
status 1
]]

local got = {}
local function say(line) got[#got + 1] = line .. "\n" end
for _, s in ipairs(SCENARIOS) do
  local out, _, code = run('"$L" ' .. quote(tmpfile(s[2])) .. " 2>&1", nil, 20)
  say("-- " .. s[1])
  local in_traceback = false
  for line in out:gmatch("([^\n]*)\n") do
    if line == "stack traceback:" then
      in_traceback = true
    elseif in_traceback and (line:sub(1, 1) == "\t" or line:sub(1, 2) == "  ") then
      -- (a frame)
    elseif line:sub(1, 9) == "luasync: " then
      in_traceback = false
      say("error: " .. line:sub(10))
    elseif line == "KeyboardInterrupt" then
      in_traceback = false
      say("error: " .. line)
    else
      in_traceback = false
      say(line)
    end
  end
  say("status " .. code)
end
eq("luasync's transcript", table.concat(got), EXPECTED)

local python = os.getenv("HOME") .. "/.pyenv/versions/3.13.0/bin/python3"
if io.open(python) then
  local out = run(python .. " exit_order.py", nil, 60)
  eq("CPython's transcript (exit_order.py)", out, EXPECTED)
end
finish()
