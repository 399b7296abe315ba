-- fuzz: terminates
-- asyncio.wait: FIRST_COMPLETED, a timeout, FIRST_EXCEPTION, ALL_COMPLETED.
local work = async(function(n)
  await(asyncio.sleep(n))
  if n == 4 then error(asyncio.ValueError("four")) end
  return n
end)

local tasks = {}
for i, d in ipairs({ 3, 1, 2 }) do tasks[i] = asyncio.create_task(work(d)) end
local done, pending = await(asyncio.wait(tasks, { return_when = asyncio.FIRST_COMPLETED }))
print(#done, #pending, done[1]:result())
done, pending = await(asyncio.wait(tasks, { timeout = 1.5 }))
print(#done, #pending)
done, pending = await(asyncio.wait(tasks))
print(#done, #pending)

local more = { asyncio.create_task(work(4)), asyncio.create_task(work(6)) }
done, pending = await(asyncio.wait(more, { return_when = asyncio.FIRST_EXCEPTION }))
print(#done, #pending, done[1]:exception())
for _, t in ipairs(pending) do t:cancel() end
print(pcall(asyncio.wait, {}))
print(pcall(asyncio.wait, { work(1) }))
