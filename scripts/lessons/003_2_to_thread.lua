-- output: shape
-- clock: real (the worker really sleeps; the virtual clock would not follow it)
-- Lesson 003, example 2: a blocking function run with asyncio.to_thread runs in another
-- thread (the lesson shows it with threading.get_ident(); here each line says where it runs).
-- The function is copied into the worker's own Lua state, so it gets what it needs (its
-- clock function) as an argument.
local function now()
  local t = time.time()
  return os.date("%Y-%m-%d %H:%M:%S", math.floor(t)) .. ("%.6f"):format(t % 1):sub(2)
end

local function sleep(secs, stamp)
  print(("%s : %s"):format(stamp(), "worker thread"))
  time.sleep(secs)
  print(("%s : %s"):format(stamp(), "worker thread"))
end

local main = async(function()
  print(("%s : %s"):format(now(), "main thread"))
  await(asyncio.to_thread(sleep, 1, now))
  print(("%s : %s"):format(now(), "main thread"))
end)

asyncio.run(main())
