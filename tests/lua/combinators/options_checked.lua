-- Every function that takes a trailing options table refuses a key that is
-- not one of its options, and a list where the options go, with an error
-- naming what was meant (Python raises TypeError for both); nothing runs and
-- nothing is reported as never awaited.
local function fails_with(what, want, fn, ...)
  local ok, e = pcall(fn, ...)
  if ok then error(what .. ": no error", 2) end
  e = tostring(e)
  if not e:find(want, 1, true) then error(("%s: expected %q in %q"):format(what, want, e), 2) end
end
-- A refused coroutine object was closed: it can never run, and is not
-- reported as never awaited.
local function closed(what, c)
  local ok, e = pcall(asyncio.create_task, c)
  if ok or not tostring(e):find("cannot reuse already awaited coroutine", 1, true) then
    error(what .. ": the refused coroutine object was not closed", 2)
  end
end

local ran = false
local work = async(function(x) ran = true; await(asyncio.sleep(1)); return x end)

local a, b = work("a"), work("b")
fails_with("gather(list)", "bad argument #1 to 'gather' (gather takes awaitables as separate arguments: " ..
  "use gather(table.unpack(list)))", asyncio.gather, { a, b })
closed("gather(list)", a); closed("gather(list)", b)
a = work("a")
fails_with("gather(aw, {timeout=})", "bad argument #2 to 'gather' (unknown option 'timeout'; " ..
  "the options are: return_exceptions)", asyncio.gather, a, { timeout = 1 })
closed("gather(aw, {timeout=})", a)
fails_with("create_task(aw, {nmae=})", "bad argument #2 to 'create_task' (unknown option 'nmae'; the options are: name)",
  asyncio.create_task, function() end, { nmae = "x" })
fails_with("create_task(aw, list)", "bad argument #2 to 'create_task' (options expected, got a list)",
  asyncio.create_task, function() end, { "x" })
local t = asyncio.create_task(function() end)
fails_with("wait(aws, {timout=})", "bad argument #2 to 'wait' (unknown option 'timout'; " ..
  "the options are: timeout, return_when)", asyncio.wait, { t }, { timout = 1 })
fails_with("as_completed(aws, {return_when=})", "bad argument #2 to 'as_completed' (unknown option 'return_when'; " ..
  "the options are: timeout)", asyncio.as_completed, { t }, { return_when = asyncio.FIRST_COMPLETED })
fails_with("wait(t1, t2)", "bad argument #2 to 'wait' (options expected, got an awaitable; wait takes its " ..
  "awaitables in one table: wait({t1, t2}))", asyncio.wait, { t }, t)
fails_with("as_completed({t1}, t2)", "bad argument #2 to 'as_completed' (options expected, got an awaitable; " ..
  "as_completed takes its awaitables in one table: as_completed({t1, t2}))", asyncio.as_completed, { t }, t)
fails_with("as_completed(aws, {timeout='x'})", "bad argument #2 to 'as_completed' (field 'timeout' must be a " ..
  "number or nil)", asyncio.as_completed, { t }, { timeout = "x" })
fails_with("as_completed({}, {timeout='x'})", "bad argument #2 to 'as_completed' (field 'timeout' must be a " ..
  "number or nil)", asyncio.as_completed, {}, { timeout = "x" })
local r = work("r")
fails_with("run(aw, {clok=})", "bad argument #2 to 'run' (unknown option 'clok'; the options are: clock, debug)",
  asyncio.run, r, { clok = "virtual" })
closed("run(aw, {clok=})", r)
local c = work("c")
fails_with("create_task(coro, {nmae=})", "bad argument #2 to 'create_task' (unknown option 'nmae'",
  asyncio.create_task, c, { nmae = "x" })
closed("create_task(coro, {nmae=})", c)
fails_with("loop:create_task(aw, {nmae=})", "bad argument #2 to 'create_task' (unknown option 'nmae'",
  asyncio.get_running_loop().create_task, asyncio.get_running_loop(), function() end, { nmae = "x" })
do
  local tg <close> = asyncio.TaskGroup()
  fails_with("tg:create_task(aw, {nmae=})", "bad argument #2 to 'create_task' (unknown option 'nmae'",
    tg.create_task, tg, function() end, { nmae = "x" })
end
await(t)

-- The options that exist still work.
local r = await(asyncio.gather(work(1), asyncio.sleep(0, 2), { return_exceptions = true }))
if r[1] ~= 1 or r[2] ~= 2 or r.n ~= 2 then error("gather with its option") end
if not ran then error("work never ran") end
print("ok")
