-- Tracing: what the tasks did, on the loop's clock, for pictures of it
-- (`luasync --timeline`, `--trace=FILE.json|FILE.html`, timeline() at the
-- REPL). Trio-style hooks feed one recorder:
--   created(task, parent)   task.lua, when a task is made
--   trace_step(...)         kernel/ready_queue.cpp, after every ready entry
--   wake (future.lua)       a Future woke a waiting task: who set it
--   trace_wake(task)        asyncio/queue_core.cpp: a Queue's put woke a
--                           get, or a get a put
--   trace_ready(task)       kernel/wait.cpp: a waiting task was woken, its
--                           step scheduled (ready, it waits for the loop)
--   cancel_requested(task)  task.lua, a cancel() of a pending task
--   finished(task)          task.lua, when a task ends
--   trace_exit(status)      kernel/exit.cpp: os.exit ends the program now
-- Nothing of this runs unless tracing is on (one flag in the kernel, nil
-- hooks in Lua).
--
-- The record: rows (one per task, in creation order) with their steps
-- {t0, t1}, their waits {t0, t1, label}, the times they were ready and
-- waited for the loop to run them (readies {t0, t1, label}: label nil
-- after a wait, else what gave the loop a turn: "sleep(0)", or the
-- library's call it is in, "create_subprocess_shell"), the times a cancel()
-- asked them to cancel (cancels, or nil), and how they ended; flows
-- {kind = "create"|"wake"|"cancel", from = row, to = row, t =}.
--
-- Between two steps a task waits (on something), then is ready (woken:
-- trace_ready; its step queued, behind what the loop runs first); a task
-- made is ready until its first step, one that gave the loop a turn
-- (sleep(0)) ready until its next. A wait ends when what it waited on
-- ended: a sleep at its deadline (its wake-up, a callback, may come later,
-- behind a step that blocks the loop), else when the task was woken.
local STATE <const> = 1  -- fields of Futures and Tasks (future.lua)
local core = require "luasync.core"
local task = require "luasync.task"
local future = require "luasync.future"
local sched = require "luasync.scheduler"
local lower, match = string.lower, string.match

local getmetatable, tostring, type, ipairs, pairs, rawget, pcall = getmetatable, tostring, type, ipairs, pairs,
  rawget, pcall
local max = math.max

local M = {}

local Task = task.Task
local rec  -- the record while tracing, or the last one
local end_in_step

-- A task of the runtime's or the REPL's own (task.hide; M.own, M.own_new)
-- costs the record nothing: no row, no arrow from or to it, no event
-- against the limit. No picture draws it, nor an arrow that ends at it,
-- and the REPL runs every input in one: a row each grew a long session's
-- memory (~1.15 KiB a line) and used up its limit. A row it had before it
-- became the runtime's stays (M.own: `-i lesson.lua`'s main task).
local function untraced(t) return t._hidden or t._untraced end

-- Answers task t's row, made on first use; nil for a task of the runtime's
-- that has none.
local function row_of(t)
  local r = rec.by_task[t]
  if r then return r end
  if untraced(t) then return nil end
  r = { id = #rec.rows + 1, name = t:get_name(), created = sched.now(), steps = {}, waits = {}, readies = {} }
  rec.rows[r.id] = r
  rec.by_task[t] = r
  return r
end

-- What task t waits on, in a few words: named as ps and tasks() name it
-- (listing.operation: "sleep", "Queue.get", "Lock.acquire", "gather"...),
-- the task it awaits by its name, "Future" for a Future of the user's. (A
-- task that waits on nothing gave the loop a turn: it is ready, no wait.)
local listing = require "luasync.listing"
local operation, library_operation = listing.operation, listing.library_operation
local sleep_left, CO = core.sleep_left, 4
local function wait_label(t, w)
  if not w then return "sleep(0)" end
  if getmetatable(w) == Task then return w:get_name() end
  local op = operation(t, w)
  if op then return op end
  if future.is_future(w) then return "Future" end
  local ok, s = pcall(tostring, w)
  if not ok or type(s) ~= "string" then return type(w) end
  return match(s, "^<coroutine (.-)>$") or s
end

-- A record keeps its first LIMIT events (steps and tasks made), at the
-- REPL (each timeline() period) and in a script alike: each task recorded
-- took ~4.5 kB until the end (100,000 tasks: 608 MB against 159 MB
-- untraced, and a JSON file of 64 MB, more than a browser shows well), so a
-- large program ran out of memory only because it was traced.
local LIMIT = 100000

local hooks = {}

-- Ends row r's open wait, if any, at what ended it -- the task woken, or a
-- sleep's deadline -- and no later than t0 (the step that follows it); from
-- then on the task is ready (r.ready_at). Answers nothing.
local function close_wait(r, t0)
  if not r.wait_from then return end
  local ended_at = r.ready_at or t0
  local due = r.wait_due
  if due and due < ended_at then ended_at = max(due, r.wait_from) end
  if ended_at > t0 then ended_at = t0 end
  r.waits[#r.waits + 1] = { r.wait_from, ended_at, r.wait_label }
  r.wait_from, r.wait_due = nil, nil
  r.ready_at, r.ready_label = ended_at, nil
end

-- Row r's task is ready no longer: its step begins at t0. A ready span
-- after a wait is kept when it lasted (mostly the step comes in the same
-- instant); one after a turn the task gave the loop always, named by what
-- gave it (the "wait sleep(0)" it was drawn as before).
local function end_ready(r, t0)
  local at, label = r.ready_at, r.ready_label
  r.ready_at, r.ready_label = nil, nil
  if at and (label or at < t0) then r.readies[#r.readies + 1] = { at, t0, label } end
end

-- Counts one more event (a step, a task made) against the record's limit;
-- past it, recording stops here and answers true. Nothing
-- more is kept (each task made or ended later added a row: a long session's
-- memory grew without end), and the kernel's fast paths are back (spawn, a
-- task's end).
local function over_limit(now)
  rec.events = rec.events + 1
  if rec.events <= LIMIT then return false end
  rec.truncated = true
  rec.stopped = now
  core.set_trace(false)
  task.set_tracer(nil)
  future.trace_wake = nil
  return true
end

local making_own = false  -- (own_new is making a task of the runtime's)

function hooks.created(t, parent)
  if making_own then t._untraced = true end
  if untraced(t) or rec.truncated or over_limit(sched.now()) then return end
  local r = row_of(t)
  r.ready_at = r.created  -- (its first step is queued)
  local p = parent and getmetatable(parent) == Task and row_of(parent)
  if p then
    r.parent = p.id
    rec.flows[#rec.flows + 1] = { kind = "create", from = p.id, to = r.id, t = r.created }
  end
end

function hooks.finished(t)
  if untraced(t) then return end
  local r = row_of(t)
  r.ended = sched.now()
  -- The step it ends in began at entry_start (a task ends in a step of its
  -- own; should one end outside any, the time is now).
  local t0 = core.entry_start()
  if r.wait_from and t0 < r.wait_from then t0 = r.ended end
  close_wait(r, t0)
  if t[STATE] == future.CANCELLED then
    r.state = "cancelled"
  elseif t._failed then
    r.state = "failed"
    -- Its class, or the start of its message; never a __tostring of the
    -- user's (it may raise, and a hook must not).
    local e = t._exception
    local mt = type(e) == "table" and getmetatable(e)
    if type(mt) == "table" and type(rawget(mt, "__name")) == "string" then
      r.error = rawget(mt, "__name")
    elseif type(e) == "string" then
      r.error = require("luasync.width").fit(e, 80)  -- (cut on a character, by the columns it takes)
    else
      r.error = type(e)
    end
  else
    r.state = "done"
  end
end

-- An arrow from the running task to t: "wake" (it completed what t
-- waited on), "cancel" (it asked t to cancel). One made in a callback (no
-- task runs) is kept until the callback's entry ends: when the callback is
-- a done callback of a task (a TaskGroup's or gather's, whose argument is
-- the task that ended), the arrow comes from that task.
local function arrow(kind, t)
  local from = task.current()
  if from == t then return end
  local to = row_of(t)
  if not to then return end
  if not from then
    local pending = rec.callback_arrows
    pending[#pending + 1] = { kind = kind, to = to.id, t = sched.now() }
    return
  end
  from = row_of(from)
  if from then rec.flows[#rec.flows + 1] = { kind = kind, from = from.id, to = to.id, t = sched.now() } end
end

local function wake(waiter)
  if getmetatable(waiter) ~= Task then return end
  arrow("wake", waiter)
end

-- A Queue's get released by a put, or put by a get (asyncio/queue_core.cpp,
-- while tracing is on): the waiter is a task with no Future between.
core.provide("trace_wake", function(t)
  if rec and not rec.truncated then wake(t) end
end)

-- wake() queued the step of t, which waited: it is ready from now. (A
-- task that wakes itself gives the loop a turn: sleep(0), drawn from its
-- step's end.)
core.provide("trace_ready", function(t)
  if not rec or rec.truncated or t == task.current() then return end
  local r = rec.by_task[t]
  if r and r.wait_from and not r.ready_at then r.ready_at = sched.now() end
end)

-- A cancel() that counts (the task was pending): marked on its row at the
-- time it was asked, with an arrow from who asked.
function hooks.cancel_requested(t)
  if rec.truncated then return end
  local r = row_of(t)
  if not r then return end
  local marks = r.cancels
  if not marks then
    marks = {}
    r.cancels = marks
  end
  marks[#marks + 1] = sched.now()
  arrow("cancel", t)
end

local function callback_ended(what, a)
  local pending = rec.callback_arrows
  if #pending == 0 then return end
  local row = future.runs_done_callback(what) and getmetatable(a) == Task and row_of(a)
  if row then
    local from = row.id
    for i = 1, #pending do
      local p = pending[i]
      if p.to ~= from then rec.flows[#rec.flows + 1] = { kind = p.kind, from = from, to = p.to, t = p.t } end
    end
  end
  rec.callback_arrows = {}
end

-- An entry is a task's step when `what` is the task, or the kernel's
-- resume_task with the task in `a`: a step that raises `b` at the task's
-- await (a cancellation reaching it, the error of what it awaited). Anything
-- else is a callback, a due sleep's wake-up too (CPython's sleep: a timer
-- callback that sets a Future), whose `a` is the task it wakes.
local resume_task = task.resume_task
core.provide("trace_step", function(what, a, t0, t1)
  local t = getmetatable(what) == Task and what or what == resume_task and getmetatable(a) == Task and a or nil
  if not t or untraced(t) then
    rec.callbacks = rec.callbacks + 1
    callback_ended(what, a)
    return
  end
  if #rec.callback_arrows > 0 then rec.callback_arrows = {} end  -- (made outside an entry: attributed to none)
  if over_limit(t0) then return end
  local r = row_of(t)
  close_wait(r, t0)
  end_ready(r, t0)
  -- The turns the runtime gives the loop on its own (asyncio.run's at its
  -- end, as CPython's run has: t._runtime_turn) are no waits of the
  -- user's, and the steps that run the runtime's code after them (stop,
  -- cancel what is left) no steps of the user's: left out, unless the step
  -- goes on to a wait of the user's (the script's next asyncio.run).
  local in_turn = t._runtime_turn
  local ended = t[STATE] ~= future.PENDING or r.ended
  if not (r.runtime_turn and (in_turn or ended)) then r.steps[#r.steps + 1] = { t0, t1 } end
  r.runtime_turn = in_turn
  if ended or in_turn then return end
  local w = core.waiter_of(t)
  if not w then
    r.ready_at, r.ready_label = t1, t[CO] and library_operation(t[CO]) or "sleep(0)"
    return
  end
  r.wait_from = t1
  r.wait_label = wait_label(t, w)
  local left = r.wait_label == "sleep" and sleep_left(w, t)
  if left then r.wait_due = t1 + max(left, 0) end
end)

-- Starts recording (from now on).
function M.start()
  rec = { rows = {}, by_task = setmetatable({}, { __mode = "k" }), flows = {}, callbacks = 0, start = sched.now(),
    limit = LIMIT, events = 0, callback_arrows = {} }
  task.set_tracer(hooks)
  future.trace_wake = wake
  core.set_trace(true)
end

-- Row r of the running task ends now, as `state`, in the step the kernel
-- began at entry_start (os.exit; -i's lesson, whose task becomes the REPL's).
end_in_step = function(r, state)
  local t0, now = core.entry_start(), sched.now()
  close_wait(r, t0)
  end_ready(r, t0)
  r.steps[#r.steps + 1] = { t0, now }
  r.ended, r.state = now, state
  return r
end

-- The record as a picture shows it, the end of the span at `stop`: its
-- rows (copies: a task still waiting waits until `stop`) but the dropped,
-- numbered again; the arrows between them.
local function picture(stop)
  local out = { rows = {}, flows = {}, callbacks = rec.callbacks, start = rec.start, stop = stop,
    truncated = rec.truncated, limit = rec.limit }
  local new_id = {}
  -- Recording stopped early (the limit): a task not seen to end, and not
  -- pending now, ended unseen. (A task still referenced is in by_task.)
  local task_of
  if rec.truncated then
    task_of = {}
    for t, r in pairs(rec.by_task) do task_of[r] = t end
  end
  for _, r in ipairs(rec.rows) do
    if not r.dropped then
      local c = {}
      for k, v in pairs(r) do c[k] = v end
      if task_of and not r.ended then
        local t = task_of[r]
        if not (t and t[STATE] == future.PENDING) then c.state = "unknown" end
      end
      c.id = #out.rows + 1
      new_id[r.id] = c.id
      c.waits = table.move(r.waits, 1, #r.waits, 1, {})
      c.readies = table.move(r.readies, 1, #r.readies, 1, {})
      -- Still waiting, or ready, at `stop`: until then (a wait woken
      -- already ends where it ended).
      local ready_at, ready_label = r.ready_at, r.ready_label
      if r.wait_from then
        local ended_at = ready_at or stop
        if r.wait_due and r.wait_due < ended_at then ended_at = max(r.wait_due, r.wait_from) end
        c.waits[#c.waits + 1] = { r.wait_from, ended_at, r.wait_label }
        ready_at, ready_label = ended_at < stop and ended_at or nil, nil
      end
      if ready_at then c.readies[#c.readies + 1] = { ready_at, stop, ready_label } end
      out.rows[c.id] = c
    end
  end
  for _, c in ipairs(out.rows) do c.parent = c.parent and new_id[c.parent] end
  for _, f in ipairs(rec.flows) do
    local from, to = new_id[f.from], new_id[f.to]
    if from and to then out.flows[#out.flows + 1] = { kind = f.kind, from = from, to = to, t = f.t } end
  end
  return out
end

-- Stops recording; answers the record, as a picture shows it.
function M.stop()
  core.set_trace(false)
  task.set_tracer(nil)
  future.trace_wake = nil
  if not rec then return nil end
  rec.stop = rec.stopped or sched.now()
  return picture(rec.stop)
end

-- The record so far, as stop() would give it, without stopping.
function M.snapshot()
  if not rec then return nil end
  return picture(rec.stopped or sched.now())
end

-- A task of the REPL's own (its console, the task of an input): tasks()
-- does not list it, and no picture draws it. The main task of `luasync -i
-- lesson.lua`, which ran the lesson and then runs the REPL, keeps the row
-- of the lesson, ended where the REPL begins, as what it was: done.
function M.own(t)
  t._untraced = true
  local r = rec and not rec.stop and rec.by_task[t]
  if not r then return end
  if #r.steps == 0 then
    r.dropped = true
  elseif t == task.current() then
    end_in_step(r, "done")
  end
end

-- Makes a task of the runtime's own with make(...) (task.create_task,
-- task.spawn) and answers it, own(): the record never hears of it, where
-- own() after it was made leaves it a row (dropped) and an arrow from the
-- task that made it.
function M.own_new(make, ...)
  making_own = true
  local ok, t = pcall(make, ...)
  making_own = false
  if not ok then error(t, 0) end
  M.own(t)
  return t
end

function M.active() return rec ~= nil and rec.stop == nil and not rec.stopped end

-- Whether the timeline drawn on descriptor fd is in colour: on a terminal,
-- unless NO_COLOR is set and not empty (https://no-color.org) or the
-- terminal says it shows none (TERM=dumb).
local function coloured(fd)
  local no = os.getenv("NO_COLOR")
  if (no and no ~= "") or os.getenv("TERM") == "dumb" then return false end
  return require("luasync.terminal").isatty(fd)
end

-- timeline() at the REPL: draws what ran since the REPL started or the last
-- timeline(), then records afresh. The first REPL_ROWS tasks only, unless
-- `all`: a row per task, and thousands of rows are no picture.
local REPL_ROWS = 100
function M.repl_start() M.start() end
function M.repl_timeline(all)
  local record = M.snapshot()
  local term = require "luasync.terminal"
  local tty = term.isatty(1)
  local width = tty and term.columns() or tonumber(os.getenv("COLUMNS")) or 80
  print(require("luasync.timeline").text(record, width, coloured(1), not all and REPL_ROWS or nil,
    "timeline(true) draws them all"))
  M.start()
end

-- The command line's outputs: {timeline = true} draws the timeline on
-- stderr at the end, {file = "x.json"|"x.html"} writes the trace there.
local outputs

-- Answers false, having said why, when the trace file cannot be written:
-- a lesson of minutes would otherwise run to its end and lose its trace.
-- (Opened to append, which makes it when missing and keeps what is there
-- until the end writes it anew.)
function M.begin(opts)
  if opts.file then
    local f, err = io.open(opts.file, "a")
    if not f then
      io.stderr:write("luasync: cannot write the trace: ", tostring(err), "\n")
      return false
    end
    f:close()
  end
  outputs = opts
  M.start()
  return true
end

-- os.exit(status) (kernel/exit.cpp, while tracing): the step running now
-- ends the program. It is the running task's last (its row ends there,
-- "os.exit(3)"), then the outputs are written as at a normal end.
core.provide("trace_exit", function(status)
  local t = task.current()
  if t and rec and not rec.truncated and not untraced(t) then
    local r = end_in_step(row_of(t), "exited")
    r.exit_status = status
  end
  M.write_outputs()
end)

-- At the end of the program (cli/runner.lua): writes what the command line
-- asked for. Answers false when the trace file could not be written.
function M.write_outputs()
  if not outputs then return true end
  local record = M.stop()
  local draw = require "luasync.timeline"
  local ok = true
  if outputs.file then
    local text
    if match(lower(outputs.file), "%.html?$") then
      text = draw.html(record, "luasync timeline of " .. (outputs.title or "a program"))
    else
      text = draw.chrome_json(record)
    end
    local f, err = io.open(outputs.file, "w")
    if f then
      f:write(text)
      f:close()
    else
      io.stderr:write("luasync: cannot write the trace: ", tostring(err), "\n")
      ok = false
    end
  end
  if outputs.timeline then
    local term = require "luasync.terminal"
    local tty = term.isatty(2)
    local width = tonumber(os.getenv("COLUMNS")) or (tty and term.columns()) or 80
    io.stderr:write(draw.text(record, width, coloured(2)), "\n")
  end
  outputs = nil
  return ok
end

return M
