-- semaphore_downloads: asyncio.Semaphore(3) lets at most 3 of 10 downloads run at the same
-- time. Each download holds the semaphore while it runs (`local _ <close> = await(...)` is
-- Python's `async with sem:`); the others wait their turn, in the order they asked.
-- Python twin: python/semaphore_downloads.py
local running, peak = 0, 0
local t0

local download = async(function(sem, i)
  local _ <close> = await(sem:acquire())
  running = running + 1
  peak = math.max(peak, running)
  print(("%4.1f s  download %2d starts (%d running)"):format(time.perf_counter() - t0, i, running))
  await(asyncio.sleep(1 + i % 3 * 0.5)) -- the files have different sizes
  running = running - 1
  print(("%4.1f s  download %2d done"):format(time.perf_counter() - t0, i))
  return ("file%d"):format(i)
end)

local main = async(function()
  t0 = time.perf_counter()
  local sem = asyncio.Semaphore(3)
  local downloads = {}
  for i = 1, 10 do downloads[i] = download(sem, i) end
  local files = await(asyncio.gather(table.unpack(downloads)))
  print(("%d files, peak concurrency %d, %.1f s in all"):format(files.n, peak, time.perf_counter() - t0))
end)

asyncio.run(main())
