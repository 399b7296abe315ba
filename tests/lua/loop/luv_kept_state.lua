-- luv keeps the lua_State its luaopen_luv was given and runs every callback
-- on it. Required from a task, that state must be the main thread (as in
-- lua5.4), not the task's coroutine: the task ends and is collected, other
-- tasks come and go, and luv's timer fires later on a state that still lives.
-- (Opened on the task's coroutine, the callback ran on freed memory: valgrind
-- showed invalid reads in lua_rawgeti from luv's timer callback.)
-- Needs Debian's lua-luv (scripts/bootstrap installs it for the tests).
local loop = asyncio.get_running_loop()
local fired = loop:create_future()
local uv

local function check(what, got, want)
  if got ~= want then error(("%s: got %s, want %s"):format(what, tostring(got), tostring(want)), 2) end
end

local opener = asyncio.spawn(function()
  uv = require "luv"
  local timer = uv.new_timer()
  timer:start(50, 0, function()
    local _, on_main = coroutine.running()
    -- Work that allocates and grows the stack, on the state luv kept.
    local parts = {}
    for i = 1, 200 do parts[i] = ("%d"):format(i) end
    timer:close()
    fired:set_result({on_main = on_main, text = table.concat(parts, ","):sub(1, 7)})
  end)
end)
await(opener)
opener = nil

-- The opening task's coroutine is gone; others take its place.
for i = 1, 200 do
  asyncio.spawn(function() await(asyncio.sleep(0.001 * (i % 5))) end)
end
collectgarbage()
collectgarbage()

-- luv's own loop, stepped from luasync's (scripts/examples/bridges/luv_loop.lua).
local next_step
local function step()
  if next_step then next_step:cancel(); next_step = nil end
  uv.run("nowait")
  local ms = uv.backend_timeout()
  if ms >= 0 then next_step = loop:call_later(ms / 1000, step) end
end
loop:add_reader(uv.backend_fd(), step)
step()

local got = await(asyncio.wait_for(fired, 5))
check("luv's callback ran on the main thread", got.on_main, true)
check("luv's callback computed", got.text, "1,2,3,4")
loop:remove_reader(uv.backend_fd())
if next_step then next_step:cancel() end
print("ok")
