-- The runtime's own tables give back the room that 300,000 tasks grew once
-- those tasks ended and nothing holds them: the ops made in one step (FRESH:
-- 300,000 Event waits made by one loop, 8 MB of array) and the deadlines'
-- slots (300,000 sleeps of different lengths, 8 MB) are sized again to what
-- they hold, as CPython's memory comes back when its tasks go. Lua resizes a
-- table only when a new key finds no room, so an emptied table kept its
-- largest array until the program ended: 25 MB stayed in the heap after
-- both waves, rounds after rounds. (The pending tasks' anchor still keeps
-- its room: 8 MB here, up to 12 MB once its keys went to its hash part.)
local K = 300000
local heap_kb = require "lib.heap"
local start = heap_kb()

local function event_wave()
  local ev = asyncio.Event()
  local tasks = {}
  for i = 1, K do tasks[i] = asyncio.create_task(ev:wait()) end
  await(asyncio.sleep(0))
  ev:set()
  await(asyncio.gather(table.unpack(tasks, 1, 1000)))
end

local function sleep_wave()
  for i = 1, K do asyncio.spawn(asyncio.sleep, 0.1 + i * 1e-6) end
  await(asyncio.sleep(1))
end

for round = 1, 2 do
  event_wave()
  await(asyncio.sleep(0))
  sleep_wave()
  await(asyncio.sleep(0.1))
  local kept = heap_kb() - start
  print(("round %d: %s"):format(round, kept < 20 * 1024 and "the room came back" or
    ("%.1f MB kept"):format(kept / 1024)))
end
