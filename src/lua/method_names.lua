-- Whether Python's `x.name(...)` on a line the hints rewrite (await
-- q.get(), async with session.get(url)) is a method of an object, which Lua
-- calls with ':' (q:get()), or a function of a table (asyncio.sleep,
-- M.helper), called with '.'. The line did not run (a syntax error), so
-- this is a guess: a global or a REPL local x that holds a value answers
-- for itself; a name the hints cannot see (a script's local, a variable not
-- assigned yet) is an object when `name` is a method of asyncio's classes
-- (help's entries) or of an HTTP session or response. is_module(x) asks
-- the converse of a name alone (an f-string's {m.f(x)}: a module's f).
local match, type, pcall, require, rawget, ipairs, getmetatable = string.match, type, pcall, require, rawget, ipairs,
  getmetatable
local debug = debug
local getinfo, getlocal = debug.getinfo, debug.getlocal

local M = {}

-- Lua's libraries and asyncio's tables (python_forms.MODULES): their
-- functions take '.'.
local MODULES = require("luasync.python_forms").MODULES
local lookup = require("luasync.suggestions").lookup  -- (a REPL local, or a global)

-- asyncio.http's methods, which help has no entries for.
local HTTP_METHODS = { "get", "post", "put", "patch", "delete", "head", "options", "request", "text", "json",
  "read", "iter_chunks", "raise_for_status", "close" }

local known  -- name -> true, made at the first question

local function method_names()
  if known then return known end
  known = {}
  for _, name in ipairs(HTTP_METHODS) do known[name] = true end
  local ok, entries = pcall(require, "luasync.help_methods")
  if ok and type(entries) == "table" then
    for _, e in ipairs(entries) do
      local name = type(e.name) == "string" and match(e.name, "^[%a_][%w_]*%.([%a_][%w_]*)$")
      if name then known[name] = true end
    end
  end
  return known
end

-- Whether the function f, found through a metatable's __index, is a method
-- of the object (called with ':'): its first parameter is `self`, as
-- `function A:greet()` declares it. One whose first parameter has another
-- name, or that takes none (`function A.new() return setmetatable({}, A)
-- end`, a constructor), is the class's function, called with '.'. Where the
-- names cannot be read (a C function: string.upper, file:read; the
-- runtime's own code, compiled without them; `...` alone) it is taken for a
-- method, as an object's functions mostly are.
function M.takes_self(f)
  local info = getinfo(f, "u")
  if info.nparams == 0 then return info.isvararg end
  local first = getlocal(f, 1)
  return first == nil or first == "self"
end

-- `object` may be a path (self.queue, asyncio.http): its first name says
-- whether it is a module's; the rest is not looked up.
function M.is_method(object, name)
  local root = match(object, "^[%a_][%w_]*")
  if MODULES[root] or root == "package" or root == "_G" then return false end
  if object == "self" then return true end  -- (Python's self.f() is a method of the object)
  local v = root == object and lookup(object) or nil
  if v == nil then return method_names()[name] == true end
  -- A method comes from the metatable's __index (q.get), unless its
  -- parameters say it is the class's function (takes_self: A.new); a
  -- table's own function is called with '.' (M.helper). No metamethod of
  -- the program's runs: only __index tables are read; an __index function
  -- (the loop's) is guessed at as a name the hints cannot see.
  if type(v) == "table" and rawget(v, name) ~= nil then return false end
  for _ = 1, 8 do
    local mt = debug.getmetatable(v)
    local index = type(mt) == "table" and rawget(mt, "__index")
    if type(index) == "function" then return method_names()[name] == true end
    if type(index) ~= "table" then return false end
    local found = rawget(index, name)
    if found ~= nil then return type(found) ~= "function" or M.takes_self(found) end
    v = index
  end
  return false
end

-- Whether `name` is a module, whose functions are called with '.': a
-- library's, or a table without a metatable, a global or a REPL local (the
-- program's own module; an object's class is its metatable).
function M.is_module(name)
  if MODULES[name] then return true end
  local v = lookup(name)
  return type(v) == "table" and getmetatable(v) == nil
end

return M
