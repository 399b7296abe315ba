-- asyncio.run inside a script turns the loop as many times as CPython's
-- run does after its coroutine returned: one iteration for the stop, then
-- the cancellation of what is left (until the iteration after the gather
-- of those tasks ended), then two for shutdown_asyncgens and two for
-- shutdown_default_executor. A call_soon chain counts them. Before, it
-- turned the loop once after the cancellation: the chain's last ticks came
-- after run returned.
-- Reference: reference/run_shutdown_turns.py
local stopped = {}  -- the runs that returned: their chains end (CPython's loop is closed then)

local function tick(loop, label, n)
  if stopped[label] then return end
  print(label, "tick", n)
  loop:call_soon(tick, loop, label, n + 1)
end

local worker = async(function(label, awaits)
  local ok, e = pcall(await, asyncio.sleep(10))
  if not ok then
    print(label, "worker cancelled")
    for i = 1, awaits do
      await(asyncio.sleep(0))
      print(label, "cleanup await", i)
    end
    print(label, "cleanup done")
    error(e, 0)
  end
end)

local main = async(function(label, awaits, fail)
  local loop = asyncio.get_running_loop()
  if awaits ~= nil then
    local t = asyncio.create_task(worker(label, awaits))
    t:add_done_callback(function() print(label, "worker done callback") end)
    await(asyncio.sleep(0))
  end
  loop:call_soon(tick, loop, label, 1)
  print(label, "main returns")
  if fail then error(asyncio.ValueError("boom")) end
end)

for _, case in ipairs({ { "none" }, { "zero", 0 }, { "one", 1 }, { "three", 3 }, { "fails", 2, true } }) do
  local label, awaits, fail = case[1], case[2], case[3]
  local ok, e = pcall(asyncio.run, main(label, awaits, fail))
  stopped[label] = true
  if ok then print(label, "after run") else print(label, "after run", e.message) end
end
