-- Lock, Event, Condition, Semaphore, BoundedSemaphore, Barrier: asyncio's
-- synchronisation primitives (CPython 3.13 Lib/asyncio/locks.py), on Futures.
--
-- Contracts shared by every primitive:
-- - A waiter is a Future appended to a FIFO deque (waiters.lua: a slot
--   of [h..t] may be false, a waiter that left from the middle); it is woken by
--   set_result, and removes itself from the deque once its await ends (woken,
--   cancelled or failed), as CPython's `finally: waiters.remove(fut)`.
-- - A task cancelled after it was woken passes the wake-up on (Lock: wakes
--   the next waiter; Semaphore: gives the unit back), so nothing is lost.
-- - Paths that can complete at once (a free Lock, a set Event, a Semaphore
--   with value > 0 and no waiter) neither yield nor allocate, apart from the
--   coroutine object that acquire()/wait() return.
-- - acquire() gives a guard, one per primitive and made once, whose __close
--   releases: `local _ <close> = await(lock:acquire())`.
local STATE <const> = 1  -- fields of Futures and Tasks (future.lua)
local errors = require "luasync.errors"
local report = require "luasync.report"
local future = require "luasync.future"
local task = require "luasync.task"
local format = string.format
local waiters_mod = require "luasync.waiters"

local await, make_coro = task.await, task.make_coro
local new_future, set_results = future.new, future.set_results
local PENDING, CANCELLED = future.PENDING, future.CANCELLED
local CancelledError, RuntimeError, ValueError = errors.CancelledError, errors.RuntimeError, errors.ValueError
local pcall, error, setmetatable, type = pcall, error, setmetatable, type
local no_more_arguments = errors.no_more_arguments

local getmetatable = require("luasync.std").class_of
local is_callable = require("luasync.std").is_callable

local M = {}

local deque, dq_push, dq_remove, dq_len = waiters_mod.deque, waiters_mod.dq_push, waiters_mod.dq_remove, waiters_mod.dq_len
local coro_maker = waiters_mod.coro_maker

---------------------------------------------------------------------------
-- Shared helpers

-- Python's repr of a primitive: <asyncio.locks.Lock object at 0x... [extra]>.
local function repr(self, extra)
  local mt = getmetatable(self)
  local addr = format("%p", self)
  return "<asyncio.locks." .. mt.__name .. " object at " .. addr .. " [" .. extra .. "]>"
end

local function with_waiters(extra, waiters)
  if waiters and dq_len(waiters) > 0 then return extra .. ", waiters:" .. dq_len(waiters) end
  return extra
end

local Guard = { __name = "guard" }
Guard.__index = Guard
Guard.__close = function(g)
  errors.check_metamethod_self(g, Guard, "__close", "guard")
  g._owner:release()
end
Guard.__tostring = function(g) return "<guard of " .. tostring(g._owner) .. ">" end

-- The guard acquire() returns: made once per primitive.
local function guard_of(self)
  local g = self._guard
  if not g then
    g = setmetatable({ _owner = self }, Guard)
    self._guard = g
  end
  return g
end

-- The name help's signatures give an object of each class (ev:wait()).
local VAR_OF = { Lock = "lock", Event = "ev", Condition = "cond", Semaphore = "sem", BoundedSemaphore = "sem",
  Barrier = "b" }

-- Methods are called with ':'; a call with '.' (or on a wrong object) gets
-- "bad argument #1 to 'wait' (Event expected; call it as ev:wait(...))",
-- as every class says it (errors.self_error).
local function check(self, cls, fname)
  if getmetatable(self) ~= cls and not (type(self) == "table" and cls.__is_base and cls.__is_base(self)) then
    errors.self_error(fname, cls.__name, VAR_OF[cls.__name])
  end
end

-- A class: instances have it as metatable and find its methods in it.
local function class(name)
  local cls = { __name = name }
  cls.__index = cls
  return cls
end
M.class = class

-- Awaits a waiter future; returns ok, err like pcall.
local function wait_on(fut)
  return pcall(await, fut)
end

---------------------------------------------------------------------------
-- Lock

local Lock = class("Lock")
M.Lock = Lock

Lock.__tostring = function(self)
  return repr(self, with_waiters(self._locked and "locked" or "unlocked", self._waiters))
end

function M.new_lock(...)
  no_more_arguments(1, "Lock", ...)
  return setmetatable({ _locked = false }, Lock)
end

local function all_cancelled(waiters)
  if waiters == nil then return true end
  for i = waiters.h, waiters.t do
    local fut = waiters[i]
    if fut and fut[STATE] ~= CANCELLED then return false end
  end
  return true
end

-- Makes sure the first waiter will run (a done one is already due to).
local function lock_wake_up_first(self)
  local waiters = self._waiters
  if not waiters or waiters.h > waiters.t then return end
  local fut = waiters[waiters.h]
  if fut[STATE] == PENDING then set_results(fut, true) end
end

local function lock_acquire(self)
  -- Fair: a free lock is taken at once only if nobody waits (jumping the
  -- queue when every waiter was cancelled is allowed).
  if not self._locked and all_cancelled(self._waiters) then
    self._locked = true
    return guard_of(self)
  end
  local waiters = self._waiters
  if waiters == nil then
    waiters = deque()
    self._waiters = waiters
  end
  local fut = new_future()
  dq_push(waiters, fut)
  local ok, err = wait_on(fut)
  dq_remove(waiters, fut)
  if not ok then
    -- Cancelled (possibly after being woken): if the lock is free, the
    -- next waiter must get its turn.
    if not self._locked then lock_wake_up_first(self) end
    error(err, 0)
  end
  self._locked = true
  return guard_of(self)
end

local lock_acquire_coro = coro_maker(lock_acquire, "Lock.acquire")

function Lock:acquire()
  check(self, Lock, "acquire")
  return lock_acquire_coro(self)
end

function Lock:release()
  check(self, Lock, "release")
  if not self._locked then error(RuntimeError("Lock is not acquired."), 2) end
  self._locked = false
  lock_wake_up_first(self)
end

function Lock:locked()
  check(self, Lock, "locked")
  return self._locked
end

---------------------------------------------------------------------------
-- Event

local Event = class("Event")
M.Event = Event

Event.__tostring = function(self)
  return repr(self, with_waiters(self._value and "set" or "unset", self._waiters))
end

function M.new_event(...)
  no_more_arguments(1, "Event", ...)
  return setmetatable({ _value = false, _waiters = deque() }, Event)
end

function Event:is_set()
  check(self, Event, "is_set")
  return self._value
end

function Event:set()
  check(self, Event, "set")
  if self._value then return end
  self._value = true
  local waiters = self._waiters
  for i = waiters.h, waiters.t do
    local fut = waiters[i]
    if fut and fut[STATE] == PENDING then set_results(fut, true) end
  end
end

function Event:clear()
  check(self, Event, "clear")
  self._value = false
end

local function event_wait(self)
  if self._value then return true end
  local fut = new_future()
  local waiters = self._waiters
  dq_push(waiters, fut)
  local ok, err = wait_on(fut)
  dq_remove(waiters, fut)
  if not ok then error(err, 0) end
  return true
end

local event_wait_coro = coro_maker(event_wait, "Event.wait")

function Event:wait()
  check(self, Event, "wait")
  return event_wait_coro(self)
end

---------------------------------------------------------------------------
-- Condition: a Lock (its own, or the one given) and its own waiters.

local Condition = class("Condition")
M.Condition = Condition

Condition.__tostring = function(self)
  return repr(self, with_waiters(self._lock._locked and "locked" or "unlocked", self._waiters))
end

function M.new_condition(...)
  local lock = ...
  if lock == nil then
    lock = M.new_lock()
  elseif getmetatable(lock) ~= Lock then
    errors.bad_argument(1, "Condition", "Lock", lock, true)
  end
  no_more_arguments(2, "Condition", ...)
  return setmetatable({ _lock = lock, _waiters = deque() }, Condition)
end

function Condition:acquire()
  check(self, Condition, "acquire")
  return make_coro(lock_acquire, "Lock.acquire", self._lock)
end

function Condition:release()
  check(self, Condition, "release")
  return Lock.release(self._lock)
end

function Condition:locked()
  check(self, Condition, "locked")
  return self._lock._locked
end

-- Wakes up to n waiters that are not woken yet.
local function cond_notify(self, n)
  local waiters, idx = self._waiters, 0
  for i = waiters.h, waiters.t do
    if idx >= n then break end
    local fut = waiters[i]
    if fut and fut[STATE] == PENDING then
      idx = idx + 1
      set_results(fut, false)
    end
  end
end

-- Re-acquires the lock however often the task is cancelled meanwhile;
-- returns the last CancelledError, if any. Other errors propagate.
local function reacquire(lock)
  local cancelled
  while true do
    local ok, e = pcall(lock_acquire, lock)
    if ok then return cancelled end
    if not CancelledError:is(e) then error(e, 0) end
    cancelled = e
  end
end

local function cond_wait_body(self, fut)
  dq_push(self._waiters, fut)
  local ok, err = wait_on(fut)
  dq_remove(self._waiters, fut)
  -- The lock must be held again before leaving, even when cancelled.
  local cancelled = reacquire(self._lock)
  if cancelled ~= nil then error(cancelled, 0) end
  if not ok then error(err, 0) end
  return true
end

local function cond_wait(self)
  if not self._lock._locked then error(RuntimeError("cannot wait on un-acquired lock"), 0) end
  local fut = new_future()
  Lock.release(self._lock)
  local ok, err = pcall(cond_wait_body, self, fut)
  if not ok then
    -- This task may have been notified before it failed: pass the
    -- notification on (a spurious wake-up is allowed).
    cond_notify(self, 1)
    error(err, 0)
  end
  return true
end

function Condition:wait()
  check(self, Condition, "wait")
  return make_coro(cond_wait, "Condition.wait", self)
end

local function cond_wait_for(self, predicate)
  local result = predicate()
  while not result do
    cond_wait(self)
    result = predicate()
  end
  return result
end

function Condition:wait_for(predicate)
  check(self, Condition, "wait_for")
  if not is_callable(predicate) then
    errors.bad_argument(1, "wait_for", "function", predicate, true)
  end
  return make_coro(cond_wait_for, "Condition.wait_for", self, predicate)
end

function Condition:notify(n)
  check(self, Condition, "notify")
  if n == nil then n = 1 elseif type(n) ~= "number" then errors.bad_argument(1, "notify", "number", n, true) end
  if not self._lock._locked then error(RuntimeError("cannot notify on un-acquired lock"), 2) end
  cond_notify(self, n)
end

function Condition:notify_all()
  check(self, Condition, "notify_all")
  if not self._lock._locked then error(RuntimeError("cannot notify on un-acquired lock"), 2) end
  cond_notify(self, dq_len(self._waiters))
end

---------------------------------------------------------------------------
-- Semaphore and BoundedSemaphore

local Semaphore = class("Semaphore")
M.Semaphore = Semaphore
local BoundedSemaphore = setmetatable(class("BoundedSemaphore"), { __index = Semaphore })
M.BoundedSemaphore = BoundedSemaphore
-- A BoundedSemaphore passes Semaphore's method checks.
Semaphore.__is_base = function(v) return getmetatable(v) == BoundedSemaphore end

-- Cannot be acquired at once: no unit left, or someone waits (FIFO).
local function sem_locked(self)
  if self._value == 0 then return true end
  local waiters = self._waiters
  if waiters == nil then return false end
  for i = waiters.h, waiters.t do
    local fut = waiters[i]
    if fut and fut[STATE] ~= CANCELLED then return true end
  end
  return false
end

Semaphore.__tostring = function(self)
  local extra = sem_locked(self) and "locked" or ("unlocked, value:" .. report.repr(self._value))
  return repr(self, with_waiters(extra, self._waiters))
end
BoundedSemaphore.__tostring = Semaphore.__tostring

-- Always tail-called by the constructors: level 2 is their caller.
local function new_semaphore(cls, fname, ...)
  local value = ...
  if value == nil then
    value = 1
  elseif type(value) ~= "number" then
    errors.bad_argument(1, fname, "number", value, true)
  end
  no_more_arguments(2, fname, ...)
  if value < 0 then error(ValueError("Semaphore initial value must be >= 0"), 2) end
  return setmetatable({ _value = value, _bound_value = value }, cls)
end

function M.new_semaphore(...) return new_semaphore(Semaphore, "Semaphore", ...) end
function M.new_bounded_semaphore(...) return new_semaphore(BoundedSemaphore, "BoundedSemaphore", ...) end

-- Wakes the first waiter not woken yet, taking a unit for it.
local function sem_wake_up_next(self)
  local waiters = self._waiters
  if not waiters then return false end
  for i = waiters.h, waiters.t do
    local fut = waiters[i]
    if fut and fut[STATE] == PENDING then
      self._value = self._value - 1
      set_results(fut, true)
      return true
    end
  end
  return false
end

local function sem_acquire(self)
  if not sem_locked(self) then
    self._value = self._value - 1
    return guard_of(self)
  end
  local waiters = self._waiters
  if waiters == nil then
    waiters = deque()
    self._waiters = waiters
  end
  local fut = new_future()
  dq_push(waiters, fut)
  local ok, err = wait_on(fut)
  dq_remove(waiters, fut)
  if not ok and CancelledError:is(err) and fut[STATE] ~= PENDING and fut[STATE] ~= CANCELLED then
    -- Woken (a unit was taken for us) but cancelled: give the unit back.
    self._value = self._value + 1
  end
  -- Waiters that queued behind us may now proceed.
  while self._value > 0 do
    if not sem_wake_up_next(self) then break end
  end
  if not ok then error(err, 0) end
  return guard_of(self)
end

local sem_acquire_coro = coro_maker(sem_acquire, "Semaphore.acquire")

function Semaphore:acquire()
  check(self, Semaphore, "acquire")
  return sem_acquire_coro(self)
end

function Semaphore:release()
  check(self, Semaphore, "release")
  self._value = self._value + 1
  sem_wake_up_next(self)
end

function Semaphore:locked()
  check(self, Semaphore, "locked")
  return sem_locked(self)
end

function BoundedSemaphore:release()
  check(self, BoundedSemaphore, "release")
  if self._value >= self._bound_value then
    error(ValueError("BoundedSemaphore released too many times"), 2)
  end
  self._value = self._value + 1
  sem_wake_up_next(self)
end

---------------------------------------------------------------------------
-- Barrier: `parties` tasks meet, then all go on. Built on a Condition, as
-- CPython's. State: "filling" (tasks arrive), "draining" (released tasks
-- leave), "resetting" (reset() while tasks wait), "broken" (abort()).

local Barrier = class("Barrier")
M.Barrier = Barrier

-- parties, n_waiting and broken are read as fields, like Python's properties.
local barrier_props = {
  parties = function(self) return self._parties end,
  n_waiting = function(self) return self._state == "filling" and self._count or 0 end,
  broken = function(self) return self._state == "broken" end,
}
Barrier.__index = function(self, key)
  local prop = barrier_props[key]
  if prop then return prop(self) end
  return Barrier[key]
end
-- (Python's properties have no setter: an assignment would otherwise make
-- a field that hides the state, and lies.)
Barrier.__newindex = function(self, key, value)
  if barrier_props[key] then
    error("cannot assign to '" .. key .. "': a Barrier's parties, n_waiting and broken are read-only", 2)
  end
  rawset(self, key, value)
end

Barrier.__tostring = function(self)
  local extra = self._state
  if self._state ~= "broken" then
    extra = extra .. ", waiters:" .. self.n_waiting .. "/" .. report.repr(self._parties)
  end
  return repr(self, extra)
end

function M.new_barrier(...)
  local parties = ...
  if type(parties) ~= "number" then
    errors.bad_argument(1, "Barrier", "number", parties, select("#", ...) > 0)
  end
  no_more_arguments(2, "Barrier", ...)
  if parties < 1 then error(ValueError("parties must be > 0"), 2) end
  return setmetatable({ _cond = M.new_condition(), _parties = parties, _state = "filling", _count = 0 }, Barrier)
end

-- Blocks while the barrier drains or resets; fails if it is broken.
local function barrier_block(self)
  cond_wait_for(self._cond, function()
    return self._state ~= "draining" and self._state ~= "resetting"
  end)
  if self._state == "broken" then error(errors.BrokenBarrierError("Barrier aborted"), 0) end
end

-- The last party arrived: release everyone.
local function barrier_release(self)
  self._state = "draining"
  cond_notify(self._cond, dq_len(self._cond._waiters))
end

-- Waits until the barrier fills; fails if it is reset or broken meanwhile.
local function barrier_wait_filled(self)
  cond_wait_for(self._cond, function() return self._state ~= "filling" end)
  if self._state == "broken" or self._state == "resetting" then
    error(errors.BrokenBarrierError("Abort or reset of barrier"), 0)
  end
end

-- The last task to leave ends draining/resetting and wakes blocked tasks.
local function barrier_exit(self)
  if self._count == 0 then
    if self._state == "resetting" or self._state == "draining" then self._state = "filling" end
    cond_notify(self._cond, dq_len(self._cond._waiters))
  end
end

local function barrier_wait(self)
  local _ <close> = lock_acquire(self._cond._lock)
  barrier_block(self)
  local index = self._count
  self._count = index + 1
  local ok, err = pcall(index + 1 == self._parties and barrier_release or barrier_wait_filled, self)
  self._count = self._count - 1
  barrier_exit(self)
  if not ok then error(err, 0) end
  return index
end

function Barrier:wait()
  check(self, Barrier, "wait")
  return make_coro(barrier_wait, "Barrier.wait", self)
end

local function barrier_reset(self)
  local _ <close> = lock_acquire(self._cond._lock)
  if self._count > 0 then
    if self._state ~= "resetting" then self._state = "resetting" end
  else
    self._state = "filling"
  end
  cond_notify(self._cond, dq_len(self._cond._waiters))
end

function Barrier:reset()
  check(self, Barrier, "reset")
  return make_coro(barrier_reset, "Barrier.reset", self)
end

local function barrier_abort(self)
  local _ <close> = lock_acquire(self._cond._lock)
  self._state = "broken"
  cond_notify(self._cond, dq_len(self._cond._waiters))
end

function Barrier:abort()
  check(self, Barrier, "abort")
  return make_coro(barrier_abort, "Barrier.abort", self)
end

-- (asyncio.iscoroutinefunction; BoundedSemaphore inherits acquire)
task.mark_async(Lock, "acquire")
task.mark_async(Event, "wait")
task.mark_async(Condition, "acquire", "wait", "wait_for")
task.mark_async(Semaphore, "acquire")
task.mark_async(Barrier, "wait", "reset", "abort")

return M
