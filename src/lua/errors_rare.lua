-- errors.lua's functions that a start never calls and most programs never
-- do: the refusals of a misuse ("bad argument #n to 'f' (...)"), the
-- constructors that check their arguments (the groups, LimitOverrunError,
-- IncompleteReadError), Class:subclass and an error's repr. Loaded at the
-- first lookup of a name errors.lua lacks, which then holds all of these
-- (bench W6: a start pays for every string and function it loads). The
-- classes' fields that lead here are errors.lua's stand-ins, a frame
-- between them and the user's code: the errors raised here are error
-- objects (no position) or find the user's frame themselves (user_level).
-- Loaded once errors.lua has run: this reads only the fields errors.lua
-- made.
local errors = require "luasync.errors"
local std = require "luasync.std"
local getmetatable = std.class_of
local type, error, setmetatable, rawget, rawlen, tostring, next, select =
  type, error, setmetatable, rawget, rawlen, tostring, next, select
local format, concat = string.format, table.concat
local byte, find, gsub, sub = string.byte, string.find, string.gsub, string.sub
local math_type, tointeger = math.type, math.tointeger
local new = errors.BaseException.__new  -- errors.lua's: an instance with its message
local descends, text_of, nests_base = errors.descends, errors.text_of, errors.nests_base
local Exception, OSError = errors.Exception, errors.OSError
local BaseExceptionGroup, ExceptionGroup = errors.BaseExceptionGroup, errors.ExceptionGroup

local M = {}

-- Python's repr of a string: in single quotes, or double ones when it holds
-- a ' and no "; a backslash, the quote, \n \r \t and the other control
-- bytes escaped as Python escapes them (\x00, \x7f). Bytes beyond ASCII are
-- left as they are (UTF-8 text shows as Python shows a str).
local REPR_ESCAPES = { ["\\"] = "\\\\", ["\n"] = "\\n", ["\r"] = "\\r", ["\t"] = "\\t" }
function M.repr_string(str)
  local q = (find(str, "'", 1, true) and not find(str, '"', 1, true)) and '"' or "'"
  return q .. gsub(str, "[%c\\" .. q .. "]", function(c)
    if c == q then return "\\" .. q end
    return REPR_ESCAPES[c] or format("\\x%02x", byte(c))
  end) .. q
end

-- Class:subclass("Name") defines a user error class beneath this one.
function M.subclass(cls, name)
  if not errors.is_class(cls) then M.self_error("subclass", "error class", "Class") end
  if type(name) ~= "string" then M.bad_argument(1, "subclass", "string", name, true) end
  local sub = setmetatable({ __name = name, __parent = cls }, getmetatable(cls))
  sub.__index = sub
  sub.__tostring = cls.__tostring  -- a group's subclass prints as a group
  sub.__new = cls.__new
  return sub
end

-- Raises "bad argument #n to 'fname' (value expected)" unless the call's
-- arguments ... reach #n: a constructor whose arguments Python requires
-- ("IncompleteReadError.__init__() missing 1 required positional
-- argument: 'expected'"), nil standing for None.
local function required_arguments(n, fname, ...)
  local given = select("#", ...)
  if given < n then M.arg_error(given + 1, fname, "value expected") end
end

-- LimitOverrunError(message, consumed): .consumed, how many bytes a reader
-- may skip (StreamReader.readuntil).
function M.new_limit_overrun(cls, ...)
  required_arguments(2, "LimitOverrunError", ...)
  errors.no_more_arguments(3, "LimitOverrunError", ...)
  local message, consumed = ...
  local e = new(cls, message)
  e.consumed = consumed
  return e
end

-- IncompleteReadError(partial, expected): the stream ended after .partial
-- (the bytes read) of .expected (nil: undefined), with Python's message.
function M.new_incomplete_read(cls, ...)
  required_arguments(2, "IncompleteReadError", ...)
  errors.no_more_arguments(3, "IncompleteReadError", ...)
  local partial, expected = ...
  local e = new(cls, format("%d bytes read on a total of %s expected bytes", #tostring(partial),
    expected == nil and "undefined" or tostring(expected)))
  e.partial, e.expected = partial, expected
  return e
end

-- BaseExceptionGroup(message, exceptions) and ExceptionGroup (errors.lua):
-- the arguments are checked as CPython's BaseExceptionGroup.__new__ checks
-- them, with its texts (but for the items, which may be any error value);
-- as there, BaseExceptionGroup itself given Exceptions only makes an
-- ExceptionGroup, and a class that is an Exception refuses the others.
function M.new_group(cls, ...)
  local message, exceptions = ...
  local n = select("#", ...)
  if n ~= 2 then
    error(errors.TypeError(format("BaseExceptionGroup.__new__() takes exactly 2 arguments (%d given)", n)), 2)
  end
  if type(message) ~= "string" then
    error(errors.TypeError("BaseExceptionGroup.__new__() argument 1 must be str, not " .. type(message)), 2)
  end
  if type(exceptions) ~= "table" or errors.is_instance(exceptions) then
    error(errors.TypeError("second argument (exceptions) must be a sequence"), 2)
  end
  if #exceptions == 0 then error(errors.ValueError("second argument (exceptions) must be a non-empty sequence"), 2) end
  local nested = nests_base(exceptions)
  if cls == BaseExceptionGroup then
    if not nested then cls = ExceptionGroup end
  elseif nested and descends(cls, Exception) then
    error(errors.TypeError(cls == ExceptionGroup and "Cannot nest BaseExceptions in an ExceptionGroup" or
      format("Cannot nest BaseExceptions in '%s'", cls.__name)), 2)
  end
  return setmetatable({ message = message, exceptions = exceptions }, cls)
end

-- The level, for error() in the function that calls user_level, of the
-- user's line that called into the runtime: the first frame from that
-- function's caller up that is not the runtime's -- neither its own Lua code
-- (chunks "=luasync:...") nor one of its bindings (C closures whose first
-- upvalue is the kernel's K, as lua/errors.cpp's arg_error tells them) --,
-- however many of the runtime's frames lie between. 0 (no position) when
-- that frame is another C function (pcall(q.get, 5), as Lua's own argument
-- errors have none there), or there is none (a task body calling the
-- function: create_task(asyncio.sleep)).
local getinfo, getupvalue = debug.getinfo, debug.getupvalue
local function user_level()
  local core = std.modules["luasync.core"]
  local K = type(core) == "table" and core.K or nil
  local level = 3  -- the caller of the function that calls user_level
  while true do
    local info = getinfo(level, "Sf")
    if not info then return 0 end
    if info.what == "C" then
      local _, first = getupvalue(info.func, 1)
      if K == nil or first ~= K then return 0 end
    elseif sub(info.source, 1, 9) ~= "=luasync:" then
      return level - 1
    end
    level = level + 1
  end
end

-- Raises Lua's "bad argument #n to 'fname' (extramsg)", as luaL_argerror,
-- at the user's line that called into the runtime (user_level). Every "bad
-- argument" text of the runtime is made here (or by its C++ twin,
-- lua/errors.cpp).
function M.arg_error(n, fname, extramsg)
  error(format("bad argument #%d to '%s' (%s)", n, fname, extramsg), user_level())
end

-- Raises "bad argument #1 to 'fname' (<what> expected; call it as
-- <var>:fname(...))": the error of every method whose self is not its
-- class's object, a method called with Python's dot (q.get(), h.cancel())
-- or on another object, so that each class says the same. var is the name
-- help's signatures give the object (q, t, lock...). Its C++ twin is
-- lua/errors.cpp's self_error.
function M.self_error(fname, what, var)
  M.arg_error(1, fname, what .. " expected; call it as " .. var .. ":" .. fname .. "(...)")
end

-- self_error unless self's metatable is cls. Methods that already check
-- their own arguments call self_error from their own local check.
function M.check_self(self, cls, fname, what, var)
  if getmetatable(self) ~= cls then M.self_error(fname, what, var) end
end

-- Raises "bad argument #n to 'fname' (expected expected, got T)".
-- present: whether the argument was passed at all ("no value" when not).
function M.bad_argument(n, fname, expected, v, present)
  local got = present and type(v) or "no value"
  M.arg_error(n, fname, expected .. " expected, got " .. got)
end

-- The integer argument #n of fname, as luaL_checkinteger takes a number: a
-- float with an integer value is that integer (f:read(2^10), whose 2^10 is
-- 1024.0, as Lua's file:read and StreamReader:read take it); 1.5 raises
-- Lua's "number has no integer representation"; another type "<expected>
-- expected, got T" (expected: "integer" unless given).
function M.check_integer(n, fname, v, present, expected)
  if math_type(v) == "integer" then return v end
  local i = math_type(v) == "float" and tointeger(v)
  if i then return i end
  if math_type(v) == "float" then M.arg_error(n, fname, "number has no integer representation") end
  M.bad_argument(n, fname, expected or "integer", v, present)
end

-- Raises "bad argument #n to 'fname' (<the problem>)", as arg_error does,
-- when options_problem finds one.
function M.check_options(opts, n, fname, allowed, list_hint)
  local problem = errors.options_problem(opts, allowed, list_hint)
  if problem then M.arg_error(n, fname, problem) end
end

-- Python's repr of an error, as Task and Future reprs show it. The value
-- given when it is not a string (_arg: ValueError(42), CancelledError(5)
-- from cancel(5)) is shown by repr_arg (report.repr: {1, 2} for a plain
-- table), or tostring.
function M.repr(e, repr_arg)
  if errors.is_instance(e) then
    -- An OSError made of (errno, strerror) shows those two, as Python's
    -- repr shows its args: ConnectionResetError(104, 'Connection reset by
    -- peer') (its message, the str, is "[Errno 104] ...").
    local strerror = rawget(e, "strerror")
    if strerror ~= nil and math_type(rawget(e, "errno")) == "integer" and descends(getmetatable(e), OSError) then
      local shown = type(strerror) == "string" and M.repr_string(strerror) or (repr_arg or tostring)(strerror)
      return getmetatable(e).__name .. "(" .. e.errno .. ", " .. shown .. ")"
    end
    local msg = e.message
    if msg == nil or msg == "" then return getmetatable(e).__name .. "()" end
    local arg = rawget(e, "_arg")
    local shown = arg ~= nil and (repr_arg or tostring)(arg) or M.repr_string(tostring(msg))
    return getmetatable(e).__name .. "(" .. shown .. ")"
  end
  if type(e) == "string" then return M.repr_string(e) end
  return tostring(e)
end

return M
