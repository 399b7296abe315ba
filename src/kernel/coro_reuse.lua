-- A coroutine object or op closed, or used again after it started: its
-- close(), the runtime's close of one a refused call was given
-- (close_coro), and the error of an await of one that started (the
-- kernel's reuse_error). Loaded at the first such use (task.lua's
-- stand-ins: reuse_error's tail-calls, so the level its error counts is
-- its caller's; close's is a frame of its own, and close's errors find the
-- user's frame themselves): a start pays for every module it loads (bench
-- W6).
local errors = require "luasync.errors"
local tasks = require "luasync.task"
local std = require "luasync.std"
local core = require "luasync.core"

local type, pairs, rawget = type, pairs, rawget
local getmetatable = std.class_of
local running = coroutine.running
local getinfo, getlocal = debug.getinfo, debug.getlocal
local K, current, await_op, op_state = core.K, core.current_task, core.await, core.op_state
local live, live_named = K[core.SLOT_LIVE], K[core.SLOT_LIVE_NAMED]  -- task.lua's pending tasks
local Coro, drop_args = tasks.Coro, tasks.drop_args

-- task.lua's slots and states (compile-time constants: one each)
local STATE <const> = 1
local CO <const> = 4
local BODY <const> = 5
local PENDING <const> = nil

local M = {}

-- The pending task that took the coroutine object c (create_task) and has
-- not run its first step, or nil. (A scan of the pending tasks: only a
-- close of a started coroutine object asks.)
local function unstarted_task_of(c)
  for _, t in pairs(live) do
    if t[BODY] == c and not t[CO] and t[STATE] == PENDING then return t end
  end
  for t in pairs(live_named) do
    if t[BODY] == c and not t[CO] and t[STATE] == PENDING then return t end
  end
end

-- c:close() of a started coroutine object c: one a task took and has yet
-- to run is closed all the same, as CPython's: that task never runs it,
-- its first step fails with "cannot reuse already awaited coroutine"
-- (task.lua's prepare_step, _reused).
local function close_taken(c)
  local t = unstarted_task_of(c)
  if t and not t._reused then
    t._reused, t._n = true, 0  -- (_n: the kernel leaves its first step to prepare_step)
    for i = 1, rawget(c, "n") or 0 do c[i] = nil end
  end
end

-- Coro:close(): an unstarted one drops its arguments and never runs.
function M.close(self)
  errors.check_self(self, Coro, "close", "coroutine", "coro")
  if not rawget(self, "started") then return drop_args(self) end  -- (raw: see task.lua's coro_name)
  return close_taken(self)
end

-- close_coro(v): marks a coroutine object as consumed without running it.
-- (A started one has no arguments left, or belongs to a task that has yet
-- to run it: Coro:close.)
function M.close_coro(v)
  if getmetatable(v) == Coro then
    if not rawget(v, "started") then drop_args(v) end
  elseif type(v) == "userdata" and op_state(v) ~= nil then
    core.op_close(v)
  end
end

-- The await of a coroutine object or op that started (the kernel's
-- reuse_error; error paths only, nothing records it on the hot ones): as
-- CPython's, "coroutine is being awaited already" while it is suspended in
-- an await, "cannot reuse already awaited coroutine" once it finished. The
-- pending tasks tell which: one runs aw as its body, or a frame of the
-- kernel's await in its stack runs aw (its first slot; the running
-- coroutine's first such frame is this await's). A coroutine object given
-- to create_task whose task has not started yet returns instead: the await
-- runs it, and the task's first step fails (prepare_step, _reused), as
-- CPython's task fails when it finds its coroutine already run. An op given
-- to create_task is awaited by its task's first step (its body is await,
-- its argument the op): awaited before that, the step finds it started and
-- fails the same way, as the await elsewhere may still be running it.
local function await_runs(co, aw, skip)
  for level = 0, 100000 do
    local info = getinfo(co, level, "f")
    if not info then return false end
    if info.func == await_op then
      local _, v = getlocal(co, level, 1)
      if v == aw then
        if not skip then return true end
        skip = false
      end
    end
  end
  return false
end

function M.reuse_error(aw)
  local me = current()
  if me and me._op == aw and me[BODY] == await_op then
    error(errors.RuntimeError("cannot reuse already awaited coroutine"), 2)
  end
  local this = running()
  local awaited = await_runs(this, aw, true)
  local function look(t)
    if awaited or t[STATE] ~= PENDING then return end
    local co = t[CO]
    if t[BODY] == aw then
      if co then
        awaited = true
      elseif getmetatable(aw) == Coro and not t._reused then
        t._reused, t._n = true, 0  -- (_n: the kernel leaves its first step to prepare_step)
        awaited = "run"
      end
    elseif type(co) == "thread" and co ~= this then
      awaited = await_runs(co, aw, false)
    end
  end
  for _, t in pairs(live) do look(t) end
  for t in pairs(live_named) do look(t) end
  if awaited == "run" then return end
  error(errors.RuntimeError(awaited and "coroutine is being awaited already" or "cannot reuse already awaited coroutine"), 2)
end

return M
