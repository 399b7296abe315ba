-- Error classes with Python's names, hierarchy and formats.
-- A class is a table whose metatable is ClassMeta; calling it makes an
-- instance {message=, cause=, traceback=} whose metatable is the class.
-- Invariant: every class has __name, __parent (nil for BaseException) and
-- the instance metamethods, so instances compare by class chain only.
local std = require("luasync.std")
local getmetatable, new_table = std.class_of, std.new_table
local type, error, setmetatable, rawget, rawlen, tostring, next, select, pcall =
  type, error, setmetatable, rawget, rawlen, tostring, next, select, pcall
local format, concat = string.format, table.concat
local byte, find, gsub, sub = string.byte, string.find, string.gsub, string.sub

local M = new_table(0, 48)  -- its ~42 fields: the classes, then the functions (std.new_table)

local ClassMeta = {}
ClassMeta.__index = function(cls, key)
  local parent = rawget(cls, "__parent")
  if parent then return parent[key] end
end
ClassMeta.__tostring = function(cls) return "<class '" .. cls.__name .. "'>" end
ClassMeta.__call = function(cls, ...)
  return cls.__new(cls, ...)
end

-- The text of a value the runtime shows (an error's message, its
-- sub-exceptions' count); never raises: a __tostring of the user's that
-- raises, or gives no string, leaves the plain "table: 0x..." text, as
-- reports and reprs print errors wherever they happen.
local function text_of(v)
  if type(v) == "string" then return v end
  local ok, s = pcall(tostring, v)
  if ok and type(s) == "string" then return s end
  return format("%s: %p", type(v), v)
end

local function instance_tostring(e)
  local cls = getmetatable(e)
  local msg = e.message
  if msg == nil or msg == "" then return cls.__name end
  return cls.__name .. ": " .. text_of(msg)  -- (a .message set by hand may be any value)
end

local function new(cls, message)
  if message ~= nil and type(message) ~= "string" then
    -- (the value itself too, for the repr: ValueError(42), as Python's)
    return setmetatable({ message = tostring(message), _arg = message }, cls)
  end
  return setmetatable({ message = message }, cls)
end

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

local function define(name, parent)
  local cls = setmetatable({ __name = name, __parent = parent, __index = false, __tostring = instance_tostring,
    __new = parent and parent.__new or new }, ClassMeta)
  cls.__index = cls
  M[name] = cls
  return cls
end

-- Whether class c is cls or beneath it: up the __parent chain, and up the
-- second base (__also) of a class that has two, as Python's
-- io.UnsupportedOperation is both an OSError and a ValueError.
local function descends(c, cls)
  while type(c) == "table" and rawget(c, "__name") do
    if c == cls then return true end
    local also = rawget(c, "__also")
    if also and descends(also, cls) then return true end
    c = rawget(c, "__parent")
  end
  return false
end

-- Class:is(value): value is an instance of Class or of a subclass. Called
-- with '.' (asyncio.ValueError.is(e)), it is refused as every method is,
-- rather than answering false for whatever e is.
local function is(cls, value)
  if descends(getmetatable(value), cls) then return true end
  if getmetatable(cls) ~= ClassMeta then M.self_error("is", "error class", "Class") end
  return false
end

-- Is value an instance of any of these classes?
function M.is_instance(value)
  local mt = getmetatable(value)
  return type(mt) == "table" and getmetatable(mt) == ClassMeta
end

-- Is value an error class (asyncio.ValueError, a subclass), not an instance?
function M.is_class(value) return getmetatable(value) == ClassMeta end

-- The global error() (prelude.lua installs it): Lua's, except that a class
-- raises an instance of itself, as Python's `raise ValueError`
-- (lua/std_c.cpp). Not a field of this module: Lua's messages name a
-- function by where package.loaded has it ("bad argument #2 to 'error'").
local raise = require("luasync.std_c").error_of(ClassMeta)
function M.install_error() _G.error = raise end

-- Class:subclass("Name") defines a user error class beneath this one.
local function subclass(cls, name)
  if getmetatable(cls) ~= ClassMeta then M.self_error("subclass", "error class", "Class") end
  if type(name) ~= "string" then M.bad_argument(1, "subclass", "string", name, true) end
  local sub = setmetatable({ __name = name, __parent = cls }, ClassMeta)
  sub.__index = sub
  sub.__tostring = cls.__tostring  -- a group's subclass prints as a group
  sub.__new = cls.__new
  return sub
end

local BaseException = define("BaseException", nil)
BaseException.is = is
BaseException.subclass = subclass
local Exception = define("Exception", BaseException)
define("CancelledError", BaseException)
define("KeyboardInterrupt", BaseException)
-- What an async generator's aclose() throws at the yield where it waits
-- (agen.lua), as Python's: a BaseException, so `except Exception` lets it
-- through. Not in the module table: nothing else raises it.
define("GeneratorExit", BaseException)
-- The KeyboardInterrupt of a Ctrl-C (raised in busy code, time.sleep, a
-- read of stdin), marked as such: the runner prints it by its name alone,
-- one the program raises with where it was raised, as CPython does.
function M.ctrl_c_interrupt()
  local e = M.KeyboardInterrupt()
  rawset(e, "_ctrl_c", true)
  return e
end
local SystemExit = define("SystemExit", BaseException)
-- SystemExit(code): as Python's, its argument is also its .code, the exit
-- status (exit_status).
SystemExit.__new = function(cls, code)
  local e = new(cls, code)
  e.code = code
  return e
end
-- OSError(errno, strerror[, filename]): see the family below.
local by_code = {}  -- the system's name of an errno -> the OSError subclass Python picks
local errno_name = require("luasync.errno").name
local math_type = math.type
local OSError = define("OSError", Exception)
-- (Python's positions: winerror, unused off Windows, comes before filename2,
-- the second path of a rename, named after the first: 'a' -> 'b'.)
OSError.__new = function(cls, errno, strerror, filename, _winerror, filename2)
  if math_type(errno) ~= "integer" or strerror == nil then return new(cls, errno) end
  local code = errno_name(errno)
  if cls == OSError and code and by_code[code] then cls = by_code[code] end
  local message = format("[Errno %d] %s", errno, tostring(strerror))
  if filename ~= nil then
    message = message .. ": " .. M.repr_string(tostring(filename))
    if filename2 ~= nil then message = message .. " -> " .. M.repr_string(tostring(filename2)) end
  end
  return setmetatable({ message = message, errno = errno, strerror = strerror, filename = filename,
    filename2 = filename2, code = code }, cls)
end
-- As in Python 3.11+, asyncio's TimeoutError is the builtin one, an OSError.
define("TimeoutError", OSError)
define("InvalidStateError", Exception)
define("QueueEmpty", Exception)
define("QueueFull", Exception)
define("QueueShutDown", Exception)
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
define("LimitOverrunError", Exception).__new = function(cls, ...)
  required_arguments(2, "LimitOverrunError", ...)
  M.no_more_arguments(3, "LimitOverrunError", ...)
  local message, consumed = ...
  local e = new(cls, message)
  e.consumed = consumed
  return e
end
-- EOFError: Python's builtin, the end of input reached; asyncio's
-- IncompleteReadError is one, so `except EOFError` catches it.
local EOFError = define("EOFError", Exception)
-- IncompleteReadError(partial, expected): the stream ended after .partial
-- (the bytes read) of .expected (nil: undefined), with Python's message.
define("IncompleteReadError", EOFError).__new = function(cls, ...)
  required_arguments(2, "IncompleteReadError", ...)
  M.no_more_arguments(3, "IncompleteReadError", ...)
  local partial, expected = ...
  local e = new(cls, format("%d bytes read on a total of %s expected bytes", #tostring(partial),
    expected == nil and "undefined" or tostring(expected)))
  e.partial, e.expected = partial, expected
  return e
end
define("BrokenBarrierError", Exception)
define("RuntimeError", Exception)
define("ValueError", Exception)
define("TypeError", Exception)
-- LookupError: a name looked up that is not there; asyncio.open's
-- encoding Python knows no codec for ("unknown encoding: xyz").
define("LookupError", Exception)
-- Python's UnicodeError family, ValueErrors: a text file's encoding could
-- not decode what it read or encode what was written (asyncio.open's
-- encoding option).
local UnicodeError = define("UnicodeError", M.ValueError)
define("UnicodeDecodeError", UnicodeError)
define("UnicodeEncodeError", UnicodeError)
-- AttributeError: a name an object does not have, read from it (a coroutine
-- object's field, a missing name of asyncio), as Python's: .name is the
-- name, .obj the object (luasync.attributes raises it).
define("AttributeError", Exception)

-- The __index of a coroutine object's class (task.lua): its `methods`,
-- else luasync.attributes (loaded then) answers, nil for the fields the
-- runtime reads, or raises AttributeError. name_of(obj): its name, or
-- op_state's (started, name). (Made here, not in task.lua, whose main
-- chunk has many more locals for a closure's upvalues to be found among.)
function M.methods_or_raise(methods, name_of)
  local attributes
  return function(obj, key)
    local v = methods[key]
    if v ~= nil then return v end
    attributes = attributes or require("luasync.attributes")
    return attributes.coroutine(obj, key, methods, name_of)
  end
end
-- (Python's is an ArithmeticError; time.sleep raises it for a length that
-- its clock cannot count, as Python's does)
define("OverflowError", Exception)

-- The OSError family, with Python's names and hierarchy. OSError(errno,
-- strerror[, filename]) picks the subclass for the errno, as Python's does,
-- and has .errno, .strerror, .filename, .code (the system's name: "EPIPE")
-- and Python's message ("[Errno 32] Broken pipe"). OSError("text") is a
-- plain message. raise_os_error (lua/errors.cpp) makes them for failed
-- system calls.
local ConnectionError = define("ConnectionError", OSError)
for name, codes in pairs({
  BlockingIOError = { "EAGAIN", "EALREADY", "EWOULDBLOCK", "EINPROGRESS" },
  ChildProcessError = { "ECHILD" },
  FileExistsError = { "EEXIST" },
  FileNotFoundError = { "ENOENT" },
  InterruptedError = { "EINTR" },
  IsADirectoryError = { "EISDIR" },
  NotADirectoryError = { "ENOTDIR" },
  PermissionError = { "EACCES", "EPERM" },
  ProcessLookupError = { "ESRCH" },
}) do
  local cls = define(name, OSError)
  for _, code in ipairs(codes) do by_code[code] = cls end
end
for name, codes in pairs({
  BrokenPipeError = { "EPIPE", "ESHUTDOWN" },
  ConnectionAbortedError = { "ECONNABORTED" },
  ConnectionRefusedError = { "ECONNREFUSED" },
  ConnectionResetError = { "ECONNRESET" },
}) do
  local cls = define(name, ConnectionError)
  for _, code in ipairs(codes) do by_code[code] = cls end
end
by_code.ETIMEDOUT = M.TimeoutError
-- UnsupportedOperation("not writable"): a file used against its mode, as
-- Python's io.UnsupportedOperation, an OSError and a ValueError (a plain
-- message: no errno).
define("UnsupportedOperation", OSError).__also = M.ValueError


-- Whether e is the BrokenPipeError of a print to a stdout whose reader went
-- away (lua/stdio.cpp), or an ExceptionGroup of such errors only (a
-- TaskGroup's whose tasks printed): the program then ends quietly, nothing
-- reports it.
function M.stdout_gone(e)
  if type(e) ~= "table" then return false end
  if rawget(e, "_stdout_gone") == true then return true end
  local list = M.BaseExceptionGroup:is(e) and rawget(e, "exceptions")
  if type(list) ~= "table" or list[1] == nil then return false end
  for i = 1, #list do
    if not M.stdout_gone(list[i]) then return false end
  end
  return true
end

-- The status a SystemExit asks to leave with, and the text to print on
-- stderr first (or nil), as Python's interpreter reads SystemExit.code: nil
-- or true: 0; false: 1; an integer: itself; anything else is printed and
-- the status is 1.
function M.exit_status(e)
  local code = rawget(e, "code")
  if code == nil or code == true then return 0 end
  if code == false then return 1 end
  local n = math.tointeger(code)
  if n then return n & 0xff end
  return 1, tostring(code)
end

-- BaseExceptionGroup(message, exceptions) and ExceptionGroup: .exceptions is
-- a 1-based list. As Python's, ExceptionGroup is both a BaseExceptionGroup
-- (its parent) and an Exception (its second base, __also); a group that
-- holds a BaseException that is not an Exception (a user's subclass of
-- BaseException) can only be a BaseExceptionGroup.
local BaseExceptionGroup = define("BaseExceptionGroup", BaseException)
local ExceptionGroup = define("ExceptionGroup", BaseExceptionGroup)
ExceptionGroup.__also = Exception

-- Whether one of the items is an error object that is not an Exception
-- (any other Lua value counts as an ordinary error: error("boom")).
local function nests_base(exceptions)
  for i = 1, #exceptions do
    local x = exceptions[i]
    if M.is_instance(x) and not Exception:is(x) then return true end
  end
  return false
end

-- The arguments are checked as CPython's BaseExceptionGroup.__new__ checks
-- them, with its texts (but for the items, which may be any error value);
-- as there, BaseExceptionGroup itself given Exceptions only makes an
-- ExceptionGroup, and a class that is an Exception refuses the others.
BaseExceptionGroup.__new = function(cls, ...)
  local message, exceptions = ...
  local n = select("#", ...)
  if n ~= 2 then
    error(M.TypeError(format("BaseExceptionGroup.__new__() takes exactly 2 arguments (%d given)", n)), 2)
  end
  if type(message) ~= "string" then
    error(M.TypeError("BaseExceptionGroup.__new__() argument 1 must be str, not " .. type(message)), 2)
  end
  if type(exceptions) ~= "table" or M.is_instance(exceptions) then
    error(M.TypeError("second argument (exceptions) must be a sequence"), 2)
  end
  if #exceptions == 0 then error(M.ValueError("second argument (exceptions) must be a non-empty sequence"), 2) end
  local nested = nests_base(exceptions)
  if cls == BaseExceptionGroup then
    if not nested then cls = ExceptionGroup end
  elseif nested and descends(cls, Exception) then
    error(M.TypeError(cls == ExceptionGroup and "Cannot nest BaseExceptions in an ExceptionGroup" or
      format("Cannot nest BaseExceptions in '%s'", cls.__name)), 2)
  end
  return setmetatable({ message = message, exceptions = exceptions }, cls)
end
ExceptionGroup.__new = BaseExceptionGroup.__new
-- The group a TaskGroup raises, unchecked: as CPython's
-- BaseExceptionGroup(...), an ExceptionGroup unless a child raised a
-- BaseException that is not an Exception.
function M.group_of(message, exceptions)
  return setmetatable({ message = message, exceptions = exceptions },
    nests_base(exceptions) and BaseExceptionGroup or ExceptionGroup)
end
BaseExceptionGroup.__tostring = function(e)
  local list = e.exceptions
  local n = type(list) == "table" and rawlen(list) or 0  -- (no __len of the user's: see text_of)
  return getmetatable(e).__name .. ": " .. text_of(e.message) ..
    " (" .. n .. " sub-exception" .. (n == 1 and "" or "s") .. ")"
end
ExceptionGroup.__tostring = BaseExceptionGroup.__tostring

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

-- A metamethod of a class called by hand with something else than its
-- object (getmetatable(tg).__close(123)): "bad argument #1 to '__close'
-- (TaskGroup expected, got number)", as Lua names a metamethod's function.
function M.check_metamethod_self(self, cls, metamethod, what)
  if getmetatable(self) ~= cls then M.bad_argument(1, metamethod, what, self, true) end
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
local math_type, tointeger = math.type, math.tointeger
function M.check_integer(n, fname, v, present, expected)
  if math_type(v) == "integer" then return v end
  local i = math_type(v) == "float" and tointeger(v)
  if i then return i end
  if math_type(v) == "float" then M.arg_error(n, fname, "number has no integer representation") end
  M.bad_argument(n, fname, expected or "integer", v, present)
end

-- Raises "bad argument #n to 'fname' (no value expected, got T)" when the
-- call's arguments ... (from #1) go past #n - 1: a constructor given more
-- than it takes, as Python refuses it ("Lock.__init__() takes 1 positional
-- argument but 2 were given", "Future() takes no positional arguments"),
-- so that Lock(loop) or asyncio.Future(loop), leftovers of Python before
-- 3.10, are not silently ignored (Lua's functions ignore extra arguments).
function M.no_more_arguments(n, fname, ...)
  if select("#", ...) >= n then
    M.arg_error(n, fname, "no value expected, got " .. type((select(n, ...))))
  end
end

-- Raises "ValueError: Invalid <what>: NaN (not a number)" when x is NaN
-- (asyncio.sleep's message, kernel/sleep.cpp): a delay or a loop time
-- must be ordered against every other deadline, which NaN cannot be.
function M.refuse_nan(x, what)
  if x ~= x then error(M.ValueError("Invalid " .. what .. ": NaN (not a number)"), 0) end
end

-- What is wrong with the options table `opts`, or nil: every key must be
-- one of `allowed` (a list of names); array items mean a list was passed
-- where options go, and `list_hint` says what was meant.
function M.options_problem(opts, allowed, list_hint)
  if rawget(opts, 1) ~= nil then return list_hint or "options expected, got a list" end
  for k in next, opts do
    local known = false
    for i = 1, #allowed do
      if allowed[i] == k then known = true break end
    end
    if not known then
      local key = type(k) == "string" and ("'" .. k .. "'") or tostring(k)
      return "unknown option " .. key .. "; the options are: " .. concat(allowed, ", ")
    end
  end
end

-- Raises "bad argument #n to 'fname' (<the problem>)", as arg_error does,
-- when options_problem finds one.
function M.check_options(opts, n, fname, allowed, list_hint)
  local problem = M.options_problem(opts, allowed, list_hint)
  if problem then M.arg_error(n, fname, problem) end
end

-- Python's repr of an error, as Task and Future reprs show it. The value
-- given when it is not a string (_arg: ValueError(42), CancelledError(5)
-- from cancel(5)) is shown by repr_arg (report.repr: {1, 2} for a plain
-- table), or tostring.
function M.repr(e, repr_arg)
  if M.is_instance(e) then
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

-- cancel(msg)'s message, as the cancel() called with it keeps it: a value
-- with a __tostring of its own is made text there, once. So an error that
-- __tostring raises is raised by cancel(), where the caller can catch it,
-- and the loop, which makes CancelledError(msg) when it wakes the task,
-- never runs the user's code (an error there would end the program).
-- Other values are kept as they are, for the repr (CancelledError(5)), and
-- so are error objects and classes printed by the runtime's own __tostring,
-- which never raises (text_of): CancelledError(ValueError('x')).
local runtime_tostrings = { [instance_tostring] = true, [ClassMeta.__tostring] = true,
  [BaseExceptionGroup.__tostring] = true }
function M.cancel_message(msg)
  local mt = getmetatable(msg)
  local own = type(mt) == "table" and rawget(mt, "__tostring")
  if not own or runtime_tostrings[own] then return msg end
  return tostring(msg)
end

return M
