-- A task that gathers itself waits on what waits on it. Cancelling it used
-- to recurse (task -> gather -> task ...) until a stack overflow ended the
-- program with an internal error (found by tests/fuzz; CPython recurses
-- until RecursionError). The cancellation now ends the task's wait with
-- CancelledError, and the gather finishes with that CancelledError as its
-- exception (as CPython's gather does when a child is cancelled).
local function eq(what, got, want)
  if got ~= want then error(("%s: expected %s, got %s"):format(what, tostring(want), tostring(got)), 2) end
end

local gathering
local t = asyncio.create_task(async(function()
  gathering = asyncio.gather(asyncio.current_task())
  await(gathering)
end)())
await(asyncio.sleep(1))
eq("cancel() takes it", t:cancel("stop"), true)
local ok, e = pcall(await, t)
eq("the task ends cancelled", ok, false)
eq("with the message", tostring(e), "CancelledError: stop")
eq("the task is cancelled", t:cancelled(), true)
await(asyncio.sleep(0))
eq("the gather is done", gathering:done(), true)
eq("with the child's CancelledError", asyncio.CancelledError:is(select(2, pcall(gathering.result, gathering))), true)

-- the same in the main task, through wait_for's timeout
ok, e = pcall(await, asyncio.wait_for(asyncio.gather(asyncio.current_task()), 0.5))
eq("wait_for of a self-gather: raises", ok, false)
eq("CancelledError (the main task was the gather's child)", asyncio.CancelledError:is(e), true)
print("ok")
