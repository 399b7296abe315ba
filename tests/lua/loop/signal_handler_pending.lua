-- A signal's handler is scheduled when the loop reads the signal (as
-- CPython's _handle_signal puts the registered Handle in the ready queue)
-- and runs one turn later: a handler removed or replaced in between still
-- runs, as it was scheduled (remove_signal_handler does not cancel it); one
-- removed before the signal is read does not run.
-- Reference: reference/signal_handler_pending.py
local p = require("lib.show").p
local f = assert(io.open("/proc/self/stat"))
local PID = f:read("n")
f:close()

-- (os.execute returns once the kills are done: the signals have arrived,
-- and the loop reads them at its next poll, as Python's os.kill)
local function kill(...)
  local cmds = {}
  for i, sig in ipairs { ... } do cmds[i] = "kill -" .. sig .. " " .. PID end
  os.execute(table.concat(cmds, "; "))
end

local function turns(n)
  for _ = 1, n do await(asyncio.sleep(0)) end
end

local main = async(function()
  local loop = asyncio.get_running_loop()
  local events = {}
  local function show(title)
    p(title .. ":", table.concat(events, " "))
    events = {}
  end
  local function add(e) events[#events + 1] = e end

  -- The turn that reads the signal schedules the handler after what that
  -- turn's callbacks schedule.
  loop:add_signal_handler("SIGUSR1", function() add("handler") end)
  kill("USR1")
  add("sent")
  await(asyncio.sleep(0))
  add("read")
  loop:call_soon(function() add("soon") end)
  turns(3)
  show("order")

  -- Removed by another signal's handler of the same turn: it still runs.
  loop:add_signal_handler("SIGUSR1", function()
    add("h1 removes usr2=" .. tostring(loop:remove_signal_handler("SIGUSR2")))
  end)
  loop:add_signal_handler("SIGUSR2", function(tag) add("h2 " .. tag) end, "removed")
  kill("USR1", "USR2")
  turns(3)
  show("removed while pending")

  -- Replaced by another signal's handler: the old one runs for the signal
  -- already read, the new one for the next.
  loop:add_signal_handler("SIGUSR1", function()
    loop:add_signal_handler("SIGUSR2", function() add("new h2") end)
    add("h1 replaces h2")
  end)
  loop:add_signal_handler("SIGUSR2", function() add("old h2") end)
  kill("USR1", "USR2")
  turns(3)
  kill("USR2")
  turns(3)
  show("replaced while pending")

  -- Removed by a callback that runs after the read, before the handler.
  loop:add_signal_handler("SIGUSR2", function() add("h2") end)
  kill("USR2")
  await(asyncio.sleep(0))
  loop:call_soon(function() add("removed " .. tostring(loop:remove_signal_handler("SIGUSR2"))) end)
  turns(3)
  show("removed by a callback")

  -- Removed before the loop read the signal: it does not run.
  loop:add_signal_handler("SIGUSR2", function() add("h2") end)
  kill("USR2")
  add("removed " .. tostring(loop:remove_signal_handler("SIGUSR2")))
  turns(3)
  show("removed before the read")

  loop:remove_signal_handler("SIGUSR1")
  loop:remove_signal_handler("SIGUSR2")
end)

asyncio.run(main())
