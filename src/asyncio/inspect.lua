-- The loop's side of live inspection (diag/inspect.cpp): `luasync ps PID`
-- and `luasync pstree PID` ask, between two steps, for the live tasks.
local core = require "luasync.core"
local listing = require "luasync.listing"

local ipairs, pcall, tostring = ipairs, pcall, tostring

local M = {}

local function answer(kind)
  local rows = listing.rows(nil, kind == "pstree")
  local head = ("%d task%s"):format(#rows, #rows == 1 and "" or "s")
  if #rows == 0 then return head .. "\n" end
  if kind == "pstree" then
    for _, r in ipairs(rows) do r[5] = nil end
    return head .. "\n" .. listing.format({ "TASK", "STATE", "WHERE", "WAITING ON" }, rows) .. "\n"
  end
  return head .. "\n" .. listing.format({ "TASK", "STATE", "WHERE", "WAITING ON", "AWAITED BY" }, rows) .. "\n"
end

-- (serial: the number of the request, which the answer names: see
-- diag/inspect.cpp)
core.provide("inspect_request", function(kind, serial)
  core.inspect_begun(serial)
  local ok, text = pcall(answer, kind)
  core.inspect_answer(serial, kind, ok and text or ("error: " .. tostring(text) .. "\n"))
end)

return M
