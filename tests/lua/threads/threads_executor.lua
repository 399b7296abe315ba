-- clock: real
-- asyncio.ThreadPoolExecutor (concurrent.futures' in CPython) with
-- loop:run_in_executor: its size, shutdown(wait, cancel_futures), <close>,
-- and what is refused after shutdown; and what the script's end waits for.
local cli = require "lib.cli"
local eq, check, has = cli.eq, cli.check, cli.has
local loop = asyncio.get_running_loop()

local msg = cli.error_text
eq("max_workers 0", msg(asyncio.ThreadPoolExecutor, 0), "ValueError: max_workers must be greater than 0")
eq("max_workers not an integer", msg(asyncio.ThreadPoolExecutor, "2"),
  "bad argument #1 to 'ThreadPoolExecutor' (integer expected, got string)")
eq("executor argument", msg(loop.run_in_executor, loop, 5, print),
  "bad argument #1 to 'run_in_executor' (ThreadPoolExecutor or nil expected, got number)")
eq("fn argument", msg(loop.run_in_executor, loop, nil, 5),
  "bad argument #2 to 'run_in_executor' (function expected, got number)")
eq("argument after fn", msg(loop.run_in_executor, loop, nil, print, 1, coroutine.create(print)),
  "bad argument #4 to 'run_in_executor' (a coroutine cannot be sent to a thread)")

-- Two workers run two of three jobs at once: the third waits for one.
local pool = asyncio.ThreadPoolExecutor(2)
eq("repr", tostring(pool), "<ThreadPoolExecutor max_workers=2>")
local t0 = time.monotonic()
local futs = {}
for i = 1, 3 do futs[i] = loop:run_in_executor(pool, function(k) time.sleep(0.1) return k end, i) end
check("a Future", asyncio.isfuture(futs[1]))
local r = await(asyncio.gather(futs[1], futs[2], futs[3]))
local took = time.monotonic() - t0
eq("results in order", table.concat(r, ","), "1,2,3")
check("two workers: two rounds", took >= 0.2 and took < 0.3, took)

-- shutdown(wait=true) blocks until the jobs ended, as CPython's.
local done = loop:run_in_executor(pool, function() time.sleep(0.1) return "late" end)
t0 = time.monotonic()
pool:shutdown()
check("shutdown waited", time.monotonic() - t0 >= 0.09, time.monotonic() - t0)
eq("repr after", tostring(pool), "<ThreadPoolExecutor max_workers=2 shutdown>")
eq("its job's result comes in", await(done), "late")
eq("after shutdown", msg(loop.run_in_executor, loop, pool, print),
  "RuntimeError: cannot schedule new futures after shutdown")
pool:shutdown()  -- again: nothing to do

-- submit(fn, ...), as concurrent.futures': a Future of the pool's, which
-- asyncio.wrap_future gives back as it is.
do
  local p <close> = asyncio.ThreadPoolExecutor(2)
  local f = p:submit(function(x, y) return x + y, x * y end, 2, 3)
  check("submit: a Future", asyncio.isfuture(f))
  check("wrap_future: the same Future", asyncio.wrap_future(f) == f)
  local s, m = await(asyncio.wrap_future(f))
  eq("submit: its results", s .. "," .. m, "5,6")
  local bad = p:submit(function() error("worker failed") end)
  eq("submit: the job's error", msg(await, bad):match("worker failed$"), "worker failed")
  eq("submit: fn", msg(p.submit, p, 5), "bad argument #1 to 'submit' (function expected, got number)")
  eq("submit: its self", msg(p.submit, 5, print),
    "bad argument #1 to 'submit' (ThreadPoolExecutor expected; call it as executor:submit(...))")
  eq("wrap_future: a number", msg(asyncio.wrap_future, 5),
    "bad argument #1 to 'wrap_future' (Future expected, got number)")
  eq("wrap_future: nothing", msg(asyncio.wrap_future), "bad argument #1 to 'wrap_future' (Future expected, got no value)")
  p:shutdown()
  eq("submit after shutdown", msg(p.submit, p, print), "RuntimeError: cannot schedule new futures after shutdown")
end

-- cancel_futures: the queued jobs are cancelled, the running one ends.
local one = asyncio.ThreadPoolExecutor(1)
local a = loop:run_in_executor(one, function() time.sleep(0.1) return "a" end)
local b = loop:run_in_executor(one, function() return "b" end)
await(asyncio.sleep(0.02))
one:shutdown(false, true)
check("queued job cancelled", b:cancelled())
eq("running job goes on", await(a), "a")

-- <close> shuts down and waits.
do
  local p <close> = asyncio.ThreadPoolExecutor(1)
  loop:run_in_executor(p, time.sleep, 0.05)
end

-- The script's end waits for the jobs still running (even cancelled ones);
-- a Ctrl-C stops that wait.
local script = cli.tmpfile([[
asyncio.spawn(function() await(asyncio.to_thread(function() time.sleep(0.3) print("job ended") end)) end)
await(asyncio.sleep(0.05))  -- a worker has taken the job: cancelling its task cannot take it back
print("main ended")
]])
local out, err, code = cli.run("$L " .. script)
eq("script end waits for the job", out, "main ended\njob ended\n")
eq("quietly", err, "")
eq("status", code, 0)
out, err, code = cli.run("$L " .. script .. " & p=$!; sleep 0.2; kill -INT $p; wait $p")
eq("Ctrl-C during that wait: the job's end is not waited for", out, "main ended\n")
eq("Ctrl-C: message", err, "KeyboardInterrupt\n")
eq("Ctrl-C: status", code, 130)
-- A wait longer than a second says what it waits for, once.
local long = cli.tmpfile([[
asyncio.spawn(function() await(asyncio.to_thread(function() time.sleep(1.5) print("job ended") end)) end)
await(asyncio.sleep(0.05))
print("main ended")
]])
out, err, code = cli.run("$L " .. long)
eq("a long wait: the job ends", out, "main ended\njob ended\n")
eq("a long wait: said once", err, "luasync: waiting for 1 job in a worker thread to end (Ctrl-C to leave)\n")
eq("a long wait: status", code, 0)
-- asyncio.run waits for the default executor's running jobs before it
-- returns (CPython's shutdown_default_executor), also those of a task it
-- cancelled as a leftover.
local mark = cli.tmpfile()
os.remove(mark)
local main = async(function(path)
  asyncio.spawn(function()
    await(asyncio.to_thread(function(p) time.sleep(0.3) local f = io.open(p, "w") f:write("x") f:close() end, path))
  end)
  await(asyncio.sleep(0.05))  -- the worker has the job
end)
asyncio.run(main(mark))
local f = io.open(mark)
check("asyncio.run waited for the job", f ~= nil)
if f then f:close() end
os.remove(mark)

-- The default pool's size, as concurrent.futures': min(32, cores + 4).
-- Counted as the jobs that started together (within 0.1 s of the first;
-- the next round starts 0.2 s later), not from the whole run's wall
-- time, which a loaded machine stretches by a round.
script = cli.tmpfile([[
local jobs = {}
for i = 1, 40 do
  jobs[i] = asyncio.to_thread(function() local t = time.monotonic() time.sleep(0.2) return t end)
end
local starts = await(asyncio.gather(table.unpack(jobs)))
local first = math.min(table.unpack(starts))
local together = 0
for _, t in ipairs(starts) do if t < first + 0.1 then together = together + 1 end end
print(together)
]])
out = cli.run("$L " .. script)
local cores = tonumber(io.popen("nproc"):read("l"))
local size = math.min(32, cores + 4)
eq("default pool size", out, size .. "\n")
cli.finish()
