-- Two asyncio.run() calls in one script, as lessons often do: the first
-- run's leftover task is cancelled (its cleanup runs) before the second
-- starts. Same scenario as reference/run_twice.py.
local ticker = async(function()
  local ok, e = pcall(function()
    while true do
      print("t1 tick")
      await(asyncio.sleep(1))
    end
  end)
  if asyncio.CancelledError:is(e) then print("t1 cancelled") end
  error(e, 0)
end)

local demo1 = async(function()
  asyncio.create_task(ticker())
  await(asyncio.sleep(1.5))
  print("demo1 done")
end)

local demo2 = async(function()
  await(asyncio.sleep(0.5))
  print("demo2 done")
end)

asyncio.run(demo1())
print("between")
asyncio.run(demo2())
print("end")
