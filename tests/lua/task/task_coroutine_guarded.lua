-- A task's own coroutine (coroutine.running() inside it) runs only when its
-- task is woken. While it waits in an await, coroutine.status calls it
-- "normal", as Lua calls a coroutine that is active but not running, and
-- coroutine.resume and coroutine.close refuse it as Lua refuses a normal
-- coroutine, the message naming the task and saying to cancel it instead.
-- (close ended the task's coroutine: awaiting the task then raised "cannot
-- resume dead coroutine", and closing the main task's ended the program
-- with that message and no traceback.) Once the task is done, its coroutine
-- is dead as any other.
local function eq(what, got, want)
  if got ~= want then error(("%s: %s, expected %s"):format(what, tostring(got), tostring(want)), 2) end
end
local function has(what, text, part)
  if type(text) ~= "string" or not text:find(part, 1, true) then
    error(("%s: %s lacks %q"):format(what, tostring(text), part), 2)
  end
end

local a_co
local a = asyncio.spawn(function()
  a_co = coroutine.running()
  eq("its own coroutine, to itself", coroutine.status(a_co), "running")
  local ok, e = pcall(coroutine.close, a_co)
  eq("closing itself", e, "cannot close a running coroutine")
  await(asyncio.sleep(0.05))
  return "A done"
end)
await(asyncio.sleep(0))
eq("waiting: status", coroutine.status(a_co), "normal")
local ok, e = coroutine.resume(a_co, "x")
eq("waiting: resume", ok, false)
eq("waiting: resume's message", e, "cannot resume non-suspended coroutine: it is the coroutine of Task-2, " ..
  "which waits in an await (to stop a task, cancel it: task:cancel())")
ok, e = pcall(coroutine.close, a_co)
eq("waiting: close", ok, false)
eq("waiting: close's message", e, "cannot close a normal coroutine: it is the coroutine of Task-2, " ..
  "which waits in an await (to stop a task, cancel it: task:cancel())")
local wrapped = coroutine.wrap(function() return coroutine.resume(a_co) end)
ok, e = wrapped()
has("waiting: resumed from a generator", e, "the coroutine of Task-2")
eq("the task goes on", await(a), "A done")
eq("done: status", coroutine.status(a_co), "dead")
ok, e = coroutine.resume(a_co)
eq("done: resume's message", e, "cannot resume dead coroutine")
eq("done: close", coroutine.close(a_co), true)

-- A named task is named; the main task's coroutine, closed from another
-- task, is refused too, and the main task goes on.
local main_co = coroutine.running()
local b = asyncio.create_task((async(function()
  local ok_, err = pcall(coroutine.close, main_co)
  return err
end))(), { name = "closer" })
local c_co
local c = asyncio.create_task((async(function()
  c_co = coroutine.running()
  await(asyncio.sleep(1))
end))(), { name = "sleeper" })
has("the main task's: refused", await(b), "it is the coroutine of Task-1, which waits in an await")
has("a named task's", select(2, coroutine.resume(c_co)), "it is the coroutine of sleeper,")
c:cancel()
eq("cancelled", pcall(await, c), false)
eq("cancelled: status", coroutine.status(c_co), "dead")
print("ok")
