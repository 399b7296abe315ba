-- A table whose metatable has a __call that cannot be called (`__call = 5`)
-- is no callable object: spawn, async, TaskGroup:spawn, the loop's
-- call_soon / call_later / call_at / call_soon_threadsafe,
-- add_done_callback, Condition:wait_for and set_exception_handler refuse it
-- at the call, with the words they use for any other non-function. Before,
-- they took it, and it failed only when it came to be called ("attempt to
-- call a number value", in a task nobody awaited or a callback's report).
-- A __call that is itself a callable object is called by Lua 5.4, and is
-- taken. (No CPython reference: Python has no __call that is not callable.)
local function eq(what, got, want)
  if got ~= want then error(("%s: expected %s, got %s"):format(what, tostring(want), tostring(got)), 2) end
end

local function refused(what, f, ...)
  local ok, e = pcall(f, ...)
  eq(what .. ": refused", ok, false)
  return tostring(e)
end

local bad = setmetatable({}, { __call = 5 })
local loop = asyncio.get_running_loop()

eq("spawn", refused("spawn", asyncio.spawn, bad), "bad argument #1 to 'spawn' (function expected, got table)")
-- (at the caller's line, as spawn({}) says it)
local line = debug.getinfo(1, "l").currentline + 1
local ok, e = pcall(function() local t = asyncio.spawn(bad, 1) return t end)
eq("spawn: at the caller's line", e, "callable_refused_at_call.lua:" .. line ..
  ": bad argument #1 to 'spawn' (function expected, got table)")
eq("spawn: no task made", ok, false)
eq("async", refused("async", async, bad), "bad argument #1 to 'async' (function expected, got table)")
eq("call_soon", refused("call_soon", loop.call_soon, loop, bad),
  "bad argument #1 to 'call_soon' (function expected, got table)")
eq("call_soon_threadsafe", refused("call_soon_threadsafe", loop.call_soon_threadsafe, loop, bad),
  "bad argument #1 to 'call_soon_threadsafe' (function expected, got table)")
eq("call_later", refused("call_later", loop.call_later, loop, 1, bad),
  "bad argument #2 to 'call_later' (function expected, got table)")
eq("call_at", refused("call_at", loop.call_at, loop, loop:time() + 1, bad),
  "bad argument #2 to 'call_at' (function expected, got table)")
local fut = asyncio.Future()
eq("add_done_callback", refused("add_done_callback", fut.add_done_callback, fut, bad),
  "bad argument #1 to 'add_done_callback' (function expected, got table)")
local cond = asyncio.Condition()
eq("Condition:wait_for", refused("Condition:wait_for", cond.wait_for, cond, bad),
  "bad argument #1 to 'wait_for' (function expected, got table)")
eq("set_exception_handler", refused("set_exception_handler", loop.set_exception_handler, loop, bad),
  "TypeError: A callable object or nil is expected, got " .. tostring(bad))
do
  local tg <close> = asyncio.TaskGroup()
  eq("tg:spawn", refused("tg:spawn", tg.spawn, tg, bad), "bad argument #1 to 'spawn' (function expected, got table)")
end
-- create_task takes no callable object at all (a coroutine or a function)
eq("create_task", refused("create_task", asyncio.create_task, bad),
  "TypeError: a coroutine was expected, got " .. tostring(bad))

-- A cycle of __call would hang Lua's call: refused too.
local mt = {}
local cyclic = setmetatable({}, mt)
mt.__call = cyclic
eq("spawn(cyclic)", refused("spawn(cyclic)", asyncio.spawn, cyclic),
  "bad argument #1 to 'spawn' (function expected, got table)")

-- A __call that is a callable object: Lua calls it (with the object first),
-- and so do spawn, async, call_soon and add_done_callback.
local log = {}
local inner = setmetatable({}, { __call = function(_, outer, v) log[#log + 1] = tostring(outer == nil) .. " " .. tostring(v) return v end })
local chained = setmetatable({}, { __call = inner })
eq("spawn(chained)", await(asyncio.spawn(chained, "spawned")), "spawned")
eq("async(chained)", await(async(chained)("async")), "async")
loop:call_soon(chained, "soon")
fut:add_done_callback(chained)
fut:set_result(1)
await(asyncio.sleep(0))
eq("chained calls", #log, 4)
eq("chained: the soon call", log[3], "false soon")
print("ok")
