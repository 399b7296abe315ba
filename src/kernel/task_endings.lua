-- The rare ends of a task, those other than its body returning or raising:
-- scopes (TaskGroup, timeout) left open when it ends, a bare
-- coroutine.yield() in its body, os.exit(code, true) while it runs, the
-- set_result and set_exception a Task refuses, and the report of the
-- errors of the tasks cancelled at shutdown. Loaded at the first one
-- (task.lua's stand-ins and calls, which tail-call: the levels its errors
-- count are those of their callers): a start pays for every module it
-- loads (bench W6). task.lua's finish comes as an argument.
local errors = require "luasync.errors"
local future = require "luasync.future"
local std = require("luasync.std")  -- std.stderr: looked up at each call, the unit tests replace it
local report = std.lazy_module("luasync.report")
local core = require "luasync.core"

local co_close, co_status = core.raw_close, core.raw_status
local raw_yield, raw_exit, isyieldable, running = core.raw_yield, core.raw_exit, coroutine.isyieldable,
  coroutine.running
local ipairs, next, pcall, tostring, setmetatable, error = ipairs, next, pcall, tostring, setmetatable, error
local K, current, await_op = core.K, core.current_task, core.await
local live, live_named = K[core.SLOT_LIVE], K[core.SLOT_LIVE_NAMED]  -- task.lua's pending tasks

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

-- os.exit(code, true) (kernel/exit.cpp): the pending <close> variables of
-- the main chunk and of a REPL input run, as lua5.4's lua_close runs those
-- of its main thread (tasks of reserve_stack: the runner's and the REPL's).
local EXIT = setmetatable({}, { __name = "exit" })

local function close_main_chunks()
  local function close(t)
    if t._reserve_stack and t[CO] and co_status(t[CO]) == "suspended" then co_close(t[CO]) end
  end
  for _, t in next, live do close(t) end
  for t in next, live_named do close(t) end
end

function M.exit_close(status)
  local t = current()
  if t and t._reserve_stack and running() == t[CO] and isyieldable() then
    raw_yield(EXIT, status) -- after_resume closes the coroutine and exits (other_yield)
  end
  close_main_chunks()
end

-- A task's coroutine yielded neither through await nor at its body's end
-- (task.lua's after_resume): EXIT, from os.exit(code, true) in this task's
-- own coroutine (exit_close), or a bare coroutine.yield() in its body.
function M.other_yield(finish, task, tag, ...)
  if tag == EXIT then
    local status = ...
    co_close(task[CO])
    close_main_chunks()
    return raw_exit(status, true)
  end
  -- A bad yield: the task fails with RuntimeError, as CPython's Task does.
  -- (Lua cannot raise at the yield, so the coroutine is closed: its <close>
  -- variables run.)
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
