---@meta
-- The classes of luasync's asyncio and their methods. Written by scripts/gen-types.lua from the runtime's help(): do not edit.

---@class asyncio.Future
local Future = {}

--- The values a done future (or task) finished with, all of them. It raises the error the future
--- failed with, CancelledError if it was cancelled, and InvalidStateError: Result is not set. while
--- it is pending. It never waits: await(f) is the form that waits.
---
--- Python: `print(t.result())`
---
--- `f:result() -> ...`
---@return any ...
function Future:result() end

--- The error a done future (or task) failed with, or nil if it finished normally; asking counts as
--- retrieving it, so no never retrieved report follows. It raises CancelledError if the future was
--- cancelled and InvalidStateError: Exception is not set. while it is pending.
---
--- Python: `print(t.exception())`
---
--- `f:exception() -> error or nil`
---@return any ...
function Future:exception() end

--- True once the future (or task) is finished: it has its values, failed with an error, or was
--- cancelled. A task is done when its function returned, raised or was cancelled. It never waits.
---
--- Python: `print(t.done())`
---
--- `f:done() -> boolean`
---@return boolean
function Future:done() end

--- True if the future (or task) ended cancelled: f:cancel() on a future, or a task that let its
--- CancelledError propagate. A task that caught the cancellation and went on is not cancelled.
---
--- Python: `print(t.cancelled())`
---
--- `f:cancelled() -> boolean`
---@return boolean
function Future:cancelled() end

--- Cancels a pending future at once: it becomes done and cancelled, its callbacks are scheduled,
--- and awaiting it or f:result() raises CancelledError(msg). Returns false if it was already done
--- (an error it failed with then counts as retrieved, as in Python). A task's cancel is a request:
--- see help("Task.cancel").
---
--- Python: `f.cancel("stop")`
---
--- `f:cancel([msg]) -> boolean`
---@param msg? string
---@return boolean
function Future:cancel(msg) end

--- Finishes a pending future with these values (all of them: Python keeps one); whoever awaits it
--- gets them. On a future that is already done it raises InvalidStateError: invalid state. Tasks
--- refuse it.
---
--- Python: `f.set_result(1)`
---
--- `f:set_result(...) -> nothing`
---@param ... any
function Future:set_result(...) end

--- Finishes a pending future with an error: awaiting it or f:result() raises err (any value but
--- nil: TypeError: invalid exception object). On a future that is already done it raises
--- InvalidStateError: invalid state. An error that nobody retrieves is reported when the future is
--- collected. Tasks refuse it.
---
--- Python: `f.set_exception(ValueError("nope"))`
---
--- `f:set_exception(err) -> nothing`
---@param err any
function Future:set_exception(err) end

--- Calls fn(f) once the future (or task) is done, on a later loop iteration, in the order the
--- callbacks were added; if it is already done, fn is scheduled at once. fn is a plain function: it
--- cannot await, and its errors are reported without stopping the loop.
---
--- Python: `t.add_done_callback(lambda x: print("done:", x.result()))`
---
--- `f:add_done_callback(fn) -> nothing`
---@param fn function
function Future:add_done_callback(fn) end

--- Removes every registration of fn from the future's (or task's) done callbacks and returns how
--- many there were.
---
--- Python: `print(f.remove_done_callback(print))`
---
--- `f:remove_done_callback(fn) -> number removed`
---@param fn function
---@return number
function Future:remove_done_callback(fn) end

--- The loop the future (or task) belongs to: there is one per Lua state, the one
--- asyncio.get_running_loop() returns.
---
--- Python: `print(f.get_loop() is asyncio.get_running_loop())`
---
--- `f:get_loop() -> loop`
---@return asyncio.EventLoop
function Future:get_loop() end

---@class asyncio.Task : asyncio.Future
local Task = {}

--- Asks the task to stop: CancelledError(msg) is raised at its pending await (or its next one, if
--- it is running or has not started). If the task lets it propagate, it ends cancelled and awaiting
--- it raises CancelledError; it may also catch it (pcall) and go on. Returns false if the task is
--- already done (an error it failed with then counts as retrieved: it is not reported). Each call
--- adds one to t:cancelling().
---
--- Python: `t.cancel("enough")`
---
--- `t:cancel([msg]) -> boolean`
---@param msg? string
---@return boolean
function Task:cancel(msg) end

--- How many cancellation requests (t:cancel() calls) the task has that t:uncancel() did not take
--- back. asyncio.timeout, wait_for and TaskGroup use it to tell their own cancellation from one
--- that came from outside.
---
--- Python: `print(t.cancelling())`
---
--- `t:cancelling() -> number`
---@return number
function Task:cancelling() end

--- Takes back one cancellation request and returns how many are left. A task that caught its
--- CancelledError and uncancels itself down to 0 carries on as if it had not been cancelled.
---
--- Python: `asyncio.current_task().uncancel()`
---
--- `t:uncancel() -> number`
---@return number
function Task:uncancel() end

--- The task's name: the one given with {name = ...} or set with t:set_name, else Task-1, Task-2,
--- ... in creation order (a script's main task is Task-1).
---
--- Python: `print(t.get_name())`
---
--- `t:get_name() -> string`
---@return any ...
function Task:get_name() end

--- Renames the task (the name is converted with tostring). The name appears in tostring(t),
--- tracebacks and the REPL's tasks() list.
---
--- Python: `t.set_name("renamed")`
---
--- `t:set_name(name) -> nothing`
---@param name string
function Task:set_name(name) end

--- What the task runs: the coroutine object given to create_task, or the one an async function
--- given to spawn or create_task gave back; for a plain function given to them, that function.
---
--- Python: `print(t.get_coro())`
---
--- `t:get_coro() -> coroutine object or function`
---@return asyncio.Coroutine
function Task:get_coro() end

--- The task's frames as "source:line" strings, innermost first (Python gives frame objects): where
--- a pending task is (one not started: the line its function starts on); for a task that failed,
--- its error's traceback; none for a task done otherwise. limit (or {limit = n}) keeps at most n:
--- the newest of a stack, the oldest of a traceback.
---
--- Python: `print(t.get_stack(limit=1))`
---
--- `t:get_stack([limit | {limit=}]) -> list of strings`
---@param limit? integer|table
---@return any ...
function Task:get_stack(limit) end

--- Prints Stack for <Task ...> (most recent call first): and get_stack's frames as a traceback
--- shows them, on stderr or on file; for a task that failed, Traceback for <Task ...>, the frames
--- and the error; No stack for <Task ...> when there are none.
---
--- Python: `t.print_stack(limit=1, file=sys.stdout)`
---
--- `t:print_stack([limit | {limit=, file=}]) -> nothing`
---@param limit? integer|table
function Task:print_stack(limit) end

--- Refused: a task's values come from its function, so this raises RuntimeError: Task does not
--- support set_result operation, as in Python. Use a Future to set a result by hand.
---
--- Python: `t.set_result(1)  # RuntimeError`
---
--- `t:set_result(...) -> never returns`
---@param ... any
---@return any ...
function Task:set_result(...) end

--- Refused: a task's error comes from its function, so this raises RuntimeError: Task does not
--- support set_exception operation, as in Python. Use a Future to set an error by hand.
---
--- Python: `t.set_exception(ValueError("x"))  # RuntimeError`
---
--- `t:set_exception(err) -> never returns`
---@param err any
---@return any ...
function Task:set_exception(err) end

---@class asyncio.EventLoop
local EventLoop = {}

--- The loop's clock, in seconds: monotonic, with an arbitrary start; under --clock=virtual, the
--- virtual time. Deadlines (loop:call_at, asyncio.timeout_at) are on this clock. time.monotonic()
--- gives the same value.
---
--- Python: `t0 = loop.time()`
---
--- `loop:time() -> seconds`
---@return number
function EventLoop:time() end

--- Runs fn(...) on the next loop iteration, after the callbacks already scheduled (first in, first
--- out). fn is a plain function: it cannot await; an error in it is reported and the loop goes on.
--- h:cancel() on the returned handle stops it.
---
--- Python: `loop.call_soon(print, "second")`
---
--- `loop:call_soon(fn, ...) -> Handle`
---@param fn function
---@param ... any
---@return asyncio.Handle
function EventLoop:call_soon(fn, ...) end

--- The same as loop:call_soon, in the same order. CPython's is the method another thread calls; a
--- luasync worker thread has a Lua state of its own and cannot reach the loop, so this one is
--- called on the loop's thread, for code that uses the name.
---
--- Python: `loop.call_soon_threadsafe(print, "second")`
---
--- `loop:call_soon_threadsafe(fn, ...) -> Handle`
---@param fn function
---@param ... any
---@return asyncio.Handle
function EventLoop:call_soon_threadsafe(fn, ...) end

--- Runs fn(...) delay seconds from now, from the loop: a plain function, not a task, so it cannot
--- await. The handle's h:when() is the loop time it is due, h:cancel() stops it.
---
--- Python: `loop.call_later(1, print, "one second later")`
---
--- `loop:call_later(delay, fn, ...) -> TimerHandle`
---@param delay number
---@param fn function
---@param ... any
---@return asyncio.Handle
function EventLoop:call_later(delay, fn, ...) end

--- Runs fn(...) when the loop's clock (loop:time()) reaches when; otherwise the same as
--- loop:call_later.
---
--- Python: `loop.call_at(loop.time() + 2, print, "two seconds later")`
---
--- `loop:call_at(when, fn, ...) -> TimerHandle`
---@param when number
---@param fn function
---@param ... any
---@return asyncio.Handle
function EventLoop:call_at(when, fn, ...) end

--- Runs fn(...) at each loop iteration while descriptor fd is readable, until
--- loop:remove_reader(fd): the bridge to a library that gives a descriptor (luasocket's
--- sock:getfd() after settimeout(0), cqueues' pollfd(), a luaposix pipe), which then runs beside
--- the tasks without polling. fd is an integer or an object with getfd, pollfd or fileno. A second
--- add_reader replaces the first. fn is a plain callback, as call_soon's.
---
--- Python: `loop.add_reader(sock.fileno(), on_readable)`
---
--- `loop:add_reader(fd, fn, ...) -> nil`
---@param fd integer
---@param fn function
---@param ... any
function EventLoop:add_reader(fd, fn, ...) end

--- Runs fn(...) at each loop iteration while descriptor fd is writable, until
--- loop:remove_writer(fd); otherwise as loop:add_reader. When a descriptor is both readable and
--- writable in one iteration, its reader runs first.
---
--- Python: `loop.add_writer(sock.fileno(), on_writable)`
---
--- `loop:add_writer(fd, fn, ...) -> nil`
---@param fd integer
---@param fn function
---@param ... any
function EventLoop:add_writer(fd, fn, ...) end

--- Stops watching fd for reading: true if a reader was registered, false if not. Remove it before
--- closing the descriptor, as in Python.
---
--- Python: `loop.remove_reader(sock.fileno())`
---
--- `loop:remove_reader(fd) -> boolean`
---@param fd integer
---@return boolean
function EventLoop:remove_reader(fd) end

--- Stops watching fd for writing: true if a writer was registered, false if not. The reader, if
--- any, goes on.
---
--- Python: `loop.remove_writer(sock.fileno())`
---
--- `loop:remove_writer(fd) -> boolean`
---@param fd integer
---@return boolean
function EventLoop:remove_writer(fd) end

--- Runs fn(...) as a loop callback each time signal sig arrives: a number or a name ("SIGTERM",
--- "TERM"). One handler per signal; a second add replaces the first. For "SIGINT" it replaces
--- Ctrl-C's cancelling until loop:remove_signal_handler. SIGKILL and SIGSTOP cannot be caught
--- (RuntimeError).
---
--- Python: `loop.add_signal_handler(signal.SIGTERM, stop)`
---
--- `loop:add_signal_handler(sig, fn, ...) -> nil`
---@param sig string|integer
---@param fn function
---@param ... any
function EventLoop:add_signal_handler(sig, fn, ...) end

--- Removes the handler of sig: true if there was one. The signal gets its usual action back (Ctrl-C
--- cancels the main task again).
---
--- Python: `loop.remove_signal_handler(signal.SIGTERM)`
---
--- `loop:remove_signal_handler(sig) -> boolean`
---@param sig string|integer
---@return boolean
function EventLoop:remove_signal_handler(sig) end

--- A new pending Future, the same as asyncio.Future(): it waits until something calls its
--- set_result, set_exception or cancel.
---
--- Python: `f = loop.create_future()`
---
--- `loop:create_future() -> Future`
---@return asyncio.Future
function EventLoop:create_future() end

--- The same as asyncio.create_task: wraps a coroutine object (or a function) in a new task, which
--- starts on a later loop iteration.
---
--- Python: `t = loop.create_task(coro(), name="via loop")`
---
--- `loop:create_task(coro_or_fn[, {name = "..."}]) -> Task`
---@param coro_or_fn any
---@param opts? table
---@return asyncio.Task
function EventLoop:create_task(coro_or_fn, opts) end

--- The loop's debug flag: false unless loop:set_debug(true) or asyncio.run(coro, {debug = true})
--- set it.
---
--- Python: `print(loop.get_debug())`
---
--- `loop:get_debug() -> boolean`
---@return boolean
function EventLoop:get_debug() end

--- Turns asyncio's debug mode on or off (also luasync --debug, LUASYNC_DEBUG=1). A step or callback
--- that runs longer than loop.slow_callback_duration (0.1 s) is reported (Executing <Task ...> took
--- 3.000 seconds), naming the blocking call behind it when it is time.sleep, io.read, os.execute or
--- a file read; tasks and futures show where they were created; never-awaited coroutine objects are
--- looked for at the end of every step.
---
--- Python: `loop.set_debug(True)`
---
--- `loop:set_debug(on) -> nothing`
---@param on boolean
function EventLoop:set_debug(on) end

--- Sets what is told of the errors nobody else sees: a callback's (Exception in callback ...), a
--- task's or future's never retrieved, one at asyncio.run()'s shutdown. handler(loop, context) gets
--- a table with message, exception and the handle, future or task; nil puts back the default report
--- (loop:default_exception_handler). An error in the handler is reported, never raised.
---
--- Python: `loop.set_exception_handler(lambda loop, ctx: print('caught:', ctx['message']))`
---
--- `loop:set_exception_handler(handler or nil) -> nothing`
---@param handler any
function EventLoop:set_exception_handler(handler) end

--- The handler loop:set_exception_handler set, or nil when the default report is in use.
---
--- Python: `print(loop.get_exception_handler())`
---
--- `loop:get_exception_handler() -> handler or nil`
---@return any ...
function EventLoop:get_exception_handler() end

--- The default report on stderr: the context's message, a line key: value for each other key in
--- sorted order, then the exception with its traceback. A handler can call it to add to the default
--- rather than replace it.
---
--- Python: `loop.default_exception_handler({'message': 'something odd', 'detail': 42})`
---
--- `loop:default_exception_handler(context) -> nothing`
---@param context any
function EventLoop:default_exception_handler(context) end

--- Tells the handler set (or the default one) of context, as the runtime does for the errors it
--- cannot raise anywhere: for a library that has such errors of its own.
---
--- Python: `loop.call_exception_handler({'message': 'lost a message', 'exception': ValueError('x')})`
---
--- `loop:call_exception_handler(context) -> nothing`
---@param context any
function EventLoop:call_exception_handler(context) end

--- Always true: code that can reach the loop runs inside it (scripts and prompt inputs are tasks on
--- the running loop).
---
--- Python: `print(loop.is_running())`
---
--- `loop:is_running() -> true`
---@return boolean
function EventLoop:is_running() end

--- Always false: the loop lives as long as the program and is never closed by user code.
---
--- Python: `print(loop.is_closed())`
---
--- `loop:is_closed() -> false`
---@return boolean
function EventLoop:is_closed() end

--- The older spelling of asyncio.run(aw), as in
--- asyncio.get_event_loop():run_until_complete(main()): the loop already runs the script as a task,
--- so this awaits aw there and answers its results.
---
--- Python: `loop.run_until_complete(main())`
---
--- `loop:run_until_complete(aw) -> aw's results`
---@param aw any
---@return any ...
function EventLoop:run_until_complete(aw) end

--- Submits fn(...) to a ThreadPoolExecutor (nil: the default one) at once and answers a Future to
--- await. fn and its arguments are copied into the worker as for asyncio.to_thread; cancelling the
--- Future takes back a job no worker has started.
---
--- Python: `await loop.run_in_executor(None, str.upper, 'hi')`
---
--- `loop:run_in_executor(executor or nil, fn, ...) -> Future of fn's results`
---@param executor? asyncio.ThreadPoolExecutor?
---@param fn function
---@param ... any
---@return asyncio.Future
function EventLoop:run_in_executor(executor, fn, ...) end

--- Makes pool (a ThreadPoolExecutor) the one asyncio.to_thread and loop:run_in_executor(nil, ...)
--- use from now on.
---
--- Python: `loop.set_default_executor(ThreadPoolExecutor(2))`
---
--- `loop:set_default_executor(pool) -> nothing`
---@param pool any
function EventLoop:set_default_executor(pool) end

--- Awaited, waits for the default executor's jobs to end and shuts it down, as asyncio.run does at
--- its end. After timeout seconds it stops waiting with a RuntimeWarning (the jobs run on). A later
--- to_thread makes a new default executor.
---
--- Python: `await loop.shutdown_default_executor()`
---
--- `loop:shutdown_default_executor([timeout]) -> coroutine object`
---@param timeout? number
---@return asyncio.Coroutine
function EventLoop:shutdown_default_executor(timeout) end

--- Resolves host without blocking the loop (libuv's resolver threads): each entry is {address,
--- port, family = "inet" or "inet6"}. An unknown name raises OSError: [Errno -2] Name or service
--- not known.
---
--- Python: `infos = await loop.getaddrinfo("example.org", 80)`
---
--- `loop:getaddrinfo(host, port) -> coroutine object giving a list of {host, port, family =}`
---@param host string
---@param port integer|string
---@return asyncio.Coroutine
function EventLoop:getaddrinfo(host, port) end

---@class asyncio.Handle
local Handle = {}

--- Stops a callback scheduled with loop:call_soon, call_later or call_at from running, if it has
--- not run yet. Cancelling twice does nothing more.
---
--- Python: `h.cancel()`
---
--- `h:cancel() -> nothing`
function Handle:cancel() end

--- True once h:cancel() was called on the handle of a scheduled callback.
---
--- Python: `print(h.cancelled())`
---
--- `h:cancelled() -> boolean`
---@return boolean
function Handle:cancelled() end

--- The loop time at which a call_later or call_at callback is due; nil for a call_soon handle
--- (Python's Handle has no when).
---
--- Python: `print(h.when() - loop.time())`
---
--- `h:when() -> loop time or nil`
---@return any ...
function Handle:when() end

---@class asyncio.Queue
local Queue = {}

--- Awaiting it removes and returns an item; while the queue is empty it waits (getters are served
--- first in, first out). After q:shutdown() it raises QueueShutDown once the queue is empty. Write
--- await(q:get()).
---
--- Python: `item = await q.get()`
---
--- `q:get() -> coroutine object giving an item`
---@return asyncio.Coroutine
function Queue:get() end

--- Awaiting it adds item; while the queue is full (maxsize > 0) it waits for room, putters being
--- served first in, first out. After q:shutdown() it raises QueueShutDown. Write
--- await(q:put(item)).
---
--- Python: `await q.put("a")`
---
--- `q:put(item) -> coroutine object`
---@param item any
---@return asyncio.Coroutine
function Queue:put(item) end

--- Removes and returns an item at once, or raises QueueEmpty if there is none (QueueShutDown after
--- a shutdown that left it empty).
---
--- Python: `item = q.get_nowait()`
---
--- `q:get_nowait() -> item`
---@return any ...
function Queue:get_nowait() end

--- Adds item at once, or raises QueueFull if the queue is full (QueueShutDown after q:shutdown()).
--- A PriorityQueue raises instead of adding an item that does not compare with the others.
---
--- Python: `q.put_nowait("a")`
---
--- `q:put_nowait(item) -> nothing`
---@param item any
function Queue:put_nowait(item) end

--- The number of items in the queue now (not counting those taken but not yet marked with
--- task_done).
---
--- Python: `print(q.qsize())`
---
--- `q:qsize() -> number`
---@return number
function Queue:qsize() end

--- True if the queue holds no item, so that get_nowait would raise QueueEmpty.
---
--- Python: `print(q.empty())`
---
--- `q:empty() -> boolean`
---@return boolean
function Queue:empty() end

--- True if the queue holds maxsize items, so that put_nowait would raise QueueFull. A queue with
--- maxsize 0 is never full.
---
--- Python: `print(q.full())`
---
--- `q:full() -> boolean`
---@return boolean
function Queue:full() end

--- Marks one item taken from the queue as processed. When every item put has been marked, the tasks
--- waiting in await(q:join()) go on. More calls than items put raise ValueError: task_done() called
--- too many times.
---
--- Python: `q.task_done()`
---
--- `q:task_done() -> nothing`
function Queue:task_done() end

--- Awaiting it waits until every item put into the queue was taken and marked with q:task_done();
--- it returns at once if none is left. Write await(q:join()).
---
--- Python: `await q.join()`
---
--- `q:join() -> coroutine object`
---@return asyncio.Coroutine
function Queue:join() end

--- Closes the queue: put and put_nowait raise QueueShutDown from now on, and get and get_nowait too
--- once the queue is empty. q:shutdown(true) also drops the items left (marking them done), so gets
--- raise at once. Tasks blocked in put or get wake up to raise. immediate is a boolean or nil, or
--- Python's keyword as a table: q:shutdown({immediate = false}).
---
--- Python: `q.shutdown()`
---
--- `q:shutdown([immediate | {immediate = bool}]) -> nothing`
---@param immediate? any
function Queue:shutdown(immediate) end

---@class asyncio.Lock
local Lock = {}

--- Awaiting it waits until the lock is free, takes it and returns a guard whose closing releases
--- it: local _ <close> = await(lock:acquire()) holds the lock to the end of the block, as Python's
--- async with lock. A free lock is taken without waiting.
---
--- Python: `async with lock: print(lock.locked())`
---
--- `lock:acquire() -> coroutine object giving a guard`
---@return asyncio.Coroutine
function Lock:acquire() end

--- Releases the lock by hand and hands it to the first waiting task, if any. Releasing a lock that
--- is not held raises RuntimeError: Lock is not acquired.
---
--- Python: `lock.release()`
---
--- `lock:release() -> nothing`
function Lock:release() end

--- True while some task holds the lock: an acquire would then wait.
---
--- Python: `print(lock.locked())`
---
--- `lock:locked() -> boolean`
---@return boolean
function Lock:locked() end

---@class asyncio.Event
local Event = {}

--- Awaiting it waits until the event is set, then returns true; if the event is already set it
--- returns at once. Write await(ev:wait()).
---
--- Python: `await ev.wait()`
---
--- `ev:wait() -> coroutine object giving true`
---@return asyncio.Coroutine
function Event:wait() end

--- Sets the event and wakes every task waiting in ev:wait(); later waits return at once until
--- ev:clear().
---
--- Python: `ev.set()`
---
--- `ev:set() -> nothing`
function Event:set() end

--- Unsets the event: tasks that call ev:wait() from now on wait for the next ev:set().
---
--- Python: `ev.clear()`
---
--- `ev:clear() -> nothing`
function Event:clear() end

--- True while the event is set, that is, while ev:wait() returns without waiting.
---
--- Python: `print(ev.is_set())`
---
--- `ev:is_set() -> boolean`
---@return boolean
function Event:is_set() end

---@class asyncio.Condition
local Condition = {}

--- Takes the condition's lock, as Lock:acquire does: local _ <close> = await(cond:acquire()) holds
--- it to the end of the block. wait, wait_for, notify and notify_all need it held.
---
--- Python: `async with cond: ...`
---
--- `cond:acquire() -> coroutine object giving a guard`
---@return asyncio.Coroutine
function Condition:acquire() end

--- Releases the condition's lock by hand (RuntimeError: Lock is not acquired. if it is not held).
---
--- Python: `cond.release()`
---
--- `cond:release() -> nothing`
function Condition:release() end

--- True while some task holds the condition's lock.
---
--- Python: `print(cond.locked())`
---
--- `cond:locked() -> boolean`
---@return boolean
function Condition:locked() end

--- Awaiting it releases the lock, waits until another task calls notify or notify_all, takes the
--- lock back and returns true. The lock must be held (RuntimeError: cannot wait on un-acquired
--- lock). Check the state again after waking: cond:wait_for does it for you.
---
--- Python: `async with cond: await cond.wait()`
---
--- `cond:wait() -> coroutine object giving true`
---@return asyncio.Coroutine
function Condition:wait() end

--- Awaiting it calls predicate() and, while it gives a false value, waits to be notified (as
--- cond:wait) and tries again; it returns the predicate's last value. The lock must be held.
---
--- Python: `async with cond: await cond.wait_for(lambda: ready)`
---
--- `cond:wait_for(predicate) -> coroutine object giving predicate's value`
---@param predicate any
---@return asyncio.Coroutine
function Condition:wait_for(predicate) end

--- Wakes up to n tasks waiting on the condition (1 by default), first in, first out; they go on
--- once they get the lock back. The lock must be held (RuntimeError: cannot notify on un-acquired
--- lock).
---
--- Python: `cond.notify(2)`
---
--- `cond:notify([n]) -> nothing`
---@param n? integer
function Condition:notify(n) end

--- Wakes every task waiting on the condition; they go on one by one as each gets the lock back. The
--- lock must be held.
---
--- Python: `async with cond: cond.notify_all()`
---
--- `cond:notify_all() -> nothing`
function Condition:notify_all() end

---@class asyncio.Semaphore
local Semaphore = {}

--- Awaiting it takes a unit, waiting while none is left (first in, first out), and returns a guard
--- that gives the unit back when closed: local _ <close> = await(sem:acquire()).
---
--- Python: `async with sem: print(sem.locked())`
---
--- `sem:acquire() -> coroutine object giving a guard`
---@return asyncio.Coroutine
function Semaphore:acquire() end

--- Gives a unit back by hand and wakes the first waiting task, if any. A plain Semaphore may grow
--- beyond its initial value this way; a BoundedSemaphore raises.
---
--- Python: `sem.release()`
---
--- `sem:release() -> nothing`
function Semaphore:release() end

--- True when an acquire would wait: no unit is left, or other tasks are already waiting.
---
--- Python: `print(sem.locked())`
---
--- `sem:locked() -> boolean`
---@return boolean
function Semaphore:locked() end

---@class asyncio.BoundedSemaphore : asyncio.Semaphore
local BoundedSemaphore = {}

--- Gives a unit back, as Semaphore's release does, but raises ValueError: BoundedSemaphore released
--- too many times if that would take the value above the initial one.
---
--- Python: `sem.release()  # ValueError when released too many times`
---
--- `sem:release() -> nothing`
function BoundedSemaphore:release() end

---@class asyncio.Barrier
local Barrier = {}

--- Awaiting it waits until parties tasks are waiting on the barrier, then every one goes on with
--- its arrival index (0 for the first, parties - 1 for the last). It raises BrokenBarrierError if
--- the barrier is broken, or is reset or aborted while waiting.
---
--- Python: `index = await b.wait()`
---
--- `b:wait() -> coroutine object giving the arrival index`
---@return asyncio.Coroutine
function Barrier:wait() end

--- Awaiting it puts the barrier back in its first state: the tasks waiting on it raise
--- BrokenBarrierError, and a broken barrier can be used again.
---
--- Python: `await b.reset()`
---
--- `b:reset() -> coroutine object`
---@return asyncio.Coroutine
function Barrier:reset() end

--- Awaiting it breaks the barrier: the tasks waiting on it, and every later b:wait(), raise
--- BrokenBarrierError until b:reset().
---
--- Python: `await b.abort()`
---
--- `b:abort() -> coroutine object`
---@return asyncio.Coroutine
function Barrier:abort() end

---@class asyncio.TaskGroup
local TaskGroup = {}

--- The same as asyncio.create_task, but the task belongs to the group: the end of the group's
--- <close> block waits for it, and its error cancels the group. It raises RuntimeError once the
--- group is finished or shutting down.
---
--- Python: `t = tg.create_task(asyncio.sleep(1, "child"), name="child")`
---
--- `tg:create_task(coro_or_fn[, {name = "..."}]) -> Task`
---@param coro_or_fn any
---@param opts? table
---@return asyncio.Task
function TaskGroup:create_task(coro_or_fn, opts) end

--- The same as asyncio.spawn (a task that runs fn(...)), but the task belongs to the group, as with
--- tg:create_task.
---
--- Python: `no equivalent; the nearest is tg.create_task(fn(6, 7)) with an async def fn`
---
--- `tg:spawn(fn, ...) -> Task`
---@param fn function
---@param ... any
---@return asyncio.Task
function TaskGroup:spawn(fn, ...) end

--- Ends the group early: cancels every child still running and the group's block at its next await.
--- No error is collected; the block's CancelledError still leaves the scope (Lua cannot swallow
--- it), with cancelling() back to 0. Python 3.15's TaskGroup.cancel; 3.13 has none.
---
--- Python: `tg.cancel()  # Python 3.15`
---
--- `tg:cancel() -> nothing`
function TaskGroup:cancel() end

---@class asyncio.Timeout
local Timeout = {}

--- The deadline of a timeout scope, on the loop's clock (loop:time()), or nil if it has none.
---
--- Python: `async with asyncio.timeout(2) as cm: print(cm.when() - loop.time())`
---
--- `cm:when() -> loop time or nil`
---@return any ...
function Timeout:when() end

--- Gives the scope a new deadline on the loop's clock, or none with nil. Only while the scope is
--- active and its deadline has not passed: otherwise it raises RuntimeError: Cannot change state of
--- expired Timeout (or of an expiring or finished one).
---
--- Python: `async with asyncio.timeout(None) as cm: cm.reschedule(loop.time() + 1)`
---
--- `cm:reschedule(when) -> nothing`
---@param when number
function Timeout:reschedule(when) end

--- True once the deadline passed and the scope cancelled its task (the block then ends with
--- TimeoutError).
---
--- Python: `print(cm.expired())`
---
--- `cm:expired() -> boolean`
---@return boolean
function Timeout:expired() end

---@class asyncio.StreamReader
local StreamReader = {}

--- Awaiting it gives up to n bytes as soon as some are there, waiting while the buffer is empty;
--- without n (or with n < 0), everything up to the end of the stream. "" at the end, as Python's
--- b'', but "" is true in Lua: a loop stops with `if data == "" then break end`, not `if not data`.
--- Write await(r:read(100)).
---
--- Python: `data = await reader.read(100)`
---
--- `r:read([n]) -> coroutine object giving bytes`
---@param n? integer
---@return asyncio.Coroutine
function StreamReader:read(n) end

--- Awaiting it gives the next line with its "\n"; the last one without it if the stream ends
--- without a newline, then "" (true in Lua: test line == ""). A line longer than the limit raises
--- ValueError (and is dropped).
---
--- Python: `line = await reader.readline()`
---
--- `r:readline() -> coroutine object giving a line`
---@return asyncio.Coroutine
function StreamReader:readline() end

--- Awaiting it gives the data up to and with the separator ("\n" by default). At the end of the
--- stream it raises IncompleteReadError with what was left in e.partial; beyond the limit,
--- LimitOverrunError.
---
--- Python: `data = await reader.readuntil(b";")`
---
--- `r:readuntil([sep]) -> coroutine object giving bytes`
---@param sep? string
---@return asyncio.Coroutine
function StreamReader:readuntil(sep) end

--- Awaiting it gives exactly n bytes, waiting until they are all there. If the stream ends first it
--- raises IncompleteReadError (e.partial, e.expected).
---
--- Python: `header = await reader.readexactly(2)`
---
--- `r:readexactly(n) -> coroutine object giving n bytes`
---@param n integer
---@return asyncio.Coroutine
function StreamReader:readexactly(n) end

--- Python's async for line in reader, inside a task: each turn awaits the next line, and the loop
--- ends at the end of the stream. As Lua's file:lines(), "l" (the default) drops the "\n", "L"
--- keeps it.
---
--- Python: `async for line in reader: print(line)`
---
--- `r:lines(["l" | "L"]) -> iterator, for line in r:lines() do`
---@return any ...
function StreamReader:lines() end

--- True once the stream ended (feed_eof) and the buffer is empty: nothing more will come. It never
--- waits.
---
--- Python: `print(reader.at_eof())`
---
--- `r:at_eof() -> boolean`
---@return boolean
function StreamReader:at_eof() end

--- What a source calls with the bytes it received: they join the buffer and wake the task waiting
--- to read. Above twice the limit the source is asked to pause. RuntimeError after feed_eof.
---
--- Python: `reader.feed_data(b"late")`
---
--- `r:feed_data(bytes) -> nil`
---@param bytes any
function StreamReader:feed_data(bytes) end

--- What a source calls at the end of its stream: readers get what is left, then "" (readexactly and
--- readuntil raise IncompleteReadError).
---
--- Python: `reader.feed_eof()`
---
--- `r:feed_eof() -> nil`
function StreamReader:feed_eof() end

--- The error a source set with set_exception, or nil. It never waits.
---
--- Python: `print(reader.exception())`
---
--- `r:exception() -> error or nil`
---@return any ...
function StreamReader:exception() end

--- What a source calls when its stream broke: the waiting read and every later one raise err.
---
--- Python: `reader.set_exception(ConnectionResetError("reset"))`
---
--- `r:set_exception(err) -> nil`
---@param err any
function StreamReader:set_exception(err) end

--- Gives the reader its source's flow control: a table with pause_reading() and resume_reading(),
--- which the reader calls when its buffer passes twice its limit and when it is read back below the
--- limit. Once per reader.
---
--- Python: `reader.set_transport(transport)`
---
--- `r:set_transport(t) -> nil`
---@param t any
function StreamReader:set_transport(t) end

---@class asyncio.StreamWriter
---@field transport asyncio.Transport the connection's transport (w.transport:abort())
local StreamWriter = {}

--- Queues bytes to send (several strings one after another, as Lua's file:write); it never waits.
--- Follow it with await(w:drain()) so a fast writer waits for a slow reader. After the connection
--- is lost it does nothing (drain reports the loss); after write_eof it raises RuntimeError (a
--- child's stdin: write_eof closes it, and writes after it do nothing).
---
--- Python: `writer.write(b"data")`
---
--- `w:write(bytes, ...) -> nil`
---@param bytes any
---@param ... any
function StreamWriter:write(bytes, ...) end

--- Writes each string of the list in turn, as w:write does with each; nothing is added between them
--- (no newlines).
---
--- Python: `writer.writelines([b"a", b"b"])`
---
--- `w:writelines(list) -> nil`
---@param list table
function StreamWriter:writelines(list) end

--- Awaiting it waits while more than 64 KiB is queued, until the queue is under 16 KiB; it returns
--- at once otherwise. It raises the error that broke the connection, or ConnectionResetError:
--- Connection lost after close.
---
--- Python: `await writer.drain()`
---
--- `w:drain() -> coroutine object`
---@return asyncio.Coroutine
function StreamWriter:drain() end

--- Ends what this side sends, after what is queued (the peer reads the end of the stream) while
--- this side can still read: a half-close.
---
--- Python: `writer.write_eof()`
---
--- `w:write_eof() -> nil`
function StreamWriter:write_eof() end

--- True: TCP and Unix domain sockets can end what they send while still reading (w:write_eof()).
---
--- Python: `print(writer.can_write_eof())`
---
--- `w:can_write_eof() -> boolean`
---@return boolean
function StreamWriter:can_write_eof() end

--- Closes the connection once what was written has gone out; reading stops at once. Follow it with
--- await(w:wait_closed()) to wait until it is closed. local w <close> works too.
---
--- Python: `writer.close(); await writer.wait_closed()`
---
--- `w:close() -> nil`
function StreamWriter:close() end

--- True once w:close() was called or the connection was lost: writes are ignored from then on.
---
--- Python: `print(writer.is_closing())`
---
--- `w:is_closing() -> boolean`
---@return boolean
function StreamWriter:is_closing() end

--- Awaiting it waits until the connection is closed (after w:close(), or when it was lost). An
--- error that broke the connection is not raised here.
---
--- Python: `await writer.wait_closed()`
---
--- `w:wait_closed() -> coroutine object`
---@return asyncio.Coroutine
function StreamWriter:wait_closed() end

--- What the connection knows: "peername" and "sockname" give {host, port} for TCP (the path for a
--- Unix socket); anything else gives default.
---
--- Python: `host, port = writer.get_extra_info("peername")`
---
--- `w:get_extra_info(name[, default]) -> value`
---@param name string
---@param default? any
---@return any ...
function StreamWriter:get_extra_info(name, default) end

---@class asyncio.Transport
local Transport = {}

--- Closes the connection at once, as Python's transport.abort(): what is queued and not yet taken
--- by the system is dropped, this side's reader reads the end, wait_closed returns and a drain that
--- waits returns. The socket closes plainly, as CPython's: the peer reads the end, or
--- ConnectionResetError if bytes were left unread here. Again, or once the connection is lost, it
--- does nothing.
---
--- Python: `writer.transport.abort()`
---
--- `w.transport:abort() -> nil`
function Transport:abort() end

--- The same as w:close(): the connection closes once what was written has gone out.
--- writer.transport is the connection's transport, shared with the writer, for code written against
--- Python's transport API.
---
--- Python: `writer.transport.close()`
---
--- `w.transport:close() -> nil`
function Transport:close() end

--- True once the transport (or its writer) was closed or aborted, or the connection was lost: the
--- same answer as w:is_closing().
---
--- Python: `print(writer.transport.is_closing())`
---
--- `w.transport:is_closing() -> boolean`
---@return boolean
function Transport:is_closing() end

--- The same as w:get_extra_info(name, default): "peername" and "sockname" give {host, port} for TCP
--- (the path for a Unix socket), known after the connection closes too; anything else ("socket"
--- included) gives default.
---
--- Python: `host, port = writer.transport.get_extra_info("peername")`
---
--- `w.transport:get_extra_info(name[, default]) -> value`
---@param name string
---@param default? any
---@return any ...
function Transport:get_extra_info(name, default) end

--- The bytes written and not yet taken by the system (a slow peer leaves them here); 0 once the
--- transport is closed or aborted. drain() waits while it is over 64 KiB.
---
--- Python: `print(writer.transport.get_write_buffer_size())`
---
--- `w.transport:get_write_buffer_size() -> integer`
---@return any ...
function Transport:get_write_buffer_size() end

---@class asyncio.Server
local Server = {}

--- Stops listening; the connections already made go on. await(server:wait_closed()) then waits
--- until they are done too. `local server <close> = ...` (Python's async with server:) does both
--- when the scope ends.
---
--- Python: `server.close(); await server.wait_closed()`
---
--- `server:close() -> nil`
function Server:close() end

--- Awaiting it waits until the server was closed and every connection it accepted is closed.
---
--- Python: `await server.wait_closed()`
---
--- `server:wait_closed() -> coroutine object`
---@return asyncio.Coroutine
function Server:wait_closed() end

--- Closes every connection the server accepted that is still open, each once what it has queued has
--- gone out, as Python 3.13's. The handlers' tasks go on (their readers read the end, their writes
--- are dropped); the server keeps listening unless closed. After server:close(), it lets
--- await(server:wait_closed()) return.
---
--- Python: `server.close(); server.close_clients(); await server.wait_closed()`
---
--- `server:close_clients() -> nil`
function Server:close_clients() end

--- Aborts every connection the server accepted that is still open, as Python 3.13's: each closes at
--- once and drops what it has queued (w.transport:abort()). The handlers' tasks go on; the server
--- keeps listening unless closed.
---
--- Python: `server.close(); server.abort_clients(); await server.wait_closed()`
---
--- `server:abort_clients() -> nil`
function Server:abort_clients() end

--- Awaiting it serves until the awaiting task is cancelled (or the server closed); then it closes
--- the server and waits for its connections, as Python's.
---
--- Python: `await server.serve_forever()`
---
--- `server:serve_forever() -> coroutine object`
---@return asyncio.Coroutine
function Server:serve_forever() end

--- Starts accepting connections, for a server made with {start_serving = false}, when awaited (as
--- Python's, an async method). Until then its socket is bound but does not listen: a connect is
--- refused (ConnectionRefusedError).
---
--- Python: `await server.start_serving()`
---
--- `server:start_serving() -> coroutine object`
---@return asyncio.Coroutine
function Server:start_serving() end

--- True while the server accepts connections: after start_server (or start_serving) and until
--- close.
---
--- Python: `print(server.is_serving())`
---
--- `server:is_serving() -> boolean`
---@return boolean
function Server:is_serving() end

--- The loop the server runs on: the one of asyncio.get_running_loop(), as there is one loop per
--- program.
---
--- Python: `loop = server.get_loop()`
---
--- `server:get_loop() -> loop`
---@return asyncio.EventLoop
function Server:get_loop() end

---@class asyncio.ThreadPoolExecutor
local ThreadPoolExecutor = {}

--- Submits fn(...) to this pool at once, as concurrent.futures' submit, and answers a Future to
--- await: here it is already asyncio's, so asyncio.wrap_future(f) gives it back as it is. fn and
--- its arguments are copied into the worker as for asyncio.to_thread.
---
--- Python: `f = pool.submit(fn, x); result = await asyncio.wrap_future(f)`
---
--- `pool:submit(fn, ...) -> Future of fn's results`
---@param fn function
---@param ... any
---@return asyncio.Future
function ThreadPoolExecutor:submit(fn, ...) end

--- Takes no more jobs. cancel_futures (false by default) cancels the jobs no worker has started;
--- wait (true by default) blocks until the others have ended, as CPython's does -- the loop too, so
--- await the Futures first if other tasks must go on. Ctrl-C ends the wait.
---
--- Python: `pool.shutdown(wait=True, cancel_futures=False)`
---
--- `pool:shutdown([wait[, cancel_futures]])`
---@param wait? boolean
---@param cancel_futures? boolean
function ThreadPoolExecutor:shutdown(wait, cancel_futures) end

---@class asyncio.Process
local Process = {}

--- Awaiting it gives p.returncode: the exit status, or minus the signal that killed it. Once the
--- exit is known it answers at once; before, it waits until the child exited and its output pipes
--- ended, as Python's. Read a piped stdout meanwhile: a child blocked on a full pipe never exits.
---
--- Python: `code = await p.wait()`
---
--- `p:wait() -> coroutine object giving the returncode`
---@return asyncio.Coroutine
function Process:wait() end

--- Awaiting it writes input to stdin and closes it (without stdin = PIPE the input is ignored, as
--- CPython's), reads stdout and stderr to their ends at the same time, waits for the exit, and
--- gives what was read (nil for a stream that is not piped).
---
--- Python: `out, err = await p.communicate(b"input")`
---
--- `p:communicate([input]) -> coroutine object giving stdout, stderr`
---@param input? string
---@return asyncio.Coroutine
function Process:communicate(input) end

--- Sends a signal, by number or name in any case ("SIGTERM", "TERM", "sigterm"). Once the child's
--- exit was taken it raises ProcessLookupError, as Python.
---
--- Python: `p.send_signal(signal.SIGINT)`
---
--- `p:send_signal(sig) -> nil`
---@param sig string|integer
function Process:send_signal(sig) end

--- Sends SIGTERM: the child may clean up and exit; p:wait() then gives -15 if the signal ended it.
---
--- Python: `p.terminate()`
---
--- `p:terminate() -> nil`
function Process:terminate() end

--- Sends SIGKILL, which a child cannot catch; p:wait() then gives -9.
---
--- Python: `p.kill()`
---
--- `p:kill() -> nil`
function Process:kill() end

---@class asyncio.File
local File = {}

--- Awaiting it gives up to n bytes from the current position, or without n the rest of the file; ""
--- at the end (true in Lua: stop with `if data == "" then break end`). With an encoding
--- (asyncio.open's opts), n counts characters and the text is UTF-8. Other tasks run while it
--- reads.
---
--- Python: `data = await f.read()`
---
--- `f:read([n]) -> coroutine object giving bytes`
---@param n? integer
---@return asyncio.Coroutine
function File:read(n) end

--- Awaiting it gives the next line with its "\n" (the last one may lack it), then "" at the end of
--- the file (true in Lua: test line == "").
---
--- Python: `line = await f.readline()`
---
--- `f:readline() -> coroutine object giving a line`
---@return asyncio.Coroutine
function File:readline() end

--- Python's async for line in f, inside a task: each turn reads the next line; as Lua's
--- file:lines(), "l" (the default) drops the "\n", "L" keeps it.
---
--- Python: `async for line in f: print(line)`
---
--- `f:lines(["l" | "L"]) -> iterator, for line in f:lines() do`
---@return any ...
function File:lines() end

--- Awaiting it writes s (several strings or numbers one after another, as Lua's file:write) at the
--- current position (at the end in an "a" mode) and gives the number of bytes written; a file
--- opened "r" raises UnsupportedOperation: not writable.
---
--- Python: `n = await f.write("hello")`
---
--- `f:write(s, ...) -> coroutine object giving the count written`
---@param s string
---@param ... any
---@return asyncio.Coroutine
function File:write(s, ...) end

--- Moves the position, as Lua's file:seek: whence "set" (from the start), "cur" (the default) or
--- "end", plus offset (0); gives the new position. On a file that cannot seek (a FIFO, a terminal)
--- it raises OSError: [Errno 29] Illegal seek when awaited.
---
--- Python: `await f.seek(4)`
---
--- `f:seek([whence[, offset]]) -> coroutine object giving the position`
---@param whence? any
---@param offset? integer
---@return asyncio.Coroutine
function File:seek(whence, offset) end

--- The current position in bytes from the start of the file; it never waits. On a file that cannot
--- seek (a FIFO, a terminal) it raises OSError: [Errno 29] Illegal seek, as Python's.
---
--- Python: `pos = await f.tell()`
---
--- `f:tell() -> position`
---@return any ...
function File:tell() end

--- Nothing to do: a File keeps no write buffer, every write reaches the system when its await
--- returns. Kept for code written for aiofiles.
---
--- Python: `await f.flush()`
---
--- `f:flush() -> coroutine object`
---@return asyncio.Coroutine
function File:flush() end

--- Awaiting it closes the file; later reads and writes raise ValueError: I/O operation on closed
--- file when awaited. local f <close> = ... closes it at the end of the block.
---
--- Python: `await f.close()`
---
--- `f:close() -> coroutine object`
---@return asyncio.Coroutine
function File:close() end

---@class asyncio.PriorityQueue : asyncio.Queue
local PriorityQueue = {}

---@class asyncio.LifoQueue : asyncio.Queue
local LifoQueue = {}

