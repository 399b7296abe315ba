---@meta asyncio
-- The asyncio module of luasync (a global; require "asyncio" gives it too). Written by scripts/gen-types.lua from the runtime's help(): do not edit.

---@class asyncio.Coroutine a coroutine object: await it, or wrap it in a task

---@class asyncio.Error an error object of asyncio's classes (tostring gives "Name: message")
---@field message string
---@field errno integer? OSError and its subclasses: the error number
---@field code string? OSError and its subclasses: the system's name, as "ECONNREFUSED"
---@field partial string? IncompleteReadError
---@field expected integer? IncompleteReadError
---@field consumed integer? LimitOverrunError
---@field exceptions table? ExceptionGroup
---@field name string? AttributeError: the name that was read
---@field obj any AttributeError: what it was read from

---@class asyncio.ErrorClass an error class: call it to make an error, Class:is(e) to test one
---@overload fun(...): asyncio.Error
local ErrorClass = {}
--- Python's isinstance for errors: true if value is an error of Class or of one of its subclasses,
--- false for anything else (a string error, nil, a plain table). Every error class has it, those
--- made with subclass too. Use it after pcall to tell errors apart.
---
--- Python: `isinstance(e, TimeoutError)`
---
--- `Class:is(value) -> boolean`
---@param value integer
---@return boolean
function ErrorClass:is(value) end

--- Defines a new error class beneath Class: calling it makes errors (tostring gives "Name:
--- message"), its :is tests them, and Class:is accepts them too. It can be subclassed again.
---
--- Python: `class AppError(Exception): pass`
---
--- `Class:subclass(name) -> error class`
---@param name string
---@return asyncio.ErrorClass
function ErrorClass:subclass(name) end

asyncio = {}

--- A return_when value for asyncio.wait, and its default: it returns when every task and future
--- given is done (or when the timeout, if any, passes).
---
--- Python: `done, pending = await asyncio.wait(ts, return_when=asyncio.ALL_COMPLETED)`
---@type string
asyncio.ALL_COMPLETED = "ALL_COMPLETED"

--- Raised for a name read from what does not have it, where Lua would give nil: a field of a
--- coroutine object, which is what a forgotten await leaves (r = asyncio.http.get(url); r.status:
--- 'coroutine' object has no attribute 'status', with the await it lacks), and a name asyncio,
--- asyncio.subprocess, asyncio.fs or asyncio.http lack (module 'asyncio' has no attribute 'slep'.
--- Did you mean: 'sleep'?). .name is the name, .obj what it was read from; rawget(asyncio, name)
--- reads without raising. An Exception.
---
--- Python: `await asyncio.sleep(0).result  # AttributeError`
---
--- `asyncio.AttributeError([message]) -> AttributeError`
---@type asyncio.ErrorClass
asyncio.AttributeError = nil

--- A meeting point for parties tasks: await(b:wait()) waits until parties tasks wait, then all go
--- on, each given its arrival index (0 to parties - 1). await(b:reset()) and await(b:abort()) make
--- the waiting tasks raise BrokenBarrierError; an aborted barrier stays broken. b.parties,
--- b.n_waiting and b.broken are fields. parties < 1 raises ValueError.
---
--- Python: `b = asyncio.Barrier(2); index = await b.wait()`
---
--- `asyncio.Barrier(parties) -> Barrier`
---@param parties integer
---@return asyncio.Barrier
function asyncio.Barrier(parties) end

--- The root of the error classes. Class(message) makes an error, error(e) raises it and Class:is(e)
--- tests one: true for instances of Class and of its subclasses, false for anything else, plain Lua
--- errors included. e.message is the message, e.cause the error it was raised from. CancelledError,
--- KeyboardInterrupt and SystemExit derive from it directly; the other classes from Exception.
---
--- Python: `isinstance(asyncio.CancelledError(), BaseException)`
---
--- `asyncio.BaseException([message]) -> BaseException`
---@type asyncio.ErrorClass
asyncio.BaseException = nil

--- A group of errors of which one at least is a BaseException that is not an Exception (a subclass
--- of asyncio.BaseException of yours): a TaskGroup raises one when a child raised such an error.
--- Given Exceptions only, it makes an ExceptionGroup, as Python's. asyncio.BaseExceptionGroup:is(e)
--- is true of both kinds of group. A BaseException.
---
--- Python: `eg = BaseExceptionGroup("m", [Stop()])`
---
--- `asyncio.BaseExceptionGroup(message, errors) -> BaseExceptionGroup or ExceptionGroup`
---@type asyncio.ErrorClass
asyncio.BaseExceptionGroup = nil

--- The OSError for EAGAIN, EWOULDBLOCK, EALREADY, EINPROGRESS, with .errno, .code, .strerror and
--- .filename (help(asyncio.OSError)). asyncio.OSError(errno, strerror) makes it for such an errno.
---
--- Python: `except BlockingIOError as e: print(e.errno)`
---
--- `asyncio.BlockingIOError(errno, strerror[, filename]) -> BlockingIOError`
---@type asyncio.ErrorClass
asyncio.BlockingIOError = nil

--- A Semaphore that cannot grow: a release that would take it above its initial value raises
--- ValueError: BoundedSemaphore released too many times, which catches a release without its
--- acquire. Otherwise the same as Semaphore.
---
--- Python: `sem = asyncio.BoundedSemaphore(1)`
---
--- `asyncio.BoundedSemaphore([value]) -> BoundedSemaphore`
---@param value? integer
---@return asyncio.BoundedSemaphore
function asyncio.BoundedSemaphore(value) end

--- Raised by b:wait() on a broken Barrier (after b:abort()), and in the tasks waiting on a Barrier
--- when it is reset or aborted. An Exception.
---
--- Python: `except asyncio.BrokenBarrierError: ...`
---
--- `asyncio.BrokenBarrierError([message]) -> BrokenBarrierError`
---@type asyncio.ErrorClass
asyncio.BrokenBarrierError = nil

--- The OSError for EPIPE, ESHUTDOWN: writing to a pipe or socket whose reader went away (a
--- ConnectionError), with .errno, .code, .strerror and .filename (help(asyncio.OSError)).
--- asyncio.OSError(errno, strerror) makes it for such an errno.
---
--- Python: `except BrokenPipeError as e: print(e.errno)`
---
--- `asyncio.BrokenPipeError(errno, strerror[, filename]) -> BrokenPipeError`
---@type asyncio.ErrorClass
asyncio.BrokenPipeError = nil

--- Raised inside a task at its pending await when the task is cancelled (t:cancel(msg), a timeout,
--- a failing TaskGroup), and by awaiting a cancelled task or future. A BaseException, not an
--- Exception, as in Python. pcall catches it like any error: re-raise it with error(e, 0) unless
--- the task should carry on.
---
--- Python: `except asyncio.CancelledError: ...; raise`
---
--- `asyncio.CancelledError([message]) -> CancelledError`
---@type asyncio.ErrorClass
asyncio.CancelledError = nil

--- The OSError for ECHILD, with .errno, .code, .strerror and .filename (help(asyncio.OSError)).
--- asyncio.OSError(errno, strerror) makes it for such an errno.
---
--- Python: `except ChildProcessError as e: print(e.errno)`
---
--- `asyncio.ChildProcessError(errno, strerror[, filename]) -> ChildProcessError`
---@type asyncio.ErrorClass
asyncio.ChildProcessError = nil

--- A lock (its own, or the Lock given) with a waiting room. Hold it with local _ <close> =
--- await(cond:acquire()); then await(cond:wait()) releases it, waits to be notified and takes it
--- back, and await(cond:wait_for(pred)) waits until pred() gives a true value. cond:notify([n])
--- wakes n waiters (1 by default), cond:notify_all() every one; both need the lock held.
---
--- Python: `async with cond: await cond.wait_for(lambda: len(items) > 0)`
---
--- `asyncio.Condition([lock]) -> Condition`
---@param lock? asyncio.Lock
---@return asyncio.Condition
function asyncio.Condition(lock) end

--- The OSError for ECONNABORTED (a ConnectionError), with .errno, .code, .strerror and .filename
--- (help(asyncio.OSError)). asyncio.OSError(errno, strerror) makes it for such an errno.
---
--- Python: `except ConnectionAbortedError as e: print(e.errno)`
---
--- `asyncio.ConnectionAbortedError(errno, strerror[, filename]) -> ConnectionAbortedError`
---@type asyncio.ErrorClass
asyncio.ConnectionAbortedError = nil

--- The OSError for a connection: the parent of the four below, with .errno, .code, .strerror and
--- .filename (help(asyncio.OSError)). asyncio.OSError(errno, strerror) makes it for such an errno.
---
--- Python: `except ConnectionError as e: print(e.errno)`
---
--- `asyncio.ConnectionError(errno, strerror[, filename]) -> ConnectionError`
---@type asyncio.ErrorClass
asyncio.ConnectionError = nil

--- The OSError for ECONNREFUSED: nothing listens at that address (a ConnectionError), with .errno,
--- .code, .strerror and .filename (help(asyncio.OSError)). asyncio.OSError(errno, strerror) makes
--- it for such an errno.
---
--- Python: `except ConnectionRefusedError as e: print(e.errno)`
---
--- `asyncio.ConnectionRefusedError(errno, strerror[, filename]) -> ConnectionRefusedError`
---@type asyncio.ErrorClass
asyncio.ConnectionRefusedError = nil

--- The OSError for ECONNRESET: the peer closed the connection abruptly (a ConnectionError), with
--- .errno, .code, .strerror and .filename (help(asyncio.OSError)). asyncio.OSError(errno, strerror)
--- makes it for such an errno.
---
--- Python: `except ConnectionResetError as e: print(e.errno)`
---
--- `asyncio.ConnectionResetError(errno, strerror[, filename]) -> ConnectionResetError`
---@type asyncio.ErrorClass
asyncio.ConnectionResetError = nil

--- Python's builtin EOFError: the input ended. IncompleteReadError is one, so
--- asyncio.EOFError:is(e) catches it, as `except EOFError` does in Python. An Exception.
---
--- Python: `except EOFError: ...`
---
--- `asyncio.EOFError([message]) -> EOFError`
---@type asyncio.ErrorClass
asyncio.EOFError = nil

--- A flag that tasks wait for. It starts unset; ev:set() sets it and wakes every task waiting in
--- await(ev:wait()); while it is set, ev:wait() returns true without waiting. ev:clear() unsets it
--- again; ev:is_set() reads it.
---
--- Python: `ev = asyncio.Event(); loop.call_later(1, ev.set); print(await ev.wait())`
---
--- `asyncio.Event() -> Event`
---@return asyncio.Event
function asyncio.Event() end

--- The base of the ordinary errors: every class here but CancelledError, KeyboardInterrupt and
--- SystemExit. Make your own with asyncio.Exception:subclass("Name"). pcall catches every error, so
--- asyncio.Exception:is(e) is how to tell an ordinary error from a cancellation (Python's except
--- Exception).
---
--- Python: `class AppError(Exception): pass`
---
--- `asyncio.Exception([message]) -> Exception`
---@type asyncio.ErrorClass
asyncio.Exception = nil

--- Several errors in one: .message and .exceptions, a list. A TaskGroup raises one (unhandled
--- errors in a TaskGroup) holding every error of its children. Lua has no except*: catch it with
--- pcall, test it with asyncio.ExceptionGroup:is(e) and go through e.exceptions. An Exception and a
--- BaseExceptionGroup; it refuses a BaseException that is not an Exception (TypeError: Cannot nest
--- BaseExceptions in an ExceptionGroup).
---
--- Python: `eg = ExceptionGroup("two errors", [ValueError("a"), TypeError("b")])`
---
--- `asyncio.ExceptionGroup(message, errors) -> ExceptionGroup`
---@type asyncio.ErrorClass
asyncio.ExceptionGroup = nil

--- A return_when value for asyncio.wait: it returns as soon as one of the tasks or futures is done,
--- whether it finished, failed or was cancelled. The others keep running.
---
--- Python: `done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)`
---@type string
asyncio.FIRST_COMPLETED = "FIRST_COMPLETED"

--- A return_when value for asyncio.wait: it returns as soon as one of them fails with an error (a
--- cancellation does not count), or when all are done if none fails. The error stays in the task:
--- retrieve it with t:exception() or await.
---
--- Python: `done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)`
---@type string
asyncio.FIRST_EXCEPTION = "FIRST_EXCEPTION"

--- The OSError for EEXIST, with .errno, .code, .strerror and .filename (help(asyncio.OSError)).
--- asyncio.OSError(errno, strerror) makes it for such an errno.
---
--- Python: `except FileExistsError as e: print(e.errno)`
---
--- `asyncio.FileExistsError(errno, strerror[, filename]) -> FileExistsError`
---@type asyncio.ErrorClass
asyncio.FileExistsError = nil

--- The OSError for ENOENT: no such file or directory, with .errno, .code, .strerror and .filename
--- (help(asyncio.OSError)). asyncio.OSError(errno, strerror) makes it for such an errno.
---
--- Python: `except FileNotFoundError as e: print(e.errno)`
---
--- `asyncio.FileNotFoundError(errno, strerror[, filename]) -> FileNotFoundError`
---@type asyncio.ErrorClass
asyncio.FileNotFoundError = nil

--- A result that arrives later: pending until exactly one of f:set_result(...),
--- f:set_exception(err) or f:cancel([msg]) finishes it. Awaiting it suspends until then and gives
--- the values or raises the error. Also f:done(), f:cancelled(), f:result(), f:exception(),
--- f:add_done_callback(fn) (fn(f) runs on a later loop iteration) and f:remove_done_callback(fn).
--- loop:create_future() makes one too.
---
--- Python: `f = loop.create_future(); loop.call_later(1, f.set_result, "ready"); print(await f)`
---
--- `asyncio.Future() -> Future`
---@return asyncio.Future
function asyncio.Future() end

--- Raised by a StreamReader's readexactly and readuntil when the stream ends first: e.partial holds
--- the bytes read, e.expected the count asked for (nil for readuntil). Both arguments are required,
--- as in Python (nil for None). An EOFError, as in Python.
---
--- Python: `except asyncio.IncompleteReadError as e: print(e.partial)`
---
--- `asyncio.IncompleteReadError(partial, expected) -> IncompleteReadError`
---@type asyncio.ErrorClass
asyncio.IncompleteReadError = nil

--- The OSError for EINTR, with .errno, .code, .strerror and .filename (help(asyncio.OSError)).
--- asyncio.OSError(errno, strerror) makes it for such an errno.
---
--- Python: `except InterruptedError as e: print(e.errno)`
---
--- `asyncio.InterruptedError(errno, strerror[, filename]) -> InterruptedError`
---@type asyncio.ErrorClass
asyncio.InterruptedError = nil

--- Raised by a Future or Task used in the wrong state: f:result() or f:exception() before it is
--- done (Result is not set.), f:set_result or f:set_exception on a future that is already done
--- (invalid state). An Exception.
---
--- Python: `except asyncio.InvalidStateError: ...`
---
--- `asyncio.InvalidStateError([message]) -> InvalidStateError`
---@type asyncio.ErrorClass
asyncio.InvalidStateError = nil

--- The OSError for EISDIR, with .errno, .code, .strerror and .filename (help(asyncio.OSError)).
--- asyncio.OSError(errno, strerror) makes it for such an errno.
---
--- Python: `except IsADirectoryError as e: print(e.errno)`
---
--- `asyncio.IsADirectoryError(errno, strerror[, filename]) -> IsADirectoryError`
---@type asyncio.ErrorClass
asyncio.IsADirectoryError = nil

--- What Ctrl-C stops the program with. Code that never awaits (a busy loop, time.sleep) gets it
--- raised where it runs; code that awaits is cancelled instead. A script stopped by Ctrl-C prints
--- KeyboardInterrupt and exits with status 130; at the prompt only the running input stops. A
--- BaseException, so asyncio.Exception:is(e) is false for it.
---
--- Python: `except KeyboardInterrupt: ...`
---
--- `asyncio.KeyboardInterrupt([message]) -> KeyboardInterrupt`
---@type asyncio.ErrorClass
asyncio.KeyboardInterrupt = nil

--- A Queue that gives the last item put first, as a stack does. maxsize bounds it the same way;
--- same methods as Queue.
---
--- Python: `lq = asyncio.LifoQueue(); lq.put_nowait("a")`
---
--- `asyncio.LifoQueue([maxsize]) -> LifoQueue`
---@param maxsize? integer
---@return asyncio.LifoQueue
function asyncio.LifoQueue(maxsize) end

--- Raised by a StreamReader's readuntil when the separator is not found within the reader's limit,
--- or found beyond it; e.consumed says how many bytes to skip. readline turns it into ValueError.
--- An Exception.
---
--- Python: `except asyncio.LimitOverrunError: ...`
---
--- `asyncio.LimitOverrunError(message, consumed) -> LimitOverrunError`
---@type asyncio.ErrorClass
asyncio.LimitOverrunError = nil

--- A mutual-exclusion lock for tasks. await(lock:acquire()) waits until the lock is free, takes it
--- and returns a guard whose closing releases it, so local _ <close> = await(lock:acquire()) holds
--- the lock to the end of the block (Python's async with lock). lock:release() releases it by hand;
--- lock:locked() tells whether it is held. Waiting tasks get it first in, first out.
---
--- Python: `lock = asyncio.Lock(); async with lock: ...`
---
--- `asyncio.Lock() -> Lock`
---@return asyncio.Lock
function asyncio.Lock() end

--- A name looked up that is not there, as Python's: an encoding asyncio.open does not know raises
--- LookupError: unknown encoding: xyz at the call. Python's names and aliases are known ("utf8",
--- "u8", "latin1", "l1", "sjis", "cp932", "ujis", "utf-8-sig"...). An Exception.
---
--- Python: `open('x.txt', encoding='xyz')  # LookupError`
---
--- `asyncio.LookupError([message]) -> LookupError`
---@type asyncio.ErrorClass
asyncio.LookupError = nil

--- The OSError for ENOTDIR, with .errno, .code, .strerror and .filename (help(asyncio.OSError)).
--- asyncio.OSError(errno, strerror) makes it for such an errno.
---
--- Python: `except NotADirectoryError as e: print(e.errno)`
---
--- `asyncio.NotADirectoryError(errno, strerror[, filename]) -> NotADirectoryError`
---@type asyncio.ErrorClass
asyncio.NotADirectoryError = nil

--- A failure the operating system reported, as Python's: .errno (32), .code, the system's name for
--- it ("EPIPE"), .strerror, .filename and .filename2 (a rename's second name: 'a' -> 'b'), and
--- Python's message ("[Errno 32] Broken pipe"). OSError(errno, strerror) makes the subclass Python
--- picks for the errno: BrokenPipeError (EPIPE), ConnectionRefusedError, ConnectionResetError,
--- ConnectionAbortedError (all ConnectionErrors), FileNotFoundError (ENOENT), FileExistsError,
--- IsADirectoryError, NotADirectoryError, PermissionError (EACCES, EPERM), ProcessLookupError
--- (ESRCH), ChildProcessError, BlockingIOError, InterruptedError, and TimeoutError (ETIMEDOUT).
--- print raises BrokenPipeError when stdout's reader went away (luasync x.lua | head -1: the
--- program then ends quietly, status 141) and OSError on a full disk. An Exception.
---
--- Python: `except FileNotFoundError as e: print(e.errno, e.filename)`
---
--- `asyncio.OSError(errno, strerror[, filename[, winerror[, filename2]]]) -> OSError, or asyncio.OSError(message)`
---@type asyncio.ErrorClass
asyncio.OSError = nil

--- Raised for a number too large for what takes it: time.sleep of more than 2^63 nanoseconds (about
--- 292 years, math.huge included), as Python's time.sleep. An Exception (Python's is an
--- ArithmeticError).
---
--- Python: `time.sleep(float('inf'))  # OverflowError`
---
--- `asyncio.OverflowError([message]) -> OverflowError`
---@type asyncio.ErrorClass
asyncio.OverflowError = nil

--- The OSError for EACCES, EPERM, with .errno, .code, .strerror and .filename
--- (help(asyncio.OSError)). asyncio.OSError(errno, strerror) makes it for such an errno.
---
--- Python: `except PermissionError as e: print(e.errno)`
---
--- `asyncio.PermissionError(errno, strerror[, filename]) -> PermissionError`
---@type asyncio.ErrorClass
asyncio.PermissionError = nil

--- A Queue that gives the smallest item first. Items compare with <; tables without a __lt
--- metamethod compare element by element, like Python tuples, so {priority, data} works as
--- (priority, data). An item that does not compare with the others raises and is not added. Same
--- methods as Queue.
---
--- Python: `pq = asyncio.PriorityQueue(); pq.put_nowait((2, "write report"))`
---
--- `asyncio.PriorityQueue([maxsize]) -> PriorityQueue`
---@param maxsize? integer
---@return asyncio.PriorityQueue
function asyncio.PriorityQueue(maxsize) end

--- The OSError for ESRCH: no such process, with .errno, .code, .strerror and .filename
--- (help(asyncio.OSError)). asyncio.OSError(errno, strerror) makes it for such an errno.
---
--- Python: `except ProcessLookupError as e: print(e.errno)`
---
--- `asyncio.ProcessLookupError(errno, strerror[, filename]) -> ProcessLookupError`
---@type asyncio.ErrorClass
asyncio.ProcessLookupError = nil

--- A first-in, first-out queue for passing items between tasks; maxsize 0 (the default) means no
--- limit. await(q:put(x)) waits while the queue is full, await(q:get()) while it is empty;
--- q:put_nowait(x) and q:get_nowait() raise QueueFull and QueueEmpty instead. q:task_done() and
--- await(q:join()) let a producer wait until every item was processed; q:shutdown() closes it.
--- q.maxsize is a field. Items may be any value, nil included.
---
--- Python: `q = asyncio.Queue(); await q.put(1); x = await q.get()`
---
--- `asyncio.Queue([maxsize]) -> Queue`
---@param maxsize? integer
---@return asyncio.Queue
function asyncio.Queue(maxsize) end

--- Raised by q:get_nowait() on an empty queue; await(q:get()) would wait instead. An Exception.
---
--- Python: `except asyncio.QueueEmpty: ...`
---
--- `asyncio.QueueEmpty([message]) -> QueueEmpty`
---@type asyncio.ErrorClass
asyncio.QueueEmpty = nil

--- Raised by q:put_nowait(x) on a full queue (maxsize > 0 and maxsize items in it); await(q:put(x))
--- would wait instead. An Exception.
---
--- Python: `except asyncio.QueueFull: ...`
---
--- `asyncio.QueueFull([message]) -> QueueFull`
---@type asyncio.ErrorClass
asyncio.QueueFull = nil

--- Raised by a queue after q:shutdown(): by put and put_nowait at once, by get and get_nowait once
--- the queue is empty (at once after shutdown(true), which drops the items). Tasks blocked in put
--- or get wake up to raise it. An Exception.
---
--- Python: `except asyncio.QueueShutDown: ...`
---
--- `asyncio.QueueShutDown([message]) -> QueueShutDown`
---@type asyncio.ErrorClass
asyncio.QueueShutDown = nil

--- Raised when the runtime is misused: awaiting a coroutine object a second time (cannot reuse
--- already awaited coroutine), await outside a task, releasing a Lock that is not held, a TaskGroup
--- that is finished, a timeout scope outside a task. Yours to raise too. An Exception.
---
--- Python: `raise RuntimeError("bad state")`
---
--- `asyncio.RuntimeError([message]) -> RuntimeError`
---@type asyncio.ErrorClass
asyncio.RuntimeError = nil

--- A counter of value units (1 by default) that limits how many tasks go on at once.
--- await(sem:acquire()) takes a unit, waiting while none is left, and returns a guard that gives it
--- back when closed: local _ <close> = await(sem:acquire()). sem:release() gives a unit back by
--- hand; sem:locked() is true when an acquire would wait. A negative value raises ValueError.
---
--- Python: `sem = asyncio.Semaphore(2); async with sem: await asyncio.sleep(1)`
---
--- `asyncio.Semaphore([value]) -> Semaphore`
---@param value? integer
---@return asyncio.Semaphore
function asyncio.Semaphore(value) end

--- A buffer of incoming bytes that tasks read as they arrive, as Python's: await(r:read(n)),
--- await(r:readline()), await(r:readuntil(sep)), await(r:readexactly(n)), and for line in r:lines()
--- do inside a task; r:at_eof(). A source feeds it with r:feed_data(s) and r:feed_eof(). limit (64
--- KiB) bounds a line: longer ones raise ValueError or LimitOverrunError. asyncio.stdin() gives the
--- standard input as one.
---
--- Python: `r = asyncio.StreamReader(); line = await r.readline()`
---
--- `asyncio.StreamReader([{limit = n}]) -> StreamReader`
---@param opts? table
---@return asyncio.StreamReader
function asyncio.StreamReader(opts) end

--- What exit() raises at the prompt to leave the REPL. A BaseException. Its argument is its .code:
--- uncaught, in a script or at the prompt, it ends the program quietly with that status (an
--- integer; none: 0, true: 0, false: 1) or prints its text and exits 1, as Python does. os.exit(n)
--- leaves at once instead.
---
--- Python: `raise SystemExit(0)`
---
--- `asyncio.SystemExit([code]) -> SystemExit`
---@type asyncio.ErrorClass
asyncio.SystemExit = nil

--- The metatable of every task: getmetatable(t) == asyncio.Task. Tasks are made with
--- asyncio.create_task, asyncio.spawn, loop:create_task or a TaskGroup, never by calling
--- asyncio.Task. A Task is a Future that runs a coroutine: it has the Future methods (done, result,
--- exception, add_done_callback, ...) and t:cancel([msg]), t:cancelling(), t:uncancel(),
--- t:get_name(), t:set_name(name), t:get_coro(), t:get_stack(), t:print_stack().
--- help("Task.cancel") documents one of them.
---
--- Python: `t = asyncio.create_task(coro()); print(isinstance(t, asyncio.Task), await t)`
---@type asyncio.Task
asyncio.Task = nil

--- Structured concurrency: Python's async with asyncio.TaskGroup() as tg becomes a <close>
--- variable. Calling it enters the group in the current task; the end of the variable's block waits
--- for every child. The first child that fails cancels the other children and the block, which then
--- raises an ExceptionGroup listing the errors in .exceptions. Methods: tg:create_task(coro_or_fn[,
--- {name = ...}]), tg:spawn(fn, ...), tg:cancel(). Always declare it <close>: without it nothing
--- waits for the children.
---
--- Python: `async with asyncio.TaskGroup() as tg: a = tg.create_task(asyncio.sleep(2, "slow"))`
---
--- `asyncio.TaskGroup() -> task group, for local tg <close> = asyncio.TaskGroup()`
---@return asyncio.TaskGroup
function asyncio.TaskGroup() end

--- A pool of worker threads (concurrent.futures.ThreadPoolExecutor) for loop:run_in_executor(pool,
--- fn, ...). It starts its threads as jobs come, up to max_workers (default min(32, cores + 4));
--- local pool <close> = ... shuts it down at the end of the block, waiting for its jobs.
---
--- Python: `with concurrent.futures.ThreadPoolExecutor(2) as pool: await loop.run_in_executor(pool, f)`
---
--- `asyncio.ThreadPoolExecutor([max_workers]) -> executor`
---@param max_workers? integer
---@return any ...
function asyncio.ThreadPoolExecutor(max_workers) end

--- Raised by asyncio.wait_for and by timeout scopes (asyncio.timeout, asyncio.timeout_at) when the
--- deadline passes, and by the as_completed awaitables still pending at its timeout. Its .cause is
--- the CancelledError that stopped the work. An OSError, as in Python.
---
--- Python: `except TimeoutError as e: print(e.__cause__)`
---
--- `asyncio.TimeoutError([message]) -> TimeoutError`
---@type asyncio.ErrorClass
asyncio.TimeoutError = nil

--- Raised where an awaitable was needed and something else came: await(42),
--- asyncio.create_task(42), ensure_future of a plain value, coroutine objects given to
--- asyncio.wait. Other wrong argument types raise Lua's bad argument errors. Yours to raise too. An
--- Exception.
---
--- Python: `await 42  # TypeError`
---
--- `asyncio.TypeError([message]) -> TypeError`
---@type asyncio.ErrorClass
asyncio.TypeError = nil

--- A file opened with an encoding held bytes that do not decode, with Python's text: 'utf-8' codec
--- can't decode byte 0xff in position 0: invalid start byte (also invalid continuation byte,
--- unexpected end of data; ordinal not in range(128) for ascii, illegal multibyte sequence for
--- shift_jis). .encoding, .start, ["end"] (0-based, end excluded, as Python's), .reason and .object
--- (the bytes). errors = "replace" or "ignore" reads on instead. A UnicodeError, so a ValueError.
---
--- Python: `except UnicodeDecodeError as e: print(e.start, e.reason)`
---
--- `asyncio.UnicodeDecodeError([message]) -> UnicodeDecodeError`
---@type asyncio.ErrorClass
asyncio.UnicodeDecodeError = nil

--- A text written to a file opened with an encoding holds a character the encoding lacks, with
--- Python's text: 'latin-1' codec can't encode character '\u3042' in position 0: ordinal not in
--- range(256) (positions count characters). .encoding, .start, ["end"], .reason and .object (the
--- text). errors = "replace" writes ? for it, "ignore" nothing. A UnicodeError, so a ValueError.
---
--- Python: `except UnicodeEncodeError as e: print(e.start, e.reason)`
---
--- `asyncio.UnicodeEncodeError([message]) -> UnicodeEncodeError`
---@type asyncio.ErrorClass
asyncio.UnicodeEncodeError = nil

--- The parent of UnicodeDecodeError and UnicodeEncodeError, a ValueError, as Python's:
--- ValueError:is(e) catches both.
---
--- Python: `except UnicodeError as e: print(e)`
---
--- `asyncio.UnicodeError([message]) -> UnicodeError`
---@type asyncio.ErrorClass
asyncio.UnicodeError = nil

--- A file used against its mode, as Python's io.UnsupportedOperation: writing to a file opened "r"
--- raises UnsupportedOperation: not writable, reading one opened "w" UnsupportedOperation: not
--- readable (when awaited). Both an OSError and a ValueError, as in Python: OSError:is(e) and
--- ValueError:is(e) are true. It has no errno.
---
--- Python: `except io.UnsupportedOperation as e: print(e)`
---
--- `asyncio.UnsupportedOperation([message]) -> UnsupportedOperation`
---@type asyncio.ErrorClass
asyncio.UnsupportedOperation = nil

--- Raised for an argument of the right type but a wrong value: a NaN delay, a negative Semaphore
--- value, Barrier(0), task_done() called too many times, an empty list for asyncio.wait,
--- asyncio.run given something that is not a coroutine object. Yours to raise too. An Exception.
---
--- Python: `raise ValueError("bad")`
---
--- `asyncio.ValueError([message]) -> ValueError`
---@type asyncio.ErrorClass
asyncio.ValueError = nil

--- The tasks not done yet, the current one included, as a list in creation order (Python: a set).
---
--- Python: `for t in asyncio.all_tasks(): print(t.get_name())`
---
--- `asyncio.all_tasks() -> list of Tasks`
---@return asyncio.Task[]
function asyncio.all_tasks() end

--- Starts the awaitables (coroutine objects become tasks) and, in a generic for, yields one
--- awaitable per input: awaiting the i-th gives the result, or raises the error, of the i-th to
--- finish. With timeout, those still pending when it passes raise TimeoutError when awaited (the
--- tasks are not cancelled).
---
--- Python: `for aw in asyncio.as_completed(aws): print(await aw)`
---
--- `asyncio.as_completed(aws[, {timeout = seconds}]) -> iterator`
---@param aws table
---@param opts? table
---@return fun(): asyncio.Coroutine
function asyncio.as_completed(aws, opts) end

--- Python's async generators as generic-for loops. fn may await and hands out values with
--- coroutine.yield; calling the result with arguments gives a for iterator over fn(...)'s yields.
--- While the generator awaits, the enclosing task suspends and other tasks run. When the loop ends
--- early (break, return, an error), the generator is closed, so its <close> variables run, as
--- aclose() runs a Python generator's finally; that cleanup cannot await. One still suspended at a
--- yield when asyncio.run (or the script) ends is closed then, as CPython's shutdown_asyncgens:
--- GeneratorExit is raised at its yield, and its cleanup may await.
---
--- Python: `async for i in count(10): print(i)`
---
--- `asyncio.async_generator(fn) -> generator maker`
---@param fn function
---@return any ...
function asyncio.async_generator(fn) end

--- The call graph as data: future, call_stack (a list of {file=, line=, name=}, innermost first)
--- and awaited_by (a list of graphs of what awaits it); nil outside a task.
---
--- Python: `g = asyncio.capture_call_graph()`
---
--- `asyncio.capture_call_graph([future[, {depth=, limit=}]]) -> {future=, call_stack=, awaited_by=}`
---@param future? any
---@param opts? table
---@return any ...
function asyncio.capture_call_graph(future, opts) end

--- Starts program with the arguments (no shell) and gives a Process. opts: stdin, stdout, stderr =
--- asyncio.subprocess.PIPE (a stream), DEVNULL, STDOUT (stderr into stdout) or nil (inherit), cwd,
--- env (the whole environment, a table), limit. A missing program raises FileNotFoundError.
--- Python's list {"echo", "hi"} is create_subprocess_exec(table.unpack(cmd)) in Lua.
---
--- Python: `p = await asyncio.create_subprocess_exec("echo", "hi", stdout=asyncio.subprocess.PIPE)`
---
--- `asyncio.create_subprocess_exec(program, ...args[, opts]) -> coroutine object giving a Process`
---@param program string
---@param ... any
---@return asyncio.Coroutine
function asyncio.create_subprocess_exec(program, ...) end

--- Runs cmd with /bin/sh -c and gives a Process, with the options of create_subprocess_exec. The
--- shell's quoting applies: pass untrusted text to create_subprocess_exec instead.
---
--- Python: `p = await asyncio.create_subprocess_shell("ls | wc -l", stdout=asyncio.subprocess.PIPE)`
---
--- `asyncio.create_subprocess_shell(cmd[, opts]) -> coroutine object giving a Process`
---@param cmd string
---@param opts? table
---@return asyncio.Coroutine
function asyncio.create_subprocess_shell(cmd, opts) end

--- Wraps a coroutine object in a new Task and schedules it: it starts on a later loop iteration, in
--- creation order, even if nobody awaits it. Given a function, the task calls it with no arguments;
--- given an async function, its coroutine is the task's body (create_task(work) is
--- create_task(work())). Unnamed tasks are Task-1, Task-2, ... Keep a reference to the task or
--- await it: an error that nobody retrieves is reported as Task exception was never retrieved.
---
--- Python: `t = asyncio.create_task(coro(), name="sleeper"); print(t.get_name(), await t)`
---
--- `asyncio.create_task(coro_or_fn[, {name = "..."}]) -> Task`
---@param coro_or_fn any
---@param opts? table
---@return asyncio.Task
function asyncio.create_task(coro_or_fn, opts) end

--- The running task, or nil outside tasks (for example in a loop:call_soon callback). A script's
--- main chunk runs as the task Task-1; each prompt input runs as a task too.
---
--- Python: `print(asyncio.current_task().get_name())`
---
--- `asyncio.current_task() -> Task or nil`
---@return asyncio.Task?
function asyncio.current_task() end

--- A Future or Task is returned as is; a coroutine object is wrapped in a new Task; a value with an
--- __await metamethod is wrapped in a task that awaits it. Anything else raises TypeError: An
--- asyncio.Future, a coroutine or an awaitable is required.
---
--- Python: `t = asyncio.ensure_future(asyncio.sleep(1, "slept")); print(await t)`
---
--- `asyncio.ensure_future(aw) -> Task or Future`
---@param aw any
---@return asyncio.Future
function asyncio.ensure_future(aw) end

--- The call graph as print_call_graph prints it, as a string: a task's call stack, innermost frame
--- first, then what awaits it, indented by level.
---
--- Python: `text = asyncio.format_call_graph()`
---
--- `asyncio.format_call_graph([future[, {depth=, limit=}]]) -> string`
---@param future? any
---@param opts? table
---@return any ...
function asyncio.format_call_graph(future, opts) end

--- File system functions that do not block the loop (aiofiles.os): await(fs.stat(p)) gives {size,
--- mode, mtime, atime, ctime, type}, fs.exists(p) true or false, fs.listdir(dir) the sorted names,
--- fs.remove, fs.rename(from, to), fs.mkdir(p[, mode]), fs.rmdir; each raises Python's OSError
--- subclasses.
---
--- Python: `await aiofiles.os.mkdir(d); await aiofiles.os.path.exists(d)`
asyncio.fs = {}

--- Runs the awaitables concurrently (coroutine objects become tasks at once) and returns a future;
--- awaiting it gives the list of results in the order given, with .n set, holding the first value
--- of each. Without return_exceptions the first error is raised at once and the other children keep
--- running; with return_exceptions = true errors are put in the list. Cancelling the future cancels
--- every child that is not done. A trailing table without a metatable is the options.
---
--- Python: `rs = await asyncio.gather(a(), b(), return_exceptions=True)`
---
--- `asyncio.gather(aw1, aw2, ...[, {return_exceptions = bool}]) -> future`
---@param ... any
---@return asyncio.Future
function asyncio.gather(...) end

--- The event loop (one per Lua state; also asyncio.get_event_loop()). Its methods are called with a
--- colon: loop:time(), loop:call_soon(fn, ...), loop:call_later(delay, fn, ...), loop:call_at(when,
--- fn, ...) (each returns a handle with h:cancel()), loop:create_future(),
--- loop:create_task(coro_or_fn), loop:get_debug(), loop:set_debug(bool),
--- loop:set_exception_handler(fn); loop.slow_callback_duration is a field. Callbacks are plain
--- functions: they cannot await.
---
--- Python: `loop = asyncio.get_running_loop(); loop.call_later(1, print, "one second later"); print(loop.time())`
---
--- `asyncio.get_running_loop() -> loop`
---@return asyncio.EventLoop
function asyncio.get_event_loop() end

--- The event loop (one per Lua state; also asyncio.get_event_loop()). Its methods are called with a
--- colon: loop:time(), loop:call_soon(fn, ...), loop:call_later(delay, fn, ...), loop:call_at(when,
--- fn, ...) (each returns a handle with h:cancel()), loop:create_future(),
--- loop:create_task(coro_or_fn), loop:get_debug(), loop:set_debug(bool),
--- loop:set_exception_handler(fn); loop.slow_callback_duration is a field. Callbacks are plain
--- functions: they cannot await.
---
--- Python: `loop = asyncio.get_running_loop(); loop.call_later(1, print, "one second later"); print(loop.time())`
---
--- `asyncio.get_running_loop() -> loop`
---@return asyncio.EventLoop
function asyncio.get_running_loop() end

--- An HTTP/HTTPS client on libcurl, driven by the loop (aiohttp's names): await(http.get(url[,
--- opts])) gives a response with status, reason, url, headers (any case), history (the redirects
--- followed), await(r:text()), await(r:json()), await(r:read(n)), r:iter_chunks(),
--- r:raise_for_status(). opts: headers, params, data, json, timeout, follow_redirects, cafile,
--- verify. local s <close> = http.Session{base_url=, headers=, timeout=, limit=} reuses
--- connections. See docs/http.md.
---
--- Python: `async with aiohttp.ClientSession() as s: r = await s.get(url); text = await r.text()`
asyncio.http = {}

--- True if x is a coroutine object: what calling an async function, or a library function that
--- waits such as asyncio.sleep, returns.
---
--- Python: `asyncio.iscoroutine(c)`
---
--- `asyncio.iscoroutine(x) -> boolean`
---@param x any
---@return boolean
function asyncio.iscoroutine(x) end

--- True if f is an async function: one async() made, or a function or method of the runtime that
--- gives a coroutine object, such as asyncio.sleep, q.get, lock.acquire, reader.read or
--- asyncio.http.get (CPython's async def). Calling one makes a coroutine object.
---
--- Python: `asyncio.iscoroutinefunction(f)`
---
--- `asyncio.iscoroutinefunction(f) -> boolean`
---@param f any
---@return boolean
function asyncio.iscoroutinefunction(f) end

--- True if x is a Future, a Task, or a gather or shield future.
---
--- Python: `asyncio.isfuture(f)`
---
--- `asyncio.isfuture(x) -> boolean`
---@param x any
---@return boolean
function asyncio.isfuture(x) end

--- Opens a file without blocking the loop (aiofiles.open): the system calls run on libuv's threads
--- while other tasks run. mode as Lua's io.open ("r", "w", "a", "r+", "w+", "a+", and "x" to create
--- only). local f <close> = ... closes it at the end of the block. encoding (Python's names:
--- "shift_jis", "cp932", "latin-1"...) decodes what is read to UTF-8 and encodes what is written,
--- as Python's text mode ("utf-8-sig" skips a byte order mark and writes one at the start of the
--- file; an unknown name raises LookupError); errors = "strict" (UnicodeDecodeError), "replace",
--- "ignore", "backslashreplace", "xmlcharrefreplace" or "surrogateescape", as Python's. Errors are
--- Python's: FileNotFoundError: [Errno 2] ...
---
--- Python: `async with aiofiles.open(path) as f: text = await f.read()`
---
--- `asyncio.open(path[, mode[, {encoding=, errors=}]]) -> coroutine object giving a File`
---@param path string
---@param mode? string
---@param opts? table
---@return asyncio.Coroutine
function asyncio.open(path, mode, opts) end

--- Connects to host:port over TCP and gives a StreamReader and a StreamWriter. host is an address
--- or a name (resolved without blocking the loop; each address is tried in turn); port is a number
--- or, as in Python, a service name ("http" is 80). A refused connection raises
--- ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 1), as in Python.
---
--- Python: `reader, writer = await asyncio.open_connection("127.0.0.1", 8888)`
---
--- `asyncio.open_connection(host, port[, {limit = n}]) -> coroutine object giving reader, writer`
---@param host string
---@param port integer|string
---@param opts? table
---@return asyncio.Coroutine
function asyncio.open_connection(host, port, opts) end

--- Connects to the Unix domain socket at path and gives a StreamReader and a StreamWriter, as
--- open_connection does for TCP. A missing socket raises FileNotFoundError; one nobody listens on,
--- ConnectionRefusedError.
---
--- Python: `reader, writer = await asyncio.open_unix_connection("/tmp/app.sock")`
---
--- `asyncio.open_unix_connection(path[, {limit = n}]) -> coroutine object giving reader, writer`
---@param path string
---@param opts? table
---@return asyncio.Coroutine
function asyncio.open_unix_connection(path, opts) end

--- Prints the async call graph of the current task (or of a Task or Future): its call stack,
--- innermost frame first, then what awaits it -- the task awaiting it (or a gather, shield or wait
--- of it), a TaskGroup's parent -- and so on up (CPython 3.14's). limit keeps that many frames of
--- each stack, the outermost (negative: the innermost); depth skips frames of the current task
--- (past them all: ValueError: call stack is not deep enough).
---
--- Python: `asyncio.print_call_graph(task)`
---
--- `asyncio.print_call_graph([future[, {depth=, limit=, file=}]]) -> nothing`
---@param future? any
---@param opts? table
function asyncio.print_call_graph(future, opts) end

--- Runs the coroutine object coro and returns its results. Scripts and prompt inputs already run as
--- tasks on the running loop, so asyncio.run(main()) simply awaits main() there (documented
--- deviation: CPython raises inside a running loop); it can be called several times. When coro is
--- done, the tasks it left are cancelled, then the async generators started in the run and not
--- finished are closed (their cleanup may await), as CPython's run. clock switches the clock while
--- no timer is pending; debug sets the loop's debug flag. Anything but a coroutine object raises
--- ValueError: a coroutine was expected.
---
--- Python: `print(asyncio.run(main()))`
---
--- `asyncio.run(coro[, {clock = "real"|"virtual", debug = bool}]) -> ...`
---@param coro any
---@param opts? table
---@return any ...
function asyncio.run(coro, opts) end

--- Protects aw from being cancelled by whoever awaits the shield: aw becomes a task if it is a
--- coroutine object, and the returned outer future follows it. Cancelling the outer future (the
--- awaiting task is cancelled, wait_for times out) leaves the inner task running. If aw is already
--- finished, shield returns it. Keep a reference to the inner task.
---
--- Python: `await asyncio.wait_for(asyncio.shield(inner), 1)`
---
--- `asyncio.shield(aw) -> future`
---@param aw any
---@return asyncio.Future
function asyncio.shield(aw) end

--- Awaiting it suspends the current task for delay seconds, then returns the extra arguments
--- (Python's result; luasync returns all of them). delay <= 0 yields once: other ready tasks run
--- first. It is an async function, so asyncio.gather(asyncio.sleep(1), asyncio.sleep(2)) takes 2 s.
--- A cancelled sleep raises CancelledError at the await; a NaN delay raises ValueError there too.
---
--- Python: `print(await asyncio.sleep(1.5, "a"))`
---
--- `asyncio.sleep(delay, ...) -> coroutine object`
---@param delay number
---@param ... any
---@return asyncio.Coroutine
function asyncio.sleep(delay, ...) end

--- Makes a task that runs fn(...): the arguments go to fn, which need not be declared with async;
--- when it is an async function, its coroutine is the task's body (spawn(work, 1) is
--- create_task(work(1))). Otherwise the same as asyncio.create_task: the task starts on a later
--- loop iteration, and await(task) returns what fn returned. fn may also be a callable object (a
--- table or userdata with __call).
---
--- Python: `no equivalent; the nearest is asyncio.create_task(fn(2, 3)) with an async def fn`
---
--- `asyncio.spawn(fn, ...) -> Task`
---@param fn function
---@param ... any
---@return asyncio.Task
function asyncio.spawn(fn, ...) end

--- Listens on host:port (port 0: a free port, read back with server.sockets[1]:getsockname()) and
--- runs cb(reader, writer) as a task for each connection; cb may be a plain or an async function.
--- host nil listens on every interface. local server <close> = ... closes it at the end of the
--- block.
---
--- Python: `server = await asyncio.start_server(handle, "127.0.0.1", 8888)`
---
--- `asyncio.start_server(cb, host, port[, {limit =, backlog =, start_serving =}]) -> coroutine object giving a Server`
---@param cb function
---@param host string
---@param port integer|string
---@param opts? table
---@return asyncio.Coroutine
function asyncio.start_server(cb, host, port, opts) end

--- Listens on a Unix domain socket at path and runs cb(reader, writer) as a task for each
--- connection, as start_server does for TCP. A socket file already at path is replaced (any other
--- file there raises OSError: Address ... is already in use). Closing the server removes the socket
--- file if path still names it, as Python 3.13's (cleanup_socket = false keeps it).
---
--- Python: `server = await asyncio.start_unix_server(handle, "/tmp/app.sock")`
---
--- `asyncio.start_unix_server(cb, path[, {limit =, backlog =, start_serving =, cleanup_socket =}]) -> coroutine object giving a Server`
---@param cb function
---@param path string
---@param opts? table
---@return asyncio.Coroutine
function asyncio.start_unix_server(cb, path, opts) end

--- The standard input as a StreamReader, read from the loop: a task waiting for a line leaves the
--- other tasks running, where io.read() would stop them all. The same reader at every call. A pipe,
--- a terminal, a file or /dev/null. Not at the REPL, which reads the standard input itself
--- (RuntimeError).
---
--- Python: `await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(r), sys.stdin)`
---
--- `asyncio.stdin() -> StreamReader`
---@return asyncio.StreamReader
function asyncio.stdin() end

--- The constants of the subprocess options, with CPython's values: PIPE (-1) gives the Process a
--- stream for that standard stream, STDOUT (-2) sends stderr into stdout, DEVNULL (-3) connects it
--- to /dev/null; nil inherits the program's own.
---
--- Python: `from asyncio import subprocess; subprocess.PIPE`
asyncio.subprocess = {}

--- A timeout scope for a to-be-closed variable: local cm <close> = asyncio.timeout(5). It is
--- entered when called and left at the end of the enclosing block. If the deadline (delay seconds
--- from now; nil for none) passes while the block runs, the task is cancelled and, when the block
--- is left, that CancelledError becomes a TimeoutError. Methods: cm:when(), cm:reschedule(when),
--- cm:expired(). Use it inside a task.
---
--- Python: `async with asyncio.timeout(1): await asyncio.sleep(5)`
---
--- `asyncio.timeout(delay) -> timeout scope`
---@param delay number
---@return asyncio.Timeout
function asyncio.timeout(delay) end

--- The same as asyncio.timeout, with the deadline given as an absolute time on the loop's clock
--- (loop:time()), or nil for none.
---
--- Python: `async with asyncio.timeout_at(loop.time() + 10) as cm: await asyncio.sleep(1)`
---
--- `asyncio.timeout_at(when) -> timeout scope`
---@param when number
---@return asyncio.Timeout
function asyncio.timeout_at(when) end

--- Runs fn(...) in a worker thread of the default executor while the loop goes on: time.sleep and
--- other blocking calls there block only that thread, and CPU-bound jobs run in parallel. fn and
--- its arguments are copied into the worker's own Lua state (nil, booleans, numbers, strings,
--- tables of these, functions whose only upvalue is _ENV); anything else is refused at the call.
--- Cancelling the awaiting task leaves the job running.
---
--- Python: `result = await asyncio.to_thread(fib, 20)`
---
--- `asyncio.to_thread(fn, ...) -> coroutine object giving fn's results`
---@param fn function
---@param ... any
---@return asyncio.Coroutine
function asyncio.to_thread(fn, ...) end

--- Waits on a list of Tasks and Futures until return_when holds (asyncio.FIRST_COMPLETED,
--- asyncio.FIRST_EXCEPTION, or asyncio.ALL_COMPLETED, the default) or the timeout passes. It never
--- raises on timeout and cancels nothing. done and pending are lists in the order given (Python:
--- sets). Coroutine objects are refused (TypeError); an empty list raises ValueError.
---
--- Python: `done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)`
---
--- `asyncio.wait(aws[, {timeout = seconds, return_when = ...}]) -> coroutine object giving done, pending`
---@param aws table
---@param opts? table
---@return asyncio.Coroutine
function asyncio.wait(aws, opts) end

--- Awaits aw for at most timeout seconds and returns every value it produced. On expiry it cancels
--- aw, waits for it to end and raises TimeoutError (its .cause is the CancelledError behind it).
--- timeout = nil waits without a deadline; timeout <= 0 checks once. Cancelling the waiting task
--- cancels aw too: use asyncio.shield to protect it.
---
--- Python: `await asyncio.wait_for(aw, timeout=1)`
---
--- `asyncio.wait_for(aw, timeout) -> coroutine object`
---@param aw any
---@param timeout number
---@return asyncio.Coroutine
function asyncio.wait_for(aw, timeout) end

--- For a Future an executor's submit gave: in luasync it is already one of asyncio's, so it comes
--- back as it is, ready to await. Anything else is refused.
---
--- Python: `result = await asyncio.wrap_future(pool.submit(max, 3, 7))`
---
--- `asyncio.wrap_future(future) -> the same Future`
---@param future any
---@return any ...
function asyncio.wrap_future(future) end

--- asyncio.fs.exists: as Python's os.exists (aiofiles.os), awaited (docs/io.md)
---@return asyncio.Coroutine
function asyncio.fs.exists(...) end
--- asyncio.fs.listdir: as Python's os.listdir (aiofiles.os), awaited (docs/io.md)
---@return asyncio.Coroutine
function asyncio.fs.listdir(...) end
--- asyncio.fs.mkdir: as Python's os.mkdir (aiofiles.os), awaited (docs/io.md)
---@return asyncio.Coroutine
function asyncio.fs.mkdir(...) end
--- asyncio.fs.remove: as Python's os.remove (aiofiles.os), awaited (docs/io.md)
---@return asyncio.Coroutine
function asyncio.fs.remove(...) end
--- asyncio.fs.rename: as Python's os.rename (aiofiles.os), awaited (docs/io.md)
---@return asyncio.Coroutine
function asyncio.fs.rename(...) end
--- asyncio.fs.rmdir: as Python's os.rmdir (aiofiles.os), awaited (docs/io.md)
---@return asyncio.Coroutine
function asyncio.fs.rmdir(...) end
--- asyncio.fs.stat: as Python's os.stat (aiofiles.os), awaited (docs/io.md)
---@return asyncio.Coroutine
function asyncio.fs.stat(...) end
--- asyncio.subprocess.DEVNULL, as Python's
asyncio.subprocess.DEVNULL = -3
--- asyncio.subprocess.PIPE, as Python's
asyncio.subprocess.PIPE = -1
--- asyncio.subprocess.STDOUT, as Python's
asyncio.subprocess.STDOUT = -2
--- asyncio.http.ClientConnectionError: aiohttp's ClientConnectionError (docs/http.md)
---@type asyncio.ErrorClass
asyncio.http.ClientConnectionError = nil
--- asyncio.http.ClientError: aiohttp's ClientError (docs/http.md)
---@type asyncio.ErrorClass
asyncio.http.ClientError = nil
--- asyncio.http.ClientPayloadError: aiohttp's ClientPayloadError (docs/http.md)
---@type asyncio.ErrorClass
asyncio.http.ClientPayloadError = nil
--- asyncio.http.ClientResponseError: aiohttp's ClientResponseError (docs/http.md)
---@type asyncio.ErrorClass
asyncio.http.ClientResponseError = nil
--- asyncio.http.Headers: aiohttp's Headers (docs/http.md)
---@type table
asyncio.http.Headers = nil
--- asyncio.http.Response: aiohttp's Response (docs/http.md)
---@type asyncio.http.Response
asyncio.http.Response = nil
--- asyncio.http.SSLCertVerificationError: aiohttp's SSLCertVerificationError (docs/http.md)
---@type asyncio.ErrorClass
asyncio.http.SSLCertVerificationError = nil
--- asyncio.http.ServerDisconnectedError: aiohttp's ServerDisconnectedError (docs/http.md)
---@type asyncio.ErrorClass
asyncio.http.ServerDisconnectedError = nil
--- asyncio.http.Session{base_url=, headers=, timeout=, limit=}: aiohttp's ClientSession (docs/http.md)
---@param opts table?
---@return asyncio.http.Session
function asyncio.http.Session(opts) end
--- asyncio.http.TooManyRedirects: aiohttp's TooManyRedirects (docs/http.md)
---@type asyncio.ErrorClass
asyncio.http.TooManyRedirects = nil
--- asyncio.http.delete(url[, opts]): an HTTP DELETE request, as aiohttp's (docs/http.md)
---@return asyncio.Coroutine
function asyncio.http.delete(...) end
--- asyncio.http.get(url[, opts]): an HTTP GET request, as aiohttp's (docs/http.md)
---@return asyncio.Coroutine
function asyncio.http.get(...) end
--- asyncio.http.head(url[, opts]): an HTTP HEAD request, as aiohttp's (docs/http.md)
---@return asyncio.Coroutine
function asyncio.http.head(...) end
--- asyncio.http.null: JSON's null (lua-cjson's)
asyncio.http.null = nil
--- asyncio.http.patch(url[, opts]): an HTTP PATCH request, as aiohttp's (docs/http.md)
---@return asyncio.Coroutine
function asyncio.http.patch(...) end
--- asyncio.http.post(url[, opts]): an HTTP POST request, as aiohttp's (docs/http.md)
---@return asyncio.Coroutine
function asyncio.http.post(...) end
--- asyncio.http.put(url[, opts]): an HTTP PUT request, as aiohttp's (docs/http.md)
---@return asyncio.Coroutine
function asyncio.http.put(...) end
--- asyncio.http.request(url[, opts]): an HTTP request (method, url[, opts])
---@return asyncio.Coroutine
function asyncio.http.request(...) end

---@class asyncio.http.Session aiohttp's ClientSession (docs/http.md)
local HttpSession = {}
--- Session:close, as aiohttp's (docs/http.md)
function HttpSession:close(...) end
--- Session:delete, as aiohttp's (docs/http.md)
function HttpSession:delete(...) end
--- Session:get, as aiohttp's (docs/http.md)
function HttpSession:get(...) end
--- Session:head, as aiohttp's (docs/http.md)
function HttpSession:head(...) end
--- Session:patch, as aiohttp's (docs/http.md)
function HttpSession:patch(...) end
--- Session:post, as aiohttp's (docs/http.md)
function HttpSession:post(...) end
--- Session:put, as aiohttp's (docs/http.md)
function HttpSession:put(...) end
--- Session:request, as aiohttp's (docs/http.md)
function HttpSession:request(...) end

---@class asyncio.http.Response aiohttp's ClientResponse (docs/http.md)
local HttpResponse = {}
--- Response:close, as aiohttp's (docs/http.md)
function HttpResponse:close(...) end
--- Response:iter_chunks, as aiohttp's (docs/http.md)
function HttpResponse:iter_chunks(...) end
--- Response:json, as aiohttp's (docs/http.md)
function HttpResponse:json(...) end
--- Response:raise_for_status, as aiohttp's (docs/http.md)
function HttpResponse:raise_for_status(...) end
--- Response:read, as aiohttp's (docs/http.md)
function HttpResponse:read(...) end
--- Response:text, as aiohttp's (docs/http.md)
function HttpResponse:text(...) end

return asyncio
