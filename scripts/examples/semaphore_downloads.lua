-- semaphore_downloads: ten downloads, at most three at a time. A Semaphore(3) lets three
-- tasks in; the others wait their turn in FIFO order. 10 downloads of 1 s take 4 s.
-- Python twin: python/semaphore_downloads.py
local sem = asyncio.Semaphore(3)
local running, peak = 0, 0

local download = async(function(i)
  local _ <close> = await(sem:acquire())     -- async with sem:
  running = running + 1
  peak = math.max(peak, running)
  print(("download %2d starts (%d running)"):format(i, running))
  await(asyncio.sleep(1))
  running = running - 1
  return i
end)

local main = async(function()
  local t0 = time.perf_counter()
  local jobs = {}
  for i = 1, 10 do jobs[i] = download(i) end
  local results = await(asyncio.gather(table.unpack(jobs)))
  print(("%d downloads in %.2f s, peak concurrency %d"):format(results.n, time.perf_counter() - t0, peak))
end)

asyncio.run(main())
