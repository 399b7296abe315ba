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
-- The fields of Futures and Tasks (future.lua, task.lua): one `local
-- <const>` each, as Lua makes only the last name of a list a compile-time
-- constant.
local STATE <const> = 1
local CO <const> = 4
local BODY <const> = 5
local errors = require "luasync.errors"
local future = require "luasync.future"
local task = require "luasync.task"
local report = require "luasync.report"
local sub = string.sub
local waiter_of = require("luasync.core").waiter_of

local type, ipairs, getmetatable, select, format, concat = type, ipairs, getmetatable, select, string.format,
  table.concat
local getinfo = debug.getinfo
local math_type = math.type
local co_status, co_running = coroutine.status, coroutine.running

local M = {}

-- future -> the list of what awaits it (tasks and Futures), built once per
-- graph (and by tasks() at the REPL, for its tree). As CPython 3.14 records
-- it: the children of a gather, the Future a shield protects and the
-- futures a wait() watches are awaited by the task that awaits the gather,
-- shield or wait (CPython records the task that called it), not by the
-- runtime's Future between them. `as_completed` (tasks() and ps): also
-- the futures an as_completed awaitable waits for, by the task that awaits
-- it, as it lists a gather's children (CPython 3.14 records none: its
-- _wait_for_one awaits a Queue's get).
function M.awaited_by_map(as_completed)
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
    local done = seen[w]
    if not done then
      done = {}
      seen[w] = done
    end
    if done[by] then return end
    done[by] = true
    local within = w._children or w._waits_on  -- gather, wait
    if type(within) == "table" then
      for _, child in ipairs(within) do
        if future.is_future(child) and child[STATE] == future.PENDING then visit(child, by) end
      end
    end
    if future.is_future(w._shielded) then visit(w._shielded, by) end  -- shield
  end
  for _, t in ipairs(task.all_tasks()) do
    local w = waiter_of(t)
    if w and future.is_future(w) then visit(w, t) end
    if t._tg_parent then add(t, t._tg_parent) end  -- a TaskGroup's parent awaits its tasks
    local ac = as_completed and t._as_completed
    if ac then
      for _, f in ipairs(ac.pending) do
        if ac.pending_set[f] and f[STATE] == future.PENDING then visit(f, t) end
      end
    end
  end
  return map
end

-- The async generators made so far (agen.lua's registry, when it is
-- loaded): their iterator function -> { co=, fn=, call_name= }.
local function generators()
  local agen = package.loaded["luasync.agen"]
  return agen and agen.generators
end

local function frame_name(info, gen)
  local async_name = report.fn_names[info.func]
  if info.what == "main" then return "main chunk" end
  if gen and rawequal(info.func, gen.fn) then
    return "async generator " .. (gen.call_name or report.declared_name(info.func) or
      ("function <" .. info.short_src .. ":" .. info.linedefined .. ">")) .. "()"
  end
  if async_name then return "async " .. async_name .. "()" end
  if info.name then return info.name .. "()" end
  if report.declared_name(info.func) then return report.declared_name(info.func) .. "()" end
  return "function <" .. info.short_src .. ":" .. info.linedefined .. ">"
end

-- The user's Lua frames of coroutine co (nil: the running one) from raw
-- level `level` on, innermost first, appended to out. An async generator
-- in flight there (its iterator on co's stack: the generator runs, or
-- awaits, inside it) has its frames inner to its iterator's, as CPython
-- shows an async generator's frame above the coroutine that iterates it;
-- with `skip`, that generator's frames are not entered (the caller walks
-- the chain itself). gen: the generator co is, if any. Returns out and
-- how many raw levels co has (also when `level` is past them).
local function frames_of(co, level, out, gen, skip)
  local gens = generators()
  local i = level
  while i < 250 do
    local info
    if co then info = getinfo(co, i, "Slnft") else info = getinfo(i + 1, "Slnft") end
    if not info then break end
    local g = gens and gens[info.func]
    if g and not skip and g.co and co_status(g.co) ~= "dead" then frames_of(g.co, 0, out, g) end
    if info.what ~= "C" and sub(info.source, 1, 9) ~= "=luasync:" then
      out[#out + 1] = { file = info.short_src, line = info.currentline, name = frame_name(info, gen) }
      -- Its caller's frame is gone: Lua dropped it for a tail call.
      if info.istailcall then out[#out + 1] = { name = "(...tail calls...)" } end
    end
    i = i + 1
  end
  if i == level then  -- nothing at `level`: count the levels there are
    i = 0
    while co and getinfo(co, i, "l") or not co and getinfo(i + 1, "l") do i = i + 1 end
  end
  return out, i
end

-- The coroutines between a task's own (first) and the running one (last):
-- the async generators in flight that the task runs, outermost first.
local function chain_to_running(co)
  local chain, gens, running = { co }, generators(), co_running()
  while co ~= running and gens do
    local nxt
    for i = 0, 249 do
      local info = getinfo(co, i, "f")
      if not info then break end
      local g = gens[info.func]
      if g and g.co and co_status(g.co) ~= "dead" then
        nxt = g
        break
      end
    end
    if not nxt then break end
    co = nxt.co
    chain[#chain + 1] = nxt
  end
  return chain
end

-- The current task's stack from `level` raw levels above frames_of's
-- caller's caller on: the running coroutine's frames, then those of the
-- generators and the task's coroutine that resumed it. A level past all of
-- them raises CPython's ValueError (its sys._getframe(depth)'s).
local function current_frames(me, level)
  local chain = chain_to_running(me[CO])
  local out = {}
  local last = chain[#chain]
  local _, n = frames_of(nil, level + 1, out, chain[2] and last or nil, true)
  local rest = level + 1 - n  -- levels still to skip, when depth goes past the running coroutine
  for k = #chain - 1, 1, -1 do
    local c = chain[k]
    local co = k == 1 and c or c.co
    local _, m = frames_of(co, rest > 0 and rest or 0, out, k > 1 and c or nil, true)
    rest = rest - m
  end
  if rest >= 0 then error(errors.ValueError("call stack is not deep enough")) end
  return out
end

-- A task not started yet: its function, at the line it is defined on (as
-- CPython shows a coroutine that has not run yet at its def line).
local function unstarted(t)
  local b = t[BODY]
  local fn = type(b) == "function" and b or type(b) == "table" and rawget(b, "fn")
  if type(fn) ~= "function" then return {} end
  local info = getinfo(fn, "S")
  if info.what ~= "Lua" then return {} end
  local name
  if report.fn_names[fn] then
    name = "async " .. report.fn_names[fn] .. "()"
  elseif report.declared_name(fn) then
    name = report.declared_name(fn) .. "()"
  else
    name = "function <" .. info.short_src .. ":" .. info.linedefined .. ">"
  end
  return { { file = info.short_src, line = info.linedefined, name = name } }
end

-- As CPython's: a positive limit keeps the `limit` outermost entries (the
-- nearest to where the task started), a negative one the innermost, 0 none.
local function limited(stack, limit)
  if limit == nil then return stack end
  local out = {}
  if limit >= 0 then
    for i = math.max(1, #stack - limit + 1), #stack do out[#out + 1] = stack[i] end
  else
    for i = 1, math.min(-limit, #stack) do out[i] = stack[i] end
  end
  return out
end

local function build(f, map, limit, seen)
  local stack = {}
  if limit ~= 0 and getmetatable(f) == task.Task and f[STATE] == future.PENDING then
    if f == task.current() then
      -- Awaiting something while it runs: CPython shows the coroutine the
      -- task runs (the others are running, not suspended in an await), its
      -- outermost frame.
      local all = frames_of(f[CO], 0, {})
      for i = #all, 1, -1 do
        if all[i].file then
          stack = { all[i] }
          break
        end
      end
    elseif f[CO] and getinfo(f[CO], 0, "l") then
      stack = frames_of(f[CO], 0, {})
    else
      stack = unstarted(f)
    end
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
    -- (As CPython's, any integer: 0 and below would show the runtime's
    -- own frame, which is never shown, so they are as 1, the caller's.)
    if opts.depth ~= nil and math_type(opts.depth) ~= "integer" then
      errors.arg_error(2, fname, "field 'depth' must be an integer")
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
    local depth = opts.depth or 1
    if depth < 1 then depth = 1 end
    graph.call_stack = opts.limit == 0 and {} or limited(current_frames(me, level + depth), opts.limit)
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

-- The frames above capture's caller that are not the user's: the module's
-- function, and the binding that enters it (asyncio.lua's entry).
local ENTERED <const> = 3

-- capture_call_graph([future[, {depth=, limit=}]]) -> {future=, call_stack=
-- { {file=, line=, name=} ... }, awaited_by = {graph...}} or nil (no task).
function M.capture_call_graph(...)
  local fut, opts = ...
  check("capture_call_graph", fut, opts, select("#", ...))
  -- (not a tail call: the frame levels count this one, and the binding that
  -- entered it, asyncio.lua's entry)
  local graph = capture(fut, opts, ENTERED)
  return graph
end

-- format_call_graph([future[, {depth=, limit=}]]) -> the graph as text.
function M.format_call_graph(...)
  local fut, opts = ...
  check("format_call_graph", fut, opts, select("#", ...))
  local text = format_graph(capture(fut, opts, ENTERED))
  return text
end

-- print_call_graph([future[, {depth=, limit=, file=}]]): prints it (to file,
-- or standard output).
function M.print_call_graph(...)
  local fut, opts = ...
  check("print_call_graph", fut, opts, select("#", ...))
  local text = format_graph(capture(fut, opts, ENTERED))
  -- (With no task, an empty line: CPython prints format_call_graph's "".)
  local file = opts and opts.file or io.stdout
  file:write(text, "\n")
end

return M
