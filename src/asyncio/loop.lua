-- The loop object of get_running_loop(): asyncio's AbstractEventLoop methods
-- that make sense here, on the one scheduler of this Lua state.
local errors = require "luasync.errors"
local sched = require "luasync.scheduler"
local future = require "luasync.future"
local task = require "luasync.task"
local report = require "luasync.report"

local M = {}

local Loop = { __name = "EventLoop" }
Loop.__index = Loop
Loop.__tostring = function(self)
  return "<_UnixSelectorEventLoop running=true closed=false debug=" .. tostring(self._debug) .. ">"
end

local loop = setmetatable({ _debug = false, slow_callback_duration = 0.1 }, Loop)

function M.get_running_loop() return loop end
M.loop = loop

-- Handle / TimerHandle: a scheduled callback that can be cancelled.
local Handle = { __name = "Handle" }
Handle.__index = Handle
Handle.__tostring = function(h)
  local info = debug.getinfo(h._fn, "S")
  local kind = h._when and "TimerHandle" or "Handle"
  local state = h._cancelled and " cancelled" or ""
  local when = h._when and (" when=" .. string.format("%.3f", h._when)) or ""
  return "<" .. kind .. state .. when .. " " .. info.short_src .. ":" .. info.linedefined .. ">"
end

local function run_handle(h)
  if h._cancelled then return end
  h._id = nil
  local ok, captured = xpcall(h._fn, report.capture, table.unpack(h, 1, h._n))
  if not ok then report.callback_error(tostring(h), captured) end
end

function Handle:cancel()
  if self._cancelled then return end
  self._cancelled = true
  if self._id then
    sched.cancel_at(self._id, self)
    self._id = nil
  end
end
function Handle:cancelled() return self._cancelled == true end
function Handle:when() return self._when end

-- new_handle(fname, argn, fn, ...): argn is fn's position, for the error;
-- fn is absent when nothing follows the loop (or the time) in the call.
local function new_handle(fname, argn, present, fn, ...)
  if type(fn) ~= "function" and not (getmetatable(fn) or {}).__call then
    errors.bad_argument(argn, fname, "function", fn, present, 3)
  end
  return setmetatable({ _fn = fn, _n = select("#", ...), ... }, Handle)
end

local function check_loop(self, fname)
  if self ~= loop then
    errors.arg_error(1, fname, "loop expected; call it as loop:" .. fname .. "(...)", 3)
  end
end

function Loop:time()
  check_loop(self, "time")
  return sched.now()
end

function Loop:call_soon(...)
  check_loop(self, "call_soon")
  local h = new_handle("call_soon", 1, select("#", ...) > 0, ...)
  sched.call_soon(run_handle, h)
  return h
end

function Loop:call_at(...)
  check_loop(self, "call_at")
  local nargs, when = select("#", ...), ...
  if type(when) ~= "number" then errors.bad_argument(1, "call_at", "number", when, nargs > 0) end
  local h = new_handle("call_at", 2, nargs > 1, select(2, ...))
  h._when = when
  h._id = sched.call_at(when, run_handle, h)
  return h
end

function Loop:call_later(...)
  check_loop(self, "call_later")
  local nargs, delay = select("#", ...), ...
  if type(delay) ~= "number" then errors.bad_argument(1, "call_later", "number", delay, nargs > 0) end
  local h = new_handle("call_later", 2, nargs > 1, select(2, ...))
  h._when = sched.now() + delay
  h._id = sched.call_at(h._when, run_handle, h)
  return h
end

function Loop:create_future()
  check_loop(self, "create_future")
  return future.new()
end

function Loop:create_task(aw, opts)
  check_loop(self, "create_task")
  return task.create_task(aw, opts, "create_task")
end

function Loop:get_debug() return self._debug end
function Loop:set_debug(on)
  self._debug = on and true or false
  require("luasync.core").set_debug(self._debug)
end
function Loop:is_running() return true end
function Loop:is_closed() return false end

M.Handle = Handle
M.errors = errors
return M
