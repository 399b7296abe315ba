-- Debug mode (loop:set_debug(true), asyncio.run(aw, {debug = true}),
-- `luasync --debug`, LUASYNC_DEBUG=1): what CPython's debug mode reports,
-- and a little more for a class.
-- - Slow steps: a ready entry (a task's step, a callback) that runs at least
--   loop.slow_callback_duration on the loop's clock is reported as CPython
--   does: "Executing <Task pending name='Task-2' coro=<...> created at
--   x.lua:12> took 3.003 seconds" (kernel/ready_queue.cpp times them).
-- - When the step spent that time in a blocking call luasync knows
--   (time.sleep, io.read, os.execute, io.popen), a second line names it and
--   says what to use instead.
-- - Tasks record where they were created (their repr shows it).
-- Nothing of this runs when debug mode is off: the kernel reads one flag per
-- batch of ready entries, and the wrappers below are installed only while
-- debug mode is on.
local core = require "luasync.core"
local task = require "luasync.task"
local report = require "luasync.report"
local sched = require "luasync.scheduler"

local select, tostring, type, getmetatable, format, ipairs = select, tostring, type, getmetatable,
  string.format, ipairs
local now = sched.now
local iotype = package.loaded.io.type

local M = {}

---------------------------------------------------------------------------
-- Blocking calls

-- The known blocking functions: library, name, how the call is shown, and
-- what to use instead (given the shown arguments). Reading a file (one of
-- io.popen's included) is watched through file:read.
local KNOWN = {
  { "time", "sleep", "time.sleep", function(args) return "use await(asyncio.sleep(" .. args .. ")) or asyncio.to_thread" end },
  { "io", "read", "io.read", function() return "use asyncio.stdin() (await(reader:readline())) or asyncio.to_thread" end },
  { "os", "execute", "os.execute",
    function() return "use asyncio.create_subprocess_shell and await(p:wait())" end },
}
-- (io.popen returns at once: the wait is in reading its file, below.)
local function popen_advice() return "use asyncio.create_subprocess_shell with stdout = asyncio.subprocess.PIPE" end

local originals = {}  -- while on: { lib table, key, original function }
-- The last blocking calls long enough to matter, oldest first:
-- {text=, seconds=, ended=, task=, where=}. A slow step names the first
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
      parts[#parts + 1] = type(v) == "string" and format("%q", v) or tostring(v)
    end
  end
  return table.concat(parts, ", ")
end

local function wrap(shown, advice, original)
  local function finish(t0, args, ...)
    local took = now() - t0
    if took >= 0.01 then
      if #calls >= kKeptCalls then calls = table.move(calls, kKeptCalls // 2 + 1, #calls, 1, {}) end
      calls[#calls + 1] = {
        text = shown .. "(" .. args .. ")", advice = advice(args), seconds = took, ended = now(),
        task = task.current_task(), where = report.user_where(),
      }
    end
    return ...
  end
  local wrapper = function(...)
    return finish(now(), show_args(...), original(...))
  end
  return wrapper
end

-- Files that io.popen opened: reading one waits for the command.
local popened = setmetatable({}, { __mode = "k" })

local function install()
  if #originals > 0 then return end
  for _, k in ipairs(KNOWN) do
    local lib = package.loaded[k[1]]
    local fn = lib and rawget(lib, k[2])
    if type(fn) == "function" then
      originals[#originals + 1] = { lib, k[2], fn }
      lib[k[2]] = wrap(k[3], k[4], fn)
    end
  end
  -- io.popen's file, and any file read on the loop thread: file:read.
  local iolib = package.loaded.io
  local popen = iolib.popen
  originals[#originals + 1] = { iolib, "popen", popen }
  iolib.popen = function(...)
    local f, e, c = popen(...)
    if f then popened[f] = true end
    return f, e, c
  end
  local methods = getmetatable(iolib.stdout).__index
  local read = rawget(methods, "read")
  if type(read) == "function" then
    originals[#originals + 1] = { methods, "read", read }
    local from_pipe = wrap("io.popen(...):read", popen_advice, read)
    local from_file = wrap("file:read", function() return "use asyncio.open and await(f:read())" end, read)
    methods.read = function(f, ...)
      if popened[f] then return from_pipe(f, ...) end
      return from_file(f, ...)
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

-- What a ready entry ran, as CPython names it: a task (its step, or the
-- entry that woke it), or a callback.
local function describe(what, a, b)
  if getmetatable(what) == Task then return tostring(what), what end
  if getmetatable(a) == Task then return tostring(a), a end
  if type(a) == "table" and getmetatable(a) and getmetatable(a).__name == "Handle" then return tostring(a), nil end
  -- A future's done callback: the runtime's run_callback(cb, fut) runs it.
  if what == run_callback then return future.callback_handle_repr(a, b), nil end
  return "<Handle " .. report.callback_source(what) .. ">", nil
end

core.provide("slow_step", function(what, a, seconds, t0, b)
  local text, t = describe(what, a, b)
  local lines = { format("Executing %s took %.3f seconds", text, seconds) }
  -- Each blocking call of this step, in the order they ran (three
  -- time.sleep in a row: three lines), at most kShownCalls.
  local mine = {}
  for _, b in ipairs(calls) do
    if b.ended >= t0 and b.task == t then mine[#mine + 1] = b end
  end
  calls = {}
  local who = t and (" in task '" .. t:get_name() .. "'") or ""
  for i = 1, math.min(#mine, kShownCalls) do
    local b = mine[i]
    lines[#lines + 1] = format("%s blocked the event loop for " .. (b.seconds < 1 and "%.2f" or "%.1f") .. " s%s%s; %s",
      b.text, b.seconds, who, b.where and (" at " .. b.where) or "", b.advice)
  end
  if #mine > kShownCalls then lines[#lines + 1] = format("... and %d more blocking calls", #mine - kShownCalls) end
  report.stderr(table.concat(lines, "\n"))
end)

---------------------------------------------------------------------------

-- Turns debug mode on or off (loop:set_debug).
function M.set(on)
  core.set_debug(on)
  task.set_debug(on)
  if on then install() else uninstall() end
end

return M
