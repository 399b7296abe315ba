-- Worker threads, as CPython's asyncio.to_thread, loop.run_in_executor and
-- concurrent.futures.ThreadPoolExecutor give them: a job (a function and
-- its arguments, copied: threads/copy.hpp) runs in a thread of an executor,
-- in a Lua state of that thread's own, while the loop goes on; its results
-- (or its error) come back into a Future.
--
-- Invariants:
-- - `jobs` holds a record for every job submitted and not yet back: the
--   Future it completes and its executor. thread_done removes it.
-- - A Future whose job is cancelled is done at once (CancelledError in the
--   awaiting task); the job, if a worker took it, runs to its end and its
--   outcome is dropped.
local errors = require "luasync.errors"
local core = require "luasync.core"
local future = require "luasync.future"
local task = require "luasync.task"
local format, gsub, sub = string.format, string.gsub, string.sub
local driver = require "luasync.driver"
local report = require "luasync.report"
local sched = require "luasync.scheduler"

local pairs, type, select, setmetatable, getmetatable, rawget = pairs, type, select, setmetatable, getmetatable,
  rawget
local math_type, math_tointeger = math.type, math.tointeger
local getinfo = debug.getinfo

local M = {}

local jobs = {}  -- job userdata -> { fut = Future, ex = Executor, fn = its function }
local Executor = { __name = "ThreadPoolExecutor" }
Executor.__index = Executor

---------------------------------------------------------------------------
-- Coming back

-- Error classes a worker named that this state does not know (a user's
-- subclass): made once per name, beneath the nearest class known here.
local foreign = {}

-- The error value of a job, as the awaiting task will see it: an error
-- object travels as a plain table of its fields and its class names
-- (worker.lua's plain), and so do the error objects among its fields
-- (.cause, an ExceptionGroup's .exceptions).
local rebuild_error
-- (`done`: the tables rebuilt already, each visited once: the copy keeps
-- the tables a worker shared shared.)
local function rebuild_fields(t, done, depth)
  if depth >= 16 or done[t] then return end
  done[t] = true
  for k, v in pairs(t) do
    if type(v) == "table" and getmetatable(v) == nil then
      if type(rawget(v, "__classes")) == "table" then
        t[k] = rebuild_error(v, done, depth + 1)
      else
        rebuild_fields(v, done, depth + 1)
      end
    end
  end
end

function rebuild_error(e, done, depth)
  if type(e) ~= "table" or getmetatable(e) ~= nil or type(rawget(e, "__classes")) ~= "table" then return e end
  local chain = e.__classes
  e.__classes = nil
  local cls
  for i = 1, #chain do
    cls = type(chain[i]) == "string" and errors[chain[i]] or nil
    if getmetatable(cls) == getmetatable(errors.Exception) then
      if i > 1 and type(chain[1]) == "string" then
        local name = chain[1]
        foreign[name] = foreign[name] or cls:subclass(name)
        cls = foreign[name]
      end
      break
    end
    cls = nil
  end
  rebuild_fields(e, done or {}, depth or 0)
  setmetatable(e, cls or errors.Exception)
  -- (an ExceptionGroup has its list, whatever came of it)
  if errors.BaseExceptionGroup:is(e) and type(rawget(e, "exceptions")) ~= "table" then e.exceptions = {} end
  return e
end

-- The job's own frame, the last of the worker's traceback, says what Lua
-- says of a function a C function called ("in function <demo.lua:4>"): it
-- is named as the script declares it, as a task's body is ("in function
-- 'parse'"). (The bytecode that went to the worker keeps its source and
-- lines, not the name it had here.)
local function name_job_frame(tb, fn)
  local name = type(tb) == "string" and type(fn) == "function" and report.declared_name(fn)
  if not name then return tb end
  local info = getinfo(fn, "S")
  local anonymous = "in function <" .. info.short_src .. ":" .. info.linedefined .. ">"
  if sub(tb, -#anonymous) ~= anonymous then return tb end
  return sub(tb, 1, -#anonymous - 1) .. "in function '" .. name .. "'"
end

-- fut gets the outcome that thread_take answers; fn is the job's function.
local function settle(fut, fn, how, ...)
  if how == "returned" then
    future.set_results(fut, ...)
  elseif how == "raised" then
    local e, tb = ...
    tb = name_job_frame(tb, fn)
    e = rebuild_error(e)
    if errors.is_instance(e) then
      e.traceback = tb
      future.set_failure(fut, e)
    else
      future.set_failure(fut, e, tb)
    end
  elseif how == "refused" then
    local index, path, reason = ...
    -- (copy.cpp's reasons say "sent to a thread": this one comes back)
    reason = gsub(reason, "sent to a thread", "sent back from a thread")
    future.set_failure(fut, errors.TypeError(format("result %d%s: %s", index, path ~= "" and (" " .. path) or "",
      reason)))
  else
    future.set_failure(fut, "not enough memory")
  end
end

core.provide("thread_done", function(job)
  local r = jobs[job]
  if not r then return end
  jobs[job] = nil
  local ex = r.ex
  ex._n = ex._n - 1
  if not r.fut:done() then
    -- Rebuilding the outcome may fail (too many results for the stack, an
    -- odd error value): that fails this job's Future, never the loop.
    local ok, e = pcall(function() settle(r.fut, r.fn, core.thread_take(job)) end)
    if not ok and not r.fut:done() then future.set_failure(r.fut, e) end
  end
  if ex._n == 0 and ex._idle then
    local waiters = ex._idle
    ex._idle = nil
    for i = 1, #waiters do
      if not waiters[i]:done() then waiters[i]:set_result(true) end
    end
  end
end)

---------------------------------------------------------------------------
-- Going out

-- The job of fn(...) for `fname`, whose argument `first` is fn, and fn:
-- raises "bad argument" naming the value that cannot be copied.
local function make_job(fname, first, ...)
  local fn = ...
  if type(fn) ~= "function" then errors.bad_argument(first, fname, "function", fn, select("#", ...) > 0) end
  -- An async function would only give the worker a coroutine object that
  -- nothing there can run: refused with CPython's text for run_in_executor
  -- in debug mode (in either mode: it cannot be sent to a worker, whose
  -- copy would say "a C function" of it).
  if task.is_coroutine_function(fn) then error(errors.TypeError("coroutines cannot be used with " .. fname .. "()"), 3) end
  local job, index, path, reason = core.thread_job(...)
  if not job then
    errors.arg_error(first + index - 1, fname, (path ~= "" and (path .. ": ") or "") .. reason)
  end
  return job, fn
end

-- Submits job (of function fn) to ex: answers the Future of its outcome.
-- Cancelling the Future takes a job that no worker has started out of the
-- queue.
local function submit(ex, job, fn)
  if ex._shutdown then error(errors.RuntimeError("cannot schedule new futures after shutdown"), 3) end
  if not core.thread_submit(ex._core, job) then error(errors.RuntimeError("can't start new thread"), 3) end
  local fut = future.new()
  jobs[job] = { fut = fut, ex = ex, fn = fn }
  ex._n = ex._n + 1
  future.add_internal(fut, function(f)
    if f:cancelled() and jobs[job] and core.thread_cancel(job) then
      jobs[job] = nil
      ex._n = ex._n - 1
    end
  end)
  return fut
end

local counter = 0

local function new_executor(max_workers, prefix)
  local self = setmetatable({ _max = max_workers, _n = 0 }, Executor)
  self._core = core.executor_new(max_workers, prefix)
  return self
end

local default_executor
local function get_default()
  if not default_executor or default_executor._shutdown then
    default_executor = new_executor(core.default_workers, "asyncio")
  end
  return default_executor
end

---------------------------------------------------------------------------
-- The API

-- asyncio.to_thread(fn, ...): a coroutine object that runs fn(...) in the
-- default executor when awaited. The values are copied now, so a value
-- that cannot go is refused at the call, as the arguments' types are.
local function run_job(job, fn)
  return task.await(submit(get_default(), job, fn))
end

function M.to_thread(...)
  local job, fn = make_job("to_thread", 1, ...)
  return task.make_coro(run_job, "to_thread", job, fn)
end

-- loop:run_in_executor(executor or nil, fn, ...): a Future, the job
-- submitted at once.
function M.run_in_executor(executor, ...)
  if executor ~= nil and getmetatable(executor) ~= Executor then
    errors.bad_argument(1, "run_in_executor", "ThreadPoolExecutor or nil", executor, true)
  end
  local job, fn = make_job("run_in_executor", 2, ...)
  return submit(executor or get_default(), job, fn)
end

-- asyncio.ThreadPoolExecutor([max_workers]): CPython's default size and
-- thread names (ThreadPoolExecutor-0_0...).
function M.new_executor(...)
  local max_workers = ...
  if max_workers == nil then
    max_workers = core.default_workers
  elseif math_type(max_workers) == "float" and math_tointeger(max_workers) then
    max_workers = math_tointeger(max_workers)  -- (2.0, as Lua's integer arguments take it)
  elseif math_type(max_workers) == "float" then
    errors.arg_error(1, "ThreadPoolExecutor", "number has no integer representation")
  elseif math_type(max_workers) ~= "integer" then
    errors.bad_argument(1, "ThreadPoolExecutor", "integer", max_workers, select("#", ...) > 0)
  end
  if max_workers <= 0 then
    error(errors.ValueError("max_workers must be greater than 0"), 2)
  elseif max_workers > 1000000 then
    error(errors.ValueError("max_workers must be at most 1000000"), 2)
  end
  local ex = new_executor(max_workers, "ThreadPoolExecutor-" .. counter)
  counter = counter + 1
  return ex
end

local function check_executor(self, fname)
  if getmetatable(self) ~= Executor then
    errors.arg_error(1, fname, "ThreadPoolExecutor expected; call it as executor:" .. fname .. "(...)")
  end
end

-- executor:submit(fn, ...): the Future of fn(...) run in one of this pool's
-- threads, as concurrent.futures' submit; it is already an asyncio Future,
-- so it is awaited as it is (asyncio.wrap_future gives it back unchanged).
function Executor:submit(...)
  check_executor(self, "submit")
  return submit(self, make_job("submit", 1, ...))
end

-- executor:shutdown([wait[, cancel_futures]]): no new jobs; cancel_futures
-- cancels those no worker has started; wait (the default) waits until the
-- rest have ended. As CPython's, the wait blocks the thread -- here the
-- loop's -- so that it can run where nothing may await (a <close> handler
-- leaving a scope through an error, a finalizer). Ctrl-C ends the wait
-- (KeyboardInterrupt).
function Executor:shutdown(wait, cancel_futures)
  check_executor(self, "shutdown")
  self._shutdown = true
  if cancel_futures then
    for job, r in pairs(jobs) do
      if r.ex == self and core.thread_cancel(job) then
        jobs[job] = nil
        self._n = self._n - 1
        r.fut:cancel()
      end
    end
  end
  core.executor_stop(self._core, wait ~= false)
end

Executor.__close = function(self)
  errors.check_metamethod_self(self, Executor, "__close", "ThreadPoolExecutor")
  self:shutdown(true)
end

Executor.__tostring = function(self)
  return format("<ThreadPoolExecutor max_workers=%d%s>", self._max, self._shutdown and " shutdown" or "")
end

-- The jobs of every executor have ended: what the script's end waits for,
-- as CPython's asyncio.run waits for the default executor. Any Ctrl-C stops
-- the wait; answers false then (the program leaves without those threads),
-- after before_cut() (if given) and the KeyboardInterrupt line.
function M.wait_idle(before_cut)
  if core.threads_in_flight() == 0 then return true end
  local interrupted = false
  local client = { on_interrupt = function() interrupted = true end }
  -- A job that does not end (a loop in a worker) would hold the exit with
  -- nothing said: after a second, it is said once.
  local owner = {}
  local id = sched.call_at(sched.now() + 1, function()
    local n = core.threads_in_flight()
    if n > 0 and not interrupted then
      report.stderr(format("luasync: waiting for %d job%s in a worker thread to end (Ctrl-C to leave)", n,
        n == 1 and "" or "s"))
    end
  end, owner)
  driver.attach(client)
  driver.run_until(function() return interrupted or core.threads_in_flight() == 0 end)
  driver.detach(client)
  sched.cancel_at(id, owner)
  if interrupted then
    if before_cut then before_cut() end
    report.stderr("KeyboardInterrupt")
  end
  return not interrupted
end

-- Waits until executor ex has no job left: true, or false once timeout
-- seconds (if given) have passed first.
local function until_idle(ex, timeout)
  if ex._n == 0 then return true end
  local fut = future.new()
  ex._idle = ex._idle or {}
  ex._idle[#ex._idle + 1] = fut
  local id = timeout and sched.call_at(sched.now() + timeout, function()
    if not fut:done() then fut:set_result(false) end
  end, fut)
  -- (cancelled while it waits: the deadline goes all the same)
  local ok, idle = pcall(task.await, fut)
  if id then sched.cancel_at(id, fut) end
  if not ok then error(idle, 0) end
  return idle
end

-- Awaits the end of the default executor's jobs (asyncio.run's last step).
function M.shutdown_default_executor()
  if default_executor then until_idle(default_executor) end
end

-- loop:set_default_executor(executor): as CPython's, a ThreadPoolExecutor
-- only.
function M.set_default_executor(executor)
  if getmetatable(executor) ~= Executor then
    error(errors.TypeError("executor must be ThreadPoolExecutor instance"), 3)
  end
  default_executor = executor
end

-- loop:shutdown_default_executor([timeout]): waits for the default
-- executor's jobs (at most timeout seconds: then, as CPython, a
-- RuntimeWarning, and the threads are left to end alone) and shuts it
-- down, also when the wait is cancelled. CPython's loop then refuses the
-- default executor; luasync's loop lives as long as the program, so a
-- later to_thread makes a new one.
local function shutdown_default(timeout)
  local ex = default_executor
  if not ex then return end
  ex._shutdown = true
  local ok, idle = pcall(until_idle, ex, timeout)
  core.executor_stop(ex._core, false)
  if not ok then error(idle, 0) end
  if not idle then
    -- (CPython's words, its typo included, at the line that awaited)
    local where = report.user_where()
    report.stderr((where and (where .. ": ") or "") ..
      format("RuntimeWarning: The executor did not finishing joining its threads within %s seconds.",
        report.safe_repr(timeout)))
  end
end

function M.shutdown_default_executor_coro(...)
  local timeout = ...
  if timeout ~= nil and type(timeout) ~= "number" then
    errors.bad_argument(1, "shutdown_default_executor", "number or nil", timeout, true)
  end
  return task.make_coro(shutdown_default, "shutdown_default_executor", timeout)
end

M.Executor = Executor

return M
