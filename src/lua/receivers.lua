-- The value a failed method call was made on, for the hints (luasync.
-- python_library): Lua's message names the method (`attempt to call a nil
-- value (field 'insert')`, `bad argument #1 to 'upper' (string expected,
-- got no value)`) but not the object, and a hint read from the line's text
-- alone cannot tell `lst.insert(5, 3)` on a list of two from one of ten, nor
-- a string `s.upper()` from a module's `M.upper()` of a local M. When a
-- task's error leaves its body (task.lua's message handler, while the
-- frames are still there), note(msg) looks the object up by the name the
-- line gives it: the frame's locals, its function's upvalues, then the
-- REPL's locals or the globals (rawget: no metamethod of the user's runs).
-- of(msg) answers what was noted for that same message, later, when the
-- report is written. One slot: the last error noted.
local find, match, sub, gmatch = string.find, string.match, string.sub, string.gmatch
local type, rawget, rawlen, tonumber, setmetatable = type, rawget, rawlen, tonumber, setmetatable
local getinfo, getlocal, getupvalue, getmetatable = debug.getinfo, debug.getlocal, debug.getupvalue, debug.getmetatable

local M = {}

-- Lines longer than this are data, not code (the hints' MAX_LINE).
local MAX_LINE = 2000

local last  -- { message =, path =, kind =, length =, value = } of the last error noted
local WEAK_VALUES = { __mode = "v" }

-- What v is, for a hint: "string", "table" (one without a class name),
-- the class of luasync's objects ("Queue", "Task": the metatable's
-- __name), else Lua's type.
local function kind_of(v)
  local t = type(v)
  if t == "table" or t == "userdata" then
    local mt = getmetatable(v)
    local name = type(mt) == "table" and rawget(mt, "__name")
    if type(name) == "string" then return name end
  end
  return t
end

-- The value of `name` as the frame at `level` (of note's caller's caller)
-- sees it: found, value.
local function in_frame(level, name)
  local found, value = false, nil
  for i = 1, 250 do
    local n, v = getlocal(level + 1, i)
    if n == nil then break end
    if n == name then found, value = true, v end  -- the last one active shadows the others
  end
  if found then return true, value end
  local fn = getinfo(level + 1, "f").func
  for i = 1, 255 do
    local n, v = getupvalue(fn, i)
    if n == nil then break end
    if n == name then return true, v end
  end
  local scope = require("luasync.suggestions").lookup(name)
  if scope ~= nil then return true, scope end
  return false
end

-- The receiver's path of names in `text` for the method `name` called
-- with `sep` ("." or ":"), or nil: none for what an expression gave
-- (get().lst.insert: not a variable lst).
local function receiver_in(text, name, sep)
  local at, path = match(text, "()([%a_][%w_%.]*)%" .. sep .. name .. "%s*[(\"'{]")
  if not at or find(sub(text, at - 1, at - 1), "[%.:%)%]]") then return nil end
  return path
end

-- (Called from a message handler, under pcall: it may fail, never raise
-- past it.) Levels above: pcall, the handler, then the frame that raised
-- (for a C function's error, the C function, then its caller).
function M.note(msg)
  last = nil
  if type(msg) ~= "string" then return end
  local sep, name = match(msg, "attempt to call a nil value %((%a+) '([%w_]+)'%)$")
  if sep == "method" then
    sep = ":"
  elseif sep == "field" then
    sep = "."
  else
    name = match(msg, "bad argument #1 to '([%w_]+)' %([^()]*got no value%)$")
    if not name then return end
    sep = "."
  end
  local src, line = match(msg, "^(.-):(%d+): ")
  if not src then return end
  line = tonumber(line)
  for level = 2, 12 do
    local info = getinfo(level, "Sl")
    if not info then return end
    if info.what ~= "C" and info.currentline == line and info.short_src == src then
      local lines = require("luasync.report").source_lines(info.source)
      local text = lines and lines[line]
      if not text or #text > MAX_LINE then return end
      local path = receiver_in(text, name, sep)
      if not path then return end
      local root = match(path, "^[^.]+")
      local found, v = in_frame(level, root)
      if not found then return end
      for part in gmatch(path, "%.([^.]+)") do
        if type(v) ~= "table" then return end
        v = rawget(v, part)
      end
      if v == nil then return end  -- (a field its class gives, seen through no metamethod: unknown)
      local kind = kind_of(v)
      -- (The value weakly: the slot must not keep a program's table alive.
      -- Its metatable too: a class outlives its objects where it matters,
      -- a finished task's frames gone and the task collected before the
      -- report is written.)
      local class = (type(v) == "table" or type(v) == "userdata") and getmetatable(v) or nil
      last = setmetatable({ message = msg, path = path, kind = kind, length = kind == "table" and rawlen(v) or nil,
        value = v, class = type(class) == "table" and class or nil }, WEAK_VALUES)
      return
    end
  end
end

-- What note saw for `msg`: { path =, kind =, length = (a table's #),
-- value = (nil once collected), class = (its metatable, nil once
-- collected) }, or nil.
function M.of(msg)
  if last and last.message == msg then return last end
  return nil
end

return M
