-- producer_consumer: a producer feeds jobs through an asyncio.Queue(2) to two workers.
-- put() waits while the queue is full (back-pressure), get() waits while it is empty;
-- each worker calls task_done() per job so that join() knows when everything is
-- processed. The workers loop forever: main cancels them at the end.
-- Python twin: python/producer_consumer.py
local t0

local function log(fmt, ...)
  print(("%3.1f s  " .. fmt):format(time.perf_counter() - t0, ...))
end

local producer = async(function(queue, n)
  for i = 1, n do
    local job = ("job%d"):format(i)
    await(queue:put(job)) -- waits while the queue is full
    log("produced %s (queue size %d)", job, queue:qsize())
  end
  log("producer done")
end)

local worker = async(function(name, queue, done)
  while true do
    local job = await(queue:get()) -- waits while the queue is empty
    log("%s takes %s", name, job)
    await(asyncio.sleep(1)) -- the work
    done[#done + 1] = job
    queue:task_done()
  end
end)

local main = async(function()
  t0 = time.perf_counter()
  local queue = asyncio.Queue(2)
  local done = {}
  local workers = {}
  for i = 1, 2 do workers[i] = asyncio.create_task(worker(("worker%d"):format(i), queue, done)) end
  await(producer(queue, 6))
  await(queue:join()) -- every job put has been marked done
  log("all %d jobs processed", #done)
  for _, w in ipairs(workers) do w:cancel() end
  await(asyncio.gather(workers[1], workers[2], { return_exceptions = true }))
  log("workers stopped")
end)

asyncio.run(main())
