-- Cleanup that awaits while a cancellation (or an error) unwinds: <close>
-- handlers (Python's async with) and pcall-based finally blocks; a second
-- cancel interrupts the cleanup.
-- Reference: reference/cancel_cleanup.py

local Resource = {}
Resource.__index = Resource

function Resource.new(name)
  return setmetatable({name = name}, Resource)
end

Resource.enter = async(function(self)
  print(("%s open"):format(self.name))
  await(asyncio.sleep(0.01))
  return self
end)

function Resource.__close(self, e)
  print(("%s closing after %s"):format(self.name, e and tostring(e) or "success"))
  await(asyncio.sleep(0.1))
  print(("%s closed"):format(self.name))
end

local user = async(function(name, work)
  do
    local _ <close> = await(Resource.new(name):enter())
    print(("%s working"):format(name))
    await(asyncio.sleep(work))
    if work < 0.05 then
      error(asyncio.ValueError(("%s failed"):format(name)))
    end
    print(("%s work done"):format(name))
  end
  return ("%s result"):format(name)
end)

local with_finally = async(function(name)
  local ok, e = pcall(function()
    print(("%s sleeping"):format(name))
    await(asyncio.sleep(1))
  end)
  print(("%s finally starts"):format(name))
  await(asyncio.sleep(0.1))
  print(("%s finally ends"):format(name))
  if not ok then error(e, 0) end
end)

local expect = require("lib.show").expect

local main = async(function()
  local loop = asyncio.get_running_loop()

  -- cleanup that awaits runs to the end before the awaiter sees the error
  local t = asyncio.create_task(user("r1", 1))
  await(asyncio.sleep(0.05))
  local t0 = loop:time()
  t:cancel("stop")
  local e = expect(asyncio.CancelledError, pcall(await, t))
  print(("r1: %s after %.1f"):format(tostring(e), loop:time() - t0))

  -- normal exit and error exit run the same cleanup
  print(await(user("r2", 0.05)))
  e = expect(asyncio.ValueError, pcall(await, user("r3", 0.01)))
  print(("r3: %s"):format(tostring(e)))

  -- a finally block that awaits after cancellation
  t = asyncio.create_task(with_finally("f1"))
  await(asyncio.sleep(0))
  t0 = loop:time()
  t:cancel()
  e = expect(asyncio.CancelledError, pcall(await, t))
  print(("f1: %s after %.1f"):format(tostring(e), loop:time() - t0))

  -- a second cancel interrupts the cleanup itself
  t = asyncio.create_task(with_finally("f2"))
  await(asyncio.sleep(0))
  t:cancel("first")
  await(asyncio.sleep(0.05))
  t:cancel("second")
  e = expect(asyncio.CancelledError, pcall(await, t))
  print(("f2: %s cancelling=%d"):format(tostring(e), t:cancelling()))
  print("main end")
end)

asyncio.run(main())
