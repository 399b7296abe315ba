-- The ready queue's arrays give their room back once the tasks that filled
-- them are done: 50,000 tasks spawned, each woken once, gathered (W1's
-- shape: three batches of 50,000 in turn), then the program's memory is
-- back where it was, but for the array of pending tasks (16 bytes a slot,
-- sized to the most tasks pending at once: 1 MB here), and not 3 MB higher
-- for each set of the queue's arrays kept.
local function settled_kb()
  for _ = 1, 3 do await(asyncio.sleep(0)) end
  collectgarbage("collect")
  collectgarbage("collect")
  return collectgarbage("count")
end

local function task(i)
  await(asyncio.sleep(0))
  return i
end

local before = settled_kb()
for round = 1, 3 do
  local tasks = {}
  for i = 1, 50000 do tasks[i] = asyncio.spawn(task, i) end
  local res = await(asyncio.gather(table.unpack(tasks)))
  assert(#res == 50000 and res[50000] == 50000)
  tasks, res = nil, nil
  local grown = settled_kb() - before
  print(("round %d: %s"):format(round, grown < 2048 and "memory back" or ("%.0f KB kept"):format(grown)))
end
