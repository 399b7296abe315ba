-- Hints for Python's statements and expressions that Lua writes otherwise
-- (luasync.hints asks here): a slice s[1:3], triple quotes """...""",
-- assert x, "msg", del x, global x, x = y = 0, an annotation x: int = 5,
-- "{}".format(x), math.inf. Each answers only when the message and the
-- line both show the habit. `shown` is the REPL's: a value an input showed
-- that a Python form gave silently (s.format(1, 2) with s = "{} and {}",
-- math.inf's nil).
local find, match, gsub, sub = string.find, string.match, string.gsub, string.sub
local type, tonumber, tostring, ipairs = type, tonumber, tostring, ipairs

local forms = require "luasync.python_forms"
local trim = forms.trim

local M = {}

-- `s` split at its commas outside quotes and brackets, each part trimmed.
local split_commas = forms.arguments

local function integer(s) return math.tointeger(tonumber(s)) end

-- Python's slice x[start:stop] as Lua's string.sub, or nil (a step).
-- Python counts from 0 and leaves stop out; sub counts from 1 and keeps
-- both ends, and a negative position counts from the end in both (but
-- Python's stop -1 leaves the last character out: sub's -2).
local function string_slice(x, start, stop)
  local n, m = integer(start), integer(stop)
  local from = start == "" and "1" or (n and (n >= 0 and tostring(n + 1) or tostring(n))) or (start .. " + 1")
  if stop == "" then return x .. ":sub(" .. from .. ")" end
  local to = m and (m >= 0 and tostring(m) or tostring(m - 1)) or stop
  return x .. ":sub(" .. from .. ", " .. to .. ")"
end

-- The same slice of a list, as a new table of its items (table.move).
local function list_slice(x, start, stop)
  local n, m = integer(start), integer(stop)
  local from = start == "" and "1" or n and (n >= 0 and tostring(n + 1) or
    (n == -1 and ("#" .. x) or ("#" .. x .. " - " .. tostring(-n - 1)))) or (start .. " + 1")
  local to = stop == "" and ("#" .. x) or m and (m >= 0 and tostring(m) or ("#" .. x .. " - " .. tostring(-m))) or
    stop
  return "table.move(" .. x .. ", " .. from .. ", " .. to .. ", 1, {})"
end

-- The hint for x[a:b] (x[a:b:step]) on the line; `kind` is what x holds
-- when known ("string", "table"), else nil.
local function slice_hint(text, kind_of)
  local x, inner = match(text, "([%a_][%w_%.]*)%[([^%[%]]-:[^%[%]]-)%]")
  if not x then return nil end
  local start, stop, step = match(inner, "^([^:]*):([^:]*):?([^:]*)$")
  if not start then return nil end
  start, stop, step = trim(start), trim(stop), trim(step)
  -- (t[q:size()] is Lua's method call in an index, not a slice.)
  if find(stop, "^[%a_][%w_]*%s*[(\"'{]") then return nil end
  local kind = kind_of(x)
  if step ~= "" and step ~= "1" then
    if step == "-1" and start == "" and stop == "" and kind ~= "table" then
      return "hint: Lua has no slices: " .. x .. ":reverse() reverses a string"
    end
    return "hint: Lua has no slices: a loop with a step, for i = first, last, step do ... end, takes every " ..
      "step-th item"
  end
  local s, l = string_slice(x, start, stop), list_slice(x, start, stop)
  local counts = " (Lua counts from 1, both ends included)"
  if kind == "string" then return "hint: Lua has no slices: " .. s .. counts end
  if kind == "table" then return "hint: Lua has no slices: " .. l .. " gives those items in a new table" .. counts end
  return "hint: Lua has no slices: " .. s .. " for a string; " .. l .. " for a list's items, in a new table" ..
    counts
end

-- Python's triple quotes: Lua's long string [[...]] holds several lines.
local function triple_quotes_hint(text)
  local q = find(text, '"""', 1, true) and '"""' or find(text, "'''", 1, true) and "'''"
  if not q then return nil end
  local start = "hint: Lua has no triple quotes: a string of several lines is a long string, "
  local a = find(text, q, 1, true)
  local b = find(text, q, a + 3, true)
  local before, after = sub(text, 1, a - 1), sub(text, a + 3)
  if b then
    return start .. trim(before .. "[[" .. sub(text, a + 3, b - 1) .. "]]" .. sub(text, b + 3))
  end
  -- The string's first line: what comes before opens it (x =, f(, return).
  if trim(before) == "" or find(before, "[=(,{]%s*$") or find(before, "%f[%w_]return%s*$") then
    return start .. trim(before .. "[[" .. after) .. " ... ]] (its lines end at ]])"
  end
  return start .. "[[first line, then the next ones]]"
end

-- A literal Python's value for x = y = value may be copied; another
-- (a table, a call) is made once, as Python's, and given to each name.
local function is_literal(v)
  return integer(v) ~= nil or tonumber(v) ~= nil or find(v, '^"[^"]*"$') ~= nil or find(v, "^'[^']*'$") ~= nil or
    v == "nil" or v == "true" or v == "false"
end

-- x = y = 0: Lua assigns a list of values to a list of names.
local function chained_hint(text)
  local declare, rest = match(text, "^%s*(local%s+)(.*)$")
  if not declare then declare, rest = "", text end
  local names, value = {}, nil
  local s = rest
  while true do
    local name, tail = match(s, "^%s*([%a_][%w_%.]*)%s*=([^=].*)$")
    if not name then break end
    names[#names + 1] = name
    s = tail
  end
  value = trim(s)
  if #names < 2 or value == "" then return nil end
  value = forms.condition(value)
  if value == "[]" then value = "{}" end
  if is_literal(value) then
    local values = {}
    for k = 1, #names do values[k] = value end
    return "hint: Lua assigns several names at once with a list of values: " .. declare ..
      table.concat(names, ", ") .. " = " .. table.concat(values, ", ")
  end
  local last = names[#names]
  local out = { declare .. last .. " = " .. value }
  for k = 1, #names - 1 do out[#out + 1] = declare .. names[k] .. " = " .. last end
  return "hint: Lua has no x = y = value: " .. table.concat(out, "; ") .. " (one value for every name, as in Python)"
end

-- The types an annotation without a value names (x: int), where t:get_name
-- would be Lua's method.
local PYTHON_TYPES = { int = true, str = true, float = true, bool = true, list = true, dict = true, tuple = true,
  set = true, bytes = true, Any = true, Optional = true, List = true, Dict = true }

-- x: int = 5: a variable's type is no part of Lua's declaration.
local function annotation_hint(msg, text)
  if not (find(msg, "function arguments expected", 1, true) or find(msg, "near ':'", 1, true)) then return nil end
  local rest = match(text, "^%s*local%s+(.*)$") or text
  local name, value = match(rest, "^%s*([%a_][%w_]*)%s*:%s*[%a_][%w_%.%[%], ]-%s*=%s*([^=].-)%s*$")
  if not name then
    local annotation
    name, annotation = match(rest, "^%s*([%a_][%w_]*)%s*:%s*([%a_][%w_]*)%s*$")
    if not name or not PYTHON_TYPES[annotation] then return nil end
    return "hint: Lua has no annotations: local " .. name .. " declares a local (nil until assigned)"
  end
  value = forms.condition(value)
  if value == "[]" then value = "{}" end
  return "hint: Lua has no annotations: local " .. name .. " = " .. value
end

-- Python's format template `template` (the text in its quotes) as Lua's
-- format string: {} is %s, {:.2f} the conversion of its spec, {{ and }}
-- braces, % is %%; nil for a field Lua cannot write in place ({0},
-- {name}), or when there is no field.
local function lua_template(template)
  local out, fields, i = {}, 0, 1
  while i <= #template do
    local c, after = sub(template, i, i), sub(template, i + 1, i + 1)
    if (c == "{" or c == "}") and after == c then
      out[#out + 1] = c
      i = i + 2
    elseif c == "{" then
      local close = find(template, "}", i, true)
      if not close then return nil end
      local field = sub(template, i + 1, close - 1)
      local spec = match(field, "^:(.*)$")
      if field ~= "" and not spec then return nil end
      local conversion = forms.conversion(spec or "")
      if not conversion then return nil end
      out[#out + 1] = conversion
      fields = fields + 1
      i = close + 1
    elseif c == "%" then
      out[#out + 1] = "%%"
      i = i + 1
    else
      out[#out + 1] = c
      i = i + 1
    end
  end
  return fields > 0 and table.concat(out) or nil
end

-- The Lua of "template".format(args) (`quote` the literal's): the format
-- call, and with one {} its concatenation too.
local function format_text(quote, template, args)
  local lua = lua_template(template)
  if not lua then return nil end
  if quote == "'" and not find(lua, '"', 1, true) then quote = '"' end
  local call = "(" .. quote .. lua .. quote .. "):format(" .. args .. ")"
  local before, after = match(template, "^([^{}%%]*){}([^{}%%]*)$")
  local parts = split_commas(args)
  if before and before .. after ~= "" and #parts == 1 and parts[1] ~= "" then
    local joined = {}
    if before ~= "" then joined[#joined + 1] = quote .. before .. quote end
    joined[#joined + 1] = parts[1]
    if after ~= "" then joined[#joined + 1] = quote .. after .. quote end
    call = call .. ", or " .. table.concat(joined, " .. ")
  end
  return call
end

local FORMAT_NOTE = "Lua's format takes %s where Python's takes {}: "

-- "{} and {}".format(a, b): Lua reads the literal, then '.'.
local function format_hint(text)
  for quote, template, args in string.gmatch(text, "([\"'])([^\"']*)%1%s*%)?%s*[%.:]%s*format%s*(%b())") do
    local lua = find(template, "{", 1, true) and format_text(quote, template, trim(sub(args, 2, -2)))
    if lua then return "hint: " .. FORMAT_NOTE .. lua end
  end
  return nil
end

-- Python's math constants that Lua's math has not.
local MATH = {
  inf = "Lua's infinity is math.huge (and -math.huge)",
  nan = "Lua's math has no nan: 0/0 is one (x ~= x tells it)",  -- (the words of hints.lua's, for a field)
  e = "Lua has no math.e: math.exp(1)",
  tau = "Lua has no math.tau: 2 * math.pi",
}

local function math_hint(msg, text)
  local field = match(msg, "a nil value %(field '(%a+)'%)")
  if field and MATH[field] and find(text, "%f[%w_]math%." .. field .. "%f[^%w_]") then return "hint: " .. MATH[field] end
  if find(msg, "nil", 1, true) then
    for name in string.gmatch(text, "%f[%w_]math%.(%a+)%f[^%w_]") do
      if MATH[name] then return "hint: " .. MATH[name] end
    end
  end
  return nil
end

-- The hint for msg at a line whose text is `text`, or nil. `kind_of(x)` is
-- the type of what the name x holds when the hints can see it, else nil;
-- `is_module(name)` whether a name is a module's (forms.method_calls).
function M.hint(msg, text, kind_of, is_module)
  if find(msg, "near", 1, true) then
    if find(msg, "near ':'", 1, true) or find(msg, "near '::'", 1, true) then
      local h = slice_hint(text, kind_of)
      if h then return h end
    end
    local h = triple_quotes_hint(text)
    if h then return h end
    local cond = match(text, "^%s*assert%s+([^%s(].-)%s*$") or match(text, "^%s*assert%s*(%b()%s*,.-)%s*$")
    if cond then
      local parts = split_commas(cond)
      for k = 1, #parts do parts[k] = forms.percent_formats(forms.lua_fstrings(parts[k], is_module)) end
      parts[1] = forms.condition(parts[1])  -- (not the message: "x is not 2" stays)
      return "hint: Lua's assert is a function: assert(" .. table.concat(parts, ", ") .. ")"
    end
    local deleted = match(text, "^%s*del%s+([%a_].-)%s*$")
    if deleted then
      local out = {}
      for _, target in ipairs(split_commas(deleted)) do
        local list, index = match(target, "^([%a_][%w_%.]*)%[%s*(%-?%d+)%s*%]$")
        local n = integer(index)
        if n and n >= 0 then
          out[#out + 1] = "table.remove(" .. list .. ", " .. (n + 1) .. ")"
        elseif n == -1 then
          out[#out + 1] = "table.remove(" .. list .. ")"
        else
          out[#out + 1] = target .. " = nil"
        end
      end
      return "hint: Lua has no del: " .. table.concat(out, "; ") ..
        (find(deleted, "[", 1, true) and " (table.remove for a list's item, which moves the ones after it)" or "")
    end
    local declared = match(text, "^%s*global%s+([%a_][%w_,%s]-)%s*$")
    if declared then
      return "hint: Lua's globals need no declaration: assign " .. declared .. " anywhere, and it is global " ..
        "(local makes a local)"
    end
    if match(text, "^%s*nonlocal%s+[%a_]") then
      return "hint: a Lua function assigns the locals around it without a declaration: drop the nonlocal"
    end
    if find(msg, "near '='", 1, true) then
      h = chained_hint(text)
      if h then return h end
    end
    h = annotation_hint(msg, text)
    if h then return h end
    h = format_hint(text)
    if h then return h end
  end
  return math_hint(msg, text)
end

-- For the REPL: the hint for the values `r` (table.pack'd) that input
-- `source` showed, when a Python form gave them silently, or nil.
-- `lookup(name)` is the value of a name the input can see.
function M.shown(source, r, lookup)
  if type(source) ~= "string" or #source > 2000 then return nil end
  -- s.format(1, 2), s:format(1, 2), ("{}"):format(1) of a template with
  -- Python's {}: string.format(1, 2) gives "1", and a format without a %
  -- gives the template.
  for name, how, args in string.gmatch(source, "%f[%w_]([%a_][%w_]*)%s*([%.:])%s*format%s*(%b())") do
    local v = lookup(name)
    local lua = type(v) == "string" and find(v, "{", 1, true) and format_text('"', v, trim(sub(args, 2, -2)))
    if lua then
      return "hint: " .. FORMAT_NOTE .. lua .. (how == "." and " (a string's methods take ':')" or "")
    end
  end
  local h = format_hint(source)
  if h then return h end
  -- s[0] of a string, t[0] and t[-1] of a list: nil in Lua, whose lists
  -- count from 1 and whose strings have no index.
  if r.n == 1 and r[1] == nil then
    local x, index = match(source, "^%s*([%a_][%w_%.]*)%[%s*(%-?%d+)%s*%]%s*$")
    local n, v = integer(index), x and lookup(x)
    if n and type(v) == "string" then
      local at = n >= 0 and tostring(n + 1) or tostring(n)
      return "hint: a Lua string has no index: " .. x .. ":sub(" .. at .. ", " .. at .. ") is its character" ..
        (n >= 0 and " (Lua counts from 1)" or " (counted from the end)")
    elseif n == 0 and type(v) == "table" then
      return "hint: Lua's lists count from 1: the first item is " .. x .. "[1]"
    elseif n and n < 0 and type(v) == "table" then
      return "hint: Lua's lists count from 1, and a negative index is no position: the last item is " .. x .. "[#" ..
        x .. "]" .. (n < -1 and (", this one " .. x .. "[#" .. x .. " - " .. tostring(-n - 1) .. "]") or "")
    end
  end
  for k = 1, r.n do
    if r[k] == nil then
      for name in string.gmatch(source, "%f[%w_]math%.(%a+)%f[^%w_]") do
        if MATH[name] then return "hint: " .. MATH[name] end
      end
    end
  end
  return nil
end

return M
