-- AttributeError for a name read from an object that lacks it, where Lua
-- would read nil and the mistake would surface far away, or never: a field
-- of a coroutine object (a forgotten await: r = asyncio.http.get(url);
-- r.status) and a name asyncio's modules lack (asyncio.slep). The message
-- is CPython 3.13's as its traceback shows it, with the "Did you mean" of
-- its suggestions; a coroutine object's adds the await that was forgotten.
-- Loaded at the first such read: a name that is there costs nothing of it.
local errors = require "luasync.errors"
local suggestions = require "luasync.suggestions"

local type, next, rawget, rawset, error = type, next, rawget, rawset, error
local match, gsub, byte = string.match, string.gsub, string.byte

local M = {}

-- Raises AttributeError(message) with Python's .name and .obj. (An error
-- object takes no position: its traceback, the task's, says where.)
local function raise(obj, name, message)
  local e = errors.AttributeError(message)
  rawset(e, "name", name)
  rawset(e, "obj", obj)
  error(e)
end

-- The names among the string keys of `t` (no '_' first unless `name` has
-- one, as CPython's suggestions leave private names to private ones).
local function names_of(t, name)
  local names, underscored = {}, byte(name) == 95
  for k in next, t do
    if type(k) == "string" and match(k, "^[%a_][%w_]*$") and (underscored or byte(k) ~= 95) then
      names[#names + 1] = k
    end
  end
  return names
end

-- ". Did you mean: 'sleep'?" or "".
local function did_you_mean(name, candidates)
  local s = suggestions.suggest(name, candidates)
  return s and (". Did you mean: '" .. s .. "'?") or ""
end

-- The dotted name of the module table `mod`: asyncio, or one of its
-- tables (asyncio.subprocess).
local function module_name(mod)
  local asyncio = require("luasync.std").modules.asyncio
  if mod ~= asyncio and type(asyncio) == "table" then
    for k, v in next, asyncio do
      if v == mod and type(k) == "string" then return "asyncio." .. k end
    end
  end
  return "asyncio"
end

-- Raises "module 'asyncio' has no attribute 'slep'. Did you mean: 'sleep'?"
-- for `name` read from the module table `mod` (asyncio.lua's guard). A key
-- that is no string reads as nil, as Lua's (no module has one).
function M.module(mod, name)
  if type(name) ~= "string" then return nil end
  local modname = module_name(mod)
  local close = ""
  if modname ~= "asyncio" or not suggestions.misleading(name) then close = did_you_mean(name, names_of(mod, name)) end
  raise(mod, name, "module '" .. modname .. "' has no attribute '" .. name .. "'" .. close)
end

-- Whether `expr` is one call of a path of names and calls
-- (asyncio.http.get(url), asyncio.StreamReader():read(10)).
local function is_call(expr)
  local at = match(expr, "^[%a_][%w_]*()")
  local called = false
  while at and at <= #expr do
    local after = match(expr, "^%s*[%.:]%s*[%a_][%w_]*()", at)
    called = after == nil
    after = after or match(expr, "^%s*%b()()", at)
    at = after
  end
  return at ~= nil and called
end

-- The line `text` that made a coroutine object, with the await it lacks
-- ("local r = await(asyncio.http.get(url))"), or nil when it is not an
-- assignment of one call.
local function awaited_form(text)
  text = gsub(gsub(text, "%-%-.*$", ""), "[%s;]+$", "")
  local target, expr = match(text, "^%s*(local%s+[%a_][%w_%s,]-)%s*=%s*(.+)$")
  if not target then target, expr = match(text, "^%s*([%a_][%w_%.%s,]-)%s*=%s*(.+)$") end
  if not expr or byte(expr) == 61 or not is_call(expr) then return nil end  -- (61: '=', of ==)
  return target .. " = await(" .. expr .. ")"
end

-- The hint of a coroutine object's missing field: the await of the line
-- that made it (where: the function it was made in, line), else its name.
local function await_hint(name, where, line)
  if type(where) == "function" and type(line) == "number" then
    local lines = require("luasync.report").source_lines(debug.getinfo(where, "S").source)
    local form = lines and lines[line] and #lines[line] < 2000 and awaited_form(lines[line])
    if form then return " (hint: forgot an await? " .. form .. " runs it and gives its result)" end
  end
  return " (hint: forgot an await? this is the coroutine object of " .. name ..
    "(), which runs when awaited: await(...) gives its result)"
end

-- The fields a coroutine object of task.lua's holds at some time of its
-- life, which the runtime reads: coro.cpp's push_coro (fn, name, n, where,
-- line), started once awaited, origin in debug mode, _guard from the
-- kernel's settle. Absent, they read as nil.
local CORO_FIELDS = { fn = true, name = true, n = true, where = true, line = true, started = true, origin = true,
  _guard = true }

-- For `key`, which the coroutine object `coro` lacks: nil for one of
-- CORO_FIELDS or a key that is no string (as Lua's), else raises
-- "'coroutine' object has no attribute 'status'", with "Did you mean" when
-- key is close to one of `methods` (its class's), else with the hint of the
-- await it lacks. name_of(coro): its name (task.coro_name), or an op's
-- started, name (op_state). Where it was made: a table's where and line
-- (an op, a userdata, keeps none here).
function M.coroutine(coro, key, methods, name_of)
  if type(key) ~= "string" or CORO_FIELDS[key] then return nil end
  local where, line
  if type(coro) == "table" then where, line = rawget(coro, "where"), rawget(coro, "line") end
  local text = "'coroutine' object has no attribute '" .. key .. "'"
  local close = did_you_mean(key, names_of(methods, key))
  local a, b = name_of(coro)
  raise(coro, key, text .. (close ~= "" and close or await_hint(type(a) == "string" and a or b, where, line)))
end

return M
