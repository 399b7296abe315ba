-- When main returns, the tasks still running are cancelled and awaited
-- (their cleanup may await); finished tasks are left alone.
-- Reference: reference/loop_shutdown.py

local background = async(function()
  print("background start")
  local ok, e = pcall(function()
    while true do
      await(asyncio.sleep(0.1))
      print("background tick")
    end
  end)
  if not ok and asyncio.CancelledError:is(e) then
    print(("background got %s"):format(tostring(e)))
    await(asyncio.sleep(0.05))
    print("background cleanup done")
  end
  error(e, 0)
end)

local quick = async(function()
  print("quick runs")
  return "quick"
end)

local main = async(function()
  asyncio.create_task(background())
  asyncio.create_task(quick())
  await(asyncio.sleep(0.25))
  print("main returns")
end)

asyncio.run(main())
