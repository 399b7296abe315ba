-- shield: protect a task from cancellation coming from outside. Here wait_for times out
-- and cancels the shield, but the task inside keeps running and can still be awaited.
-- Python twin: python/shield.py
local save_document = async(function()
  print("save: started")
  await(asyncio.sleep(2))
  print("save: finished")
  return "saved"
end)

local main = async(function()
  local t0 = time.perf_counter()
  local task = asyncio.create_task(save_document())
  local okay, err = pcall(function() await(asyncio.wait_for(asyncio.shield(task), 1)) end)
  if not okay then
    if not asyncio.TimeoutError:is(err) then error(err, 0) end
    print(("main: timed out after %.2f s, the save keeps running"):format(time.perf_counter() - t0))
  end
  print(("main: task cancelled? %s"):format(task:cancelled() and "yes" or "no"))
  local result = await(task)
  print(("main: result %s after %.2f s"):format(result, time.perf_counter() - t0))
end)

asyncio.run(main())
