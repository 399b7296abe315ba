-- The waiting machinery of locks.lua: a FIFO deque of waiter Futures, and
-- the coroutine objects of the hot methods. (Queues keep their waiters in
-- C++: queue_core.cpp.)
local task = require "luasync.task"

local setmetatable = setmetatable

local M = {}

---------------------------------------------------------------------------
-- Deque: a FIFO of waiters (each there at most once: a waiter future),
-- {h = first index, t = last index, n = how many, dead = removed slots,
-- [h..t] = items}. Waiters leave mostly from the head (woken in turn) or
-- the tail (the newest gave up), found at once. One that leaves from the
-- middle leaves false in its slot (dead), and the first such removal
-- builds an index, pos = {[item] = its index}, kept until the deque
-- empties or is small again (n <= 16, no dead slot: an index costs each
-- push and removal a hash entry). So removing any waiter costs O(1)
-- amortized: searching for it and shifting the tail down made cancelling
-- every other one of 40,000 waiters take 10 s (CPython's deque.remove
-- searches too: 3 s).
-- Invariants: the slots at h and t hold items (not false) unless the deque
-- is empty; after each removal dead <= n + 32 and h <= 2n + 32 (both
-- restored by moving the items down to 1), so walking [h..t] costs O(n)
-- and the indices stay in the array part; h, t restart at 1, 0 whenever it
-- empties. Walkers skip the false slots.

local Deque = { __name = "waiters" }
-- (Made with an array part: with room in the hash part for its fields, the
-- first items would go there, and stay.)
local function deque()
  return setmetatable({ nil, nil, nil, nil, h = 1, t = 0, n = 0, dead = 0, pos = false }, Deque)
end

local function dq_push(d, x)
  local t = d.t + 1
  d.t = t
  d[t] = x
  d.n = d.n + 1
  local pos = d.pos
  if pos then pos[x] = t end
end

local function dq_len(d) return d.n end

-- Moves the items of [h..t] down to [1..n], dropping the dead slots; with
-- index, or when there is one, (re)builds the index.
local function compact(d, index)
  local h, t = d.h, d.t
  local pos = (index or d.pos) and {} or false
  local j = 0
  for i = h, t do
    local x = d[i]
    d[i] = nil
    if x then
      j = j + 1
      d[j] = x
      if pos then pos[x] = j end
    end
  end
  d.h, d.t, d.dead, d.pos = 1, j, 0, pos
end

-- Removes x; false when it is not there.
local function dq_remove(d, x)
  if d.n == 0 then return false end
  local h, t = d.h, d.t
  local i
  if d[h] == x then
    i = h
  elseif d[t] == x then
    i = t
  else
    if not d.pos then
      compact(d, true)
      h, t = d.h, d.t
    end
    i = d.pos[x]
    if i == nil then return false end
  end
  local pos = d.pos
  if pos then pos[x] = nil end
  local n = d.n - 1
  d.n = n
  if n == 0 then
    d[i] = nil
    d.h, d.t, d.dead, d.pos = 1, 0, 0, false
  elseif i == h then
    d[i] = nil
    h = h + 1
    while d[h] == false do
      d[h] = nil
      h = h + 1
      d.dead = d.dead - 1
    end
    d.h = h
    if h > 2 * n + 32 then compact(d) end
    if pos and n <= 16 and d.dead == 0 then d.pos = false end
  elseif i == t then
    d[i] = nil
    t = t - 1
    while d[t] == false do
      d[t] = nil
      t = t - 1
      d.dead = d.dead - 1
    end
    d.t = t
    if d.dead > n + 32 or d.h > 2 * n + 32 then
      compact(d)
    elseif pos and n <= 16 and d.dead == 0 then
      d.pos = false
    end
  else
    d[i] = false
    local dead = d.dead + 1
    d.dead = dead
    if dead > n + 32 or d.h > 2 * n + 32 then compact(d) end
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
