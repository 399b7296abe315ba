-- to_thread: a blocking function (time.sleep here; a slow library call, a big computation)
-- run with asyncio.to_thread goes to a worker thread, so the loop keeps running: the
-- ticker ticks while the function blocks. Called directly, it would stop the ticker
-- for its whole length (see blocking.lua).
-- The function runs in the worker's own Lua state: it gets copies of its arguments and
-- gives back copies of its results.
-- Python twin: python/to_thread.py
local function blocking_read(name)
  print(("blocking_read(%s): start"):format(name))
  time.sleep(1.1) -- blocks the worker thread only
  print(("blocking_read(%s): done"):format(name))
  return "contents of " .. name
end

local ticker = async(function()
  for i = 1, 4 do
    await(asyncio.sleep(0.25))
    print(("tick %d"):format(i))
  end
end)

local main = async(function()
  local results = await(asyncio.gather(asyncio.to_thread(blocking_read, "data.txt"), ticker()))
  print(results[1])
end)

asyncio.run(main())
