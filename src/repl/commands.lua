-- The REPL's commands: help(), tasks(), and tab completion.
local task = require "luasync.task"
local future = require "luasync.future"
local op_state = require("luasync.core").op_state

local M = {}

function M.help(...)
  local help = require "luasync.help"
  if select("#", ...) == 0 then
    print(help.tour())
    return
  end
  local v = ...
  local doc = help.doc(v)
  print(doc or ("no documentation for " .. tostring(v)))
end

-- One line per live task but the REPL's own: name, state, where it waits.
function M.tasks(console, input_task)
  local rows = {}
  for _, t in ipairs(task.all_tasks()) do
    if t ~= console then
      local state = (t == input_task) and "running"
        or ((t._num_cancels_requested or 0) > 0 and "cancelling" or "pending")
      -- The input calling tasks() may have no frame of its own left
      -- (`return tasks()` is a tail call).
      local where = t._co and (require("luasync.report").where(t._co) or "(running)") or "not started"
      local w = t._fut_waiter
      local waits = ""
      if w then
        local _, op = op_state(w)
        if op == "sleep" then waits = "  (sleeping)"
        elseif getmetatable(w) == task.Task then waits = "  (awaiting " .. w:get_name() .. ")"
        else waits = "  (awaiting a future)" end
      end
      rows[#rows + 1] = ("%-12s %-11s %s%s"):format(t:get_name(), state, where, waits)
    end
  end
  if #rows == 0 then print("no tasks") else print(table.concat(rows, "\n")) end
end

local KEYWORDS = { "and", "break", "do", "else", "elseif", "end", "false", "for", "function", "goto", "if",
  "in", "local", "nil", "not", "or", "repeat", "return", "then", "true", "until", "while" }

local function is_name(s) return type(s) == "string" and s:match("^[%a_][%w_]*$") ~= nil end

-- Keys of a table and of the tables its metatables' __index chain reaches.
local function collect(t, out, seen, methods_only)
  local depth = 0
  while type(t) == "table" and not seen[t] and depth < 10 do
    seen[t] = true
    for k, v in next, t do
      if is_name(k) and (not methods_only or type(v) == "function") then out[k] = true end
    end
    local mt = getmetatable(t)
    t = type(mt) == "table" and rawget(mt, "__index") or nil
    depth = depth + 1
  end
end

-- Candidates completing the word line:sub(start + 1, stop): a global, a
-- field (a.b.c), or a method (t:m) reachable through __index.
function M.complete(env, line, start, stop)
  local word = line:sub(start + 1, stop)
  local path, sep, partial = word:match("^(.-)([%.:])([%w_]*)$")
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
    for part in path:gmatch("[^%.]+") do
      if type(base) ~= "table" and getmetatable(base) == nil then return {} end
      local ok, v = pcall(function() return base[part] end)
      if not ok then return {} end
      base = v
    end
    if type(base) == "table" then
      collect(base, names, {}, sep == ":")
    else
      local mt = getmetatable(base)
      if type(mt) == "table" and type(rawget(mt, "__index")) == "table" then collect(rawget(mt, "__index"), names, {}, true) end
    end
  end
  local out = {}
  for k in pairs(names) do
    if k:sub(1, #partial) == partial and not (k:sub(1, 1) == "_" and partial:sub(1, 1) ~= "_") then
      out[#out + 1] = (path and (path .. sep) or "") .. k
    end
  end
  table.sort(out)
  return out
end

return M
