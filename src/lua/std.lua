-- What the runtime's Lua code shares about the standard functions. (The
-- runtime's "globals" are a copy of the standard ones taken when the state
-- starts -- lua/state.cpp's runtime environment -- so a script that changes
-- or clears a global cannot break it.)
local M = {}

-- debug.getmetatable: half the cost of getmetatable, which looks up
-- "__metatable" by name on every call. The runtime only compares classes
-- (its own metatables), which a __metatable field could not fake anyway.
M.class_of = debug.getmetatable

-- new_table(narray, nrecord): an empty table presized, as lua_createtable
-- makes it (lua/std_c.cpp). For the tables a module fills one field at a
-- time at load: grown key by key, each is rehashed at every power of two.
M.new_table = require("luasync.std_c").new_table

return M
