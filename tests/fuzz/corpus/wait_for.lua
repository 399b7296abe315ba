-- fuzz: terminates
-- wait_for: in time, without a deadline, timing out (with the cause), on a task.
local slow = async(function(delay)
  await(asyncio.sleep(delay))
  return "late"
end)

print(await(asyncio.wait_for(slow(5), 10)))
print(await(asyncio.wait_for(slow(1), nil)))
local ok, e = pcall(await, asyncio.wait_for(slow(5), 1))
print(ok, e, asyncio.TimeoutError:is(e), e.cause)
local t = asyncio.create_task(slow(2))
ok, e = pcall(await, asyncio.wait_for(t, 0))
print(ok, e, t:cancelled())
local done = asyncio.create_task(slow(0))
await(asyncio.sleep(1))
print(await(asyncio.wait_for(done, 0)))
