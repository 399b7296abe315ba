-- fuzz: terminates
-- timeout scopes: expiry into TimeoutError, reschedule, timeout_at, in time.
local loop = asyncio.get_running_loop()
local t0 = loop:time()

local cm
local ok, e = pcall(function()
  local scope <close> = asyncio.timeout(1)
  cm = scope
  await(asyncio.sleep(5))
  print("not reached")
end)
print(ok, e, asyncio.TimeoutError:is(e), e.cause, cm:expired())

ok, e = pcall(function()
  local scope <close> = asyncio.timeout(nil)
  print(scope:when())
  scope:reschedule(loop:time() + 2)
  await(asyncio.sleep(1))
  scope:reschedule(scope:when() + 2)
  await(asyncio.sleep(10))
end)
print(ok, e, loop:time() - t0)

do
  local scope <close> = asyncio.timeout_at(loop:time() + 10)
  await(asyncio.sleep(1))
  print(scope:expired())
end
print(pcall(cm.reschedule, cm, 5))
