-- A pending task's repr says "running at" the line of the function it
-- names, as CPython's gives the line of the task's own coroutine: where
-- outer awaits, not the line inside sleeper that outer awaits inline
-- (CPython: coro=<outer() running at t.py:6> for outer at line 6 awaiting
-- sleeper, which sleeps at line 3). A recursive function, at its outermost
-- frame; one whose frame a tail call replaced (`return waits()`), at the
-- outermost frame of the user's, the nearest to it (`return await(x)`
-- replaces none: await is a C function, under which the caller's frame
-- stays); asyncio.run's coroutine, which the main task runs, at its line.
local here = debug.getinfo(1, "S").short_src
local function check(what, got, want)
  if got ~= want then error(("%s: got %s, want %s"):format(what, tostring(got), tostring(want)), 2) end
end
local function coro(t) return tostring(t):match("coro=<(.-)>") end

local sleeper = async(function()
  await(asyncio.sleep(1))
end)
local outer = async(function()
  await(sleeper())
end)
local t = asyncio.create_task(outer())
await(asyncio.sleep(0))
check("an inline await: the awaiting line", coro(t), "outer() running at " .. here .. ":20")
t:cancel()

local function deep(n)
  if n == 0 then await(asyncio.sleep(1)) return end
  deep(n - 1)
end
t = asyncio.spawn(deep, 3)
await(asyncio.sleep(0))
check("recursion: the outermost frame", coro(t), "deep() running at " .. here .. ":29")
t:cancel()

local function waits() await(asyncio.sleep(1)) end
local function tail() return waits() end
t = asyncio.spawn(tail)
await(asyncio.sleep(0))
check("a tail call: the outermost frame left", coro(t), "tail() running at " .. here .. ":36")
t:cancel()

-- asyncio.run's coroutine: the main task's repr names it, at its line.
local seen
local main = async(function()
  local me = asyncio.current_task()
  asyncio.get_running_loop():call_soon(function() seen = coro(me) end)
  await(sleeper())
end)
asyncio.run(main())
check("asyncio.run's coroutine", seen, "main() running at " .. here .. ":48")
print("ok")
