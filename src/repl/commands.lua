-- The REPL's commands: help(), tasks(), and tab completion.
local getmetatable = require("luasync.std").class_of
local find, gmatch, match, sub = string.find, string.gmatch, string.match, string.sub

local M = {}

-- The text of the argument of the help(...) call on the line of the code
-- that called it (the first frame that is not the runtime's), when it is a
-- name or a path of names ("asyncio.foo"), or nil: help names a nil by it.
local function argument_text()
  for level = 3, 12 do
    local info = debug.getinfo(level, "Sl")
    if not info then return nil end
    if info.what ~= "C" and sub(info.source, 1, 9) ~= "=luasync:" then
      local lines = require("luasync.report").source_lines(info.source)
      local line = lines and lines[info.currentline]
      -- (Two different names in help(...) calls on the line: which call
      -- this is cannot be told, so neither is named.)
      local arg
      for a in gmatch(line or "", "%f[%w_]help%s*%(%s*([%a_][%w_%.]*)%s*%)") do
        if arg and a ~= arg then return nil end
        arg = a
      end
      if arg and not find(arg, "%.$") and arg ~= "nil" and arg ~= "true" and arg ~= "false" then return arg end
      return nil
    end
  end
  return nil
end

function M.help(...)
  print(require("luasync.help").help_at(argument_text(), ...))
end

-- One line per live task but the REPL's own and the input that asks: its
-- name, state, where it is (stdin#2:1 is line 1 of the second input) and
-- what it waits on, as a tree: a task that another awaits (directly,
-- through gather or shield, or as a TaskGroup's child) stands under it.
-- The first MAX_ROWS rows only, unless `all`. `columns`: the terminal's
-- width, which a row does not wrap in.
local MAX_ROWS = 100

function M.tasks(input_task, all, columns)
  local listing = require "luasync.listing"
  local rows = listing.rows(input_task, true)
  if #rows == 0 then
    print("no tasks")
    return
  end
  local more
  rows, more = listing.cap(rows, not all and MAX_ROWS or nil, "tasks(true) lists them all")
  for _, r in ipairs(rows) do r[5] = nil end
  print(listing.format({ "TASK", "STATE", "WHERE", "WAITING ON" }, rows, columns))
  if more then print(more) end
end

local KEYWORDS = { "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
  "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while" }

local function is_name(s) return type(s) == "string" and match(s, "^[%a_][%w_]*$") ~= nil end

-- Keys of a table and of the tables its metatables' __index chain reaches:
-- out[k] is "method" for a function found through __index that takes self
-- (a method of an object's class: q:put_nowait; method_names.takes_self),
-- else true (the table's own field, a function of a module: asyncio.gather,
-- or the class's function that takes no self: A.new). `inherited`: t is
-- already the __index of the value's metatable (a string's, a file's).
-- (method_names is loaded at the first completion, not with help() and tasks())
local function takes_self(f) return require("luasync.method_names").takes_self(f) end
local function collect(t, out, seen, methods_only, inherited)
  local depth = inherited and 1 or 0
  while type(t) == "table" and not seen[t] and depth < 10 do
    seen[t] = true
    for k, v in next, t do
      if is_name(k) and (not methods_only or type(v) == "function") and out[k] == nil then
        out[k] = (depth > 0 and type(v) == "function" and takes_self(v)) and "method" or true
      end
    end
    local mt = getmetatable(t)
    t = type(mt) == "table" and rawget(mt, "__index") or nil
    depth = depth + 1
  end
end

-- Candidates completing the word line:sub(start + 1, stop): a global, a
-- field (a.b.c), or a method reachable through __index, which is completed
-- as a call with ':' (q.put_no and q:put_no give q:put_nowait( as Python's
-- completer adds '(': a method called with '.' misses its object). What is
-- not a method keeps the separator typed (a.ne gives a.new for A.new(), a
-- constructor: a:new( would hand it the object it does not take).
function M.complete(env, line, start, stop)
  local word = sub(line, start + 1, stop)
  local path, sep, partial = match(word, "^(.-)([%.:])([%w_]*)$")
  local names, base = {}, nil
  if not path then
    partial = word
    -- The REPL environment lists its locals and the globals through __pairs.
    for k in pairs(env) do
      if is_name(k) then names[k] = true end
    end
    for _, k in ipairs(KEYWORDS) do names[k] = true end
  else
    base = env
    for part in gmatch(path, "[^%.]+") do
      if type(base) ~= "table" and getmetatable(base) == nil then return {} end
      local ok, v = pcall(function() return base[part] end)
      if not ok then return {} end
      base = v
    end
    if type(base) == "table" then
      collect(base, names, {}, sep == ":")
    else
      local mt = getmetatable(base)
      if type(mt) == "table" and type(rawget(mt, "__index")) == "table" then
        collect(rawget(mt, "__index"), names, {}, true, true)
      end
    end
  end
  local out = {}
  for k, kind in pairs(names) do
    if sub(k, 1, #partial) == partial and not (sub(k, 1, 1) == "_" and sub(partial, 1, 1) ~= "_") then
      if kind == "method" then
        out[#out + 1] = path .. ":" .. k .. "("
      else
        out[#out + 1] = (path and (path .. sep) or "") .. k
      end
    end
  end
  table.sort(out)
  return out
end

return M
