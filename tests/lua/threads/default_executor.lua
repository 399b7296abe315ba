-- clock: real
-- The loop's default executor, as CPython's: set_default_executor takes a
-- ThreadPoolExecutor that to_thread and run_in_executor(nil) then use;
-- shutdown_default_executor waits for its jobs (with a timeout: the
-- RuntimeWarning, and the wait ends), and a later to_thread gets a new
-- one (luasync's loop lives on). call_soon_threadsafe is call_soon on the
-- loop's thread.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has
local loop = asyncio.get_running_loop()

eq("set_default_executor(3)", cli.error_text(loop.set_default_executor, loop, 3),
  "TypeError: executor must be ThreadPoolExecutor instance")
eq("shutdown_default_executor('x')", cli.error_text(loop.shutdown_default_executor, loop, "x"),
  "bad argument #1 to 'shutdown_default_executor' (number or nil expected, got string)")

local pool = asyncio.ThreadPoolExecutor(1)
loop:set_default_executor(pool)
local a = asyncio.to_thread(function() time.sleep(0.05) return "a" end)
local b = loop:run_in_executor(nil, function() return "b" end)
-- One worker: b waits for a, so both ran in the pool that was set.
local t0 = time.monotonic()
eq("the pool set runs to_thread and run_in_executor(nil)", table.concat(await(asyncio.gather(a, b)), ","), "a,b")
await(loop:shutdown_default_executor())
eq("shut down", tostring(pool), "<ThreadPoolExecutor max_workers=1 shutdown>")
eq("a new default executor after it", await(asyncio.to_thread(function() return "again" end)), "again")
cli.check("(the pool's jobs took their time)", time.monotonic() - t0 >= 0.05)

-- The timeout: the warning at the line that awaited, and the job runs on.
local script = cli.tmpfile(table.concat({
  "local loop = asyncio.get_running_loop()",
  "local f = loop:run_in_executor(nil, function() time.sleep(0.3) return 'late' end)",
  "await(loop:shutdown_default_executor(0.05))",
  "print('after', f:done())",
  "print(await(f))",
}, "\n") .. "\n")
local out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("timeout: status", code, 0)
eq("timeout: stdout", out, "after\tfalse\nlate\n")
eq("timeout: the warning", err, script .. ":3: RuntimeWarning: The executor did not finishing joining its threads " ..
  "within 0.05 seconds.\n")
os.remove(script)

-- call_soon_threadsafe: a Handle, in call_soon's order.
local order = {}
loop:call_soon(function() order[#order + 1] = "soon" end)
local h = loop:call_soon_threadsafe(function(x) order[#order + 1] = x end, "threadsafe")
loop:call_soon(function() order[#order + 1] = "soon 2" end)
await(asyncio.sleep(0))
eq("call_soon_threadsafe's order", table.concat(order, ","), "soon,threadsafe,soon 2")
has("its handle", tostring(h), "<Handle ")
eq("call_soon_threadsafe(5)", cli.error_text(loop.call_soon_threadsafe, loop, 5),
  "bad argument #1 to 'call_soon_threadsafe' (function expected, got number)")
cli.finish()
