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
-- This file is the hints' entry points and the order in which they are
-- asked; the hints themselves are those of a line of Python that Lua
-- cannot read (luasync.python_syntax), of Python's names and forms at run
-- time (luasync.python_names), of coroutine objects and async functions
-- mixed up (luasync.python_asyncio), of Python's statements
-- (luasync.python_statements) and library (luasync.python_library), and
-- the characters of an input method (luasync.invalid_characters); the Lua
-- forms they show are written by luasync.python_forms.
-- Each hint is a guess from the message and the line it points at; none is
-- added when the line does not show the mistake.
local find, match, gmatch, gsub, sub = string.find, string.match, string.gmatch, string.gsub, string.sub
local type, tonumber, pcall = type, tonumber, pcall

local std = require "luasync.std"
local forms = require "luasync.python_forms"
local suggestions = require "luasync.suggestions"
local library = require "luasync.python_library"
local statements = require "luasync.python_statements"
local method_names = require "luasync.method_names"
local invalid_characters = require "luasync.invalid_characters"
-- (Loaded at the first hint asked: the REPL's start loads this file.)
local python_syntax = std.lazy_module("luasync.python_syntax")
local python_names = std.lazy_module("luasync.python_names")
local python_asyncio = std.lazy_module("luasync.python_asyncio")

local is_module = method_names.is_module

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
  local quote, fstring = forms.fstring_literal(text)
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
  -- A Python block on one line, `for i in range(3): print(i)`: Lua reads
  -- range(3):print(i) as a method call, and a do to come.
  if (find(err, "'do' expected near <eof>$") or find(err, "'then' expected near <eof>$")) and
     type(source) == "string" then
    local last = match(source, "([^\n]*)$")
    if #last <= MAX_LINE and library.one_line_block(last) then return true end
  end
  return find(err, "<name> expected near <eof>$") ~= nil and type(source) == "string" and
    find(source, ":%s*$") ~= nil
end

-- The hint for error message `msg` raised at a line whose text is `text`
-- (nil: read it from the file the message names, when it names one, or
-- else from `where`, "src:line", for an error object, whose message has no
-- position), or nil.
local hint_for

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
    if before and #before <= MAX_LINE and find(before, "^%s*raise%s*$") then h = python_syntax.BARE_RAISE end
  end
  -- In a script, a Python block's ':' makes Lua read a method call into the
  -- next lines, and the syntax error shows further down: the first line
  -- before it that ends in ':' (or is a block on one line, for i in
  -- range(3): print(i)) and has a hint of its own names the mistake.
  if h == nil and lines and find(msg, "expected near") then
    for n = 1, math.min(#lines, tonumber(line)) do
      if #lines[n] <= MAX_LINE and (find(lines[n], ":%s*$") or library.one_line_block(lines[n])) then
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

-- The hint for msg at a line whose text is `text` ("" when unknown), in the
-- script whose lines are `lines` (nil at the REPL): each kind asked in
-- turn, the first that answers wins. (The order matters where two could
-- answer: an await's call before a statement's slice, a statement's before
-- a block's header.)
function hint_for(msg, text, lines)
  local stray = invalid_characters.hint(msg, text)
  if stray then return stray end
  -- A variable named as one of the REPL's functions replaced it.
  local replaced = repl_helpers and match(msg, "attempt to call a %a+ value %(global '([%w_]+)'%)")
  if replaced and repl_helpers[replaced] and HELPER_TEXTS[replaced] then return "hint: " .. HELPER_TEXTS[replaced] end
  local h = python_syntax.calls(msg, text)
  if h then return h end
  -- s[1:3], """...""", assert x, "m", del x, x = y = 0, x: int = 5,
  -- "{}".format(x), math.inf (luasync.python_statements); then Python's
  -- blocks, operators and literals.
  h = statements.hint(msg, text, kind_of, is_module) or python_syntax.hint(msg, text, repl_helpers)
  if h then return h end
  -- f"x={x}": Lua reads f"..." as a call of f with a string (f nil, or
  -- a value of the program's that is no function).
  if find(msg, "attempt to call a %a+ value %(global '[fF]'%)") then
    h = fstring_hint(text)
    if h then return h end
  end
  h = python_asyncio.hint(msg, text)
  if h then return h end
  local global = match(msg, "attempt to call a nil value %(global '([%w_]+)'%)")
    or match(msg, "attempt to [%a ]+ a nil value %(global '([%w_]+)'%)")
  h = python_names.hint(msg, text, global, repl_helpers)
  if h then return h end
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
  for l in gmatch(source .. "\n", "(.-)\n") do
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
-- ("stdin#3", a script's path). (luasync.python_syntax's, asked only of a
-- source that shows the name await before another.)
function M.await_keyword(source, chunkname)
  if not find(source, "await[ \t]+[%a_]") then return nil end
  return python_syntax.await_keyword(source, chunkname)
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
  for l in gmatch(source .. "\n", "(.-)\n") do
    i = i + 1
    last = l
    if i == n then return l end
  end
  if n == i + 1 then return last end
  return nil
end

-- A hint helps; it never fails: one that raises (a bug of ours, or what it
-- reads changed by the user: a string method, a metamethod) gives no hint,
-- and the error or input it was for is shown, or run, as without it.
-- with_hint gives back its msg then; every other function, nil (never_complete:
-- the input may go on, as Lua's parser says).
local function settled(msg, keep_msg, ok, ...)
  if ok then return ... end
  if keep_msg then return msg end
  return nil
end
for name, fn in next, M do
  local keep_msg = name == "with_hint"
  M[name] = function(...) return settled((...), keep_msg, pcall(fn, ...)) end
end

return M
