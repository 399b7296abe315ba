-- The standard functions the runtime's Lua code uses, captured when the
-- state starts: a script may change or clear any global (even `select` or
-- `table`), and the runtime must go on working. Each runtime file takes its
-- references from here or from `local x = x` at its top, before user code runs.
local M = {}

-- debug.getmetatable: half the cost of getmetatable, which looks up
-- "__metatable" by name on every call. The runtime only compares classes
-- (its own metatables), which a __metatable field could not fake anyway.
M.class_of = debug.getmetatable

return M
