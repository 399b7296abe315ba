-- A signal handler that was removed (by itself, as it ran; by another
-- handler while its signal was pending) is let go once it ran: its callback
-- and arguments can be collected, as CPython keeps no reference to a
-- removed handler. (A signal read schedules the handle: the ready queue
-- holds it until it ran.) In debug mode too, where the slow-callback report
-- used to keep the last handle a signal ran.
local cli = require "lib.cli"
local check = cli.check

local loop = asyncio.get_running_loop()
local alive = setmetatable({}, { __mode = "k" })
local ran = false
do
  local arg = {}
  alive[arg] = true
  loop:add_signal_handler("SIGUSR1", function(a)
    ran = a ~= nil
    loop:remove_signal_handler("SIGUSR1")
  end, arg)
end
os.execute("kill -USR1 $PPID")  -- (the shell's parent: this process)
for _ = 1, 100 do
  if ran then break end
  await(asyncio.sleep(0.01))
end
check("the handler ran", ran)
collectgarbage()
collectgarbage()
check("its argument was collected after its removal", next(alive) == nil)

-- Removed by another signal's handler after its signal was read: it runs
-- (it was scheduled, as CPython's), and then nothing holds it.
ran = false
do
  local arg = {}
  alive[arg] = true
  loop:add_signal_handler("SIGUSR1", function() loop:remove_signal_handler("SIGUSR2") end)
  loop:add_signal_handler("SIGUSR2", function(a) ran = a ~= nil end, arg)
end
os.execute("kill -USR1 $PPID; kill -USR2 $PPID")
for _ = 1, 100 do
  if ran then break end
  await(asyncio.sleep(0.01))
end
loop:remove_signal_handler("SIGUSR1")
check("the handler removed while its signal was pending ran", ran)
collectgarbage()
collectgarbage()
check("its argument was collected after it ran", next(alive) == nil)
-- In debug mode too: its slow-callback report names the handle the ready
-- entry ran, which keeps nothing after it.
loop:set_debug(true)
ran = false
do
  local arg = {}
  alive[arg] = true
  loop:add_signal_handler("SIGUSR1", function(a)
    ran = a ~= nil
    loop:remove_signal_handler("SIGUSR1")
  end, arg)
end
os.execute("kill -USR1 $PPID")
for _ = 1, 100 do
  if ran then break end
  await(asyncio.sleep(0.01))
end
loop:set_debug(false)
check("in debug mode: the handler ran", ran)
collectgarbage()
collectgarbage()
check("in debug mode: its argument was collected after its removal", next(alive) == nil)
cli.finish()
