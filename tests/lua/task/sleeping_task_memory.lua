-- What a sleeping task costs in the Lua heap (collectgarbage("count"), which
-- counts each small block at its size class): ~1,350 bytes for
-- asyncio.spawn(fn, arg) of a function that awaits asyncio.sleep -- the
-- coroutine (state 208, stack 720), three CallInfos, the task's table with
-- no array part, the sleep op without user values, its slot in the
-- deadlines and in the pending tasks' array. bench/w3_sleepers.lua measures
-- the whole process (issue 17: at most 1,500 bytes a task at a million);
-- this pins the Lua side, whatever the machine: it was 1,440 before the
-- sleeping task lost a CallInfo and its table's array part.
local K = 20000
local heap_kb = require "lib.heap"
local sleep, spawn = asyncio.sleep, asyncio.spawn
local function sleeper(d) await(sleep(d)) end

-- A first round grows what the runtime keeps between rounds.
for _ = 1, K do spawn(sleeper, 1) end
await(sleep(0))
await(sleep(2))

local before = heap_kb()
for _ = 1, K do spawn(sleeper, 1) end
await(sleep(0))
await(sleep(0))
local per_task = (heap_kb() - before) * 1024 / K
assert(per_task < 1400, ("%.0f bytes a sleeping task"):format(per_task))
await(sleep(2))
print("ok")
