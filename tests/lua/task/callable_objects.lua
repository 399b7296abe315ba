-- A callable object (a table or userdata whose metatable has __call) is a
-- function in Lua's idiom: async(obj), asyncio.spawn(obj, ...) and
-- TaskGroup:spawn(obj, ...) take it as call_soon and add_done_callback do,
-- with the object as the callee's first argument, awaits inside it
-- suspending the task. Anything else is refused with the same words as a
-- non-function given to call_soon. Before, async and spawn refused callable
-- objects ("function expected, got table").
-- (No CPython reference: spawn is luasync's own, and Python's async def
-- takes a function body only.)
local function eq(what, got, want)
  if got ~= want then error(("%s: expected %s, got %s"):format(what, tostring(want), tostring(got)), 2) end
end

local log = {}
local Counter = {}
Counter.__index = Counter
Counter.__tostring = function(self) return "<Counter " .. self.name .. ">" end
Counter.__call = function(self, a, b)
  await(asyncio.sleep(0.1))
  self.n = self.n + 1
  log[#log + 1] = ("%s %s %s"):format(self.name, tostring(a), tostring(b))
  return a, b
end
local function counter(name) return setmetatable({ name = name, n = 0 }, Counter) end

-- async(obj): a function making coroutine objects that call obj.
local c = counter("async")
local af = async(c)
local co = af(1, 2)
eq("async(obj): a coroutine object", asyncio.iscoroutine(co), true)
local a, b = await(co)
eq("async(obj): results", a .. "," .. b, "1,2")
eq("async(obj): the object is self", c.n, 1)
eq("async(obj): iscoroutinefunction", asyncio.iscoroutinefunction(af), true)

-- spawn(obj, ...) with no, one and two arguments
local s = counter("spawn")
local t0, t1, t2 = asyncio.spawn(s), asyncio.spawn(s, "x"), asyncio.spawn(s, "x", "y")
eq("spawn(obj): result", await(t0), nil)
eq("spawn(obj, a): result", await(t1), "x")
eq("spawn(obj, a, b): second result", select(2, await(t2)), "y")
eq("spawn(obj): ran three times", s.n, 3)
local tr = asyncio.spawn(s, "r")
eq("spawn(obj): the repr names it, at its __call", tostring(tr):match("coro=<(.-)>>$"),
  "<Counter spawn>() running at callable_objects.lua:18")
await(tr)

-- an object whose __call is an async function: the task runs the
-- coroutine object it returns
local ac = setmetatable({}, { __call = async(function(self, v)
  await(asyncio.sleep(0))
  return v * 2
end) })
eq("spawn(obj with async __call)", await(asyncio.spawn(ac, 21)), 42)

-- TaskGroup:spawn(obj, ...)
local g = counter("group")
do
  local tg <close> = asyncio.TaskGroup()
  tg:spawn(g, "in", "group")
end
eq("TaskGroup:spawn(obj)", g.n, 1)

-- anything else is refused (io.stdout: a userdata without __call)
local function refused(what, f, ...)
  local ok, e = pcall(f, ...)
  eq(what .. ": refused", ok, false)
  return e
end
eq("async(42)", refused("async(42)", async, 42), "bad argument #1 to 'async' (function expected, got number)")
eq("async({})", refused("async({})", async, {}), "bad argument #1 to 'async' (function expected, got table)")
eq("spawn({})", refused("spawn({})", asyncio.spawn, {}), "bad argument #1 to 'spawn' (function expected, got table)")
eq("spawn(io.stdout)", refused("spawn(io.stdout)", asyncio.spawn, io.stdout),
  "bad argument #1 to 'spawn' (function expected, got userdata)")
eq("call_soon({})", refused("call_soon({})", function() return asyncio.get_running_loop():call_soon({}) end),
  "bad argument #1 to 'call_soon' (function expected, got table)")
do
  local tg <close> = asyncio.TaskGroup()
  eq("tg:spawn({})", refused("tg:spawn({})", tg.spawn, tg, {}),
    "bad argument #1 to 'spawn' (function expected, got table)")
end

eq("order", table.concat(log, "|"), "async 1 2|spawn nil nil|spawn x nil|spawn x y|spawn r nil|group in group")
print("ok")
