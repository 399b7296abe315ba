-- Error classes with Python's names, hierarchy and formats.
-- A class is a table whose metatable is ClassMeta; calling it makes an
-- instance {message=, cause=, traceback=} whose metatable is the class.
-- Invariant: every class has __name, __parent (nil for BaseException) and
-- the instance metamethods, so instances compare by class chain only.
local std = require("luasync.std")
local getmetatable, new_table = std.class_of, std.new_table
local type, error, setmetatable, rawget, tostring, next, select, pcall =
  type, error, setmetatable, rawget, tostring, next, select, pcall
local format, concat = string.format, table.concat

local M = new_table(0, 64)  -- its 58 fields: the classes, then the functions (std.new_table)

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

-- A stand-in for the function `name` of errors_rare.lua (see the end of
-- this file), for a field that a class holds from the start (Lua reads
-- __tostring raw; pairs over a class shows its fields). Not a tail call:
-- a task whose body it is (create_task(Exception.subclass)) would show
-- "(...tail calls...)" in its traceback. Its errors find the user's frame
-- themselves (errors.arg_error, user_level): the frame added moves none.
local function pass(...) return ... end
local function rare(name)
  return function(...) return pass(M[name](...)) end
end

local BaseException = define("BaseException", nil)
BaseException.is = is
BaseException.subclass = rare("subclass")  -- Class:subclass("Name"): a user error class beneath this one
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
local by_code = new_table(0, 19)  -- the system's name of an errno -> the OSError subclass Python picks (its 19)
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
-- LimitOverrunError(message, consumed): .consumed, how many bytes a reader
-- may skip (StreamReader.readuntil).
define("LimitOverrunError", Exception).__new = rare("new_limit_overrun")
-- EOFError: Python's builtin, the end of input reached; asyncio's
-- IncompleteReadError is one, so `except EOFError` catches it.
local EOFError = define("EOFError", Exception)
-- IncompleteReadError(partial, expected): the stream ended after .partial
-- (the bytes read) of .expected (nil: undefined), with Python's message.
define("IncompleteReadError", EOFError).__new = rare("new_incomplete_read")
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
-- A subclass, and the system's names of the errnos it stands for. (Defined
-- one by one, not from a table of them: the table would be garbage that a
-- start makes, bench W6.)
local function os_error(name, parent, ...)
  local cls = define(name, parent)
  for i = 1, select("#", ...) do by_code[select(i, ...)] = cls end
end
os_error("BlockingIOError", OSError, "EAGAIN", "EALREADY", "EWOULDBLOCK", "EINPROGRESS")
os_error("ChildProcessError", OSError, "ECHILD")
os_error("FileExistsError", OSError, "EEXIST")
os_error("FileNotFoundError", OSError, "ENOENT")
os_error("InterruptedError", OSError, "EINTR")
os_error("IsADirectoryError", OSError, "EISDIR")
os_error("NotADirectoryError", OSError, "ENOTDIR")
os_error("PermissionError", OSError, "EACCES", "EPERM")
os_error("ProcessLookupError", OSError, "ESRCH")
os_error("BrokenPipeError", ConnectionError, "EPIPE", "ESHUTDOWN")
os_error("ConnectionAbortedError", ConnectionError, "ECONNABORTED")
os_error("ConnectionRefusedError", ConnectionError, "ECONNREFUSED")
os_error("ConnectionResetError", ConnectionError, "ECONNRESET")
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

-- Their arguments are checked as CPython's BaseExceptionGroup.__new__ checks
-- them (errors_rare.lua).
BaseExceptionGroup.__new = rare("new_group")
ExceptionGroup.__new = BaseExceptionGroup.__new
-- The group a TaskGroup raises, unchecked: as CPython's
-- BaseExceptionGroup(...), an ExceptionGroup unless a child raised a
-- BaseException that is not an Exception. (Here, not in errors_rare.lua, as
-- exit_status: a TaskGroup may unwind, and the runner end, when memory has
-- run out and loading a module would fail.)
function M.group_of(message, exceptions)
  return setmetatable({ message = message, exceptions = exceptions },
    nests_base(exceptions) and BaseExceptionGroup or ExceptionGroup)
end
-- Its text: here too, for the group printed when memory has run out.
function BaseExceptionGroup.__tostring(e)
  local list = e.exceptions
  local n = type(list) == "table" and rawlen(list) or 0  -- (no __len of the user's: see text_of)
  return getmetatable(e).__name .. ": " .. text_of(e.message) ..
    " (" .. n .. " sub-exception" .. (n == 1 and "" or "s") .. ")"
end
ExceptionGroup.__tostring = BaseExceptionGroup.__tostring

-- A metamethod of a class called by hand with something else than its
-- object (getmetatable(tg).__close(123)): "bad argument #1 to '__close'
-- (TaskGroup expected, got number)", as Lua names a metamethod's function.
function M.check_metamethod_self(self, cls, metamethod, what)
  if getmetatable(self) ~= cls then M.bad_argument(1, metamethod, what, self, true) end
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

-- What is wrong with the options table `opts`, or nil: every key must be
-- one of `allowed` (a list of names); array items mean a list was passed
-- where options go, and `list_hint` says what was meant. (Here, not in
-- errors_rare.lua: create_task(f, {name=...}), gather's options and
-- asyncio.run's ask it when nothing is wrong.)
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

-- errors_rare.lua's functions need these too.
M.descends, M.text_of, M.nests_base = descends, text_of, nests_base

-- The functions a start never calls, and most programs never do (refusals
-- of a misuse, reprs, the constructors that check their arguments):
-- errors_rare.lua, loaded at the first lookup of a name this table lacks,
-- which then holds them all (bench W6); a name neither has stays nil. Set
-- last: errors_rare.lua reads what this file made. (require first: should
-- it fail, the next lookup tries again.)
setmetatable(M, {
  __index = function(_, key)
    local functions = require("luasync.errors_rare")
    for k, v in next, functions do rawset(M, k, v) end
    setmetatable(M, nil)  -- (last: should a store fail for memory, the next lookup copies the rest)
    return functions[key]
  end,
})

return M
