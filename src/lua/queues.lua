-- Queue, PriorityQueue, LifoQueue: asyncio's queues (CPython 3.13
-- Lib/asyncio/queues.py), on Futures.
--
-- Contracts:
-- - Items live in self[h..t] of the queue table itself (h == 1 for the heap
--   and the stack), so qsize() == t - h + 1 and nil items are allowed. A FIFO
--   restarts at index 1 whenever it empties, keeping the array part small.
-- - Getters and putters wait in FIFO deques (as tasks: task.wait_in). A waiter
--   is only *woken*; it then takes its item itself with
--   get_nowait/put_nowait. So a getter cancelled after it was woken takes
--   nothing and wakes the next getter: no item is ever lost.
-- - get() on a non-empty queue and put() on a non-full one return without
--   yielding, and allocate nothing beyond the coroutine object.
local errors = require "luasync.errors"
local future = require "luasync.future"
local task = require "luasync.task"
local locks = require "luasync.locks"
local report = require "luasync.report"
local waiters_mod = require "luasync.waiters"
local core = require "luasync.core"
local K = core.kernel_state

local await, make_coro, Coro = task.await, task.make_coro, task.Coro
local deque, dq_remove, dq_len = waiters_mod.deque, waiters_mod.dq_remove, waiters_mod.dq_len
local QueueEmpty, QueueFull, QueueShutDown = errors.QueueEmpty, errors.QueueFull, errors.QueueShutDown
local pcall, error, setmetatable, type = pcall, error, setmetatable, type
-- debug.getmetatable: half the cost of getmetatable, which looks up
-- "__metatable" by name on every call; the runtime only compares classes.
local getmetatable = debug.getmetatable

local M = {}

local function class(name)
  local cls = { __name = name }
  cls.__index = cls
  return cls
end

local Queue = class("Queue")
local PriorityQueue = setmetatable(class("PriorityQueue"), { __index = Queue })
local LifoQueue = setmetatable(class("LifoQueue"), { __index = Queue })
M.Queue, M.PriorityQueue, M.LifoQueue = Queue, PriorityQueue, LifoQueue

local is_queue = { [Queue] = true, [PriorityQueue] = true, [LifoQueue] = true }

local function check(self, fname)
  if not is_queue[getmetatable(self)] then errors.bad_argument(1, fname, "Queue", self, true, 3) end
end

---------------------------------------------------------------------------
-- Storage: _put/_get per class, as CPython's overridable methods.

-- FIFO
function Queue._put(self, item)
  local t = self._t + 1
  self._t = t
  self[t] = item
end

function Queue._get(self)
  local h, t = self._h, self._t
  local item = self[h]
  self[h] = nil
  if h == t then self._h, self._t = 1, 0 else self._h = h + 1 end
  return item
end

-- LIFO: a stack in [1..t].
function LifoQueue._put(self, item)
  local t = self._t + 1
  self._t = t
  self[t] = item
end

function LifoQueue._get(self)
  local t = self._t
  local item = self[t]
  self[t] = nil
  self._t = t - 1
  return item
end

-- Priority: Python's heapq on [1..t] (same algorithm, so ties come out in
-- the same order). Items compare with `<`, and tables without a __lt
-- metamethod compare like Python tuples: element by element.
local function less(a, b)
  if type(a) == "table" and type(b) == "table" then
    local mt = getmetatable(a)
    if not (mt and mt.__lt) then
      local n = math.max(#a, #b)
      for i = 1, n do
        local x, y = a[i], b[i]
        if x == nil then return y ~= nil end   -- a shorter prefix is smaller
        if y == nil then return false end
        if x ~= y then
          if less(x, y) then return true end
          if less(y, x) then return false end
        end
      end
      return false
    end
  end
  return a < b
end
M.less = less

-- heap[pos] (0-based positions, stored at pos + 1) moves up towards start.
local function siftdown(heap, startpos, pos)
  local newitem = heap[pos + 1]
  while pos > startpos do
    local parentpos = (pos - 1) >> 1
    local parent = heap[parentpos + 1]
    if not less(newitem, parent) then break end
    heap[pos + 1] = parent
    pos = parentpos
  end
  heap[pos + 1] = newitem
end

local function siftup(heap, pos, endpos)
  local startpos, newitem = pos, heap[pos + 1]
  local childpos = 2 * pos + 1
  while childpos < endpos do
    local rightpos = childpos + 1
    if rightpos < endpos and not less(heap[childpos + 1], heap[rightpos + 1]) then childpos = rightpos end
    heap[pos + 1] = heap[childpos + 1]
    pos = childpos
    childpos = 2 * pos + 1
  end
  heap[pos + 1] = newitem
  siftdown(heap, startpos, pos)
end

function PriorityQueue._put(self, item)
  local t = self._t + 1
  self[t] = item
  self._t = t
  local ok, err = pcall(siftdown, self, 0, t - 1)
  if not ok then
    -- Uncomparable items: leave the queue as it was (heapq would have the
    -- item appended; dropping it keeps qsize and unfinished tasks honest).
    self[t] = nil
    self._t = t - 1
    error(err, 0)
  end
end

function PriorityQueue._get(self)
  local t = self._t
  local last = self[t]
  self[t] = nil
  self._t = t - 1
  if t == 1 then return last end
  local item = self[1]
  self[1] = last
  siftup(self, 0, t - 1)
  return item
end

---------------------------------------------------------------------------
-- Construction and inspection

-- Always tail-called by the constructors: level 2 is their caller.
local function new_queue(cls, fname, ...)
  local maxsize = ...
  if maxsize == nil then
    maxsize = 0
  elseif type(maxsize) ~= "number" then
    errors.bad_argument(1, fname, "number", maxsize, true, 2)
  end
  local finished = locks.new_event()
  finished._value = true
  return setmetatable({
    maxsize = maxsize, _h = 1, _t = 0, _getters = deque(), _putters = deque(),
    _unfinished = 0, _finished = finished, _shutdown = false,
  }, cls)
end

function M.new_queue(...) return new_queue(Queue, "Queue", ...) end
function M.new_priority_queue(...) return new_queue(PriorityQueue, "PriorityQueue", ...) end
function M.new_lifo_queue(...) return new_queue(LifoQueue, "LifoQueue", ...) end

-- Python's str(): <Queue maxsize=0 _queue=[1, 2] _getters[1] tasks=2 shutdown>.
local function format(self)
  local parts = { "maxsize=" .. report.repr(self.maxsize) }
  if self._t >= self._h then
    local items = {}
    for i = self._h, self._t do items[#items + 1] = report.repr(self[i]) end
    parts[#parts + 1] = "_queue=[" .. table.concat(items, ", ") .. "]"
  end
  if dq_len(self._getters) > 0 then parts[#parts + 1] = "_getters[" .. dq_len(self._getters) .. "]" end
  if dq_len(self._putters) > 0 then parts[#parts + 1] = "_putters[" .. dq_len(self._putters) .. "]" end
  if self._unfinished > 0 then parts[#parts + 1] = "tasks=" .. self._unfinished end
  if self._shutdown then parts[#parts + 1] = "shutdown" end
  return table.concat(parts, " ")
end

local function tostring_queue(self)
  return "<" .. getmetatable(self).__name .. " " .. format(self) .. ">"
end
Queue.__tostring, PriorityQueue.__tostring, LifoQueue.__tostring = tostring_queue, tostring_queue, tostring_queue

local function full(self)
  local maxsize = self.maxsize
  return maxsize > 0 and self._t - self._h + 1 >= maxsize
end

function Queue:qsize()
  check(self, "qsize")
  return self._t - self._h + 1
end

function Queue:empty()
  check(self, "empty")
  return self._t < self._h
end

function Queue:full()
  check(self, "full")
  return full(self)
end

---------------------------------------------------------------------------
-- put / get

local wait_in, wake_first = task.wait_in, task.wake_first
local current = task.current

local function put_nowait(self, item)
  if self._shutdown then error(QueueShutDown(), 0) end
  if full(self) then error(QueueFull(), 0) end
  if getmetatable(self) == Queue then
    local t = self._t + 1
    self._t = t
    self[t] = item
  else
    self:_put(item)
  end
  self._unfinished = self._unfinished + 1
  self._finished._value = false
  local getters = self._getters
  if getters.t >= getters.h then wake_first(getters) end
end

local function get_nowait(self)
  if self._t < self._h then
    if self._shutdown then error(QueueShutDown(), 0) end
    error(QueueEmpty(), 0)
  end
  local item
  if getmetatable(self) == Queue then
    local h, t = self._h, self._t
    item = self[h]
    self[h] = nil
    if h == t then self._h, self._t = 1, 0 else self._h = h + 1 end
  else
    item = self:_get()
  end
  local putters = self._putters
  if putters.t >= putters.h then wake_first(putters) end
  return item
end

-- Waits in `waiters` (the task itself is the entry). On an error delivered
-- instead of a wake-up (cancellation) it leaves the deque and, if it had been
-- woken but cannot take its turn now, wakes the next waiter, as asyncio's
-- get/put do. `can_go(self)` says whether the turn is still there.
local function wait_turn(self, waiters, can_go)
  local exc = wait_in(waiters)
  if exc ~= nil then
    local woken = not dq_remove(waiters, current())
    if woken and can_go(self) then wake_first(waiters) end
    error(exc, 0)
  end
end

local function not_full(self) return not full(self) end
local function not_empty(self) return self._t >= self._h end

local function q_put(self, item)
  while full(self) do
    if self._shutdown then error(QueueShutDown(), 0) end
    wait_turn(self, self._putters, not_full)
  end
  return put_nowait(self, item)
end

local function q_get(self)
  while self._t < self._h do
    if self._shutdown then error(QueueShutDown(), 0) end
    wait_turn(self, self._getters, not_empty)
  end
  return get_nowait(self)
end

-- put() and get() return the kernel's coroutine objects (kernel.cpp), which
-- run the plain FIFO cases in C++ and everything else with the functions
-- below.
Queue.put = core.queue_put
Queue.get = core.queue_get
Queue.__queue, PriorityQueue.__queue, LifoQueue.__queue = "fifo", true, true
K.queue_get, K.queue_put = q_get, q_put
K.bad_queue = function(self, method) errors.bad_argument(1, method, "Queue", self, true, 3) end
-- A native get's wait ended with an error instead of a wake-up (wait_turn).
K.queue_wait_failed = function(self, waiters, exc)
  local woken = not dq_remove(waiters, current())
  if woken and not_empty(self) then wake_first(waiters) end
  error(exc, 0)
end

function Queue:put_nowait(item)
  check(self, "put_nowait")
  return put_nowait(self, item)
end

function Queue:get_nowait()
  check(self, "get_nowait")
  return get_nowait(self)
end

---------------------------------------------------------------------------
-- task_done / join / shutdown

function Queue:task_done()
  check(self, "task_done")
  if self._unfinished <= 0 then error(errors.ValueError("task_done() called too many times"), 2) end
  self._unfinished = self._unfinished - 1
  if self._unfinished == 0 then self._finished:set() end
end

local function q_join(self)
  if self._unfinished > 0 then await(self._finished:wait()) end
end

function Queue:join()
  check(self, "join")
  return make_coro(q_join, "Queue.join", self)
end

-- shutdown(immediate): puts and gets raise QueueShutDown from now on (gets
-- only once the queue is empty, unless immediate, which also drops the
-- items and counts them as done). Every blocked put/get wakes to re-check.
function Queue:shutdown(immediate)
  check(self, "shutdown")
  self._shutdown = true
  if immediate then
    while self._t >= self._h do
      self:_get()
      if self._unfinished > 0 then self._unfinished = self._unfinished - 1 end
    end
    if self._unfinished == 0 then self._finished:set() end
  end
  for _, waiters in ipairs({ self._getters, self._putters }) do
    while wake_first(waiters) do end
  end
end

return M
