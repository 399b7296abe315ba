-- Listing the live tasks in words, for tasks() at the REPL and for
-- `luasync ps|pstree PID` (asyncio/inspect.lua): for each its name, state,
-- where it is, what it waits on, and who awaits it.
local CO <const> = 4  -- fields of Futures and Tasks (future.lua)
local task = require "luasync.task"
local report = require "luasync.report"
local width = require "luasync.width"
local core = require "luasync.core"

local op_state, sleep_left, waiter_of = core.op_state, core.sleep_left, core.waiter_of
local co_status = core.raw_status  -- a task's coroutine: "suspended" while it waits
local std = require "luasync.std"
local getmetatable = std.class_of
local ipairs, type, getinfo = ipairs, type, debug.getinfo
local format, gsub, match, sub = string.format, string.gsub, string.match, string.sub

local M = {}

-- A task's name takes at most this many columns of a row (a longer one is
-- cut with "…"), so that a long name does not push every row past the
-- terminal's width.
local kNameColumns = 30

-- The library's operation a suspended task is in: its innermost named
-- runtime frame ("Lock.acquire", "Event.wait", "wait_for", "TaskGroup"), or
-- the outermost of the named frames that this one's code calls directly (not
-- through an await): Barrier.wait waits in the Condition.wait it is built
-- on, and is named Barrier.wait, while wait_for(ev:wait(), 1) awaits the
-- Event.wait the user made, and is named Event.wait. Nil when none is.
local fn_names, runtime_fns = std.fn_names, std.runtime_fns
function M.library_operation(co)
  local name
  for level = 0, 60 do
    local info = getinfo(co, level, "Sf")
    if not info then break end
    if info.what == "C" then
      if name and runtime_fns[info.func] then break end  -- an await: the user's coroutine object above it
    elseif sub(info.source, 1, 9) ~= "=luasync:" then
      break  -- the user's code
    else
      name = fn_names[info.func] or name
    end
  end
  return name
end

-- What a pending task t whose waiter is w waits on, as ps, tasks() and the
-- traces name it (one source for them all): the kernel's op ("sleep",
-- "Queue.get"), the task it awaits (a Task: nil, the caller names it), the
-- library's operation it is in ("Lock.acquire", "Barrier.wait",
-- "TaskGroup"), "gather", "shield", "as_completed" (whose Queue.get is the
-- runtime's), or nil (a Future of the user's).
local library_operation = M.library_operation
function M.operation(t, w)
  if t._as_completed then return "as_completed" end
  local _, op = op_state(w)
  if op then return op end
  if getmetatable(w) == task.Task then return nil end
  op = t[CO] and library_operation(t[CO])
  if op then return op end
  local mt = getmetatable(w)
  if mt and mt.__name == "_GatheringFuture" then return "gather" end
  if type(w) == "table" and w._shielded then return "shield" end
  return nil
end

-- How a sleep that has `left` seconds to go reads (a sleep whose end came
-- while a task blocked the loop has none: it waits for the loop to run its
-- task again). diag/busy_answer.cpp words a sleep counted again as this does.
function M.sleep_text(left)
  if left <= 0 then return "sleep over, waits for the loop" end
  return format("sleep %.1f s left", left)
end

-- What a pending task waits on, in words: the library operation it is in
-- ("Event.wait", "Queue.get", "sleep 0.8 s left"), the task it awaits
-- ("awaiting Task-3"), or "a Future"; and for a sleep, the seconds left.
local function waiting_on(t)
  local w = waiter_of(t)
  if not w then return "" end
  local op = M.operation(t, w)
  if op == "sleep" then
    local left = sleep_left(w, t)
    if left then return M.sleep_text(left), left end
    return "sleep"
  end
  if op then return op end
  if getmetatable(w) == task.Task then return "awaiting " .. w:get_name() end
  return "a Future"
end

-- The live tasks but `exclude` (the REPL's input that asks), as rows of
-- text {name, state, where, waiting on, awaited by}: as a tree (a task that
-- another awaits under it, its name prefixed with ├─ and └─) when `tree`,
-- else in creation order. Each row also has `task`, and `left`, the seconds
-- left of the sleep it waits in, if it does. `running`: the task whose step
-- runs (live inspection while it blocks the loop), whose state is
-- "running", where it is now.
function M.rows(exclude, tree, running)
  local listed, order = {}, {}
  for _, t in ipairs(task.all_tasks()) do
    if t ~= exclude then
      listed[t] = true
      order[#order + 1] = t
    end
  end
  -- The task that awaits t, through Futures in between, or nil.
  local map = require("luasync.graph").awaited_by_map(true)
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
    local state = t == running and "running" or (t._num_cancels_requested or 0) > 0 and "cancelling" or "pending"
    -- Where it is suspended in the user's code; "-" when none of its frames
    -- are (create_task(asyncio.sleep(5)) runs the library's code only).
    local where = "not started"
    if t[CO] then
      where = report.where(t[CO]) or (co_status(t[CO]) == "suspended" and "-" or "(running)")
    end
    local waiting, left = "", nil
    if t[CO] and t ~= running then waiting, left = waiting_on(t) end
    rows[#rows + 1] = { prefix .. branch .. width.one_line(t:get_name(), kNameColumns), state, where, waiting,
      parents[t] and width.one_line(parents[t]:get_name(), kNameColumns) or "", task = t, left = left }
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
  return table.move(rows, 1, max, 1, {}), format("... (%d more task%s: %s)", left, left == 1 and "" or "s", how)
end

-- What a row gives up, in turn, to fit `columns`: the WHERE cells their
-- directories ("…/lesson.lua:12": the file and the line are what one looks
-- for); then, when that makes every row fit, the WHERE cells the start of
-- the file's name ("…son.lua:12", down to kMinWhere), then the TASK cells
-- (cut_names: down to kMinName). A row still wider has its last cell on a
-- line of its own below, indented, cut to the width, instead of wrapping in
-- the middle of it; the cells before it that are still too wide give up
-- the same, then the one before the last is cut (a last resort: "sleep 2.4
-- s…" says little). A name is what tells the rows apart: it is cut last,
-- and never into the same text as another's (worker-number-1, -2, -3 cut
-- at their end would all read "worker-numb…": "worke…mber-1" instead).
local kMinName, kMinWhere, kMinMiddle = 12, 12, 8

local function shorter_path(where)
  local file = match(where, "[/\\]([^/\\]+)$")
  if file then return "…/" .. file end
  return where
end

-- The widest line the rows would make (all[1] is the header).
local function table_width(all, n)
  local widths, last = {}, 0
  for _, row in ipairs(all) do
    for c = 1, n - 1 do widths[c] = math.max(widths[c] or 0, width.of(row[c])) end
    last = math.max(last, width.of(row[n] or ""))
  end
  local w = last
  for c = 1, n - 1 do w = w + widths[c] + 2 end
  return w, widths
end

-- How many columns cutting column c (the header's aside) to `floor` would
-- save.
local function room(widths, c, floor)
  return math.max(0, widths[c] - floor)
end

-- Cuts the cells of column c (the header's aside) with `fit` so that the
-- table loses `excess` columns, none below `floor` columns.
local function cut_column(all, c, widths, excess, floor, fit)
  local to = math.max(floor, widths[c] - excess)
  if to >= widths[c] then return end
  for i = 2, #all do all[i][c] = fit(all[i][c], to) end
end

-- s cut to `columns` in its middle: its start and its end, "…" between.
local function fit_middle(s, columns)
  if width.of(s) <= columns then return s end
  local head = (columns + 1) // 2
  return width.fit(s, head) .. sub(width.fit_end(s, columns - head + 1), #"…" + 1)
end

-- `fit` of every cell of column c at `to`, unless two different cells
-- would read the same: then each is cut in its middle.
local function distinct_fit(all, c, fit, to)
  local seen = {}
  for i = 2, #all do
    local cell = all[i][c]
    local cut = fit(cell, to)
    if seen[cut] ~= nil and seen[cut] ~= cell then return fit_middle end
    seen[cut] = cell
  end
  return fit
end

local function cut_names(all, c, widths, excess)
  local to = math.max(kMinName, widths[c] - excess)
  if to >= widths[c] then return end
  local fit = distinct_fit(all, c, width.fit, to)
  for i = 2, #all do all[i][c] = fit(all[i][c], to) end
end

-- `columns`, when given, is the terminal's width, which the rows fit as
-- well as they can (above); nil: whole rows.
function M.format(header, rows, columns)
  local n = #header
  local all = { header }
  for _, r in ipairs(rows) do
    local copy = {}
    for c = 1, n do copy[c] = r[c] end
    all[#all + 1] = copy
  end
  if columns then
    local column = {}
    for c, h in ipairs(header) do column[h] = c end
    if column.WHERE and table_width(all, n) > columns then
      for i = 2, #all do all[i][column.WHERE] = shorter_path(all[i][column.WHERE]) end
    end
    local where, name = column.WHERE, column.TASK
    if where and where >= n then where = nil end
    if name and name >= n then name = nil end
    -- Cuts WHERE, then TASK, so that the table loses `excess` columns.
    local function cut(excess)
      local _, widths = table_width(all, n)
      if where and excess > 0 then
        cut_column(all, where, widths, excess, kMinWhere, width.fit_end)
        excess = excess - room(widths, where, kMinWhere)
      end
      if name and excess > 0 then cut_names(all, name, widths, excess) end
    end
    -- Every row on one line, when these cuts can make it.
    local w, widths = table_width(all, n)
    if w > columns and (where and room(widths, where, kMinWhere) or 0) +
        (name and room(widths, name, kMinName) or 0) >= w - columns then
      cut(w - columns)
    end
    -- The cells before the last, once it goes below: 4 columns for the
    -- leading 4 spaces of that line's width did not count.
    local function head_width()
      local _, cells = table_width(all, n)
      local head = 0
      for c = 1, n - 1 do head = head + cells[c] + 2 end
      return head - 2, cells
    end
    local head = head_width()
    if head > columns - 1 then cut(head - (columns - 1)) end
    head, widths = head_width()
    if n > 2 and head > columns - 1 then cut_column(all, n - 1, widths, head - (columns - 1), kMinMiddle, width.fit) end
  end
  local _, widths = table_width(all, n)
  local lines = {}
  for i, row in ipairs(all) do
    local cells = {}
    for c = 1, n - 1 do cells[c] = width.pad(row[c], widths[c]) end
    local head, last = table.concat(cells, "  "), row[n] or ""
    local line = gsub(head .. "  " .. last, "%s+$", "")
    if columns and last ~= "" and width.of(line) > columns then
      line = gsub(head, "%s+$", "") .. "\n    " .. width.fit(last, math.max(columns - 5, 8))
    end
    lines[i] = line
  end
  return table.concat(lines, "\n")
end

return M
