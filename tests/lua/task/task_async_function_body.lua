-- An async function given where a coroutine was meant -- create_task(work),
-- spawn(work, args), TaskGroup:spawn(work, args) -- runs its coroutine as the
-- task's body (docs/api.md: "when the function is an async function, the
-- coroutine it gives back runs as the task's body"), named after the
-- function. A plain function still runs as the body itself, and a function
-- the runtime calls with a wrong argument names no runtime frame.
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

-- A plain function is still the body itself, and may return a coroutine
-- object as its value.
local plain = asyncio.spawn(function(x) return x * 2 end, 21)
eq("plain function body", await(plain), 42)

-- create_task(asyncio.sleep): sleep is called with no argument inside the
-- task; the error names sleep and no runtime frame.
local t6 = asyncio.create_task(asyncio.sleep)
local ok, e = pcall(await, t6)
eq("create_task(asyncio.sleep) fails", ok, false)
eq("its message", e, "bad argument #1 to 'sleep' (number expected, got no value)")
if t6._tb and t6._tb:find("luasync:", 1, true) then error("an internal frame in the traceback: " .. t6._tb) end
print("ok")
