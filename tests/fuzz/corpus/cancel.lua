-- fuzz: terminates
-- Cancellation: messages, cancelling()/uncancel(), pcall that re-raises.
local worker = async(function()
  local ok, e = pcall(await, asyncio.sleep(10))
  if not ok then
    print("worker cleanup", e)
    if asyncio.CancelledError:is(e) then error(e, 0) end
  end
  return "finished"
end)

local t = asyncio.create_task(worker())
await(asyncio.sleep(1))
print(t:cancel("stop now"), t:cancelling())
local ok, e = pcall(await, t)
print(ok, e, t:cancelled(), t:done())
print(t:cancel())

local stubborn = asyncio.spawn(function()
  local ok2 = pcall(await, asyncio.sleep(5))
  print("swallowed", not ok2, asyncio.current_task():cancelling())
  asyncio.current_task():uncancel()
  return "survived"
end)
await(asyncio.sleep(0))
stubborn:cancel()
print(await(stubborn))

local early = asyncio.create_task(worker())
early:cancel()
print(pcall(await, early))
