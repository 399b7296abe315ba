-- A coroutine object that was never awaited: Python's RuntimeWarning when
-- it is garbage ("demo.lua:4: RuntimeWarning: coroutine 'sleep' was never
-- awaited"), and, in debug mode, where each one was made, which the warning
-- shows. Loaded at the first one (task.lua's stand-ins, which tail-call:
-- the levels coro_origin counts are those of their callers): a start pays
-- for every module it loads (bench W6).
local tasks = require "luasync.task"
local std = require("luasync.std")  -- std.stderr: looked up at each call, the unit tests replace it
local report = std.lazy_module("luasync.report")
local hints = std.lazy_module("luasync.hints")  -- a never-awaited f's f-string only
local core = require "luasync.core"

local op_where = core.op_where
local match, rawget = string.match, rawget
local coro_name = tasks.coro_name

local M = {}

-- never_awaited(name, where, line, origin): the warning, as Python's names
-- the line (where the object was made). The kernel calls it for an op
-- (line: its function and line), guard_collected for a coroutine object.
function M.never_awaited(name, where, line, origin)
  if line then where = op_where(where, line) end  -- an op: its function and line
  -- Debug mode gives an op only its origin: the line is its first frame's.
  if where == nil and origin then where = match(origin, "^\t([^\n]-:%d+):") end
  local text = (where and (where .. ": ") or "") .. "RuntimeWarning: coroutine '" .. name .. "' was never awaited"
  if origin and origin ~= "" then
    -- Debug mode: CPython's "Coroutine created at", most recent call first as
    -- Lua's tracebacks are.
    text = text .. "\nCoroutine created at (most recent call first)\n" .. origin
  end
  -- print(f"x = {x}") with an async function f: Lua called f with the string.
  if (name == "f" or name == "F") and where then
    local hint = hints.never_awaited(name, where)
    if hint then text = text .. "\n" .. hint end
  end
  std.stderr(text)
end
local never_awaited = M.never_awaited

-- The finalizer of a coroutine object's guard (task.lua's CoroGuard): the
-- object g[1] is garbage; it warns if it never started. (Its fields read
-- raw: one it lacks would load luasync.attributes to read as nil.)
function M.guard_collected(g)
  local c = g[1]
  if not rawget(c, "started") then
    never_awaited(coro_name(c), rawget(c, "where"), rawget(c, "line"), rawget(c, "origin"))
  end
end

-- Debug mode: the user's frames of the stack making a coroutine object
-- (kernel/coro.cpp), above this function and the C function that calls it.
function M.coro_origin()
  local frames = report.frames(nil, 3)  -- not a tail call: the levels count this frame
  return frames
end

return M
