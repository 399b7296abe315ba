-- What a task shows of itself: its repr (tostring), its stack (get_stack,
-- print_stack) and its coroutine (get_coro); and how many tasks are pending
-- (live_count). Loaded at the first use (task.lua's stand-ins; the methods'
-- add a frame of their own, which the stacks skip as the runtime's and the
-- errors do as they find the user's frame themselves): most runs never
-- ask, and a start pays for every module it loads (bench W6).
local errors = require "luasync.errors"
local future = require "luasync.future"
local future_views = require "luasync.future_views"
local tasks = require "luasync.task"
local std = require "luasync.std"
local report = std.lazy_module("luasync.report")
local core = require "luasync.core"

local co_status, running = core.raw_status, coroutine.running
local K = core.K
local live, live_named = K[core.SLOT_LIVE], K[core.SLOT_LIVE_NAMED]  -- task.lua's pending tasks
local wait_state, waiter_of, op_state = core.wait_state, core.waiter_of, core.op_state
local type, ipairs, pairs, tostring, rawget, pcall = type, ipairs, pairs, tostring, rawget, pcall
local getmetatable, fn_names = std.class_of, std.fn_names
local unpack, concat = table.unpack, table.concat
local find, gmatch, lower, match, sub = string.find, string.gmatch, string.lower, string.match, string.sub
local PENDING, FINISHED = future.PENDING, future.FINISHED
local coro_of, coro_name, check_task = tasks.coro_of, tasks.coro_name, tasks.check_task

-- task.lua's slots: one `local <const>` each, as Lua makes only the last
-- name of a list a compile-time constant.
local STATE <const> = 1
local CO <const> = 4
local BODY <const> = 5

local M = {}

-- The frames get_stack and print_stack give, as CPython's
-- base_tasks._task_get_stack finds them, each a traceback line
-- ("\tsrc:line: in function 'f'"), innermost first as Lua's tracebacks
-- are: of a pending task, its stack (one not started yet: the line its
-- function starts on, as CPython's unstarted coroutine is at its def);
-- of a task that failed, the traceback its error carries (true as a second
-- result); none for a task done otherwise. `limit` keeps what CPython's
-- keeps: the newest (innermost) frames of a stack, the oldest (outermost)
-- of a traceback. A stack is looked at to at most kStackLevels levels, each
-- getinfo walking it from its top.
local kStackLevels = 1000
local math_type = math.type

local function frame_lines(task, limit)
  local lines = {}
  if limit and limit <= 0 then return lines end
  local co = task[CO]
  if task[STATE] == PENDING and co then
    if co_status(co) == "dead" then return lines end
    -- For the running coroutine, getinfo(co, level) and frames(nil, level)
    -- count levels from this function, as they would called here without co.
    local is_running = co == running()
    for level = 0, kStackLevels do
      local info = debug.getinfo(co, level, "S")
      if not info then break end
      if info.what ~= "C" and sub(info.source, 1, 9) ~= "=luasync:" then
        local line = report.frames(not is_running and co or nil, level, 1)  -- not a tail call: levels
        lines[#lines + 1] = line
        if #lines == limit then break end
      end
    end
  elseif task[STATE] == PENDING then
    local c = coro_of(task)
    local fn = c and c.fn or task[BODY]
    local info = type(fn) == "function" and debug.getinfo(fn, "S")
    if info and info.what == "Lua" and sub(info.source, 1, 9) ~= "=luasync:" then
      -- named as a traceback of its first step will name it
      local name = fn_names[fn]
      local where = info.short_src .. ":" .. info.linedefined
      lines[1] = "\t" .. where .. ": in function " .. (name and ("'" .. name .. "'") or ("<" .. where .. ">"))
    end
  elseif task[STATE] == FINISHED and task._failed then
    local e = task._exception
    local tb = task._tb or (errors.is_instance(e) and rawget(e, "traceback"))
    if type(tb) ~= "string" then return lines, true end
    -- The frames only: not the headings of the tasks the error crossed,
    -- nor the marks of tail calls and of a deep stack's cut.
    for line in gmatch(tb, "[^\n]+") do
      if find(line, "^\t[^\t]-: in ") then lines[#lines + 1] = line end
    end
    if limit and #lines > limit then lines = { unpack(lines, #lines - limit + 1) } end
    return lines, true
  end
  return lines
end

-- Whether file:write(...) can be called: a file, or a table or userdata
-- whose write is a function or callable (its __index runs, as the call's would).
local function writable(file)
  local ty = type(file)
  if ty ~= "table" and ty ~= "userdata" then return false end
  local write = file.write
  if type(write) == "function" then return true end
  local mt = debug.getmetatable(write)
  return type(mt) == "table" and rawget(mt, "__call") ~= nil
end

-- get_stack([limit]) and print_stack([limit]): the limit as a number, or as
-- Python's keyword in an options table ({limit = 1}, {limit =, file =}).
local function stack_options(self, fname, opts, allowed)
  check_task(self, fname)
  if opts == nil or math_type(opts) == "integer" then return opts end
  if type(opts) ~= "table" or getmetatable(opts) ~= nil then
    errors.bad_argument(1, fname, "integer or table", opts, true)
  end
  errors.check_options(opts, 1, fname, allowed)
  if opts.limit ~= nil and math_type(opts.limit) ~= "integer" then
    errors.arg_error(1, fname, "field 'limit' must be an integer")
  end
  -- (CPython's print_stack fails at the file's write: AttributeError)
  if opts.file ~= nil and not writable(opts.file) then
    errors.arg_error(1, fname, "field 'file' must be an object with a write method, got " .. type(opts.file))
  end
  return opts.limit, opts.file
end

-- get_stack([limit]): the frames as "src:line" strings, innermost first.
function M.get_stack(self, opts)
  local limit = stack_options(self, "get_stack", opts, { "limit" })
  local out = {}
  for i, line in ipairs((frame_lines(self, limit))) do out[i] = match(line, "^\t(.-): in ") end
  return out
end

-- print_stack([limit]): CPython's text, on stderr or the file given (an
-- object with write): "Stack for <Task ...>" and the frames; "Traceback
-- for" the frames and the error of a failed task; "No stack for" when
-- there is none. Most recent call first, as the frames are.
function M.print_stack(self, opts)
  local limit, file = stack_options(self, "print_stack", opts, { "limit", "file" })
  local lines, failed = frame_lines(self, limit)
  local text
  if #lines == 0 then
    text = "No stack for " .. tostring(self)
  else
    text = (failed and "Traceback for " or "Stack for ") .. tostring(self) .. " (most recent call first):\n" ..
      concat(lines, "\n")
    if failed then text = text .. "\n" .. report.message(self._exception) end
  end
  if file == nil then
    io.stderr:write(text, "\n")
  else
    file:write(text, "\n")
  end
end

local function coro_repr(task)
  local c = coro_of(task)
  local name, src, line
  local fn = c and c.fn or task._label_fn or task[BODY]  -- the function it names (_label_fn: run.lua)
  if c then
    name = coro_name(c)
    local info = debug.getinfo(c.fn, "S")
    src, line = info.short_src, info.linedefined
  else
    local info = debug.getinfo(task._label_fn or task[BODY], "S")
    src, line = info.short_src, info.linedefined
    if task._chunk then src, line = task._chunk, 1 end
    name = task._label or task._chunk or report.declared_name(task[BODY]) or (src .. ":" .. line)
  end
  if task[STATE] ~= PENDING then
    if line < 0 then return name .. "() done" end  -- a library coroutine object
    -- (_defined_at: the main task's script, which the runner's function runs)
    return name .. "() done, defined at " .. (task._defined_at or (src .. ":" .. line))
  end
  -- (the line in the function it names: report.where says why)
  local where = task[CO] and co_status(task[CO]) ~= "dead" and report.where(task[CO], fn)
  if not where and line < 0 then return name .. "() running" end  -- a library coroutine object
  return name .. "() running at " .. (where or (src .. ":" .. line))
end

function M.get_coro(self)
  check_task(self, "get_coro")
  return coro_of(self) or self._op or self[BODY]
end

function M.live_count()
  local n = 0
  for _ in pairs(live) do n = n + 1 end
  for _ in pairs(live_named) do n = n + 1 end
  return n
end

function M.repr(task)
  local state = lower(task[STATE] or "PENDING")
  if task[STATE] == PENDING and (task._num_cancels_requested or 0) > 0 then state = "cancelling" end
  local parts = { "<Task ", state, " name='", task:get_name(), "' coro=<", coro_repr(task), ">" }
  parts[#parts + 1] = future_views.format_outcome(task)
  local w = task[STATE] == PENDING and waiter_of(task)
  if w then
    local mt = getmetatable(w)
    if op_state(w) ~= nil or type(mt) == "table" and rawget(mt, "__waits_as_future") then
      -- An op, or a StreamReader, waits as CPython's awaitable does, on a
      -- Future of its own.
      local state = wait_state(task)
      w = state == "aborted" and "<Future cancelled>"
        or state == "woken" and "<Future finished result=None>"
        or "<Future pending cb=[Task.task_wakeup()]>"
    end
    local ok, shown = pcall(tostring, w)  -- (an awaitable's own __tostring may raise)
    parts[#parts + 1] = " wait_for=" .. (ok and type(shown) == "string" and shown or type(w))
  end
  parts[#parts + 1] = future_views.format_callbacks(task)
  parts[#parts + 1] = future_views.format_created(task)
  parts[#parts + 1] = ">"
  return concat(parts)
end

return M
