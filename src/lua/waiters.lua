-- The waiting machinery shared by locks.lua and queues.lua: a FIFO deque of
-- waiter Futures, and reused coroutine objects for the hot methods.
local task = require "luasync.task"

local setmetatable = setmetatable

local M = {}

---------------------------------------------------------------------------
-- Deque: a FIFO of waiters, {h = first index, t = last index, [h..t] = items}.
-- Indices restart at 1 whenever it empties, so the items stay in the array
-- part. Removing from the middle shifts the tail (waiters leave mostly from
-- the head).

local function deque() return { h = 1, t = 0 } end

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

-- Removes x (its first occurrence); false when x is not there.
local function dq_remove(d, x)
  local h, t = d.h, d.t
  for i = h, t do
    if d[i] == x then
      if i == h then
        dq_popleft(d)
      else
        for j = i, t - 1 do d[j] = d[j + 1] end
        d[t] = nil
        d.t = t - 1
      end
      return true
    end
  end
  return false
end

M.deque, M.dq_push, M.dq_popleft, M.dq_remove, M.dq_len = deque, dq_push, dq_popleft, dq_remove, dq_len

---------------------------------------------------------------------------
-- Reused coroutine objects. The hot methods (Queue get/put, Lock and
-- Semaphore acquire, Event wait) return one coroutine object per primitive
-- and method, made once: a call gets a fresh object only while the previous
-- one has not started running yet (e.g. two q:get() passed to gather);
-- otherwise the previous one is reset and handed out again. Its arguments
-- were already read when it started, so resetting them is safe. So a
-- non-blocking get/put/acquire allocates nothing. The one visible
-- difference from Python: an old coroutine object awaited a second time
-- after the next call reused it runs again instead of raising
-- "cannot reuse already awaited coroutine".

local Coro = task.Coro

local function run_reused(c)
  c._ran = true
  return c._fn(c._self, c._arg)
end

local function reused_coro(self, key, fn, name, arg)
  local c = self[key]
  if c and c._ran then
    c._ran = false
    c.started = false
    c._arg = arg
    return c
  end
  c = setmetatable({ fn = run_reused, name = name, n = 1, _fn = fn, _self = self, _arg = arg,
    _ran = false, started = false }, Coro)
  c[1] = c
  self[key] = c
  return c
end
M.reused_coro = reused_coro

return M
