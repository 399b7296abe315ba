-- The asyncio module table: what `asyncio` and require("asyncio") are.
local errors = require "luasync.errors"
local core = require "luasync.core"
local future = require "luasync.future"
local task = require "luasync.task"

local M = require("luasync.std").new_table(0, 96)  -- the ~85 names of the API (std.new_table)
local cancel_leftovers

for _, name in ipairs({ "BaseException", "Exception", "CancelledError", "KeyboardInterrupt", "SystemExit",
  "TimeoutError", "InvalidStateError", "QueueEmpty", "QueueFull", "QueueShutDown", "LimitOverrunError",
  "IncompleteReadError", "BrokenBarrierError", "ExceptionGroup", "RuntimeError", "ValueError", "TypeError",
  "OSError", "BlockingIOError", "ChildProcessError", "ConnectionError", "BrokenPipeError",
  "ConnectionAbortedError", "ConnectionRefusedError", "ConnectionResetError", "FileExistsError",
  "FileNotFoundError", "InterruptedError", "IsADirectoryError", "NotADirectoryError", "PermissionError",
  "ProcessLookupError" }) do
  M[name] = errors[name]
end

M.sleep = task.sleep
M.create_task = core.create_task  -- task.lua's create_task but for the common case (kernel/spawn.cpp)
M.spawn = task.spawn
M.current_task = task.current_task
M.all_tasks = task.all_tasks
M.iscoroutine = task.iscoroutine
M.isfuture = future.is_future
M.Future = function() return future.new() end
M.Task = task.Task

-- The combinators (combinators.lua), structured concurrency and
-- synchronisation (taskgroup.lua, locks.lua, queues.lua, agen.lua), loaded
-- at their first use to keep startup short (bench W6). The wrappers
-- tail-call, so argument errors still name the user's line.
local function lazy(modname, field)
  local fn
  return function(...)
    if not fn then fn = require(modname)[field] end
    return fn(...)
  end
end
M.get_running_loop = lazy("luasync.loop", "get_running_loop")
M.get_event_loop = lazy("luasync.loop", "get_event_loop")
M.gather = lazy("luasync.combinators", "gather")
M.wait_for = lazy("luasync.combinators", "wait_for")
M.timeout = lazy("luasync.combinators", "timeout")
M.timeout_at = lazy("luasync.combinators", "timeout_at")
M.shield = lazy("luasync.combinators", "shield")
M.wait = lazy("luasync.combinators", "wait")
M.as_completed = lazy("luasync.combinators", "as_completed")
M.ensure_future = lazy("luasync.combinators", "ensure_future")
M.FIRST_COMPLETED, M.FIRST_EXCEPTION, M.ALL_COMPLETED = "FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"
M.TaskGroup = lazy("luasync.taskgroup", "new")
M.Lock = lazy("luasync.locks", "new_lock")
M.Event = lazy("luasync.locks", "new_event")
M.Condition = lazy("luasync.locks", "new_condition")
M.Semaphore = lazy("luasync.locks", "new_semaphore")
M.BoundedSemaphore = lazy("luasync.locks", "new_bounded_semaphore")
M.Barrier = lazy("luasync.locks", "new_barrier")
M.Queue = lazy("luasync.queues", "new_queue")
M.PriorityQueue = lazy("luasync.queues", "new_priority_queue")
M.StreamReader = lazy("luasync.streams", "new")
M.stdin = lazy("luasync.streams", "stdin")
M.open_connection = lazy("luasync.streams", "open_connection")
M.start_server = lazy("luasync.streams", "start_server")
M.open_unix_connection = lazy("luasync.streams", "open_unix_connection")
M.start_unix_server = lazy("luasync.streams", "start_unix_server")
M.create_subprocess_exec = lazy("luasync.subprocess", "create_subprocess_exec")
M.create_subprocess_shell = lazy("luasync.subprocess", "create_subprocess_shell")
M.open = lazy("luasync.files", "open")
-- asyncio.fs: stat, exists, remove, rename, mkdir, rmdir, listdir.
M.fs = {}
for _, name in ipairs({ "stat", "exists", "remove", "rename", "mkdir", "rmdir", "listdir" }) do
  local fn
  M.fs[name] = function(...)
    if not fn then fn = require("luasync.files").fs[name] end
    return fn(...)
  end
end
-- asyncio.subprocess.PIPE, STDOUT, DEVNULL: CPython's values.
M.subprocess = { PIPE = -1, STDOUT = -2, DEVNULL = -3 }
M.LifoQueue = lazy("luasync.queues", "new_lifo_queue")
M.async_generator = lazy("luasync.agen", "async_generator")
M.capture_call_graph = lazy("luasync.graph", "capture_call_graph")
M.format_call_graph = lazy("luasync.graph", "format_call_graph")
M.print_call_graph = lazy("luasync.graph", "print_call_graph")
M.to_thread = lazy("luasync.threads", "to_thread")
M.ThreadPoolExecutor = lazy("luasync.threads", "new_executor")
-- asyncio.http (http.lua), loaded at its first use: libcurl's setup is not
-- paid by programs that never make a request.
M.http = setmetatable({}, {
  __index = function(t, key)
    setmetatable(t, nil)
    for k, v in pairs(require("luasync.http")) do rawset(t, k, v) end
    return rawget(t, key)
  end,
  __tostring = function()
    return "<module asyncio.http, loaded at its first use: get, post, put, delete, head, patch, request, " ..
      "Session...; help(asyncio.http)>"
  end,
})

-- As the end of CPython's asyncio.run: the tasks this run created that are
-- still pending are cancelled and awaited, and an error other than the
-- cancellation that one of them raises is reported. So a script that calls
-- asyncio.run(demo1()) then asyncio.run(demo2()) sees demo1's leftovers
-- cancelled before demo2 starts, as in Python.
cancel_leftovers = function(me, before)
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

-- asyncio.run in stock Lua (require "asyncio" in lua5.4: src/module/): the
-- main thread is no task, so run drives the loop itself until aw's task is
-- done, as CPython's asyncio.run does, then cancels what is left, and
-- returns aw's results or raises its error. debug_before: see run.
local function run_from_main(aw, debug_before, clock_before)
  local driver = require "luasync.driver"
  local runner = require "luasync.runner"
  local module = package.loaded["luasync.module"]
  local loop_module = require "luasync.loop"
  local main = task.create_task(aw, nil, "run")
  local client = runner.main_client(main)
  loop_module.set_running(true)
  module.enter()
  driver.attach(client)
  local ok, finished = pcall(driver.run_until, main)
  if ok and not finished then
    main:cancel()
    ok = pcall(driver.run_until, main)
  end
  driver.detach(client)
  -- The cleanup may be cut short (Ctrl-C): the signals and the flag are
  -- given back whatever happens in it.
  local cleaned, cancelled_all = pcall(function()
    local all = runner.cancel_all()
    -- As CPython's run, which then awaits shutdown_asyncgens: one more turn
    -- of the loop, so the callbacks already ready run before it closes.
    if all then driver.run_until(task.spawn(function() end)) end
    local threads = package.loaded["luasync.threads"]
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
  if client.interrupted or not cancelled_all then error(errors.KeyboardInterrupt(), 0) end
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
  local from_main = me == nil and package.loaded["luasync.module"] ~= nil
  if me == nil and not from_main then
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
  if from_main then return run_from_main(aw, debug_before, clock_before) end
  local before = {}
  for _, t in ipairs(task.all_tasks()) do before[t] = true end
  -- A <close> handler (it may await) rather than a pcall, so an error keeps
  -- the traceback taken where it was raised.
  local _ <close> = setmetatable({}, { __close = function()
    cancel_leftovers(me, before)
    if debug_before ~= nil then require("luasync.loop").loop:set_debug(debug_before) end
    local threads = package.loaded["luasync.threads"]
    if threads then threads.shutdown_default_executor() end
  end })
  return task.await(aw)
end

return M
