-- TaskGroup: structured concurrency, as CPython 3.13's asyncio.TaskGroup
-- (Lib/asyncio/taskgroups.py), entered as a <close> variable:
--
--   local tg <close> = asyncio.TaskGroup()   -- __aenter__: binds the current task
--   tg:create_task(work())                   -- children
--   ...                                      -- the body
--   -- end of scope: __close is __aexit__: awaits every child
--
-- Contracts:
-- - Construction enters the group; it needs a current task (the parent).
-- - __close(self, err) runs __aexit__. It may await: the task body's pcall
--   lets a __close handler yield while an error unwinds. Lua cannot swallow
--   an error in __close, but __aexit__ never needs to (it only propagates or
--   replaces), so every outcome maps: it returns (the error, if any, goes
--   on) or raises its replacement (an ExceptionGroup, a base error).
-- - The first child that fails cancels the other children and the parent
--   task (the body), asking for that cancellation itself
--   (_parent_cancel_requested); __close takes it back with uncancel(), so
--   cancelling() is what it was before.
-- - An outside cancellation of the parent cancels the children and
--   propagates as CancelledError, unless child errors take priority.
-- - Child errors are collected in completion order into
--   ExceptionGroup("unhandled errors in a TaskGroup", errors).
local STATE <const> = 1  -- fields of Futures and Tasks (future.lua)
local errors = require "luasync.errors"
local future = require "luasync.future"
local task = require "luasync.task"
local report = require "luasync.report"
local find = string.find

local await, current = task.await, task.current
local PENDING, CANCELLED = future.PENDING, future.CANCELLED
local CancelledError, RuntimeError = errors.CancelledError, errors.RuntimeError
local pcall, error, setmetatable, type = pcall, error, setmetatable, type

local std = require("luasync.std")
local getmetatable, is_callable = std.class_of, std.is_callable

local M = {}

local TaskGroup = { __name = "TaskGroup" }
TaskGroup.__index = TaskGroup
M.TaskGroup = TaskGroup

-- Python's repr: <TaskGroup tasks=2 errors=1 cancelling>.
TaskGroup.__tostring = function(self)
  local info = { "<TaskGroup" }
  if self._ntasks > 0 then info[#info + 1] = "tasks=" .. self._ntasks end
  if self._errors and #self._errors > 0 then info[#info + 1] = "errors=" .. #self._errors end
  if self._aborting then
    info[#info + 1] = "cancelling"
  elseif self._entered then
    info[#info + 1] = "entered"
  end
  return table.concat(info, " ") .. ">"
end

local function check(self, fname)
  if getmetatable(self) ~= TaskGroup then errors.self_error(fname, "TaskGroup", "tg") end
end

-- KeyboardInterrupt and SystemExit are not collected: they propagate as is.
local function is_base_error(e)
  return errors.KeyboardInterrupt:is(e) or errors.SystemExit:is(e)
end

-- Cancels every child still running, in creation order.
local function abort(self)
  self._aborting = true
  local list, tasks = self._list, self._tasks
  for i = 1, #list do
    local t = list[i]
    if tasks[t] and t[STATE] == PENDING then t:cancel() end
  end
end

-- A child finished (a done callback: it must not raise).
local function on_task_done(self, t)
  if self._tasks[t] then
    self._tasks[t] = nil
    local n = self._ntasks - 1
    self._ntasks = n
    if n == 0 then self._list = {} end
  end
  local fut = self._on_completed_fut
  if fut ~= nil and self._ntasks == 0 and fut[STATE] == PENDING then
    future.set_results(fut, true)
  end
  -- (abandoned: nothing collects the error, it is reported as never retrieved)
  if t[STATE] == CANCELLED or not t._failed or self._abandoned then return end
  future.disarm(t)   -- the group retrieves the error
  local exc = future.exception_of(t)  -- (never nil: a failure with a nil error is one too)
  local errs = self._errors
  errs[#errs + 1] = exc
  self._tracebacks[#errs] = t._tb
  if is_base_error(exc) and self._base_error == nil then self._base_error = exc end
  local parent = self._parent_task
  if parent[STATE] ~= PENDING then
    report.call_exception_handler({
      message = "Task " .. tostring(t) .. " has errored out but its parent task " .. tostring(parent) ..
        " is already completed",
      exception = exc, task = t,
    }, t._tb)
    return
  end
  if not self._aborting and not self._parent_cancel_requested then
    -- Stop the body too; __close uncancels the parent afterwards.
    abort(self)
    self._parent_cancel_requested = true
    parent:cancel()
  end
end

-- TaskGroup(): entered at once, in the current task.
function M.new(...)
  errors.no_more_arguments(1, "TaskGroup", ...)
  local self = setmetatable({
    _entered = false, _exiting = false, _aborting = false, _parent_task = false,
    _parent_cancel_requested = false, _tasks = {}, _list = {}, _ntasks = 0, _errors = {}, _tracebacks = {},
    _base_error = nil, _on_completed_fut = nil,
  }, TaskGroup)
  local parent = current()
  if parent == nil then
    error(RuntimeError("TaskGroup " .. tostring(self) .. " cannot determine the parent task"), 2)
  end
  self._parent_task = parent
  self._entered = true
  self._where = report.user_where()
  self._on_done = function(t) on_task_done(self, t) end
  task.enter_scope(parent, self)
  return self
end

-- The parent task ended with this group still open: its <close> was
-- forgotten, so nothing waited for the children or collected their errors.
-- The children still running are cancelled, as leaving the scope with an
-- error would; answers the error for the parent, if the group had children.
function TaskGroup:_not_closed()
  self._exiting = true
  self._unclosed = true
  -- (a group with no child left is not cancelling anything: its repr says so)
  if not self._aborting and self._ntasks > 0 then abort(self) end
  if not self._adopted then return nil end
  return RuntimeError("TaskGroup() at " .. (self._where or "?") ..
    " was never closed: write `local tg <close> = asyncio.TaskGroup()` so that the scope waits" ..
    " for its tasks and raises their errors")
end

-- Checks that children may still be added; closes coro (no "never
-- awaited" warning) when they may not.
local function check_open(self, coro)
  local why
  if not self._entered then
    why = "has not been entered"
  elseif self._exiting and self._ntasks == 0 then
    -- One made at the prompt without <close> (or returned from a function)
    -- ended with the task that made it: say where the scope belongs.
    why = self._unclosed and ("is finished: it ended with the task that made it, unclosed (at the prompt, " ..
      "each input is a task): make it and its tasks in one block, " ..
      "do local tg <close> = asyncio.TaskGroup() ... end") or "is finished"
  elseif self._aborting then
    why = "is shutting down"
  end
  if why then
    task.close_coro(coro)
    error(RuntimeError("TaskGroup " .. tostring(self) .. " " .. why), 3)
  end
end

-- _list keeps the children in creation order (for abort); finished ones are
-- dropped when they outnumber the live ones, so a long-lived group (a
-- server's) does not grow.
local function adopt(self, t)
  self._adopted = true
  if t[STATE] ~= PENDING then
    on_task_done(self, t)
  else
    self._tasks[t] = true
    t._tg_parent = self._parent_task  -- awaited by the parent, as the call graph shows (graph.lua)
    local n = self._ntasks + 1
    self._ntasks = n
    local list = self._list
    if #list >= 2 * n + 16 then
      local live, tasks = {}, self._tasks
      for i = 1, #list do
        if tasks[list[i]] then live[#live + 1] = list[i] end
      end
      list = live
      self._list = list
    end
    list[#list + 1] = t
    future.add_internal(t, self._on_done)
  end
  return t
end

-- tg:create_task(coro_or_fn[, {name=}]): as asyncio.create_task, in the group.
function TaskGroup:create_task(aw, opts)
  check(self, "create_task")
  check_open(self, aw)
  return adopt(self, task.create_task(aw, opts, "create_task"))
end

-- tg:spawn(fn, ...): as asyncio.spawn, in the group.
function TaskGroup:spawn(...)
  check(self, "spawn")
  local fn = ...
  if not is_callable(fn) then
    errors.bad_argument(1, "spawn", "function", fn, select("#", ...) > 0)
  end
  check_open(self, nil)
  return adopt(self, task.spawn(...))
end

-- tg:cancel(): ends the group early (CPython 3.15's TaskGroup.cancel; 3.13
-- has none). Every child still running is cancelled, and so is the body (at
-- its next await), as by a failing child; __close takes that cancellation
-- back, so cancelling() is restored, and no error is collected. Lua cannot
-- swallow an error in __close: if the body was interrupted, its
-- CancelledError still leaves the scope (Python 3.15 suppresses it).
-- Idempotent; a no-op once the group has exited.
function TaskGroup:cancel()
  check(self, "cancel")
  if self._exiting and self._ntasks == 0 then return end
  if not self._aborting then abort(self) end
  local parent = self._parent_task
  if not self._parent_cancel_requested and parent[STATE] == PENDING then
    self._parent_cancel_requested = true
    parent:cancel()
  end
end

-- Waits until no child is left. A cancellation of the parent meanwhile
-- aborts the group (once) and is remembered to propagate.
local function wait_children(self, propagate)
  while self._ntasks > 0 do
    if self._on_completed_fut == nil then self._on_completed_fut = future.new() end
    local ok, e = pcall(await, self._on_completed_fut)
    if not ok then
      if not CancelledError:is(e) then error(e, 0) end
      if not self._aborting then
        propagate = e
        abort(self)
      end
    end
    self._on_completed_fut = nil
  end
  return propagate
end

-- __close where nothing may suspend (`where`: task.wait_refused), with
-- children still running: they cannot be waited for, and are never left
-- running unowned. They are cancelled; an error one raises from now on is
-- reported as never retrieved; the group's own cancellation of the parent
-- is taken back. Raises a RuntimeError that says so, caused by the errors
-- the children raised so far (an ExceptionGroup), else by the body's; but
-- a cancellation from outside, KeyboardInterrupt and SystemExit go on as
-- they are.
local function abandon(self, err, where)
  local n = self._ntasks
  self._abandoned = true
  if not self._aborting then abort(self) end
  if self._parent_cancel_requested then
    self._parent_task:uncancel()
  elseif self._base_error ~= nil or CancelledError:is(err) then
    -- The body was cancelled from outside (or the program is leaving): that
    -- goes on, the children cancelled with it.
    error(self._base_error or err, 0)
  end
  local e = RuntimeError("TaskGroup cannot wait for its tasks " .. where .. ": " ..
    (n == 1 and "1 task still running was" or (n .. " tasks still running were")) ..
    " cancelled, and nothing waits for " .. (n == 1 and "it" or "them") ..
    (find(where, "^while its coroutine is closed") and
      " (a coroutine closed early cannot wait: yield outside the TaskGroup's scope)" or
      " (await() cannot suspend there: attempt to yield across a C-call boundary)"))
  local errs = self._errors
  if #errs > 0 then
    local eg = errors.group_of("unhandled errors in a TaskGroup", errs)
    eg.tracebacks = self._tracebacks
    e.cause = eg
  elseif err ~= nil then
    e.cause = err
  end
  self._errors = nil
  error(e, 0)
end

-- __aexit__: err is the error leaving the body, or nil.
TaskGroup.__close = function(self, err)
  errors.check_metamethod_self(self, TaskGroup, "__close", "TaskGroup")
  if not self._entered or self._exiting then return end
  task.exit_scope(self._parent_task, self)
  self._exiting = true
  local failed = err ~= nil
  if failed and is_base_error(err) and self._base_error == nil then self._base_error = err end
  local propagate = nil
  if failed and CancelledError:is(err) then propagate = err end
  if failed and not self._aborting then
    -- The body failed, or the parent is being cancelled: stop the children.
    abort(self)
  end
  if self._ntasks > 0 then
    local where = task.wait_refused()
    if where then abandon(self, err, where) end
  end
  propagate = wait_children(self, propagate)

  if self._base_error ~= nil then error(self._base_error, 0) end
  local parent = self._parent_task
  if self._parent_cancel_requested then
    -- Our own cancellation of the parent: take it back.
    if parent:uncancel() == 0 then propagate = nil end
  end
  local errs = self._errors
  if propagate ~= nil and #errs == 0 then error(propagate, 0) end
  if failed and not CancelledError:is(err) then errs[#errs + 1] = err end
  if #errs > 0 then
    if parent:cancelling() > 0 then
      -- Cancelled from outside as well: keep its count stable.
      parent:uncancel()
      parent:cancel()
    end
    self._errors = nil
    local eg = errors.group_of("unhandled errors in a TaskGroup", errs)
    eg.tracebacks = self._tracebacks   -- for errors that are not error objects (report.format)
    error(eg, 0)
  end
end

-- Its frames are where a parent task waits for the group's tasks: ps,
-- tasks() and the traces say "TaskGroup" (asyncio/listing.lua).
std.fn_names[TaskGroup.__close] = "TaskGroup"

return M
