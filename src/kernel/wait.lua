-- The Lua half of the wait primitive (wait.hpp): the registry of aborts, and
-- cancel()'s protocol on a waiting task.
--
-- What a task waits on (its _fut_waiter: a Future, an op...) names its abort
-- through its metatable; a new kind of wait registers one here and needs no
-- change to the task code. An abort(what, task, msg) undoes what the wait
-- registered and answers:
--   ABORTED    the wait is over: the task is woken with CancelledError(msg)
--   FORWARDED  the cancellation went to what it waits on (a Future), whose
--              completion will wake the task; a later cancel() forwards again
--   false      it cannot be aborted: the task is cancelled at its next step
local errors = require "luasync.errors"
local core = require "luasync.core"

local wait_of, wake, wait_spend = core.wait_of, core.wake, core.wait_spend
local getmetatable = require("luasync.std").class_of
local type, rawget = type, rawget
local CancelledError = errors.CancelledError

local M = {}

local ABORTED, FORWARDED = "aborted", "forwarded"
M.ABORTED, M.FORWARDED = ABORTED, FORWARDED

local aborts = {}  -- metatable of what is waited on -> abort

function M.register(mt, abort) aborts[mt] = abort end

-- A Future's abort: cancel it (Future, Task and the gathering future each
-- register it for their class).
function M.forward_to_future(fut, _, msg)
  return fut:cancel(msg) and FORWARDED or false
end

-- cancel() of a task: true when its wait took the cancellation (the task
-- will be woken with CancelledError, or its Future was cancelled); false
-- when the task waits on nothing that can be aborted, so it must be
-- cancelled at its next step.
function M.cancel(task, msg)
  local what, gen = wait_of(task)
  if gen == nil then return false end
  local mt = getmetatable(what)
  local abort = aborts[mt]
  if not abort and type(mt) == "table" and rawget(mt, "__isfuture") == true then
    -- A future of a class of its own (await accepts any __isfuture
    -- value): cancelled like a Future, as Task.cancel cancels any
    -- _fut_waiter.
    abort = M.forward_to_future
  end
  local r = abort and abort(what, task, msg)
  if r == ABORTED then
    wake(task, gen, CancelledError(msg), true)
    return true
  end
  if r == FORWARDED then return true end
  wait_spend(task, gen)
  return false
end

-- Ends the task's wait with CancelledError(msg), whatever it waits on;
-- false when it is not waiting.
function M.abort_now(task, msg)
  local _, gen = wait_of(task)
  if gen == nil then return false end
  return wake(task, gen, CancelledError(msg), true)
end

M.register(core.OP_MT, core.op_abort)

return M
