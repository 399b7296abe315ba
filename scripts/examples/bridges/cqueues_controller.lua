-- A cqueues controller beside the tasks: cqueues runs its own coroutines
-- (here two that sleep with cqueues.sleep and talk through a cqueues socket
-- pair); luasync drives the controller from its loop: loop:add_reader on the
-- controller's pollfd() when it has events, and a timer for its next
-- timeout, each calling cq:step(0). A luasync task waits for the result.
-- Needs Debian's lua-cqueues. Run: luasync scripts/examples/bridges/cqueues_controller.lua
local cqueues = require "cqueues"
local csocket = require "cqueues.socket"
local loop = asyncio.get_running_loop()

local cq = cqueues.new()
local done = loop:create_future()

-- cqueues' own code, unchanged: a writer and a reader on a socket pair.
local a, b = csocket.pair()
cq:wrap(function()
  for i = 1, 3 do
    cqueues.sleep(0.05)
    a:write("message " .. i .. "\n")
  end
  a:close()
end)
cq:wrap(function()
  local got = {}
  for line in b:lines() do got[#got + 1] = line end
  done:set_result(got)
end)

-- The bridge: step the controller when its descriptor is readable or its
-- next timeout comes; stop when it has nothing left.
local timer
local function step()
  if timer then timer:cancel() end
  timer = nil
  assert(cq:step(0))
  if cq:empty() then
    loop:remove_reader(cq:pollfd())
    return
  end
  local wait = cq:timeout()
  if wait then timer = loop:call_later(wait, step) end
end
loop:add_reader(cq:pollfd(), step)
loop:call_soon(step)

local ticks = 0
local ticker = asyncio.spawn(function()
  while true do
    ticks = ticks + 1
    await(asyncio.sleep(0.01))
  end
end)

for _, line in ipairs(await(done)) do print(line) end
print("luasync's tasks ran meanwhile:", ticks >= 10)
ticker:cancel()
