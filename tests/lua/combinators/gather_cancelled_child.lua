-- A child task cancelled with a message: with return_exceptions, gather gives
-- a CancelledError without the message (a task clears it when it ends); the
-- task's own await still raises the original. The gather future's repr.
-- Same scenario as reference/gather_cancelled_child.py.
local main = async(function()
  local c = asyncio.create_task(asyncio.sleep(10))
  await(asyncio.sleep(0))
  c:cancel("cc")
  local r = await(asyncio.gather(c, {return_exceptions = true}))
  print("gathered: " .. tostring(r[1]))
  local ok, e = pcall(await, c)
  print("await raised: " .. tostring(e))
  local g = asyncio.gather(asyncio.sleep(1))
  g:cancel("m")
  pcall(await, g)
  print(tostring(g))
end)

asyncio.run(main())
