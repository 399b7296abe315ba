-- Tracebacks without runtime-internal frames, Python-style reprs of values,
-- and the reports printed on stderr (unretrieved errors, warnings).
local errors = require "luasync.errors"

local M = {}

local getinfo, getlocal, getupvalue = debug.getinfo, debug.getlocal, debug.getupvalue
local G, next, rawequal, type, tostring, pcall = _G, next, rawequal, type, tostring, pcall
local concat = table.concat

-- Names of async functions, recorded when they are first called, so frames
-- of coroutine bodies (called by the runtime, not by name) are named.
M.fn_names = setmetatable({}, { __mode = "k" })
-- C functions of the runtime that run user code at the bottom of a task's
-- coroutine (kernel/task_body.cpp): tracebacks leave them out as they do
-- the runtime's Lua frames.
M.runtime_fns = {}

-- Frames from `level` down the stack of `co` (or the running coroutine),
-- innermost first, as lines "\tsrc:line: in what", skipping frames of the
-- runtime itself (chunks named "=luasync:...") and C functions. A skipped
-- user frame that was tail-called is marked "(...tail calls...)", as in Lua.
local HEAD_LEVELS, TAIL_LEVELS = 12, 10

-- The deepest valid level, found by doubling then bisecting as
-- luaL_traceback does: each getinfo(level) walks the stack from the top, so
-- scanning every level of a 200,000-deep overflow would take minutes.
local function last_level(co, level)
  local function valid(l)
    if co then return getinfo(co, l, "l") ~= nil end
    return getinfo(l + 1, "l") ~= nil  -- +1: this helper's own frame
  end
  local lo, hi = level, level + 1
  while valid(hi) do lo = hi; hi = hi * 2 end
  while lo + 1 < hi do
    local mid = (lo + hi) // 2
    if valid(mid) then lo = mid else hi = mid end
  end
  return lo
end

-- At most `max` user frames when max is given. A deep stack shows its
-- HEAD_LEVELS innermost user frames and TAIL_LEVELS outermost ones, and says
-- how many user frames it skipped between them; past FULL_SCAN levels (a
-- stack overflow: each getinfo walks the stack from the top) the head and
-- the tail and the count are in levels, C frames and the runtime's counted.
local FULL_SCAN = 4000

-- The line of a user frame, or nil for a frame of the runtime or of C.
local function frame_line(info, fn_names)
  if info.what == "C" or info.source:sub(1, 9) == "=luasync:" then return nil end
  local where
  if info.what == "main" then
    where = "main chunk"
  elseif info.name and info.namewhat ~= "" and info.name ~= "?" then
    -- "?": called through an upvalue of a runtime function, whose upvalue
    -- names the build drops (cmake/bytecode.cpp).
    local kind = info.namewhat
    if kind == "global" or kind == "field" or kind == "method" then kind = "function" end
    where = kind .. " '" .. info.name .. "'"
  elseif fn_names[info.func] then
    where = "function '" .. fn_names[info.func] .. "'"
  else
    where = "function <" .. info.short_src .. ":" .. info.linedefined .. ">"
  end
  -- As lua5.4's tracebacks: no line for a frame whose chunk has none (luac -s).
  local at = (info.currentline or 0) > 0 and (info.short_src .. ":" .. info.currentline) or info.short_src
  return "\t" .. at .. ": in " .. where
end

local user_frames = require("luasync.frames").user_frames

function M.frames(co, level, max)
  if not co and not max then
    -- The usual case, in C (lua/frames.cpp): the same lines, without a
    -- getinfo table per level. Not a tail call: the C function counts levels
    -- from where getinfo would.
    local text = user_frames(level + 1, M.fn_names)
    if text then return text end
  end
  local lines = {}
  local fn_names = M.fn_names
  local hidden_tail = false
  if not co then level = level + 1 end  -- account for this function's frame
  local last = last_level(co, level)
  if last - level <= FULL_SCAN then
    -- Every user frame, each with its tail-call mark, then the cut.
    local shown = {}
    for i = level, last do
      local info
      if co then info = getinfo(co, i, "Slntf") else info = getinfo(i, "Slntf") end
      if not info then break end
      local line = frame_line(info, fn_names)
      if line then
        if max and #shown + 1 >= max then
          shown[#shown + 1] = line
          break
        end
        shown[#shown + 1] = info.istailcall and line .. "\n\t(...tail calls...)" or line
      elseif info.istailcall then
        hidden_tail = true
      end
    end
    local n = #shown
    if n > HEAD_LEVELS + TAIL_LEVELS + 5 then
      for i = 1, HEAD_LEVELS do lines[#lines + 1] = shown[i] end
      lines[#lines + 1] = "\t...\t(skipping " .. (n - HEAD_LEVELS - TAIL_LEVELS) .. " levels)"
      for i = n - TAIL_LEVELS + 1, n do lines[#lines + 1] = shown[i] end
    else
      lines = shown
    end
  else
    local i = level
    while i <= last do
      if i == level + HEAD_LEVELS and last - i > TAIL_LEVELS + 5 then
        local skip = last - TAIL_LEVELS - i
        lines[#lines + 1] = "\t...\t(skipping " .. skip .. " levels)"
        i = i + skip
      end
      local info
      if co then info = getinfo(co, i, "Slntf") else info = getinfo(i, "Slntf") end
      if not info then break end
      local line = frame_line(info, fn_names)
      if line then
        lines[#lines + 1] = line
        if max and #lines >= max then break end
        if info.istailcall then lines[#lines + 1] = "\t(...tail calls...)" end
      elseif info.istailcall then
        hidden_tail = true
      end
      i = i + 1
    end
  end
  -- A section left empty because Lua dropped its user frames for tail calls
  -- into the runtime's Lua functions.
  if #lines == 0 and hidden_tail then lines[1] = "\t(...tail calls...)" end
  return concat(lines, "\n")
end

-- The innermost frame of the user's code that called into the runtime
-- (where a TaskGroup or a timeout was made): "src:line", and that frame as
-- a traceback line (the format of frames()); nil when there is none.
local function user_level()
  local level = 3  -- the caller of user_where/user_frame
  while true do
    local info = getinfo(level, "S")
    if not info then return nil end
    if info.what ~= "C" and info.source:sub(1, 9) ~= "=luasync:" then return level - 1 end
    level = level + 1
  end
end

function M.user_where()
  local level = user_level()
  if not level then return nil end
  local info = getinfo(level, "Sl")
  return info.short_src .. ":" .. (info.currentline or "?")
end

function M.user_frame()
  local level = user_level()
  if not level then return nil end
  local line = M.frames(nil, level, 1)  -- not a tail call: the levels count this frame
  return line
end

-- The name `fn` goes by in the user's code that called into the runtime
-- (`work` in asyncio.spawn(work, 1)): a local of that frame, one of its
-- function's upvalues, or a global; nil if none holds it. Coroutine objects
-- are named by the function's name, as CPython names them by __name__.
function M.name_in_caller(fn)
  local level = 2
  while true do
    local info = getinfo(level, "Sf")
    if not info then return nil end
    if info.what ~= "C" and info.source:sub(1, 9) ~= "=luasync:" then
      for i = 1, 255 do
        local name, v = getlocal(level, i)
        if name == nil then break end
        if rawequal(v, fn) and name:sub(1, 1) ~= "(" then return name end
      end
      for i = 1, 255 do
        local name, v = getupvalue(info.func, i)
        if name == nil then break end
        if rawequal(v, fn) then return name end
      end
      for k, v in next, G do
        if rawequal(v, fn) and type(k) == "string" then return k end
      end
      return nil
    end
    level = level + 1
  end
end

-- Where a suspended or running coroutine is: "src:line" of its innermost
-- user frame, or nil.
function M.where(co)
  for i = 0, 200 do
    local info = getinfo(co, i, "Sl")
    if not info then return nil end
    if info.what ~= "C" and info.source:sub(1, 9) ~= "=luasync:" then
      return info.short_src .. ":" .. info.currentline
    end
  end
end

-- Where a callback was defined, as reprs of handles and callbacks show it:
-- "src:line" of a Lua function, "[C]" for a C function; a callable object
-- (a table or userdata with __call) by its __call, else tostring.
function M.fn_where(fn)
  if type(fn) ~= "function" then
    local mt = debug.getmetatable(fn)
    local call = mt and rawget(mt, "__call")
    if type(call) ~= "function" then return tostring(fn) end
    fn = call
  end
  local info = getinfo(fn, "S")
  if info.what == "C" then return "[C]" end
  return info.short_src .. ":" .. info.linedefined
end

-- Python's repr for the values Task and Future reprs show.
function M.repr(v)
  local t = type(v)
  if t == "string" then
    return "'" .. v:gsub("\\", "\\\\"):gsub("'", "\\'"):gsub("\n", "\\n") .. "'"
  elseif t == "nil" then
    return "nil"
  elseif errors.is_instance(v) then
    return errors.repr(v)
  end
  return tostring(v)
end

-- Message handler for xpcall: keeps the error and where it was raised.
function M.capture(e)
  return { e, M.frames(nil, 2) }
end

-- Reports an error a callback raised, as asyncio's default exception handler.
function M.callback_error(what, captured)
  if errors.stdout_gone(captured[1]) then return end
  M.stderr("Exception in callback " .. what .. "\n" .. M.format(captured[1], captured[2]))
end

-- The message line of an error value, as lua.c prints it.
function M.message(e)
  if type(e) == "string" then return e end
  if errors.is_instance(e) then return tostring(e) end
  local mt = getmetatable(e)
  if mt and mt.__tostring then
    local ok, s = pcall(tostring, e)
    if ok and type(s) == "string" then return s end
    return "(error object is a " .. type(e) .. " value whose __tostring failed)"
  end
  if e == nil then return "(error object is a nil value)" end
  return "(error object is a " .. type(e) .. " value)"
end

local CAUSE_SEPARATOR = "\n\nThe above exception was the direct cause of the following exception:\n\n"

-- A full report: the message, then the traceback sections carried by the
-- error (its own frames, then each task that awaited it). An error object
-- with a .cause is reported after its cause, as Python chains them
-- (`raise ... from cause`): a TimeoutError after the CancelledError that
-- interrupted the code.
function M.format(e, tb, depth)
  local cause = errors.is_instance(e) and rawget(e, "cause") or nil
  if cause ~= nil and (depth or 0) < 10 then
    return M.format(cause, nil, (depth or 0) + 1) .. CAUSE_SEPARATOR .. M.format(e, tb, 10)
  end
  local out = { M.message(e) }
  tb = tb or (errors.is_instance(e) and rawget(e, "traceback"))
  if tb and tb ~= "" then
    out[#out + 1] = "stack traceback:"
    out[#out + 1] = tb
  end
  -- An ExceptionGroup (from a TaskGroup) reports each sub-exception after it;
  -- .tracebacks[i] carries the traceback of one that is not an error object.
  if errors.ExceptionGroup:is(e) and type(e.exceptions) == "table" then
    local subs = e.exceptions
    for i = 1, #subs do
      out[#out + 1] = ("--- sub-exception %d of %d:"):format(i, #subs)
      out[#out + 1] = M.format(subs[i], e.tracebacks and e.tracebacks[i])
    end
  end
  return concat(out, "\n")
end

function M.stderr(s)
  io.stderr:write(s, "\n")
  io.stderr:flush()
end

return M
