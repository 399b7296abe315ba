-- A signal handler that was removed (here by itself, as it ran) is let go:
-- its callback and arguments can be collected, as CPython keeps no
-- reference to a removed handler. (Debug mode's report of a slow signal
-- handler keeps the last handle it ran, in debug mode only.)
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
cli.finish()
