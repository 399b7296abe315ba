-- gather, wait_for, timeout, shield, wait, as_completed, ensure_future:
-- asyncio's combinators written on Futures, Tasks and the scheduler, with
-- CPython 3.13's rules (Lib/asyncio/tasks.py, timeouts.py).
local STATE <const> = 1  -- fields of Futures and Tasks (future.lua)
local errors = require "luasync.errors"
local sched = require "luasync.scheduler"
local future = require "luasync.future"
local task = require "luasync.task"
local match = string.match
local wait = require "luasync.wait"
local report = require "luasync.report"
local loop = require("luasync.loop").loop
local core = require "luasync.core"

local Future, is_future = future.Future, future.is_future
local await, current = task.await, task.current
local PENDING, first_result = future.PENDING, future.first_result
local std = require("luasync.std")
local getmetatable, new_table = std.class_of, std.new_table
local type, select, ipairs, pcall, error, setmetatable, tostring, rawget = type, select, ipairs, pcall, error, setmetatable, tostring, rawget
local pack, unpack, require = table.pack, table.unpack, require
local sformat, math_type, huge = string.format, math.type, math.huge

local M = {}

local function argerror(n, fname, expected, v)
  errors.bad_argument(n, fname, expected, v, true)
end

-- wait(t1, t2) and as_completed(t1, t2), as gather takes its awaitables:
-- "table expected, got table" would not say what is wrong.
local function check_opts(opts, fname)
  if opts == nil or (type(opts) == "table" and getmetatable(opts) == nil) then return end
  if is_future(opts) or task.iscoroutine(opts) then
    errors.arg_error(2, fname, "options expected, got an awaitable; " .. fname ..
      " takes its awaitables in one table: " .. fname .. "({t1, t2})")
  end
  argerror(2, fname, "table", opts)
end

-- ensure_future(aw): Futures and Tasks as they are, coroutines as new tasks.
local function ensure_future(aw, fname)
  if is_future(aw) then return aw end
  if task.iscoroutine(aw) then return task.create_task(aw, nil, fname or "ensure_future") end
  local mt = getmetatable(aw)
  if type(mt) == "table" and mt.__await then
    return task.create_task(task.make_coro(function() return await(aw) end, "_wrap_awaitable"))
  end
  error(errors.TypeError("An asyncio.Future, a coroutine or an awaitable is required"), 3)
end
M.ensure_future = function(aw) return ensure_future(aw) end

---------------------------------------------------------------------------
-- gather

local Gathering = setmetatable({ __name = "_GatheringFuture", __isfuture = true }, { __index = Future })
Gathering.__index = Gathering
Gathering.__tostring = Future.__tostring

wait.register(Gathering, wait.forward_to_future)

function Gathering:cancel(msg)
  if getmetatable(self) ~= Gathering then errors.self_error("cancel", "Future", "f") end  -- as Future's
  if self[STATE] ~= PENDING then return false end
  -- The message is made text once, for every child, at the first child the
  -- cancel reaches (it may raise, before any change); a gather whose
  -- children are all done answers false without reading it, as CPython's.
  local ret, converted = false, false
  for _, child in ipairs(self._children) do
    if not converted and not child:done() then
      msg, converted = errors.cancel_message(msg), true
    end
    if child:cancel(msg) then ret = true end
  end
  if ret then self._cancel_requested = true end
  return ret
end

local GATHER_OPTIONS = { "return_exceptions" }

function M.gather(...)
  -- Options table convention: a trailing table without a metatable. (Found
  -- here, not by a helper given the arguments: every call that passes them
  -- on copies them, and a Lua stack holds a million values. As it is, each
  -- call below makes one copy at a time: gather(table.unpack(tasks)) takes
  -- up to ~499,000 tasks; a helper's select made it ~330,000.)
  local n = select("#", ...)
  local opts = n > 0 and select(n, ...) or nil
  if type(opts) == "table" and getmetatable(opts) == nil then
    n = n - 1
  else
    opts = nil
  end
  if opts then
    local problem = errors.options_problem(opts, GATHER_OPTIONS,
      "gather takes awaitables as separate arguments: use gather(table.unpack(list))")
    if problem then
      -- Refused (Python raises TypeError): the coroutine objects given, in
      -- the list or before it, will never run; they are closed, not reported.
      for i = 1, #opts do task.close_coro(opts[i]) end
      for i = 1, n do task.close_coro((select(i, ...))) end
      errors.arg_error(n + 1, "gather", problem)
    end
  end
  local return_exceptions = opts and opts.return_exceptions
  local outer = future.new(Gathering)
  if n == 0 then
    outer._children = {}
    future.set_results(outer, { n = 0 })
    return outer
  end
  -- children at its size: filled one by one (the kernel's gather_register),
  -- it would be rehashed at every power of two (bench W1: 200,000 children).
  local children, by_arg, done_futs = new_table(n, 0), nil, {}
  local cb -- the kernel's callback on each child, below

  -- A child's completion, when the kernel's callback (kernel/gather.cpp)
  -- hands it over: it counted the child (nfinished of nfuts) and took the
  -- usual case itself -- not the last child, the outer future pending, the
  -- child finished with its results or return_exceptions on.
  local function on_child_done(fut, nfinished, nfuts)
    if outer[STATE] ~= PENDING then
      if fut[STATE] ~= future.CANCELLED then future.disarm(fut) end
      return
    end
    if not return_exceptions then
      if fut[STATE] == future.CANCELLED then
        future.set_failure(outer, future.make_cancelled_error(fut))
        return
      elseif fut._failed then
        future.disarm(fut)
        future.set_failure(outer, fut._exception, fut._tb)
        return
      end
    end
    if nfinished == nfuts then
      -- The kernel takes the children that finished with results, from the
      -- first; the others from the first that did not, here.
      local results, from = core.gather_results(children, cb)
      for i = from, #children do
        local child = children[i]
        if child[STATE] == future.CANCELLED then
          results[i] = errors.CancelledError(child._cancel_message or "")
        elseif child._failed then
          future.disarm(child)
          results[i] = future.exception_of(child)
        else
          results[i] = first_result(child)
        end
      end
      if outer._cancel_requested then
        -- As CPython's: the error of the last child in the arguments' order
        -- (its loop variable after the loop above), with no message when
        -- that child finished without being cancelled.
        future.set_failure(outer, future.make_cancelled_error(children[#children]))
      else
        future.set_results(outer, results)
      end
    end
  end
  cb = core.gather_callback(outer, on_child_done, return_exceptions)
  future.mark_internal(cb, "gather.<locals>._done_callback()")
  future.noted[cb] = core.gather_scheduled

  -- An awaitable given twice counts once, as CPython's arg_to_fut. A
  -- pending future given again is known by its last callback, which is this
  -- gather's (nothing else registers one meanwhile): no table of every
  -- argument for the common case of distinct tasks. The kernel takes the
  -- leading arguments that are pending tasks (all of them, usually).
  local first = core.gather_register(cb, children, ...) + 1
  local nfuts = 0
  if first <= n then
    local args = { ... }
    local add_waiter, Task = future.add_waiter, task.Task
    for i = first, n do
      local arg = args[i]
      local fut
      if (getmetatable(arg) == Task or is_future(arg)) and arg[STATE] == PENDING then
        fut = arg
        if future.last_waiter(fut) ~= cb then
          nfuts = nfuts + 1
          add_waiter(fut, cb)
        end
      else
        by_arg = by_arg or {}
        fut = by_arg[arg]
        if not fut then
          fut = ensure_future(arg, "gather")
          nfuts = nfuts + 1
          by_arg[arg] = fut
          if fut[STATE] ~= PENDING then
            done_futs[#done_futs + 1] = fut
          else
            add_waiter(fut, cb)
          end
        end
      end
      children[i] = fut
    end
  end
  core.gather_count(cb, nfuts)
  outer._children = children
  for _, fut in ipairs(done_futs) do
    core.gather_scheduled(cb)
    cb(fut)
  end
  return outer
end

---------------------------------------------------------------------------
-- timeout / timeout_at

local CREATED, ENTERED, EXPIRING, EXPIRED, EXITED = "created", "active", "expiring", "expired", "finished"

local Timeout = { __name = "Timeout" }
Timeout.__index = Timeout
-- Exported for the REPL's help (help(cm.when) finds the method by identity).
M.Timeout = Timeout

-- The expiry runs from a deadline of the loop, as asyncio's from a loop
-- handle: disarming it (re-arming, leaving) stops it even once it came due.
-- _handle is the deadline's id (sched.call_at), or, for a time already
-- due, the Handle of a loop:call_soon, as asyncio's reschedule uses
-- call_soon there; nil when unarmed. _arms counts the times it was armed,
-- either way: a deadline that came due in the batch that disarmed it still
-- runs, and finds its number stale (also when it was re-armed with a
-- call_soon, which a stale deadline taken for current would make cancel
-- the task twice). (A Handle of loop:call_at for every scope was half the
-- cost of a wait_for whose coroutine returns at once.)
local function on_timeout(self, arms)
  if arms ~= nil and (arms ~= self._arms or self._handle == nil) then return end
  self._handle = nil
  -- Where the task waits, which the cancellation interrupts: named by
  -- _not_closed should the scope turn out never closed, as that line then
  -- got a bare CancelledError (Lua cannot tell now whether a <close> waits).
  -- (wait_for's own scope is always closed: no frames walked for it)
  if self._fname ~= "wait_for" then
    local ok, stack = pcall(self._task.get_stack, self._task, 1)
    self._interrupted = ok and stack[1] or nil
  end
  self._task:cancel()
  self._state = EXPIRING
end

local function disarm(self)
  local h = self._handle
  if h then
    self._handle = nil
    if type(h) == "number" then
      sched.cancel_at(h, self)
    else
      h:cancel()
    end
  end
end

local function arm(self, when)
  disarm(self)
  if when == nil then return end
  local arms = self._arms + 1
  self._arms = arms
  if when <= sched.now() then
    self._handle = loop:call_soon(on_timeout, self)
  else
    self._handle = sched.call_at(when, on_timeout, self, arms)
  end
end

local function check_timeout(self, fname) errors.check_self(self, Timeout, fname, "Timeout", "timeout") end

function Timeout:when()
  check_timeout(self, "when")
  return self._when
end

function Timeout:reschedule(when)
  check_timeout(self, "reschedule")
  if when ~= nil and type(when) ~= "number" then argerror(1, "reschedule", "number or nil", when) end
  errors.refuse_nan(when, "time")
  if self._state ~= ENTERED then
    error(errors.RuntimeError("Cannot change state of " .. self._state .. " Timeout"), 2)
  end
  self._when = when
  arm(self, when)
end

function Timeout:expired()
  check_timeout(self, "expired")
  return self._state == EXPIRING or self._state == EXPIRED
end

-- As CPython's: when=round(when, 3), or when=None.
Timeout.__tostring = function(self)
  local info = ""
  if self._state == ENTERED then
    local when = self._when
    if when == nil then
      info = " when=None"
    elseif math_type(when) == "integer" then
      info = " when=" .. when  -- (round(100, 3) is 100)
    else
      -- printf's "%.3f" rounds as Python's round does: the exact value, half
      -- to even. (inf stays inf.)
      if when ~= huge and when ~= -huge then when = tonumber(sformat("%.3f", when)) end
      info = " when=" .. report.float_repr(when)
    end
  end
  return "<Timeout [" .. self._state .. "]" .. info .. ">"
end

-- Leaving the scope: a CancelledError that this timeout caused becomes
-- TimeoutError (raised from it); anything else passes through.
-- The TimeoutError of an expired scope: caused by the cancellation, and
-- raised, for its traceback, at the line that entered the scope (the
-- `wait_for`, or the `local _ <close> = asyncio.timeout(...)`): the frames
-- of the code it interrupted have unwound by the time __close runs.
local function timeout_error(self, cause)
  local e = errors.TimeoutError()
  e.cause = cause
  if self._frame then e.traceback = "  task '" .. self._task:get_name() .. "':\n" .. self._frame end
  return e
end

Timeout.__close = function(self, err)
  errors.check_metamethod_self(self, Timeout, "__close", "Timeout")
  task.exit_scope(self._task, self)
  disarm(self)
  if self._state == EXPIRING then
    self._state = EXPIRED
    if self._task:uncancel() <= self._cancelling and err ~= nil then
      if errors.CancelledError:is(err) then error(timeout_error(self, err), 0) end
    end
  elseif self._state == ENTERED then
    self._state = EXITED
  end
end

local function enter_timeout(when, fname)
  local t = current()
  if t == nil then
    error(errors.RuntimeError("Timeout should be used inside a task"), 3)
  end
  local frame = report.user_frame()
  local self = setmetatable({ _state = ENTERED, _when = when, _task = t, _cancelling = t:cancelling(),
    _fname = fname, _frame = frame, _arms = 0 }, Timeout)
  arm(self, when)
  task.enter_scope(t, self)
  return self
end

-- The task ended with this timeout still open: its <close> was forgotten.
-- Disarms it; answers the error if it expired (its cancellation then came
-- out as a plain CancelledError).
function Timeout:_not_closed()
  disarm(self)
  if self._state == ENTERED then
    self._state = EXITED
    return nil
  end
  local where = self._frame and match(self._frame, "^\t([^:]+:%d+)")
  local e = errors.RuntimeError("asyncio." .. self._fname .. "() at " .. (where or "?") ..
    " was never closed: when it expired, the task got a bare CancelledError" ..
    (self._interrupted and (" at " .. self._interrupted) or "") .. ";" ..
    " write `local _ <close> = asyncio." .. self._fname .. "(...)`" ..
    " so that its expiry raises TimeoutError where the scope ends")
  -- (reported with the line that made it, as its TimeoutError would be)
  if self._frame then e.traceback = "  task '" .. self._task:get_name() .. "':\n" .. self._frame end
  return e
end

-- timeout(delay) and timeout_at(when): nil means no deadline, but it must be
-- given, as Python's argument must.
function M.timeout(...)
  local delay = ...
  if (delay ~= nil and type(delay) ~= "number") or select("#", ...) == 0 then
    errors.bad_argument(1, "timeout", "number or nil", delay, select("#", ...) > 0)
  end
  errors.refuse_nan(delay, "delay")
  return enter_timeout(delay and (sched.now() + delay), "timeout")
end

function M.timeout_at(...)
  local when = ...
  if (when ~= nil and type(when) ~= "number") or select("#", ...) == 0 then
    errors.bad_argument(1, "timeout_at", "number or nil", when, select("#", ...) > 0)
  end
  errors.refuse_nan(when, "time")
  return enter_timeout(when, "timeout_at")
end

---------------------------------------------------------------------------
-- wait_for

local function release_waiter(waiter)
  if waiter[STATE] == PENDING then future.set_results(waiter, nil) end
end

local function cancel_and_wait(fut)
  local waiter = future.new()
  local cb = function() release_waiter(waiter) end
  future.add_internal(fut, cb)
  fut:cancel()
  local ok, err = pcall(await, waiter)
  fut:remove_done_callback(cb)
  if not ok then error(err, 0) end
end

local function wait_for_impl(aw, timeout)
  if timeout ~= nil and timeout <= 0 then
    local fut = ensure_future(aw, "wait_for")
    if fut[STATE] ~= PENDING then return fut:result() end
    cancel_and_wait(fut)
    local res = pack(pcall(fut.result, fut))
    if res[1] then return unpack(res, 2, res.n) end
    if errors.CancelledError:is(res[2]) then
      local e = errors.TimeoutError()
      e.cause = res[2]
      error(e, 0)
    end
    error(res[2], 0)
  end
  local _ <close> = enter_timeout(timeout and (sched.now() + timeout), "wait_for")
  return await(aw)
end

function M.wait_for(...)
  local aw, timeout = ...
  if not task.is_awaitable(aw) then errors.bad_argument(1, "wait_for", "awaitable", aw, select("#", ...) > 0) end
  if timeout ~= nil and type(timeout) ~= "number" then argerror(2, "wait_for", "number or nil", timeout) end
  -- As CPython's, whose timeout has no default: nil (Python's None) waits
  -- for good when it is written, not when it is forgotten.
  if select("#", ...) < 2 then errors.bad_argument(2, "wait_for", "number or nil", nil, false) end
  errors.refuse_nan(timeout, "delay")
  return task.make_coro(wait_for_impl, "wait_for", aw, timeout)
end

---------------------------------------------------------------------------
-- shield

function M.shield(aw)
  local inner = ensure_future(aw, "shield")
  if inner[STATE] ~= PENDING then return inner end
  local outer = future.new()
  outer._shielded = inner  -- the call graph's link (graph.lua)
  local function inner_done(f)
    if outer[STATE] == future.CANCELLED then
      if f[STATE] ~= future.CANCELLED then future.disarm(f) end
      return
    end
    if f[STATE] == future.CANCELLED then
      outer:cancel()
    elseif f._failed then
      future.disarm(f)
      future.set_failure(outer, f._exception, f._tb)
    else
      future.set_results(outer, f:result())
    end
  end
  future.add_internal(inner, inner_done)
  future.add_internal(outer, function()
    if inner[STATE] == PENDING then inner:remove_done_callback(inner_done) end
  end)
  return outer
end

---------------------------------------------------------------------------
-- wait

M.FIRST_COMPLETED, M.FIRST_EXCEPTION, M.ALL_COMPLETED = "FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"

-- What CPython's wait raises when it is awaited (its checks are in its
-- coroutine): the list of the futures to wait for, without duplicates.
local function wait_futures(aws, return_when)
  if task.iscoroutine(aws) then error(errors.TypeError("expect a list of futures, not coroutine"), 0) end
  if is_future(aws) then
    error(errors.TypeError("expect a list of futures, not " .. (getmetatable(aws).__name or type(aws))), 0)
  end
  if #aws == 0 then error(errors.ValueError("Set of Tasks/Futures is empty."), 0) end
  if return_when ~= M.FIRST_COMPLETED and return_when ~= M.FIRST_EXCEPTION and return_when ~= M.ALL_COMPLETED then
    error(errors.ValueError("Invalid return_when value: " .. tostring(return_when)), 0)
  end
  local fs, seen = {}, {}
  for i = 1, #aws do
    local f = aws[i]
    if task.iscoroutine(f) then
      error(errors.TypeError("Passing coroutines is forbidden, use tasks explicitly."), 0)
    end
    if not is_future(f) then
      error(errors.TypeError("expect a list of futures, not " .. type(f)), 0)
    end
    if not seen[f] then seen[f] = true; fs[#fs + 1] = f end
  end
  return fs
end

local function wait_impl(aws, timeout, return_when)
  local fs = wait_futures(aws, return_when)
  local waiter = future.new()
  waiter._waits_on = fs  -- the call graph's link: the awaiting task awaits them (graph.lua)
  local handle
  if timeout ~= nil then
    handle = sched.call_at(sched.now() + timeout, release_waiter, waiter)
  end
  local counter = #fs
  -- (As CPython's: with FIRST_EXCEPTION, a future that completes before the
  -- last has its exception() read, which counts as retrieving its error. A
  -- failure is one whatever its error value, error(nil) too.)
  local function failed(f)
    if f[STATE] == future.CANCELLED then return false end
    f:exception()
    return f._failed
  end
  local function on_completion(f)
    counter = counter - 1
    if counter <= 0 or return_when == M.FIRST_COMPLETED or (return_when == M.FIRST_EXCEPTION and failed(f)) then
      if handle then sched.cancel_at(handle, waiter); handle = nil end
      release_waiter(waiter)
    end
  end
  for _, f in ipairs(fs) do future.add_internal(f, on_completion) end
  local ok, err = pcall(await, waiter)
  if handle then sched.cancel_at(handle, waiter) end
  for _, f in ipairs(fs) do f:remove_done_callback(on_completion) end
  if not ok then error(err, 0) end
  local done, pending = {}, {}
  for _, f in ipairs(fs) do
    if f[STATE] ~= PENDING then done[#done + 1] = f else pending[#pending + 1] = f end
  end
  return done, pending
end

local WAIT_OPTIONS = { "timeout", "return_when" }

-- wait(aws[, {timeout=, return_when=}]): the arguments' Lua types are
-- checked at the call, as every asyncio function's; what CPython's wait
-- raises (an empty list, coroutines in it...) comes at the await.
function M.wait(aws, opts)
  if type(aws) ~= "table" and not task.iscoroutine(aws) then argerror(1, "wait", "table", aws) end
  check_opts(opts, "wait")
  if opts then errors.check_options(opts, 2, "wait", WAIT_OPTIONS) end
  local timeout = opts and opts.timeout
  local return_when = opts and opts.return_when or M.ALL_COMPLETED
  if timeout ~= nil and type(timeout) ~= "number" then
    errors.arg_error(2, "wait", "field 'timeout' must be a number or nil")
  end
  errors.refuse_nan(timeout, "delay")
  return task.make_coro(wait_impl, "wait", aws, timeout, return_when)
end

---------------------------------------------------------------------------
-- as_completed(aws, {timeout=}): a generic-for iterator of coroutine objects,
-- each awaiting the next future to finish and giving its result.

local AS_COMPLETED_OPTIONS = { "timeout" }

-- queues.lua is loaded by the first as_completed, not with this file.
local function new_queue() return require("luasync.queues").new_queue() end

-- A task waiting in an as_completed awaitable holds, in _as_completed, the
-- futures that as_completed still waits for ({pending, pending_set}), from
-- the start of its wait until it ends, however it ends: tasks(), ps and the
-- traces name its wait "as_completed" (not the Queue.get it is built on)
-- and list those futures under it, as they list gather's children
-- (listing.lua, graph.lua).
local unmark = setmetatable({}, { __close = function()
  local t = current()
  if t then t._as_completed = nil end
end })

-- The coroutine of each awaitable as_completed gives: the next future done
-- (false: the timeout came first).
local function wait_for_one(done_q, waits_for)
  local me = current()
  if me then me._as_completed = waits_for end
  local _ <close> = unmark
  local f = await(done_q:get())
  if f == false then error(errors.TimeoutError(), 0) end
  return f:result()
end

function M.as_completed(aws, opts)
  if type(aws) ~= "table" or getmetatable(aws) ~= nil then
    if is_future(aws) or task.iscoroutine(aws) then
      error(errors.TypeError("expect an iterable of futures, not " .. (getmetatable(aws).__name or type(aws))), 2)
    end
    argerror(1, "as_completed", "table", aws)
  end
  check_opts(opts, "as_completed")
  if opts then errors.check_options(opts, 2, "as_completed", AS_COMPLETED_OPTIONS) end
  local timeout = opts and opts.timeout
  if timeout ~= nil and type(timeout) ~= "number" then
    errors.arg_error(2, "as_completed", "field 'timeout' must be a number or nil")
  end
  errors.refuse_nan(timeout, "delay")
  local pending, pending_set, seen = {}, {}, {}
  for i = 1, #aws do
    local aw = aws[i]
    if not seen[aw] then
      seen[aw] = true
      local f = ensure_future(aw, "as_completed")
      pending[#pending + 1] = f
      pending_set[f] = true
    end
  end
  -- As CPython's, the finished futures go through a Queue: each awaitable
  -- awaits its get(), so awaitables awaited at the same time (gather over
  -- them) each take one future, in the order they started waiting, and a
  -- waiter cancelled after it was woken passes its turn on.
  local done_q = new_queue()
  local pending_left, remaining = #pending, #pending
  local handle
  local function on_completion(f)
    if remaining == 0 or not pending_set[f] then return end
    pending_set[f] = nil
    remaining = remaining - 1
    done_q:put_nowait(f)
    if remaining == 0 and handle then handle:cancel(); handle = nil end
  end
  for _, f in ipairs(pending) do future.add_internal(f, on_completion) end
  if #pending > 0 and timeout ~= nil then
    -- A loop handle: cancelling it stops it even once it came due.
    handle = loop:call_later(timeout, function()
      handle = nil
      for _, f in ipairs(pending) do
        if pending_set[f] then
          f:remove_done_callback(on_completion)
          pending_set[f] = nil
          done_q:put_nowait(false)  -- CPython's None: this awaitable times out
        end
      end
      remaining = 0
    end)
  end
  local waits_for = { pending = pending, pending_set = pending_set }
  return function()
    if pending_left == 0 then return nil end
    pending_left = pending_left - 1
    return task.make_coro(wait_for_one, "_wait_for_one", done_q, waits_for)
  end
end

return M
