-- Debug mode (loop:set_debug(true), asyncio.run(aw, {debug = true}),
-- `luasync --debug`, LUASYNC_DEBUG=1): what CPython's debug mode reports,
-- and a little more for a class.
-- - Slow steps: a ready entry (a task's step, a callback) that runs at least
--   loop.slow_callback_duration on the loop's clock is reported as CPython
--   does: "Executing <Task pending name='Task-2' coro=<...> created at
--   x.lua:12> took 3.003 seconds" (kernel/ready_queue.cpp times them; a
--   descriptor's entry runs its reader and writer, which loop.lua's
--   fd_ready times each, as CPython's two handles).
-- - When the step spent that time in a blocking call luasync knows
--   (time.sleep, io.read, os.execute, io.popen, io.open, io.lines, reading a
--   file), a second line names it and says what to use instead (in a
--   callback, which cannot await: in a task).
-- - Tasks record where they were created (their repr shows it).
-- Nothing of this runs when debug mode is off: the kernel reads one flag per
-- batch of ready entries, and the wrappers below are installed only while
-- debug mode is on.
local core = require "luasync.core"
local task = require "luasync.task"
local report = require "luasync.report"
local sched = require "luasync.scheduler"
local loaded = require("luasync.std").modules  -- the libraries as the state opened them

local select, tostring, type, getmetatable, format, ipairs = select, tostring, type, getmetatable,
  string.format, ipairs
-- Blocking calls are timed as the kernel times a slow step: on the loop's
-- clock, or when that says less than matters, on the work clock
-- (core.work_now: under the virtual clock os.execute("sleep 1") takes no
-- virtual time and blocks the loop for a second all the same). A call's
-- `started` is on the work clock, as the step's start the kernel reports.
local now, work_now = sched.now, core.work_now
local function took_since(t0, w0)
  local took = now() - t0
  if took < 0.01 then took = work_now() - w0 end
  return took
end
local iotype = loaded.io.type

local M = {}

---------------------------------------------------------------------------
-- Blocking calls

-- The known blocking functions: library, name, how the call is shown, and
-- what to use instead (given the shown arguments). Reading a file (one of
-- io.popen's included) is watched through file:read, and through the
-- iterators of io.lines and file:lines; opening one (a FIFO waits for its
-- writer) through io.open and io.lines. io.read is watched below with them:
-- it reads io.input(), stdin or a file.
local STDIN_ADVICE = "use asyncio.stdin() (await(reader:readline())) or asyncio.to_thread"
local FILE_ADVICE = "use asyncio.open and await(f:read())"
local KNOWN = {
  { "time", "sleep", "time.sleep", function(args) return "use await(asyncio.sleep(" .. args .. ")) or asyncio.to_thread" end },
  { "os", "execute", "os.execute",
    function() return "use asyncio.create_subprocess_shell and await(p:wait())" end },
  { "io", "open", "io.open", function(args) return "use await(asyncio.open(" .. args .. "))" end },
}
-- (io.popen returns at once: the wait is in reading its file, below.)
local function popen_advice() return "use asyncio.create_subprocess_shell with stdout = asyncio.subprocess.PIPE" end

local originals = {}  -- while on: { lib table, key, original function }
-- The last blocking calls long enough to matter, oldest first:
-- {text=, seconds=, started=, task=, where=}. A slow step names the first
-- kShownCalls of its own and counts the rest. A step that is not slow takes
-- none, so the list is bounded: when it holds kKeptCalls, the older half
-- goes (calls of steps long over: a step that made more than that many
-- calls of 10 ms or more is counted from those left).
local calls = {}
local kKeptCalls, kShownCalls = 200, 5

local function show_args(...)
  local parts = {}
  for i = 1, select("#", ...) do
    local v = select(i, ...)
    if iotype(v) then
      if i > 1 then parts[#parts + 1] = "file" end  -- file:read's own file is not shown
    else
      parts[#parts + 1] = type(v) == "string" and format("%q", v) or report.safe_tostring(v)  -- (never raises: a blocking call's report)
    end
  end
  return table.concat(parts, ", ")
end

-- wrap(shown, advice, original): original, timed; shown and advice are
-- strings, or functions of the shown arguments (and the call's first
-- argument) that answer them.
local function wrap(shown, advice, original)
  local function finish(t0, w0, args, first, ...)
    local took = took_since(t0, w0)
    if took >= 0.01 then
      if #calls >= kKeptCalls then calls = table.move(calls, kKeptCalls // 2 + 1, #calls, 1, {}) end
      local name = type(shown) == "function" and shown(first) or shown
      calls[#calls + 1] = {
        text = name .. "(" .. args .. ")",
        advice = type(advice) == "function" and advice(args, first) or advice, seconds = took, started = w0,
        task = task.current_task(), where = report.user_where(),
      }
    end
    return ...
  end
  local wrapper = function(...)
    return finish(now(), work_now(), show_args(...), (...), original(...))
  end
  return wrapper
end

-- The iterator `it` (of io.lines or file:lines), each of its reads timed as
-- wrap times a call, shown as `shown` (with args) with `advice`.
local function timed_iterator(it, shown, args, advice)
  local function finish(t0, w0, ...)
    local took = took_since(t0, w0)
    if took >= 0.01 then
      if #calls >= kKeptCalls then calls = table.move(calls, kKeptCalls // 2 + 1, #calls, 1, {}) end
      calls[#calls + 1] = {
        text = shown .. "(" .. args .. ")", advice = advice, seconds = took, started = w0,
        task = task.current_task(), where = report.user_where(),
      }
    end
    return ...
  end
  return function(...) return finish(now(), work_now(), it(...)) end
end
-- The values of a call that returned an iterator first, the iterator timed
-- (io.lines returns the file too, for the generic for to close).
local function timed_first(shown, args, advice, it, ...)
  return timed_iterator(it, shown, args, advice), ...
end

-- Files that io.popen opened: reading one waits for the command.
local popened = setmetatable({}, { __mode = "k" })

local function install()
  if #originals > 0 then return end
  for _, k in ipairs(KNOWN) do
    local lib = loaded[k[1]]
    local fn = lib and rawget(lib, k[2])
    if type(fn) == "function" then
      originals[#originals + 1] = { lib, k[2], fn }
      lib[k[2]] = wrap(k[3], k[4], fn)
    end
  end
  -- io.read reads io.input(): stdin, or a file io.input(name) opened.
  local iolib = loaded.io
  local stdin = iolib.stdin
  local function from_stdin(f) return rawequal(f, stdin) end
  local io_read = rawget(iolib, "read")
  if type(io_read) == "function" then
    originals[#originals + 1] = { iolib, "read", io_read }
    iolib.read = wrap("io.read", function() return from_stdin(iolib.input()) and STDIN_ADVICE or FILE_ADVICE end,
      io_read)
  end
  -- io.popen's file, and any file read on the loop thread: file:read.
  local popen = iolib.popen
  originals[#originals + 1] = { iolib, "popen", popen }
  iolib.popen = function(...)
    local f, e, c = popen(...)
    if f then popened[f] = true end
    return f, e, c
  end
  local function file_advice(f)
    if popened[f] then return popen_advice() end
    return from_stdin(f) and STDIN_ADVICE or FILE_ADVICE
  end
  local methods = getmetatable(iolib.stdout).__index
  local read = rawget(methods, "read")
  if type(read) == "function" then
    originals[#originals + 1] = { methods, "read", read }
    methods.read = wrap(function(f)
      return popened[f] and "io.popen(...):read" or from_stdin(f) and "io.stdin:read" or "file:read"
    end, function(_, f) return file_advice(f) end, read)
  end
  -- Lines: opening the file (io.lines(name)) and each line read.
  local lines = rawget(methods, "lines")
  if type(lines) == "function" then
    originals[#originals + 1] = { methods, "lines", lines }
    methods.lines = function(f, ...)
      local shown = popened[f] and "io.popen(...):lines" or from_stdin(f) and "io.stdin:lines" or "file:lines"
      return timed_first(shown, show_args(f, ...), file_advice(f), lines(f, ...))
    end
  end
  local io_lines = rawget(iolib, "lines")
  if type(io_lines) == "function" then
    originals[#originals + 1] = { iolib, "lines", io_lines }
    local open_lines = wrap("io.lines", function(args)
      return "use asyncio.open (local f = await(asyncio.open(" .. args .. "))) and for line in f:lines()"
    end, io_lines)
    iolib.lines = function(name, ...)
      local args = show_args(name, ...)
      if name == nil then
        return timed_first("io.lines", "", from_stdin(iolib.input()) and STDIN_ADVICE or FILE_ADVICE, io_lines())
      end
      return timed_first("io.lines", args,
        "use asyncio.open (local f = await(asyncio.open(" .. show_args(name) .. "))) and for line in f:lines()",
        open_lines(name, ...))
    end
  end
end

local function uninstall()
  for i = #originals, 1, -1 do
    local o = originals[i]
    o[1][o[2]] = o[3]
    originals[i] = nil
  end
  calls = {}
end

---------------------------------------------------------------------------
-- Slow steps

local Task = task.Task
local future = require "luasync.future"
local run_callback = future.run_callback
local future_views = require("luasync.std").lazy_module("luasync.future_views")

-- What a ready entry ran, as CPython names it: a task (its step, or the
-- entry that woke it), or a callback; nil when the entry is not reported.
local function describe(what, a, b)
  if getmetatable(what) == Task then return tostring(what), what end
  if getmetatable(a) == Task then return tostring(a), a end
  if type(a) == "table" and getmetatable(a) and getmetatable(a).__name == "Handle" then return tostring(a), nil end
  -- A future's done callback: the runtime's run_callback(cb, fut) runs it.
  if what == run_callback then return future_views.callback_handle_repr(a, b), nil end
  -- A descriptor's entry: nil, loop.lua's fd_ready reported each of its
  -- handles itself. (A signal handler is an entry of its own handle.)
  if require("luasync.loop").is_fd_entry(what) then return nil end
  return "<Handle " .. report.callback_source(what) .. ">", nil
end

-- The report of a slow step shown as `text` (of task t, or a callback's:
-- nil) that began at t0.
local function report_slow(text, t, seconds, t0)
  local lines = { format("Executing %s took %.3f seconds", text, seconds) }
  -- Each blocking call of this step, in the order they ran (three
  -- time.sleep in a row: three lines), at most kShownCalls.
  local mine = {}
  -- (By when they began: one that ended as this step began, on the virtual
  -- clock, was the step before's.)
  for _, b in ipairs(calls) do
    if b.started >= t0 and b.task == t then mine[#mine + 1] = b end
  end
  calls = {}
  local who = t and (" in task '" .. t:get_name() .. "'") or ""
  for i = 1, math.min(#mine, kShownCalls) do
    local b = mine[i]
    -- A callback cannot await: the advice that fits a task, in a task.
    local advice = t and b.advice or "a callback cannot await: do this in a task (asyncio.create_task) and there " ..
      b.advice
    lines[#lines + 1] = format("%s blocked the event loop for " .. (b.seconds < 1 and "%.2f" or "%.1f") .. " s%s%s; %s",
      b.text, b.seconds, who, b.where and (" at " .. b.where) or "", advice)
  end
  if #mine > kShownCalls then lines[#lines + 1] = format("... and %d more blocking calls", #mine - kShownCalls) end
  report.stderr(table.concat(lines, "\n"))
end

core.provide("slow_step", function(what, a, seconds, t0, b)
  local text, t = describe(what, a, b)
  if text then report_slow(text, t, seconds, t0) end
end)

-- A reader or writer of loop:add_reader/add_writer that ran `seconds` from
-- t0: fd_ready times each in debug mode, as CPython's loop times each
-- handle (a descriptor's entry runs both when both are ready).
function M.slow_handle(h, seconds, t0) report_slow(tostring(h), nil, seconds, t0) end

---------------------------------------------------------------------------

-- Turns debug mode on or off (loop:set_debug).
function M.set(on)
  core.set_debug(on)
  task.set_debug(on)
  if on then install() else uninstall() end
end

return M
