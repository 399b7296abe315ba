-- Debug mode's slow-callback report ("Executing <Handle ...> took N
-- seconds") of callbacks that run in one turn of the loop, on the virtual
-- clock (time.sleep moves it: the times are exact):
-- - a slow callback's report names its own blocking calls only, not those
--   of a quick callback that ran just before it (on the virtual clock that
--   one's call ended as this one began).
local cli = require "lib.cli"
local eq = cli.eq

-- Runs text as a script under the virtual clock, in debug mode (its line 3
-- is text's first), the shell text `before` in front of the command; answers
-- its stderr (the script's path shown as x.lua) and exit status.
local function run(text, before)
  local path = cli.tmpfile("local loop = asyncio.get_running_loop()\nloop:set_debug(true)\n" .. text)
  local _, err, code = cli.run((before or "") .. "$L --clock=virtual " .. path)
  return (err:gsub(path:gsub("%p", "%%%0"), "x.lua")), code
end
local ADVICE = "; a callback cannot await: do this in a task (asyncio.create_task) and there use " ..
  "await(asyncio.sleep(%s)) or asyncio.to_thread\n"
local function blocked(seconds, line)
  return ("time.sleep(%s) blocked the event loop for %s s at x.lua:%d" .. ADVICE):format(seconds, seconds, line, seconds)
end

local err, code = run([[
local function quick() time.sleep(0.06) end
local function slow() time.sleep(0.15) end
loop:call_soon(quick)
loop:call_soon(slow)
await(asyncio.sleep(0.3))
]])
eq("two callbacks: status", code, 0)
eq("two callbacks: the slow one with its own call",
  err, "Executing <Handle slow() at x.lua:4 created at x.lua:6> took 0.150 seconds\n" .. blocked("0.15", 4))

cli.finish()
