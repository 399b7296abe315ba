-- The REPL's commands: help(), tasks(), and tab completion.
local task = require "luasync.task"
local report = require "luasync.report"
local width = require "luasync.width"
local core = require "luasync.core"

local op_state, sleep_left = core.op_state, core.sleep_left
local getmetatable = require("luasync.std").class_of

local M = {}

function M.help(...)
  print(require("luasync.help").help(...))
end

-- What a pending task waits on, in words: the library operation it is in
-- ("Event.wait", "Queue.get", "sleep 0.8 s left"), the task it awaits
-- ("awaiting Task-3"), or "a Future".
local function waiting_on(t, tg_parents)
  local w = t._fut_waiter
  if not w then return "" end
  local _, op = op_state(w)
  if op == "sleep" then
    local left = sleep_left(w, t)
    return left and ("sleep %.1f s left"):format(left) or "sleep"
  end
  if op then return op end
  if getmetatable(w) == task.Task then return "awaiting " .. w:get_name() end
  -- A Future of the library's: the operation is the innermost runtime frame
  -- that has a name (Lock.acquire, Event.wait, wait_for...).
  local fn_names = report.fn_names
  for level = 0, 50 do
    local info = debug.getinfo(t._co, level, "Sf")
    if not info then break end
    local name = fn_names[info.func]
    if name and info.source:sub(1, 9) == "=luasync:" then return name end
  end
  if getmetatable(w) and getmetatable(w).__name == "_GatheringFuture" then return "gather" end
  if tg_parents and tg_parents[t] then return "TaskGroup" end  -- the end of its block: its tasks
  return "a Future"
end

-- One line per live task but the REPL's own and the input that asks: its
-- name, state, where it is (stdin#2:1 is line 1 of the second input) and
-- what it waits on, in columns aligned by display width. As a tree: a task
-- that another awaits (directly, through gather or shield, or as a
-- TaskGroup's child) stands under it.
function M.tasks(input_task)
  local listed, order, tg_parents = {}, {}, {}
  for _, t in ipairs(task.all_tasks()) do
    if t ~= input_task then
      listed[t] = true
      order[#order + 1] = t
    end
    if t._tg_parent then tg_parents[t._tg_parent] = true end
  end
  -- The task that awaits t, through Futures in between, or nil.
  local map = require("luasync.graph").awaited_by_map()
  local function parent_of(t)
    local seen, queue = {}, { t }
    while #queue > 0 do
      local f = table.remove(queue, 1)
      for _, by in ipairs(map[f] or {}) do
        if getmetatable(by) == task.Task then
          if listed[by] and by ~= t then return by end
        elseif not seen[by] then
          seen[by] = true
          queue[#queue + 1] = by
        end
      end
    end
  end
  local children, roots = {}, {}
  for _, t in ipairs(order) do
    local p = parent_of(t)
    if p then
      children[p] = children[p] or {}
      table.insert(children[p], t)
    else
      roots[#roots + 1] = t
    end
  end
  local rows = { { "TASK", "STATE", "WHERE", "WAITING ON" } }
  local done = {}
  local function add(t, prefix, branch)
    if done[t] then return end
    done[t] = true
    local state = (t._num_cancels_requested or 0) > 0 and "cancelling" or "pending"
    local where = t._co and (report.where(t._co) or "(running)") or "not started"
    rows[#rows + 1] = { prefix .. branch .. t:get_name(), state, where, t._co and waiting_on(t, tg_parents) or "" }
    local kids = children[t] or {}
    local next_prefix = prefix .. (branch == "└─ " and "   " or branch == "├─ " and "│  " or "")
    for i, c in ipairs(kids) do add(c, next_prefix, i == #kids and "└─ " or "├─ ") end
  end
  for _, t in ipairs(roots) do add(t, "", "") end
  for _, t in ipairs(order) do add(t, "", "") end  -- (a cycle: none is a root)
  if #rows == 1 then
    print("no tasks")
    return
  end
  local widths = {}
  for _, row in ipairs(rows) do
    for c = 1, 3 do widths[c] = math.max(widths[c] or 0, width.of(row[c])) end
  end
  local lines = {}
  for i, row in ipairs(rows) do
    lines[i] = (width.pad(row[1], widths[1]) .. "  " .. width.pad(row[2], widths[2]) .. "  " ..
      width.pad(row[3], widths[3]) .. "  " .. row[4]):gsub("%s+$", "")
  end
  print(table.concat(lines, "\n"))
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
