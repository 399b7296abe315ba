-- The rare ends of a task, those other than its body returning or raising:
-- scopes (TaskGroup, timeout) left open when it ends, a bare
-- coroutine.yield() in its body, the set_result and set_exception a Task
-- refuses, and the report of the errors of the tasks cancelled at shutdown.
-- (os.exit(code, true) stays in task.lua: it must not need a module loaded
-- when memory has run out.) Loaded at the first one (task.lua's stand-ins
-- and calls; the errors raised here are error objects, which carry no
-- position): a start pays for every module it loads (bench W6). task.lua's
-- finish comes as an argument.
local errors = require "luasync.errors"
local future = require "luasync.future"
local std = require("luasync.std")  -- std.stderr: looked up at each call, the unit tests replace it
local report = std.lazy_module("luasync.report")
local core = require "luasync.core"

local co_close = core.raw_close
local ipairs, pcall, tostring, error = ipairs, pcall, tostring, error
local await_op = core.await

-- task.lua's slots and states (compile-time constants: one each)
local STATE <const> = 1
local CO <const> = 4
local FINISHED <const> = "FINISHED"

local M = {}

-- The task ends with scopes still open. Each is shut as __close would have
-- (a TaskGroup cancels its children, a timeout disarms) and answers an
-- error if being left open mattered (a group had children, a timeout
-- expired): then the task fails with the first such error (a RuntimeError
-- that says to write <close>), caused by the body's error, if any.
function M.finish_unclosed(finish, task, ok, ...)
  local scopes = task._scopes
  task._scopes = nil
  local err
  for i = 1, #scopes do
    local this = scopes[i]:_not_closed()
    err = err or this
  end
  if err == nil then return finish(task, ok, ...) end
  if not ok then err.cause = ... end
  return finish(task, false, err)
end

-- A task's coroutine yielded neither through await nor at its body's end
-- nor for os.exit (task.lua's after_resume): a bare coroutine.yield() in
-- its body. The task fails with RuntimeError, as CPython's Task does. (Lua
-- cannot raise at the yield, so the coroutine is closed: its <close>
-- variables run.)
function M.bad_yield_end(finish, task, tag)
  co_close(task[CO])
  local e = errors.RuntimeError("Task got bad yield: " .. report.safe_repr(tag))
  task._raised_tb = "  task '" .. task:get_name() .. "':\n\t(at a coroutine.yield outside await)"
  finish(task, false, e)
end

-- coroutine.yield(value) in a task's own coroutine, where a coroutine.wrap
-- or resume of the program's did not take it (coroutines.cpp): CPython's
-- Task answers a bad yield by throwing RuntimeError into the coroutine at
-- its next step, scheduled with call_soon.
function M.bad_yield(value)
  await_op(core.sleep(0))
  error(errors.RuntimeError("Task got bad yield: " .. report.safe_repr(value)), 0)
end

-- Only its body ends a task.
function M.set_result()
  error(errors.RuntimeError("Task does not support set_result operation"), 2)
end

function M.set_exception()
  error(errors.RuntimeError("Task does not support set_exception operation"), 2)
end

-- After the tasks were cancelled at shutdown (asyncio.run's end, the
-- script's end): reports each error other than the cancellation that one of
-- them raised, as CPython's asyncio.run does.
function M.report_shutdown_errors(tasks)
  for _, t in ipairs(tasks) do
    if t[STATE] == FINISHED and t._failed and not errors.stdout_gone(t._exception) then
      future.disarm(t)
      -- As report_unretrieved (future.lua): when memory has run out, what
      -- can be said without report.lua.
      local ok = pcall(function()
        report.call_exception_handler({
          message = "unhandled exception during asyncio.run() shutdown", exception = future.exception_of(t), task = t,
        }, t._tb)
      end)
      if not ok then std.stderr("unhandled exception during asyncio.run() shutdown\n" .. tostring(t._exception)) end
    end
  end
end

return M
