-- Queue, PriorityQueue, LifoQueue: asyncio's queues (CPython 3.13
-- Lib/asyncio/queues.py).
--
-- The state and the operations of a queue are in C++ (queue_core.cpp): a queue is
-- a table of its class holding its core at [1], plus maxsize and the
-- finished Event (_finished) that join() waits on. This file keeps the
-- classes, construction, join, the repr, and the order of a
-- PriorityQueue's items (its heap: priority_heap.cpp).
local errors = require "luasync.errors"
local task = require "luasync.task"
local locks = require "luasync.locks"
local report = require "luasync.report"
local sformat = string.format
local core = require "luasync.core"
require "luasync.queue_core"  -- core's queue_* bindings and QueueCore (queue_core.cpp), opened now

local await, make_coro = task.await, task.make_coro
local setmetatable, type, tostring, rawget = setmetatable, type, tostring, rawget
local getmetatable = require("luasync.std").class_of
local max, concat = math.max, table.concat

local M = {}

local class = locks.class

local Queue = class("Queue")
local PriorityQueue = setmetatable(class("PriorityQueue"), { __index = Queue })
local LifoQueue = setmetatable(class("LifoQueue"), { __index = Queue })
M.Queue, M.PriorityQueue, M.LifoQueue = Queue, PriorityQueue, LifoQueue

---------------------------------------------------------------------------
-- Priority: Python's heapq on [1..t] (same algorithm, so ties come out in
-- the same order). Items compare with `<`, and tables without a __lt
-- metamethod compare like Python tuples: element by element. (Only the
-- metatable of `a` is asked for __lt; priority_heap.cpp's fast path takes
-- tables with no metatable at all.)
local function lt_of(v)
  local mt = getmetatable(v)
  return type(mt) == "table" and mt.__lt
end

local function less(a, b)
  if type(a) == "table" and type(b) == "table" then
    local mt = getmetatable(a)
    if not (mt and mt.__lt) then
      local n = max(#a, #b)
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
  local ta, tb = type(a), type(b)
  if (ta ~= tb or (ta ~= "number" and ta ~= "string")) and not (lt_of(a) or lt_of(b)) then
    -- Lua's own error would name this file's line; Python's TypeError,
    -- with Lua's type names, names the values.
    error(errors.TypeError(sformat("'<' not supported between instances of '%s' and '%s'", ta, tb)), 0)
  end
  return a < b
end
M.less = less

-- The heap of a PriorityQueue lives in its core's items[1..n]; its sifts
-- are C++ (priority_heap.cpp), which decides plain pairs itself (numbers,
-- strings, tables without a metatable holding them) and asks this for
-- every other pair, so the order and the errors are this function's.
core.provide("item_less", less)

---------------------------------------------------------------------------
-- Construction and inspection

-- Always tail-called by the constructors: level 2 is their caller.
local function new_queue(cls, order, fname, ...)
  local maxsize = ...
  if maxsize == nil then
    maxsize = 0
  elseif type(maxsize) ~= "number" then
    errors.bad_argument(1, fname, "number", maxsize, true)
  end
  errors.no_more_arguments(2, fname, ...)
  local finished = locks.new_event()
  finished._value = true
  -- The core in the array part: the methods find it with one raw index
  -- (queue_core.cpp's check_queue, four times a W2 round trip).
  return setmetatable({ core.queue_new(order, maxsize, finished), maxsize = maxsize, _finished = finished }, cls)
end

function M.new_queue(...) return new_queue(Queue, "fifo", "Queue", ...) end
function M.new_priority_queue(...) return new_queue(PriorityQueue, "priority", "PriorityQueue", ...) end
function M.new_lifo_queue(...) return new_queue(LifoQueue, "lifo", "LifoQueue", ...) end

-- Python's str(): <Queue maxsize=0 _queue=[1, 2] _getters[1] tasks=2 shutdown>.
local function format(self)
  local items, n, getters, putters, unfinished, shutdown = core.queue_snapshot(self)
  local parts = { "maxsize=" .. report.repr(self.maxsize) }
  if n > 0 then
    for i = 1, n do items[i] = report.safe_repr(items[i]) end  -- (an item's __tostring may raise)
    parts[#parts + 1] = "_queue=[" .. concat(items, ", ", 1, n) .. "]"
  end
  if getters > 0 then parts[#parts + 1] = "_getters[" .. getters .. "]" end
  if putters > 0 then parts[#parts + 1] = "_putters[" .. putters .. "]" end
  if unfinished > 0 then parts[#parts + 1] = "tasks=" .. unfinished end
  if shutdown then parts[#parts + 1] = "shutdown" end
  return concat(parts, " ")
end

local function tostring_queue(self)
  return "<" .. getmetatable(self).__name .. " " .. format(self) .. ">"
end
Queue.__tostring, PriorityQueue.__tostring, LifoQueue.__tostring = tostring_queue, tostring_queue, tostring_queue

-- #q: as Python's len(q), a TypeError (the size is q:qsize()). Without it,
-- # would count the core in [1].
local function len_queue(self)
  error(errors.TypeError("object of type '" .. getmetatable(self).__name .. "' has no len()"), 2)
end
Queue.__len, PriorityQueue.__len, LifoQueue.__len = len_queue, len_queue, len_queue

---------------------------------------------------------------------------
-- The methods (queue_core.cpp). get() and put() return the kernel's coroutine
-- objects; get_nowait, put_nowait, task_done and shutdown run at once.

Queue.get, Queue.put = core.queue_get, core.queue_put
Queue.get_nowait, Queue.put_nowait = core.queue_get_nowait, core.queue_put_nowait
Queue.qsize, Queue.empty, Queue.full = core.queue_qsize, core.queue_empty, core.queue_full
Queue.task_done = core.queue_task_done

local queue_shutdown, QueueCore = core.queue_shutdown, core.QueueCore
local SHUTDOWN_OPTIONS = { "immediate" }

local function is_queue(v)
  return type(v) == "table" and getmetatable(rawget(v, 1)) == QueueCore
end

-- shutdown(immediate): a boolean or nil, as Python's positional argument,
-- or {immediate = bool}, as its keyword (shutdown(immediate=False)). Only
-- a boolean reaches the core, which tests truth: a table or a string is
-- truthy, and shutdown({immediate = false}) or shutdown("false") used to
-- drop every item.
function Queue:shutdown(...)
  local immediate = ...
  if immediate ~= nil and type(immediate) ~= "boolean" then
    -- (a wrong self first, as the core would say it)
    if not is_queue(self) then errors.self_error("shutdown", "Queue", "q") end
    if type(immediate) ~= "table" or getmetatable(immediate) ~= nil then
      errors.bad_argument(1, "shutdown", "boolean", immediate, true)
    end
    errors.check_options(immediate, 1, "shutdown", SHUTDOWN_OPTIONS)
    immediate = immediate.immediate
    if immediate ~= nil and type(immediate) ~= "boolean" then
      errors.arg_error(1, "shutdown", "field 'immediate' must be a boolean or nil")
    end
  end
  return queue_shutdown(self, immediate)
end

local queue_unfinished = core.queue_unfinished

local function q_join(self)
  if queue_unfinished(self) > 0 then await(self._finished:wait()) end
end

function Queue:join()
  if not is_queue(self) then
    errors.self_error("join", "Queue", "q")
  end
  return make_coro(q_join, "Queue.join", self)
end

task.mark_async(Queue, "get", "put", "join")  -- (asyncio.iscoroutinefunction)

return M
