-- output: shape
-- clock: real (the child really sleeps; the virtual clock would not follow it)
-- Lesson 003, example 9: a subprocess, waited for without blocking the loop.
local function now()
  local t = time.time()
  return os.date("%Y-%m-%d %H:%M:%S", math.floor(t)) .. ("%.6f"):format(t % 1):sub(2)
end

local main = async(function()
  print(("%s : %s"):format(now(), "main thread"))
  local p = await(asyncio.create_subprocess_shell("sleep 1"))
  await(p:wait())
  print(("%s : %s"):format(now(), "main thread"))
end)

asyncio.run(main())
