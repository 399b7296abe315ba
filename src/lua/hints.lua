-- One-line hints for the mistakes a student coming from Python makes first,
-- added under the error they cause, at the REPL and for scripts:
--   await asyncio.sleep(1)     await is a function: await(asyncio.sleep(1))
--   t.cancel(), q.put(1)       methods take ':': t:cancel(), q:put(1)
--   x = 5; x   /  t:get_name   input that can never become a statement
--   quit(), exit, True, None   Lua's names for them (exit(n) in a script: os.exit)
--   raise ValueError("x")      error(asyncio.ValueError("x"))
--   error(ValueError("x")), sleep(1)   asyncio.ValueError, asyncio.sleep
--   import asyncio             nothing to import (require for Lua modules)
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
--   async with / with x as y:, async for   local y <close> = x, for ... do
--   luasync main.py            a Python file: python3 runs it
-- Each hint is a guess from the message and the line it points at; none is
-- added when the line does not show the mistake.
local find, match, gsub, sub = string.find, string.match, string.gsub, string.sub
local type, tonumber, tostring, tointeger = type, tonumber, tostring, math.tointeger

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

local function trim(s) return (gsub(gsub(s, "^%s+", ""), "%s+$", "")) end

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
local hint_for, keyword_call, POSITIONAL

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
  ["asyncio.wait_for"] = { timeout = "seconds" }, ["asyncio.sleep"] = { result = "value" },
  ["asyncio.timeout"] = { delay = "seconds" },
}

-- `f(a, g(b), kw=v)`: the call whose arguments hold the first `kw=` after a
-- comma, whatever parentheses come before it: callee, the arguments before
-- kw, kw; or nil.
function keyword_call(text)
  local at, kw = match(text, "(),%s*([%a_][%w_]*)%s*=[^=]")
  if not at then return nil end
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
  return nil
end

-- The flags each of Lua's conversions takes (lstrlib.c's checkformat; a
-- width and a precision of two digits at most): a conversion built with any
-- other is refused by string.format.
local CONVERSION_FLAGS = {
  d = "-+0 ", c = "-", s = "-", o = "-#0", x = "-#0", X = "-#0",
  e = "-+ #0", E = "-+ #0", f = "-+ #0", g = "-+ #0", G = "-+ #0",
}
local PYTHON_TYPES = { s = "s", d = "d", c = "c", o = "o", x = "x", X = "X", e = "e", E = "E", f = "f", F = "f",
  g = "g", G = "G" }

-- Python's format spec, [[fill]align][sign][#][0][width][grouping][.precision][type],
-- as a conversion of Lua's string.format ("%.2f" for ".2f", "%10s" for
-- ">10"), or nil when Lua has none for it (centring, a fill character,
-- grouping, the types b, n and %).
local function lua_conversion(spec)
  if spec == "" then return "%s" end
  local fill, align, rest = match(spec, "^(.?)([<>=%^])(.*)$")
  if not align then fill, align, rest = "", "", spec end
  local sign, alt, zero, width, grouping, precision, kind =
    match(rest, "^([%+%- ]?)(#?)(0?)(%d*)([,_]?)(%.?%d*)(.?)$")
  if not sign or grouping ~= "" or precision == "." or align == "^" then return nil end
  -- Without a type: a number's when it has a precision or pads with zeros
  -- ({x:.3}, {i:03}), else a string's.
  if kind == "" then kind = precision ~= "" and "g" or zero ~= "" and "d" or "s" else kind = PYTHON_TYPES[kind] end
  if not kind then return nil end
  local flags = (sign == "-" and "" or sign) .. alt
  if align == "=" then
    if fill ~= "0" then return nil end
    flags = flags .. "0"
  elseif fill ~= "" and fill ~= " " then
    return nil
  elseif align == "<" or (align == "" and (kind == "s" or kind == "c") and width ~= "") then
    flags = flags .. "-"  -- (Python aligns strings to the left, numbers to the right)
  end
  if zero ~= "" and not find(flags, "-", 1, true) then flags = flags .. "0" end
  for k = 1, #flags do
    if not find(CONVERSION_FLAGS[kind], sub(flags, k, k), 1, true) then return nil end
  end
  if #width > 2 or #precision > 3 or (kind == "c" and precision ~= "") then return nil end
  return "%" .. flags .. width .. precision .. kind
end

-- The body of Python's f-string as the format string of Lua's
-- string.format and its arguments: {expr} is %s, or the conversion its
-- format spec asks for ({x:.2f} is %.2f; a conversion, {x!r}, is left to
-- %s); {{ and }} are literal braces; a literal % is %%; {x=} is "x=%s".
-- Answers the format, the expressions, and the fields whose spec Lua has
-- no conversion for (each shown as %s); nil when a field is not closed.
local function fstring_format(s)
  local out, args, untranslated = {}, {}, {}
  local i, n = 1, #s
  while i <= n do
    local c, after = sub(s, i, i), sub(s, i + 1, i + 1)
    if (c == "{" or c == "}") and after == c then
      out[#out + 1] = c
      i = i + 2
    elseif c == "{" then
      -- The field ends at its '}' outside brackets and quotes; a '!' or a
      -- ':' outside them ends its expression (not the '!' of !=).
      local depth, quote, bang, colon, j = 0, nil, nil, nil, i + 1
      while j <= n do
        local d = sub(s, j, j)
        if quote then
          if d == quote then quote = nil end
        elseif d == "'" or d == "\"" then
          quote = d
        elseif d == "(" or d == "[" or d == "{" then
          depth = depth + 1
        elseif (d == ")" or d == "]" or d == "}") and depth > 0 then
          depth = depth - 1
        elseif d == "}" then
          break
        elseif depth == 0 and not colon and not bang and d == "!" and sub(s, j + 1, j + 1) ~= "=" then
          bang = j
        elseif depth == 0 and not colon and d == ":" then
          colon = j
        end
        j = j + 1
      end
      if j > n then return nil end
      local expr = sub(s, i + 1, (bang or colon or j) - 1)
      local spec = colon and sub(s, colon + 1, j - 1) or ""
      -- {x=}: the expression's text, then its value.
      local shown = match(expr, "^.-[^=!<>]=%s*$")
      if shown then
        out[#out + 1] = gsub(shown, "%%", "%%%%")
        expr = match(shown, "^(.-)=%s*$")
      end
      local conversion = not find(spec, "{", 1, true) and lua_conversion(spec)
      if not conversion then
        untranslated[#untranslated + 1] = sub(s, i, j)
        conversion = "%s"
      end
      out[#out + 1] = conversion
      args[#args + 1] = trim(expr)
      i = j + 1
    elseif c == "%" then
      out[#out + 1] = "%%"
      i = i + 1
    else
      out[#out + 1] = c
      i = i + 1
    end
  end
  return table.concat(out), args, untranslated
end

-- `s` with each *name among a call's arguments as table.unpack(name):
-- Python's f(*args) in Lua.
local function unpacked(s)
  return (gsub(s, "([(,]%s*)%*%s*([%a_][%w_%.]*)", "%1table.unpack(%2)"))
end

-- The first call on the line (`f(...)`, `asyncio.gather(...)`) whose
-- parentheses hold `pattern`, or nil.
local function call_holding(text, pattern)
  for call in string.gmatch(text, "[%a_][%w_%.:]*%s*%b()") do
    if find(call, pattern) then return call end
  end
  return nil
end

-- Python's condition `s` in Lua's words: is and is not are == and ~=, != is
-- ~=, None, True and False are nil, true and false.
local function lua_condition(s)
  s = gsub(s, "%f[%w_]is%s+not%f[^%w_]", "~=")
  s = gsub(s, "%f[%w_]is%f[^%w_]", "==")
  s = gsub(s, "!=", "~=")
  s = gsub(s, "%f[%w_]None%f[^%w_]", "nil")
  s = gsub(s, "%f[%w_]True%f[^%w_]", "true")
  return (gsub(s, "%f[%w_]False%f[^%w_]", "false"))
end

-- Python's `for vars in iterable` as Lua's for (without its body), and what
-- kind of loop it is: "count" (range), "enumerate", "table" (a dict's
-- items, keys, values), "list".
local function lua_for(vars, iterable)
  vars, iterable = gsub(trim(vars), "%s*,%s*", ", "), trim(iterable)
  local args = match(iterable, "^range%s*%((.*)%)$")
  if args and not find(vars, ",", 1, true) then
    local first, stop = match(args, "^([^,]-)%s*,%s*([^,]-)$")
    if not first then first, stop = "0", trim(args) end
    local count = tointeger(tonumber(stop))
    return "for " .. vars .. " = " .. trim(first) .. ", " .. (count and tostring(count - 1) or (stop .. " - 1")) ..
      " do", "count"
  end
  local list = match(iterable, "^enumerate%s*%((.-)%)$")
  if list and match(vars, "^[%a_][%w_]*, [%a_][%w_]*$") then return "for " .. vars .. " in ipairs(" .. list .. ") do", "enumerate" end
  local dict, method = match(iterable, "^(.-)%.(%a+)%s*%(%s*%)$")
  if method == "items" then return "for " .. vars .. " in pairs(" .. dict .. ") do", "table" end
  if method == "keys" then return "for " .. vars .. " in pairs(" .. dict .. ") do", "table" end
  if method == "values" then return "for _, " .. vars .. " in pairs(" .. dict .. ") do", "table" end
  if find(vars, ",", 1, true) then
    return "for _, item in ipairs(" .. iterable .. ") do local " .. vars .. " = table.unpack(item)", "list"
  end
  return "for _, " .. vars .. " in ipairs(" .. iterable .. ") do", "list"
end

-- What Lua's for over `kind` (lua_for's) is said to be.
local FOR_KINDS = {
  count = "Lua's for counts both ends", enumerate = "Lua's enumerate is ipairs, which counts from 1",
  table = "Lua's for over a table's keys and values is pairs", list = "Lua's for over a list",
}

-- Python's list comprehension on the line, [expr for vars in iterable if
-- cond], as a Lua loop that fills a table, or nil.
local function comprehension(text)
  for at, brackets in string.gmatch(text, "()(%b[])") do
    local expr, vars, rest = match(sub(brackets, 2, -2), "^%s*(.-)%s+for%s+([%a_][%w_,%s]-)%s+in%s+(.-)%s*$")
    if expr then
      local iterable, cond = match(rest, "^(.-)%s+if%s+(.-)$")
      local target = match(sub(text, 1, at - 1), "([%a_][%w_%.]*)%s*=%s*$")
      local t = target or "t"
      local add = t .. "[#" .. t .. " + 1] = " .. lua_condition(expr)
      if cond then add = "if " .. lua_condition(cond) .. " then " .. add .. " end" end
      local header = lua_for(vars, iterable or rest)
      return (find(t, ".", 1, true) and "" or "local ") .. t .. " = {}; " .. header ..
        (find(header, "do$") and " " or "; ") .. add .. " end" .. (target and "" or " (then use t)")
    end
  end
  return nil
end

-- The hint for Python's sep.join(list): table.concat(list, sep). `quote`
-- is the literal's quote, or nil for a variable `sep`.
local function concat_hint(quote, sep, list)
  if quote and sep == "" then return "Lua joins a list's strings with table.concat: table.concat(" .. list .. ")" end
  if quote == "'" and not find(sep, "\"", 1, true) then quote = "\"" end
  return "Lua joins a list's strings with table.concat: table.concat(" .. list .. ", " ..
    (quote and (quote .. sep .. quote) or sep) .. ")"
end

-- The object path that ends just before position `at` of `text`, calls
-- included ("asyncio.", "asyncio.get_running_loop():"), or "".
local function path_before(text, at)
  local i = at - 1
  while i >= 1 do
    local c = sub(text, i, i)
    if c == ")" then
      local depth = 0
      repeat
        c = sub(text, i, i)
        if c == ")" then depth = depth + 1 elseif c == "(" then depth = depth - 1 end
        i = i - 1
      until depth == 0 or i < 1
      if depth ~= 0 then return "" end
    elseif find(c, "^[%w_%.:]$") then
      i = i - 1
    else
      break
    end
  end
  return sub(text, i + 1, at - 1)
end

-- The hint for msg at a line whose text is `text` ("" when unknown), in the
-- script whose lines are `lines` (nil at the REPL).
function hint_for(msg, text, lines)
  -- await used as Python's keyword: a syntax error at the awaited expression.
  -- Python's f(*args) (Lua reads '*' as multiplication, with nothing before
  -- it): the items of a list are table.unpack(args).
  local splat = find(msg, "near '*'", 1, true) and match(text, "[(,]%s*%*%s*[%a_]")
  local awaited = match(text, "await%s+([%a_][%w_%.:]*%b())") or match(text, "await%s+([%a_][%w_%.]*)")
  if awaited and (find(msg, "expected near") or find(msg, "syntax error near") or splat) then
    if splat then
      return "hint: await is a function in Lua, and Lua has no *args: write await(" .. unpacked(awaited) .. ")"
    end
    return "hint: await is a function in Lua: write await(" .. awaited .. ")"
  end
  if splat then
    local call = call_holding(text, "[(,]%s*%*%s*[%a_]")
    if not call then return "hint: Lua has no *args: table.unpack(list) gives a list's items" end
    return "hint: Lua has no *args: write " .. unpacked(call) .. " (table.unpack gives a list's items)"
  end
  -- f(**kwargs): luasync's functions take their options in a table.
  if find(msg, "near '*'", 1, true) and match(text, "[(,]%s*%*%*%s*[%a_]") then
    local call = call_holding(text, "[(,]%s*%*%*%s*[%a_]")
    return "hint: Lua has no **kwargs: luasync's functions take their options in a table, passed as it is" ..
      (call and (": " .. gsub(call, "([(,]%s*)%*%*%s*", "%1")) or "")
  end
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
    if match(text, "^%s*import%s+[%a_]") or match(text, "^%s*from%s+[%a_][%w_%.]*%s+import%s") then
      return "hint: nothing to import: asyncio, async, await and time are already there " ..
        "(a Lua module loads with local m = require \"m\")"
    end
    local name, params = match(text, "^%s*async%s+def%s+([%a_][%w_]*)%s*(%b())")
    if name then
      return "hint: an async function in Lua: local " .. name .. " = async(function" .. params .. " ... end)"
    end
    name, params = match(text, "^%s*def%s+([%a_][%w_]*)%s*(%b())")
    if name then return "hint: a function in Lua: local function " .. name .. params .. " ... end" end
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
    if match(text, "^%s*#") then return "hint: a comment in Lua starts with --" end
    -- Python's comment after code: Lua reads `#` as its length operator.
    local code, comment = match(text, "^(.-%S)%s*#%s?(.*)$")
    if code and find(msg, "near '#'", 1, true) and not find(code, "[\"'#]") then
      return "hint: a comment in Lua starts with --: " .. code .. " -- " .. comment
    end
    -- Python's lists and dicts.
    local loop = find(msg, "near '['", 1, true) and comprehension(text)
    if loop then return "hint: Lua has no list comprehensions: " .. loop end
    if find(msg, "unexpected symbol near '['", 1, true) and find(text, "%[") then
      return "hint: a list in Lua is a table: {1, 2, 3}, its first item t[1]"
    end
    if find(msg, "'}' expected near ':'", 1, true) or
       (find(msg, "unexpected symbol near '{'", 1, true) and match(text, "{%s*[^{}:,]-%s*:")) then
      return "hint: a table's keys in Lua: {a = 1} or {[\"a\"] = 1}"
    end
    if match(text, "%f[%w_]lambda%f[^%w_]") then
      return "hint: Lua's lambda is an anonymous function: function(x) return x * 2 end"
    end
    local cond = match(text, "^%s*if%s+(.-)%s*:%s*$")
    if cond then return "hint: Lua's if: if " .. lua_condition(cond) .. " then ... end" end
    cond = match(text, "^%s*while%s+(.-)%s*:%s*$")
    if cond then return "hint: Lua's while: while " .. lua_condition(cond) .. " do ... end" end
    local vars, iterable = match(text, "^%s*for%s+([%a_][%w_, ]*)%s+in%s+(.-)%s*:%s*$")
    if vars then
      local header, kind = lua_for(vars, iterable)
      return "hint: " .. FOR_KINDS[kind] .. ": " .. header .. " ... end"
    end
    -- sep.join(list) on a string literal: Lua reads the string, then '.'.
    local quote, sep, list = match(text, "([\"'])(.-)%1%s*%.%s*join%s*%(%s*(.-)%s*%)")
    if sep and find(msg, "near '.'", 1, true) then return "hint: " .. concat_hint(quote, sep, list) end
    -- x is None, x is not None: Lua compares with == and ~=; the error is
    -- at the is, or at the word after it (`y = x` ends the statement).
    local compared = match(text, "[%w_%.%]%)\"']+%s+is%s+not%s+[%w_%.]+") or
      match(text, "[%w_%.%]%)\"']+%s+is%s+[%w_%.]+")
    local after_is = compared and match(compared, "%s+is%s+([%w_%.]+)$")
    if compared and (find(msg, "near 'is'", 1, true) or find(msg, "near 'not'", 1, true) or
        find(msg, "near '" .. (match(after_is, "^[%a_][%w_]*") or after_is) .. "'", 1, true)) then
      return "hint: Lua compares with == and ~= (Python's is and is not): " .. lua_condition(compared)
    end
    -- async with / with: a to-be-closed variable, whose block's end leaves it.
    local kind, rest = "async with", match(text, "^%s*async%s+with%s+(.-)%s*:%s*$")
    if not rest then kind, rest = "with", match(text, "^%s*with%s+(.-)%s*:%s*$") end
    if rest then
      local ctx, as = match(rest, "^(.-)%s+as%s+([%a_][%w_]*)$")
      ctx = gsub(ctx or rest, "^concurrent%.futures%.", "asyncio.")  -- (its ThreadPoolExecutor is asyncio's here)
      local args = match(ctx, "^open%s*(%b())$")
      if args then
        ctx = "await(asyncio.open" .. args .. ")"
      elseif kind == "async with" and match(ctx, "^[%a_][%w_%.]*$") then
        ctx = "await(" .. ctx .. ":acquire())"  -- a lock, a semaphore
      end
      return "hint: Lua's " .. kind .. " is a to-be-closed variable: local " .. (as or "_") .. " <close> = " ..
        ctx .. " (left at the end of its block: do ... end)"
    end
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
    if find(text, "**", 1, true) and (find(msg, "near '*'", 1, true) or find(msg, "unexpected symbol near", 1, true)) then
      local base, exponent = match(text, "([%w_%.]+)%s*%*%*%s*([%w_%.]+)")
      return "hint: Lua's power operator is ^: " .. (base and (base .. " ^ " .. exponent) or "2 ^ 3")
    end
    local callee, before, kw = keyword_call(text)
    local positional = kw and callee and POSITIONAL[callee] and POSITIONAL[callee][kw]
    if positional and (find(msg, "near '" .. kw .. "'", 1, true) or find(msg, "near '='", 1, true)) then
      local value = match(text, "%f[%w_]" .. kw .. "%s*=%s*([^,%)]+)")
      return "hint: Lua has no keyword arguments: pass " .. kw .. " by position, " .. callee .. "(" ..
        trim(before) .. ", " .. (value and trim(value) or positional) .. ")"
    end
    if kw and (find(msg, "near '" .. kw .. "'", 1, true) or find(msg, "near '='", 1, true)) then
      if callee == "print" and (kw == "end" or kw == "sep") then
        return "hint: Lua's print has no " .. kw .. "=: io.write(" .. trim(before) ..
          ") writes without spaces or a newline"
      end
      return "hint: Lua has no keyword arguments; luasync's functions take options in a table: " ..
        callee .. "(" .. trim(before) .. ", { " .. kw .. " = ... })"
    end
    callee, kw = match(text, "([%a_][%w_%.:]*)%s*%(%s*([%a_][%w_]*)%s*=[^=]")
    if kw and find(msg, "near '='", 1, true) then
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
  -- f"x={x}": Lua reads f"..." as a call of f with a string.
  local quote, fstring = match(text, "%f[%w_][fF](\")([^\"]*)\"")
  if not quote then quote, fstring = match(text, "%f[%w_][fF](')([^']*)'") end
  local template, args, untranslated
  if fstring and find(msg, "attempt to call a nil value %(global '[fF]'%)") then
    template, args, untranslated = fstring_format(fstring)
  end
  if template then
    if #args == 0 then return "hint: Lua has no f-strings: write " .. quote .. gsub(template, "%%%%", "%%") .. quote end
    local note = #untranslated > 0 and
      (" (Lua's format has nothing for " .. table.concat(untranslated, ", ") .. ": %s shows it as tostring does)") or ""
    return "hint: Lua has no f-strings: (" .. quote .. template .. quote .. "):format(" .. table.concat(args, ", ") ..
      ")" .. note
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
  -- raise used as Python's statement.
  local raised = match(text, "^%s*raise%s+(.-)%s*$")
  if raised and raised ~= "" and find(msg, "near") then
    if find(raised, "^%u") then raised = "asyncio." .. raised end
    return "hint: Lua raises with a function: error(" .. raised .. ")"
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
    local obj, args = match(text, "([%w_]+)%." .. method .. "%s*(%b())")
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
  if global == "True" or global == "False" then return "hint: Lua's booleans are true and false" end
  if global == "None" then return "hint: Lua's None is nil" end
  if global == "len" then return "hint: Lua's length operator is #: #t, #s" end
  if global == "pass" then return "hint: Lua has no pass: a block may be empty (do end, if c then end)" end
  if global == "range" then return "hint: Lua's for counts: for i = 0, n - 1 do ... end (both ends included)" end
  if global == "enumerate" then
    local vars, args = match(text, "for%s+([%a_][%w_]*%s*,%s*[%a_][%w_]*)%s+in%s+enumerate%s*(%b())")
    if vars then return "hint: " .. FOR_KINDS.enumerate .. ": " .. lua_for(vars, "enumerate" .. args) .. " ... end" end
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
  -- list.append(x): a table has no methods.
  local method = match(msg, "attempt to call a nil value %(method '([%w_]+)'%)")
    or match(msg, "attempt to call a nil value %(field '([%w_]+)'%)")
  -- sep.join(list) on a string variable: a string's methods are the
  -- string library's, which has no join.
  if method == "join" then
    local sep, list = match(text, "([%a_][%w_%.]*)[%.:]join%s*%(%s*(.-)%s*%)")
    if sep then return "hint: " .. concat_hint(nil, sep, list) end
  end
  if method == "append" then
    local list, value = match(text, "([%a_][%w_%.]*)[%.:]append%s*(%b())")
    if not list then return "hint: Lua's tables have no append: t[#t + 1] = x, or table.insert(t, x)" end
    value = trim(value:sub(2, -2))
    return "hint: Lua's tables have no append: " .. list .. "[#" .. list .. " + 1] = " .. value ..
      ", or table.insert(" .. list .. ", " .. value .. ")"
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
          path_before(text, at) .. callee .. "(" .. name .. "()" .. rest
      end
    end
  end
  -- A plain function called where a coroutine object was expected
  -- (asyncio.run(main()), create_task, await, gather, wait_for): it ran
  -- there, at once, and what it gave is no coroutine object.
  if find(msg, "a coroutine was expected, got ", 1, true)
    or find(msg, "object %a+ can't be used in 'await' expression")
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
  return M.did_you_mean(msg, text, global, lines)
end

-- "Did you mean" as CPython 3.13 suggests a name for a NameError or an
-- AttributeError (Python/suggestions.c): the closest candidate by an edit
-- distance where a case flip costs 1 and any other change 2, within a third
-- of the characters involved; the first in sorted order among the closest.
local MOVE_COST, CASE_COST = 2, 1
local MAX_STRING_SIZE, MAX_CANDIDATES = 40, 750
local byte, sort = string.byte, table.sort

local function substitution_cost(x, y)
  if x == y then return 0 end
  if x >= 65 and x <= 90 then x = x + 32 end
  if y >= 65 and y <= 90 then y = y + 32 end
  return x == y and CASE_COST or MOVE_COST
end

-- The distance from a to b, or any number above max once it is certain to
-- be above max.
local function distance(a, b, max)
  if a == b then return 0 end
  local i, la, lb = 1, #a, #b
  while i <= la and i <= lb and byte(a, i) == byte(b, i) do i = i + 1 end  -- a common prefix costs nothing
  while la >= i and lb >= i and byte(a, la) == byte(b, lb) do la, lb = la - 1, lb - 1 end  -- nor a suffix
  local na, nb = la - i + 1, lb - i + 1  -- what differs: a and b from i on
  if na == 0 or nb == 0 then return (na + nb) * MOVE_COST end
  if na > MAX_STRING_SIZE or nb > MAX_STRING_SIZE then return max + 1 end
  if nb < na then a, b, na, nb = b, a, nb, na end  -- the row along the longer one
  if (nb - na) * MOVE_COST > max then return max + 1 end
  -- One row of the matrix, updated in place: row[k] is the distance from
  -- the part of a seen so far to the first k characters of b.
  local row = {}
  for k = 1, nb do row[k] = k * MOVE_COST end
  local result = 0
  for ka = 0, na - 1 do
    local c = byte(a, i + ka)
    local diagonal = ka * MOVE_COST
    result = diagonal
    local least = math.huge
    for kb = 1, nb do
      local substitute = diagonal + substitution_cost(c, byte(b, i + kb - 1))
      diagonal = row[kb]
      local insert_delete = (result < diagonal and result or diagonal) + MOVE_COST
      result = insert_delete < substitute and insert_delete or substitute
      row[kb] = result
      if result < least then least = result end
    end
    if least > max then return max + 1 end
  end
  return result
end

-- The name of the list `names` closest to `wrong`, or nil when none is close
-- enough (or there are too many to try). Of names as close, the first in
-- sorted order, as CPython takes the first of dir(); with `in_order`, the
-- first in the list's own order (a NameError's candidates are in CPython's
-- own order, not sorted).
function M.suggest(wrong, names, in_order)
  if #names >= MAX_CANDIDATES then return nil end
  local sorted = {}
  for k = 1, #names do sorted[k] = names[k] end
  if not in_order then sort(sorted) end
  local best, best_distance = nil, math.huge
  for _, name in ipairs(sorted) do
    if name ~= wrong then
      -- No more than a third of the characters involved changed, and only
      -- closer than the best so far.
      local max = (#wrong + #name + 3) * MOVE_COST // 6
      if max > best_distance - 1 then max = best_distance - 1 end
      local d = distance(wrong, name, max)
      if d <= max then best, best_distance = name, d end
    end
  end
  return best
end

local function is_name(k) return type(k) == "string" and match(k, "^[%a_][%w_]*$") ~= nil end

-- Adds to `into` the names t has (as "own") and those it inherits through
-- __index tables (as "method" when a function: called with ':'); those that
-- start with '_' only if `underscored`. Stops at MAX_CANDIDATES names, as
-- many as suggest ever tries.
local function add_keys(into, t, underscored)
  local own, count = true, 0
  for k in next, into do count = count + 1 end
  for _ = 1, 8 do
    if type(t) == "table" then
      for k, v in next, t do
        if into[k] == nil and is_name(k) and (underscored or byte(k) ~= 95) then
          into[k] = (own or type(v) ~= "function") and "own" or "method"
          count = count + 1
          if count >= MAX_CANDIDATES then return end
        end
      end
    end
    local mt = debug.getmetatable(t)
    t = mt and rawget(mt, "__index")
    if type(t) ~= "table" then return end
    own = false
  end
end

-- The REPL's environment (chunk.new_env: its locals, then the globals) and
-- whether a name is one of its locals, or nil in a script: where a name the
-- hints look up is found.
local scope, is_local

function M.set_scope(env, declared)
  scope, is_local = env, declared
end

-- The value of a dotted path of names ("asyncio.fs") from the REPL's locals
-- or the globals, without running a metamethod of the user's, or nil.
local function global_path(path)
  local v
  for part in path:gmatch("[^.]+") do
    if v == nil then
      if is_local and is_local(part) then v = scope[part] else v = rawget(_G, part) end
      if v == nil then return nil end
    elseif type(v) == "table" then
      v = rawget(v, part)
    else
      return nil
    end
  end
  return v
end

local function list(set)
  local names = {}
  for k in next, set do names[#names + 1] = k end
  return names
end

-- The methods of asyncio's objects (help's entries, "Class.method") and of
-- strings: what `x:name()` may have meant when x is not a global.
local function known_methods(underscored)
  local set = {}
  local ok, entries = pcall(require, "luasync.help_methods")
  if ok and type(entries) == "table" then
    for _, e in ipairs(entries) do
      local m = type(e.name) == "string" and match(e.name, "^[%a_][%w_]*%.([%a_][%w_]*)$")
      if m then set[m] = "method" end
    end
  end
  add_keys(set, string, underscored)
  for k in next, set do set[k] = "method" end
  return set
end

-- The names a script declares or uses as variables (locals, parameters,
-- globals), from its lines: not the fields it names (t.x, t:x(), a key of
-- a table constructor, { x = 1 }), nor the words of a first line starting
-- with '#', which Lua skips. A misspelt local is a global to Lua (nil): the
-- locals it may have meant are among these, as a NameError's suggestions
-- are among the frame's locals.
local function script_names(lines)
  if not lines then return {} end
  local src = table.concat(lines, "\n", match(lines[1] or "", "^#") and 2 or 1)
  local tokens = require("luasync.lexer").tokenize(src)
  local names, seen, braces = {}, {}, 0
  for i, tok in ipairs(tokens) do
    local kind = tok[1]
    if kind == "{" then braces = braces + 1 elseif kind == "}" then braces = braces - 1 end
    if kind == "name" then
      local before, after = tokens[i - 1], tokens[i + 1]
      local b = before and (before[1] == "keyword" and src:sub(before[2], before[3]) or before[1])
      local field = b == "." or b == ":" or b == "::" or b == "goto" or
        (braces > 0 and (b == "{" or b == "," or b == ";") and after and after[1] == "=")
      local name = src:sub(tok[2], tok[3])
      if not field and not seen[name] then
        seen[name] = true
        names[#names + 1] = name
      end
    end
  end
  return names
end

-- CPython's names for managing the loop, which luasync leaves out on
-- purpose (docs/api.md, "The event loop"): its one loop runs as long as the
-- program, and the code runs as tasks on it. What to do instead: a near
-- name (loop:serve_forever, asyncio.get_event_loop) would mislead.
local LOOP_INSTEAD = {
  run_forever = "await what must finish: await(t), await(server:serve_forever())",
  stop = "t:cancel() stops a task, os.exit(status) the program",
  close = "it closes when the program ends",
}
local ASYNCIO_INSTEAD = {
  new_event_loop = "asyncio.get_running_loop() gives the loop; asyncio.run(main()) runs main on it",
  set_event_loop = "asyncio.get_running_loop() gives the loop",
}
local ALWAYS_RUNNING = "hint: luasync's one loop is always running (your code runs as tasks on it): "

-- The hint for a name of LOOP_INSTEAD or ASYNCIO_INSTEAD that msg says is
-- nil: a global, a field of asyncio, or a method of the loop (an object
-- whose path names a loop, or the loop itself), or nil.
local function loop_instead(msg, text, global)
  if global then
    return ASYNCIO_INSTEAD[global] and (ALWAYS_RUNNING .. "there is no " .. global .. "(); " ..
      ASYNCIO_INSTEAD[global]) or nil
  end
  local kind, wrong = match(msg, "a nil value %((%a+) '([%a_][%w_]*)'%)")
  if kind ~= "field" and kind ~= "method" then return nil end
  local instead = ASYNCIO_INSTEAD[wrong] or LOOP_INSTEAD[wrong]
  local at = instead and find(text, "[%.:]" .. wrong .. "%f[^%w_]")
  if not at then return nil end
  local path = path_before(text, at)
  if ASYNCIO_INSTEAD[wrong] then
    if not find(path, "asyncio$") then return nil end
    return ALWAYS_RUNNING .. "there is no asyncio." .. wrong .. "(); " .. instead
  end
  local ok, loop = pcall(function() return require("luasync.loop").get_running_loop() end)
  if not find(path, "[Ll][Oo][Oo][Pp][%w_]*$") and not find(path, "_loop%s*%(%s*%)$") and
     not (ok and path ~= "" and global_path(path) == loop) then
    return nil
  end
  return ALWAYS_RUNNING .. "it has no " .. wrong .. "(); " .. instead
end

-- The hint for a nil global, field or method whose name is close to one
-- that exists, or nil. `global` is the global's name when msg is about one;
-- `lines` the script's, whose own names are candidates too.
function M.did_you_mean(msg, text, global, lines)
  local instead = loop_instead(msg, text, global)
  if instead then return instead end
  if global then
    -- A REPL local that is nil on purpose (`local r2 = nil; r2`) is no typo.
    if is_local and is_local(global) then return nil end
    -- The candidates in tiers, as CPython lists a frame's locals, then its
    -- globals, then the builtins, and takes the first of those as close:
    -- the script's own names or the REPL's locals, the user's globals, the
    -- standard ones. Too many in all (MAX_CANDIDATES): no suggestion.
    local tiers, seen, count = { {}, {}, {} }, {}, 0
    local function add(tier, k)
      if seen[k] or not is_name(k) then return true end
      seen[k] = true
      count = count + 1
      tiers[tier][#tiers[tier] + 1] = k
      return count < MAX_CANDIDATES
    end
    for _, k in ipairs(script_names(lines)) do
      if not add(1, k) then return nil end
    end
    local function standard(k) return rawget(_ENV, k) ~= nil end  -- the runtime's copy of the standard globals
    if scope then
      for k in pairs(scope) do
        if not add(is_local and is_local(k) and 1 or standard(k) and 3 or 2, k) then return nil end
      end
    else
      for k in next, _G do
        if not add(standard(k) and 3 or 2, k) then return nil end
      end
    end
    -- In a tier, of names as close, the one as long as the wrong name first:
    -- a transposition (asyncoi) costs as much as a cut (async).
    local n, names = #global, {}
    local function closer(x, y)
      local dx, dy = math.abs(#x - n), math.abs(#y - n)
      if dx ~= dy then return dx < dy end
      return x < y
    end
    for _, tier in ipairs(tiers) do
      sort(tier, closer)
      for _, k in ipairs(tier) do names[#names + 1] = k end
    end
    local s = M.suggest(global, names, true)
    if s then return "hint: did you mean " .. s .. "?" end
    -- `from asyncio import sleep` with a typo: one of asyncio's names (not
    -- for a short name, which is more likely a variable of the student's:
    -- f is not asyncio.fs).
    if #global < 4 then return nil end
    local ok, asyncio = pcall(require, "asyncio")
    if not ok or type(asyncio) ~= "table" then return nil end
    local set = {}
    add_keys(set, asyncio, byte(global) == 95)
    s = M.suggest(global, list(set))
    return s and "hint: did you mean asyncio." .. s .. "?" or nil
  end
  local kind, wrong = match(msg, "a nil value %((%a+) '([%a_][%w_]*)'%)")
  if kind ~= "field" and kind ~= "method" then return nil end
  local underscored = byte(wrong) == 95
  -- The path before `.wrong` or `:wrong` (plain searches, then a match
  -- anchored at the end of the 200 characters before it: a long line costs
  -- no more); after a concatenation ("x" .. t.vaule), from the path's start.
  local sep, base = kind == "field" and "." or ":", nil
  local init = 1
  while true do
    local first, last = find(text, sep .. wrong, init, true)
    if not first then break end
    if not find(sub(text, last + 1, last + 1), "^[%w_]") then
      base = match(sub(text, math.max(1, first - 200), first - 1), "([%a_][%w_%.]*)%s*$")
      if base then break end
    end
    init = last + 1
  end
  if base then base = gsub(base, "^.*%.%.", "") end
  if base == "" or (base and find(base, "^%.")) then base = nil end
  local set, s = {}, nil
  local v = base and global_path(base)
  if v ~= nil then
    add_keys(set, v, underscored)
    s = M.suggest(wrong, list(set))
  end
  if not s and (kind == "method" or find(text, "." .. wrong .. "(", 1, true)) then
    -- A method of a script's local, of what an expression gave
    -- (loop():call_son()), of an object whose class answers through a
    -- function (the loop), or one called with '.' (q.put_nowiat(1)):
    -- asyncio's and the string methods.
    set = known_methods(underscored)
    s = M.suggest(wrong, list(set))
  end
  if not s then return nil end
  -- q.put_nowiat(1): the method is called with ':'.
  local how = (kind == "method" or set[s] == "method") and ":" or "."
  return "hint: did you mean " .. (base or "") .. how .. s .. "?"
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
-- a plain global function. `chunkname` is the input's ("stdin#3").
function M.refused(source, chunkname)
  local n = 0
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
      return chunkname .. ":" .. line .. ": Lua reads 'await " .. rest .. "' as the value await, then " .. rest ..
        " as a statement of its own: nothing would be awaited (not run)\nhint: await is a function in Lua: write " ..
        "await(" .. rest .. ")"
    end
  end
  return nil
end

-- For the REPL: the text of the line of input `source` that msg names
-- ("stdin#3:2: ..." is line 2 of the third input).
-- An input that is an expression runs inside a call whose `)` is on a line
-- of its own (chunk.compile): an error there is the input's last line's.
function M.input_line(source, msg)
  local n = tonumber(match(type(msg) == "string" and msg or "", "^stdin#%d+:(%d+):"))
  if not n then return nil end
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
