-- Hints for Python's names and forms that fail when they run in Lua
-- (luasync.hints asks here): a built-in that is a nil global (quit, exit,
-- sys.exit, True, None, len, range, enumerate, input, str, int, dir,
-- isinstance, pass), a module of Python's (datetime, aiohttp, signal.SIGTERM),
-- Python's exceptions and asyncio's names without asyncio. (ValueError,
-- sleep), t[0] and t[-1], math.inf, for x in t over a table, "a" + "b",
-- len(q) of a queue, a method called with '.' (t.cancel()) and one looked
-- up on its class (asyncio.Queue.get), ps at the prompt. Each answers only
-- when the message and the line both show the habit.
local find, match, gsub, sub, lower = string.find, string.match, string.gsub, string.sub, string.lower
local type, tostring, pcall, require, rawget = type, tostring, pcall, require, rawget

local forms = require "luasync.python_forms"
local trim = forms.trim

local M = {}

-- Python's obj.method(...) calls in `code` as Lua's obj:method(...), where
-- obj.method is an object's method (method_names.is_method: a loop's, a
-- process's), not a module's function (os.exit(1) stays).
local function method_calls(code)
  local is_method = require("luasync.method_names").is_method
  return (gsub(code, "()([%a_][%w_%.]*)%.([%a_][%w_]*)(%s*%()", function(at, object, name, paren)
    if find(sub(code, at - 1, at - 1), "[%w_%.:]") or not is_method(object, name) then return nil end
    return object .. ":" .. name .. paren
  end))
end

-- The name help's signatures give an object of each class (q:get(),
-- tg:create_task()), for the hint of a method looked up on its class.
local HELP_VAR = { Queue = "q", PriorityQueue = "q", LifoQueue = "q", TaskGroup = "tg", Event = "ev",
  Lock = "lock", Condition = "cond", Semaphore = "sem", BoundedSemaphore = "sem", Barrier = "b",
  Future = "f", Task = "t" }

-- Python's modules a course's code imports that luasync has under other
-- names (import aiohttp, datetime.now(), require "aiohttp"): what to use.
local PYTHON_MODULES = {
  aiohttp = "luasync's aiohttp is asyncio.http, already there (docs/http.md): " ..
    "local session <close> = asyncio.http.Session(), or await(asyncio.http.get(url))",
  aiofiles = "luasync's aiofiles is asyncio.open, already there (docs/io.md): " ..
    "local f <close> = await(asyncio.open(path)); await(f:read())",
  threading = "luasync runs a function in a worker thread with asyncio.to_thread, already there " ..
    "(docs/threads.md): await(asyncio.to_thread(f, x)), or " ..
    "await(asyncio.get_running_loop():run_in_executor(nil, f, x))",
  datetime = "Lua's date and time are os.date and time.time, already there: os.date(\"%Y-%m-%d %H:%M:%S\") " ..
    "gives now (Python's datetime.now()), time.time() the seconds since the epoch",
}
PYTHON_MODULES.concurrent = PYTHON_MODULES.threading
M.PYTHON_MODULES = PYTHON_MODULES  -- (also the hint of an import: luasync.python_syntax)

-- The hint for msg at a line whose text is `text`, or nil. `global` is the
-- nil global msg names, if any; `repl` the REPL's own functions by name,
-- at the prompt (nil in a script).
function M.hint(msg, text, global, repl)
  -- A method called with '.': its object is missing, so argument #1 is not
  -- the object of the class the method expects (Task, Queue: capitalised,
  -- where a function of a module expects a type: number).
  local method = match(msg, "bad argument #1 to '([%w_]+)' %(%u[%w_]* expected")
  if method then
    local obj, args = forms.method_call(text, method, true)
    if obj then
      return "hint: methods are called with ':' in Lua: " .. obj .. ":" .. method .. args
    end
  end
  -- quit(), and exit() or sys.exit() in a script (exit() is the REPL's).
  local leave = (global == "quit" or global == "exit") and global or
    (global == "sys" and match(text, "%f[%w_]sys%.exit%s*%(") and "sys.exit")
  if leave then
    local status = match(text, "%f[%w_]" .. gsub(leave, "%.", "%%.") .. "%s*%(%s*([^()]-)%s*%)")
    return "hint: Lua has no " .. leave .. "(): os.exit(" .. ((status and status ~= "") and status or "status") ..
      ") ends a script; at the prompt, exit() or Ctrl-D"
  end
  -- p.send_signal(signal.SIGTERM): luasync names a signal by a string (and
  -- the method that takes it is called with ':', loop:add_signal_handler).
  if global == "signal" and find(text, "%f[%w_]signal%.SIG%u+") then
    return "hint: luasync names a signal by a string: " .. trim(forms.outside_strings(text, function(code)
      return method_calls(gsub(code, "%f[%w_]signal%.(SIG%u+)", "\"%1\""))
    end))
  end
  -- datetime.now(), aiohttp.ClientSession(): a Python module's name, nil.
  if global and PYTHON_MODULES[global] then return "hint: " .. PYTHON_MODULES[global] end
  local required = match(msg, "module '([%a_][%w_]*)[%w_%.]*' not found:")
  if required and PYTHON_MODULES[required] then return "hint: " .. PYTHON_MODULES[required] end
  -- clear() and dir(x), of Python's REPL: the REPL's key, Lua's loop.
  if global == "clear" and repl then return "hint: Ctrl-L clears the screen" end
  if global == "dir" then
    local x = match(text, "%f[%w_]dir%s*%(%s*([^()]-)%s*%)")
    if not x or x == "" then
      return "hint: Lua has no dir(): for k in pairs(_G) do print(k) end lists the globals" ..
        (repl and "; Tab completes a name as you type it (asyncio.<Tab>)" or "")
    end
    return "hint: Lua has no dir(): for k in pairs(" .. x .. ") do print(k) end lists a table's own fields" ..
      (repl and ("; help(" .. x .. ") documents an asyncio object and its methods, and Tab after " ..
        x .. ". or " .. x .. ": completes them") or "")
  end
  -- asyncio.Queue.shutdown: asyncio's classes are functions that make an
  -- object, whose methods are not fields of the function (Python's
  -- asyncio.Queue.shutdown is the method).
  local class = match(msg, "attempt to index a function value %(field '(%u[%w_]*)'%)")
  local method = class and match(text, "%f[%w_]asyncio%." .. class .. "%.([%a_][%w_]*)")
  if method then
    local var = HELP_VAR[class] or lower(class)
    return "hint: asyncio." .. class .. " is a function that makes a " .. class .. " (it has no fields): call " ..
      method .. " on one it made, local " .. var .. " = asyncio." .. class .. "(); " .. var .. ":" .. method ..
      "(...)" .. (repl and ("; help(asyncio." .. class .. ") documents the class") or "")
  end
  if global == "ps" or global == "pstree" then
    return "hint: " .. (repl and repl.tasks and "tasks() lists the tasks here; " or "") ..
      "a script's tasks are listed from another terminal with luasync " .. global ..
      " PID, when the script was started with luasync --inspect"
  end
  if global == "isinstance" then
    local x, classes = match(text, "%f[%w_]isinstance%s*%(%s*([^,()]-)%s*,%s*(%b())%s*%)")
    if not x then x, classes = match(text, "%f[%w_]isinstance%s*%(%s*([^,()]-)%s*,%s*([%a_][%w_%.]*)%s*%)") end
    local test = x and forms.isinstance(x, classes)
    if test then return "hint: Lua has no isinstance: " .. test end
    return "hint: Lua has no isinstance: type(x) names a value's type (\"string\", \"number\", \"table\"...); " ..
      "an error class tests with Class:is(x)"
  end
  -- for x in t do: Lua's generic for calls what follows `in`, and a table
  -- is not a function (Python's for over a list is ipairs').
  if find(msg, "attempt to call a table value (for iterator", 1, true) then
    local vars, iterable = match(text, "%f[%w_]for%s+([%a_][%w_]*%s*,?%s*[%w_]*)%s+in%s+(.-)%s+do%f[^%w_]")
    if vars then
      vars, iterable = gsub(trim(vars), "%s*,%s*", ", "), trim(iterable)
      if find(vars, ",", 1, true) then
        return "hint: Lua's for over a table: for " .. vars .. " in ipairs(" .. iterable .. ") do ... end " ..
          "(a list, in order), or pairs(" .. iterable .. ") (any table's keys and values)"
      end
      return "hint: " .. forms.FOR_KINDS.list .. ": " .. forms.for_loop(vars, iterable) .. " ... end (pairs(" ..
        iterable .. ") gives any table's keys and values)"
    end
  end
  if global == "True" or global == "False" then return "hint: Lua's booleans are true and false" end
  if global == "None" then return "hint: Lua's None is nil" end
  if global == "len" then
    local x = match(text, "%f[%w_]len%s*%(%s*([%a_][%w_%.]*)%s*%)")
    return "hint: Lua's length operator is #: " .. (x and ("#" .. x) or "#t, #s")
  end
  -- t[0], t[-1]: Python's first and last items, nil in Lua (whose lists
  -- count from 1), seen when the nil is used.
  if find(msg, "a nil value (field 'integer index')", 1, true) or find(msg, "a nil value (field '?')", 1, true) then
    local list, index = match(text, "([%a_][%w_%.]*)%[%s*(%-?%s*[01])%s*%]")
    if index == "0" then
      return "hint: Lua's lists count from 1: the first item is " .. list .. "[1] (" .. list .. "[0] is nil)"
    elseif index and find(index, "^%-") then
      return "hint: Lua's lists count from 1, and a negative index is no position: the last item is " ..
        list .. "[#" .. list .. "]"
    end
  end
  -- Python's math.inf and math.nan: Lua's math has neither (nil, which
  -- fails where it is used).
  local math_name = match(msg, "a nil value %(field '(%a+)'%)")
  if (math_name == "inf" or math_name == "nan") and find(text, "%f[%w_]math%s*%.%s*" .. math_name .. "%f[^%w_]") then
    return math_name == "inf" and "hint: Lua's infinity is math.huge (and -math.huge)" or
      "hint: Lua's math has no nan: 0/0 is one (x ~= x tells it)"
  end
  if global == "pass" then return "hint: Lua has no pass: a block may be empty (do end, if c then end)" end
  if global == "range" then return "hint: Lua's for counts: for i = 0, n - 1 do ... end (both ends included)" end
  if global == "enumerate" then
    local vars, args = match(text, "for%s+([%a_][%w_]*%s*,%s*[%a_][%w_]*)%s+in%s+enumerate%s*(%b())")
    if vars then
      return "hint: " .. forms.FOR_KINDS.enumerate .. ": " .. forms.for_loop(vars, "enumerate" .. args) .. " ... end"
    end
    return "hint: " .. forms.FOR_KINDS.enumerate .. ": for i, v in ipairs(" ..
      (match(text, "enumerate%s*%(%s*(.-)%s*%)") or "t") .. ") do ... end"
  end
  if global == "input" then
    local prompt = match(text, "input%s*%(%s*(.-)%s*%)")
    return "hint: Lua's input() is " .. ((prompt and prompt ~= "") and ("io.write(" .. prompt .. "); ") or "") ..
      "io.read(), which stops every task while it waits (in a script, asyncio.stdin():readline() does not)"
  end
  if (find(msg, "attempt to perform arithmetic on a string value", 1, true) or
      find(msg, "attempt to add a 'string' with", 1, true)) and find(text, "+", 1, true) then
    return "hint: Lua joins strings with .., not +: \"a\" .. \"b\""
  end
  -- #q of a queue raises as Python's len(q) does.
  if find(msg, "object of type '%a*Queue' has no len%(%)") then
    return "hint: a queue's size is " .. (match(text, "#%s*([%a_][%w_%.]*)") or "q") .. ":qsize()"
  end
  if global == "str" then return "hint: Lua's str() is tostring(x)" end
  if global == "int" or global == "float" then
    return "hint: Lua's " .. global .. "() is tonumber(s)" .. (global == "int" and " (math.tointeger(x) for a float)" or "")
  end
  -- Python's built-in exceptions and `from asyncio import sleep` habits:
  -- a name the asyncio table has (only its own fields: no lazy loading).
  if global then
    local ok, asyncio = pcall(require, "asyncio")
    local v = ok and type(asyncio) == "table" and rawget(asyncio, global) or nil
    if type(v) == "table" and rawget(v, "__name") == global and find(tostring(v), "^<class") then
      return "hint: " .. global .. " is asyncio." .. global .. ": error(asyncio." .. global .. "(\"...\")) raises it"
    elseif v ~= nil then
      return "hint: " .. global .. " is asyncio." .. global
    end
  end
  return nil
end

return M
