-- queue_pipeline: a producer feeds two workers through a bounded Queue. put() waits while
-- the queue is full; join() returns once every item was marked done with task_done().
-- Python twin: python/queue_pipeline.py
local main = async(function()
  local q = asyncio.Queue(2)
  local t0 = time.perf_counter()
  local function stamp() return ("%.1f s"):format(time.perf_counter() - t0) end

  local worker = async(function(name)
    while true do
      local item = await(q:get())
      await(asyncio.sleep(item))
      print(("%s %s finished a job of %d s"):format(stamp(), name, item))
      q:task_done()
    end
  end)

  local workers = {}
  for i = 1, 2 do workers[i] = asyncio.create_task(worker("worker-" .. i)) end
  for _, seconds in ipairs({ 1, 2, 1, 3, 1 }) do
    await(q:put(seconds))
    print(("%s queued %d, size %d"):format(stamp(), seconds, q:qsize()))
  end
  await(q:join())
  print(stamp() .. " all jobs done")
  for _, w in ipairs(workers) do w:cancel() end
  await(asyncio.gather(workers[1], workers[2], { return_exceptions = true }))
end)

asyncio.run(main())
