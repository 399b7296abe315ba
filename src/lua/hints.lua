-- One-line hints for the mistakes a student coming from Python makes first,
-- added under the error they cause, at the REPL and for scripts:
--   await asyncio.sleep(1)     await is a function: await(asyncio.sleep(1))
--   t.cancel(), q.put(1)       methods take ':': t:cancel(), q:put(1)
--   x = 5; x   /  t:get_name   input that can never become a statement
--   quit(), exit, True, None   Lua's names for them (exit(n) in a script: os.exit)
--   raise ValueError("x")      error(asyncio.ValueError("x"))
--   raise (bare)               error(err, 0) of what a pcall caught
--   error(ValueError("x")), sleep(1)   asyncio.ValueError, asyncio.sleep
--   import asyncio             nothing to import (require for Lua modules)
--   import aiohttp, aiofiles, threading, datetime   asyncio.http, asyncio.open,
--                              asyncio.to_thread, os.date (also the nil global)
--   await(time.sleep(1))       await(asyncio.sleep(1))
--   range(len(t)), t[0]        for i = 1, #t do, t[1]
--   if __name__ == '__main__':   a script's body is its main: drop the test
--   signal.SIGTERM, 1 != 2     "SIGTERM", 1 ~= 2
--   async def f(x):, def f():  async(function(x) ... end), local function
--   async function f(x) ... end  (JavaScript's) async(function(x) ... end)
--   local async function f()   (valid Lua: a local async, nil, and a global
--                              f) the REPL refuses; a script's later call of
--                              async() fails, and the hint names the cause
--   x += 1, a != b, # comment  x = x + 1, a ~= b, -- comment
--   elif, 2 ** 3, print(x, end="")   elseif, 2 ^ 3, io.write(x)
--   end = time.time()          end is Lua's keyword: another name
--   f(*args), f(**kwargs)      f(table.unpack(args)), f(kwargs)
--   sep.join(t), [f(x) for x in xs], x is None, enumerate(t), input()
--                              table.concat(t, sep), a for loop filling a
--                              table, x == nil, ipairs(t), io.read()
--   f"x={x}", str(x), int(s), t.append(x)   format, tostring, tonumber, t[#t + 1] = x
--   f"{t:.2f} {{x}} {p}%"      ("%.2f {x} %s%%"):format(t, p): a spec is Lua's conversion
--   len(t), #q of a queue      #t, q:qsize()
--   b"x", r"\d+"               "x", [[\d+]]
--   await(f), await(asyncio.sleep)   await(f(...)): the call, not the function
--   def main() run as asyncio.run(main())   main = async(function() ... end)
--   asyncio.run(main)          asyncio.run(main()): the coroutine object
--   loop:run_forever(), asyncio.new_event_loop()   the loop always runs:
--                              what to do instead (not a near name)
--   if c:, while c:, for x in range(n):, try:   Lua's blocks, pcall
--   for x in t do              for _, x in ipairs(t) do (a table is no iterator)
--   async with / with x as y:, async for   local y <close> = x, for ... do
--                              (aiohttp's session, a lock, a server as luasync has them)
--   luasync main.py            a Python file: python3 runs it
--   print（"x"）, 名前 = 1        a character from a Japanese input method:
--                              its ASCII look-alike, or Lua's names
--   tasks = {...}; tasks()     (at the REPL) the assignment replaced tasks()
--   e is asyncio.TimeoutError, isinstance(e, C), isinstance(x, str)
--                              asyncio.TimeoutError:is(e), type(x) == "string"
--   create_task(asyncio.gather(...))   a future already runs: await it
--   class E(Exception):, class Foo:   asyncio.Exception:subclass("E"), a metatable
--   for v in gen() of an async function that yields   asyncio.async_generator
--   ps, ps()                   tasks(), luasync ps PID
--   clear(), dir(x)            (at the REPL) Ctrl-L; for k in pairs(x), help(x)
--   asyncio.Queue.get(q)       a class is a function: q:get(), help("Queue.get")
--   lst.sort(), d.get("k"), s.split(","), s.upper(), max(a, b), round(x),
--   "%d" % n, a if c else b, except E as e:, finally:, while c: body
--                              table.sort(lst), d["k"], ... (luasync.python_library)
--   s[1:3], """a""", assert x, "m", del x, global x, x = y = 0, x: int = 5,
--   "{}".format(x), math.inf   s:sub(2, 3), [[a]], assert(x, "m"), x = nil,
--                              ... (luasync.python_statements)
--   pirnt(1), asyncio.curent_task()   did you mean print? (luasync.suggestions)
-- The Lua forms the hints show are written by luasync.python_forms; the
-- characters of an input method by luasync.invalid_characters.
-- Each hint is a guess from the message and the line it points at; none is
-- added when the line does not show the mistake.
local find, match, gsub, sub = string.find, string.match, string.gsub, string.sub
local type, tonumber, tostring, getmetatable, ipairs = type, tonumber, tostring, getmetatable, ipairs

local forms = require "luasync.python_forms"
local suggestions = require "luasync.suggestions"
local library = require "luasync.python_library"
local statements = require "luasync.python_statements"
local method_names = require "luasync.method_names"
local invalid_characters = require "luasync.invalid_characters"

local M = {}

-- The lines of the chunk a message names by `src`: a REPL input's
-- ("stdin#3", kept by the REPL; one that did not compile has none), else
-- the script's at that path (report.source_lines: a regular file's, read
-- once), or nil.
local function file_lines(src)
  local report = require("luasync.report")
  local lines = report.source_lines("=" .. src)
  if lines or match(src, "^stdin#%d+$") or src == "stdin" then return lines end  -- never a file
  return report.source_lines("@" .. src)
end

-- Lines longer than this are data, not code a student typed: no hint is
-- guessed from them (the patterns below would take time on them).
local MAX_LINE = 2000

-- The name help's signatures give an object of each class (q:get(),
-- tg:create_task()), for the hint of a method looked up on its class.
local HELP_VAR = { Queue = "q", PriorityQueue = "q", LifoQueue = "q", TaskGroup = "tg", Event = "ev",
  Lock = "lock", Condition = "cond", Semaphore = "sem", BoundedSemaphore = "sem", Barrier = "b",
  Future = "f", Task = "t" }

local trim = forms.trim

-- The REPL's own functions (tasks, help...), as a set of names: at the REPL
-- only (M.set_repl_helpers), where a student's variable of that name
-- replaces one.
local repl_helpers

function M.set_repl_helpers(names) repl_helpers = names end

-- What each of the REPL's functions is, for the hint when a variable
-- replaced it.
local HELPER_TEXTS = {
  tasks = "tasks() is the REPL's list of the tasks, and assigning tasks replaced it: give your list another " ..
    "name (asyncio.all_tasks() still gives the tasks)",
  help = "help() is the REPL's help, and assigning help replaced it: give your variable another name",
  timeline = "timeline() is the REPL's drawing of what the tasks did, and assigning timeline replaced it: " ..
    "give your variable another name",
  exit = "exit() is the REPL's way out, and assigning exit replaced it: give your variable another name " ..
    "(Ctrl-D still leaves)",
}

-- Whether `name` is a module, whose functions are called with '.': a
-- library's, or a table without a metatable, a global or a REPL local (the
-- program's own module; an object's class is its metatable).
local function is_module(name)
  if forms.MODULES[name] then return true end
  local v = suggestions.lookup(name)
  return type(v) == "table" and getmetatable(v) == nil
end

-- The type of what the name x (a REPL local or a global) holds, or nil
-- when the hints cannot see it (a script's local).
local function kind_of(x)
  local v = suggestions.lookup(x)
  return v ~= nil and type(v) or nil
end

-- For the REPL: the hint for the values `r` (table.pack'd) that input
-- `source` showed, when a Python form gave them without an error
-- (s.format(1, 2), math.inf), or nil. (Never raises.)
function M.shown(source, r)
  local ok, h = pcall(statements.shown, source, r, suggestions.lookup)
  return ok and h or nil
end

-- f"x={x}": Lua reads f"..." as a call of f with a string. The hint for
-- `text`, or nil when it holds no f-string; `braced`: only one with {...}.
local function fstring_hint(text, braced)
  local quote, fstring = match(text, "%f[%w_][fF](\")([^\"]*)\"")
  if not quote then quote, fstring = match(text, "%f[%w_][fF](')([^']*)'") end
  if not fstring or (braced and not find(fstring, "{[^{}]+}")) then return nil end
  -- {task.cancelled()}: Python's method call is Lua's task:cancelled().
  local lua, untranslated, methods = forms.fstring_lua(quote, fstring, is_module)
  if not lua then return nil end
  if sub(lua, 1, 1) ~= "(" then return "hint: Lua has no f-strings: write " .. lua end  -- (no field)
  local note = #untranslated > 0 and
    (" (Lua's format has nothing for " .. table.concat(untranslated, ", ") .. ": %s shows it as tostring does)") or ""
  if methods then note = note .. " (methods are called with ':' in Lua)" end
  return "hint: Lua has no f-strings: " .. lua .. note
end

-- For the warning that coroutine `name` made at `where` ("stdin#3:1",
-- "x.lua:4") was never awaited: the f-string hint, when the coroutine is
-- f's and its line holds f"...{x}..." (f"..." called an async function f
-- with the string), or nil.
function M.never_awaited(name, where)
  if name ~= "f" and name ~= "F" or type(where) ~= "string" then return nil end
  local ok, h = pcall(function()
    local src, line = match(where, "^([^\n]+):(%d+)$")
    local lines = src and file_lines(src)
    local text = lines and lines[tonumber(line)]
    return text and #text <= MAX_LINE and fstring_hint(text, true)
  end)
  return ok and h or nil
end

-- Whether an incomplete-input error (one that ends in "<eof>") can never
-- be completed in a useful way: the input ends in a value that is not a
-- statement (`x = 5; x`), or in a method not called (`t:get_name`). The
-- REPL then reports it instead of waiting for more lines.
-- So is a line that ends in ':' as Python's blocks do (`for x in t:`,
-- `try:`): Lua reads a method name to come, which nobody types on a line of
-- its own. `source` is the input so far.
function M.never_complete(err, source)
  if type(err) ~= "string" then return false end
  -- A quoted string left open: a line cannot continue it (but after a
  -- backslash, which Lua reads as a newline in the string).
  if find(err, "unfinished string near <eof>$") and type(source) == "string" and not find(source, "\\\n?$") then
    return true
  end
  if find(err, "syntax error near <eof>$") or find(err, "function arguments expected near <eof>$") then return true end
  return find(err, "<name> expected near <eof>$") ~= nil and type(source) == "string" and
    find(source, ":%s*$") ~= nil
end

-- The hint for error message `msg` raised at a line whose text is `text`
-- (nil: read it from the file the message names, when it names one, or
-- else from `where`, "src:line", for an error object, whose message has no
-- position), or nil.
local hint_for, keyword_call, POSITIONAL, BARE_RAISE, lua_call, unpacked_in_line, with_hint

local function hint(msg, text, where)
  if type(msg) ~= "string" then return nil end
  local src, line = match(msg, "^([^:\n]+):(%d+):")
  if not src and text == nil and type(where) == "string" then src, line = match(where, "^([^\n]+):(%d+)$") end
  -- `luasync main.py`: whatever Lua makes of it, the mistake is the file's.
  if src and find(src, "%.py$") then
    return "hint: " .. src .. " is a Python file, and luasync runs Lua: run it with python3, or write it in Lua " ..
      "(docs/api.md sets Python's asyncio beside luasync's)"
  end
  local from_file = text == nil and src ~= nil
  local lines = from_file and file_lines(src)
  -- (A REPL input that is an expression runs inside a call whose `)` is on
  -- a line of its own, after the input's last: chunk.compile.)
  if from_file then text = lines and (lines[tonumber(line)] or lines[tonumber(line) - 1]) end
  if text and #text > MAX_LINE then text = nil end
  local h = hint_for(msg, text or "", lines or nil)
  -- A bare raise on a line of its own: Lua reports the syntax error at the
  -- next line's token (`end`), so the hint comes from the line before.
  if h == nil and lines and find(msg, "syntax error near") then
    local before = lines[tonumber(line) - 1]
    if before and #before <= MAX_LINE and find(before, "^%s*raise%s*$") then h = BARE_RAISE end
  end
  -- In a script, a Python block's ':' makes Lua read a method call into the
  -- next lines, and the syntax error shows further down: the first line
  -- before it that ends in ':' and has a hint of its own names the mistake.
  if h == nil and lines and find(msg, "expected near") then
    for n = 1, math.min(#lines, tonumber(line)) do
      if #lines[n] <= MAX_LINE and find(lines[n], ":%s*$") then
        h = hint_for(msg, lines[n])
        if h then
          h = gsub(h, "^hint: ", "hint: line " .. n .. ": ", 1)
          break
        end
      end
    end
  end
  return h
end

-- A name the job of a worker thread did not find: the job runs in a Lua
-- state of that thread's own, where the script's globals are not.
-- `formatted`: the error's report, whose traceback names the thread.
local function worker_hint(msg, formatted)
  if type(formatted) ~= "string" or not find(formatted, "\n  thread '[^'\n]+':\n") then return nil end
  local name = match(msg, "attempt to [%a ]+ a nil value %(global '([%w_]+)'%)")
  if not name then return nil end
  return "hint: a job runs in a Lua state of its worker thread's own, without the script's globals: pass " ..
    name .. " to the job as an argument, or define it inside the job"
end

-- (Never raises: a hint is a guess added to an error report, which must
-- come out whatever the guess meets.) `formatted`, when given, is the
-- error's whole report.
function M.hint(msg, text, where, formatted)
  local ok, h = pcall(worker_hint, msg, formatted)
  if ok and h then return h end
  ok, h = pcall(hint, msg, text, where)
  return ok and h or nil
end

-- The parameters of asyncio's functions that are positional in luasync
-- (the others take an options table): what to write in their place.
POSITIONAL = {
  ["asyncio.wait_for"] = { timeout = "seconds" }, ["asyncio.sleep"] = { delay = "seconds", result = "value" },
  ["asyncio.timeout"] = { delay = "seconds" },
}

-- Python's call `call` as Lua writes it (forms.python_call): the statements
-- that must come first, or nil, and the call.
function lua_call(call)
  return forms.python_call(call, POSITIONAL, method_names.is_method)
end

-- The line `text` whose innermost call with *xs (or table.unpack(xs))
-- before another argument is written as Lua's (lua_call): the statements
-- that build its list, then the line with the call in its place; or nil.
function unpacked_in_line(text)
  local at, call = forms.call_with_argument(text, "^%*%s*[%a_]")
  if not call then
    at, call = forms.call_with_argument(text, "^table%.unpack%s*%(")
  end
  if not call then return nil end
  local list, lua = lua_call(call)
  if not list then return nil end
  return list .. "; " .. trim(sub(text, 1, at - 1) .. lua .. sub(text, at + #call))
end

-- `f(a, g(b), kw=v)`: the call whose arguments hold the first `kw=` after a
-- comma, whatever parentheses come before it: callee, the arguments before
-- kw, kw; or nil.
-- (A `, name =` outside any call is an assignment's, done, pending = f(...,
-- timeout=1): the next one is tried.)
function keyword_call(text)
  for at, kw in string.gmatch(text, "(),%s*([%a_][%w_]*)%s*=[^=]") do
    local depth = 0
    for i = at - 1, 1, -1 do
      local c = sub(text, i, i)
      if c == ")" then
        depth = depth + 1
      elseif c == "(" then
        if depth == 0 then
          local callee = match(sub(text, 1, i - 1), "([%a_][%w_%.:]*)%s*$")
          if not callee then return nil end
          return callee, sub(text, i + 1, at - 1), kw
        end
        depth = depth - 1
      end
    end
  end
  return nil
end

-- What Lua's for over `kind` (forms.for_loop's) is said to be.
local FOR_KINDS = {
  count = "Lua's for counts both ends", enumerate = "Lua's enumerate is ipairs, which counts from 1",
  length = "Lua's lists count from 1, and its for counts both ends",
  table = "Lua's for over a table's keys and values is pairs", list = "Lua's for over a list",
}

-- Whether `name` (lock, self.sem, cond) names a lock, a semaphore or a
-- condition, whose acquire gives the guard async with holds in luasync: a
-- guess from the name, since the line did not run.
local function lock_like(name)
  local last = string.lower(match(name, "([%a_][%w_]*)$"))
  return find(last, "lock") or find(last, "^sem") or find(last, "sem$") or find(last, "semaphore") or
    find(last, "^cond") or find(last, "mutex")
end

-- The hint for Python's `async with rest:` (kind "async with") or `with
-- rest:` ("with"): a to-be-closed variable, whose block's end leaves it. At
-- the prompt the block is the input (a <close> local of an input is closed
-- when that input ends: docs/repl.md).
function with_hint(kind, rest)
  local ctx, as = match(rest, "^(.-)%s+as%s+([%a_][%w_]*)$")
  ctx = gsub(ctx or rest, "^concurrent%.futures%.", "asyncio.")  -- (its ThreadPoolExecutor is asyncio's here)
  ctx = gsub(ctx, "^aiohttp%.ClientSession%f[^%w_]", "asyncio.http.Session")  -- (docs/http.md)
  local args = match(ctx, "^open%s*(%b())$") or match(ctx, "^aiofiles%.open%s*(%b())$")
  local where = repl_helpers and "; at the prompt a <close> local ends with its input: type the block as one " ..
    "input, do ... end" or ": do ... end"
  if args then
    ctx = "await(asyncio.open" .. args .. ")"
  elseif match(ctx, "^[%a_][%w_%.]*$") then
    if kind == "async with" and lock_like(ctx) then
      ctx = "await(" .. ctx .. ":acquire())"  -- a lock, a semaphore, a condition
    elseif find(string.lower(ctx), "server$") or find(string.lower(ctx), "srv$") then
      -- (docs/io.md: the variable that holds the server is the <close> one.)
      return "hint: Lua's " .. kind .. " " .. ctx .. " is a to-be-closed variable where the server is made: local " ..
        match(ctx, "([%a_][%w_]*)$") .. " <close> = await(asyncio.start_server(...)) (leaving its block closes " ..
        "the server and awaits " ..
        "wait_closed()" .. (repl_helpers and where or "") .. ")"
    end
  else
    -- A call (session.get(url), asyncio.timeout(delay=1)) as Lua writes it;
    -- an object's method gives what async with awaits.
    local list, call = lua_call(ctx)
    if not list then
      ctx = call
      if kind == "async with" and match(call, "^[%a_][%w_]*:") then ctx = "await(" .. call .. ")" end
    end
  end
  return "hint: Lua's " .. kind .. " is a to-be-closed variable: local " .. (as or "_") .. " <close> = " ..
    ctx .. " (left at the end of its block" .. where .. ")"
end

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

-- f(table.unpack(xs), more) passes xs's first item only, without an error.
local UNPACK_LAST = "table.unpack(list) gives all its items only as the last argument, so the items and " ..
  "what follows go in one list: "

-- Python's bare `raise` in a line: the word alone, or before what ends its
-- block (Lua then reports the syntax error at that keyword).
local BLOCK_ENDS = { ["end"] = true, ["else"] = true, ["elseif"] = true, ["until"] = true }
BARE_RAISE = "hint: Lua raises with a function: error(err, 0) raises again what a pcall caught, " ..
  "as Python's bare raise does"
local function bare_raise(text)
  if find(text, "^%s*raise%s*$") then return true end
  for after in string.gmatch(text, "%f[%w_]raise%s+([%a_]+)") do
    if BLOCK_ENDS[after] then return true end
  end
  return find(text, "%f[%w_]raise%s*$") ~= nil
end

-- The hint for msg at a line whose text is `text` ("" when unknown), in the
-- script whose lines are `lines` (nil at the REPL).
function hint_for(msg, text, lines)
  local stray = invalid_characters.hint(msg, text)
  if stray then return stray end
  -- A variable named as one of the REPL's functions replaced it.
  local replaced = repl_helpers and match(msg, "attempt to call a %a+ value %(global '([%w_]+)'%)")
  if replaced and repl_helpers[replaced] and HELPER_TEXTS[replaced] then return "hint: " .. HELPER_TEXTS[replaced] end
  -- await used as Python's keyword: a syntax error at the awaited expression.
  -- Python's f(*args) (Lua reads '*' as multiplication, with nothing before
  -- it): the items of a list are table.unpack(args).
  local splat = find(msg, "near '*'", 1, true) and match(text, "[(,]%s*%*%s*[%a_]")
  local awaited = match(text, "await%s+([%a_][%w_%.:]*%b())") or match(text, "await%s+([%a_][%w_%.]*)")
  if awaited and (find(msg, "expected near") or find(msg, "syntax error near") or splat) then
    -- The awaited call as Lua writes it (q:get(), *ts, timeout=1), whatever
    -- error Lua met first in it.
    local list, call = lua_call(awaited)
    local star = find(awaited, "[(,]%s*%*%s*[%a_]") and ", and Lua has no *args" or ""
    if list then
      local target = match(text, "^%s*(local%s+[%a_][%w_,%s]*=)%s*await") or
        match(text, "^%s*([%a_][%w_%.,%s]*=)%s*await")
      return "hint: await is a function in Lua" .. star .. "; " .. UNPACK_LAST .. list .. "; " ..
        (target and (trim(target) .. " ") or "") .. "await(" .. call .. ")"
    end
    return "hint: await is a function in Lua" .. star .. ": write await(" .. call .. ")"
  end
  if splat then
    local call = forms.call_holding(text, "[(,]%s*%*%s*[%a_]")
    if not call then return "hint: Lua has no *args: table.unpack(list) gives a list's items" end
    local list, unpacked = forms.unpacked_before_more(call)
    if list then return "hint: Lua has no *args; " .. UNPACK_LAST .. list .. "; " .. unpacked end
    -- *ts before more arguments in a call inside another (await(gather(*ts,
    -- k=v))): the list, then the line with the call in its place.
    local line = unpacked_in_line(text)
    if line then return "hint: Lua has no *args; " .. UNPACK_LAST .. line end
    return "hint: Lua has no *args: write " .. forms.unpacked(call) .. " (table.unpack gives a list's items)"
  end
  -- f(**kwargs): luasync's functions take their options in a table.
  if find(msg, "near '*'", 1, true) and match(text, "[(,]%s*%*%*%s*[%a_]") then
    local call = forms.call_holding(text, "[(,]%s*%*%*%s*[%a_]")
    return "hint: Lua has no **kwargs: luasync's functions take their options in a table, passed as it is" ..
      (call and (": " .. gsub(call, "([(,]%s*)%*%*%s*", "%1")) or "")
  end
  -- s[1:3], """...""", assert x, "m", del x, x = y = 0, x: int = 5,
  -- "{}".format(x), math.inf (luasync.python_statements).
  local statement = statements.hint(msg, text, kind_of, is_module)
  if statement then return statement end
  -- JavaScript's async function (or a guess at Lua's): `async` is a
  -- function here, and the syntax error points at `function`; with `local`
  -- before it, the REPL refuses the input (M.refused).
  local fname, fparams = match(text, "^%s*async%s+function%s+([%a_][%w_%.]*)%s*(%b())")
  if not fname then
    fname, fparams = match(text, "^%s*local%s+async%s+function%s+([%a_][%w_]*)%s*(%b())")
  end
  if fname and (find(msg, "near") or find(msg, "local async function declares", 1, true)) then
    return "hint: an async function in Lua: " .. (find(fname, ".", 1, true) and "" or "local ") .. fname ..
      " = async(function" .. fparams .. " ... end)"
  end
  -- Python's statements, operators and blocks: syntax errors on their line.
  if find(msg, "near") then
    local imported = match(text, "^%s*import%s+([%a_][%w_]*)") or match(text, "^%s*from%s+([%a_][%w_]*)[%w_%.]*%s+import%s")
    if imported then
      if PYTHON_MODULES[imported] then return "hint: " .. PYTHON_MODULES[imported] end
      return "hint: nothing to import: asyncio, async, await and time are already there " ..
        "(a Lua module loads with local m = require \"m\")"
    end
    local name, params = match(text, "^%s*async%s+def%s+([%a_][%w_]*)%s*(%b())")
    if name then
      return "hint: an async function in Lua: local " .. name .. " = async(function" .. params .. " ... end)"
    end
    name, params = match(text, "^%s*def%s+([%a_][%w_]*)%s*(%b())")
    if name then return "hint: a function in Lua: local function " .. name .. params .. " ... end" end
    -- class E(Exception): an error class is a subclass of asyncio's.
    local class, parent = match(text, "^%s*class%s+([%a_][%w_]*)%s*%(%s*([%a_][%w_%.]*)%s*%)%s*:")
    local lua_parent = parent and forms.error_class(parent)
    if lua_parent then
      return "hint: an error class in luasync: local " .. class .. " = " .. lua_parent .. ":subclass(\"" ..
        class .. "\")"
    end
    class = class or match(text, "^%s*class%s+([%a_][%w_]*)%s*[(:]")
    if class then
      return "hint: Lua has no class statement: a class is a table its objects have as metatable: local " ..
        class .. " = {}; " .. class .. ".__index = " .. class .. "; function " .. class ..
        ".new() return setmetatable({}, " .. class .. ") end"
    end
    -- end as a variable (Python's end = time.time()): Lua's keyword, where
    -- no valid Lua has it: assigned, declared, or after an operator, '(' or
    -- ',' (but as print's end= keyword argument, hinted below).
    local code = gsub(text, "%-%-.*$", "")
    if (match(code, "^%s*end%s*=[^=]") or match(code, "^%s*local%s+[%w_,%s]-%f[%w_]end%f[^%w_]") or
        (match(code, "[=(,%+%-%*/<>%[]%s*end%f[^%w_]") and not match(code, "[(,]%s*end%s*=[^=]"))) and
       (find(msg, "near 'end'", 1, true) or find(msg, "near '='", 1, true)) then
      return "hint: end is a Lua keyword (it closes a block), not a name: call the variable something else, " ..
        "such as finish"
    end
    -- Python's operators and blocks.
    local target, op, rhs = match(text, "^%s*([%a_][%w_%.]*)%s*([%+%-%*/%%])=%s*(.-)%s*$")
    if target then
      if rhs == "" then rhs = "..." end
      return "hint: Lua has no " .. op .. "=: write " .. target .. " = " .. target .. " " .. op .. " " .. rhs
    end
    if find(text, "!=", 1, true) and find(msg, "near '!'", 1, true) then return "hint: Lua's not-equal is ~=" end
    -- `1 != 2` alone: Lua reads a statement, which cannot start with 1.
    if find((forms.mask_strings(text)), "!=", 1, true) and find(msg, "unexpected symbol near", 1, true) then
      return "hint: Lua's not-equal is ~=: " .. trim(forms.outside_strings(text, function(code)
        return gsub(code, "!=", "~=")
      end))
    end
    if match(text, "^%s*#") then return "hint: a comment in Lua starts with --" end
    -- Python's comment after code: Lua reads `#` as its length operator.
    local code, comment = match(text, "^(.-%S)%s*#%s?(.*)$")
    if code and find(msg, "near '#'", 1, true) and not find(code, "[\"'#]") then
      return "hint: a comment in Lua starts with --: " .. code .. " -- " .. comment
    end
    -- Python's lists and dicts.
    local loop = find(msg, "near '['", 1, true) and forms.comprehension(text)
    if loop then return "hint: Lua has no list comprehensions: " .. loop end
    if find(msg, "unexpected symbol near '['", 1, true) and find(text, "%[") then
      return "hint: a list in Lua is a table: {1, 2, 3}, its first item t[1]"
    end
    if find(msg, "'}' expected near ':'", 1, true) or
       (find(msg, "unexpected symbol near '{'", 1, true) and match(text, "{%s*[^{}:,]-%s*:")) then
      return "hint: a table's keys in Lua: {a = 1} or {[\"a\"] = 1}"
    end
    local x, classes = match(text, "%f[%w_]isinstance%s*%(%s*([^,()]-)%s*,%s*(%b())%s*%)")
    local test = x and forms.isinstance(x, classes)
    if test then return "hint: Lua has no isinstance: " .. test end
    if match(text, "%f[%w_]lambda%f[^%w_]") then
      return "hint: Lua's lambda is an anonymous function: function(x) return x * 2 end"
    end
    local cond = match(text, "^%s*if%s+(.-)%s*:%s*$")
    -- Python's main guard: Lua has no __name__ (a test of it never holds),
    -- and a script's `...` are its arguments, not its name.
    if cond and match(cond, "^__name__%s*==%s*([\"'])__main__%1$") then
      return "hint: Lua has no __name__: a script's body is its main, so drop the test and call " ..
        "asyncio.run(main()) at the script's end"
    end
    if cond then return "hint: Lua's if: if " .. forms.condition(cond) .. " then ... end" end
    cond = match(text, "^%s*while%s+(.-)%s*:%s*$")
    if cond then return "hint: Lua's while: while " .. forms.condition(cond) .. " do ... end" end
    local vars, iterable = match(text, "^%s*for%s+([%a_][%w_, ]*)%s+in%s+(.-)%s*:%s*$")
    if vars then
      local header, kind = forms.for_loop(vars, iterable)
      return "hint: " .. FOR_KINDS[kind] .. ": " .. header .. " ... end" ..
        (kind == "length" and (" (or for " .. trim(vars) .. ", x in ipairs(" ..
          match(iterable, "len%s*%(%s*(.-)%s*%)%s*%)$") .. ") do ... end)") or "")
    end
    -- sep.join(list) on a string literal: Lua reads the string, then '.'.
    local quote, sep, list = match(text, "([\"'])(.-)%1%s*%.%s*join%s*%(%s*(.-)%s*%)")
    if sep and find(msg, "near '.'", 1, true) then return "hint: " .. library.concat_hint(quote, sep, list) end
    -- x is None, x is not None: Lua compares with == and ~=; the error is
    -- at the is, or at the word after it (`y = x` ends the statement).
    local compared = match(text, "[%w_%.%]%)\"']+%s+is%s+not%s+[%w_%.]+") or
      match(text, "[%w_%.%]%)\"']+%s+is%s+[%w_%.]+")
    local after_is = compared and match(compared, "%s+is%s+([%w_%.]+)$")
    if compared and (find(msg, "near 'is'", 1, true) or find(msg, "near 'not'", 1, true) or
        find(msg, "near '" .. (match(after_is, "^[%a_][%w_]*") or after_is) .. "'", 1, true)) then
      if forms.error_class(match(compared, "([%w_%.]+)$")) then
        return "hint: an error is an instance of its class, never the class itself: test it with " ..
          forms.condition(compared) .. " (Python's isinstance)"
      end
      return "hint: Lua compares with == and ~= (Python's is and is not): " .. forms.condition(compared)
    end
    -- async with / with: a to-be-closed variable, whose block's end leaves it.
    local kind, rest = "async with", match(text, "^%s*async%s+with%s+(.-)%s*:%s*$")
    if not rest then kind, rest = "with", match(text, "^%s*with%s+(.-)%s*:%s*$") end
    if rest then return with_hint(kind, rest) end
    local avars, alist = match(text, "^%s*async%s+for%s+([%a_][%w_, ]*)%s+in%s+(.-)%s*:%s*$")
    if avars then
      return "hint: Lua's async for is a plain for: for " .. trim(avars) .. " in " .. alist ..
        " do ... end (a stream's lines: for line in reader:lines() do)"
    end
    if match(text, "^%s*try%s*:%s*$") then
      return "hint: Lua catches errors with pcall: local ok, err = pcall(function() ... end)"
    end
    -- elif (Lua reads it as a name, and the error is at the word after it),
    -- a ** b, print(x, end="") (Lua has no keyword arguments).
    if match(text, "%f[%w_]elif%f[^%w_]") then return "hint: Lua's else-if is one word: elseif" end
    -- (An expression alone, `2 ** 3` at the prompt, fails as a statement at
    -- its first symbol.)
    if find(text, "**", 1, true) and
       (find(msg, "near '*'", 1, true) or find(msg, "unexpected symbol near", 1, true)) then
      local base, exponent = match(text, "([%w_%.]+)%s*%*%*%s*([%w_%.]+)")
      return "hint: Lua's power operator is ^: " .. (base and (base .. " ^ " .. exponent) or "2 ^ 3")
    end
    local callee, before, kw = keyword_call(text)
    -- (pcall(asyncio.wait_for, aw, timeout=1): the keyword is wait_for's.)
    local called = callee == "pcall" and before and match(before, "^%s*([%a_][%w_%.]*)%s*,") or callee
    local positional = kw and called and POSITIONAL[called] and POSITIONAL[called][kw]
    if positional and (find(msg, "near '" .. kw .. "'", 1, true) or find(msg, "near '='", 1, true)) then
      local value = match(text, "%f[%w_]" .. kw .. "%s*=%s*([^,%)]+)")
      value = value and trim(value) or positional
      -- (an earlier keyword that is positional too: sleep(delay=1, result=x))
      before = gsub(before, "%f[%w_]([%a_][%w_]*)%s*=%s*", function(k)
        if POSITIONAL[called][k] then return "" end
      end)
      if called ~= callee then
        -- pcall(f, aw, timeout=1): pcall would run f and give its coroutine
        -- object, never awaited: pcall awaits the call instead.
        local rest = match(before, "^%s*[%a_][%w_%.]*%s*,(.*)$") or ""
        rest = trim(rest)
        return "hint: Lua has no keyword arguments: pass " .. kw .. " by position, and let pcall await the " ..
          "call: " .. callee .. "(await, " .. called .. "(" .. rest .. (rest ~= "" and ", " or "") .. value .. "))"
      end
      before = trim(before)
      return "hint: Lua has no keyword arguments: pass " .. kw .. " by position, " .. callee .. "(" ..
        before .. (before ~= "" and ", " or "") .. value .. ")"
    end
    if kw and (find(msg, "near '" .. kw .. "'", 1, true) or find(msg, "near '='", 1, true)) then
      -- f(table.unpack(xs), k=v): an options table after it would leave
      -- f the first item only.
      local line = unpacked_in_line(text)
      if line then return "hint: Lua has no keyword arguments; " .. UNPACK_LAST .. line end
      if callee == "print" and (kw == "end" or kw == "sep") then
        return "hint: Lua's print has no " .. kw .. "=: io.write(" .. trim(before) ..
          ") writes without spaces or a newline"
      end
      return "hint: Lua has no keyword arguments; luasync's functions take options in a table: " ..
        callee .. "(" .. trim(before) .. ", { " .. kw .. " = ... })"
    end
    callee, kw = match(text, "([%a_][%w_%.:]*)%s*%(%s*([%a_][%w_]*)%s*=[^=]")
    if kw and find(msg, "near '='", 1, true) then
      -- f(kw=v) with kw f's first positional parameter: asyncio.sleep(delay=1).
      local value = POSITIONAL[callee] and POSITIONAL[callee][kw] and
        match(text, "%(%s*" .. kw .. "%s*=%s*([^,%)]+)%s*%)")
      if value then
        return "hint: Lua has no keyword arguments: pass " .. kw .. " by position, " .. callee .. "(" ..
          trim(value) .. ")"
      end
      if find(callee, "^asyncio%.") then
        return "hint: Lua has no keyword arguments: help(" .. callee .. ") shows how to pass " .. kw
      end
      return "hint: Lua has no keyword arguments: pass " .. kw .. " by position"
    end
  end
  -- `# note` alone at the prompt is Lua's length of the global note (nil).
  if match(text, "^%s*#%s") and find(msg, "attempt to get length of", 1, true) then
    return "hint: a comment in Lua starts with --"
  end
  -- f"x={x}": Lua reads f"..." as a call of f with a string (f nil, or
  -- a value of the program's that is no function).
  if find(msg, "attempt to call a %a+ value %(global '[fF]'%)") then
    local h = fstring_hint(text)
    if h then return h end
  end
  -- b"..." and r"...": Lua reads them as calls of b and r with a string
  -- (and r"\d" fails first, at its escape).
  local prefix, quoted = match(text, "%f[%w_]([bBrR])(\"[^\"]*\")")
  if not prefix then prefix, quoted = match(text, "%f[%w_]([bBrR])('[^']*')") end
  local raw = (prefix == "r" or prefix == "R") and
    ("hint: Lua has no raw strings r\"...\": a long string [[...]] keeps its backslashes, write [[" ..
      quoted:sub(2, -2) .. "]]")
  local escape = match(msg, "invalid escape sequence near '.-(\\.)'$")
  if escape then
    if raw then return raw end
    local class = match(escape, "^\\([dDsSwW])$")
    if class then
      return "hint: Lua's patterns write character classes with %, not \\: %" .. class ..
        " (string.find, match, gsub); a backslash in a string is written \\\\"
    end
    return "hint: a backslash in a Lua string is written \\\\, or use a long string [[...]]"
  end
  if prefix and find(msg, "attempt to call a nil value (global '" .. prefix .. "')", 1, true) then
    return raw or ("hint: Lua has no bytes literals: a Lua string holds bytes, write " .. quoted)
  end
  -- await(f) of an async function (or of asyncio.sleep) not called.
  if find(msg, "object function can't be used in 'await' expression", 1, true) then
    local callee = match(text, "await%s*%(%s*([%a_][%w_%.:]*)%s*%)")
    if callee then return "hint: " .. callee .. " is a function: await what calling it gives, await(" .. callee .. "(...))" end
    return "hint: await what calling the function gives: await(f(...)), not await(f)"
  end
  -- `local async function f()` declared a local async (nil) that hides
  -- async() below it.
  if find(msg, "attempt to call a nil value %(%a+ 'async'%)") then
    return "hint: a local named async hides async(): `local async function f()` declares one " ..
      "(and a plain global f); an async function is local f = async(function() ... end)"
  end
  -- local r <close> = session:get(url): the call of an async function gave
  -- a coroutine object, which has no __close; its result (a response, a
  -- file) has one.
  local closed = match(msg, "variable '([%a_][%w_]*)' got a non%-closable value")
  if closed then
    local call = match(text, "%f[%w_]local%s+" .. closed .. "%s*<%s*close%s*>%s*=%s*([%a_][%w_%.:]*%s*%b())")
    -- (An object's method or asyncio's function: setmetatable({}, {}) is
    -- no coroutine.)
    if call and (find(call, "^[%w_%.]*:") or find(call, "^asyncio%.")) then
      return "hint: a call of an async function gives a coroutine object, which has nothing to close: await it " ..
        "first, local " .. closed .. " <close> = await(" .. call .. ")"
    end
  end
  -- raise used as Python's statement.
  local raised = match(text, "^%s*raise%s+(.-)%s*$")
  if raised and raised ~= "" and find(msg, "near") and not BLOCK_ENDS[raised] then
    if find(raised, "^%u") then raised = "asyncio." .. raised end
    return "hint: Lua raises with a function: error(" .. forms.lua_fstrings(raised, is_module) .. ")"
  end
  -- Python's bare raise, which raises again the exception being handled:
  -- typed alone (a nil global), or before the end of its block, where the
  -- syntax error is (`if not ok then raise end`).
  if match(msg, "attempt to call a nil value %(global 'raise'%)") or
     (find(msg, "syntax error near") and bare_raise(text)) then
    return BARE_RAISE
  end
  if find(msg, "syntax error near <eof>$") then
    local last = match(text, ";([^;]*)$")
    if last and trim(last) ~= "" then
      return "hint: Lua shows a value only when it is the whole input: type " .. trim(last) ..
        " on a line of its own, or print(" .. trim(last) .. ")"
    end
    return "hint: this line ends in a value, which is not a statement in Lua: print(...) it, or type it alone"
  end
  if find(msg, "function arguments expected near <eof>$") then
    return "hint: a method is called with parentheses: " .. trim(text) .. "()"
  end
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
  local global = match(msg, "attempt to call a nil value %(global '([%w_]+)'%)")
    or match(msg, "attempt to [%a ]+ a nil value %(global '([%w_]+)'%)")
  -- quit(), and exit() or sys.exit() in a script (exit() is the REPL's).
  local leave = (global == "quit" or global == "exit") and global or
    (global == "sys" and match(text, "%f[%w_]sys%.exit%s*%(") and "sys.exit")
  if leave then
    local status = match(text, "%f[%w_]" .. gsub(leave, "%.", "%%.") .. "%s*%(%s*([^()]-)%s*%)")
    return "hint: Lua has no " .. leave .. "(): os.exit(" .. ((status and status ~= "") and status or "status") ..
      ") ends a script; at the prompt, exit() or Ctrl-D"
  end
  -- p.send_signal(signal.SIGTERM): luasync names a signal by a string.
  if global == "signal" and find(text, "%f[%w_]signal%.SIG%u+") then
    return "hint: luasync names a signal by a string: " .. trim(forms.outside_strings(text, function(code)
      return gsub(code, "%f[%w_]signal%.(SIG%u+)", "\"%1\"")
    end))
  end
  -- datetime.now(), aiohttp.ClientSession(): a Python module's name, nil.
  if global and PYTHON_MODULES[global] then return "hint: " .. PYTHON_MODULES[global] end
  local required = match(msg, "module '([%a_][%w_]*)[%w_%.]*' not found:")
  if required and PYTHON_MODULES[required] then return "hint: " .. PYTHON_MODULES[required] end
  -- clear() and dir(x), of Python's REPL: the REPL's key, Lua's loop.
  if global == "clear" and repl_helpers then return "hint: Ctrl-L clears the screen" end
  if global == "dir" then
    local x = match(text, "%f[%w_]dir%s*%(%s*([^()]-)%s*%)")
    if not x or x == "" then
      return "hint: Lua has no dir(): for k in pairs(_G) do print(k) end lists the globals" ..
        (repl_helpers and "; Tab completes a name as you type it (asyncio.<Tab>)" or "")
    end
    return "hint: Lua has no dir(): for k in pairs(" .. x .. ") do print(k) end lists a table's own fields" ..
      (repl_helpers and ("; help(" .. x .. ") documents an asyncio object and its methods, and Tab after " ..
        x .. ". or " .. x .. ": completes them") or "")
  end
  -- asyncio.Queue.shutdown: asyncio's classes are functions that make an
  -- object, whose methods are not fields of the function (Python's
  -- asyncio.Queue.shutdown is the method).
  local class = match(msg, "attempt to index a function value %(field '(%u[%w_]*)'%)")
  local method = class and match(text, "%f[%w_]asyncio%." .. class .. "%.([%a_][%w_]*)")
  if method then
    local var = HELP_VAR[class] or class:lower()
    return "hint: asyncio." .. class .. " is a function that makes a " .. class .. " (it has no fields): call " ..
      method .. " on one it made, local " .. var .. " = asyncio." .. class .. "(); " .. var .. ":" .. method ..
      "(...)" .. (repl_helpers and ("; help(asyncio." .. class .. ") documents the class") or "")
  end
  if global == "ps" or global == "pstree" then
    return "hint: " .. (repl_helpers and repl_helpers.tasks and "tasks() lists the tasks here; " or "") ..
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
  -- An async function's coroutine object used as Python's async generator.
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
      return "hint: " .. FOR_KINDS.list .. ": " .. forms.for_loop(vars, iterable) .. " ... end (pairs(" ..
        iterable .. ") gives any table's keys and values)"
    end
  end
  if find(msg, "attempt to call a coroutine value (for iterator", 1, true) or
     find(msg, "Task got bad yield", 1, true) then
    -- (The line is the generator's own when the yield raised there, whose
    -- body may await asyncio.sleep(...): its name before the await's.)
    local gen = match(text, "for%s+[%w_,%s]-%s+in%s+([%a_][%w_%.]*)%s*%(") or
      match(text, "([%a_][%w_%.]*)%s*=%s*async%s*%(") or match(text, "await%s*%(%s*([%a_][%w_%.]*)%s*%(") or "gen"
    return "hint: an async function's coroutine object is not an iterator; Python's async generator (async def " ..
      "with yield) is " .. gen .. " = asyncio.async_generator(function() ... end): for v in " .. gen .. "() do ... end"
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
      return "hint: " .. FOR_KINDS.enumerate .. ": " .. forms.for_loop(vars, "enumerate" .. args) .. " ... end"
    end
    return "hint: " .. FOR_KINDS.enumerate .. ": for i, v in ipairs(" ..
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
  -- An async function given where its coroutine object was expected
  -- (Python's asyncio.run(main) fails alike): the call gives that object.
  if find(msg, "a coroutine was expected, got function", 1, true) or
     find(msg, "(awaitable expected, got function)", 1, true) then
    for _, fn in ipairs({ "run", "run_until_complete", "wait_for", "shield", "ensure_future" }) do
      local at, callee, args = match(text, "()%f[%w_](" .. fn .. "%s*)(%b())")
      local name, rest = match(args or "", "^%(%s*([%a_][%w_%.]*)(%s*[,%)].*)$")
      if name then
        return "hint: " .. name .. " is a function: pass the coroutine object its call gives, " ..
          forms.path_before(text, at) .. callee .. "(" .. name .. "()" .. rest
      end
    end
  end
  -- create_task of what already is a future (gather's, shield's, a task):
  -- it runs already, and CPython refuses it alike.
  local future = match(msg, "a coroutine was expected, got <(_?%a+)")
  if future == "_GatheringFuture" or future == "Task" or future == "Future" then
    -- The create_task given a name, or a call of asyncio's (gather,
    -- shield, Future: not a coroutine function's call).
    for at, args in string.gmatch(text, "()%f[%w_]create_task%s*(%b())") do
      local arg = trim(sub(args, 2, -2))
      if find(arg, "^[%a_][%w_%.]*$") or find(arg, "^asyncio[%.:][%w_%.:]*%b()$") then
        local before = sub(text, 1, at - 1)
        local target = match(before, "([%a_][%w_%.]*)%s*=%s*[%w_%.:]*$")
        local declared = target and match(before, "%f[%w_]local%s+" .. gsub(target, "%.", "%%.") .. "%s*=%s*[%w_%.:]*$")
        return "hint: " .. arg .. " is a future that already runs, not a coroutine object: no create_task, " ..
          (target and ((declared and "local " or "") .. target .. " = " .. arg .. ", then await(" .. target .. ")") or
            ("await(" .. arg .. ")")) .. " when its result is needed"
      end
    end
    return "hint: a future (gather's, shield's, a task) already runs: await(...) it, without create_task"
  end
  -- A plain function called where a coroutine object was expected
  -- (asyncio.run(main()), create_task, await, gather, wait_for): it ran
  -- there, at once, and what it gave is no coroutine object.
  if find(msg, "a coroutine was expected, got ", 1, true)
    or find(msg, "object [^\n]- can't be used in 'await' expression")
    or find(msg, "An asyncio.Future, a coroutine or an awaitable is required", 1, true)
    or find(msg, "(awaitable expected, got ", 1, true) then
    -- (gather's message does not say which value it refused: that hint is
    -- a guess, and says so.)
    local guess = find(msg, "An asyncio.Future", 1, true) and "if %s is a plain function, " or "%s is a plain function: "
    -- The call given where the coroutine object was expected: the first
    -- argument of await, run, create_task, ensure_future, wait_for, or one
    -- among gather's; none found, no hint.
    local callee
    for _, fn in ipairs({ "await", "run", "create_task", "ensure_future", "wait_for", "shield" }) do
      for c in string.gmatch(text, "%f[%w_]" .. fn .. "%s*%(%s*([%a_][%w_%.:]*)%s*%(") do
        if not find(c, "^asyncio[%.:]") then
          callee = c
          break
        end
      end
      if callee then break end
    end
    if not callee then
      local args = match(text, "%f[%w_]gather%s*(%b())")
      for c in string.gmatch(args or "", "([%a_][%w_%.:]*)%s*%(") do
        if not find(c, "^asyncio[%.:]") and c ~= "await" and c ~= "async" then
          callee = c
          break
        end
      end
    end
    if callee and not find(callee, "^asyncio[%.:]") and callee ~= "async" then
      -- await(time.sleep(1)): Python's asyncio.sleep is what was meant in
      -- a task (time.sleep blocks every task, in both languages).
      if callee == "time.sleep" then
        local args = match(text, "%f[%w_]time%.sleep%s*(%b())") or "(1)"
        return "hint: time.sleep blocks the whole program (every task waits) and gives nothing to await: " ..
          "await(asyncio.sleep" .. args .. ") pauses this task only"
      end
      if find(callee, "[%.:]") then
        return "hint: " .. callee .. "(...) is not an async function: it ran when called and gave " ..
          "nothing to await; call it on its own"
      end
      return "hint: " .. guess:format(callee) .. callee .. "() ran at once and gave no coroutine object; " ..
        "an async function is local " .. callee .. " = async(function() ... end)"
    end
  end
  -- Python's built-in exceptions and `from asyncio import sleep` habits:
  -- a name the asyncio table has (only its own fields: no lazy loading).
  if global then
    local ok, asyncio = pcall(require, "asyncio")
    local v = ok and type(asyncio) == "table" and rawget(asyncio, global) or nil
    if type(v) == "table" and rawget(v, "__name") == global and tostring(v):find("^<class") then
      return "hint: " .. global .. " is asyncio." .. global .. ": error(asyncio." .. global .. "(\"...\")) raises it"
    elseif v ~= nil then
      return "hint: " .. global .. " is asyncio." .. global
    end
  end
  -- An error about f at a line with f"...{x}...": f was a value of the
  -- program's, called with the string (not any error of a line that shows
  -- an f-string in a message or a comment).
  return library.hint(msg, text, global) or suggestions.did_you_mean(msg, text, global, lines) or
    ((find(msg, "'f'", 1, true) or find(msg, "'F'", 1, true)) and fstring_hint(text, true)) or nil
end

-- The innermost frame of a traceback report.format made ("src:line"), or
-- nil: where an error object was raised.
function M.where_in(formatted)
  return type(formatted) == "string" and match(formatted, "\n\t([^\n]-:%d+): in ") or nil
end

-- msg with its hint on a line after it, if there is one.
function M.with_hint(msg, text)
  local h = M.hint(msg, text)
  if h then return msg .. "\n" .. h end
  return msg
end

-- For the REPL: an error for an input that is valid Lua but never what a
-- student meant, or nil: `local async function f()` would declare a local
-- named async, nil, that hides async() from every later input, and make f
-- a plain global function. `chunkname` is the input's ("stdin#3"); `first_line`
-- the line number of the source's first line (1).
function M.refused(source, chunkname, first_line)
  local n = (first_line or 1) - 1
  for l in (source .. "\n"):gmatch("(.-)\n") do
    n = n + 1
    if match(l, "^%s*local%s+async%s+function[%s(]") then
      return chunkname .. ":" .. n .. ": local async function declares a local named async, " ..
        "which would hide async() from every later input: not run"
    end
  end
  return nil
end

-- Python's `x = await f(...)`: valid Lua, which assigns the function await
-- and then calls f(...) as a statement of its own, so nothing is awaited
-- and x is a function. For the REPL and scripts: the error for a source
-- that holds such an `await` (the name await, then a name on the same
-- line), with the hint, or nil. `chunkname` names the source in the message
-- ("stdin#3", a script's path).
function M.await_keyword(source, chunkname)
  if not find(source, "await[ \t]+[%a_]") then return nil end
  local ok, tokens = pcall(function() return require("luasync.lexer").tokenize(source) end)
  if not ok then return nil end
  for i = 2, #tokens - 1 do
    local tok, after, before = tokens[i], tokens[i + 1], tokens[i - 1]
    if tok[1] == "name" and after[1] == "name" and sub(source, tok[2], tok[3]) == "await" and
       before[1] ~= "." and before[1] ~= ":" and not find(sub(source, tok[3] + 1, after[2] - 1), "\n", 1, true) then
      local line = 1
      for _ in string.gmatch(sub(source, 1, tok[2]), "\n") do line = line + 1 end
      local rest = match(sub(source, after[2]), "^[^\n]*")
      rest = gsub(gsub(rest, "%-%-.*$", ""), "[%s;]+$", "")
      -- (The hint writes the call as Lua does: q:get(), { k = v }.)
      local ok_call, list, call = pcall(lua_call, rest)
      if not ok_call then list, call = nil, rest end
      return chunkname .. ":" .. line .. ": Lua reads 'await " .. rest .. "' as the value await, then " .. rest ..
        " as a statement of its own: nothing would be awaited (not run)\nhint: await is a function in Lua: write " ..
        (list and (list .. "; ") or "") .. "await(" .. call .. ")"
    end
  end
  return nil
end

-- For the REPL: the text of the line of input `source` that msg names
-- ("stdin#3:2: ..." is line 2 of the third input). With `chunk` ("stdin#3",
-- source's), nil when msg names another input's line (a function defined
-- there): the hint reads that input's text then (file_lines).
-- An input that is an expression runs inside a call whose `)` is on a line
-- of its own (chunk.compile): an error there is the input's last line's.
function M.input_line(source, msg, chunk)
  local named, n = match(type(msg) == "string" and msg or "", "^(stdin#%d+):(%d+):")
  n = tonumber(n)
  if not n or (chunk and named ~= chunk) then return nil end
  local i, last = 0, nil
  for l in (source .. "\n"):gmatch("(.-)\n") do
    i = i + 1
    last = l
    if i == n then return l end
  end
  if n == i + 1 then return last end
  return nil
end

return M
