-- What the runtime's Lua code shares about the standard functions, and the
-- registries of functions that several of its modules fill and read. (The
-- runtime's "globals" are a copy of the standard ones taken when the state
-- starts -- lua/state.cpp's runtime environment -- so a script that changes
-- or clears a global cannot break it.)
local M = {}

-- debug.getmetatable: half the cost of getmetatable, which looks up
-- "__metatable" by name on every call. The runtime only compares classes
-- (its own metatables), which a __metatable field could not fake anyway.
M.class_of = debug.getmetatable

-- is_callable(v): whether calling v finds a function, as Lua 5.4's call
-- does: v is one, or its metatable's __call (read raw) is callable in turn.
-- A callable object stands for a function wherever the runtime takes one
-- (spawn, async, call_soon...), which refuses the others at once rather
-- than when the call comes (`__call = 5`). A chain of more than
-- MOST_CALL_LINKS is refused: a cycle of __call would hang Lua's call.
local MOST_CALL_LINKS <const> = 16
local type, rawget, class_of = type, rawget, debug.getmetatable
function M.is_callable(v)
  for _ = 1, MOST_CALL_LINKS do
    if type(v) == "function" then return true end
    local mt = class_of(v)
    if type(mt) ~= "table" then return false end
    v = rawget(mt, "__call")
  end
  return false
end

-- new_table(narray, nrecord): an empty table presized, as lua_createtable
-- makes it (lua/std_c.cpp). For the tables a module fills one field at a
-- time at load: grown key by key, each is rehashed at every power of two.
M.new_table = require("luasync.std_c").new_table

-- join(list, n): the strings list[1..n] joined, as table.concat(list, "",
-- 1, n), but made once at its size: table.concat's doubling buffer held up to
-- twice the result besides it (lua/std_c.cpp).
M.join = require("luasync.std_c").join

-- The runtime's own modules by name, as its require loads them (and the
-- standard libraries as the state opened them): package.loaded as the
-- runtime sees it, whatever a script does to package.loaded
-- (lua/runtime_modules.hpp). Read it to ask whether a module is loaded yet.
M.modules = require("luasync.std_c").modules

-- lazy_module(name): a stand-in for the module `name` that requires it at
-- the first lookup of one of its fields, then hands every lookup on to it.
-- For a module that most runs never call (report.lua: errors and reprs), so
-- that a start does not load it (bench W6). Only for reading fields.
function M.lazy_module(name)
  return setmetatable({}, {
    __index = function(proxy, key)
      local module = require(name)
      setmetatable(proxy, { __index = module })
      return module[key]
    end,
  })
end

-- stderr(s): writes the line s on the standard error, at once. The reports
-- of unretrieved errors, warnings and the runner's messages need no more
-- than this, and must not need report.lua to load: they may be written when
-- memory has run out (report.lua re-exports it).
function M.stderr(s)
  io.stderr:write(s, "\n")
  io.stderr:flush()
end

-- Names of async functions, recorded when they are first called, so frames
-- of coroutine bodies (called by the runtime, not by name) are named
-- (report.lua's tracebacks, the kernel's coroutine objects: coro.cpp).
M.fn_names = setmetatable({}, { __mode = "k" })
-- C functions of the runtime that run user code at the bottom of a task's
-- coroutine (kernel/task_body.cpp): tracebacks leave them out as they do
-- the runtime's Lua frames.
M.runtime_fns = {}

return M
