-- Future: a result that arrives later, with asyncio's states, methods and
-- callback rules. Task (task.lua) builds on it.
--
-- A Future is PENDING until exactly one of set_result / set_exception /
-- cancel moves it to FINISHED or CANCELLED; it never changes again; its
-- STATE is nil while PENDING (so PENDING == nil). Done
-- callbacks are scheduled with call_soon (in registration order) at that
-- moment, or at once if added later. A callback entry is a user function
-- (called with the future under xpcall: its errors are reported), a runtime
-- function registered by add_internal (called directly: it never raises), or
-- a waiting Task, which the completion wakes (wait.hpp): its step runs on the
-- next iteration, as asyncio's Task.__wakeup runs then. The entries are
-- CB, the first (most futures only ever have one: the task or gather
-- awaiting it, which then costs no list), then the list _callbacks; a new
-- entry goes to CB only while both are empty, so that order holds. An
-- empty CB is nil (or false), and means an empty list too: the list is
-- nil unless it holds an entry, and CB is emptied only with it (wait.cpp's
-- add_waiter looks the list up only behind a CB).
--
-- A Future's fields STATE, RESULT and CB, and a Task's CO, BODY and SEQ
-- (task.lua), are the slots of its table's array part, by the numbers
-- below (kernel/boundary.hpp's Field says why); every file that reads them
-- names them so. Its other fields, rarer, keep their names.
local errors = require "luasync.errors"
local sched = require "luasync.scheduler"
local std = require("luasync.std")  -- std.stderr: looked up at each call, the unit tests replace it
local report = std.lazy_module("luasync.report")  -- debug mode's frames and a callback's error only
-- Future's cold half, loaded at its first use (a start pays for every
-- function it undumps: bench W6): what a future shows and reports of itself
-- (future_views.lua: reprs, the reports of errors, debug mode's records of
-- where callbacks were scheduled) and the methods most programs never call
-- (future_rare.lua). A stand-in that may raise is not a tail call: a task
-- whose body it is would show a "(...tail calls...)" traceback instead of
-- none. Their errors are error objects, or find the user's frame
-- themselves (errors.arg_error): the frame added counts for no position.
local views = std.lazy_module("luasync.future_views")
local rare = std.lazy_module("luasync.future_rare")
local driver = require "luasync.driver"
local wait = require "luasync.wait"
local core = require "luasync.core"

local call_soon = sched.call_soon
local abandon_wait, wake_waiting, note_done = core.abandon_wait, core.wake_waiting, core.note_done
-- The states, and the fields' slots below, are compile-time constants: one
-- `local <const>` each, as Lua makes only the last name of a list one (the
-- others are locals that each closure reading them captures: bench W6).
local PENDING <const> = nil
local CANCELLED <const> = "CANCELLED"
local FINISHED <const> = "FINISHED"
local getmetatable, new_table = std.class_of, std.new_table
local type, select, setmetatable, error, pcall, xpcall, rawequal = type, select, setmetatable, error, pcall, xpcall, rawequal
local pack, unpack = table.pack, table.unpack

local M = new_table(0, 32)  -- the ~31 fields it gets (std.new_table)
M.PENDING, M.CANCELLED, M.FINISHED = PENDING, CANCELLED, FINISHED

local STATE <const> = 1
local RESULT <const> = 2
local CB <const> = 3
local CO <const> = 4
assert(core.FIELD_STATE == STATE and core.FIELD_RESULT == RESULT and core.FIELD_CB == CB and core.FIELD_CO == CO
  and core.FIELD_BODY == 5 and core.FIELD_SEQ == 6, "the fields of Futures and Tasks moved")

local Future = new_table(0, 16)  -- its ~14 fields
Future.__name, Future.__isfuture = "Future", true
Future.__index = Future
M.Future = Future

local function is_future(v)
  local mt = getmetatable(v)
  return type(mt) == "table" and rawget(mt, "__isfuture") == true
end
M.is_future = is_future

-- Debug mode (asyncio/debug.lua, through task.set_debug): a future records
-- the user's frames that made it, as CPython's records its
-- _source_traceback (its repr's "created at", the never-retrieved report's
-- source_traceback). Off, making one costs the test of this flag.
-- (M.debug_on: the same, for the cold half.)
local debug_on = false
M.debug_on = false
function M.set_debug(on) debug_on, M.debug_on = on, on end
-- CPython's constants.DEBUG_STACK_DEPTH: the frames kept of where it was made.
local SOURCE_FRAMES = 10
M.SOURCE_FRAMES = SOURCE_FRAMES

-- A Future is made with the slots of its fields (STATE, RESULT, CB).
function M.new(mt)
  local fut = setmetatable({ nil, nil, nil }, mt or Future)
  if debug_on then fut._source_traceback = report.frames(nil, 2, SOURCE_FRAMES) end
  return fut
end

-- Unretrieved errors: a failed future holds a sentinel whose finalizer
-- reports the error if nobody looked at it before the future is collected
-- (or the state closes). Retrieving the error disarms it.
local Sentinel = {}
Sentinel.__gc = function(s)
  local fut = s.fut
  if fut then
    s.fut = nil
    M.report_unretrieved(fut)
  end
end

local function report_unretrieved(fut, kind) views.report_unretrieved(fut, kind) end
function M.report_unretrieved(fut)
  if errors.stdout_gone(fut._exception) then return end
  -- As CPython's, the class's name: Task, Future, _GatheringFuture or a subclass's.
  local kind = getmetatable(fut).__name
  if type(kind) ~= "string" then kind = "Future" end
  -- (When memory has run out, what can be said without report.lua, or
  -- without future_views.lua.)
  if not pcall(report_unretrieved, fut, kind) then std.stderr(kind .. " exception was never retrieved") end
end

local function disarm(fut)
  local s = fut._log
  if s then
    s.fut = nil
    fut._log = nil
  end
end
M.disarm = disarm
-- How many failures were recorded, each with a sentinel (the runner
-- collects at exit only when one was, asyncio.run at its end when it saw one).
M.failures = 0

local internal = setmetatable({}, { __mode = "k" })
core.K[core.SLOT_INTERNAL] = internal  -- for the kernel's finish of a plain task (finish.cpp)
M.internal = internal  -- (future_views.lua)
-- noted[cb] = fn: fn(cb) is told each time cb is scheduled for a future
-- (a gather's callback counts them: kernel/gather.cpp).
local noted = setmetatable({}, { __mode = "k" })
M.noted = noted

-- Debug mode: where each user done callback was scheduled (the
-- set_result, the cancel, an add_done_callback on a future done), as
-- CPython's Handle of its call_soon keeps it (future_views.lua records
-- it). any_scheduled: whether one ever was, so that run_callback looks for
-- a record only then.
local any_scheduled = false
local function note_scheduled(fut, cb)
  any_scheduled = true
  return views.note_scheduled(fut, cb)  -- (a tail call: the frames it takes start at our caller, as before)
end

-- (kernel/finish.cpp does the same for a task that ends with its results:
-- a change here changes it too.)
local function schedule_one(fut, cb)
  if type(cb) ~= "function" then
    -- A waiting task. Its entry here was its waker, which the completion
    -- consumes: the task waits on nothing else meanwhile, so the wake-up
    -- cannot be stale.
    if M.trace_wake then M.trace_wake(cb) end  -- tracing: who woke it
    if fut[STATE] == FINISHED and not fut._failed then
      wake_waiting(cb)
    else
      wake_waiting(cb, M.error_of(fut))
    end
  elseif internal[cb] then
    local note = noted[cb]
    if note then note(cb) end
    call_soon(cb, fut)
  else
    if debug_on then note_scheduled(fut, cb) end
    call_soon(M.run_callback, cb, fut)
  end
end

-- Schedules the done callbacks first (CB) and cbs (_callbacks), taken off
-- fut, in the order they were added.
local function schedule_taken(fut, first, cbs)
  if first then schedule_one(fut, first) end
  if cbs then
    for i = 1, #cbs do schedule_one(fut, cbs[i]) end
  end
end

local function schedule_callbacks(fut)
  local first, cbs = fut[CB], fut._callbacks
  if not first and cbs == nil then return end
  fut[CB], fut._callbacks = nil, nil
  schedule_taken(fut, first, cbs)
end

-- Marks fn as one of the runtime's own done callbacks (add_internal does);
-- a repr shows it by name when it has one (a C function has no source).
function M.mark_internal(fn, name) internal[fn] = name or true end
-- Whether a ready entry's function fn runs a done callback (tracing's
-- wake arrows: the future it got is the one that was done).
function M.runs_done_callback(fn) return internal[fn] ~= nil or fn == M.run_callback end

-- add_done_callback for the runtime's own callbacks.
function M.add_internal(fut, fn)
  internal[fn] = true
  if fut[STATE] ~= PENDING then
    call_soon(fn, fut)
  else
    M.add_waiter(fut, fn)
  end
end

-- A done callback that is a callable object (a table or userdata with
-- __call) is kept as a function that calls it (wrapper -> object), since a
-- future's callbacks that are not functions are the tasks awaiting it
-- (future_rare.lua makes the wrapper).
M.callable_of = setmetatable({}, { __mode = "k" })

-- xpcall's message handler for callbacks: report.capture, looked up (and
-- report.lua loaded) only when a callback raises. A tail call: the levels
-- capture counts are the same.
local function capture(e) return report.capture(e) end

-- User callbacks run like asyncio's handles: an error is reported, the loop
-- goes on (future_views.lua's callback_failed). One scheduled in debug mode runs as the loop's current handle,
-- as loop.lua's run_handle_debug runs a call_soon's (rec: its record).
function M.run_callback(cb, fut)
  local rec, outer
  if any_scheduled then rec, outer = views.enter_callback(cb, fut) end
  local ok, captured = xpcall(cb, capture, fut)
  if rec then views.leave_callback(outer) end
  if not ok then views.callback_failed(cb, fut, captured, rec) end
end
core.K[core.SLOT_RUN_CALLBACK] = M.run_callback

-- Registers a waiting task or a function as a done callback.
function M.add_waiter(fut, waiter)
  if not fut[CB] then
    fut[CB] = waiter
    return
  end
  local cbs = fut._callbacks
  if cbs then
    cbs[#cbs + 1] = waiter
  else
    fut._callbacks = { waiter }
  end
end

-- The done callback registered last (a function or a waiting task), or nil.
function M.last_waiter(fut)
  local cbs = fut._callbacks
  if cbs then return cbs[#cbs] end
  return fut[CB] or nil
end

-- The results of a future that finished with none (most tasks: their
-- function returned nothing), shared: results tables are never written to.
-- A future's RESULT is its one result; or, with _multi true, a table of
-- its results (n of them); or NO_RESULTS, without _multi: a task that ends
-- with none then takes no new field (_multi), and no results table.
local NO_RESULTS = setmetatable({ n = 0 }, { __newindex = function() error("results are read-only", 2) end })
core.K[core.SLOT_NO_RESULTS] = NO_RESULTS  -- the kernel's finish of a plain task (finish.cpp) sets it too

function M.set_results(fut, ...)
  local n = select("#", ...)
  if n == 1 then
    fut[RESULT] = ...
  elseif n == 0 then
    fut[RESULT] = NO_RESULTS
  else
    fut[RESULT] = pack(...)
    fut._multi = true
  end
  fut[STATE] = FINISHED
  note_done()  -- each place a STATE leaves PENDING says so (kernel/driver.cpp's run_until)
  schedule_callbacks(fut)
end

-- A driver client's on_task_failure(fut) (the REPL's) runs when a future
-- fails, before its callbacks are scheduled (so it can tell whether anybody
-- waits for it).
-- tb: the traceback of the failure (a task's path); by default, an error
-- object's own as it is now, as CPython's set_exception keeps
-- exc.__traceback__ for whoever awaits the future.
function M.set_failure(fut, exc, tb)
  fut[RESULT] = nil  -- a task's argument, if it failed before it started
  fut._exception = exc
  fut._failed = true
  if tb == nil and errors.is_instance(exc) then tb = rawget(exc, "traceback") end
  fut._tb = tb
  fut[STATE] = FINISHED
  note_done()
  fut._log = setmetatable({ fut = fut }, Sentinel)
  M.failures = M.failures + 1
  local hook = driver.client().on_task_failure
  if hook then hook(fut) end
  schedule_callbacks(fut)
end

function M.set_cancelled(fut, msg)
  fut[RESULT] = nil  -- a task's argument, if it was cancelled before it started
  fut[STATE] = CANCELLED
  note_done()
  fut._cancel_message = msg
  schedule_callbacks(fut)
end

function M.make_cancelled_error(fut)
  local e = fut._cancelled_exc
  if e then
    fut._cancelled_exc = nil
    return e
  end
  return errors.CancelledError(fut._cancel_message)
end

-- The error of a failed future as a value (nil for one that did not fail).
-- Lua raises nil as any value (error(), error(nil)), and such a failure is a
-- failure, but nil is what exception() answers for none: given as nil, it
-- would read as a success to a TaskGroup collecting it, to gather's
-- return_exceptions and to `if t:exception() then`. So it is given as the
-- text lua.c prints for it. Raising it (result(), await) keeps the nil
-- itself, as any plain Lua error passes through unchanged.
local NIL_ERROR <const> = "(error object is a nil value)"
function M.exception_of(fut)
  local e = fut._exception
  if e == nil and fut._failed then return NIL_ERROR end
  return e
end

-- The error to raise in whoever awaits a failed or cancelled future.
function M.error_of(fut)
  if fut[STATE] == CANCELLED then return M.make_cancelled_error(fut) end
  disarm(fut)
  return fut._exception
end

local function check_self(fut, name)
  if not is_future(fut) then
    errors.self_error(name, "Future", "f")
  end
end

function Future:result()
  check_self(self, "result")
  local state = self[STATE]
  if state == CANCELLED then error(M.make_cancelled_error(self), 0) end
  if state ~= FINISHED then error(errors.InvalidStateError("Result is not set."), 0) end
  if self._failed then
    disarm(self)
    error(self._exception, 0)
  end
  local r = self[RESULT]
  if self._multi then return unpack(r, 1, r.n) end
  if rawequal(r, NO_RESULTS) then return end  -- (raw: a result's own __eq would run, and could say yes)
  return r
end

function Future:exception()
  check_self(self, "exception")
  local state = self[STATE]
  if state == CANCELLED then error(M.make_cancelled_error(self), 0) end
  if state ~= FINISHED then error(errors.InvalidStateError("Exception is not set."), 0) end
  disarm(self)
  return M.exception_of(self)
end

function Future:done()
  check_self(self, "done")
  return self[STATE] ~= PENDING
end

function Future:cancelled()
  check_self(self, "cancelled")
  return self[STATE] == CANCELLED
end

-- cancel, set_result and set_exception may be applied to a Task behind its
-- back (Future.set_result(task, v)): its wait is then abandoned, so nothing
-- resumes its coroutine again (wait.cpp), and task.lua lets go of it
-- (all_tasks no longer lists it). Pending tasks are the futures with a CO
-- (false until their first step, then their coroutine).
local function abandon(fut)
  if rawget(fut, CO) ~= nil then
    abandon_wait(fut)
    M.task_abandoned(fut)
  end
end
M.abandon = abandon  -- (future_rare.lua's set_exception)
M.task_abandoned = function() end  -- task.lua's

-- As CPython's, cancel() on a future that already failed counts as
-- retrieving its error: a shutdown loop that cancels every task reports none.
function Future:cancel(msg)
  check_self(self, "cancel")
  disarm(self)
  if self[STATE] ~= PENDING then return false end  -- (msg unread, as CPython's)
  msg = errors.cancel_message(msg)  -- (before any change: it may raise)
  M.set_cancelled(self, msg)
  abandon(self)
  return true
end

function Future:set_result(...)
  check_self(self, "set_result")
  if self[STATE] ~= PENDING then
    error(errors.InvalidStateError("invalid state"), 2)
  end
  M.set_results(self, ...)
  abandon(self)
end

function Future:set_exception(...) rare.set_exception(self, ...) end

function Future:add_done_callback(fn)
  check_self(self, "add_done_callback")
  if type(fn) ~= "function" then fn = rare.callable_callback(fn) end
  if self[STATE] ~= PENDING then
    if debug_on then note_scheduled(self, fn) end
    call_soon(M.run_callback, fn, self)
  else
    M.add_waiter(self, fn)
  end
end

function Future:remove_done_callback(fn)
  local removed = rare.remove_done_callback(self, fn)
  return removed
end

function Future:get_loop()
  return require("luasync.loop").get_running_loop()
end

-- The first result of a future that finished without failing (nil for
-- none), as gather collects it and the repr shows it.
function M.first_result(fut)
  local r = fut[RESULT]
  if fut._multi or rawequal(r, NO_RESULTS) then return r[1] end
  return r
end

Future.__tostring = function(fut)
  local shown = views.repr(fut)
  return shown
end

wait.register(Future, wait.forward_to_future)

return M
