-- (stand-in until the full module lands)
local M = {}
function M.tour() return "help: the guided tour is not written yet" end
function M.doc() return nil end
return M
