-- The script runner: runs the command line's chunks in order as the main
-- task (Task-1), then shuts down as asyncio.run does, and answers the exit
-- status: 0, 1 for an uncaught error, 130 after Ctrl-C, 141 when stdout's
-- reader went away, or the status an uncaught SystemExit asks for.
-- The fields of Futures and Tasks (future.lua): one `local <const>` each,
-- as Lua makes only the last name of a list a compile-time constant.
local STATE <const> = 1
local CB <const> = 3
local errors = require "luasync.errors"
local core = require "luasync.core"
local driver = require "luasync.driver"
local future = require "luasync.future"
local task = require "luasync.task"
local std = require("luasync.std")  -- std.stderr: looked up at each call, the unit tests replace it
local report = std.lazy_module("luasync.report")  -- errors only
-- The runner's messages for a deadlock, a chunk it refuses, a Python name
-- read as a global, and the hint under an error (runner_reports.lua):
-- loaded then, as a program that ends well needs none of them (bench W6).
local reports = std.lazy_module("luasync.runner_reports")

-- The hint under the error e that ended the main task (its report text),
-- or nil: none fits, or runner_reports.lua or the hints cannot be loaded
-- (no memory left; the report itself needs none more: formatted).
local function hint_for(e, text, current)
  local ok, r = pcall(require, "luasync.runner_reports")
  return ok and r.hint(e, text, current) or nil
end

local ipairs, unpack = ipairs, table.unpack
local sub = string.sub

local M = {}

-- The modules loaded at startup: every finalizer of theirs that reports
-- something at exit is armed through a failure (future.failures) or
-- core.reports_armed.
-- (Presized: ~26 at a start, which growing key by key rehashed 5 times.)
local startup_modules = std.new_table(0, 32)
for name in pairs(package.loaded) do startup_modules[name] = true end
startup_modules["luasync.runner"] = true  -- this one, loaded once this chunk returns

-- The report of the error e that ended the main task (traceback tb), or,
-- when report.lua cannot be had (it loads at its first use: memory may have
-- run out, and what took it may still hold it), the error as tostring
-- gives it, and false.
-- (report.format is looked up inside the pcall: the lookup loads report.lua.)
local function format_report(e, tb) return report.format(e, tb) end
local function formatted(e, tb)
  local ok, text = pcall(format_report, e, tb)
  if ok then return text, true end
  return tostring(e), false
end

-- Whether the bindings that luasync.core opens at first use (lua/state.cpp)
-- are open: until then, luasync.core keeps the metatable that opens them.
local function lazy_bindings_open() return std.class_of(core) == nil end

-- Whether a collection at exit could run a finalizer that matters before
-- the loop closes: one that reports (an unretrieved error, a coroutine
-- never awaited), or one of a module loaded since startup (a stream's, a
-- file's, the program's own). Lua's close runs the rest later, as
-- lua5.4's does; a program that made none skips the collections (W6).
-- The runtime's own modules loaded since (report.lua, asyncio.run's, the
-- combinators, queues, locks...) make objects with finalizers only through
-- the bindings opened at first use (streams, processes, files, threads,
-- HTTP), or as futures and coroutine objects that the two flags cover: while
-- those bindings are closed, loading them is no reason to collect.
local function finalizers_may_report()
  if future.failures > 0 or core.reports_armed() then return true end
  for name in pairs(package.loaded) do
    if not startup_modules[name] and (sub(name, 1, 8) ~= "luasync." or lazy_bindings_open()) then return true end
  end
  return false
end

-- Cancels every pending task and runs the loop until all are done; reports
-- errors other than cancellation that they raise while cancelling.
-- Returns false when Ctrl-C cut the shutdown short (a task may swallow its
-- cancellation forever; Ctrl-C must still end the program); before_cut(),
-- if given, runs then before `KeyboardInterrupt` is printed.
local function cancel_all(before_cut)
  -- From here the runtime may use the memory kept in reserve: the list
  -- below is as long as the tasks are many, and memory may be short.
  core.set_shutting_down()
  local pending = task.all_tasks()
  if #pending == 0 then return true end
  core.set_shutting_down(#pending)  -- their cleanup may use more: some for each
  for _, t in ipairs(pending) do t:cancel() end
  local interrupted = false
  local client = { on_interrupt = function() interrupted = true end }
  driver.attach(client)
  driver.run_until(function()
    if interrupted then return true end
    for _, t in ipairs(pending) do
      if t[STATE] == future.PENDING then return false end
    end
    return true
  end)
  driver.detach(client)
  if interrupted then
    if before_cut then before_cut() end
    std.stderr("KeyboardInterrupt")
    return false
  end
  task.report_shutdown_errors(pending)
  return true
end

M.cancel_all = cancel_all  -- also asyncio.run's, in the module for stock Lua

-- Then, as CPython's asyncio.run, the async generators started since
-- agens_since that are not finished are closed (agen.lua's close_open);
-- false when Ctrl-C cut it short, as cancel_all. Nothing to do, and
-- nothing loaded, for a program that made none.
local function shutdown_asyncgens(agens_since, before_cut)
  local agen = std.modules["luasync.agen"]
  return agen == nil or agen.close_open(agens_since or 0, before_cut)
end

M.shutdown_asyncgens = shutdown_asyncgens  -- also asyncio.run's, in the module for stock Lua

-- The stop of a run whose main task just ended, as CPython's
-- run_until_complete: the task's done callback (queued with call_soon, as
-- the no-op below is) stops the loop, which ends the iteration under way
-- first. So the loop runs one more iteration, which never blocks: every
-- entry ready now runs (a task created in main's last step takes its first
-- step, a task woken takes its step, a callback runs), with what I/O and
-- the timers due add to it, before cancel_all cancels what is left. (Inside
-- a task, asyncio.run waits for the same stop: kernel/ready_queue.cpp's
-- wait_stop.)
local function stop_marker() end
function M.stop_turn()
  core.call_soon(stop_marker)
  driver.run_once()
  return true
end

-- A driver client whose first Ctrl-C cancels the main task; .interrupted
-- says whether one came. The runner's, and asyncio.run's in the module.
-- A SystemExit or KeyboardInterrupt that another Task raises ends the
-- program as CPython's loop lets it: the main task is cancelled (its
-- cleanup runs), then the program leaves with that exception's status
-- (.base_exit); nothing reports it as never retrieved. So does the
-- BrokenPipeError of a write to a stdout whose reader went away, when it
-- ends another Task that nobody awaits then (a background task that
-- prints): the program ends quietly with status 141, as lua5.4 is killed
-- by SIGPIPE (CPython's program would go on without its output, the task's
-- error reported as never retrieved at its end). One that a task awaits
-- goes to it, as any error. A SystemExit or KeyboardInterrupt that a
-- callback raises (call_soon, a timer, a signal handler, a done callback:
-- future_views.callback_base_exit) ends the program the same way, as CPython's
-- Handle._run lets those two out of the loop. (.base_exit_tb: where it was
-- raised, for the report of a KeyboardInterrupt, which CPython prints with
-- its traceback.)
function M.main_client(main)
  local client = { interrupted = false }
  client.on_base_exit = function(e, frames)
    if client.base_exit == nil then
      client.base_exit, client.base_exit_tb = e, frames
      task.cancel_main(main)
    end
    return true
  end
  client.on_interrupt = function()
    if not client.interrupted then
      client.interrupted = true
      task.cancel_main(main)
    end
  end
  client.on_task_failure = function(fut)
    local e = fut._exception
    -- (a Task's, as CPython's Task lets it out; a plain Future's, a worker's
    -- job's, goes to whoever awaits it)
    if fut ~= main and client.base_exit == nil and getmetatable(fut) == task.Task and
       (errors.SystemExit:is(e) or errors.KeyboardInterrupt:is(e) or
        (errors.stdout_gone(e) and not (fut[CB] or fut._callbacks))) then
      client.base_exit, client.base_exit_tb = e, fut._tb
      future.disarm(fut)
      task.cancel_main(main)
    end
  end
  return client
end

-- Runs actions in turn inside a main task (Task-1) and reports how it
-- ended. Answers the exit status that end gives, the session's status when
-- one ran to its end, whether a session began, the driver client it left
-- attached (for Ctrl-C until the program's end), and the lines to print
-- on stderr about that end.
local function run_main(actions)
  local session_status, session_began
  local current  -- the action running
  local function run_actions()
    for _, a in ipairs(actions) do
      current = a
      if a.session then
        session_began = true
        session_status = a.fn(unpack(a, 1, a.n))
      else
        a.fn(unpack(a, 1, a.n))
      end
    end
  end
  local main
  if #actions == 1 and actions[1].session then
    -- The REPL's console alone: Python's REPL runs in no task, so it takes
    -- no number and the student's first task is Task-1.
    main = task.create_task(run_actions, { name = "console" })
  else
    main = task.spawn(run_actions)
    main:set_name("Task-1")
  end
  task.reserve_stack(main)
  -- Its repr names what it runs: the script, or (command line), and once
  -- done, where it is defined: the script's first line, not the runner's
  -- function that runs the actions (a whole script that blocks the loop is
  -- one slow step of Task-1 in debug mode's report).
  local last = actions[#actions]
  if last then
    local info = debug.getinfo(last.fn, "S")
    main._label = info.short_src
    if sub(info.source, 1, 9) ~= "=luasync:" then
      main._defined_at = info.short_src .. ":" .. math.max(info.linedefined, 1)
    end
  end
  local client = M.main_client(main)
  driver.attach(client)
  local finished = driver.run_until(main)
  -- The script's end is main's end, as asyncio.run's: the loop stops then
  -- (before the shutdown cancels what is left: M.run). Not when the REPL
  -- ran (-i): it cancelled what it left when it exited, as the program
  -- ends; nor after a SystemExit or KeyboardInterrupt that another task or
  -- a callback raised, which CPython's loop lets out at once.
  if finished and not (last and last.session) and client.base_exit == nil then M.stop_turn() end
  -- What main's end prints waits for the shutdown (M.run): CPython's
  -- asyncio.run cancels the tasks left first, and main's error leaves it
  -- after their cleanup has printed.
  local said = {}
  local function say(text) said[#said + 1] = text end
  local status = 0
  if not finished then
    reports.stalled_report(main)
    task.cancel_main(main)
    driver.run_until(main)
    status = 1
  elseif client.base_exit ~= nil then
    -- (an error the main task raised in its cleanup is reported, as
    -- CPython's asyncio.run reports one at its shutdown; the status stays)
    if main._failed then
      future.disarm(main)
      local e = main._exception
      if not errors.CancelledError:is(e) and not errors.SystemExit:is(e) and not errors.stdout_gone(e) then
        say("luasync: " .. (formatted(e, main._tb)))
      end
    end
    if errors.SystemExit:is(client.base_exit) then
      local text
      status, text = errors.exit_status(client.base_exit)
      if text then say(text) end
    elseif errors.stdout_gone(client.base_exit) then
      status = 141
    else
      -- Raised by a program's callback or task, not by a Ctrl-C: CPython
      -- prints it with where it was raised.
      say("luasync: " .. (formatted(client.base_exit, client.base_exit_tb)))
      status = 130
    end
  elseif main[STATE] == future.CANCELLED then
    -- As CPython's Runner: a Ctrl-C ends in KeyboardInterrupt only when its
    -- cancellation was main's only one (uncancel() gives 0); a main that was
    -- cancelled already ends in that CancelledError.
    if client.interrupted and main:uncancel() == 0 then
      say("KeyboardInterrupt")
      status = 130
    else
      say("luasync: " .. (formatted(future.make_cancelled_error(main))))
      status = 1
    end
  elseif main._failed then
    future.disarm(main)
    local e = main._exception
    if (errors.KeyboardInterrupt:is(e) and rawget(e, "_ctrl_c")) or
      (client.interrupted and errors.CancelledError:is(e) and main:uncancel() == 0) then
      say("KeyboardInterrupt")  -- a Ctrl-C's: its name alone, as CPython's
      status = 130
    elseif errors.KeyboardInterrupt:is(e) then
      -- Raised by the program (error(asyncio.KeyboardInterrupt(...))), even
      -- after a Ctrl-C (main caught its cancellation): CPython prints it
      -- with where it was raised.
      say("luasync: " .. (formatted(e, main._tb)))
      status = 130
    elseif errors.stdout_gone(e) then
      -- Whoever read stdout went away (luasync x.lua | head -1): the
      -- cleanup ran as the error unwound; end as SIGPIPE would have.
      status = 141
    elseif errors.SystemExit:is(e) then
      -- As Python: the program leaves with the status it asked for, quietly.
      local text
      status, text = errors.exit_status(e)
      if text then say(text) end
    else
      local text, full = formatted(e, main._tb)
      local hint = full and hint_for(e, text, current)
      say("luasync: " .. text .. (hint and ("\n" .. hint) or ""))
      status = 1
    end
  end
  return status, session_status, session_began, client, said
end

-- True, False and None are Python's names; in Lua each is an undefined
-- global that reads as nil, so `while True do` never runs and
-- `{return_exceptions = True}` means false, without an error. As Python
-- raises NameError for a name never defined, a read of one of them raises,
-- saying what Lua writes, unless the program assigned that global itself
-- (`None = nil` too: __newindex records it, as _G holds no key for nil; a
-- `local True` never reaches _G). So is __name__, whose test `if __name__
-- == "__main__" then` (the course's main guard) would skip the script's
-- main without a word. Only these names: any other undefined global reads
-- as nil, as Lua's do. A new global costs one call
-- of __newindex, a read of an undefined one one of __index; the runtime's
-- own code has an _ENV of its own and never reads these names.
-- Only while _G has no metatable of the program's: one it sets (strict.lua)
-- replaces this one.
-- (Why each is not defined: runner_reports.lua's PYTHON_NAMES.)
local PYTHON_NAMES = { True = true, False = true, None = true, __name__ = true }
local function guard_python_names()
  if getmetatable(_G) ~= nil then return end
  local assigned = {}  -- the Python names the program assigned as globals
  setmetatable(_G, {
    __index = function(_, name)
      if not PYTHON_NAMES[name] or assigned[name] then return nil end
      reports.python_name(name)
    end,
    __newindex = function(g, name, value)
      -- (rawset's own errors would name this line, not the program's)
      if name == nil then error("table index is nil", 2) end
      if name ~= name then error("table index is NaN", 2) end
      if PYTHON_NAMES[name] then assigned[name] = true end
      rawset(g, name, value)
    end,
  })
end

-- actions: a list of functions, each run in turn inside the main task with
-- its own arguments: {fn, n=, ...}, and for an -e chunk its text (source=).
-- An action marked `session` (the REPL, always the last) answers the exit
-- status itself, and has cancelled what it left running.
function M.run(actions)
  guard_python_names()
  local last = actions[#actions]
  if last and last.session and #actions > 1 then
    -- luasync -i lesson.lua: timeline() at the prompt draws the lesson too,
    -- so the recording the REPL keeps begins with the program.
    local trace = require "luasync.trace"
    if not trace.active() then trace.repl_start() end
  end
  local status, session_status, session_began, client, said = run_main(actions)
  local function say_all()
    for _, text in ipairs(said) do std.stderr(text) end
    said = {}
  end
  if last and last.session and not session_began then
    -- As python -i: a script that failed (or exited) before the REPL is
    -- reported, then the REPL opens on what it left (its globals, tasks).
    say_all()
    driver.detach(client)
    status, session_status, session_began, client, said = run_main({ last })
  end
  -- After the REPL, what is left was cancelled (bounded) when it exited.
  if session_status then
    status = session_status
  elseif not cancel_all(say_all) then
    status = 130
  elseif not shutdown_asyncgens(0, say_all) then
    status = 130
  end
  -- As CPython's asyncio.run, the jobs still running in worker threads end
  -- before the program does (a Ctrl-C stops that wait), and main's error
  -- comes after what they print, as run's raises after
  -- shutdown_default_executor.
  local threads = std.modules["luasync.threads"]
  if threads and not threads.wait_idle(say_all) then status = 130 end
  say_all()
  -- --timeline, --trace=FILE: what the tasks did, now that they are done.
  local trace = std.modules["luasync.trace"]
  if trace and not trace.write_outputs() and status == 0 then status = 1 end
  driver.detach(client)
  -- Finalizers report never-awaited coroutines and unretrieved errors now,
  -- while stderr is certainly still open.
  if finalizers_may_report() then
    collectgarbage()
    collectgarbage()
  end
  return status
end

-- load_error(msg[, source]): what the CLI prints for a chunk that does not
-- compile (a syntax error), with a hint when one fits. `source`: an -e
-- chunk's text (a script's lines are read from its file).
function M.load_error(msg, source) return reports.load_error(msg, source) end

-- refused(source, chunkname): for a chunk that compiled, the error that
-- refuses it anyway, or nil: Python's `x = await f()`, which Lua reads as
-- two statements that await nothing (hints.await_keyword).
function M.refused(source, chunkname)
  if not string.find(source, "await[ \t]+[%a_]") then return nil end
  return reports.refused(source, chunkname)
end

-- refused_file(path): refused() for the script at path (read once more: a
-- regular file only, not a FIFO that was read to its end already).
function M.refused_file(path)
  if not require("luasync.std_c").regular_file(path) then return nil end
  local f = io.open(path, "rb")
  if not f then return nil end
  local source = f:read("a")
  f:close()
  return source and M.refused(source, path)
end

return M
