-- The loop's side of live inspection (diag/inspect.cpp): `luasync ps PID`
-- and `luasync pstree PID` ask, between two steps, for the live tasks.
local core = require "luasync.core"
local listing = require "luasync.listing"

local ipairs, pcall, tostring, tonumber = ipairs, pcall, tostring, tonumber

local M = {}

-- columns: the width of the asker's terminal, which the rows fit (nil: any).
local function answer(kind, columns)
  local rows = listing.rows(nil, kind == "pstree")
  local head = ("%d task%s"):format(#rows, #rows == 1 and "" or "s")
  if #rows == 0 then return head .. "\n" end
  if kind == "pstree" then
    for _, r in ipairs(rows) do r[5] = nil end
    return head .. "\n" .. listing.format({ "TASK", "STATE", "WHERE", "WAITING ON" }, rows, columns) .. "\n"
  end
  return head .. "\n" .. listing.format({ "TASK", "STATE", "WHERE", "WAITING ON", "AWAITED BY" }, rows, columns) ..
    "\n"
end

-- request: "ps 60" (the kind, and the width to fit, 0 for any); serial: the
-- number of the request, which the answer names (see diag/inspect.cpp).
core.provide("inspect_request", function(request, serial)
  core.inspect_begun(serial)
  local kind, columns = request:match("^(%S+) (%d+)$")
  kind = kind or request
  columns = tonumber(columns)
  if columns == 0 then columns = nil end
  local ok, text = pcall(answer, kind, columns)
  core.inspect_answer(serial, kind, ok and text or ("error: " .. tostring(text) .. "\n"))
end)

return M
