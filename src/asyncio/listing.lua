-- Listing the live tasks in words, for tasks() at the REPL and for
-- `luasync ps|pstree PID` (asyncio/inspect.lua): for each its name, state,
-- where it is, what it waits on, and who awaits it.
local CO <const> = 4  -- fields of Futures and Tasks (future.lua)
local task = require "luasync.task"
local report = require "luasync.report"
local width = require "luasync.width"
local core = require "luasync.core"

local op_state, sleep_left, waiter_of = core.op_state, core.sleep_left, core.waiter_of
local getmetatable = require("luasync.std").class_of
local ipairs = ipairs

local M = {}

-- A task's name takes at most this many columns of a row (a longer one is
-- cut with "…"), so that a long name does not push every row past the
-- terminal's width.
local kNameColumns = 30

-- What a pending task waits on, in words: the library operation it is in
-- ("Event.wait", "Queue.get", "sleep 0.8 s left"), the task it awaits
-- ("awaiting Task-3"), or "a Future".
local function waiting_on(t, tg_parents)
  local w = waiter_of(t)
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
    local info = debug.getinfo(t[CO], level, "Sf")
    if not info then break end
    local name = fn_names[info.func]
    if name and info.source:sub(1, 9) == "=luasync:" then return name end
  end
  if getmetatable(w) and getmetatable(w).__name == "_GatheringFuture" then return "gather" end
  if tg_parents and tg_parents[t] then return "TaskGroup" end  -- the end of its block: its tasks
  return "a Future"
end

-- The live tasks but `exclude` (the REPL's input that asks), as rows of
-- text {name, state, where, waiting on, awaited by}: as a tree (a task that
-- another awaits under it, its name prefixed with ├─ and └─) when `tree`,
-- else in creation order.
function M.rows(exclude, tree)
  local listed, order, tg_parents = {}, {}, {}
  for _, t in ipairs(task.all_tasks()) do
    if t ~= exclude then
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
  local parents, children, roots = {}, {}, {}
  for _, t in ipairs(order) do
    local p = parent_of(t)
    parents[t] = p
    if p and tree then
      children[p] = children[p] or {}
      table.insert(children[p], t)
    else
      roots[#roots + 1] = t
    end
  end
  local rows = {}
  local done = {}
  local function add(t, prefix, branch)
    if done[t] then return end
    done[t] = true
    local state = (t._num_cancels_requested or 0) > 0 and "cancelling" or "pending"
    -- Where it is suspended in the user's code; "-" when none of its frames
    -- are (create_task(asyncio.sleep(5)) runs the library's code only).
    local where = "not started"
    if t[CO] then
      where = report.where(t[CO]) or (coroutine.status(t[CO]) == "suspended" and "-" or "(running)")
    end
    rows[#rows + 1] = { prefix .. branch .. width.one_line(t:get_name(), kNameColumns), state, where,
      t[CO] and waiting_on(t, tg_parents) or "", parents[t] and width.one_line(parents[t]:get_name(), kNameColumns) or "" }
    local kids = children[t] or {}
    local next_prefix = prefix .. (branch == "└─ " and "   " or branch == "├─ " and "│  " or "")
    for i, c in ipairs(kids) do add(c, next_prefix, i == #kids and "└─ " or "├─ ") end
  end
  for _, t in ipairs(roots) do add(t, "", "") end
  for _, t in ipairs(order) do add(t, "", "") end  -- (a cycle: none is a root)
  return rows
end

-- Rows as lines under a header, in columns aligned by display width (names
-- in Japanese take two columns a character).
-- The first `max` rows (all of them when max is nil), and the line that
-- says how many tasks were left out and `how` to list them all, or nil:
-- tasks() and timeline() at the REPL draw the first hundred.
function M.cap(rows, max, how)
  if max == nil or #rows <= max then return rows, nil end
  local left = #rows - max
  return table.move(rows, 1, max, 1, {}), ("... (%d more task%s: %s)"):format(left, left == 1 and "" or "s", how)
end

-- `columns`, when given, is the terminal's width: a row wider than it has its
-- last cell on a line of its own below, indented, instead of wrapping in the
-- middle of it.
function M.format(header, rows, columns)
  local all = { header }
  for _, r in ipairs(rows) do all[#all + 1] = r end
  local widths = {}
  for _, row in ipairs(all) do
    for c = 1, #header - 1 do widths[c] = math.max(widths[c] or 0, width.of(row[c])) end
  end
  local lines = {}
  for i, row in ipairs(all) do
    local cells = {}
    for c = 1, #header - 1 do cells[c] = width.pad(row[c], widths[c]) end
    local head, last = table.concat(cells, "  "), row[#header] or ""
    local line = (head .. "  " .. last):gsub("%s+$", "")
    if columns and i > 1 and last ~= "" and width.of(line) > columns then
      line = head:gsub("%s+$", "") .. "\n    " .. last
    end
    lines[i] = line
  end
  return table.concat(lines, "\n")
end

return M
