-- The module for stock Lua, as a lua5.4 user meets it: require "asyncio",
-- asyncio.run(main()) and what it returns or raises, what cannot work
-- outside a task and what it says instead, the tasks left over, Ctrl-C.
--   LUASYNC_MODULE_DIR=build/module lua5.4 tests/module/module_basics.lua
package.cpath = assert(os.getenv("LUASYNC_MODULE_DIR"), "LUASYNC_MODULE_DIR is not set") .. "/?.so;" ..
  package.cpath
local failures = 0
local function check(what, got, want)
  if got ~= want then
    failures = failures + 1
    io.stderr:write(("FAIL %s\n  got:  %s\n  want: %s\n"):format(what, tostring(got), tostring(want)))
  end
end

-- Not from a coroutine (the runtime lives on the main thread): a clear
-- error, and nothing changed, so the require on the main thread works.
local co_ok, co_err = coroutine.wrap(function() return pcall(require, "asyncio") end)()
check("require in a coroutine is refused", co_ok, false)
check("... saying where to require it", tostring(co_err):find("main thread", 1, true) ~= nil, true)
local asyncio = require "asyncio"
check("require returns the asyncio table", asyncio, _G.asyncio)
check("... a table", type(asyncio), "table")
check("a second require returns it too", require "asyncio", asyncio)

-- asyncio.run(main()) drives the loop and returns main's results.
local order = {}
local main = async(function(a, b)
  local t = asyncio.create_task(async(function()
    order[#order + 1] = "child"
    await(asyncio.sleep(0.01))
    return "c"
  end)())
  order[#order + 1] = "main"
  local rs = await(asyncio.gather(t, asyncio.sleep(0.02, "s")))
  return a + b, rs[1] .. rs[2]
end)
local x, y = asyncio.run(main(2, 3))
check("run's results", tostring(x) .. " " .. tostring(y), "5 cs")
check("the order of events", table.concat(order, ","), "main,child")

-- An error in main comes out of run as itself.
local ok, e = pcall(asyncio.run, async(function()
  await(asyncio.sleep(0))
  error(asyncio.ValueError("bad value"))
end)())
check("run raises main's error", ok, false)
check("... as the error object", asyncio.ValueError:is(e), true)
check("... with its message", tostring(e), "ValueError: bad value")

-- Outside a task, await cannot suspend anything: it says what to do.
ok, e = pcall(await, asyncio.sleep(0))
check("await outside a task raises", ok, false)
check("... and says how to run it", tostring(e):find("asyncio.run(main())", 1, true) ~= nil, true)

-- No loop runs outside asyncio.run, as in CPython.
ok, e = pcall(asyncio.get_running_loop)
check("get_running_loop outside run raises", tostring(e), "RuntimeError: no running event loop")
check("get_event_loop answers the loop, not running", tostring(asyncio.get_event_loop():is_running()), "false")
check("... which runs inside run", asyncio.run(async(function()
  return asyncio.get_running_loop():is_running() and asyncio.get_running_loop() == asyncio.get_event_loop()
end)()), true)

-- run inside run (from a callback of the running loop) is refused, as CPython.
ok, e = pcall(asyncio.run, async(function()
  local loop = asyncio.get_running_loop()
  local f = loop:create_future()
  loop:call_soon(function()
    local inner = async(function() end)()
    local ok2, e2 = pcall(asyncio.run, inner)
    f:set_result(tostring(ok2) .. " " .. tostring(e2))
  end)
  return await(f)
end)())
check("run inside run", tostring(ok) .. " " .. tostring(e),
  "true false RuntimeError: asyncio.run() cannot be called from a running event loop")

-- Tasks main left behind are cancelled before run returns (their cleanup runs).
local cleaned = false
asyncio.run(async(function()
  asyncio.create_task(async(function()
    local _ <close> = setmetatable({}, { __close = function() cleaned = true end })
    await(asyncio.sleep(3600))
  end)())
  await(asyncio.sleep(0))
end)())
check("a leftover task was cancelled and cleaned up", cleaned, true)

-- A main task that waits for nothing that can happen: a clear error, not a hang.
ok, e = pcall(asyncio.run, async(function()
  await(asyncio.get_running_loop():create_future())
end)())
check("deadlock: raises", ok, false)
check("deadlock: says why", tostring(e):find("deadlock", 1, true) ~= nil, true)

-- The virtual clock for one run: an hour passes at once.
local t0 = os.time()
local slept = asyncio.run(async(function()
  local loop = asyncio.get_running_loop()
  local start = loop:time()
  await(asyncio.sleep(3600))
  return loop:time() - start
end)(), { clock = "virtual" })
check("virtual clock: the hour passed", math.floor(slept + 0.5), 3600)
check("virtual clock: at once", os.time() - t0 < 5, true)

-- Like the loop CPython's run makes for itself, the clock is the run's own;
-- a run refused for nesting changes nothing.
local clock_after = asyncio.run(async(function()
  local loop = asyncio.get_running_loop()
  local t = loop:time()
  local wall = os.time()
  await(asyncio.sleep(1))
  return os.time() - wall >= 1 or loop:time() - t < 0.99
end)())
check("the virtual clock of the run before does not stay", clock_after, true)
local nested = asyncio.run(async(function()
  local loop = asyncio.get_running_loop()
  local f = loop:create_future()
  loop:call_soon(function()
    local inner_ok = pcall(asyncio.run, async(function() end)(), { clock = "real", debug = true })
    f:set_result(inner_ok)
  end)
  local inner_ok = await(f)
  local t = loop:time()
  await(asyncio.sleep(60))
  return tostring(inner_ok) .. " " .. tostring(loop:get_debug()) .. " " .. math.floor(loop:time() - t + 0.5)
end)(), { clock = "virtual" })
check("a refused nested run keeps the clock and the debug mode", nested, "false false 60")

-- What the run before left on the loop (callbacks not yet due, a signal
-- handler, a descriptor watch) does not reach the next run.
package.cpath = assert(os.getenv("LUASYNC_CMODULE_DIR"), "LUASYNC_CMODULE_DIR is not set") .. "/?.so;" ..
  package.cpath
local r = require("hello").pipe()  -- a pipe whose write end stays open: never readable
local fired = {}
asyncio.run(async(function()
  local loop = asyncio.get_running_loop()
  loop:call_later(0.05, function() fired[#fired + 1] = "call_later" end)
  loop:call_soon(function() fired[#fired + 1] = "call_soon" end)
  loop:add_signal_handler("SIGUSR1", function() fired[#fired + 1] = "signal" end)
  loop:add_reader(r, function() fired[#fired + 1] = "reader" end)
end)())
check("the callbacks ready at the end ran, as in CPython", table.concat(fired, " "), "call_soon")
local handler_gone = asyncio.run(async(function()
  local loop = asyncio.get_running_loop()
  await(asyncio.sleep(0.1))
  return loop:remove_signal_handler("SIGUSR1") == false and loop:remove_reader(r) == false
end)())
check("... the others did not, nor in the next run", table.concat(fired, " "), "call_soon")
check("... where the handler and the watch are gone", handler_gone, true)

-- Ctrl-C while run drives the loop cancels main, and run raises
-- KeyboardInterrupt; the cleanup ran first.
local interrupted_cleanup = false
ok, e = pcall(asyncio.run, async(function()
  local _ <close> = setmetatable({}, { __close = function() interrupted_cleanup = true end })
  local p = await(asyncio.create_subprocess_exec("sh", "-c", "kill -INT $PPID"))
  await(p:wait())
  await(asyncio.sleep(10))
end)())
check("Ctrl-C: run raises", ok, false)
check("Ctrl-C: KeyboardInterrupt", asyncio.KeyboardInterrupt:is(e), true)
check("Ctrl-C: main's cleanup ran", interrupted_cleanup, true)
-- A main that catches that cancellation and returns gives its result, as
-- CPython's Runner does (no KeyboardInterrupt).
ok, e = pcall(asyncio.run, async(function()
  local caught = not pcall(function()
    local p = await(asyncio.create_subprocess_exec("sh", "-c", "kill -INT $PPID"))
    await(p:wait())
    await(asyncio.sleep(10))
  end)
  return caught and "caught" or "not cancelled"
end)())
check("Ctrl-C caught by main: run returns", ok, true)
check("Ctrl-C caught by main: its result", e, "caught")
-- A Ctrl-C while main is already cancelled (in its cleanup) lets main's
-- CancelledError out, as CPython's Runner does when uncancel() leaves a
-- cancellation.
ok, e = pcall(asyncio.run, async(function()
  local me = asyncio.current_task()
  asyncio.get_running_loop():call_soon(function() me:cancel() end)
  pcall(await, asyncio.sleep(10))
  local p = await(asyncio.create_subprocess_exec("sh", "-c", "kill -INT $PPID"))
  await(p:wait())
  await(asyncio.sleep(10))
end)())
check("Ctrl-C while cancelled: run raises", ok, false)
check("Ctrl-C while cancelled: CancelledError", asyncio.CancelledError:is(e), true)

-- A SystemExit that another task raises cancels main (its cleanup runs) and
-- comes out of run, as CPython's loop lets it out (run raised the
-- CancelledError of main).
local exit_cleanup = false
ok, e = pcall(asyncio.run, async(function()
  local _ <close> = setmetatable({}, { __close = function() exit_cleanup = true end })
  asyncio.spawn(function() error(asyncio.SystemExit(3)) end)
  await(asyncio.sleep(10))
end)())
check("SystemExit in another task: run raises it", asyncio.SystemExit:is(e) and e.code, 3)
check("SystemExit in another task: main's cleanup ran", exit_cleanup, true)

-- os.exit(code, true) closes the state, which unloads C modules: the
-- module's os.exit must not return into itself then (it crashed, status 139).
local dir = os.getenv("LUASYNC_MODULE_DIR")
local _, how, status = os.execute(("lua5.4 -e 'package.cpath = %q .. package.cpath; local asyncio = require " ..
  "\"asyncio\"; asyncio.run(async(function() os.exit(3, true) end)())'"):format(dir .. "/?.so;"))
check("os.exit(3, true) inside run", tostring(how) .. " " .. tostring(status), "exit 3")

-- The runtime's own modules load from package.preload, through a metatable
-- it gives it; a host whose package.preload has a metatable already keeps
-- it, and gets the loaders themselves (gather loads two modules more).
local p = io.popen(("lua5.4 -e 'package.cpath = %q .. package.cpath; local mt = {}; setmetatable(package.preload, " ..
  "mt); local asyncio = require \"asyncio\"; print(asyncio.run(async(function() return " ..
  "await(asyncio.gather(asyncio.sleep(0, \"g\")))[1] end)()), getmetatable(package.preload) == mt)' 2>&1")
  :format(dir .. "/?.so;"))
check("a package.preload with a metatable of its own", p:read("a"), "g\ttrue\n")
p:close()

-- A finalizer of an object made before the require runs after the loop's
-- (lua_close finalizes the newest first): asyncio answers it without
-- crashing (status 139), a handle refused with CPython's closed-loop error.
p = io.popen(("lua5.4 -e 'package.cpath = %q .. package.cpath; G = setmetatable({}, {__gc = function() " ..
  "print(pcall(asyncio.ThreadPoolExecutor, 1)) print(asyncio.iscoroutine(asyncio.sleep(1))) end}); " ..
  "asyncio = require \"asyncio\"; asyncio.run(asyncio.sleep(0)) print(\"end\")' 2>&1; echo \"status $?\"")
  :format(dir .. "/?.so;"))
check("a finalizer after the loop's", p:read("a"), "end\nfalse\tRuntimeError: Event loop is closed\ntrue\nstatus 0\n")
p:close()

-- Outside asyncio.run (before the first, between runs, after the last) no
-- loop runs: what would make a task or schedule a callback raises CPython's
-- error for create_task without a running loop, instead of running it in the
-- next run (or never, with nothing said); current_task and all_tasks raise
-- as CPython's. A refused coroutine object is closed: no never-awaited warning.
p = io.popen(("lua5.4 -e 'package.cpath = %q .. package.cpath; local asyncio = require \"asyncio\"; " ..
  "local f = async(function() print(\"ran\") end); local loop = asyncio.get_event_loop(); " ..
  "local function try(what, fn, ...) print(what, select(2, pcall(fn, ...))) end; " ..
  "for round = 1, 2 do " ..
  "try(\"create_task\", asyncio.create_task, f()); try(\"spawn\", asyncio.spawn, print, \"x\"); " ..
  "try(\"ensure_future\", asyncio.ensure_future, f()); try(\"gather\", asyncio.gather, f(), f()); " ..
  "try(\"current_task\", asyncio.current_task); try(\"all_tasks\", asyncio.all_tasks); " ..
  "try(\"call_soon\", loop.call_soon, loop, print, \"x\"); try(\"call_later\", loop.call_later, loop, 0, print); " ..
  "try(\"call_at\", loop.call_at, loop, 0, print); try(\"loop:create_task\", loop.create_task, loop, f()); " ..
  "print(\"run\", asyncio.run(async(function() return #asyncio.all_tasks() end)())) end; " ..
  "collectgarbage(); collectgarbage()' 2>&1; echo \"status $?\"")
  :format(dir .. "/?.so;"))
local refused = ""
for _, what in ipairs({ "create_task", "spawn", "ensure_future", "gather", "current_task", "all_tasks", "call_soon",
  "call_later", "call_at", "loop:create_task" }) do
  refused = refused .. what .. "\tRuntimeError: no running event loop\n"
end
check("outside asyncio.run: making a task or a callback raises", p:read("a"),
  refused .. "run\t1\n" .. refused .. "run\t1\nstatus 0\n")
p:close()

-- A require after package.loaded.asyncio (and the globals) were cleared
-- gives the module again and defines its globals again, as the first did.
p = io.popen(("lua5.4 -e 'package.cpath = %q .. package.cpath; local a = require \"asyncio\"; " ..
  "package.loaded.asyncio = nil; asyncio, async, await, time = nil; local b = require \"asyncio\"; " ..
  "print(a == b, asyncio == a, type(async), type(await), type(time))' 2>&1")
  :format(dir .. "/?.so;"))
check("require again after clearing it", p:read("a"), "true\ttrue\tfunction\tfunction\ttable\n")
p:close()

-- After all this, the process still runs plain Lua as lua5.4 does.
check("plain Lua after run", select(2, pcall(error, "x", 0)), "x")

if failures > 0 then
  io.stderr:write(failures .. " check(s) failed\n")
  os.exit(1)
end
print("ok")
