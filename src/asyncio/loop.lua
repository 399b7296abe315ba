-- The loop object of get_running_loop(): asyncio's AbstractEventLoop methods
-- that make sense here, on the one scheduler of this Lua state.
local errors = require "luasync.errors"
local sched = require "luasync.scheduler"
local future = require "luasync.future"
local task = require "luasync.task"
local format = string.format
local report = require "luasync.report"
local loaded = require("luasync.std").modules
local is_callable = require("luasync.std").is_callable

local M = {}

-- In luasync the loop always runs (scripts and inputs are tasks); under
-- lua5.4 (the module) only inside asyncio.run, which says so (set_running).
local running = loaded["luasync.module"] == nil

local Loop = { __name = "EventLoop" }
Loop.__tostring = function(self)
  return "<_UnixSelectorEventLoop running=" .. tostring(running) .. " closed=false debug=" .. tostring(self._debug) ..
    ">"
end
-- loop.slow_callback_duration is CPython's attribute; the kernel keeps its
-- value (debug mode's slow-step threshold: kernel/ready_queue.cpp).
local slow_callback_duration = 0.1
Loop.__index = function(_, key)
  if key == "slow_callback_duration" then return slow_callback_duration end
  return Loop[key]
end
Loop.__newindex = function(self, key, value)
  if key == "slow_callback_duration" then
    if type(value) ~= "number" or value ~= value or value < 0 then
      error(errors.ValueError("slow_callback_duration must be a non-negative number of seconds"), 2)
    end
    slow_callback_duration = value
    require("luasync.core").set_slow_step(value)
    return
  end
  rawset(self, key, value)
end

local loop = setmetatable({ _debug = false }, Loop)

function M.get_running_loop()
  if not running then error(errors.RuntimeError("no running event loop"), 2) end
  return loop
end
-- get_event_loop answers the loop even when it is not running (lua5.4,
-- outside asyncio.run), as CPython 3.13's does in the main thread.
function M.get_event_loop() return loop end
function M.set_running(on) running = on end
M.loop = loop

-- Handle / TimerHandle: a scheduled callback that can be cancelled.
local Handle = { __name = "Handle" }
Handle.__index = Handle
-- As CPython's: in debug mode, the callback's arguments and where the
-- handle was made too ("created at").
Handle.__tostring = function(h)
  if h._repr then return h._repr end
  local kind = h._when and "TimerHandle" or "Handle"
  local state = h._cancelled and " cancelled" or ""
  local when = h._when and (" when=" .. (math.type(h._when) == "float" and report.float_repr(h._when) or h._when)) or ""
  local callback = h._fn ~= nil and (" " .. report.callback_source(h._fn, loop._debug and h or nil, h._n)) or ""
  local created = loop._debug and h._source and (" created at " .. h._source) or ""
  return "<" .. kind .. state .. when .. callback .. created .. ">"
end

-- TimerHandles compare as CPython's: by when, and equal when their when,
-- callback, arguments and cancelled state are (a Handle: by identity only;
-- ordering one against a Handle is Lua's comparison error).
local function timer_order(a, b)
  local ta, tb = type(a), type(b)
  if ta ~= "table" or tb ~= "table" then
    -- (Lua calls the metamethod when either side has one: its own words)
    error(format("attempt to compare %s with %s", ta, tb), 3)
  end
  if not (getmetatable(a) == Handle and getmetatable(b) == Handle and a._when and b._when) then
    error("attempt to compare two table values", 3)
  end
  return a._when, b._when
end
Handle.__eq = function(a, b)
  if not (a._when and b._when) or a._when ~= b._when or a._fn ~= b._fn or a._n ~= b._n then return false end
  if (a._cancelled == true) ~= (b._cancelled == true) then return false end
  for i = 1, a._n do
    if a[i] ~= b[i] then return false end
  end
  return true
end
Handle.__lt = function(a, b)
  local x, y = timer_order(a, b)
  return x < y
end
Handle.__le = function(a, b)
  local x, y = timer_order(a, b)
  return x < y or a == b
end

local function run_handle(h)
  if h._cancelled then return end
  h._id = nil
  local ok, captured = xpcall(h._fn, report.capture, table.unpack(h, 1, h._n))
  if not ok and not require("luasync.future_views").callback_base_exit(captured[1], captured[2]) then
    report.callback_error(h._fn, h, captured, loop._debug and h or nil, h._n, h._source_traceback)
  end
end

-- A handle made in debug mode runs as the loop's current handle, as
-- CPython's _current_handle: a report made meanwhile without frames of its
-- own shows where the handle was made (report.lua's handle_traceback).
-- Handles made with debug mode off run as run_handle: they pay nothing.
local function run_handle_debug(h)
  local outer = report.current_handle
  report.current_handle = h
  run_handle(h)
  report.current_handle = outer
end

-- Callbacks of call_soon/call_at/call_later not yet run nor cancelled: what
-- close_after_run drops.
local scheduled = {}

local function run_scheduled(h)
  scheduled[h] = nil
  run_handle(h)
end
local function run_scheduled_debug(h)
  scheduled[h] = nil
  run_handle_debug(h)
end

-- (h.cancel(): Python's spelling; a bad argument, as for the loop's methods.)
local function check_handle(self, fname) errors.check_self(self, Handle, fname, "Handle", "handle") end

function Handle:cancel()
  check_handle(self, "cancel")
  if self._cancelled then return end
  self._cancelled = true
  -- As CPython: the callback and its arguments are let go (a cancelled
  -- handle shows none), but in debug mode the repr keeps them.
  if loop._debug then self._repr = tostring(self) end
  self._fn = nil
  for i = 1, self._n do self[i] = nil end
  scheduled[self] = nil
  if self._id then
    sched.cancel_at(self._id, self)
    self._id = nil
  end
end
function Handle:cancelled()
  check_handle(self, "cancelled")
  return self._cancelled == true
end
function Handle:when()
  check_handle(self, "when")
  return self._when
end

-- new_handle(fname, argn, fn, ...): argn is fn's position, for the error;
-- fn is absent when nothing follows the loop (or the time) in the call.
local function new_handle(fname, argn, present, fn, ...)
  if not is_callable(fn) then
    errors.bad_argument(argn, fname, "function", fn, present)
  end
  local h = setmetatable({ _fn = fn, _n = select("#", ...), ... }, Handle)
  if loop._debug then
    -- debug mode's "created at", and the frames of CPython's _source_traceback
    h._source = report.user_where()
    h._source_traceback = report.frames(nil, 2, future.SOURCE_FRAMES)
  end
  return h
end

local function check_loop(self, fname)
  if self ~= loop then
    errors.arg_error(1, fname, "loop expected; call it as loop:" .. fname .. "(...)")
  end
end

function Loop:time()
  check_loop(self, "time")
  return sched.now()
end

-- Under lua5.4, outside asyncio.run, nothing runs the loop: what would
-- schedule work on it raises CPython's error for create_task without a
-- running loop (CPython's loop.call_soon accepts a callback there, which its
-- asyncio.run, on a loop of its own, never runs). `refused`, a coroutine
-- object, is closed: it will never run, and the error says why.
local function check_running(refused)
  if not running then
    task.close_coro(refused)
    error(errors.RuntimeError("no running event loop"), 3)
  end
end
M.check_running = check_running

-- As CPython's _check_callback in debug mode: an async function (or a
-- coroutine object) as a callback would only make a coroutine that nothing
-- awaits. (A refused coroutine object is closed: the error says why.)
-- `fname`: CPython's name for the method (call_later's is call_at()).
local function check_callback(fname, fn)
  if not loop._debug then return end
  local coro = task.iscoroutine(fn)
  if coro or task.is_coroutine_function(fn) then
    if coro then task.close_coro(fn) end
    error(errors.TypeError("coroutines cannot be used with " .. fname .. "()"), 4)
  end
end

local function schedule_soon(fname, ...)
  local debug_on = loop._debug
  if debug_on then check_callback(fname, (...)) end
  local h = new_handle(fname, 1, select("#", ...) > 0, ...)
  scheduled[h] = true
  sched.call_soon(debug_on and run_scheduled_debug or run_scheduled, h)
  return h
end
-- call_soon(fn, ...) for the runtime's own callbacks (a stream's close),
-- which may come outside asyncio.run: the next run runs them.
function M.call_soon(...) return schedule_soon("call_soon", ...) end

local function call_soon(self, fname, ...)
  check_loop(self, fname)
  check_running()
  return schedule_soon(fname, ...)
end

function Loop:call_soon(...) return call_soon(self, "call_soon", ...) end

-- loop:call_soon_threadsafe(cb, ...): call_soon's twin. CPython's is the
-- one loop method another thread may call; a luasync worker thread has a
-- Lua state of its own, which cannot reach the loop (threads.md), so this
-- one is called on the loop's thread, where it is call_soon.
function Loop:call_soon_threadsafe(...) return call_soon(self, "call_soon_threadsafe", ...) end

function Loop:call_at(...)
  check_loop(self, "call_at")
  local nargs, when = select("#", ...), ...
  if type(when) ~= "number" then errors.bad_argument(1, "call_at", "number", when, nargs > 0) end
  check_running()
  check_callback("call_at", (select(2, ...)))
  local h = new_handle("call_at", 2, nargs > 1, select(2, ...))
  h._when = when
  h._id = sched.call_at(when, h._source_traceback and run_scheduled_debug or run_scheduled, h)
  scheduled[h] = true
  return h
end

function Loop:call_later(...)
  check_loop(self, "call_later")
  local nargs, delay = select("#", ...), ...
  if type(delay) ~= "number" then errors.bad_argument(1, "call_later", "number", delay, nargs > 0) end
  errors.refuse_nan(delay, "delay")
  check_running()
  check_callback("call_at", (select(2, ...)))
  local h = new_handle("call_later", 2, nargs > 1, select(2, ...))
  h._when = sched.now() + delay
  h._id = sched.call_at(h._when, h._source_traceback and run_scheduled_debug or run_scheduled, h)
  scheduled[h] = true
  return h
end

function Loop:create_future()
  check_loop(self, "create_future")
  return future.new()
end

function Loop:create_task(aw, opts)
  check_loop(self, "create_task")
  check_running(aw)
  return task.create_task(aw, opts, "create_task")
end

-- loop:run_until_complete(aw): the older spelling of asyncio.run. The loop
-- already runs the script (and each REPL input) as a task, so this awaits
-- aw there and answers its results, as asyncio.run does.
-- In a callback of the loop, where no task could await it, it is CPython's
-- refusal (before the argument is looked at, as there).
function Loop:run_until_complete(...)
  check_loop(self, "run_until_complete")
  if task.current() == nil and self:is_running() then
    error(errors.RuntimeError("This event loop is already running"), 2)
  end
  local aw = ...
  if not task.is_awaitable(aw) then
    errors.bad_argument(1, "run_until_complete", "awaitable", aw, select("#", ...) > 0)
  end
  return task.await(aw)
end

function Loop:run_in_executor(...)
  check_loop(self, "run_in_executor")
  return require("luasync.threads").run_in_executor(...)
end

-- loop:set_default_executor(executor): the ThreadPoolExecutor that
-- run_in_executor(nil, ...) and to_thread use from now on.
function Loop:set_default_executor(executor)
  check_loop(self, "set_default_executor")
  return require("luasync.threads").set_default_executor(executor)
end

-- loop:shutdown_default_executor([timeout]): a coroutine object that waits
-- for the default executor's jobs to end and shuts it down, as
-- asyncio.run does at its end.
function Loop:shutdown_default_executor(...)
  check_loop(self, "shutdown_default_executor")
  return require("luasync.threads").shutdown_default_executor_coro(...)
end

-- The exception handler (report.lua): handler(loop, context) is told of
-- the errors nobody else will see, in place of the default report.
function Loop:set_exception_handler(handler)
  check_loop(self, "set_exception_handler")
  if handler ~= nil and not is_callable(handler) then
    error(errors.TypeError("A callable object or nil is expected, got " .. report.safe_repr(handler)), 2)
  end
  report.set_exception_handler(handler)
end
function Loop:get_exception_handler()
  check_loop(self, "get_exception_handler")
  return report.get_exception_handler()
end
function Loop:default_exception_handler(context)
  check_loop(self, "default_exception_handler")
  if type(context) ~= "table" then errors.bad_argument(2, "default_exception_handler", "table", context, true) end
  report.default_exception_handler(context)
end
function Loop:call_exception_handler(context)
  check_loop(self, "call_exception_handler")
  if type(context) ~= "table" then errors.bad_argument(2, "call_exception_handler", "table", context, true) end
  report.call_exception_handler(context)
end

function Loop:get_debug()
  check_loop(self, "get_debug")
  return self._debug
end
function Loop:set_debug(on)
  check_loop(self, "set_debug")
  self._debug = on and true or false
  require("luasync.debug").set(self._debug)
end
function Loop:is_running() return running end
function Loop:is_closed() return false end

---------------------------------------------------------------------------
-- Watching descriptors: add_reader, add_writer (io/fd_watch.cpp). One watch
-- per descriptor (libuv polls a descriptor once) with its reader and writer
-- handles; fd_ready runs them when the driver found the descriptor ready.

-- (core.fd_watch and fd_watch_set are looked up at use: they are bindings
-- that open at first use, which loading this module must not do.)
local core = require "luasync.core"
local READABLE, WRITABLE = 1, 2 -- libuv's UV_READABLE, UV_WRITABLE

local watched = {}  -- fd -> { watch = userdata, reader = Handle?, writer = Handle? }
local by_watch = {} -- watch -> the same record

-- Descriptors the runtime reads itself (the REPL's line input: stdin), and
-- who does: a second poll of one descriptor would steal its events.
M.reserved_fds = {}

local FD_METHODS = { "getfd", "pollfd", "fileno" }

-- The descriptor of an integer, or of an object with a getfd (luasocket),
-- pollfd (cqueues) or fileno method, as asyncio takes an int or fileno().
-- (A float with an integer value counts, as for luaL_checkinteger:
-- luasocket's getfd() answers one.)
local function fd_of(fname, fd, present)
  if math.type(fd) ~= "integer" then
    local ty = type(fd)
    if ty == "table" or ty == "userdata" then
      for _, m in ipairs(FD_METHODS) do
        local ok, f = pcall(function() return fd[m] end)
        if ok and f ~= nil then
          local n = f(fd)
          if math.tointeger(n) == nil then
            errors.arg_error(1, fname, m .. "() gave " .. tostring(n) .. ", not a file descriptor")
          end
          fd = n
          break
        end
      end
    end
    if ty == "number" or type(fd) == "number" then fd = math.tointeger(fd) or fd end
    if math.type(fd) ~= "integer" then
      errors.bad_argument(1, fname, "file descriptor (integer, or object with getfd, pollfd or fileno)", fd,
        present)
    end
  end
  if fd < 0 then error(errors.ValueError("Invalid file descriptor: " .. fd), 3) end
  -- (a C int, as CPython's OverflowError says; fd_watch refuses more)
  if fd > 0x7fffffff then errors.arg_error(1, fname, "file descriptor out of range") end
  return fd
end

local function update(fd, rec)
  local ok, err = pcall(core.fd_watch_set, rec.watch, rec.reader ~= nil, rec.writer ~= nil)
  if not ok or (rec.reader == nil and rec.writer == nil) then
    watched[fd] = nil
    by_watch[rec.watch] = nil
  end
  if not ok then error(err, 3) end
end

local function add_watcher(self, side, fname, ...)
  check_loop(self, fname)
  local nargs, fd = select("#", ...), ...
  fd = fd_of(fname, fd, nargs > 0)
  local h = new_handle(fname, 2, nargs > 1, select(2, ...))
  local who = M.reserved_fds[fd]
  if who then error(errors.RuntimeError("file descriptor " .. fd .. " is in use by " .. who), 3) end
  local rec = watched[fd]
  if not rec then
    rec = { watch = core.fd_watch(fd) }
    watched[fd] = rec
    by_watch[rec.watch] = rec
  end
  local old = rec[side]
  rec[side] = h
  update(fd, rec)
  if old then old:cancel() end
end

local function remove_watcher(self, side, fname, ...)
  check_loop(self, fname)
  local fd = fd_of(fname, ..., select("#", ...) > 0)
  local rec = watched[fd]
  local h = rec and rec[side]
  if not h then return false end
  rec[side] = nil
  h:cancel()
  update(fd, rec)
  return true
end

function Loop:getaddrinfo(...)
  check_loop(self, "getaddrinfo")
  return require("luasync.streams").loop_getaddrinfo(self, ...)
end

function Loop:add_reader(...) add_watcher(self, "reader", "add_reader", ...) end
function Loop:add_writer(...) add_watcher(self, "writer", "add_writer", ...) end
function Loop:remove_reader(...) return remove_watcher(self, "reader", "remove_reader", ...) end
function Loop:remove_writer(...) return remove_watcher(self, "writer", "remove_writer", ...) end

---------------------------------------------------------------------------
-- Signal handlers (io/signals.cpp): one handler per signal; it runs as a
-- callback of the loop when the signal arrives, as CPython's.

local signal_handlers = {} -- signum -> Handle

local function signum_of(fname, sig, present)
  -- (signal_number takes a name or a number: anything else is this call's
  -- bad argument, not the binding's)
  local ty = type(sig)
  local n = (ty == "string" or ty == "number") and core.signal_number(sig) or nil
  if n == nil then
    if type(sig) == "string" then error(errors.ValueError("unknown signal name: " .. sig), 3) end
    errors.bad_argument(1, fname, "signal number or name", sig, present)
  end
  -- (CPython 3.13's test and text: not in signal.valid_signals())
  if not core.signal_valid(n) then error(errors.ValueError(format("invalid signal number %d", n)), 3) end
  return n
end

-- add_signal_handler(sig, fn, ...): sig a number or a name ("SIGTERM", "TERM").
function Loop:add_signal_handler(...)
  check_loop(self, "add_signal_handler")
  local nargs, sig = select("#", ...), ...
  local n = signum_of("add_signal_handler", sig, nargs > 0)
  local h = new_handle("add_signal_handler", 2, nargs > 1, select(2, ...))
  if task.is_coroutine_function(h._fn) then
    error(errors.TypeError("coroutines cannot be used with add_signal_handler()"), 2)
  end
  if n == 9 or n == 19 then error(errors.RuntimeError(format("sig %d cannot be caught", n)), 2) end
  core.signal_watch(n)
  -- (The handler replaced is not cancelled, as CPython's: a signal already
  -- read still runs it, signal_event having scheduled it; the next runs h.)
  signal_handlers[n] = h
end

-- remove_signal_handler(sig) -> true if a handler was registered
function Loop:remove_signal_handler(...)
  check_loop(self, "remove_signal_handler")
  local n = signum_of("remove_signal_handler", (...), select("#", ...) > 0)
  local h = signal_handlers[n]
  if not h then return false end
  -- Not cancelled, as CPython's: a signal already read still runs it
  -- (signal_event scheduled it), and a handler that removed itself is shown
  -- as it ran in a report of it ("<Handle on_sig() ...>").
  signal_handlers[n] = nil
  core.signal_unwatch(n)
  return true
end

-- A signal the loop read (io/signals.cpp enqueues this once per signal):
-- as CPython's _handle_signal, the handler registered now is scheduled, a
-- callback of the next turn, after what this turn's callbacks schedule.
-- Removing or replacing it meanwhile does not stop that run: the ready
-- queue holds the handle until it ran, then nothing does (a removed
-- handler's callback and arguments are let go). The end of an asyncio.run
-- drops it (close_after_run), and debug mode's slow-callback report names
-- it by its handle (the entry's argument).
local function run_event_handle(h)
  if h._source_traceback then run_handle_debug(h) else run_handle(h) end
end

-- Signal handles scheduled and not yet run: how many times each (the same
-- handle twice when its signal was read twice before it ran).
local signal_scheduled = {}

local function run_signal_handle(h)
  local n = signal_scheduled[h]
  if n then signal_scheduled[h] = n > 1 and n - 1 or nil end
  run_event_handle(h)
end

local function signal_event(signum)
  local h = signal_handlers[signum]
  if not h then return end
  signal_scheduled[h] = (signal_scheduled[h] or 0) + 1
  sched.call_soon(run_signal_handle, h)
end
core.provide("signal_event", signal_event)

-- In debug mode a descriptor's reader and writer are timed each, as
-- CPython's loop times each handle it runs (the two are two entries of its
-- ready queue there): a slow one is reported at once, with its own time,
-- as the handle stands then (a reader the writer removes later in the turn
-- is not shown cancelled). A cancelled handle does not run, nor is timed.
local function run_event_handle_timed(h)
  if h._cancelled then return end
  -- Timed as the kernel times a step (ready_queue.cpp's after_entry): on the
  -- loop's clock, or on the work clock when that says it was not slow.
  local t0, w0 = sched.now(), core.work_now()
  run_event_handle(h)
  local took = sched.now() - t0
  if took < slow_callback_duration then took = core.work_now() - w0 end
  if took >= slow_callback_duration then require("luasync.debug").slow_handle(h, took, w0) end
end

-- As the selector loop's _process_events: the reader then the writer, each
-- unless removed meanwhile (a cancelled handle does not run).
-- STOPPED: after an error on the descriptor, libuv could not watch it again
-- (io/fd_watch.cpp): its handlers run this once (their own read or write
-- finds the error), then the watch is dropped, and the loop's exception
-- handler is told why, with the OSError of libuv's error.
local STOPPED = 16
local function fd_ready(watch, events)
  local rec = by_watch[watch]
  if not rec then return end
  local r, w = rec.reader, rec.writer
  local run = loop._debug and run_event_handle_timed or run_event_handle
  if r and events & READABLE ~= 0 then run(r) end
  if w and events & WRITABLE ~= 0 then run(w) end
  if events & STOPPED ~= 0 and by_watch[watch] == rec then
    local errno, code = core.fd_watch_error(watch)
    local fd
    for f, x in pairs(watched) do
      if x == rec then fd = f end
    end
    if rec.reader then rec.reader:cancel() end
    if rec.writer then rec.writer:cancel() end
    rec.reader, rec.writer = nil, nil
    pcall(update, fd, rec)
    local e = errors.OSError(errno or 0, errno and require("luasync.errno").strerror(errno) or "cannot watch")
    report.call_exception_handler({
      message = format("File descriptor %s is no longer watched: libuv cannot poll it (%s)", tostring(fd),
        tostring(code)),
      exception = e,
    })
  end
end
core.provide("fd_ready", fd_ready)

-- For debug.lua's slow-callback report of a ready entry that ran `what`:
-- true when it was a descriptor's, whose handles fd_ready timed and
-- reported each.
function M.is_fd_entry(what) return what == fd_ready end

-- The end of the module's asyncio.run (asyncio.lua: run_from_main), where
-- CPython's run closes its loop: callbacks not yet run, signal handlers and
-- descriptor watches of that run are dropped, so none reaches the next run
-- (nor keeps a signal from lua5.4 between runs).
function M.close_after_run()
  for h in pairs(scheduled) do h:cancel() end
  for h in pairs(signal_scheduled) do
    signal_scheduled[h] = nil
    h:cancel()
  end
  for n in pairs(signal_handlers) do loop:remove_signal_handler(n) end
  for fd, rec in pairs(watched) do
    if rec.reader then loop:remove_reader(fd) end
    if rec.writer then loop:remove_writer(fd) end
  end
end

M.Handle = Handle
M.errors = errors
task.mark_async(Loop, "getaddrinfo", "shutdown_default_executor")  -- (asyncio.iscoroutinefunction)
return M
