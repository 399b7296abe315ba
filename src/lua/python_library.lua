-- Hints for Python's library where Lua has none of it (luasync.hints asks
-- here after its own): the built-in functions max, min, abs, round, sorted
-- and sum, nil globals in Lua; a list's, a dict's and a string's methods
-- (lst.sort(), lst.append(x), sep.join(t), d.get("k"), s.split(",")), nil
-- fields of a table or a string, each as what its receiver held (luasync.
-- receivers) asks: a string has no list method; a string method called with '.' (s.upper() is string.upper()
-- without its string); "%d items" % n; Python's conditional expression
-- a if c else b; except and finally. Each answers only when the message
-- and the line both show the habit: never under an error of valid Lua.
local find, match, gsub, sub = string.find, string.match, string.gsub, string.sub
local type, tonumber, tostring, rawget, pairs, pcall = type, tonumber, tostring, rawget, pairs, pcall

local forms = require "luasync.python_forms"
local receivers = require("luasync.std").lazy_module("luasync.receivers")  -- (the REPL's start loads this file)
local trim = forms.trim

local M = {}

-- The arguments inside a call's parentheses "(...)", trimmed.
local function inner(args) return trim(sub(args, 2, -2)) end

-- "a, b, c" -> "a", "b, c": split at the first comma outside strings and
-- brackets (d.get("a,b") has one argument, lst.insert(g(1, 2), x) two); nil
-- when there is no such comma, or a string or bracket is left open.
local CLOSE = { ["("] = ")", ["["] = "]", ["{"] = "}" }
local function first_and_rest(a)
  local closers, quote, i = {}, nil, 1
  while i <= #a do
    local c = sub(a, i, i)
    if quote then
      if c == "\\" then
        i = i + 1
      elseif c == quote then
        quote = nil
      end
    elseif c == '"' or c == "'" then
      quote = c
    elseif CLOSE[c] then
      closers[#closers + 1] = CLOSE[c]
    elseif c == ")" or c == "]" or c == "}" then
      if closers[#closers] ~= c then return nil end
      closers[#closers] = nil
    elseif c == "," and #closers == 0 then
      local first, rest = trim(sub(a, 1, i - 1)), trim(sub(a, i + 1))
      if first == "" or rest == "" then return nil end
      return first, rest
    end
    i = i + 1
  end
  return nil
end

-- Python's index `i` (from 0; -1 the last) in list `x` as Lua's position
-- (from 1): a literal counted on, anything else with + 1.
local function position(x, i)
  local n = math.tointeger(tonumber(i))
  if n and n >= 0 then return tostring(n + 1) end
  if n == -1 then return "#" .. x end
  if n then return "#" .. x .. " - " .. tostring(-n - 1) end
  return i .. " + 1"
end

-- A character class of Lua's patterns that is everything but `c`.
local function all_but(c)
  if find(c, "^[%^%]%%%-]$") then c = "%" .. c end
  return "[^" .. c .. "]+"
end

-- Each method Python's lists, dicts and strings have and Lua's tables and
-- strings do not: its hint from the receiver `x`, the call's arguments `a`
-- (the text between its parentheses) and what the receiver held when the
-- call failed (`seen`, luasync.receivers: its kind and a table's length;
-- nil when unknown), or nil to say nothing.
local METHODS = {}
-- Whose method each is: a string's, either's (join: Python's sep.join(list)
-- of a string, JavaScript's list.join(sep) of a table), else a table's.
local RECEIVERS = { split = "string", strip = "string", lstrip = "string", rstrip = "string",
  startswith = "string", endswith = "string", join = "either" }

-- Whether x, the receiver as written, names a value without a call (lst,
-- self.items, rows[1]), which a hint may write twice (lst[#lst + 1]), not
-- an expression that makes it (get().lst).
local function is_path(x) return not find(x, "(", 1, true) end

-- The hint for Python's sep.join(list): table.concat(list, sep). `quote`
-- is the literal's quote, or nil for a variable `sep`; a list literal is
-- written as Lua's table. (Also the hints' for a literal's join.)
function M.concat_hint(quote, sep, list)
  list = forms.list_literals(list)  -- (", ".join(["a", "b"]): a table of them)
  if quote and sep == "" then return "Lua joins a list's strings with table.concat: table.concat(" .. list .. ")" end
  if quote == "'" and not find(sep, "\"", 1, true) then quote = "\"" end
  return "Lua joins a list's strings with table.concat: table.concat(" .. list .. ", " ..
    (quote and (quote .. sep .. quote) or sep) .. ")"
end

-- lst.append(x). (No receiver on the line: the general form.)
local APPEND = "Lua's tables have no append: "
METHODS.append = function(x, a)
  if not is_path(x) then return APPEND .. "table.insert(" .. x .. ", " .. a .. ")" end
  return APPEND .. x .. "[#" .. x .. " + 1] = " .. a .. ", or table.insert(" .. x .. ", " .. a .. ")"
end
local APPEND_ANY = APPEND .. "t[#t + 1] = x, or table.insert(t, x)"

-- sep.join(list) of a string sep; list.join(sep) of a table (JavaScript's),
-- or of a receiver not seen given a literal separator.
METHODS.join = function(x, a, seen)
  local kind = seen and seen.kind
  if kind == "table" or (kind == nil and find(a, "^[\"']")) then
    return "Lua joins a list's strings with table.concat: table.concat(" .. x .. (a ~= "" and (", " .. a) or "") ..
      ")"
  end
  if a == "" then return nil end
  return M.concat_hint(nil, x, a)
end

METHODS.sort = function(x)
  return "Lua's tables have no sort method: table.sort(" .. x .. ") sorts it in place"
end
METHODS.pop = function(x, a)
  local start = "Lua's tables have no pop: "
  if a == "" then return start .. "table.remove(" .. x .. ") removes and gives the last item" end
  if find(a, "^[\"']") then
    return start .. "a key's value is " .. x .. "[" .. a .. "], and " .. x .. "[" .. a .. "] = nil removes it"
  end
  return start .. "table.remove(" .. x .. ", " .. position(x, a) .. ") removes and gives that item " ..
    "(Lua counts from 1)"
end
-- Python's insert takes any index: past the end it appends, before the
-- start it prepends; Lua's position must be 1 to #x + 1. With the list's
-- length known and a literal index, the one call that does what Python's
-- did; else the general form, and what Lua refuses.
METHODS.insert = function(x, a, seen)
  local i, v = first_and_rest(a)
  if not i then return nil end
  local start = "Lua's tables have no insert method: "
  local n, len = math.tointeger(tonumber(i)), seen and seen.length
  if n and len then
    if n >= len or len == 0 then
      return start .. "table.insert(" .. x .. ", " .. v .. ") appends, as Python's insert at " .. i ..
        " does when #" .. x .. " is " .. len
    end
    -- (from the end: counted from #x, as Python counts from len)
    local at = n >= 0 and tostring(n + 1) or n + len >= 0 and position(x, i) or "1"
    return start .. "table.insert(" .. x .. ", " .. at .. ", " .. v .. ") (Lua counts from 1)"
  end
  local call = start .. "table.insert(" .. x .. ", " .. position(x, i) .. ", " .. v .. ") (Lua counts from 1"
  if n and n <= 0 then return call .. ")" end
  return call .. "; a position past #" .. x .. " + 1 is an error, where Python appends: table.insert(" .. x ..
    ", " .. v .. ") does)"
end
METHODS.get = function(x, a)
  local key, default = first_and_rest(a)
  if not key then key = a end
  if key == "" then return nil end
  local index = x .. "[" .. key .. "]"
  if default then
    return "Lua's tables have no get: " .. index .. " or " .. default .. " (" .. index ..
      " is nil for a missing key; a false value gives " .. default .. " too)"
  end
  return "Lua's tables have no get: " .. index .. " (nil for a missing key)"
end
METHODS.items = function(x)
  return "Lua's tables have no items: for k, v in pairs(" .. x .. ") do ... end"
end
METHODS.keys = function(x)
  return "Lua's tables have no keys: for k in pairs(" .. x .. ") do ... end"
end
METHODS.values = function(x)
  return "Lua's tables have no values: for _, v in pairs(" .. x .. ") do ... end"
end
METHODS.split = function(x, a)
  local start = "Lua's strings have no split: "
  if a == "" then return start .. "for word in " .. x .. ":gmatch(\"%S+\") do ... end" end
  local sep = match(a, "^\"([^\"\\%%])\"$") or match(a, "^'([^'\\%%])'$")
  if not sep then
    return start .. "for part in " .. x .. ":gmatch(pattern) do ... end, with a pattern of what a part is"
  end
  return start .. "for part in " .. x .. ":gmatch(\"" .. all_but(sep) .. "\") do ... end (it skips empty parts)"
end
local STRIP = { strip = "^%%s*(.-)%%s*$", lstrip = "^%%s*(.*)$", rstrip = "^(.-)%%s*$" }
for name, pattern in pairs(STRIP) do
  METHODS[name] = function(x, a)
    if a ~= "" then return nil end
    return "Lua's strings have no " .. name .. ": " .. x .. ":match(\"" .. gsub(pattern, "%%%%", "%%") .. "\")"
  end
end
METHODS.startswith = function(x, a)
  if a == "" or find(a, ",", 1, true) or find(a, "^%(") then return nil end
  return "Lua's strings have no startswith: " .. x .. ":sub(1, #" .. a .. ") == " .. a
end
METHODS.endswith = function(x, a)
  if a == "" or find(a, ",", 1, true) or find(a, "^%(") then return nil end
  return "Lua's strings have no endswith: " .. a .. " == \"\" or " .. x .. ":sub(-#" .. a .. ") == " .. a
end

-- Python's built-in functions, nil globals in Lua: the hint from the
-- call's arguments `a`, or from none (the name alone).
local BUILTINS = {}
-- a when it is one argument, else `default`.
local function one_arg(a, default)
  if a and a ~= "" and not find(a, ",", 1, true) then return a end
  return default
end
BUILTINS.max = function(a, name)
  name = name or "max"
  if one_arg(a) then
    return "Lua's " .. name .. " is math." .. name .. ", of numbers: a list's is math." .. name ..
      "(table.unpack(" .. a .. "))"
  end
  return "Lua's " .. name .. " is math." .. name .. ": math." .. name .. "(" .. ((a and a ~= "") and a or "a, b") ..
    ")"
end
BUILTINS.min = function(a) return BUILTINS.max(a, "min") end
BUILTINS.abs = function(a)
  return "Lua's abs is math.abs: math.abs(" .. ((a and a ~= "") and a or "x") .. ")"
end
BUILTINS.round = function(a)
  local x = one_arg(a, "x")
  if not find(x, "^[%w_%.]+$") then x = "(" .. x .. ")" end
  return "Lua has no round: math.floor(" .. x .. " + 0.5) rounds halves up (Python's round takes a half " ..
    "to the even number: round(2.5) is 2)"
end
BUILTINS.sorted = function(a)
  local t = one_arg(a, "t")
  return "Lua's sort is table.sort(" .. t .. "), which sorts " .. t .. " itself and gives nothing " ..
    "(a sorted copy: local s = {table.unpack(" .. t .. ")}; table.sort(s))"
end
BUILTINS.sum = function(a)
  local t = one_arg(a, "t")
  return "Lua has no sum: local total = 0; for _, v in ipairs(" .. t .. ") do total = total + v end"
end

-- The libraries whose functions are called with '.' as they should be.
local LIBRARIES = forms.MODULES

-- Lua's types: a receiver's kind that is none of these is a class's name
-- (luasync.receivers).
local LUA_TYPES = { ["nil"] = true, boolean = true, number = true, string = true, table = true, ["function"] = true,
  thread = true, userdata = true }

-- A method that an object of luasync's class `class` (a Queue, a Task)
-- does not have: where to find the ones it has.
local function class_hint(x, class, name)
  local ok, help = pcall(require, "luasync.help")
  if not ok or not help.doc(class) then return nil end
  return "hint: " .. x .. " is " .. (find(class, "^[AEIOU]") and "an " or "a ") .. class .. ", which has no method " ..
    name .. ": help(\"" .. class .. "\") lists what it has"
end

-- `x` with its bracketed parts collapsed to "()", "[]", "{}": what is left
-- is its top level.
local function top_level(x) return (gsub(gsub(gsub(x, "%b()", "()"), "%b[]", "[]"), "%b{}", "{}")) end

-- Whether Lua's expression `x` has an and/or outside brackets (which must
-- be bracketed inside c and a or b, whose own and/or bind it otherwise).
local function has_and_or(x)
  local top = top_level(x)
  return find(top, "%f[%w_]and%f[^%w_]") ~= nil or find(top, "%f[%w_]or%f[^%w_]") ~= nil
end

-- Whether Lua's condition `c` (forms.condition's) is true or false, never
-- another value: a comparison (==, ~=, <, >, <=, >= outside brackets) or a
-- not, or such parts joined by and/or (x == 1 or x is 3 when x is 3).
local function is_comparison(c)
  local top = top_level(c)
  for part in string.gmatch(gsub(gsub(top, "%f[%w_]and%f[^%w_]", "\0"), "%f[%w_]or%f[^%w_]", "\0"), "[^\0]+") do
    part = trim(part)
    if not (find(part, "[=~<>]=") or find(part, "[<>]") or find(part, "^not%f[^%w_]")) then return false end
  end
  return true
end

-- Whether Lua's value `a` is a literal that is never false or nil: a
-- number, a string (forms.mask_strings' mark), a table or true.
local function never_false(a)
  return tonumber(a) ~= nil or find(a, "^\1[\16-\25]+\2$") ~= nil or find(a, "^%b{}$") ~= nil or a == "true"
end

-- Where the value that ends just before position `p` of `text` begins,
-- walking back over balanced brackets to an unclosed bracket, a ',' or an
-- assignment's '=' (not ==, ~=, <=, >=, !=); nil when the text's start
-- comes first. (x = len(t) if c else 0: its value is len(t), whole.)
local OPEN = { ["("] = true, ["["] = true, ["{"] = true }
local function value_start(text, p)
  local depth = 0
  for i = p - 1, 1, -1 do
    local ch = sub(text, i, i)
    if ch == ")" or ch == "]" or ch == "}" then
      depth = depth + 1
    elseif OPEN[ch] then
      if depth == 0 then return i + 1 end
      depth = depth - 1
    elseif depth == 0 and (ch == "," or (ch == "=" and not find(sub(text, i - 1, i - 1), "[=~<>!]") and
        sub(text, i + 1, i + 1) ~= "=")) then
      return i + 1
    end
  end
  return nil
end

-- Where the value that begins `text` ends: the position of the first
-- unclosed bracket's closer or ',' outside brackets, or past its end.
local function value_end(text)
  local depth = 0
  for i = 1, #text do
    local ch = sub(text, i, i)
    if OPEN[ch] then
      depth = depth + 1
    elseif ch == ")" or ch == "]" or ch == "}" or ch == "," then
      if depth == 0 then return i end
      if ch ~= "," then depth = depth - 1 end
    end
  end
  return #text + 1
end

-- Python's "a if c else b" in `text` as its parts: what comes before a
-- (ending in an unclosed bracket, a ',', an '=' or a return), a, c, b and
-- what comes after b (a call's closing parenthesis, its next argument);
-- or nil.
local function conditional_parts(text)
  local at, rest = match(text, "%s()if%s+(.*)$")
  if not at then return nil end
  local c, b = match(rest, "^(.-)%s+else%s+(.-)%s*$")
  if not c then return nil end
  local stop = value_end(b)
  local after = sub(b, stop)
  b = trim(sub(b, 1, stop - 1))
  local start = value_start(text, at)
  if not start then
    local ret = match(text, "^%s*return%s+")
    if not ret then return nil end
    start = #ret + 1
  end
  start = find(text, "%S", start)  -- (the spaces after an '=' stay with it: x = ...)
  return sub(text, 1, start - 1), sub(text, start, at - 1), c, b, after
end

-- Python's "a if c else b" in `text` (outside its strings), written in
-- Lua at its place, or nil; and whether it is Lua's idiom c and a or b,
-- which gives b also when a is false or nil (never when a is a literal
-- that is neither). Where a is false or nil the idiom is always wrong:
-- true and false arms are the condition itself (or its not), others an
-- if statement.
local function conditional_in_code(text)
  local before, a, c, b, after = conditional_parts(text)
  if not a or trim(a) == "" or trim(c) == "" or b == "" then return nil end
  local function lua(x) return forms.list_literals(forms.condition(trim(x))) end
  a, c, b = lua(a), lua(c), lua(b)
  local bracketed = has_and_or(c) and ("(" .. c .. ")") or c
  if a == "true" and b == "false" then
    return trim(before .. (is_comparison(c) and c or (bracketed .. " and true or false")) .. after), false, a, b
  elseif a == "false" and b == "true" then
    return trim(before .. "not (" .. c .. ")" .. after), false, a, b
  elseif a == "false" or a == "nil" then
    local chosen = "if " .. c .. " then %s = " .. a .. " else %s = " .. b .. " end"
    local declare, target = match(before, "^%s*(local%s+)([%a_][%w_]*)%s*=%s*$")
    if not target then declare, target = "", match(before, "^%s*([%a_][%w_%.]*)%s*=%s*$") end
    if target and after == "" then
      chosen = gsub(chosen, "%%s", target)
      return (declare ~= "" and ("local " .. target .. "; ") or "") .. chosen, false, a, b
    elseif match(before, "^%s*return%s+$") and after == "" then
      return "if " .. c .. " then return " .. a .. " else return " .. b .. " end", false, a, b
    end
    return "local v; " .. gsub(chosen, "%%s", "v") .. "; " .. trim(before .. "v" .. after), false, a, b
  end
  local value = has_and_or(a) and ("(" .. a .. ")") or a
  return trim(before .. bracketed .. " and " .. value .. " or " .. b .. after), not never_false(a), a, b
end
local function conditional(text)
  local masked, restore = forms.mask_strings(text)
  local line, idiom, a, b = conditional_in_code(masked)
  return restore(line), idiom, restore(a), restore(b)
end

-- A Python block written on one line, `while x < 3: x += 1`: its keyword's
-- header and its body, split at the ':' that is no Lua method call
-- (while not q:empty(): ...) and in no string (if s == "a:b": ...), or nil.
-- (Also the hints': Lua reads `for i in range(3): print(i)` as a method
-- call, and waits for the do on the next line.)
local function one_line_block(text)
  local masked, restore = forms.mask_strings(text)
  local keyword, rest = match(masked, "^%s*(%a+)%s+(.*)$")
  if keyword ~= "while" and keyword ~= "if" and keyword ~= "for" then return nil end
  for j in string.gmatch(rest, "():") do
    if not find(rest, "^:[%a_][%w_]*%s*[({\1]", j) then  -- (\1: a string's mark, s:find"x")
      local header, body = trim(sub(rest, 1, j - 1)), trim(sub(rest, j + 1))
      -- (Lua's own block, while true do ::continue:: end, is no Python's.)
      if header == "" or body == "" or find(header, "%f[%w_]do%f[^%w_]") or find(header, "%f[%w_]then%f[^%w_]") then
        return nil
      end
      return keyword, restore(header), restore(body)
    end
  end
  return nil
end

M.one_line_block = one_line_block

-- Python's statements of a one-line body in Lua's words: x += 1 is
-- x = x + 1; conditions' words (None, !=) as forms.condition writes them
-- (a string's text as typed: a ';' in it ends no statement).
local function statements_in_code(body)
  local out = {}
  for s in string.gmatch(body, "[^;]+") do
    s = trim(s)
    local target, op, rhs = match(s, "^([%a_][%w_%.]*)%s*([%+%-%*/%%])=%s*(.-)$")
    if target then s = target .. " = " .. target .. " " .. op .. " " .. rhs end
    if s ~= "" then out[#out + 1] = forms.condition(s) end
  end
  return table.concat(out, "; ")
end
local function statements(body) return forms.outside_strings(body, statements_in_code) end

-- The hint for Python's block written on one line `text` (while x < 3:
-- x += 1), or nil. (Also the hints' for such a line whose first error is
-- another habit of Python's: if x != 5: print(x).)
function M.block_hint(text)
  local keyword, header, body = one_line_block(text)
  if keyword == "while" then
    return "hint: Lua's while on one line: while " .. forms.condition(header) .. " do " .. statements(body) .. " end"
  elseif keyword == "if" then
    return "hint: Lua's if on one line: if " .. forms.condition(header) .. " then " .. statements(body) .. " end"
  elseif keyword == "for" then
    local vars, iterable = match(header, "^([%a_][%w_, ]*)%s+in%s+(.+)$")
    if vars then
      return "hint: Lua's for on one line: " .. forms.for_loop(vars, forms.list_literals(iterable)) .. " " ..
        statements(body) .. " end"
    end
  end
  return nil
end

-- The hint for Python's "a if c else b" in `text`, or nil. (Also the
-- hints' for such a line whose first error is another habit: a != in c.)
function M.conditional_hint(text)
  local line, idiom, a, b = conditional(text)
  if not line then return nil end
  return "hint: Lua has no a if c else b: " .. line ..
    (idiom and (" (it gives " .. b .. " also when " .. a .. " is false or nil)") or "")
end

-- The hint for msg at a line whose text is `text`, or nil. `global` is the
-- nil global msg names, if any.
function M.hint(msg, text, global)
  -- (Only where the line calls it: `total = sum + x` is a variable.)
  if global and BUILTINS[global] and find(text, "%f[%w_]" .. global .. "%s*%(") then
    local args = match(text, "%f[%w_]" .. global .. "%s*(%b())")
    return "hint: " .. BUILTINS[global](args and inner(args))
  end
  -- except / finally as the first word of a script's line: Lua reads the
  -- block's ':' as a method call on the next line's name.
  if global == "finally" or (find(msg, "near") and match(text, "^%s*finally%s*:")) then
    return "hint: Lua has no finally: code after the pcall runs either way, then error(err, 0) raises again " ..
      "what it caught: local ok, err = pcall(f); cleanup(); if not ok then error(err, 0) end"
  end
  local class = match(text, "^%s*except%s+([%a_][%w_%.]*)%s*[:%s]")
  local as = match(text, "^%s*except%f[^%w_].-%s+as%s+([%a_][%w_]*)%s*:")
  if global == "except" or (find(msg, "near") and find(text, "^%s*except[%s:(]")) then
    local e = as or "err"
    local lua_class = class and class ~= "Exception" and class ~= "BaseException" and forms.error_class(class)
    return "hint: Lua's except is what pcall gives: local ok, " .. e .. " = pcall(function() ... end); if not ok" ..
      (lua_class and (" and " .. lua_class .. ":is(" .. e .. ")") or "") .. " then ... end"
  end
  -- lst.sort(), d.get("k"), s.split(","): a nil field or method of a table
  -- or a string, called as Python's method.
  local name = match(msg, "attempt to call a nil value %(method '([%w_]+)'%)")
    or match(msg, "attempt to call a nil value %(field '([%w_]+)'%)")
  if name and METHODS[name] then
    local x, args = forms.method_call(text, name)
    -- What x held, when the error left its task (else the line alone):
    -- a string's method for a string, a list's or a dict's for a table;
    -- luasync's objects have methods of their own.
    local seen = x and receivers.of(msg)
    if seen and seen.path ~= x then seen = nil end
    local kind = seen and seen.kind
    if kind and kind ~= "string" and kind ~= "table" then
      return not LUA_TYPES[kind] and class_hint(x, kind, name) or nil
    end
    local whose = RECEIVERS[name] or "table"
    local h = x and not LIBRARIES[x] and (kind == nil or whose == "either" or kind == whose) and
      METHODS[name](x, inner(args), seen)
    if h then return "hint: " .. h end
    if name == "append" and not x then return "hint: " .. APPEND_ANY end
  end
  -- s.upper(): the string library's function without its string, whose
  -- last argument then is missing. (Not a module's own function: a table,
  -- a global one or, when the error left its task, whatever x held.)
  local n, f = match(msg, "bad argument #(%d+) to '([%w_]+)' %([^()]*expected, got no value%)")
  if f and type(rawget(string, f)) == "function" then
    local x, args = forms.method_call(text, f, true)
    local seen = x and receivers.of(msg)
    local kind = seen and seen.path == x and seen.kind or type(rawget(_G, x))
    if x and not LIBRARIES[x] and kind ~= "table" then
      return "hint: a string's methods are called with ':' in Lua: " .. x .. ":" .. f .. args
    end
  end
  -- "%d items" % n: Lua's % is arithmetic only.
  if find(msg, "attempt to mod a 'string'", 1, true) or find(msg, "attempt to perform arithmetic on a string", 1, true) then
    local fmt, rest = match(text, "([\"'][^\"']*%%[^\"']*[\"'])%s*%%(.*)$")
    -- The operand after %: a tuple (a table), a call, a name or a number.
    local rhs = rest and (match(rest, "^%s*(%b())") or match(rest, "^%s*(%b{})") or
      match(rest, "^%s*([%w_%.:]*%b())") or match(rest, "^%s*([%w_%.]+)"))
    if rhs then
      local args = (find(rhs, "^%(") or find(rhs, "^{")) and inner(rhs) or rhs
      return "hint: Lua formats with string.format, not %: (" .. fmt .. "):format(" .. args .. ")"
    end
  end
  if find(msg, "near") then
    local fmt, args = match(text, "([\"'][^\"']*%%[^\"']*[\"'])%s*%%%s*(%b())")
    if fmt then return "hint: Lua formats with string.format, not %: (" .. fmt .. "):format(" .. inner(args) .. ")" end
  end
  -- while c: body on one line: Lua expected its do (then) at the ':', or,
  -- where it read a method call (for i in range(3): print(i)), at the end.
  if find(msg, "'do' expected near", 1, true) or find(msg, "'then' expected near", 1, true) then
    local h = M.block_hint(text)
    if h then return h end
  end
  -- x = a if c else b: Lua reads `x = a`, then an if without its then.
  if find(msg, "near 'else'", 1, true) or find(msg, "near 'if'", 1, true) then
    return M.conditional_hint(text)
  end
  return nil
end

return M
