-- Bad arguments and misuse give Lua's `bad argument #n to 'name' (...)` or
-- asyncio's TypeError texts, and `await` outside a task (loop callbacks,
-- done callbacks, finalizers) raises a clear RuntimeError. Checked in this
-- process with pcall, and for the uncaught forms in subprocesses.

local LUASYNC = assert(os.getenv("LUASYNC"), "LUASYNC is not set")

local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local quote, tmpfile, slurp, run, show, fail = cli.quote, cli.tmpfile, cli.slurp, cli.run, cli.show, cli.fail
local eq, has, matches, finish = cli.eq, cli.has, cli.matches, cli.finish

local function err_of(f, ...)
  local ok, e = pcall(f, ...)
  if ok then return "(no error)" end
  return tostring(e), e
end

-- Lua-style argument errors (called directly by pcall: no position prefix)
eq("sleep('x')", err_of(asyncio.sleep, "x"), "bad argument #1 to 'sleep' (number expected, got string)")
eq("sleep()", err_of(asyncio.sleep), "bad argument #1 to 'sleep' (number expected, got no value)")
eq("spawn(1)", err_of(asyncio.spawn, 1), "bad argument #1 to 'spawn' (function expected, got number)")
eq("async()", err_of(async), "bad argument #1 to 'async' (function expected, got no value)")
eq("async(nil)", err_of(async, nil), "bad argument #1 to 'async' (function expected, got nil)")
eq("async(5)", err_of(async, 5), "bad argument #1 to 'async' (function expected, got number)")
local loop = asyncio.get_running_loop()
eq("loop:call_soon(5)", err_of(loop.call_soon, loop, 5),
  "bad argument #1 to 'call_soon' (function expected, got number)")
eq("loop:call_later('x', f)", err_of(loop.call_later, loop, "x", print),
  "bad argument #1 to 'call_later' (number expected, got string)")
-- called from Lua code, the message carries the caller's position, as in lua
local line = debug.getinfo(1, "l").currentline + 1
local msg = err_of(function() local c = asyncio.sleep("x") return c end)
eq("sleep('x') from a function", msg,
  "cli_bad_args.lua:" .. line .. ": bad argument #1 to 'sleep' (number expected, got string)")
line = debug.getinfo(1, "l").currentline + 1
msg = err_of(function() local t = asyncio.spawn(nil) return t end)
eq("spawn(nil) from a function", msg,
  "cli_bad_args.lua:" .. line .. ": bad argument #1 to 'spawn' (function expected, got nil)")
line = debug.getinfo(1, "l").currentline + 1
msg = err_of(function() local t = asyncio.create_task(print, 5) return t end)
eq("create_task(aw, 5) from a function", msg,
  "cli_bad_args.lua:" .. line .. ": bad argument #2 to 'create_task' (table expected, got number)")

-- asyncio's TypeErrors and ValueErrors, Python's texts (create_task also takes a
-- function: a documented extension)
local cases = {
  { "create_task(5)", asyncio.TypeError, "TypeError: a coroutine was expected, got 5", asyncio.create_task, 5 },
  { "await(5)", asyncio.TypeError, "TypeError: object number can't be used in 'await' expression", await, 5 },
  { "await('s')", asyncio.TypeError, "TypeError: object string can't be used in 'await' expression", await, "s" },
  { "await({})", asyncio.TypeError, "TypeError: object table can't be used in 'await' expression", await, {} },
  { "await(true)", asyncio.TypeError, "TypeError: object boolean can't be used in 'await' expression", await, true },
  { "ensure_future(5)", asyncio.TypeError, "TypeError: An asyncio.Future, a coroutine or an awaitable is required",
    asyncio.ensure_future, 5 },
  { "gather(5)", asyncio.TypeError, "TypeError: An asyncio.Future, a coroutine or an awaitable is required",
    asyncio.gather, 5 },
  { "run(5)", asyncio.ValueError, "ValueError: a coroutine was expected, got 5", asyncio.run, 5 },
}
for _, c in ipairs(cases) do
  local text, e = err_of(c[4], table.unpack(c, 5))
  eq(c[1], text, c[3])
  if not c[2]:is(e) then fail(c[1] .. ": error class", "got " .. tostring(e)) end
end

-- await from a plain coroutine inside the task works: the task suspends, not the coroutine
local co = coroutine.create(function(x) return await(asyncio.sleep(1, x)) .. "!" end)
local ok, v = coroutine.resume(co, "inner")
eq("await in coroutine.create inside a task", tostring(ok) .. " " .. tostring(v), "true inner!")

-- await outside a task: loop callbacks, done callbacks, finalizers, coroutines they create
local outside = "RuntimeError: await() called outside a task"
local results = {}
local function try_await(where, in_task)
  local ok2, e = pcall(await, asyncio.sleep(0))
  results[#results + 1] = where
  if ok2 then
    fail("await in " .. where, "it did not raise")
  else
    if not asyncio.RuntimeError:is(e) then fail("await in " .. where .. ": error class", tostring(e)) end
    if in_task then  -- a finalizer runs inside whatever task is running: it cannot suspend it
      has("await in " .. where .. ": message", tostring(e), "RuntimeError: await()")
    else
      has("await in " .. where .. ": message", tostring(e), outside)
      has("await in " .. where .. ": says how to run it", tostring(e), "asyncio.run(")
    end
  end
end
loop:call_soon(function()
  try_await("call_soon callback")
  local inner = coroutine.wrap(function() try_await("coroutine in a callback") end)
  inner()
end)
loop:call_later(0.5, try_await, "call_later callback")
local fut = asyncio.Future()
fut:add_done_callback(function() try_await("done callback") end)
fut:set_result(1)
setmetatable({}, {__gc = function() try_await("__gc finalizer", true) end})
collectgarbage()
collectgarbage()
await(asyncio.sleep(1))
table.sort(results)
eq("await outside a task: every place tried", table.concat(results, ", "),
  "__gc finalizer, call_later callback, call_soon callback, coroutine in a callback, done callback")

-- also an await that would not have to wait: a done Future, a free Lock, an
-- item in a Queue, an async function that returns at once (none of it is
-- taken or run); the refused awaitable is not reported as never awaited
do
  local done = asyncio.Future()
  done:set_result("x")
  local lock, q = asyncio.Lock(), asyncio.Queue()
  q:put_nowait("item")
  local ran = false
  local quick = async(function() ran = true end)
  local refused = {}
  loop:call_soon(function()
    for _, case in ipairs({ { "done future", function() return done end }, { "free lock", function() return lock:acquire() end },
      { "queue item", function() return q:get() end }, { "quick async function", function() return quick() end } }) do
      local ok2, e = pcall(await, case[2]())
      refused[#refused + 1] = case[1] .. ": " .. tostring(not ok2 and tostring(e):find(outside, 1, true) == 1)
    end
  end)
  await(asyncio.sleep(0.1))
  eq("awaits that would not wait, outside a task", table.concat(refused, ", "),
    "done future: true, free lock: true, queue item: true, quick async function: true")
  eq("... took nothing: the lock", lock:locked(), false)
  eq("... the queue", q:qsize(), 1)
  eq("... ran nothing", ran, false)
end

-- await in a Lua function that a C function calls (table.sort's comparator):
-- inside a task but unable to suspend it; the error says why, as Lua does
ok, v = pcall(table.sort, {3, 1, 2}, function(a, b) await(asyncio.sleep(0)) return a < b end)
eq("await under table.sort: raises", ok, false)
has("await under table.sort: says why", tostring(v), "C-call boundary")
if tostring(v):find("outside a task", 1, true) then
  fail("await under table.sort: misleading message", tostring(v))
end

-- the same await one coroutine further down (a generator the comparator
-- resumes): that coroutine could yield, the comparator could not pass the
-- wait on, so the await raises there too and the task is not left waiting
for _, what in ipairs({ "sleep", "future" }) do
  local fut = asyncio.Future()
  ok, v = pcall(table.sort, {3, 1, 2}, function(a, b)
    return coroutine.wrap(function()
      if what == "sleep" then await(asyncio.sleep(0)) else await(fut) end
      return a < b
    end)()
  end)
  eq("await in a coroutine under table.sort (" .. what .. "): raises", ok, false)
  has("await in a coroutine under table.sort (" .. what .. "): says why", tostring(v), "C-call boundary")
  fut:set_result(1)
  -- the task still waits as it should: a sleep ends on time, once
  local t0 = asyncio.get_running_loop():time()
  await(asyncio.sleep(0.5))
  eq("after the refused await (" .. what .. "): sleep(0.5) takes 0.5 s",
    asyncio.get_running_loop():time() - t0, 0.5)
end

-- uncaught, in a script: the message with the script's file:line, status 1
local s = tmpfile('print("before")\nasyncio.sleep("x")\n')
local out, err, code = run('"$L" ' .. s)
eq("uncaught bad argument: status", code, 1)
eq("uncaught bad argument: stdout", out, "before\n")
eq("uncaught bad argument: first line", err:match("^[^\n]*\n"),
  "luasync: " .. s .. ":2: bad argument #1 to 'sleep' (number expected, got string)\n")
out, err, code = run([["$L" -e 'await(5)']])
eq("uncaught await(5): status", code, 1)
eq("uncaught await(5): first line", err:match("^[^\n]*\n"),
  "luasync: TypeError: object number can't be used in 'await' expression\n")
-- await in a callback: reported as asyncio does, the script goes on
out, err, code = run([["$L" --clock=virtual -e 'asyncio.get_running_loop():call_soon(function() await(asyncio.sleep(0)) end)' ]] ..
  [[-e 'await(asyncio.sleep(1)) print("main goes on")']])
eq("await in an uncaught callback: status", code, 0)
eq("await in an uncaught callback: stdout", out, "main goes on\n")
has("await in an uncaught callback: reported", err, "Exception in callback")
has("await in an uncaught callback: the error", err, outside)

finish()
