-- clock: real
-- loop:add_signal_handler and remove_signal_handler as CPython's: bad
-- signals, a handler run as a loop callback with its arguments, a second add
-- replacing the first, an error in a handler reported, removal.
-- Reference: reference/loop_signals.py
local p = require("lib.show").p
local f = assert(io.open("/proc/self/stat"))
local PID = f:read("n")
f:close()
-- (in the background: system() would hold the signal while it waits)
local function kill(sig) os.execute("kill -" .. sig .. " " .. PID) end

local main = async(function()
  local loop = asyncio.get_running_loop()
  for _, s in ipairs { 9, 999, 0 } do
    local ok, e = pcall(loop.add_signal_handler, loop, s, print)
    if not ok then p(getmetatable(e).__name, e) end
  end
  p("remove unknown", loop:remove_signal_handler("SIGUSR1"))

  local co = async(function() end)
  local ok, e = pcall(loop.add_signal_handler, loop, "SIGUSR1", co)
  if not ok then p("TypeError", e) end

  -- the handler runs as a callback of the loop, with its arguments
  local got = loop:create_future()
  local function on_usr1(tag)
    p("handler", tag)
    if not got:done() then got:set_result("usr1") end
  end
  loop:add_signal_handler("SIGUSR1", on_usr1, "t")
  kill("USR1")
  p("future", await(got))

  -- a second add replaces the handler; two signals, two calls
  local count = 0
  loop:add_signal_handler("SIGUSR1", function() count = count + 1 end)
  kill("USR1")
  await(asyncio.sleep(0.1))
  kill("USR1")
  await(asyncio.sleep(0.1))
  p("count", count)

  -- an error in a handler is reported and the loop goes on
  loop:add_signal_handler("SIGUSR2", function() error(asyncio.ValueError("handler broke")) end)
  kill("USR2")
  await(asyncio.sleep(0.1))
  p("removed", loop:remove_signal_handler("SIGUSR1"), loop:remove_signal_handler("SIGUSR2"),
    loop:remove_signal_handler("SIGUSR1"))
end)

asyncio.run(main())
