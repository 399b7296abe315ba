-- The waiting machinery of locks.lua: a FIFO deque of waiter Futures, and
-- the coroutine objects of the hot methods. (Queues keep their waiters in
-- C++: queue_core.cpp.)
local task = require "luasync.task"

local setmetatable = setmetatable

local M = {}

---------------------------------------------------------------------------
-- Deque: a FIFO of waiters, {h = first index, t = last index, [h..t] = items}.
-- Indices restart at 1 whenever it empties, so the items stay in the array
-- part. Removing from the middle shifts the tail (waiters leave mostly from
-- the head).

local Deque = { __name = "waiters" }
local function deque() return setmetatable({ h = 1, t = 0 }, Deque) end

local function dq_push(d, x)
  local t = d.t + 1
  d.t = t
  d[t] = x
end

local function dq_len(d) return d.t - d.h + 1 end

-- Removes and returns the first item, or nil when empty.
local function dq_popleft(d)
  local h, t = d.h, d.t
  if h > t then return nil end
  local x = d[h]
  d[h] = nil
  if h == t then d.h, d.t = 1, 0 else d.h = h + 1 end
  return x
end

-- Removes x, which is there at most once (a waiter future); false when it
-- is not there. It is looked for from both ends at once: waiters cancelled
-- oldest first (a shutdown, a TaskGroup) leave from the head, newest first
-- from the tail, and each is found and removed at once. (CPython's
-- deque.remove looks from the head: cancelling 20,000 waiters newest first
-- is quadratic there.)
local function dq_remove(d, x)
  local h, t = d.h, d.t
  local lo, hi, i = h, t, nil
  while lo <= hi do
    if d[lo] == x then i = lo break end
    if d[hi] == x then i = hi break end
    lo, hi = lo + 1, hi - 1
  end
  if i == nil then return false end
  if i == h then
    dq_popleft(d)
  else
    for j = i, t - 1 do d[j] = d[j + 1] end
    d[t] = nil
    d.t = t - 1
  end
  return true
end

M.deque, M.dq_push, M.dq_remove, M.dq_len = deque, dq_push, dq_remove, dq_len

---------------------------------------------------------------------------
-- Coroutine objects for the hot methods (Lock and Semaphore acquire, Event
-- wait): a fresh one per call, as small as a coroutine object
-- gets -- the arguments in the array part and the name found through
-- task.lib_names -- so each runs at most once, as every coroutine object does.

local make_coro = task.make_coro
local lib_names = task.lib_names

-- Registers fn's display name ("Lock.acquire") and returns a maker of its
-- coroutine objects: make(self, arg) -> coroutine object running fn(self, arg).
function M.coro_maker(fn, name)
  lib_names[fn] = name
  require("luasync.std").fn_names[fn] = name  -- names its frames (tasks())
  return function(self, arg)
    return make_coro(fn, nil, self, arg)
  end
end

return M
