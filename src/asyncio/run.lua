-- asyncio.run (asyncio.lua loads it at its first call): in luasync, it
-- awaits its argument in the running task and cancels what that left
-- behind; in stock Lua (require "asyncio" in lua5.4: src/module/), it drives
-- the loop itself.
local errors = require "luasync.errors"
local core = require "luasync.core"
local task = require "luasync.task"
local future = require "luasync.future"
local loaded = require("luasync.std").modules
-- Each run starts with no exception handler, as CPython's run makes a loop
-- of its own; one set during the run stays after it, as the handler of that
-- run's loop, which its futures collected later still report to. (report.lua
-- not loaded: none was set; bench W6 does not load it.)
local function clear_handler()
  local report = loaded["luasync.report"]
  if report then report.set_exception_handler(nil) end
end

local M = {}

-- As the end of CPython's asyncio.run: the tasks this run created that are
-- still pending are cancelled and awaited, and an error other than the
-- cancellation that one of them raises is reported. So a script that calls
-- asyncio.run(demo1()) then asyncio.run(demo2()) sees demo1's leftovers
-- cancelled before demo2 starts, as in Python.
local function cancel_leftovers(me, before)
  local left = {}
  for _, t in ipairs(task.all_tasks()) do
    if t ~= me and not before[t] then left[#left + 1] = t end
  end
  if #left == 0 then return end
  for _, t in ipairs(left) do t:cancel() end
  local opts = { return_exceptions = true }
  left[#left + 1] = opts
  pcall(task.await, require("luasync.combinators").gather(table.unpack(left)))
  left[#left] = nil
  task.report_shutdown_errors(left)
end

-- The iterations of the loop that CPython's run turns after it cancelled
-- what was left (its loop stopped at the end of the iteration whose
-- callback ran the gather's end, as this task's step resumed in it):
-- run_until_complete(shutdown_asyncgens()), then
-- run_until_complete(shutdown_default_executor()). Each is a task whose
-- step comes in the next iteration, and whose done callback stops the loop
-- at the end of the one after (wait_stop: this task resumes at the end of
-- the iteration after the one it waits in). The executor's task waits
-- for its jobs meanwhile. The async generators that started in this run
-- (after the agens_since-th) and are not finished are closed in the first
-- one's step (agen.lua's shutdown: their aclose tasks, gathered), which
-- takes four iterations more when there are some, as CPython's.
local function shutdown_turns(threads, agens_since)
  core.wait_stop()
  local agen = loaded["luasync.agen"]
  if agen then agen.shutdown(agens_since) end
  core.wait_stop()
  core.wait_stop()
  if threads then threads.shutdown_default_executor() end
  core.wait_stop()
end

-- asyncio.run in stock Lua (require "asyncio" in lua5.4: src/module/): the
-- main thread is no task, so run drives the loop itself until aw's task is
-- done, as CPython's asyncio.run does, then cancels what is left, and
-- returns aw's results or raises its error. debug_before: see run.
local function run_from_main(aw, debug_before, clock_before)
  local driver = require "luasync.driver"
  local runner = require "luasync.runner"
  local module = loaded["luasync.module"]
  local loop_module = require "luasync.loop"
  local agen = loaded["luasync.agen"]
  local agens_since = agen and agen.started_count() or 0
  local main = task.create_task(aw, nil, "run")
  local client = runner.main_client(main)
  loop_module.set_running(true)
  module.enter()
  driver.attach(client)
  local ok, finished = pcall(driver.run_until, main)
  -- The loop stops as CPython's does once main is done: after one more
  -- iteration (runner.stop_turn).
  if ok and finished and client.base_exit == nil then ok, finished = pcall(runner.stop_turn) end
  if ok and not finished then
    main:cancel()
    ok = pcall(driver.run_until, main)
  end
  driver.detach(client)
  -- The cleanup may be cut short (Ctrl-C): the signals and the flag are
  -- given back whatever happens in it.
  local cleaned, cancelled_all = pcall(function()
    local all = runner.cancel_all()
    -- As CPython's run, which then awaits shutdown_asyncgens: the async
    -- generators started in this run are closed, and one more turn of the
    -- loop runs the callbacks already ready before it closes.
    if all then all = runner.shutdown_asyncgens(agens_since) end
    if all then driver.run_until(task.spawn(function() end)) end
    local threads = loaded["luasync.threads"]
    if threads and all then
      if threads.wait_idle() then
        threads.shutdown_default_executor()
      else
        all = false
      end
    end
    return all
  end)
  pcall(loop_module.close_after_run)
  loop_module.set_running(false)
  module.leave()
  if not cleaned then cancelled_all = false end
  if debug_before ~= nil then loop_module.loop:set_debug(debug_before) end
  if clock_before ~= nil then core.set_clock(clock_before) end
  if not ok then error(finished, 0) end
  -- A SystemExit, KeyboardInterrupt or stdout's BrokenPipeError that
  -- another task raised cancelled main (runner.main_client): it leaves
  -- asyncio.run, as CPython's loop lets the first two out.
  if client.base_exit ~= nil then error(client.base_exit, 0) end
  -- As CPython's Runner: a Ctrl-C that cancelled main raises
  -- KeyboardInterrupt, when that was main's only cancellation (uncancel()
  -- gives 0; else main's CancelledError comes out); a main that caught that
  -- cancellation and returned gives its results (one cut short in the
  -- cleanup raises it all the same).
  if not cancelled_all or (client.interrupted and main:cancelled() and main:uncancel() == 0) then
    error(errors.KeyboardInterrupt(), 0)
  end
  if not finished then
    error(errors.RuntimeError("deadlock: the task of asyncio.run() waits for something that nothing left can do " ..
      "(no ready task, timer or I/O)"), 3)
  end
  return main:result()
end

-- run(aw[, {clock=, debug=}]). Scripts and REPL inputs already run as tasks
-- on the running loop, so this awaits aw there (CPython would raise; a
-- Python-shaped script ending in asyncio.run(main()) runs unchanged).
local RUN_OPTIONS = { "clock", "debug" }

function M.run(aw, opts)
  if not task.iscoroutine(aw) then
    error(errors.ValueError("a coroutine was expected, got " .. require("luasync.report").repr(aw)), 2)
  end
  if opts ~= nil then
    if type(opts) ~= "table" then
      errors.bad_argument(2, "run", "table", opts, true)
    end
    local problem = errors.options_problem(opts, RUN_OPTIONS)
    if problem then
      task.close_coro(aw)  -- refused: it will never run, and the error says why
      errors.arg_error(2, "run", problem)
    end
    if opts.clock ~= nil and opts.clock ~= "real" and opts.clock ~= "virtual" then
      errors.arg_error(2, "run", "field 'clock' must be \"real\" or \"virtual\"")
    end
  end
  local me = task.current()
  local from_main = me == nil and loaded["luasync.module"] ~= nil
  if me == nil and not from_main then
    -- A callback of the loop (call_soon, a timer, a done callback): no task
    -- to await aw in, and CPython's refusal; aw is left unawaited, as there.
    if require("luasync.loop").loop:is_running() then
      error(errors.RuntimeError("asyncio.run() cannot be called from a running event loop"), 2)
    end
    error(errors.RuntimeError("asyncio.run() needs the luasync loop: run the script with luasync"), 2)
  end
  -- Under lua5.4 the loop runs only inside asyncio.run (loop.lua).
  if from_main and require("luasync.loop").loop:is_running() then
    task.close_coro(aw)
    error(errors.RuntimeError("asyncio.run() cannot be called from a running event loop"), 2)
  end
  -- Under lua5.4 the clock, like the debug mode, is this run's only (CPython's
  -- run makes a loop of its own); in luasync, run awaits on the one loop, so
  -- the clock it sets stays.
  local clock_before
  if opts ~= nil and opts.clock ~= nil then
    local ok, before = core.set_clock(opts.clock)
    if not ok then
      error(errors.RuntimeError("cannot switch to the " .. opts.clock .. " clock while timers are pending"), 2)
    end
    if from_main and before ~= opts.clock then clock_before = before end
  end
  -- {debug = ...} holds for this call only, as CPython's run(debug=) does for
  -- its own loop: the mode before comes back when it ends.
  local debug_before
  if opts ~= nil and opts.debug ~= nil then
    local loop = require("luasync.loop").loop
    debug_before = loop:get_debug()
    loop:set_debug(opts.debug)
  end
  clear_handler()
  if from_main then return run_from_main(aw, debug_before, clock_before) end
  local before = {}
  for _, t in ipairs(task.all_tasks()) do before[t] = true end
  -- The async generators this run starts are the ones it closes at its end
  -- (none started before it when agen.lua is not loaded yet).
  local agen = loaded["luasync.agen"]
  local agens_since = agen and agen.started_count() or 0
  -- Meanwhile the task's repr names aw's coroutine, as the repr of the Task
  -- that CPython's run makes for it: <Task ... coro=<main() running at ...>>.
  -- (_label_fn: the function it names, whose line "running at" gives)
  local label_before, label_fn_before = me._label, me._label_fn
  if getmetatable(aw) == task.Coro then me._label, me._label_fn = task.coro_name(aw), aw.fn end
  -- A <close> handler (it may await) rather than a pcall, so an error keeps
  -- the traceback taken where it was raised.
  local failures_before = future.failures
  local _ <close> = setmetatable({}, { __close = function(_, err)
    me._label, me._label_fn = label_before, label_fn_before
    -- From here CPython's main task is done: a cancel() of the program's
    -- answers false (task.lua's Task:cancel), until run returns.
    local ended_before, cancels_before = me._run_ended, me:cancelling()
    me._run_ended = true
    -- As CPython's run, whose run_until_complete stops the loop from the
    -- done callback of main's task: what is ready when aw ends still runs,
    -- the whole next iteration of the loop (a task created in aw's last
    -- step takes its first step, one woken takes its step), before what is
    -- left is cancelled (kernel/ready_queue.cpp's wait_stop). A Ctrl-C
    -- meanwhile raises after that iteration, and aw's error stays the one
    -- raised.
    me._runtime_turn = true  -- (a trace leaves this wait out: asyncio/trace.lua)
    local stopped, stop_error = pcall(core.wait_stop)
    me._runtime_turn = nil
    cancel_leftovers(me, before)
    -- As CPython's run, which then runs the loop to shut down async
    -- generators and the executor (shutdown_turns): the callbacks ready
    -- meanwhile (a done callback, a call_soon chain) run as many times
    -- before run returns. (A cancellation of this task meanwhile, a
    -- Ctrl-C, goes on once the rest of the cleanup ran; an error of aw's
    -- stays the one raised.)
    me._runtime_turn = true  -- (a trace leaves these waits out: asyncio/trace.lua)
    local turned, turn_error = pcall(shutdown_turns, loaded["luasync.threads"], agens_since)
    me._runtime_turn = nil
    -- CPython's run drops the last references to what ran in it, and a
    -- failed task or Future nobody retrieved is reported then, before the
    -- script goes on: collected here likewise, when this run made one.
    if future.failures ~= failures_before then collectgarbage() end
    if debug_before ~= nil then require("luasync.loop").loop:set_debug(debug_before) end
    me._run_ended = ended_before
    -- A Ctrl-C during the cleanup (or another of the runtime's cancels:
    -- task.cancel_main), which one of its waits took: CPython's run lets
    -- the KeyboardInterrupt out of its cleanup, so the task goes on
    -- cancelled, and the runner ends the program with KeyboardInterrupt.
    if me:cancelling() > cancels_before then error(future.make_cancelled_error(me), 0) end
    if err == nil then
      if not stopped then error(stop_error, 0) end
      if not turned then error(turn_error, 0) end
    end
  end })
  -- Debug mode turned on here times steps from the next one: aw starts in a
  -- step of its own, as it does in the Task CPython's run makes, so a slow
  -- start of aw is reported.
  if debug_before == false and opts.debug then
    me._runtime_turn = true
    task.await(task.sleep(0))
    me._runtime_turn = nil
  end
  return task.await(aw)
end

return M
