-- Call graphs, as CPython 3.14's asyncio.capture_call_graph,
-- format_call_graph and print_call_graph: a task's (or a Future's) call
-- stack, innermost frame first, and what awaits it, recursively.
--
-- Who awaits what is found when a graph is asked for, not kept as tasks
-- run (that would cost every await): a task awaits the Future its wait is
-- on (its waiter, core.waiter_of); a gather's Future awaits its children; a shield's
-- outer Future awaits the inner one; a TaskGroup's parent task awaits the
-- group's tasks (as CPython records them). Frames Lua dropped for a tail
-- call (`return f(x)` of a Lua function f) show as "(...tail calls...)"
-- below the frame f's call left, as in tracebacks.
local STATE <const>, CO <const> = 1, 4  -- fields of Futures and Tasks (future.lua)
local errors = require "luasync.errors"
local future = require "luasync.future"
local task = require "luasync.task"
local report = require "luasync.report"
local waiter_of = require("luasync.core").waiter_of

local type, ipairs, getmetatable, select, format, concat = type, ipairs, getmetatable, select, string.format,
  table.concat
local getinfo = debug.getinfo
local math_type = math.type

local M = {}

-- future -> the list of what awaits it (tasks and Futures), built once per
-- graph (and by tasks() at the REPL, for its tree).
function M.awaited_by_map()
  local map = {}
  local function add(f, by)
    local list = map[f]
    if not list then
      list = {}
      map[f] = list
    end
    for i = 1, #list do
      if list[i] == by then return end
    end
    list[#list + 1] = by
  end
  local seen = {}
  local function visit(w, by)
    add(w, by)
    if seen[w] then return end
    seen[w] = true
    if type(w._children) == "table" then  -- gather
      for _, child in ipairs(w._children) do
        if future.is_future(child) then visit(child, w) end
      end
    end
    if future.is_future(w._shielded) then visit(w._shielded, w) end  -- shield
  end
  for _, t in ipairs(task.all_tasks()) do
    local w = waiter_of(t)
    if w and future.is_future(w) then visit(w, t) end
    if t._tg_parent then add(t, t._tg_parent) end  -- a TaskGroup's parent awaits its tasks
  end
  return map
end

-- The frames of coroutine co (nil: the running one) from `level` on,
-- innermost first: the user's Lua frames only.
local function frames_of(co, level)
  local out = {}
  for i = level, 250 do
    local info
    if co then info = getinfo(co, i, "Slnft") else info = getinfo(i + 1, "Slnft") end
    if not info then break end
    if info.what ~= "C" and info.source:sub(1, 9) ~= "=luasync:" then
      local async_name = report.fn_names[info.func]
      local name
      if info.what == "main" then
        name = "main chunk"
      elseif async_name then
        name = "async " .. async_name .. "()"
      elseif info.name then
        name = info.name .. "()"
      elseif report.declared_name(info.func) then
        name = report.declared_name(info.func) .. "()"
      else
        name = "function <" .. info.short_src .. ":" .. info.linedefined .. ">"
      end
      out[#out + 1] = { file = info.short_src, line = info.currentline, name = name }
      -- Its caller's frame is gone: Lua dropped it for a tail call.
      if info.istailcall then out[#out + 1] = { name = "(...tail calls...)" } end
    end
  end
  return out
end

local function limited(stack, limit)
  if limit == nil then return stack end
  local out = {}
  if limit >= 0 then
    for i = 1, math.min(limit, #stack) do out[i] = stack[i] end
  else
    for i = math.max(1, #stack + limit + 1), #stack do out[#out + 1] = stack[i] end
  end
  return out
end

local function build(f, map, limit, seen)
  local stack = {}
  if getmetatable(f) == task.Task and f[STATE] == future.PENDING and f[CO] and f ~= task.current() then
    stack = frames_of(f[CO], 0)
  end
  local graph = { future = f, call_stack = limited(stack, limit), awaited_by = {} }
  if seen[f] then return graph end  -- a cycle (a task awaiting itself through a gather)
  seen[f] = true
  for _, by in ipairs(map[f] or {}) do graph.awaited_by[#graph.awaited_by + 1] = build(by, map, limit, seen) end
  seen[f] = nil
  return graph
end

local OPTIONS = { "depth", "limit" }

local function check(fname, fut, opts, nargs)
  if fut ~= nil and not future.is_future(fut) then
    errors.bad_argument(1, fname, "Task, Future or nil", fut, nargs > 0)
  end
  if opts ~= nil then
    if type(opts) ~= "table" then errors.bad_argument(2, fname, "table", opts, true) end
    errors.check_options(opts, 2, fname, fname == "print_call_graph" and { "depth", "limit", "file" } or OPTIONS)
    if opts.depth ~= nil and (math_type(opts.depth) ~= "integer" or opts.depth < 1) then
      errors.arg_error(2, fname, "field 'depth' must be a positive integer")
    end
    if opts.limit ~= nil and math_type(opts.limit) ~= "integer" then
      errors.arg_error(2, fname, "field 'limit' must be an integer")
    end
  end
end

-- The graph of fut, or of the running task from `level` frames above the
-- caller of the public function.
local function capture(fut, opts, level)
  opts = opts or {}
  local map = M.awaited_by_map()
  local me = task.current()
  if fut == nil or fut == me then
    if me == nil then return nil end
    local graph = build(me, map, opts.limit, {})
    graph.call_stack = limited(frames_of(nil, level + (opts.depth or 1)), opts.limit)
    return graph
  end
  return build(fut, map, opts.limit, {})
end

local function render(graph, buf, level)
  local indent = string.rep("    ", level)
  local f = graph.future
  if getmetatable(f) == task.Task then
    buf[#buf + 1] = indent .. format("* Task(name=%s, id=%p)", errors.repr_string(f:get_name()), f)
  else
    buf[#buf + 1] = indent .. format("* Future(id=%p)", f)
  end
  if #graph.call_stack > 0 then
    buf[#buf + 1] = indent .. "  + Call stack:"
    for _, e in ipairs(graph.call_stack) do
      if e.file then
        buf[#buf + 1] = indent .. format("  |   File %s, line %d, in %s", errors.repr_string(e.file), e.line, e.name)
      else
        buf[#buf + 1] = indent .. "  |   " .. e.name
      end
    end
  end
  if #graph.awaited_by > 0 then
    buf[#buf + 1] = indent .. "  + Awaited by:"
    for _, g in ipairs(graph.awaited_by) do render(g, buf, level + 1) end
  end
end

local function format_graph(graph)
  if graph == nil then return "" end
  local buf = {}
  render(graph, buf, 0)
  return concat(buf, "\n")
end

-- capture_call_graph([future[, {depth=, limit=}]]) -> {future=, call_stack=
-- { {file=, line=, name=} ... }, awaited_by = {graph...}} or nil (no task).
function M.capture_call_graph(...)
  local fut, opts = ...
  check("capture_call_graph", fut, opts, select("#", ...))
  local graph = capture(fut, opts, 2)  -- not a tail call: the frame levels count this one
  return graph
end

-- format_call_graph([future[, {depth=, limit=}]]) -> the graph as text.
function M.format_call_graph(...)
  local fut, opts = ...
  check("format_call_graph", fut, opts, select("#", ...))
  local text = format_graph(capture(fut, opts, 2))
  return text
end

-- print_call_graph([future[, {depth=, limit=, file=}]]): prints it (to file,
-- or standard output).
function M.print_call_graph(...)
  local fut, opts = ...
  check("print_call_graph", fut, opts, select("#", ...))
  local text = format_graph(capture(fut, opts, 2))
  if text == "" then return end
  local file = opts and opts.file or io.stdout
  file:write(text, "\n")
end

return M
