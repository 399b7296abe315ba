-- (stand-in until the full module lands)
local M = {}
function M.format(v)
  if type(v) == "string" then return string.format("%q", v) end
  local ok, s = pcall(tostring, v)
  return ok and s or "?"
end
return M
