-- fuzz: terminates
-- A Python-shaped script: main() with asyncio.run, try/except as pcall.
local say_after = async(function(delay, what)
  await(asyncio.sleep(delay))
  print(what)
  return what
end)

local main = async(function()
  local t0 = time.perf_counter()
  local t1 = asyncio.create_task(say_after(1, "hello"))
  local t2 = asyncio.create_task(say_after(2, "world"))
  await(t1)
  await(t2)
  print(string.format("finished in %.2f s", time.perf_counter() - t0))
  local ok, e = pcall(function()
    return await(asyncio.wait_for(say_after(5, "too late"), 1))
  end)
  if not ok and asyncio.TimeoutError:is(e) then print("timed out:", e) end
  time.sleep(1)
  print(time.time() > 0, time.monotonic_ns() > 0)
end)

asyncio.run(main())
