-- The asyncio module table: what `asyncio` and require("asyncio") are.
local errors = require "luasync.errors"
local core = require "luasync.core"
local future = require "luasync.future"
local task = require "luasync.task"

local M = require("luasync.std").new_table(0, 96)  -- the ~85 names of the API (std.new_table)

-- The error classes (errors.lua), one assignment each: a loop over a list of
-- their names cost ~17 k instructions of every start (W6).
M.BaseException = errors.BaseException
M.Exception = errors.Exception
M.CancelledError = errors.CancelledError
M.KeyboardInterrupt = errors.KeyboardInterrupt
M.SystemExit = errors.SystemExit
M.TimeoutError = errors.TimeoutError
M.InvalidStateError = errors.InvalidStateError
M.QueueEmpty = errors.QueueEmpty
M.QueueFull = errors.QueueFull
M.QueueShutDown = errors.QueueShutDown
M.LimitOverrunError = errors.LimitOverrunError
M.EOFError = errors.EOFError
M.IncompleteReadError = errors.IncompleteReadError
M.BrokenBarrierError = errors.BrokenBarrierError
M.BaseExceptionGroup = errors.BaseExceptionGroup
M.ExceptionGroup = errors.ExceptionGroup
M.RuntimeError = errors.RuntimeError
M.ValueError = errors.ValueError
M.TypeError = errors.TypeError
M.AttributeError = errors.AttributeError
M.LookupError = errors.LookupError
M.UnicodeError = errors.UnicodeError
M.UnicodeDecodeError = errors.UnicodeDecodeError
M.UnicodeEncodeError = errors.UnicodeEncodeError
M.OverflowError = errors.OverflowError
M.OSError = errors.OSError
M.BlockingIOError = errors.BlockingIOError
M.ChildProcessError = errors.ChildProcessError
M.ConnectionError = errors.ConnectionError
M.BrokenPipeError = errors.BrokenPipeError
M.ConnectionAbortedError = errors.ConnectionAbortedError
M.ConnectionRefusedError = errors.ConnectionRefusedError
M.ConnectionResetError = errors.ConnectionResetError
M.FileExistsError = errors.FileExistsError
M.FileNotFoundError = errors.FileNotFoundError
M.InterruptedError = errors.InterruptedError
M.IsADirectoryError = errors.IsADirectoryError
M.NotADirectoryError = errors.NotADirectoryError
M.PermissionError = errors.PermissionError
M.ProcessLookupError = errors.ProcessLookupError
M.UnsupportedOperation = errors.UnsupportedOperation

M.sleep = task.sleep
M.create_task = core.create_task  -- task.lua's create_task but for the common case (kernel/spawn.cpp)
M.spawn = task.spawn
M.current_task = task.current_task
M.all_tasks = task.all_tasks
M.iscoroutine = task.iscoroutine
M.isfuture = future.is_future
-- The module's functions written in Lua are entered through a binding
-- (core.entry), as its C functions are: a user's tail call of one
-- (`return asyncio.wait_for(nil, 1)`) keeps the user's frame, whose line a
-- bad argument names (a Lua callee replaces its Lua caller's frame).
local entry = core.entry

M.Future = entry(function(...)
  errors.no_more_arguments(1, "Future", ...)
  return future.new()
end)

-- The combinators (combinators.lua), structured concurrency and
-- synchronisation (taskgroup.lua, locks.lua, queues.lua, agen.lua), loaded
-- at their first use to keep startup short (bench W6). The wrappers
-- tail-call, so argument errors still name the user's line. (Also what
-- most programs never call: asyncio_rare.lua.)
-- lazy(modname, field, subfield or nil, require): each call passes the
-- runtime's require itself (a Lua wrapper that passed it cost ~9 k
-- instructions of every start: W6).
local lazy = core.lazy
M.wrap_future = lazy("luasync.asyncio_rare", "wrap_future", nil, require)
M.Task = task.Task
M.get_running_loop = lazy("luasync.loop", "get_running_loop", nil, require)
M.get_event_loop = lazy("luasync.loop", "get_event_loop", nil, require)
M.gather = lazy("luasync.combinators", "gather", nil, require)
M.wait_for = lazy("luasync.combinators", "wait_for", nil, require)
M.timeout = lazy("luasync.combinators", "timeout", nil, require)
M.timeout_at = lazy("luasync.combinators", "timeout_at", nil, require)
M.shield = lazy("luasync.combinators", "shield", nil, require)
M.wait = lazy("luasync.combinators", "wait", nil, require)
M.as_completed = lazy("luasync.combinators", "as_completed", nil, require)
M.ensure_future = lazy("luasync.combinators", "ensure_future", nil, require)
M.FIRST_COMPLETED, M.FIRST_EXCEPTION, M.ALL_COMPLETED = "FIRST_COMPLETED", "FIRST_EXCEPTION", "ALL_COMPLETED"
M.TaskGroup = lazy("luasync.taskgroup", "new", nil, require)
M.Lock = lazy("luasync.locks", "new_lock", nil, require)
M.Event = lazy("luasync.locks", "new_event", nil, require)
M.Condition = lazy("luasync.locks", "new_condition", nil, require)
M.Semaphore = lazy("luasync.locks", "new_semaphore", nil, require)
M.BoundedSemaphore = lazy("luasync.locks", "new_bounded_semaphore", nil, require)
M.Barrier = lazy("luasync.locks", "new_barrier", nil, require)
M.Queue = lazy("luasync.queues", "new_queue", nil, require)
M.PriorityQueue = lazy("luasync.queues", "new_priority_queue", nil, require)
M.StreamReader = lazy("luasync.streams", "new", nil, require)
M.stdin = lazy("luasync.streams", "stdin", nil, require)
M.open_connection = lazy("luasync.streams", "open_connection", nil, require)
M.start_server = lazy("luasync.streams", "start_server", nil, require)
M.open_unix_connection = lazy("luasync.streams", "open_unix_connection", nil, require)
M.start_unix_server = lazy("luasync.streams", "start_unix_server", nil, require)
M.create_subprocess_exec = lazy("luasync.subprocess", "create_subprocess_exec", nil, require)
M.create_subprocess_shell = lazy("luasync.subprocess", "create_subprocess_shell", nil, require)
M.open = lazy("luasync.files", "open", nil, require)
-- asyncio.fs: stat, exists, remove, rename, mkdir, rmdir, listdir.
M.fs = {}
M.fs.stat = lazy("luasync.files", "fs", "stat", require)
M.fs.exists = lazy("luasync.files", "fs", "exists", require)
M.fs.remove = lazy("luasync.files", "fs", "remove", require)
M.fs.rename = lazy("luasync.files", "fs", "rename", require)
M.fs.mkdir = lazy("luasync.files", "fs", "mkdir", require)
M.fs.rmdir = lazy("luasync.files", "fs", "rmdir", require)
M.fs.listdir = lazy("luasync.files", "fs", "listdir", require)
-- asyncio.subprocess.PIPE, STDOUT, DEVNULL: CPython's values.
M.subprocess = { PIPE = -1, STDOUT = -2, DEVNULL = -3 }

M.LifoQueue = lazy("luasync.queues", "new_lifo_queue", nil, require)
M.async_generator = lazy("luasync.agen", "async_generator", nil, require)
M.capture_call_graph = lazy("luasync.graph", "capture_call_graph", nil, require)
M.format_call_graph = lazy("luasync.graph", "format_call_graph", nil, require)
M.print_call_graph = lazy("luasync.graph", "print_call_graph", nil, require)
M.to_thread = lazy("luasync.threads", "to_thread", nil, require)
M.ThreadPoolExecutor = lazy("luasync.threads", "new_executor", nil, require)
M.run = lazy("luasync.run", "run", nil, require)
-- asyncio.http (http.lua), loaded at its first use: libcurl's setup is not
-- paid by programs that never make a request.
M.http = setmetatable({}, {
  __index = lazy("luasync.asyncio_rare", "http_index", nil, require),
  __tostring = lazy("luasync.asyncio_rare", "http_tostring", nil, require),
})

-- Under lua5.4 (src/module/) the loop runs only inside asyncio.run: some
-- of the module's functions raise outside it (asyncio_rare.lua).
if package.loaded["luasync.module"] ~= nil then require("luasync.asyncio_rare").check_running_loop(M, entry) end

-- asyncio.iscoroutinefunction(f): CPython 3.13's, true for what `async def`
-- makes. Here: a function async() made, and the runtime's own functions that
-- give a coroutine object (task.mark_async): the module's (asyncio.sleep,
-- wait_for, open_connection...; the wrappers above) and its objects'
-- methods (q.get, lock.acquire, reader.read, asyncio.http.get...), which
-- each module marks where it defines them.
task.mark_async(M, "sleep", "wait_for", "wait", "open_connection", "start_server", "open_unix_connection",
  "start_unix_server", "create_subprocess_exec", "create_subprocess_shell", "to_thread", "open")
task.mark_async(M.fs, "stat", "exists", "remove", "rename", "mkdir", "rmdir", "listdir")
M.iscoroutinefunction = task.is_coroutine_function

-- Reading a name a module lacks raises AttributeError, as Python's
-- (asyncio.slep: "module 'asyncio' has no attribute 'slep'. Did you mean:
-- 'sleep'?"), where Lua would give nil and the mistake surface later, or
-- never. luasync.attributes says so, loaded then. The runtime reads a name
-- that may be missing with rawget.
local guard = { __index = function(mod, name) return require("luasync.attributes").module(mod, name) end }
setmetatable(M.subprocess, guard)
setmetatable(M.fs, guard)
setmetatable(M, guard)

return M
