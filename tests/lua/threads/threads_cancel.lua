-- clock: real
-- Cancelling the task that awaits a job: CancelledError in it at once; a
-- job a worker runs goes on to its end and its result is dropped; a job
-- still queued never runs. As CPython's to_thread and run_in_executor.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check

local function exists(path)
  local f = io.open(path)
  if f then f:close() end
  return f ~= nil
end
-- A job that sleeps, then leaves a mark (a file) that it ran to its end.
local function job(seconds, mark)
  time.sleep(seconds)
  local f = assert(io.open(mark, "w"))
  f:write("done")
  f:close()
  return "result"
end

local ran, queued = cli.tmpfile(), cli.tmpfile()
os.remove(ran)
os.remove(queued)

local loop = asyncio.get_running_loop()
local pool <close> = asyncio.ThreadPoolExecutor(1)
local t0 = loop:time()
local running = asyncio.spawn(function() return await(loop:run_in_executor(pool, job, 0.3, ran)) end)
local waiting = asyncio.spawn(function() return await(loop:run_in_executor(pool, job, 0, queued)) end)
await(asyncio.sleep(0.05))
running:cancel()
waiting:cancel()
local ok, e = pcall(await, running)
check("CancelledError", not ok and asyncio.CancelledError:is(e), e)
check("at once, not when the job ends", loop:time() - t0 < 0.25, loop:time() - t0)
check("cancelled", running:cancelled() and waiting:cancelled())
check("the running job goes on", not exists(ran))
pool:shutdown(true)
check("the running job ran to its end", exists(ran))
check("the queued job never ran", not exists(queued))

-- to_thread: the same, and the loop stays usable for the next job.
local t = asyncio.spawn(function() return await(asyncio.to_thread(time.sleep, 0.2)) end)
await(asyncio.sleep(0))
t:cancel()
ok, e = pcall(await, t)
check("to_thread cancelled", not ok and asyncio.CancelledError:is(e), e)
eq("the next job", await(asyncio.to_thread(function() return "next" end)), "next")

-- wait_for around a job: TimeoutError, and the job's result dropped.
ok, e = pcall(await, asyncio.wait_for(asyncio.to_thread(time.sleep, 0.3), 0.05))
check("wait_for times out", not ok and asyncio.TimeoutError:is(e), e)

-- A Future from run_in_executor cancelled by hand.
local f = loop:run_in_executor(nil, time.sleep, 0.1)
check("cancel() answers true", f:cancel())
check("cancelled Future", f:cancelled())
os.remove(ran)
cli.finish()
