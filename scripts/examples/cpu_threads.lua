-- cpu_threads: CPU-bound work in worker threads runs in parallel. Each worker has its own
-- Lua state, so two jobs on two cores take about the time of one; in CPython the GIL lets
-- only one thread compute at a time, and two jobs take about twice as long.
-- The timings go to stderr (they depend on the machine); the results to stdout.
-- Python twin: python/cpu_threads.py
local function fib(n)
  if n < 2 then return n end
  return fib(n - 1) + fib(n - 2)
end

-- Runs in a worker: fib(n), and when it started and ended there. (fib goes along as an
-- argument: a job's function may not use the locals around it, only what it is given.)
local function timed(f, n)
  local t0 = time.perf_counter()
  return { result = f(n), started = t0, ended = time.perf_counter() }
end

local main = async(function()
  local one = await(asyncio.to_thread(timed, fib, 30))
  print(("one job: fib(30) = %d"):format(one.result))

  local both = await(asyncio.gather(asyncio.to_thread(timed, fib, 30), asyncio.to_thread(timed, fib, 30)))
  print(("two jobs at once: %d and %d"):format(both[1].result, both[2].result))

  local t1 = one.ended - one.started
  local t2 = math.max(both[1].ended, both[2].ended) - math.min(both[1].started, both[2].started)
  io.stderr:write(("one job took %.2f s, two at once %.2f s: %.1fx the work per second\n"):format(t1, t2,
    2 * t1 / t2))
end)

asyncio.run(main())
