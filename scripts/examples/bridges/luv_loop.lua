-- luv beside the tasks: luv keeps its own libuv loop (uv.run() would block
-- every task); luasync drives it with loop:add_reader on luv's backend
-- descriptor and a timer for its next timeout, each calling
-- uv.run("nowait"). A luv timer fires three times while a task ticks.
-- Needs Debian's lua-luv. Run: luasync scripts/examples/bridges/luv_loop.lua
local uv = require "luv"
local loop = asyncio.get_running_loop()
local t = uv.new_timer()
local fired = loop:create_future()
local n = 0
t:start(30, 30, function() n = n + 1; if n == 3 then t:stop(); t:close(); fired:set_result(n) end end)
local timer
local function step()
  if timer then timer:cancel(); timer = nil end
  uv.run("nowait")
  local ms = uv.backend_timeout()
  if ms >= 0 then timer = loop:call_later(ms / 1000, step) end
end
loop:add_reader(uv.backend_fd(), step)
step()
local ticks = 0
local ticker = asyncio.spawn(function() while true do ticks = ticks + 1; await(asyncio.sleep(0.01)) end end)
print("luv timer fired", await(fired), "times; ticks meanwhile:", ticks >= 5)
ticker:cancel()
loop:remove_reader(uv.backend_fd())
if timer then timer:cancel() end
