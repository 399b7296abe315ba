-- What luasync reports on stderr and its exit status for uncaught errors,
-- unretrieved task exceptions, never-awaited coroutines and await outside a
-- task (no CPython reference: each snippet runs in a subprocess and the
-- script asserts its own expectations).

local LUASYNC = assert(os.getenv("LUASYNC"), "LUASYNC is not set")

local function run(source)
  local path = os.tmpname()
  local f = assert(io.open(path, "w"))
  f:write(source)
  f:close()
  local errpath = os.tmpname()
  local p = assert(io.popen(("%s --clock=virtual %s 2>%s"):format(LUASYNC, path, errpath)))
  local out = p:read("a")
  local _, _, code = p:close()
  local ef = assert(io.open(errpath))
  local err = ef:read("a")
  ef:close()
  os.remove(path)
  os.remove(errpath)
  return out, err, code
end

local function expect(cond, what, out, err, code)
  if not cond then
    error(("%s\n--- exit %s\n--- stdout\n%s--- stderr\n%s"):format(what, tostring(code), out, err), 2)
  end
end

local function has(s, needle) return s:find(needle, 1, true) ~= nil end

-- 1. an uncaught error in the main chunk: traceback on stderr, exit 1
local out, err, code = run([[
local fetch = async(function()
  await(asyncio.sleep(0.01))
  error(asyncio.ValueError("top level boom"))
end)
print("before")
await(fetch())
print("not reached")
]])
expect(code == 1, "uncaught error: exit status 1", out, err, code)
expect(out == "before\n", "uncaught error: stdout", out, err, code)
expect(has(err, "ValueError: top level boom"), "uncaught error: message on stderr", out, err, code)

-- 2. the error raised in another task names the chain of awaits
out, err, code = run([[
local inner = async(function()
  await(asyncio.sleep(0.01))
  error(asyncio.RuntimeError("deep failure"))
end)
local t = asyncio.create_task(inner(), {name = "worker-task"})
await(t)
]])
expect(code == 1, "error via task: exit status 1", out, err, code)
expect(has(err, "RuntimeError: deep failure"), "error via task: message", out, err, code)
expect(has(err, "worker-task"), "error via task: traceback names the task", out, err, code)
expect(not has(err, "[C++]") and not has(err, "src/"), "error via task: no runtime-internal frames", out, err, code)

-- 3. a failed task whose error nobody retrieves is reported, exit 0
out, err, code = run([[
local lost = async(function()
  error(asyncio.ValueError("nobody looked"))
end)
asyncio.create_task(lost())
await(asyncio.sleep(0.01))
print("main done")
]])
expect(code == 0, "unretrieved: exit status 0", out, err, code)
expect(out == "main done\n", "unretrieved: stdout", out, err, code)
expect(has(err, "Task exception was never retrieved"), "unretrieved: report", out, err, code)
expect(has(err, "ValueError: nobody looked"), "unretrieved: the error", out, err, code)

-- 4. a retrieved error is not reported
out, err, code = run([[
local lost = async(function()
  error(asyncio.ValueError("looked at"))
end)
local t = asyncio.create_task(lost())
await(asyncio.sleep(0.01))
assert(asyncio.ValueError:is(t:exception()))
print("main done")
]])
expect(code == 0, "retrieved: exit status 0", out, err, code)
expect(not has(err, "never retrieved"), "retrieved: no report", out, err, code)

-- 5. a coroutine object that never runs warns with its name
out, err, code = run([[
local fetch_data = async(function() return 1 end)
local c = fetch_data()
c = nil
collectgarbage()
collectgarbage()
await(asyncio.sleep(0))
print("main done")
]])
expect(code == 0, "never awaited: exit status 0", out, err, code)
expect(has(err, "RuntimeWarning: coroutine 'fetch_data' was never awaited"), "never awaited: warning", out, err, code)

-- 5b. the same for the library's Queue.get / Queue.put coroutine objects,
-- whether dropped at once or kept across a step; awaited ones stay quiet,
-- also when another was made between making and awaiting one
out, err, code = run([[
local q = asyncio.Queue()
q:put(1)
local kept = q:get()
local first = q:put(2)
local second = q:get()
await(first)
await(asyncio.sleep(0))
kept, second = nil, nil
for i = 1, 1000 do await(q:put(i)); await(q:get()) end
collectgarbage()
collectgarbage()
await(asyncio.sleep(0))
print("main done")
]])
expect(code == 0, "never awaited (Queue): exit status 0", out, err, code)
local _, puts = err:gsub("coroutine 'Queue.put' was never awaited", "")
local _, gets = err:gsub("coroutine 'Queue.get' was never awaited", "")
expect(puts == 1 and gets == 2, "never awaited (Queue): one put, two gets", out, err, code)
local _, warnings = err:gsub("RuntimeWarning", "")
expect(warnings == 3, "never awaited (Queue): nothing else", out, err, code)

-- 5c. a Queue coroutine object consumed by a task that was cancelled before
-- its first step, or by a wait_for that timed out at once, ran in the
-- task's place: no warning (CPython prints none either)
out, err, code = run([[
local q = asyncio.Queue()
local t = asyncio.create_task(q:get())
assert(asyncio.iscoroutine(t:get_coro()), "get_coro gives the coroutine object")
t:cancel()
print(pcall(await, asyncio.wait_for(q:get(), 0)))
print(pcall(await, t))
print(tostring(t):match("coro=<[^>]*>"))
asyncio.create_task(q:put(1))
t = nil
collectgarbage()
collectgarbage()
print("main done")
]])
expect(code == 0, "consumed by a cancelled task: exit status 0", out, err, code)
expect(has(out, "coro=<Queue.get() done>"), "consumed by a cancelled task: repr", out, err, code)
expect(not has(err, "never awaited"), "consumed by a cancelled task: no warning", out, err, code)

-- 5e. several dropped in one step are reported in the order they were made
-- (CPython's order when they are dropped in that order)
out, err, code = run([[
local q = asyncio.Queue()
local a, b, c, d = q:get(), q:put(1), q:put(2), q:get()
a, b, c, d = nil, nil, nil, nil
await(asyncio.sleep(0))
collectgarbage()
collectgarbage()
print("main done")
]])
expect(code == 0, "never awaited, in order: exit status 0", out, err, code)
local names = {}
for name in err:gmatch("coroutine '([^']+)' was never awaited") do names[#names + 1] = name end
expect(table.concat(names, " ") == "Queue.get Queue.put Queue.put Queue.get", "never awaited: in the order made",
  out, err, code)

-- 5d. the runtime's hidden parts misused from a script: errors, no crash
out, err, code = run([[
print(pcall(getmetatable(asyncio.Queue():get()).__tostring, {}))
print(pcall(require("luasync.core").call_soon, false, 1))
package.loaded["luasync.core"] = nil
print("main done")
]])
expect(code == 0, "misuse: exit status 0", out, err, code)
expect(has(out, "false\tbad argument #1"), "misuse: __tostring checks its argument", out, err, code)
expect(has(out, "function expected, got boolean"), "misuse: call_soon checks its argument", out, err, code)
expect(has(out, "main done"), "misuse: the script goes on", out, err, code)

-- 6. await outside a task raises a clear error
out, err, code = run([[
local loop = asyncio.get_running_loop()
loop:call_soon(function()
  local ok, e = pcall(await, asyncio.sleep(0))
  print(ok)
  print(#tostring(e) > 0)
end)
await(asyncio.sleep(0.01))
]])
expect(code == 0, "await outside a task: exit status 0", out, err, code)
expect(out == "false\ntrue\n", "await outside a task: pcall fails", out, err, code)

-- 7. a cancelled main task chunk that swallows nothing: CancelledError from a
-- leftover task while shutting down is not an error
out, err, code = run([[
asyncio.spawn(function() await(asyncio.sleep(100)) end)
await(asyncio.sleep(0.01))
print("main done")
]])
expect(code == 0, "leftover task: exit status 0", out, err, code)
expect(out == "main done\n", "leftover task: stdout", out, err, code)
expect(err == "", "leftover task: nothing on stderr", out, err, code)

-- 8. a traceback through a stripped chunk (luac -s, as the runtime's own
-- chunks are built): a function it called through an upvalue is named by
-- its source, not "upvalue '?'", and the stripped frame has no line
out, err, code = run([[
local function inner() await(asyncio.sleep(0)); error("inner failed") end
local function outer() inner() end
local stripped = load(string.dump(outer, true))
debug.setupvalue(stripped, 1, inner)
asyncio.spawn(stripped)
await(asyncio.sleep(0.01))
]])
expect(code == 0, "stripped caller: exit status 0", out, err, code)
expect(has(err, ":1: in function <"), "stripped caller: the callee named by its source", out, err, code)
expect(not has(err, "'?'"), "stripped caller: no unknown name", out, err, code)
expect(has(err, "\t?: in function <?:2>"), "stripped caller: no line for the stripped frame", out, err, code)

-- 9. a callable object (a table with __call) as a done callback and as a
-- loop callback: a pending future's repr and the handle's show it by its
-- tostring, as CPython's by repr(obj) ("<Dummy>()"), and its error is
-- reported as any callback's
out, err, code = run([[
local obj = setmetatable({}, { __call = function(self, f)
  error("callable failed") end, __tostring = function() return "<Dummy>" end })
local loop = asyncio.get_running_loop()
local f = loop:create_future()
f:add_done_callback(obj)
print(f)
print(loop:call_soon(obj, f))
f:set_result(1)
await(asyncio.sleep(0))
]])
expect(code == 0, "callable callback: exit status 0", out, err, code)
expect(out == "<Future pending cb=[<Dummy>()]>\n<Handle <Dummy>()>\n", "callable callback: reprs", out, err, code)
local _, reports = err:gsub("Exception in callback <Dummy>%(%)\nhandle: <Handle <Dummy>%(%)>\n" ..
  "[^\n]-:2: callable failed\n", "")
expect(reports == 2, "callable callback: both errors reported", out, err, code)
expect(not has(err, "tail calls"), "callable callback: no tail-call mark", out, err, code)

print("ok")
