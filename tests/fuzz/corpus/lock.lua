-- fuzz: terminates
-- Lock: the <close> guard, FIFO waiters, release misuse, a cancelled waiter.
local lock = asyncio.Lock()
local worker = async(function(name)
  local _ <close> = await(lock:acquire())
  print(name, "has the lock")
  await(asyncio.sleep(1))
end)
await(asyncio.gather(worker("a"), worker("b"), worker("c")))
print(lock:locked(), pcall(lock.release, lock))

await(lock:acquire())
local waiter = asyncio.create_task(worker("w"))
await(asyncio.sleep(0))
print(tostring(lock))
waiter:cancel()
lock:release()
print(pcall(await, waiter))
print(lock:locked())
do
  local _ <close> = await(lock:acquire())
  print("held", lock:locked())
end
print("released", lock:locked())
