-- How the REPL shows a value: M.format(value[, opts]) -> string.
--
-- Scalars: strings double-quoted and escaped (\n \t \r \\ \" and other
-- control bytes as \ddd); numbers as tostring (inf, -inf, nan); booleans,
-- nil. Functions, threads, userdata and any value whose metatable has
-- __tostring (Tasks, Futures, errors, coroutine objects) by tostring; a
-- __tostring that raises or returns a non-string gives
-- <table: 0x... (__tostring failed: msg)>.
--
-- Tables: the array part {1, 2, 3} first, then the other keys sorted
-- (numbers ascending, strings alphabetically, false before true, then
-- anything else by its text); `name = v` for identifier keys, `["a b"] = v`,
-- `[1.5] = v`, `[true] = v` for the others. On one line when it fits in
-- opts.width columns (80), else one entry per line indented by two spaces.
-- opts.depth (5): tables nested deeper show as {...} (an empty one stays
-- {}: nothing is hidden); opts.max_items (100):
-- entries shown per table, the rest summed up as `... (N more)`. A table
-- being printed higher up (a cycle) shows as <cycle>; the same table met
-- twice elsewhere is printed twice.
--
-- format never raises and never calls a metamethod other than __tostring:
-- tables are read with next/rawget and metatables with debug.getmetatable.
local M = {}

local type, next, rawget, tostring, pcall = type, next, rawget, tostring, pcall
local mtype = math.type
local sfmt, srep, sbyte = string.format, string.rep, string.byte
local find, gmatch, gsub = string.find, string.gmatch, string.gsub
local concat, sort = table.concat, table.sort
local getmetatable = debug and debug.getmetatable or getmetatable
local utf8len = utf8.len

M.defaults = { depth = 5, max_items = 100, width = 80 }

---------------------------------------------------------------------------
-- Scalars

local escapes = { ["\n"] = "\\n", ["\t"] = "\\t", ["\r"] = "\\r", ["\\"] = "\\\\", ['"'] = '\\"' }

-- A control byte as \ddd: the shortest form unless a digit follows, where
-- the three-digit form keeps the text unambiguous (as %q does). Text that is
-- not valid UTF-8 has its bytes >= 0x80 escaped too, so no stray byte
-- reaches the terminal; valid UTF-8 (accented text) is left readable.
local function quote(s)
  local class = utf8len(s) and '([%c"\\])()' or '([%c"\\\128-\255])()'
  return '"' .. gsub(s, class, function(c, after)
    local e = escapes[c]
    if e then return e end
    if sbyte(s, after) and find(s, "^%d", after) then return sfmt("\\%03d", sbyte(c)) end
    return "\\" .. sbyte(c)
  end) .. '"'
end
M.quote = quote

local function number_text(n)
  if n ~= n then return "nan" end
  if n == math.huge then return "inf" end
  if n == -math.huge then return "-inf" end
  if mtype(n) == "integer" then return sfmt("%d", n) end
  return tostring(n)
end

-- The text of an error value raised by a failing __tostring, without
-- calling anything that could fail again.
local function error_text(e)
  if type(e) == "string" then return e end
  if type(e) == "number" then return number_text(e) end
  local mt = getmetatable(e)
  local ts = type(mt) == "table" and rawget(mt, "__tostring")
  if ts then
    local ok, s = pcall(ts, e)
    if ok and type(s) == "string" then return s end
  end
  if e == nil or type(e) == "boolean" then return tostring(e) end
  return sfmt("%s: %p", type(e), e)
end

-- tostring for a value whose metatable has __tostring, or nil if it has none.
local function via_tostring(v)
  local mt = getmetatable(v)
  if type(mt) ~= "table" then return nil end
  local ts = rawget(mt, "__tostring")
  if ts == nil then return nil end
  local ok, s = pcall(ts, v)
  if ok and type(s) == "string" then return s end
  local why = ok and ("'__tostring' must return a string, got " .. type(s)) or error_text(s)
  return sfmt("<%s: %p (__tostring failed: %s)>", type(v), v, why)
end

-- The text of anything but a table printed as a table.
local function scalar(v)
  local t = type(v)
  if t == "string" then return quote(v) end
  if t == "number" then return number_text(v) end
  if t == "nil" or t == "boolean" then return tostring(v) end
  local s = via_tostring(v)
  if s then return s end
  -- no __tostring: tostring cannot fail (at most it uses __name)
  local ok, r = pcall(tostring, v)
  if ok and type(r) == "string" then return r end
  return sfmt("%s: %p", t, v)
end

---------------------------------------------------------------------------
-- Keys

local keywords = {}
for w in gmatch([[and break do else elseif end false for function goto if in local nil not or
  repeat return then true until while]], "%a+") do keywords[w] = true end

local function is_name(k)
  return type(k) == "string" and find(k, "^[%a_][%w_]*$") ~= nil and not keywords[k]
end

local key_rank = { number = 1, string = 2, boolean = 3 }

-- Orders keys: numbers ascending, strings alphabetically, false before
-- true, then the rest by their text (precomputed in texts).
local function key_less(texts)
  return function(a, b)
    local ta, tb = type(a), type(b)
    local ra, rb = key_rank[ta] or 4, key_rank[tb] or 4
    if ra ~= rb then return ra < rb end
    if ra == 1 or ra == 2 then return a < b end
    if ra == 3 then return b and not a end
    return texts[a] < texts[b]
  end
end

---------------------------------------------------------------------------
-- Tables
--
-- A table is first laid out as a node {entries..., more=N}: each entry is
-- {key = text or nil, value = node or text}. The layout then chooses one
-- line or several for each node.

-- (in terminal columns: a CJK character takes two)
local width_of = require("luasync.width").of

local build

-- A value inside a table: a node for a table shown as a table, else text.
local function value_of(v, st, level)
  if type(v) == "table" then
    return via_tostring(v) or build(v, st, level)
  end
  return scalar(v)
end

local function key_text(k, st, level)
  if is_name(k) then return k end
  return "[" .. st.flat(value_of(k, st, level + 1)) .. "]"
end

-- st: {depth=, max_items=, width=, active = set of tables being printed}
function build(t, st, level)
  if st.active[t] then return "<cycle>" end
  if next(t) == nil then return "{}" end
  if level > st.depth then return "{...}" end
  st.active[t] = true
  local node = {}
  local max = st.max_items
  local shown = 0
  -- the array part: 1..n without a hole, or 1..t.n for a packed list
  -- (table.pack, gather's results): its nils are values, shown as nil
  local n = 0
  while rawget(t, n + 1) ~= nil do n = n + 1 end
  local packed = rawget(t, "n")
  if mtype(packed) == "integer" and packed > n and packed <= n + 1000 then
    local only_list = true
    for k in next, t do
      if not (k == "n" or (mtype(k) == "integer" and k >= 1 and k <= packed)) then only_list = false break end
    end
    if only_list then n = packed end
  end
  for i = 1, n do
    if shown >= max then break end
    shown = shown + 1
    local v = rawget(t, i)
    node[shown] = { value = value_of(v, st, level + 1) }
  end
  -- the other keys, sorted
  local keys, texts = {}, {}
  for k in next, t do
    if not (mtype(k) == "integer" and k >= 1 and k <= n) then
      keys[#keys + 1] = k
      local tk = type(k)
      if not key_rank[tk] and texts[k] == nil then texts[k] = scalar(k) end
    end
  end
  local total = n + #keys
  if shown < max and #keys > 0 then
    sort(keys, key_less(texts))
    for _, k in ipairs(keys) do
      if shown >= max then break end
      shown = shown + 1
      node[shown] = {
        key = key_text(k, st, level),
        value = value_of(rawget(t, k), st, level + 1),
      }
    end
  end
  if total > shown then node.more = total - shown end
  st.active[t] = nil
  return node
end

local function entry_flat(e, flat)
  local v = type(e.value) == "table" and flat(e.value) or e.value
  return e.key and (e.key .. " = " .. v) or v
end

-- The one-line text of a node (memoised in st.flats).
local function make_flat(st)
  local flats = st.flats
  local function flat(node)
    if type(node) == "string" then return node end
    local s = flats[node]
    if s then return s end
    local parts = {}
    for i, e in ipairs(node) do parts[i] = entry_flat(e, flat) end
    if node.more then parts[#parts + 1] = "... (" .. node.more .. " more)" end
    s = "{" .. concat(parts, ", ") .. "}"
    flats[node] = s
    return s
  end
  return flat
end

-- Appends the lines of node to out; col is where node starts on the current
-- line, suffix (a comma or "") what follows it on that line. Entries of the
-- list part that fit on one line are packed several to a line, up to the
-- width (as a long Python list wraps), instead of one per line.
local function layout(node, st, out, indent, col, suffix)
  local one = st.flat(node)
  if type(node) == "string" or col + width_of(one) + #suffix <= st.width then
    out[#out] = out[#out] .. one .. suffix
    return
  end
  out[#out] = out[#out] .. "{"
  local pad = srep("  ", indent + 1)
  local count = #node
  local packing = false  -- the current line holds packed list entries
  for i, e in ipairs(node) do
    local sep = (i < count or node.more) and "," or ""
    if not e.key then
      local text = st.flat(e.value) .. sep
      local w = width_of(text)
      if packing and width_of(out[#out]) + 1 + w <= st.width then
        out[#out] = out[#out] .. " " .. text
        goto next
      elseif #pad + w <= st.width then
        out[#out + 1] = pad .. text
        packing = true
        goto next
      end
    end
    packing = false
    do
      local head = pad .. (e.key and (e.key .. " = ") or "")
      out[#out + 1] = head
      layout(e.value, st, out, indent + 1, width_of(head), sep)
    end
    ::next::
  end
  if node.more then out[#out + 1] = pad .. "... (" .. node.more .. " more)" end
  out[#out + 1] = srep("  ", indent) .. "}" .. suffix
end

local function option(opts, name)
  local v = type(opts) == "table" and rawget(opts, name)
  if type(v) == "number" and v == v then
    if name == "depth" then return math.max(0, v) end
    return math.max(1, math.floor(v))
  end
  return M.defaults[name]
end

local function format(value, opts)
  if type(value) ~= "table" or via_tostring(value) ~= nil then return scalar(value) end
  local st = {
    depth = option(opts, "depth"),
    max_items = option(opts, "max_items"),
    width = option(opts, "width"),
    active = {},
    flats = {},
  }
  st.flat = make_flat(st)
  local node = build(value, st, 1)
  local out = { "" }
  layout(node, st, out, 0, 0, "")
  return concat(out, "\n")
end

function M.format(value, opts)
  local ok, s = pcall(format, value, opts)
  if ok then return s end
  -- Only resource limits get here (memory, a stack too deep for opts.depth).
  local ok2, addr = pcall(sfmt, "%s: %p", type(value), value)
  return "<" .. (ok2 and addr or type(value)) .. " (format failed: " .. error_text(s) .. ")>"
end

return M
