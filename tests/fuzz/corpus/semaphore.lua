-- fuzz: terminates
-- Semaphore: ten downloads, three at a time; BoundedSemaphore misuse.
local sem = asyncio.Semaphore(3)
local running, peak = 0, 0
local download = async(function(i)
  local _ <close> = await(sem:acquire())
  running = running + 1
  peak = math.max(peak, running)
  await(asyncio.sleep(1))
  running = running - 1
  return i
end)
local jobs = {}
for i = 1, 10 do jobs[i] = download(i) end
local results = await(asyncio.gather(table.unpack(jobs)))
print(results.n, "downloads, peak concurrency", peak)

local b = asyncio.BoundedSemaphore(2)
await(b:acquire())
b:release()
print(pcall(b.release, b))
print(pcall(asyncio.Semaphore, -1))
local zero = asyncio.Semaphore(0)
print(zero:locked())
local t = asyncio.spawn(function() await(zero:acquire()); return "got it" end)
await(asyncio.sleep(0))
zero:release()
print(await(t))
