-- event_start: several runners wait for one Event; set() starts them all at once.
-- Python twin: python/event_start.py
local main = async(function()
  local go = asyncio.Event()
  local t0 = time.perf_counter()

  local runner = async(function(name)
    print(name .. " ready")
    await(go:wait())
    print(("%s starts at %.1f s"):format(name, time.perf_counter() - t0))
  end)

  local tasks = {}
  for i = 1, 3 do tasks[i] = asyncio.create_task(runner("runner-" .. i)) end
  await(asyncio.sleep(2))
  print("ready, steady... go!")
  go:set()
  await(asyncio.gather(table.unpack(tasks)))
  print("event set? " .. tostring(go:is_set()))
end)

asyncio.run(main())
