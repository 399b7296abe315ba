-- "Did you mean" for a nil name, as CPython 3.13 suggests one for a
-- NameError or an AttributeError (Python/suggestions.c), among the names
-- the code could see: a script's own, the REPL's locals, the globals, a
-- table's fields, asyncio's methods. The hints (luasync.hints) add it
-- under an error; help() under a nil it was given.
local find, match, gsub, sub, gmatch = string.find, string.match, string.gsub, string.sub, string.gmatch
local type, next, pairs, ipairs, rawget = type, next, pairs, ipairs, rawget
local forms = require "luasync.python_forms"

local M = {}

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
  for part in gmatch(path, "[^.]+") do
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
M.lookup = global_path

-- v and the __index tables of its metatables, 8 deep, read raw (no
-- metamethod runs): "has" when a table of them holds `name` (v's own
-- fields count), "function" when an __index function answers past them
-- (the loop's class: it may give any name), nil otherwise.
local function index_chain(v, name)
  for _ = 1, 8 do
    if name ~= nil and type(v) == "table" and rawget(v, name) ~= nil then return "has" end
    local mt = debug.getmetatable(v)
    local index = mt and rawget(mt, "__index")
    if type(index) == "function" then return "function" end
    if type(index) ~= "table" then return nil end
    v = index
  end
  return nil
end

-- Whether v's names go on past what add_keys can list.
local function answers_through_function(v) return index_chain(v) == "function" end

local function list(set)
  local names = {}
  for k in next, set do names[#names + 1] = k end
  return names
end

-- What `s:name()` finds for a string: the table that is the string
-- metatable's __index now (the user's string table, which an input may
-- have changed: string.sub = nil), or nil when that is no table.
local function string_methods()
  local mt = debug.getmetatable("")
  local index = mt and rawget(mt, "__index")
  return type(index) == "table" and index or nil
end

-- s:sub() after string.sub = nil: a function of the string library that
-- its strings no longer have. For a value that is a string, or unknown:
-- the hint that says so (a near name, s:gsub, is not what was meant).
local function removed_string_method(wrong, v)
  if not (v == nil or type(v) == "string") or type(string[wrong]) ~= "function" then return nil end
  local methods = string_methods()
  if methods and rawget(methods, wrong) ~= nil then return nil end
  return "hint: string." .. wrong .. " is nil now (something in this session removed it): a string's methods " ..
    "are the functions of the string table"
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
  add_keys(set, string_methods() or {}, underscored)
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
      local b = before and (before[1] == "keyword" and sub(src, before[2], before[3]) or before[1])
      local field = b == "." or b == ":" or b == "::" or b == "goto" or
        (braces > 0 and (b == "{" or b == "," or b == ";") and after and after[1] == "=")
      local name = sub(src, tok[2], tok[3])
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
  -- (`with asyncio.Runner() as runner: runner.run(a()); runner.run(b())`)
  Runner = "asyncio.run(main()) runs main on it, in place of each runner.run(main())",
}
local ALWAYS_RUNNING = "hint: luasync's one loop is always running (your code runs as tasks on it): "
-- CPython's task factories, which luasync does not have: its own hint.
local NO_FACTORY = "hint: luasync has no task factories: asyncio.create_task(coro) and asyncio.spawn(fn, ...) " ..
  "make every task, and a task's first step runs at the loop's next turn (there is no eager start)"
local FACTORY_NAMES = { set_task_factory = true, get_task_factory = true, eager_task_factory = true,
  create_eager_task_factory = true }

-- Whether a near name would mislead for `name`, a name asyncio lacks (one
-- of CPython's for managing the loop or task factories: the hint below says
-- what to do instead): luasync.attributes then suggests none.
function M.misleading(name) return ASYNCIO_INSTEAD[name] ~= nil or FACTORY_NAMES[name] == true end

-- The hint for a name of LOOP_INSTEAD or ASYNCIO_INSTEAD that msg says is
-- nil: a global, a field of asyncio (nil, or the AttributeError asyncio
-- raises for it), or a method of the loop (an object whose path names a
-- loop, or the loop itself), or nil.
local function loop_instead(msg, text, global)
  local attribute = match(msg, "module 'asyncio' has no attribute '([%a_][%w_]*)'")
  local nil_name = global or attribute or match(msg, "a nil value %(%a+ '([%a_][%w_]*)'%)")
  if FACTORY_NAMES[nil_name] then return NO_FACTORY end
  if global then
    return ASYNCIO_INSTEAD[global] and (ALWAYS_RUNNING .. "there is no " .. global .. "(); " ..
      ASYNCIO_INSTEAD[global]) or nil
  end
  local kind, wrong = match(msg, "a nil value %((%a+) '([%a_][%w_]*)'%)")
  if attribute then kind, wrong = "field", attribute end
  if kind ~= "field" and kind ~= "method" then return nil end
  local instead = ASYNCIO_INSTEAD[wrong] or LOOP_INSTEAD[wrong]
  local at = instead and find(text, "[%.:]" .. wrong .. "%f[^%w_]")
  if not at then return nil end
  local path = forms.path_before(text, at)
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

-- Whether the value of the name `k` could have the method `method`: a
-- string's are the string library's; a table's or a userdata's its own
-- fields and those its __index tables give (an __index function may give
-- any); a function, a number or a boolean has none. A name whose value
-- the hints cannot see (a script's local) could.
local function could_have(k, method)
  local v = global_path(k)
  if v == nil then return true end
  if type(v) == "string" then return rawget(string, method) ~= nil end
  if type(v) ~= "table" and type(v) ~= "userdata" then return false end
  return index_chain(v, method) ~= nil
end

-- task.cancel() where task is nil: whether `name` (task, my_task, task1)
-- is a task's, and `method` one of Task's (help's entries).
local function task_name(name, method)
  local lower = string.lower(name)
  if not (find(lower, "^task") or find(lower, "task$")) or lower == "tasks" then return false end
  local ok, entries = pcall(require, "luasync.help_methods")
  if not ok or type(entries) ~= "table" then return false end
  for _, e in ipairs(entries) do
    if e.name == "Task." .. method then return true end
  end
  return false
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
    -- task.cancel(): a method called on the nil global. A near name is
    -- one whose value could have that method (not the REPL's tasks(), a
    -- function); a task's name is told where a task comes from.
    local method = find(msg, "attempt to index a nil value (global '", 1, true) and
      match(text, "%f[%w_]" .. global .. "%s*[%.:]%s*([%a_][%w_]*)%s*[(\"'{]")
    if method and task_name(global, method) then
      return "hint: " .. global .. " is nil here: a task is what asyncio.create_task returned, " .. global ..
        " = asyncio.create_task(coro) (asyncio.current_task() gives the one running)"
    end
    -- The candidates in tiers, as CPython lists a frame's locals, then its
    -- globals, then the builtins, and takes the first of those as close:
    -- the script's own names or the REPL's locals, the user's globals, the
    -- standard ones. Too many in all (MAX_CANDIDATES): no suggestion.
    local tiers, seen, count = { {}, {}, {} }, {}, 0
    local function add(tier, k)
      if seen[k] or not is_name(k) or (method and not could_have(k, method)) then return true end
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
    if method then
      for k in pairs(set) do
        if not could_have("asyncio." .. k, method) then set[k] = nil end
      end
    end
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
  if v == nil and base then
    -- A script's local: what it held when the error left its task.
    local seen = require("luasync.receivers").of(msg)
    if seen and seen.path == base then
      v = seen.value
      -- Collected since (its task's frames are gone): its class's names,
      -- through a stand-in that has the class's __index only (never its
      -- __gc or any other of the user's metamethods).
      if v == nil and seen.class then v = setmetatable({}, { __index = rawget(seen.class, "__index") }) end
    end
  end
  local removed = kind == "method" and removed_string_method(wrong, v)
  if removed then return removed end
  if v ~= nil then
    add_keys(set, v, underscored)
    s = M.suggest(wrong, list(set))
  end
  if not s and (v == nil or answers_through_function(v)) and
     (kind == "method" or find(text, "." .. wrong .. "(", 1, true)) then
    -- A method of a script's local, of what an expression gave
    -- (loop():call_son()), of an object whose class answers through a
    -- function (the loop), or one called with '.' (q.put_nowiat(1)):
    -- asyncio's and the string methods. Not for a value whose every name
    -- add_keys saw (a plain table, a queue): none of those methods is its
    -- own, and d.get("k") is not d:set.
    set = known_methods(underscored)
    s = M.suggest(wrong, list(set))
  end
  if not s then return nil end
  -- q.put_nowiat(1): the method is called with ':'.
  local how = (kind == "method" or set[s] == "method") and ":" or "."
  return "hint: did you mean " .. (base or "") .. how .. s .. "?"
end

return M
