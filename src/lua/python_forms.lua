-- Python's forms as Lua writes them, for the hints (luasync.hints) that
-- show a student the Lua of what they typed: an f-string as a format
-- string and its arguments, a condition, a for header, a list
-- comprehension, a call's *args; and the object path before a name, which
-- both languages write alike. Text in, text out, from the line as typed.
local find, match, gsub, sub, format = string.find, string.match, string.gsub, string.sub, string.format
local tonumber, tostring, tointeger = tonumber, tostring, math.tointeger
local type, pcall, require, rawget, ipairs = type, pcall, require, rawget, ipairs

local M = {}

local function trim(s) return (gsub(gsub(s, "^%s+", ""), "%s+$", "")) end
M.trim = trim  -- (the hints' too)

-- A string literal's mark while its text is set aside: "\1", its number in
-- bytes \16..\25 (one a digit), "\2": no word character, space or
-- punctuation, so no pattern of the hints matches inside it, and a frontier
-- %f[%w_] sees it as it sees a quote.
local function mark(n)
  return "\1" .. gsub(tostring(n), "%d", function(d) return string.char(16 + tonumber(d)) end) .. "\2"
end
local function mark_number(code)
  return tonumber((gsub(code, ".", function(c) return tostring(string.byte(c) - 16) end)))
end

-- `s` with its quoted string literals ('...' and "...", a backslash
-- escaping the next character; one left open runs to the end) set aside as
-- marks, and the function that puts them back into a text made from it
-- (nil stays nil): the hints that rewrite Python's words (!=, None, is,
-- a if c else b) in a line must leave a string's text as typed ("a != b").
function M.mask_strings(s)
  local strings, out, i, n = {}, {}, 1, #s
  while i <= n do
    local at = find(s, "[\"']", i)
    if not at then
      out[#out + 1] = sub(s, i)
      break
    end
    local quote, j = sub(s, at, at), at + 1
    while j <= n and sub(s, j, j) ~= quote do j = j + (sub(s, j, j) == "\\" and 2 or 1) end
    strings[#strings + 1] = sub(s, at, j)
    out[#out + 1] = sub(s, i, at - 1) .. mark(#strings)
    i = j + 1
  end
  local function restore(text)
    if text == nil or #strings == 0 then return text end
    return (gsub(text, "\1([\16-\25]+)\2", function(code) return strings[mark_number(code)] end))
  end
  return table.concat(out), restore
end

-- rewrite(s) of `s` outside its string literals (M.mask_strings): its
-- first result.
function M.outside_strings(s, rewrite)
  local masked, restore = M.mask_strings(s)
  return restore((rewrite(masked)))
end

-- Words after which a '[' opens a list, not an index (x in [1, 2]).
local BEFORE_VALUE = { ["in"] = true, ["return"] = true, ["and"] = true, ["or"] = true, ["not"] = true,
  ["if"] = true, ["else"] = true }

-- Python's list literals in the expression `s` ([1, 2], ["a", [3]]) as
-- Lua's tables ({1, 2}, {"a", {3}}), outside its strings: a '[' after a
-- value (t[1], f()[2], "ab"[1]) is an index and stays.
local function list_literals_in_code(s)
  local out, opened = {}, {}
  for i = 1, #s do
    local c = sub(s, i, i)
    if c == "[" then
      local before = match(sub(s, 1, i - 1), "(%S*)%s*$")
      local word = match(before, "([%a_][%w_]*)$")
      local literal = before == "" or (word and BEFORE_VALUE[word]) or not find(before, "[%w_%)%]}\2]$")
      opened[#opened + 1] = literal
      c = literal and "{" or c
    elseif c == "]" and #opened > 0 then
      c = table.remove(opened) and "}" or c
    end
    out[#out + 1] = c
  end
  return table.concat(out)
end
function M.list_literals(s)
  return M.outside_strings(s, list_literals_in_code)
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
function M.conversion(spec)
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
-- %s); {{ and }} are literal braces; a literal % is %%; {x=} is "x=%s";
-- {t:get_name()} is Lua's method call, not t with a spec.
-- Answers the format, the expressions, and the fields whose spec Lua has
-- no conversion for (each shown as %s); nil when a field is not closed.
function M.fstring(s)
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
        elseif depth == 0 and not colon and d == ":" and not find(s, "^:[%a_][%w_]*%s*[(\"'{]", j) then
          -- (A ':' before a name and its arguments is Lua's method call,
          -- {task:cancelled()}, which no Python format spec looks like.)
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
      local conversion = not find(spec, "{", 1, true) and M.conversion(spec)
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

-- The standard libraries and luasync's modules: their functions are called
-- with '.', as Python calls a module's (math.floor(x), time.time()).
M.MODULES = { string = true, table = true, math = true, os = true, io = true, utf8 = true, coroutine = true,
  debug = true, asyncio = true, time = true }

-- Python's obj.method(...) in an expression as Lua's obj:method(...) (the
-- last '.' of a path of names before a call), but a module's function,
-- `is_module(first name)`: math.floor(x) stays. Answers the expression and
-- whether it changed.
function M.method_calls(expr, is_module)
  local changed = false
  local out = gsub(expr, "()([%a_][%w_]*)([%w_%.]-)%.([%a_][%w_]*)(%s*%()", function(at, root, middle, name, paren)
    if find(sub(expr, at - 1, at - 1), "[%w_%.:]") or is_module(root) then return nil end
    changed = true
    return root .. middle .. ":" .. name .. paren
  end)
  return out, changed
end

-- Python's f-string, its quote and the text between them, as a Lua
-- expression: the string itself when it has no field, else
-- (quote .. format .. quote):format(args), Python's method calls among the
-- args as Lua's (M.method_calls, with `is_module`). Answers it, the fields
-- whose spec Lua's format has nothing for (each shown as %s) and whether a
-- method call was rewritten; nil when a field is not closed.
function M.fstring_lua(quote, body, is_module)
  local template, args, untranslated = M.fstring(body)
  if not template then return nil end
  if #args == 0 then return quote .. gsub(template, "%%%%", "%%") .. quote, untranslated, false end
  local methods = false
  for k, expr in ipairs(args) do
    local changed
    args[k], changed = M.method_calls(expr, is_module)
    methods = methods or changed
  end
  return "(" .. quote .. template .. quote .. "):format(" .. table.concat(args, ", ") .. ")", untranslated, methods
end

-- `s` with each f-string literal in it (f"...", F'...') as Lua writes it
-- (M.fstring_lua): for a hint that shows a line of Python as Lua, the
-- message of assert x, f"..." and of raise E(f"...").
function M.lua_fstrings(s, is_module)
  local masked, restore = M.mask_strings(s)
  return restore((gsub(masked, "%f[%w_][fF](\1[\16-\25]+\2)", function(literal)
    literal = restore(literal)
    local quote = sub(literal, 1, 1)
    if #literal < 2 or sub(literal, -1) ~= quote then return nil end  -- (left open)
    return (M.fstring_lua(quote, sub(literal, 2, -2), is_module))
  end)))
end

-- The first f-string literal of `s` (f"...", F'...'), a backslash escaping
-- the next character as in both languages (f"a\"b{x}"): its quote and the
-- text between its quotes; nil when there is none, or it is left open.
function M.fstring_literal(s)
  local masked, restore = M.mask_strings(s)
  for literal in string.gmatch(masked, "%f[%w_][fF](\1[\16-\25]+\2)") do
    literal = restore(literal)
    local quote = sub(literal, 1, 1)
    if #literal >= 2 and sub(literal, -1) == quote then return quote, sub(literal, 2, -2) end
  end
  return nil
end

-- `s` with each of Python's "fmt % args" (a literal that holds a %, then %
-- and a tuple, a call, a name or a number) as Lua's (fmt):format(args),
-- outside its strings: raise E("bad: %s" % x) as error(E(("bad: %s"):format(x))).
function M.percent_formats(s)
  local masked, restore = M.mask_strings(s)
  local function lua(literal, rhs)
    if not find(restore(literal), "%", 1, true) then return nil end
    local args = match(rhs, "^%((.*)%)$")
    args = args and gsub(trim(args), ",$", "") or rhs
    return "(" .. literal .. "):format(" .. args .. ")"
  end
  local out = gsub(masked, "(\1[\16-\25]+\2)%s*%%%s*([%a_][%w_%.:]*%s*%b())", lua)
  out = gsub(out, "(\1[\16-\25]+\2)%s*%%%s*(%b())", lua)
  out = gsub(out, "(\1[\16-\25]+\2)%s*%%%s*([%w_%.]+)", lua)
  return restore(out)
end

-- `s` with each *name among a call's arguments as table.unpack(name):
-- Python's f(*args) in Lua.
function M.unpacked(s)
  return (gsub(s, "([(,]%s*)%*%s*([%a_][%w_%.]*)", "%1table.unpack(%2)"))
end

-- A call's arguments split at its own commas (not those inside brackets or
-- quotes), each trimmed.
local function arguments(inner)
  local parts, depth, start, quote = {}, 0, 1, nil
  for i = 1, #inner do
    local c = sub(inner, i, i)
    if quote then
      if c == quote and sub(inner, i - 1, i - 1) ~= "\\" then quote = nil end
    elseif c == '"' or c == "'" then
      quote = c
    elseif c == "(" or c == "[" or c == "{" then
      depth = depth + 1
    elseif c == ")" or c == "]" or c == "}" then
      depth = depth - 1
    elseif c == "," and depth == 0 then
      parts[#parts + 1] = trim(sub(inner, start, i - 1))
      start = i + 1
    end
  end
  parts[#parts + 1] = trim(sub(inner, start))
  return parts
end
M.arguments = arguments  -- (python_statements.lua's split at commas)

-- Python's f(*xs, more...) (gather(*tasks, return_exceptions=True)): Lua's
-- table.unpack gives a list's items only as the last argument (before
-- another, only the first item), so the items and what follows them go in
-- one list first. Answers the statements that build it ("local args =
-- {table.unpack(xs)}; args[#args + 1] = { k = v }") and the call
-- (f(table.unpack(args))), or nil when nothing follows *xs.
function M.unpacked_before_more(call)
  local callee, inner = match(call, "^([%a_][%w_%.:]*)%s*%((.*)%)$")
  if not callee then return nil end
  local parts = arguments(inner)
  local at
  for i = 1, #parts do
    if match(parts[i], "^%*%s*[%a_]") then
      at = i
      break
    end
  end
  if not at or at == #parts then return nil end
  local items = {}
  for i = 1, at - 1 do items[#items + 1] = parts[i] end
  items[#items + 1] = "table.unpack(" .. match(parts[at], "^%*%s*(.-)$") .. ")"
  local statements, options = { "local args = {" .. table.concat(items, ", ") .. "}" }, {}
  for i = at + 1, #parts do
    local kw, value = match(parts[i], "^([%a_][%w_]*)%s*=%s*([^=].*)$")
    if kw then
      options[#options + 1] = kw .. " = " .. M.condition(value)
    else
      statements[#statements + 1] = "args[#args + 1] = " .. parts[i]
    end
  end
  if #options > 0 then statements[#statements + 1] = "args[#args + 1] = { " .. table.concat(options, ", ") .. " }" end
  return table.concat(statements, "; "), callee .. "(table.unpack(args))"
end

-- Python's call `call` (gather(*ts, return_exceptions=True), q.get(),
-- wait_for(aw, timeout=1)) as Lua writes it: a method of an object with ':'
-- (`is_method(object, name)` says which `x.name` is one), a keyword argument
-- by position where `positional[callee][kw]` names one, the others in one
-- options table at the end ({ k = v }), *xs (or table.unpack(xs) before
-- another argument) as the items of xs, and the calls among the arguments
-- alike. Answers the statements that must come first, or nil: with *xs
-- before another argument, the list of the items and what follows them
-- ("local args = {table.unpack(xs)}; args[#args + 1] = { k = v }", as
-- unpacked_before_more), since table.unpack gives all the items only as the
-- last argument; and the call. A text that is no call comes back as it is.
local SUBPROCESS = { PIPE = true, STDOUT = true, DEVNULL = true }
function M.python_call(call, positional, is_method)
  local callee, inner = match(trim(call), "^([%a_][%w_%.:]*)%s*%((.*)%)$")
  if not callee or not find("(" .. inner .. ")", "^%b()$") then return nil, call end
  local object, name = match(callee, "^([%a_][%w_%.]*)%.([%a_][%w_]*)$")  -- (self.queue.get: self.queue)
  if object and is_method and is_method(object, name) then callee = object .. ":" .. name end
  local by_position = positional and positional[callee] or {}
  local function lua(part)
    local before, c = M.python_call(part, positional, is_method)
    return before and part or c
  end
  local args, options, star = {}, {}, nil
  for _, part in ipairs(trim(inner) == "" and {} or arguments(inner)) do
    local kw, value = match(part, "^([%a_][%w_]*)%s*=%s*([^=].*)$")
    local listed = not kw and (match(part, "^%*%s*([%a_][%w_%.]*)$") or
      match(part, "^table%.unpack%s*%(%s*([%a_][%w_%.]*)%s*%)$"))
    if kw then
      -- (from asyncio.subprocess import PIPE: the name is asyncio's here)
      value = SUBPROCESS[value] and ("asyncio.subprocess." .. value) or M.condition(lua(value))
      if by_position[kw] then args[#args + 1] = value else options[#options + 1] = kw .. " = " .. value end
    elseif listed and not star then
      star = #args + 1
      args[star] = "table.unpack(" .. listed .. ")"
    else
      args[#args + 1] = lua(part)
    end
  end
  if #options > 0 then args[#args + 1] = "{ " .. table.concat(options, ", ") .. " }" end
  if star and star < #args then
    local statements = { "local args = {" .. table.concat(args, ", ", 1, star) .. "}" }
    for i = star + 1, #args do statements[#statements + 1] = "args[#args + 1] = " .. args[i] end
    return table.concat(statements, "; "), callee .. "(table.unpack(args))"
  end
  return nil, callee .. "(" .. table.concat(args, ", ") .. ")"
end

-- The innermost call on the line whose own arguments (not those of a call
-- inside it) hold `pattern` at their start, `*xs` or `k=v`: its position and
-- text, or nil.
function M.call_with_argument(text, pattern)
  local found_at, found
  for at, call in string.gmatch(text, "()([%a_][%w_%.:]*%s*%b())") do
    local inner = match(call, "%((.*)%)$")
    for _, part in ipairs(arguments(inner)) do
      if find(part, pattern) then found_at, found = at, call end
    end
    -- (the calls inside this one come after it: the last found is innermost)
    local nested_at, nested = M.call_with_argument(inner, pattern)
    if nested then found_at, found = at + find(call, "(", 1, true) + nested_at - 1, nested end
  end
  return found_at, found
end

-- The first call on the line (`f(...)`, `asyncio.gather(...)`) whose
-- parentheses hold `pattern`, or nil.
function M.call_holding(text, pattern)
  for call in string.gmatch(text, "[%a_][%w_%.:]*%s*%b()") do
    if find(call, pattern) then return call end
  end
  return nil
end

-- The Lua expression of Python's error class `name` ("asyncio.TimeoutError"
-- as it is, "ValueError" as asyncio's, "MyError" a class of the program's:
-- a name that ends in Error or Exception), or nil for a name that is no
-- error class.
function M.error_class(name)
  local ok, asyncio = pcall(require, "asyncio")
  local is_class = require("luasync.errors").is_class
  local field = match(name, "^asyncio%.([%a_][%w_]*)$")
  if ok and type(asyncio) == "table" then
    if field and is_class(rawget(asyncio, field)) then return name end
    if match(name, "^[%a_][%w_]*$") and is_class(rawget(asyncio, name)) then return "asyncio." .. name end
  end
  if find(name, "Error$") or find(name, "Exception$") then return name end
  return nil
end

-- Lua's test of Python's isinstance(x, T), T a built-in type (str, int...)
-- or an error class, or nil.
local TYPE_TESTS = {
  str = 'type(%s) == "string"', int = 'math.type(%s) == "integer"', float = 'math.type(%s) == "float"',
  bool = 'type(%s) == "boolean"', dict = 'type(%s) == "table"', list = 'type(%s) == "table"',
  tuple = 'type(%s) == "table"', set = 'type(%s) == "table"',
}
local function type_test(x, class)
  if TYPE_TESTS[class] then return format(TYPE_TESTS[class], x) end
  local lua_class = M.error_class(class)
  return lua_class and (lua_class .. ":is(" .. x .. ")")
end

-- isinstance(x, T) and isinstance(x, (T, U)) in Lua's words, or nil.
function M.isinstance(x, classes)
  x, classes = trim(x), trim(classes)
  local inner = match(classes, "^%((.*)%)$")
  if not inner then return type_test(x, classes) end
  local classes_in, has = {}, {}
  for class in string.gmatch(inner, "[^,]+") do
    classes_in[#classes_in + 1] = trim(class)
    has[trim(class)] = true
  end
  local tests, seen = {}, {}
  for _, class in ipairs(classes_in) do
    local t
    if has.int and has.float and (class == "int" or class == "float") then  -- (int, float): a number
      t = "type(" .. x .. ") == \"number\""
    else
      t = type_test(x, class)
    end
    if not t then return nil end
    if not seen[t] then tests[#tests + 1] = t end
    seen[t] = true
  end
  if #tests == 1 then return tests[1] end
  return #tests > 0 and ("(" .. table.concat(tests, " or ") .. ")") or nil
end

-- Python's condition `s` in Lua's words: is and is not are == and ~= (but
-- `e is SomeError`, always false for an error, is the class's test:
-- SomeError:is(e)), isinstance is Lua's test, != is ~=, None, True and
-- False are nil, true and false. (Not in a string: `s == "a != b"`.)
local function python_condition(s)
  -- (A class's :is is written as ":\0(" until is has become ==.)
  local function class_test(negated)
    return function(x, class)
      local lua_class = M.error_class(class)
      if lua_class then return negated .. lua_class .. ":\0(" .. x .. ")" end
    end
  end
  local function isinstance(x, classes)
    local test = M.isinstance(x, classes)
    return test and gsub(test, ":is%(", ":\0(")
  end
  s = gsub(s, "([%w_%.]+)%s+is%s+not%s+([%a_][%w_%.]*)", class_test("not "))
  s = gsub(s, "([%w_%.]+)%s+is%s+([%a_][%w_%.]*)", class_test(""))
  s = gsub(s, "%f[%w_]isinstance%s*%(%s*([^,()]-)%s*,%s*(%b())%s*%)", isinstance)
  s = gsub(s, "%f[%w_]isinstance%s*%(%s*([^,()]-)%s*,%s*([%a_][%w_%.]*)%s*%)", isinstance)
  s = gsub(s, "%f[%w_]is%s+not%f[^%w_]", "~=")
  s = gsub(s, "%f[%w_]is%f[^%w_]", "==")
  s = gsub(s, "!=", "~=")
  s = gsub(s, "%f[%w_]None%f[^%w_]", "nil")
  s = gsub(s, "%f[%w_]True%f[^%w_]", "true")
  s = gsub(s, "%f[%w_]False%f[^%w_]", "false")
  return (gsub(s, ":%z%(", ":is("))
end
function M.condition(s)
  return M.outside_strings(s, python_condition)
end

-- What Lua's for over `kind` (M.for_loop's; the hints') is said to be.
M.FOR_KINDS = {
  count = "Lua's for counts both ends", enumerate = "Lua's enumerate is ipairs, which counts from 1",
  length = "Lua's lists count from 1, and its for counts both ends",
  table = "Lua's for over a table's keys and values is pairs", list = "Lua's for over a list",
}

-- Python's `for vars in iterable` as Lua's for (without its body), and what
-- kind of loop it is: "count" (range), "length" (range(len(t)): t's
-- positions, 1 to #t in Lua), "enumerate", "table" (a dict's items, keys,
-- values), "list".
function M.for_loop(vars, iterable)
  vars, iterable = gsub(trim(vars), "%s*,%s*", ", "), trim(iterable)
  local args = match(iterable, "^range%s*%((.*)%)$")
  if args and not find(vars, ",", 1, true) then
    local list = match(args, "^%s*len%s*%(%s*([%a_][%w_%.]*)%s*%)%s*$")
    if list then return "for " .. vars .. " = 1, #" .. list .. " do", "length" end
    args = gsub(args, "%f[%w_]len%s*%(%s*([%a_][%w_%.]*)%s*%)", "#%1")  -- (Lua's len)
    local first, stop = match(args, "^([^,]-)%s*,%s*([^,]-)$")
    if not first then first, stop = "0", trim(args) end
    local count = tointeger(tonumber(stop))
    return "for " .. vars .. " = " .. trim(first) .. ", " .. (count and tostring(count - 1) or (stop .. " - 1")) ..
      " do", "count"
  end
  local list = match(iterable, "^enumerate%s*%((.-)%)$")
  if list and match(vars, "^[%a_][%w_]*, [%a_][%w_]*$") then
    return "for " .. vars .. " in ipairs(" .. list .. ") do", "enumerate"
  end
  local dict, method = match(iterable, "^(.-)%.(%a+)%s*%(%s*%)$")
  if method == "items" then return "for " .. vars .. " in pairs(" .. dict .. ") do", "table" end
  if method == "keys" then return "for " .. vars .. " in pairs(" .. dict .. ") do", "table" end
  if method == "values" then return "for _, " .. vars .. " in pairs(" .. dict .. ") do", "table" end
  if find(vars, ",", 1, true) then
    return "for _, item in ipairs(" .. iterable .. ") do local " .. vars .. " = table.unpack(item)", "list"
  end
  return "for _, " .. vars .. " in ipairs(" .. iterable .. ") do", "list"
end

-- Python's expression `expr` in Lua's words, as far as a hint's line
-- goes: its words (M.condition), its lists ([1, 2] as {1, 2}) and its
-- method calls (s.upper() as s:upper(), but a module's function stays:
-- `is_module`, M.method_calls).
function M.expression(expr, is_module)
  expr = M.list_literals(M.condition(expr))
  if is_module then expr = M.outside_strings(expr, function(code) return M.method_calls(code, is_module) end) end
  return expr
end

-- Python's list comprehension on the line, [expr for vars in iterable if
-- cond], as a Lua loop that fills a table, or nil; with `is_module`, its
-- method calls as Lua's (M.expression).
function M.comprehension(text, is_module)
  for at, brackets in string.gmatch(text, "()(%b[])") do
    local expr, vars, rest = match(sub(brackets, 2, -2), "^%s*(.-)%s+for%s+([%a_][%w_,%s]-)%s+in%s+(.-)%s*$")
    if expr then
      local iterable, cond = match(rest, "^(.-)%s+if%s+(.-)$")
      local target = match(sub(text, 1, at - 1), "([%a_][%w_%.]*)%s*=%s*$")
      local t = target or "t"
      local add = t .. "[#" .. t .. " + 1] = " .. M.expression(expr, is_module)
      if cond then add = "if " .. M.expression(cond, is_module) .. " then " .. add .. " end" end
      -- (The iterable's lists only: for_loop reads d.items() as Python's.)
      local header = M.for_loop(vars, M.list_literals(iterable or rest))
      return (find(t, ".", 1, true) and "" or "local ") .. t .. " = {}; " .. header ..
        (find(header, "do$") and " " or "; ") .. add .. " end" .. (target and "" or " (then use t)")
    end
  end
  return nil
end

-- The object path that ends just before position `at` of `text`, calls
-- and indexes included ("asyncio.", "asyncio.get_running_loop():",
-- "rows[1]."), or "".
local OPENING = { [")"] = "(", ["]"] = "[" }
function M.path_before(text, at)
  local i = at - 1
  while i >= 1 do
    local c = sub(text, i, i)
    if OPENING[c] then
      local close, open, depth = c, OPENING[c], 0
      repeat
        c = sub(text, i, i)
        if c == close then depth = depth + 1 elseif c == open then depth = depth - 1 end
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

-- The first call of the method `name` on the line, Python's x.name(...)
-- (or Lua's x:name(...), unless `dot_only`): its receiver x as written, a
-- name, a path or an expression (lst, self.items, get().lst, rows[1]), and
-- the parentheses with its arguments; or nil.
function M.method_call(text, name, dot_only)
  for at, args in string.gmatch(text, "()" .. (dot_only and "%." or "[%.:]") .. name .. "%s*(%b())") do
    local receiver = M.path_before(text, at)
    if find(receiver, "^[%a_(]") then return receiver, args end
  end
  return nil
end

return M
