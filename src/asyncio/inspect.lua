-- The loop's side of live inspection (diag/inspect.cpp): `luasync ps PID`
-- and `luasync pstree PID` ask, between two steps, for the live tasks; or,
-- while a step blocks the loop in Lua code, from a hook inside that step.
-- And, while the loop is idle, it leaves the inspector a snapshot of them,
-- to show (counted again) while a step blocks it in a C function.
local core = require "luasync.core"
local listing = require "luasync.listing"
local report = require "luasync.report"
local task = require "luasync.task"
local match = string.match
local width = require "luasync.width"
local sched = require "luasync.scheduler"

local ipairs, pairs, pcall, tostring, tonumber = ipairs, pairs, pcall, tostring, tonumber
local format, concat = string.format, table.concat

local M = {}

local HEADERS = {
  ps = { "TASK", "STATE", "WHERE", "WAITING ON", "AWAITED BY" },
  pstree = { "TASK", "STATE", "WHERE", "WAITING ON" },
}

-- The rows for the inspector to keep (diag/inspect.cpp reads them): a line
-- a row, its fields separated by tabs: the task's identity (%p), the end of
-- the sleep it waits in on the loop's clock (or ""), then each cell, whole,
-- and its width in columns (diag/busy_answer.cpp fits them to the asker's
-- width as listing.format does).
local function snapshot(kind, rows)
  local now, columns = sched.now(), #HEADERS[kind]
  local lines = {}
  for i, r in ipairs(rows) do
    local fields = { format("%p", r.task), r.left and format("%.17g", now + r.left) or "" }
    for c = 1, columns do
      local cell = width.one_line(r[c] or "")
      fields[#fields + 1] = cell
      fields[#fields + 1] = tostring(width.of(cell))
    end
    lines[i] = concat(fields, "\t")
  end
  return concat(lines, "\n")
end

local function count(rows) return format("%d task%s", #rows, #rows == 1 and "" or "s") end

-- columns: the width of the asker's terminal, which the rows fit (nil: any).
local function table_text(kind, rows, columns)
  local header = HEADERS[kind]
  if #rows == 0 then return "" end
  return listing.format(header, rows, columns) .. "\n"
end

-- The answer between two steps; the snapshot of the same rows goes to the
-- inspector.
local function answer(kind, columns)
  local rows = listing.rows(nil, kind == "pstree")
  core.inspect_snapshot(kind, snapshot(kind, rows))
  return count(rows) .. "\n" .. table_text(kind, rows, columns)
end

-- The answer from inside a step that has run `seconds` without a pause:
-- what runs (`what`: "task", "callback", or "none" between entries) and
-- the line it is at, then the tasks, the one whose step it is running.
local function busy_answer(kind, columns, what, seconds)
  local running = what == "task" and task.current_task() or nil
  local rows = listing.rows(nil, kind == "pstree", running)
  local who = running and ("task '" .. width.one_line(running:get_name()) .. "'") or
    what == "callback" and "a callback" or "the loop's own work (no task or callback)"
  local where = what ~= "none" and report.user_where()
  return format("the loop is busy: %s has been running for %.1f s without a pause%s\n", who, seconds,
    where and (", at " .. where .. " now") or "") .. count(rows) .. "\n" .. table_text(kind, rows, columns)
end

-- request: "ps 60" (the kind, and the width to fit, 0 for any); serial: the
-- number of the request, which the answer names (see diag/inspect.cpp);
-- busy_what and busy_seconds: asked from the hook, inside a step.
core.provide("inspect_request", function(request, serial, busy_what, busy_seconds)
  core.inspect_begun(serial)
  local kind, columns = match(request, "^(%S+) (%d+)$")
  kind = kind or request
  columns = tonumber(columns)
  if columns == 0 then columns = nil end
  local ok, text
  if busy_what then
    ok, text = pcall(busy_answer, kind, columns, busy_what, busy_seconds)
  else
    ok, text = pcall(answer, kind, columns)
  end
  core.inspect_answer(serial, ok and text or ("error: " .. tostring(text) .. "\n"))
end)

-- The loop is about to wait (the driver asks at most about once a second):
-- the snapshots of both kinds, for a program of a class's size (listing
-- 20,000 tasks takes ~0.2 s, a wait for an answer of the loop's: the
-- answers leave their snapshot).
local kIdleSnapshotTasks = 1000
core.provide("inspect_idle", function()
  if task.live_count() > kIdleSnapshotTasks then return end
  for kind in pairs(HEADERS) do core.inspect_snapshot(kind, snapshot(kind, listing.rows(nil, kind == "pstree"))) end
end)

return M
