-- fuzz: terminates
-- Event: several waiters start at once; clear, is_set, wait on a set event.
local go = asyncio.Event()
local runner = async(function(name)
  await(go:wait())
  print(name, "starts")
  return name
end)
local ts = { asyncio.create_task(runner("r1")), asyncio.create_task(runner("r2")) }
await(asyncio.sleep(1))
print(go:is_set(), tostring(go))
go:set()
print(await(asyncio.gather(table.unpack(ts))).n)
print(await(go:wait()))
go:clear()
print(go:is_set())
local ok, e = pcall(await, asyncio.wait_for(go:wait(), 1))
print(ok, e)
asyncio.get_running_loop():call_later(1, function() go:set() end)
print(await(go:wait()))
