-- fuzz: terminates
-- Cleanup on cancellation: <close> variables, cancelling a task in a timeout,
-- cancelling a task blocked on a lock, a queue and an event.
local function finally(fn) return setmetatable({}, { __close = fn }) end

local guarded = async(function(name)
  local _ <close> = finally(function(_, err) print(name, "cleanup", err) end)
  await(asyncio.sleep(10))
end)

local t = asyncio.create_task(guarded("one"))
await(asyncio.sleep(1))
t:cancel()
print(pcall(await, t))

local lock, q, ev = asyncio.Lock(), asyncio.Queue(), asyncio.Event()
await(lock:acquire())
local blocked = {
  asyncio.spawn(function() return await(lock:acquire()) end),
  asyncio.spawn(function() return await(q:get()) end),
  asyncio.spawn(function() return await(ev:wait()) end),
}
await(asyncio.sleep(0))
for _, b in ipairs(blocked) do b:cancel() end
local rs = await(asyncio.gather(blocked[1], blocked[2], blocked[3], { return_exceptions = true }))
print(rs[1], rs[2], rs[3])
lock:release()
q:put_nowait("still there")
print(lock:locked(), q:get_nowait())

local self_cancel = asyncio.spawn(function()
  asyncio.current_task():cancel()
  await(asyncio.sleep(0))
  print("not reached")
end)
print(pcall(await, self_cancel))
