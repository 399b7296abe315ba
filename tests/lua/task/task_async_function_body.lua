-- An async function given where a coroutine was meant -- create_task(work),
-- spawn(work, args), TaskGroup:spawn(work, args) -- runs its coroutine as the
-- task's body (docs/api.md: "when the function is an async function, the
-- coroutine it gives back runs as the task's body"), named after the
-- function. A plain function still runs as the body itself (and a coroutine
-- object it returns runs next), and a function the runtime calls with a
-- wrong argument names no runtime frame.
local function eq(what, got, want)
  if got ~= want then error(("%s: expected %s, got %s"):format(what, tostring(want), tostring(got)), 2) end
end

local log = {}
local work = async(function(name, d)
  await(asyncio.sleep(d or 0))
  log[#log + 1] = tostring(name)
  return name, d
end)

local t1 = asyncio.create_task(work)
local t2 = asyncio.spawn(work, "spawned", 1)
local t3 = asyncio.spawn(work, "second", 0.5)
eq("create_task(async fn): body ran", select(2, pcall(await, t1)), nil)
eq("spawn(async fn, args): result", await(t2), "spawned")
eq("spawn(async fn, args): second value", select(2, await(t2)), 1)
eq("spawn(async fn, args): order", table.concat(log, ","), "nil,second,spawned")
eq("repr names the function", tostring(t2):match("coro=<([%w_]+)%(%)"), "work")

do
  local tg <close> = asyncio.TaskGroup()
  local t4 = tg:spawn(work, "in a group", 0)
  local t5 = tg:create_task(work, { name = "named" })
  await(asyncio.sleep(0.1))
  eq("TaskGroup:spawn(async fn, args)", t4:result(), "in a group")
  eq("TaskGroup:create_task(async fn, opts)", t5:get_name(), "named")
end

-- spawn(fn, arg), which the kernel takes itself (kernel/spawn.cpp), tells an
-- async function from a plain one however they alternate: it remembers the
-- last plain function it saw, and forgets it when async() makes a function.
local twice = function(x) return x * 2 end
for i = 1, 3 do
  local p1 = asyncio.spawn(twice, i)
  local a1 = asyncio.spawn(work, "one arg")
  eq("spawn(async fn, arg): the body is its coroutine", asyncio.iscoroutine(a1:get_coro()), true)
  eq("spawn(async fn, arg): repr", tostring(a1):match("coro=<([%w_]+)%(%)"), "work")
  eq("spawn(plain fn, arg): the body is the function", p1:get_coro(), twice)
  eq("spawn(plain fn, arg)", await(p1), 2 * i)
  eq("spawn(async fn, arg): result", await(a1), "one arg")
end
for i = 1, 50 do
  asyncio.spawn(function(x) return x end, i)
  collectgarbage()
  local made_now = async(function(x) return x end)
  local t = asyncio.spawn(made_now, i)
  eq("spawn(new async fn, arg): the body is its coroutine", asyncio.iscoroutine(t:get_coro()), true)
  eq("spawn(new async fn, arg): result", await(t), i)
end

-- A plain function is still the body itself.
local plain = asyncio.spawn(function(x) return x * 2 end, 21)
eq("plain function body", await(plain), 42)

-- A function that returns a coroutine object (and nothing else) has it run
-- by the task, as Trio's start_soon: a library function, a wrapper of an
-- async function. One already run, or returned with other values, is a
-- plain value.
local loop = asyncio.get_running_loop()
local t0 = loop:time()
local slept = asyncio.spawn(asyncio.sleep, 2, "slept")
eq("spawn(asyncio.sleep, 2, v): the task sleeps", await(slept), "slept")
eq("spawn(asyncio.sleep, 2, v): for 2 s", loop:time() - t0, 2)
local q = asyncio.Queue()
local getter = asyncio.spawn(q.get, q)
q:put_nowait("item")
eq("spawn(q.get, q): takes an item", await(getter), "item")
local double = async(function(x) return x * 2 end)
eq("a wrapper of an async function", await(asyncio.spawn(function(x) return double(x) end, 4)), 8)
local ran = double(1)
await(ran)
eq("a coroutine object that ran is a value", await(asyncio.spawn(function() return ran end)), ran)
local a, b = await(asyncio.spawn(function() return double(5), "and more" end))
eq("with other values, not run", asyncio.iscoroutine(a) and b, "and more")
a:close()

-- create_task(asyncio.sleep): sleep is called with no argument inside the
-- task; the error names sleep and no runtime frame.
local t6 = asyncio.create_task(asyncio.sleep)
local ok, e = pcall(await, t6)
eq("create_task(asyncio.sleep) fails", ok, false)
eq("its message", e, "bad argument #1 to 'sleep' (number expected, got no value)")
if t6._tb and t6._tb:find("luasync:", 1, true) then error("an internal frame in the traceback: " .. t6._tb) end
print("ok")
