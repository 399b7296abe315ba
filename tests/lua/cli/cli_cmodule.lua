-- C modules built for Lua 5.4 load with require: tests/cmodule/hello.c,
-- built (without liblua) into $LUASYNC_CMODULE_DIR/hello.so, uses the Lua C
-- API exported by the binary. Loaded in this process via package.cpath, and
-- in a subprocess with LUA_CPATH and -l.

local LUASYNC = assert(os.getenv("LUASYNC"), "LUASYNC is not set")

local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local quote, tmpfile, slurp, run, show, fail = cli.quote, cli.tmpfile, cli.slurp, cli.run, cli.show, cli.fail
local eq, has, matches, finish = cli.eq, cli.has, cli.matches, cli.finish

local dir = os.getenv("LUASYNC_CMODULE_DIR")
if not dir or dir == "" then
  error("LUASYNC_CMODULE_DIR is not set: it must name the folder holding the built hello.so " ..
    "(tests/cmodule/hello.c; CMake sets it for this test)", 0)
end
local so = dir .. "/hello.so"
local probe = io.open(so)
if not probe then error("no " .. so .. ": build tests/cmodule/hello.c first", 0) end
probe:close()

package.path = ""  -- only the C searcher can find 'hello'
package.cpath = dir .. "/?.so"
local hello = require("hello")
eq("require returns the module table", type(hello), "table")
eq("package.loaded", package.loaded.hello, hello)
matches("lua_pushfstring: LUA_RELEASE and the module name", hello.about, "^Lua 5%.4%.%d+, module 'hello'$")
eq("greet", hello.greet("world"), "hello, world! x1")
eq("greet with an integer", hello.greet("lua", 3), "hello, lua! x3")
eq("sum", hello.sum(1, 2, 3.5), 6.5)
local c = hello.counter()
c()
eq("C closure with an upvalue", c(), 2)
eq("C calling back into Lua", table.concat(hello.map({1, 2, 3}, function(x) return x * 10 end), ","), "10,20,30")
local ok, e = pcall(hello.greet, "x", 0)
eq("luaL_argcheck error", tostring(ok) .. " " .. tostring(e), "false bad argument #2 to 'hello.greet' (must be positive)")
ok, e = pcall(hello.greet)
eq("luaL_checkstring error", tostring(ok) .. " " .. tostring(e),
  "false bad argument #1 to 'hello.greet' (string expected, got no value)")

-- C functions work inside tasks, between awaits
local work = async(function(name)
  await(asyncio.sleep(1))
  return hello.greet(name, 2)
end)
local rs = await(asyncio.gather(work("a"), work("b")))
eq("C module inside tasks", rs[1] .. " / " .. rs[2], "hello, a! x2 / hello, b! x2")

-- await in a Lua function called from C cannot suspend the task (the C frame
-- is in between): a clear error, as Lua's own, that does not say "outside a task"
ok, e = pcall(hello.map, {1}, function(x) return await(asyncio.sleep(0, x)) end)
eq("await under a C call: raises", ok, false)
has("await under a C call: says why", tostring(e), "C-call boundary")
if tostring(e):find("outside a task", 1, true) then
  fail("await under a C call: misleading message", tostring(e))
end
await(asyncio.sleep(0))

-- await in a coroutine that C code resumed with lua_resume (not luasync's
-- coroutine.resume) cannot suspend the task: it raises at once, in that
-- coroutine (it returned the sleep's result at once, and a Queue.get on an
-- empty queue spun forever); plain yields there still work
local t0 = asyncio.get_running_loop():time()
ok, e = hello.resume(coroutine.create(function() return await(asyncio.sleep(0.2, "x")) end))
eq("await(sleep) in a coroutine C resumed: fails", ok, false)
has("await(sleep) in a coroutine C resumed: says why", tostring(e), "await() cannot suspend here")
ok, e = hello.resume(coroutine.create(function() return await(asyncio.Queue():get()) end))
eq("await(q:get()) in a coroutine C resumed: fails at once", ok, false)
eq("no time passed", asyncio.get_running_loop():time() - t0, 0)
eq("a plain yield to C code", select(2, hello.resume(coroutine.create(function() coroutine.yield(7) end))), 7)
await(asyncio.sleep(0.1))
-- (the virtual clock reads a float: t0 + 0.1 - t0 may round below 0.1)
eq("the task still sleeps for real", asyncio.get_running_loop():time() - t0 > 0.0999, true)

-- in a subprocess: LUA_CPATH and -l, and -E ignoring LUA_CPATH
local cpath = quote(dir .. "/?.so")
local out, err, code = run("LUA_CPATH=" .. cpath .. [[ "$L" -l hello -e 'print(hello.greet("cli", 4))']])
eq("-l hello: status", code, 0)
eq("-l hello: stderr", err, "")
eq("-l hello: stdout", out, "hello, cli! x4\n")
out, err, code = run("LUA_CPATH=" .. cpath .. [[ "$L" -E -l hello -e 'print("not reached")']])
eq("-E -l hello: status", code, 1)
has("-E -l hello: not found", err, "module 'hello' not found")

-- SIGINT is one handler per process: a module that takes it (as luaposix's
-- signal() and luv's uv.new_signal do) replaces luasync's, so Ctrl-C no
-- longer cancels the main task (docs/lua-users.md, "Signals")
local sigint = [[local hello = require "hello"
TAKE
-- (in the background: system() ignores SIGINT while it waits)
os.execute("(sleep 0.2; kill -INT " .. hello.getpid() .. ") &")
await(asyncio.sleep(1))
print(hello.sigint_count(), "still running")
]]
out, err, code = run("LUA_CPATH=" .. cpath .. [[ "$L" --clock=real ]] .. quote(tmpfile((sigint:gsub("TAKE", "hello.take_sigint()")))))
eq("SIGINT taken by a module: status", code, 0)
eq("SIGINT taken by a module: its handler ran, the script went on", out, "1\tstill running\n")
out, err, code = run("LUA_CPATH=" .. cpath .. [[ "$L" --clock=real ]] .. quote(tmpfile((sigint:gsub("TAKE", "")))))
eq("SIGINT with luasync's handler: status", code, 130)
eq("SIGINT with luasync's handler: the main task was cancelled", out, "")
has("SIGINT with luasync's handler: KeyboardInterrupt", err, "KeyboardInterrupt")

-- a C module opens on the main thread, as in lua5.4: a state it keeps (as
-- luv and luaposix keep theirs, for their callbacks) stays valid after the
-- REPL input that required it ended and its coroutine was collected (under
-- AddressSanitizer, a callback on that coroutine was a use after free)
out, err, code = run("LUA_CPATH=" .. cpath .. [[ "$L" -i]], table.concat({
  'hello = require "hello"',
  'print(hello.opened_on_main())',
  'collectgarbage() collectgarbage()',
  'hello.call_later(function() print("fired on the kept state") end)',
  'collectgarbage() collectgarbage()',
  'hello.fire()',
  '',
}, "\n"))
eq("REPL, a kept state: status", code, 0)
eq("REPL, a kept state: stderr", err, "")
has("REPL, luaopen ran on the main thread", out, "\ntrue\n")
has("REPL, the callback ran", out, "\nfired on the kept state\n")

-- the module linked against the shared liblua5.4.so (the binary's Lua is
-- static): it loads, and tables it makes grow and survive a full GC
local linked = os.getenv("LUASYNC_CMODULE_LINKED_DIR")
if not linked or linked == "" then error("LUASYNC_CMODULE_LINKED_DIR is not set (CMake sets it)", 0) end
local script = tmpfile(table.concat({
  'local hello = require "hello"',
  'local t = hello.map({1, 2, 3}, function(x) return {x} end)',
  'for i = 4, 10000 do t[i] = {i}; t["k" .. i] = i end',
  'collectgarbage()',
  'local sum = 0',
  'for _, v in pairs(t) do sum = sum + (type(v) == "table" and v[1] or v) end',
  'print(hello.greet("linked", 2), #t, sum)',
}, "\n"))
out, err, code = run("LUA_CPATH=" .. quote(linked .. "/?.so") .. [[ "$L" ]] .. quote(script))
eq("module linked with liblua5.4.so: status", code, 0)
eq("module linked with liblua5.4.so: stderr", err, "")
eq("module linked with liblua5.4.so: stdout", out, "hello, linked! x2\t10000\t" .. (2 * (10000 * 10001 // 2) - 6) .. "\n")
finish()
