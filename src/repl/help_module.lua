-- The help() entries for the names of the asyncio module (help.lua looks
-- them up): {name=, sig=, text=, example=, python=, see=, aliases=}. Each
-- example is one line a user can type at the prompt (tests/lua/repl/
-- help_texts.lua runs them); the texts follow docs/api.md.
local entries = {
  {
    name = "async",
    sig = "async(fn) -> async function",
    text = "Makes an async function (Python's async def). Calling it does not run fn: it returns a " ..
      "coroutine object holding the arguments. await it to run it inline in the current task, or " ..
      "wrap it in a task (asyncio.create_task) to run it concurrently. A coroutine object runs at " ..
      "most once (a second await raises RuntimeError: cannot reuse already awaited coroutine, or " ..
      "coroutine is being awaited already while the first await is still running it); " ..
      "one collected without ever running prints RuntimeWarning: coroutine '<name>' was never " ..
      "awaited. An async function may return several values. fn may also be a callable object " ..
      "(a table or userdata with __call).",
    example = 'local double = async(function(x) await(asyncio.sleep(1)); return 2 * x end); print(await(double(21)))',
    python = "async def double(x): await asyncio.sleep(1); return 2 * x",
    see = "Async functions and await",
  },
  {
    name = "await",
    sig = "await(aw) -> ...",
    text = "Runs or waits for an awaitable and returns every value it produced, or raises its error. " ..
      "Awaitables: coroutine objects (run inline in the current task, no new task), Tasks and " ..
      "Futures (the task suspends until they are done), and values whose metatable has __await. " ..
      "Anything else raises TypeError: object <type> can't be used in 'await' expression, <type> " ..
      "being its class (its metatable's __name: Lock, Queue...) or else Lua's type. await " ..
      "works only inside a task; scripts and prompt inputs already run as tasks. It is a function, " ..
      "so the form is always await(x).",
    example = 'print(await(asyncio.sleep(1, "slept")))',
    python = 'print(await asyncio.sleep(1, "slept"))',
    see = "Async functions and await",
  },
  {
    name = "run",
    sig = 'asyncio.run(coro[, {clock = "real"|"virtual", debug = bool}]) -> ...',
    text = "Runs the coroutine object coro and returns its results. Scripts and prompt inputs " ..
      "already run as tasks on the running loop, so asyncio.run(main()) simply awaits main() there " ..
      "(documented deviation: CPython raises inside a running loop); it can be called several " ..
      "times. When coro is done, the tasks it left are cancelled, then the async generators " ..
      "started in the run and not finished are closed (their cleanup may await), as CPython's run. " ..
      "clock switches the clock while no timer is pending; debug sets the loop's debug " ..
      "flag. Anything but a coroutine object raises ValueError: a coroutine was expected.",
    example = 'print(asyncio.run(async(function() await(asyncio.sleep(1)); return "done" end)()))',
    python = "print(asyncio.run(main()))",
  },
  {
    name = "sleep",
    sig = "asyncio.sleep(delay, ...) -> coroutine object",
    text = "Awaiting it suspends the current task for delay seconds, then returns the extra " ..
      "arguments (Python's result; luasync returns all of them). delay <= 0 yields once: other " ..
      "ready tasks run first. It is an async function, so asyncio.gather(asyncio.sleep(1), " ..
      "asyncio.sleep(2)) takes 2 s. A cancelled sleep raises CancelledError at the await; a NaN " ..
      "delay raises ValueError there too.",
    example = 'print(await(asyncio.sleep(1.5, "a", "b")))',
    python = 'print(await asyncio.sleep(1.5, "a"))',
  },
  {
    name = "create_task",
    sig = 'asyncio.create_task(coro_or_fn[, {name = "..."}]) -> Task',
    text = "Wraps a coroutine object in a new Task and schedules it: it starts on a later loop " ..
      "iteration, in creation order, even if nobody awaits it. Given a function, the task calls " ..
      "it with no arguments; given an async function, its coroutine is the task's body " ..
      "(create_task(work) is create_task(work())). Unnamed tasks are Task-1, Task-2, ... Keep a reference to the task " ..
      "or await it: an error that nobody retrieves is reported as Task exception was never " ..
      "retrieved.",
    example = 'local t = asyncio.create_task(asyncio.sleep(1, "done"), {name = "sleeper"}); print(t:get_name(), await(t))',
    python = 't = asyncio.create_task(coro(), name="sleeper"); print(t.get_name(), await t)',
    see = "asyncio.create_task and asyncio.spawn",
  },
  {
    name = "spawn",
    sig = "asyncio.spawn(fn, ...) -> Task",
    text = "Makes a task that runs fn(...): the arguments go to fn, which need not be declared " ..
      "with async; when it is an async function, its coroutine is the task's body (spawn(work, 1) " ..
      "is create_task(work(1))). Otherwise the same as asyncio.create_task: the task starts on a " ..
      "later loop iteration, and await(task) returns what fn returned. fn may also be a callable " ..
      "object (a table or userdata with __call).",
    example = "local t = asyncio.spawn(function(a, b) await(asyncio.sleep(1)); return a + b end, 2, 3); print(await(t))",
    python = "no equivalent; the nearest is asyncio.create_task(fn(2, 3)) with an async def fn",
    see = "asyncio.create_task and asyncio.spawn",
  },
  {
    name = "gather",
    sig = "asyncio.gather(aw1, aw2, ...[, {return_exceptions = bool}]) -> future",
    text = "Runs the awaitables concurrently (coroutine objects become tasks at once) and returns " ..
      "a future; awaiting it gives the list of results in the order given, with .n set, holding " ..
      "the first value of each. Without return_exceptions the first error is raised at once and " ..
      "the other children keep running; with return_exceptions = true errors are put in the " ..
      "list. Cancelling the future cancels every child that is not done. A trailing table " ..
      "without a metatable is the options.",
    example = 'local rs = await(asyncio.gather(asyncio.sleep(2, "a"), asyncio.sleep(1, "b"))); print(rs.n, rs[1], rs[2])',
    python = 'rs = await asyncio.gather(a(), b(), return_exceptions=True)',
  },
  {
    name = "wait_for",
    sig = "asyncio.wait_for(aw, timeout) -> coroutine object",
    text = "Awaits aw for at most timeout seconds and returns every value it produced. On expiry " ..
      "it cancels aw, waits for it to end and raises TimeoutError (its .cause is the " ..
      "CancelledError behind it). timeout = nil waits without a deadline; timeout <= 0 checks " ..
      "once. Cancelling the waiting task cancels aw too: use asyncio.shield to protect it.",
    example = "print(pcall(await, asyncio.wait_for(asyncio.sleep(5), 1)))",
    python = "await asyncio.wait_for(aw, timeout=1)",
  },
  {
    name = "timeout",
    sig = "asyncio.timeout(delay) -> timeout scope",
    text = "A timeout scope for a to-be-closed variable: local cm <close> = asyncio.timeout(5). It " ..
      "is entered when called and left at the end of the enclosing block. If the deadline (delay " ..
      "seconds from now; nil for none) passes while the block runs, the task is cancelled and, " ..
      "when the block is left, that CancelledError becomes a TimeoutError. Methods: cm:when(), " ..
      "cm:reschedule(when), cm:expired(). Use it inside a task.",
    example = "print(pcall(function() local _ <close> = asyncio.timeout(1); await(asyncio.sleep(5)) end))",
    python = "async with asyncio.timeout(1): await asyncio.sleep(5)",
    see = "asyncio.timeout and asyncio.timeout_at",
  },
  {
    name = "timeout_at",
    sig = "asyncio.timeout_at(when) -> timeout scope",
    text = "The same as asyncio.timeout, with the deadline given as an absolute time on the " ..
      "loop's clock (loop:time()), or nil for none.",
    example = "do local cm <close> = asyncio.timeout_at(asyncio.get_running_loop():time() + 10); await(asyncio.sleep(1)); print(cm:expired()) end",
    python = "async with asyncio.timeout_at(loop.time() + 10) as cm: await asyncio.sleep(1)",
    see = "asyncio.timeout and asyncio.timeout_at",
  },
  {
    name = "shield",
    sig = "asyncio.shield(aw) -> future",
    text = "Protects aw from being cancelled by whoever awaits the shield: aw becomes a task if it " ..
      "is a coroutine object, and the returned outer future follows it. Cancelling the outer " ..
      "future (the awaiting task is cancelled, wait_for times out) leaves the inner task " ..
      "running. If aw is already finished, shield returns it. Keep a reference to the inner task.",
    example = "local inner = asyncio.create_task(asyncio.sleep(2, 42)); print(pcall(await, asyncio.wait_for(asyncio.shield(inner), 1))); print(await(inner))",
    python = "await asyncio.wait_for(asyncio.shield(inner), 1)",
  },
  {
    name = "wait",
    sig = "asyncio.wait(aws[, {timeout = seconds, return_when = ...}]) -> coroutine object giving done, pending",
    text = "Waits on a list of Tasks and Futures until return_when holds (asyncio.FIRST_COMPLETED, " ..
      "asyncio.FIRST_EXCEPTION, or asyncio.ALL_COMPLETED, the default) or the timeout passes. " ..
      "It never raises on timeout and cancels nothing. done and pending are lists in the order " ..
      "given (Python: sets). Coroutine objects are refused (TypeError); an empty list raises " ..
      "ValueError.",
    example = "local ts = {asyncio.create_task(asyncio.sleep(1)), asyncio.create_task(asyncio.sleep(3))}; local done, pending = await(asyncio.wait(ts, {return_when = asyncio.FIRST_COMPLETED})); print(#done, #pending)",
    python = "done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)",
  },
  {
    name = "as_completed",
    sig = "asyncio.as_completed(aws[, {timeout = seconds}]) -> iterator",
    text = "Starts the awaitables (coroutine objects become tasks) and, in a generic for, yields " ..
      "one awaitable per input: awaiting the i-th gives the result, or raises the error, of the " ..
      "i-th to finish. With timeout, those still pending when it passes raise TimeoutError when " ..
      "awaited (the tasks are not cancelled).",
    example = 'for aw in asyncio.as_completed({asyncio.sleep(2, "slow"), asyncio.sleep(1, "fast")}) do print(await(aw)) end',
    python = "for aw in asyncio.as_completed(aws): print(await aw)",
  },
  {
    name = "current_task",
    sig = "asyncio.current_task() -> Task or nil",
    text = "The running task, or nil outside tasks (for example in a loop:call_soon callback). A " ..
      "script's main chunk runs as the task Task-1; each prompt input runs as a task too.",
    example = "print(asyncio.current_task():get_name())",
    python = "print(asyncio.current_task().get_name())",
    see = "asyncio.current_task and asyncio.all_tasks",
  },
  {
    name = "all_tasks",
    sig = "asyncio.all_tasks() -> list of Tasks",
    text = "The tasks not done yet, the current one included, as a list in creation order " ..
      "(Python: a set).",
    example = "for _, t in ipairs(asyncio.all_tasks()) do print(t:get_name()) end",
    python = "for t in asyncio.all_tasks(): print(t.get_name())",
    see = "asyncio.current_task and asyncio.all_tasks",
  },
  {
    name = "Future",
    kind = "class",
    sig = "asyncio.Future() -> Future",
    text = "A result that arrives later: pending until exactly one of f:set_result(...), " ..
      "f:set_exception(err) or f:cancel([msg]) finishes it. Awaiting it suspends until then and " ..
      "gives the values or raises the error. Also f:done(), f:cancelled(), f:result(), " ..
      "f:exception(), f:add_done_callback(fn) (fn(f) runs on a later loop iteration) and " ..
      "f:remove_done_callback(fn). loop:create_future() makes one too.",
    example = 'local f = asyncio.Future(); asyncio.get_running_loop():call_later(1, function() f:set_result("ready") end); print(await(f))',
    python = 'f = loop.create_future(); loop.call_later(1, f.set_result, "ready"); print(await f)',
    see = "Future",
  },
  {
    name = "get_running_loop",
    aliases = { "get_event_loop" },
    sig = "asyncio.get_running_loop() -> loop",
    text = "The event loop (one per Lua state; also asyncio.get_event_loop()). Its methods are " ..
      "called with a colon: loop:time(), loop:call_soon(fn, ...), loop:call_later(delay, fn, " ..
      "...), loop:call_at(when, fn, ...) (each returns a handle with h:cancel()), " ..
      "loop:create_future(), loop:create_task(coro_or_fn), loop:get_debug(), " ..
      "loop:set_debug(bool), loop:set_exception_handler(fn); loop.slow_callback_duration is a " ..
      "field. Callbacks are plain functions: they cannot await.",
    example = 'local loop = asyncio.get_running_loop(); loop:call_later(1, print, "one second later"); print(loop:time())',
    python = 'loop = asyncio.get_running_loop(); loop.call_later(1, print, "one second later"); print(loop.time())',
    see = "The event loop",
  },
  {
    name = "iscoroutine",
    sig = "asyncio.iscoroutine(x) -> boolean",
    text = "True if x is a coroutine object: what calling an async function, or a library " ..
      "function that waits such as asyncio.sleep, returns.",
    example = "local c = asyncio.sleep(0); print(asyncio.iscoroutine(c), asyncio.iscoroutine(print)); await(c)",
    python = "asyncio.iscoroutine(c)",
    see = "asyncio.ensure_future, iscoroutine, isfuture",
  },
  {
    name = "iscoroutinefunction",
    sig = "asyncio.iscoroutinefunction(f) -> boolean",
    text = "True if f is an async function: one async() made, or a function or method of the runtime " ..
      "that gives a coroutine object, such as asyncio.sleep, q.get, lock.acquire, reader.read or " ..
      "asyncio.http.get (CPython's async def). Calling one makes a coroutine object.",
    example = "local f = async(function() end); print(asyncio.iscoroutinefunction(f), " ..
      "asyncio.iscoroutinefunction(asyncio.sleep), asyncio.iscoroutinefunction(print))",
    python = "asyncio.iscoroutinefunction(f)",
    see = "asyncio.ensure_future, iscoroutine, isfuture",
  },
  {
    name = "isfuture",
    sig = "asyncio.isfuture(x) -> boolean",
    text = "True if x is a Future, a Task, or a gather or shield future.",
    example = "print(asyncio.isfuture(asyncio.Future()), asyncio.isfuture(42))",
    python = "asyncio.isfuture(f)",
    see = "asyncio.ensure_future, iscoroutine, isfuture",
  },
  {
    name = "wrap_future",
    sig = "asyncio.wrap_future(future) -> the same Future",
    text = "For a Future an executor's submit gave: in luasync it is already one of asyncio's, " ..
      "so it comes back as it is, ready to await. Anything else is refused.",
    example = 'local pool <close> = asyncio.ThreadPoolExecutor(1); print(await(asyncio.wrap_future(pool:submit(math.max, 3, 7))))',
    python = "result = await asyncio.wrap_future(pool.submit(max, 3, 7))",
    see = "Worker threads",
  },
  {
    name = "ensure_future",
    sig = "asyncio.ensure_future(aw) -> Task or Future",
    text = "A Future or Task is returned as is; a coroutine object is wrapped in a new Task; a " ..
      "value with an __await metamethod is wrapped in a task that awaits it. Anything else " ..
      "raises TypeError: An asyncio.Future, a coroutine or an awaitable is required.",
    example = 'local t = asyncio.ensure_future(asyncio.sleep(1, "slept")); print(asyncio.isfuture(t), await(t))',
    python = 't = asyncio.ensure_future(asyncio.sleep(1, "slept")); print(await t)',
    see = "asyncio.ensure_future, iscoroutine, isfuture",
  },

  -- Classes and constructors --------------------------------------------------------
  {
    name = "Task",
    kind = "class",
    sig = "asyncio.Task  (the class of tasks; not a constructor)",
    text = "The metatable of every task: getmetatable(t) == asyncio.Task. Tasks are made with " ..
      "asyncio.create_task, asyncio.spawn, loop:create_task or a TaskGroup, never by calling " ..
      "asyncio.Task. A Task is a Future that runs a coroutine: it has the Future methods (done, " ..
      "result, exception, add_done_callback, ...) and t:cancel([msg]), t:cancelling(), " ..
      "t:uncancel(), t:get_name(), t:set_name(name), t:get_coro(), t:get_stack(), " ..
      "t:print_stack(). help(\"Task.cancel\") documents one of them.",
    example = 'local t = asyncio.create_task(asyncio.sleep(1, "done")); print(getmetatable(t) == asyncio.Task, await(t))',
    python = 't = asyncio.create_task(coro()); print(isinstance(t, asyncio.Task), await t)',
    see = "Task methods",
  },
  {
    name = "TaskGroup",
    kind = "class",
    sig = "asyncio.TaskGroup() -> task group, for local tg <close> = asyncio.TaskGroup()",
    text = "Structured concurrency: Python's async with asyncio.TaskGroup() as tg becomes a <close> " ..
      "variable. Calling it enters the group in the current task; the end of the variable's " ..
      "block waits for every child. The first child that fails cancels the other children and " ..
      "the block, which then raises an ExceptionGroup listing the errors in .exceptions. Methods: " ..
      "tg:create_task(coro_or_fn[, {name = ...}]), tg:spawn(fn, ...), tg:cancel(). Always declare " ..
      "it <close>: without it nothing waits for the children.",
    example = 'local a, b; do local tg <close> = asyncio.TaskGroup(); a = tg:create_task(asyncio.sleep(2, "slow")); b = tg:spawn(function() await(asyncio.sleep(1)); return "quick" end) end; print(a:result(), b:result())',
    python = 'async with asyncio.TaskGroup() as tg: a = tg.create_task(asyncio.sleep(2, "slow"))',
  },
  {
    name = "Lock",
    kind = "class",
    sig = "asyncio.Lock() -> Lock",
    text = "A mutual-exclusion lock for tasks. await(lock:acquire()) waits until the lock is free, " ..
      "takes it and returns a guard whose closing releases it, so local _ <close> = " ..
      "await(lock:acquire()) holds the lock to the end of the block (Python's async with lock). " ..
      "lock:release() releases it by hand; lock:locked() tells whether it is held. Waiting tasks " ..
      "get it first in, first out.",
    example = 'local lock = asyncio.Lock(); local worker = async(function(n) local _ <close> = await(lock:acquire()); print(n, "has the lock"); await(asyncio.sleep(1)) end); await(asyncio.gather(worker(1), worker(2)))',
    python = "lock = asyncio.Lock(); async with lock: ...",
    see = "Lock, Event, Condition",
  },
  {
    name = "Event",
    kind = "class",
    sig = "asyncio.Event() -> Event",
    text = "A flag that tasks wait for. It starts unset; ev:set() sets it and wakes every task " ..
      "waiting in await(ev:wait()); while it is set, ev:wait() returns true without waiting. " ..
      "ev:clear() unsets it again; ev:is_set() reads it.",
    example = "local ev = asyncio.Event(); asyncio.get_running_loop():call_later(1, function() ev:set() end); print(await(ev:wait()), ev:is_set())",
    python = "ev = asyncio.Event(); loop.call_later(1, ev.set); print(await ev.wait())",
    see = "Lock, Event, Condition",
  },
  {
    name = "Condition",
    kind = "class",
    sig = "asyncio.Condition([lock]) -> Condition",
    text = "A lock (its own, or the Lock given) with a waiting room. Hold it with local _ <close> = " ..
      "await(cond:acquire()); then await(cond:wait()) releases it, waits to be notified and takes " ..
      "it back, and await(cond:wait_for(pred)) waits until pred() gives a true value. " ..
      "cond:notify([n]) wakes n waiters (1 by default), cond:notify_all() every one; both need the " ..
      "lock held.",
    example = 'local cond, items = asyncio.Condition(), {}; local t = asyncio.spawn(function() local _ <close> = await(cond:acquire()); await(cond:wait_for(function() return #items > 0 end)); print("got", items[1]) end); await(asyncio.sleep(1)); do local _ <close> = await(cond:acquire()); items[1] = "x"; cond:notify() end; await(t)',
    python = "async with cond: await cond.wait_for(lambda: len(items) > 0)",
    see = "Lock, Event, Condition",
  },
  {
    name = "Semaphore",
    kind = "class",
    sig = "asyncio.Semaphore([value]) -> Semaphore",
    text = "A counter of value units (1 by default) that limits how many tasks go on at once. " ..
      "await(sem:acquire()) takes a unit, waiting while none is left, and returns a guard that " ..
      "gives it back when closed: local _ <close> = await(sem:acquire()). sem:release() gives a " ..
      "unit back by hand; sem:locked() is true when an acquire would wait. A negative value " ..
      "raises ValueError.",
    example = 'local sem = asyncio.Semaphore(2); local job = async(function() local _ <close> = await(sem:acquire()); await(asyncio.sleep(1)) end); local t0 = time.monotonic(); await(asyncio.gather(job(), job(), job(), job())); print(("%.1f s"):format(time.monotonic() - t0))',
    python = "sem = asyncio.Semaphore(2); async with sem: await asyncio.sleep(1)",
    see = "Semaphore, BoundedSemaphore, Barrier",
  },
  {
    name = "BoundedSemaphore",
    kind = "class",
    sig = "asyncio.BoundedSemaphore([value]) -> BoundedSemaphore",
    text = "A Semaphore that cannot grow: a release that would take it above its initial value " ..
      "raises ValueError: BoundedSemaphore released too many times, which catches a release " ..
      "without its acquire. Otherwise the same as Semaphore.",
    example = "local sem = asyncio.BoundedSemaphore(1); do local _ <close> = await(sem:acquire()) end; print(pcall(sem.release, sem))",
    python = "sem = asyncio.BoundedSemaphore(1)",
    see = "Semaphore, BoundedSemaphore, Barrier",
  },
  {
    name = "Barrier",
    kind = "class",
    sig = "asyncio.Barrier(parties) -> Barrier",
    text = "A meeting point for parties tasks: await(b:wait()) waits until parties tasks wait, " ..
      "then all go on, each given its arrival index (0 to parties - 1). await(b:reset()) and " ..
      "await(b:abort()) make the waiting tasks raise BrokenBarrierError; an aborted barrier stays " ..
      "broken. b.parties, b.n_waiting and b.broken are fields. parties < 1 raises ValueError.",
    example = "local b = asyncio.Barrier(2); local arrive = async(function(d) await(asyncio.sleep(d)); return await(b:wait()) end); local rs = await(asyncio.gather(arrive(1), arrive(2))); print(rs[1], rs[2], b.n_waiting)",
    python = "b = asyncio.Barrier(2); index = await b.wait()",
    see = "Semaphore, BoundedSemaphore, Barrier",
  },
  {
    name = "Queue",
    kind = "class",
    sig = "asyncio.Queue([maxsize]) -> Queue",
    text = "A first-in, first-out queue for passing items between tasks; maxsize 0 (the default) " ..
      "means no limit. await(q:put(x)) waits while the queue is full, await(q:get()) while it is " ..
      "empty; q:put_nowait(x) and q:get_nowait() raise QueueFull and QueueEmpty instead. " ..
      "q:task_done() and await(q:join()) let a producer wait until every item was processed; " ..
      "q:shutdown() closes it. q.maxsize is a field. Items may be any value, nil included.",
    example = "local q = asyncio.Queue(); asyncio.spawn(function() for i = 1, 3 do await(asyncio.sleep(1)); await(q:put(i)) end end); for _ = 1, 3 do print(await(q:get())) end",
    python = "q = asyncio.Queue(); await q.put(1); x = await q.get()",
    see = "Queue, PriorityQueue, LifoQueue",
  },
  {
    name = "StreamReader",
    kind = "class",
    sig = "asyncio.StreamReader([{limit = n}]) -> StreamReader",
    text = "A buffer of incoming bytes that tasks read as they arrive, as Python's: " ..
      "await(r:read(n)), await(r:readline()), await(r:readuntil(sep)), await(r:readexactly(n)), " ..
      "and for line in r:lines() do inside a task; r:at_eof(). A source feeds it with " ..
      "r:feed_data(s) and r:feed_eof(). limit (64 KiB) bounds a line: longer ones raise " ..
      "ValueError or LimitOverrunError. asyncio.stdin() gives the standard input as one.",
    example = 'local r = asyncio.StreamReader(); asyncio.get_running_loop():call_later(1, function() r:feed_data("hi\\n"); r:feed_eof() end); print(await(r:readline()), await(r:read()) == "")',
    python = "r = asyncio.StreamReader(); line = await r.readline()",
    see = "Streams",
  },
  {
    name = "open_connection",
    sig = "asyncio.open_connection(host, port[, {limit = n}]) -> coroutine object giving reader, writer",
    text = "Connects to host:port over TCP and gives a StreamReader and a StreamWriter. host is " ..
      "an address or a name (resolved without blocking the loop; each address is tried in " ..
      "turn); port is a number or, as in Python, a service name (\"http\" is 80). A refused " ..
      "connection raises ConnectionRefusedError: [Errno 111] Connect call failed " ..
      "('127.0.0.1', 1), as in Python.",
    example = 'print(pcall(await, asyncio.open_connection("127.0.0.1", 1)))',
    python = 'reader, writer = await asyncio.open_connection("127.0.0.1", 8888)',
    see = "Streams",
  },
  {
    name = "start_server",
    sig = "asyncio.start_server(cb, host, port[, {limit =, backlog =, start_serving =}]) -> coroutine object giving a Server",
    text = "Listens on host:port (port 0: a free port, read back with " ..
      "server.sockets[1]:getsockname()) and runs cb(reader, writer) as a task for each " ..
      "connection; cb may be a plain or an async function. host nil listens on every " ..
      "interface. local server <close> = ... closes it at the end of the block.",
    example = 'local server <close> = await(asyncio.start_server(function(r, w) w:write("hi\\n"); w:close() end, "127.0.0.1", 0)); local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname())); print(await(r:readline())); w:close()',
    python = 'server = await asyncio.start_server(handle, "127.0.0.1", 8888)',
    see = "Streams",
  },
  {
    name = "open_unix_connection",
    sig = "asyncio.open_unix_connection(path[, {limit = n}]) -> coroutine object giving reader, writer",
    text = "Connects to the Unix domain socket at path and gives a StreamReader and a " ..
      "StreamWriter, as open_connection does for TCP. A missing socket raises " ..
      "FileNotFoundError; one nobody listens on, ConnectionRefusedError.",
    example = 'print(pcall(await, asyncio.open_unix_connection("/nonexistent/socket")))',
    python = 'reader, writer = await asyncio.open_unix_connection("/tmp/app.sock")',
    see = "Streams",
  },
  {
    name = "start_unix_server",
    sig = "asyncio.start_unix_server(cb, path[, {limit =, backlog =, start_serving =, cleanup_socket =}]) -> coroutine object giving a Server",
    text = "Listens on a Unix domain socket at path and runs cb(reader, writer) as a task for " ..
      "each connection, as start_server does for TCP. A socket file already at path is " ..
      "replaced (any other file there raises OSError: Address ... is already in use). " ..
      "Closing the server removes the socket file if path still names it, as Python 3.13's " ..
      "(cleanup_socket = false keeps it).",
    example = 'local path = os.tmpname(); os.remove(path); local server = await(asyncio.start_unix_server(function(r, w) w:close() end, path)); print(server.sockets[1]:getsockname() == path); server:close(); print(await(asyncio.fs.exists(path)))',
    python = 'server = await asyncio.start_unix_server(handle, "/tmp/app.sock")',
    see = "Streams",
  },
  {
    name = "create_subprocess_exec",
    sig = "asyncio.create_subprocess_exec(program, ...args[, opts]) -> coroutine object giving a Process",
    text = "Starts program with the arguments (no shell) and gives a Process. opts: stdin, " ..
      "stdout, stderr = asyncio.subprocess.PIPE (a stream), DEVNULL, STDOUT (stderr into " ..
      "stdout) or nil (inherit), cwd, env (the whole environment, a table), limit. A missing " ..
      "program raises FileNotFoundError. Python's list {\"echo\", \"hi\"} is " ..
      "create_subprocess_exec(table.unpack(cmd)) in Lua.",
    example = 'local p = await(asyncio.create_subprocess_exec("echo", "hi", {stdout = asyncio.subprocess.PIPE})); print(await(p:communicate()), p.returncode)',
    python = 'p = await asyncio.create_subprocess_exec("echo", "hi", stdout=asyncio.subprocess.PIPE)',
    see = "Subprocesses",
  },
  {
    name = "create_subprocess_shell",
    sig = "asyncio.create_subprocess_shell(cmd[, opts]) -> coroutine object giving a Process",
    text = "Runs cmd with /bin/sh -c and gives a Process, with the options of " ..
      "create_subprocess_exec. The shell's quoting applies: pass untrusted text to " ..
      "create_subprocess_exec instead.",
    example = 'local p = await(asyncio.create_subprocess_shell("echo $((6 * 7))", {stdout = asyncio.subprocess.PIPE})); print(await(p:communicate()))',
    python = 'p = await asyncio.create_subprocess_shell("ls | wc -l", stdout=asyncio.subprocess.PIPE)',
    see = "Subprocesses",
  },
  {
    name = "subprocess",
    kind = "constant",
    sig = "asyncio.subprocess  (PIPE, STDOUT, DEVNULL)",
    text = "The constants of the subprocess options, with CPython's values: PIPE (-1) gives the " ..
      "Process a stream for that standard stream, STDOUT (-2) sends stderr into stdout, " ..
      "DEVNULL (-3) connects it to /dev/null; nil inherits the program's own.",
    example = 'print(asyncio.subprocess.PIPE, asyncio.subprocess.STDOUT, asyncio.subprocess.DEVNULL)',
    python = "from asyncio import subprocess; subprocess.PIPE",
    see = "Subprocesses",
  },
  {
    name = "open",
    sig = "asyncio.open(path[, mode[, {encoding=, errors=}]]) -> coroutine object giving a File",
    text = "Opens a file without blocking the loop (aiofiles.open): the system calls run on " ..
      "libuv's threads while other tasks run. mode as Lua's io.open (\"r\", \"w\", \"a\", " ..
      "\"r+\", \"w+\", \"a+\", and \"x\" to create only). local f <close> = ... closes it " ..
      "at the end of the block. encoding (Python's names: \"shift_jis\", \"cp932\", " ..
      "\"latin-1\"...) decodes what is read to UTF-8 and encodes what is written, as Python's " ..
      "text mode (\"utf-8-sig\" skips a byte order mark and writes one at the start of the " ..
      "file; an unknown name raises LookupError); errors = \"strict\" (UnicodeDecodeError), " ..
      "\"replace\", \"ignore\", \"backslashreplace\", \"xmlcharrefreplace\" or " ..
      "\"surrogateescape\", as Python's. " ..
      "Errors are Python's: FileNotFoundError: [Errno 2] ...",
    example = 'local path = os.tmpname(); do local f <close> = await(asyncio.open(path, "w")); await(f:write("hi\\n")) end; local f <close> = await(asyncio.open(path)); print(await(f:read())); os.remove(path)',
    python = 'async with aiofiles.open(path) as f: text = await f.read()',
    see = "Files",
  },
  {
    name = "print_call_graph",
    sig = "asyncio.print_call_graph([future[, {depth=, limit=, file=}]]) -> nothing",
    text = "Prints the async call graph of the current task (or of a Task or Future): its call " ..
      "stack, innermost frame first, then what awaits it -- the task awaiting it (or a gather, " ..
      "shield or wait of it), a TaskGroup's parent -- and so on up (CPython 3.14's). limit keeps " ..
      "that many frames of each stack, the outermost (negative: the innermost); depth skips frames " ..
      "of the current task (past them all: ValueError: call stack is not deep enough).",
    example = 'local t = asyncio.create_task(asyncio.sleep(1)); await(asyncio.sleep(0)); asyncio.print_call_graph(t); asyncio.print_call_graph()',
    python = "asyncio.print_call_graph(task)",
    see = "Call graphs", doc = "docs/debugging.md",
  },
  {
    name = "format_call_graph",
    sig = "asyncio.format_call_graph([future[, {depth=, limit=}]]) -> string",
    text = "The call graph as print_call_graph prints it, as a string: a task's call stack, " ..
      "innermost frame first, then what awaits it, indented by level.",
    example = 'print(asyncio.format_call_graph())',
    python = "text = asyncio.format_call_graph()",
    see = "Call graphs", doc = "docs/debugging.md",
  },
  {
    name = "capture_call_graph",
    sig = "asyncio.capture_call_graph([future[, {depth=, limit=}]]) -> {future=, call_stack=, awaited_by=}",
    text = "The call graph as data: future, call_stack (a list of {file=, line=, name=}, innermost " ..
      "first) and awaited_by (a list of graphs of what awaits it); nil outside a task.",
    example = 'local g = asyncio.capture_call_graph(); print(g.future == asyncio.current_task(), g.call_stack[1].line)',
    python = "g = asyncio.capture_call_graph()",
    see = "Call graphs", doc = "docs/debugging.md",
  },
  {
    name = "to_thread",
    sig = "asyncio.to_thread(fn, ...) -> coroutine object giving fn's results",
    text = "Runs fn(...) in a worker thread of the default executor while the loop goes on: " ..
      "time.sleep and other blocking calls there block only that thread, and CPU-bound jobs run " ..
      "in parallel. fn and its arguments are copied into the worker's own Lua state (nil, " ..
      "booleans, numbers, strings, tables of these, functions whose only upvalue is _ENV); " ..
      "anything else is refused at the call. Cancelling the awaiting task leaves the job running.",
    example = 'local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end; print(await(asyncio.to_thread(fib, 20)))',
    python = "result = await asyncio.to_thread(fib, 20)",
    see = "Worker threads",
  },
  {
    name = "ThreadPoolExecutor",
    sig = "asyncio.ThreadPoolExecutor([max_workers]) -> executor",
    text = "A pool of worker threads (concurrent.futures.ThreadPoolExecutor) for " ..
      "loop:run_in_executor(pool, fn, ...). It starts its threads as jobs come, up to " ..
      "max_workers (default min(32, cores + 4)); local pool <close> = ... shuts it down at " ..
      "the end of the block, waiting for its jobs.",
    example = 'local pool <close> = asyncio.ThreadPoolExecutor(2); print(await(asyncio.get_running_loop():run_in_executor(pool, string.rep, "ab", 2)))',
    python = "with concurrent.futures.ThreadPoolExecutor(2) as pool: await loop.run_in_executor(pool, f)",
    see = "Worker threads",
  },
  {
    name = "http",
    kind = "constant",
    sig = "asyncio.http  (get, post, put, delete, head, patch, request, Session)",
    text = "An HTTP/HTTPS client on libcurl, driven by the loop (aiohttp's names): " ..
      "await(http.get(url[, opts])) gives a response with status, reason, url, headers " ..
      "(any case), history (the redirects followed), await(r:text()), await(r:json()), " ..
      "await(r:read(n)), r:iter_chunks(), r:raise_for_status(). opts: headers, params, data, " ..
      "json, timeout, follow_redirects, cafile, verify. " ..
      "local s <close> = http.Session{base_url=, headers=, timeout=, limit=} " ..
      "reuses connections. See docs/http.md.",
    example = 'local srv <close> = await(asyncio.start_server(function(r, w) repeat local l = await(r:readline()) until l == "\\r\\n" or l == ""; w:write("HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\n\\r\\nhi"); await(w:drain()); w:close() end, "127.0.0.1", 0)); local _, port = srv.sockets[1]:getsockname(); local r = await(asyncio.http.get("http://127.0.0.1:" .. port .. "/")); print(r.status, await(r:text()))',
    python = "async with aiohttp.ClientSession() as s: r = await s.get(url); text = await r.text()",
    see = "HTTP",
  },
  {
    name = "fs",
    kind = "constant",
    sig = "asyncio.fs  (stat, exists, remove, rename, mkdir, rmdir, listdir)",
    text = "File system functions that do not block the loop (aiofiles.os): await(fs.stat(p)) " ..
      "gives {size, mode, mtime, atime, ctime, type}, fs.exists(p) true or false, " ..
      "fs.listdir(dir) the sorted names, fs.remove, fs.rename(from, to), fs.mkdir(p[, mode]), " ..
      "fs.rmdir; each raises Python's OSError subclasses.",
    example = 'local d = os.tmpname(); os.remove(d); await(asyncio.fs.mkdir(d)); print(await(asyncio.fs.exists(d)), await(asyncio.fs.stat(d)).type, #await(asyncio.fs.listdir(d))); await(asyncio.fs.rmdir(d))',
    python = "await aiofiles.os.mkdir(d); await aiofiles.os.path.exists(d)",
    see = "Files",
  },
  {
    name = "stdin",
    sig = "asyncio.stdin() -> StreamReader",
    text = "The standard input as a StreamReader, read from the loop: a task waiting for a line " ..
      "leaves the other tasks running, where io.read() would stop them all. The same reader at " ..
      "every call. A pipe, a terminal, a file or /dev/null. Not at the REPL, which reads the " ..
      "standard input itself (RuntimeError).",
    example = 'asyncio.spawn(function() for line in asyncio.stdin():lines() do print("got", line) end end); await(asyncio.sleep(0.1))',
    python = "await loop.connect_read_pipe(lambda: asyncio.StreamReaderProtocol(r), sys.stdin)",
    see = "Streams",
  },
  {
    name = "PriorityQueue",
    kind = "class",
    sig = "asyncio.PriorityQueue([maxsize]) -> PriorityQueue",
    text = "A Queue that gives the smallest item first. Items compare with <; tables without a " ..
      "__lt metamethod compare element by element, like Python tuples, so {priority, data} works " ..
      "as (priority, data). An item that does not compare with the others raises and is not " ..
      "added. Same methods as Queue.",
    example = 'local pq = asyncio.PriorityQueue(); pq:put_nowait({2, "write report"}); pq:put_nowait({1, "fix bug"}); print(table.unpack(pq:get_nowait()))',
    python = 'pq = asyncio.PriorityQueue(); pq.put_nowait((2, "write report"))',
    see = "Queue, PriorityQueue, LifoQueue",
  },
  {
    name = "LifoQueue",
    kind = "class",
    sig = "asyncio.LifoQueue([maxsize]) -> LifoQueue",
    text = "A Queue that gives the last item put first, as a stack does. maxsize bounds it the " ..
      "same way; same methods as Queue.",
    example = 'local lq = asyncio.LifoQueue(); lq:put_nowait("a"); lq:put_nowait("b"); print(lq:get_nowait(), lq:get_nowait())',
    python = 'lq = asyncio.LifoQueue(); lq.put_nowait("a")',
    see = "Queue, PriorityQueue, LifoQueue",
  },
  {
    name = "async_generator",
    sig = "asyncio.async_generator(fn) -> generator maker",
    text = "Python's async generators as generic-for loops. fn may await and hands out values with " ..
      "coroutine.yield; calling the result with arguments gives a for iterator over fn(...)'s " ..
      "yields. While the generator awaits, the enclosing task suspends and other tasks run. When " ..
      "the loop ends early (break, return, an error), the generator is closed, so its <close> " ..
      "variables run, as aclose() runs a Python generator's finally; that cleanup cannot await. " ..
      "One still suspended at a yield when asyncio.run (or the script) ends is closed then, as " ..
      "CPython's shutdown_asyncgens: GeneratorExit is raised at its yield, and its cleanup may await.",
    example = "local count = asyncio.async_generator(function(n) for i = 1, n do await(asyncio.sleep(1)); coroutine.yield(i) end end); for i in count(10) do print(i); if i == 3 then break end end",
    python = "async for i in count(10): print(i)",
    see = "Async generators",
  },

  -- Constants ---------------------------------------------------------------------------
  {
    name = "FIRST_COMPLETED",
    kind = "constant",
    sig = 'asyncio.FIRST_COMPLETED  (the string "FIRST_COMPLETED")',
    text = "A return_when value for asyncio.wait: it returns as soon as one of the tasks or " ..
      "futures is done, whether it finished, failed or was cancelled. The others keep running.",
    example = "local ts = {asyncio.create_task(asyncio.sleep(1)), asyncio.create_task(asyncio.sleep(2))}; local done, pending = await(asyncio.wait(ts, {return_when = asyncio.FIRST_COMPLETED})); print(#done, #pending)",
    python = "done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_COMPLETED)",
    see = "asyncio.wait",
  },
  {
    name = "FIRST_EXCEPTION",
    kind = "constant",
    sig = 'asyncio.FIRST_EXCEPTION  (the string "FIRST_EXCEPTION")',
    text = "A return_when value for asyncio.wait: it returns as soon as one of them fails with an " ..
      "error (a cancellation does not count), or when all are done if none fails. The error stays " ..
      "in the task: retrieve it with t:exception() or await.",
    example = 'local bad = asyncio.spawn(function() await(asyncio.sleep(1)); error(asyncio.ValueError("bad")) end); local done = await(asyncio.wait({bad, asyncio.create_task(asyncio.sleep(5))}, {return_when = asyncio.FIRST_EXCEPTION})); print(#done, done[1]:exception())',
    python = "done, pending = await asyncio.wait(ts, return_when=asyncio.FIRST_EXCEPTION)",
    see = "asyncio.wait",
  },
  {
    name = "ALL_COMPLETED",
    kind = "constant",
    sig = 'asyncio.ALL_COMPLETED  (the string "ALL_COMPLETED")',
    text = "A return_when value for asyncio.wait, and its default: it returns when every task and " ..
      "future given is done (or when the timeout, if any, passes).",
    example = "local ts = {asyncio.create_task(asyncio.sleep(1)), asyncio.create_task(asyncio.sleep(2))}; local done, pending = await(asyncio.wait(ts, {return_when = asyncio.ALL_COMPLETED})); print(#done, #pending)",
    python = "done, pending = await asyncio.wait(ts, return_when=asyncio.ALL_COMPLETED)",
    see = "asyncio.wait",
  },

  -- Error classes ---------------------------------------------------------------------------
  {
    name = "BaseException",
    kind = "error",
    sig = "asyncio.BaseException([message]) -> BaseException",
    text = "The root of the error classes. Class(message) makes an error, error(e) raises it and " ..
      "Class:is(e) tests one: true for instances of Class and of its subclasses, false for " ..
      "anything else, plain Lua errors included. e.message is the message, e.cause the error it " ..
      "was raised from. CancelledError, KeyboardInterrupt and SystemExit derive from it directly; " ..
      "the other classes from Exception.",
    example = "print(asyncio.BaseException:is(asyncio.CancelledError()), asyncio.Exception:is(asyncio.CancelledError()))",
    python = "isinstance(asyncio.CancelledError(), BaseException)",
    see = "Errors",
  },
  {
    name = "Exception",
    kind = "error",
    sig = "asyncio.Exception([message]) -> Exception",
    text = "The base of the ordinary errors: every class here but CancelledError, KeyboardInterrupt " ..
      "and SystemExit. Make your own with asyncio.Exception:subclass(\"Name\"). pcall catches " ..
      "every error, so asyncio.Exception:is(e) is how to tell an ordinary error from a " ..
      "cancellation (Python's except Exception).",
    example = 'local AppError = asyncio.Exception:subclass("AppError"); local ok, e = pcall(error, AppError("disk full")); print(ok, e, asyncio.Exception:is(e))',
    python = "class AppError(Exception): pass",
    see = "Errors",
  },
  {
    name = "CancelledError",
    kind = "error",
    sig = "asyncio.CancelledError([message]) -> CancelledError",
    text = "Raised inside a task at its pending await when the task is cancelled (t:cancel(msg), " ..
      "a timeout, a failing TaskGroup), and by awaiting a cancelled task or future. A " ..
      "BaseException, not an Exception, as in Python. pcall catches it like any error: re-raise " ..
      "it with error(e, 0) unless the task should carry on.",
    example = 'local t = asyncio.create_task(asyncio.sleep(10)); t:cancel("stop"); local ok, e = pcall(await, t); print(ok, e, asyncio.CancelledError:is(e))',
    python = "except asyncio.CancelledError: ...; raise",
    see = "Cancellation",
  },
  {
    name = "KeyboardInterrupt",
    kind = "error",
    sig = "asyncio.KeyboardInterrupt([message]) -> KeyboardInterrupt",
    text = "What Ctrl-C stops the program with. Code that never awaits (a busy loop, time.sleep) " ..
      "gets it raised where it runs; code that awaits is cancelled instead. A script stopped by " ..
      "Ctrl-C prints KeyboardInterrupt and exits with status 130; at the prompt only the running " ..
      "input stops. A BaseException, so asyncio.Exception:is(e) is false for it.",
    example = "print(asyncio.BaseException:is(asyncio.KeyboardInterrupt()), asyncio.Exception:is(asyncio.KeyboardInterrupt()))",
    python = "except KeyboardInterrupt: ...",
    see = "Errors",
  },
  {
    name = "SystemExit",
    kind = "error",
    sig = "asyncio.SystemExit([code]) -> SystemExit",
    text = "What exit() raises at the prompt to leave the REPL. A BaseException. Its argument is " ..
      "its .code: uncaught, in a script or at the prompt, it ends the program quietly with that " ..
      "status (an integer; none: 0, true: 0, false: 1) or prints its text and exits 1, as " ..
      "Python does. os.exit(n) leaves at once instead.",
    example = 'print(pcall(error, asyncio.SystemExit("bye")))',
    python = "raise SystemExit(0)",
    see = "Errors",
  },
  {
    name = "TimeoutError",
    kind = "error",
    sig = "asyncio.TimeoutError([message]) -> TimeoutError",
    text = "Raised by asyncio.wait_for and by timeout scopes (asyncio.timeout, asyncio.timeout_at) " ..
      "when the deadline passes, and by the as_completed awaitables still pending at its timeout. " ..
      "Its .cause is the CancelledError that stopped the work. An OSError, as in Python.",
    example = "local ok, e = pcall(await, asyncio.wait_for(asyncio.sleep(5), 1)); print(ok, e, asyncio.TimeoutError:is(e), e.cause)",
    python = "except TimeoutError as e: print(e.__cause__)",
    see = "Errors",
  },
  {
    name = "InvalidStateError",
    kind = "error",
    sig = "asyncio.InvalidStateError([message]) -> InvalidStateError",
    text = "Raised by a Future or Task used in the wrong state: f:result() or f:exception() " ..
      "before it is done (Result is not set.), f:set_result or f:set_exception on a future that " ..
      "is already done (invalid state). An Exception.",
    example = "local f = asyncio.Future(); print(pcall(f.result, f))",
    python = "except asyncio.InvalidStateError: ...",
    see = "Errors",
  },
  {
    name = "QueueEmpty",
    kind = "error",
    sig = "asyncio.QueueEmpty([message]) -> QueueEmpty",
    text = "Raised by q:get_nowait() on an empty queue; await(q:get()) would wait instead. An " ..
      "Exception.",
    example = "local q = asyncio.Queue(); local ok, e = pcall(q.get_nowait, q); print(ok, e, asyncio.QueueEmpty:is(e))",
    python = "except asyncio.QueueEmpty: ...",
    see = "Queue, PriorityQueue, LifoQueue",
  },
  {
    name = "QueueFull",
    kind = "error",
    sig = "asyncio.QueueFull([message]) -> QueueFull",
    text = "Raised by q:put_nowait(x) on a full queue (maxsize > 0 and maxsize items in it); " ..
      "await(q:put(x)) would wait instead. An Exception.",
    example = 'local q = asyncio.Queue(1); q:put_nowait("a"); print(pcall(q.put_nowait, q, "b"))',
    python = "except asyncio.QueueFull: ...",
    see = "Queue, PriorityQueue, LifoQueue",
  },
  {
    name = "QueueShutDown",
    kind = "error",
    sig = "asyncio.QueueShutDown([message]) -> QueueShutDown",
    text = "Raised by a queue after q:shutdown(): by put and put_nowait at once, by get and " ..
      "get_nowait once the queue is empty (at once after shutdown(true), which drops the items). " ..
      "Tasks blocked in put or get wake up to raise it. An Exception.",
    example = "local q = asyncio.Queue(); q:put_nowait(1); q:shutdown(); print(pcall(q.put_nowait, q, 2)); print(await(q:get()), pcall(await, q:get()))",
    python = "except asyncio.QueueShutDown: ...",
    see = "Queue, PriorityQueue, LifoQueue",
  },
  {
    name = "LimitOverrunError",
    kind = "error",
    sig = "asyncio.LimitOverrunError(message, consumed) -> LimitOverrunError",
    text = "Raised by a StreamReader's readuntil when the separator is not found within the " ..
      "reader's limit, or found beyond it; e.consumed says how many bytes to skip. readline " ..
      "turns it into ValueError. An Exception.",
    example = 'local r = asyncio.StreamReader{limit = 4}; r:feed_data("abcdefgh"); local ok, e = pcall(await, r:readuntil(";")); print(e, e.consumed)',
    python = "except asyncio.LimitOverrunError: ...",
    see = "Errors",
  },
  {
    name = "EOFError",
    kind = "error",
    sig = "asyncio.EOFError([message]) -> EOFError",
    text = "Python's builtin EOFError: the input ended. IncompleteReadError is one, so " ..
      "asyncio.EOFError:is(e) catches it, as `except EOFError` does in Python. An Exception.",
    example = 'local r = asyncio.StreamReader(); r:feed_eof(); local ok, e = pcall(await, r:readexactly(1)); print(asyncio.EOFError:is(e), e)',
    python = "except EOFError: ...",
    see = "Errors",
  },
  {
    name = "IncompleteReadError",
    kind = "error",
    sig = "asyncio.IncompleteReadError(partial, expected) -> IncompleteReadError",
    text = "Raised by a StreamReader's readexactly and readuntil when the stream ends first: " ..
      "e.partial holds the bytes read, e.expected the count asked for (nil for readuntil). " ..
      "Both arguments are required, as in Python (nil for None). An EOFError, as in Python.",
    example = 'local r = asyncio.StreamReader(); r:feed_data("ab"); r:feed_eof(); local ok, e = pcall(await, r:readexactly(5)); print(e, e.partial, e.expected)',
    python = "except asyncio.IncompleteReadError as e: print(e.partial)",
    see = "Errors",
  },
  {
    name = "BrokenBarrierError",
    kind = "error",
    sig = "asyncio.BrokenBarrierError([message]) -> BrokenBarrierError",
    text = "Raised by b:wait() on a broken Barrier (after b:abort()), and in the tasks waiting on " ..
      "a Barrier when it is reset or aborted. An Exception.",
    example = "local b = asyncio.Barrier(2); await(b:abort()); print(pcall(await, b:wait()))",
    python = "except asyncio.BrokenBarrierError: ...",
    see = "Semaphore, BoundedSemaphore, Barrier",
  },
  {
    name = "BaseExceptionGroup",
    kind = "error",
    sig = "asyncio.BaseExceptionGroup(message, errors) -> BaseExceptionGroup or ExceptionGroup",
    text = "A group of errors of which one at least is a BaseException that is not an Exception " ..
      "(a subclass of asyncio.BaseException of yours): a TaskGroup raises one when a child " ..
      "raised such an error. Given Exceptions only, it makes an ExceptionGroup, as Python's. " ..
      "asyncio.BaseExceptionGroup:is(e) is true of both kinds of group. A BaseException.",
    example = 'local Stop = asyncio.BaseException:subclass("Stop"); print(asyncio.BaseExceptionGroup("m", {Stop()}), asyncio.BaseExceptionGroup("m", {asyncio.ValueError("v")}))',
    python = 'eg = BaseExceptionGroup("m", [Stop()])',
    see = "Errors",
  },
  {
    name = "ExceptionGroup",
    kind = "error",
    sig = "asyncio.ExceptionGroup(message, errors) -> ExceptionGroup",
    text = "Several errors in one: .message and .exceptions, a list. A TaskGroup raises one " ..
      "(unhandled errors in a TaskGroup) holding every error of its children. Lua has no " ..
      "except*: catch it with pcall, test it with asyncio.ExceptionGroup:is(e) and go through " ..
      "e.exceptions. An Exception and a BaseExceptionGroup; it refuses a BaseException that " ..
      "is not an Exception (TypeError: Cannot nest BaseExceptions in an ExceptionGroup).",
    example = 'local eg = asyncio.ExceptionGroup("two errors", {asyncio.ValueError("a"), asyncio.TypeError("b")}); print(eg, #eg.exceptions, eg.exceptions[2])',
    python = 'eg = ExceptionGroup("two errors", [ValueError("a"), TypeError("b")])',
    see = "Errors",
  },
  {
    name = "RuntimeError",
    kind = "error",
    sig = "asyncio.RuntimeError([message]) -> RuntimeError",
    text = "Raised when the runtime is misused: awaiting a coroutine object a second time (cannot " ..
      "reuse already awaited coroutine), await outside a task, releasing a Lock that is not held, " ..
      "a TaskGroup that is finished, a timeout scope outside a task. Yours to raise too. An " ..
      "Exception.",
    example = "local c = asyncio.sleep(0); await(c); print(pcall(await, c))",
    python = 'raise RuntimeError("bad state")',
    see = "Errors",
  },
  {
    name = "ValueError",
    kind = "error",
    sig = "asyncio.ValueError([message]) -> ValueError",
    text = "Raised for an argument of the right type but a wrong value: a NaN delay, a negative " ..
      "Semaphore value, Barrier(0), task_done() called too many times, an empty list for " ..
      "asyncio.wait, asyncio.run given something that is not a coroutine object. Yours to raise " ..
      "too. An Exception.",
    example = "print(pcall(asyncio.Semaphore, -1))",
    python = 'raise ValueError("bad")',
    see = "Errors",
  },
  {
    name = "TypeError",
    kind = "error",
    sig = "asyncio.TypeError([message]) -> TypeError",
    text = "Raised where an awaitable was needed and something else came: await(42), " ..
      "asyncio.create_task(42), ensure_future of a plain value, coroutine objects given to " ..
      "asyncio.wait. Other wrong argument types raise Lua's bad argument errors. Yours to raise " ..
      "too. An Exception.",
    example = "print(pcall(await, 42))",
    python = "await 42  # TypeError",
    see = "Errors",
  },
  {
    name = "AttributeError",
    kind = "error",
    sig = "asyncio.AttributeError([message]) -> AttributeError",
    text = "Raised for a name read from what does not have it, where Lua would give nil: a field of " ..
      "a coroutine object, which is what a forgotten await leaves (r = asyncio.http.get(url); " ..
      "r.status: 'coroutine' object has no attribute 'status', with the await it lacks), and a " ..
      "name asyncio, asyncio.subprocess, asyncio.fs or asyncio.http lack (module 'asyncio' has " ..
      "no attribute 'slep'. Did you mean: 'sleep'?). .name is the name, .obj what it was read " ..
      "from; rawget(asyncio, name) reads without raising. An Exception.",
    example = "local c = asyncio.sleep(0); print(pcall(function() return c.result end)); await(c)",
    python = "await asyncio.sleep(0).result  # AttributeError",
    see = "Errors",
  },
  {
    name = "OverflowError",
    kind = "error",
    sig = "asyncio.OverflowError([message]) -> OverflowError",
    text = "Raised for a number too large for what takes it: time.sleep of more than 2^63 " ..
      "nanoseconds (about 292 years, math.huge included), as Python's time.sleep. An Exception " ..
      "(Python's is an ArithmeticError).",
    example = "print(pcall(time.sleep, math.huge))",
    python = "time.sleep(float('inf'))  # OverflowError",
    see = "Errors",
  },
  {
    name = "OSError",
    kind = "error",
    sig = "asyncio.OSError(errno, strerror[, filename[, winerror[, filename2]]]) -> OSError, or asyncio.OSError(message)",
    text = "A failure the operating system reported, as Python's: .errno (32), .code, the " ..
      "system's name for it (\"EPIPE\"), .strerror, .filename and .filename2 (a rename's " ..
      "second name: 'a' -> 'b'), and Python's message " ..
      "(\"[Errno 32] Broken pipe\"). OSError(errno, strerror) makes the subclass Python picks " ..
      "for the errno: BrokenPipeError (EPIPE), ConnectionRefusedError, ConnectionResetError, " ..
      "ConnectionAbortedError (all ConnectionErrors), FileNotFoundError (ENOENT), " ..
      "FileExistsError, IsADirectoryError, NotADirectoryError, PermissionError (EACCES, EPERM), " ..
      "ProcessLookupError (ESRCH), ChildProcessError, BlockingIOError, InterruptedError, and " ..
      "TimeoutError (ETIMEDOUT). print raises BrokenPipeError when stdout's reader went away " ..
      "(luasync x.lua | head -1: the program then ends quietly, status 141) and OSError on a " ..
      "full disk. An Exception.",
    example = 'local e = asyncio.OSError(2, "No such file or directory", "x.txt"); print(e, e.code, asyncio.FileNotFoundError:is(e))',
    python = "except FileNotFoundError as e: print(e.errno, e.filename)",
    see = "Errors",
  },
}

-- The subclasses of OSError, one entry each.
local OS_ERRORS = {
  { "ConnectionError", "a connection: the parent of the four below" },
  { "BrokenPipeError", "EPIPE, ESHUTDOWN: writing to a pipe or socket whose reader went away (a ConnectionError)" },
  { "ConnectionAbortedError", "ECONNABORTED (a ConnectionError)" },
  { "ConnectionRefusedError", "ECONNREFUSED: nothing listens at that address (a ConnectionError)" },
  { "ConnectionResetError", "ECONNRESET: the peer closed the connection abruptly (a ConnectionError)" },
  { "FileNotFoundError", "ENOENT: no such file or directory" },
  { "FileExistsError", "EEXIST" },
  { "IsADirectoryError", "EISDIR" },
  { "NotADirectoryError", "ENOTDIR" },
  { "PermissionError", "EACCES, EPERM" },
  { "ProcessLookupError", "ESRCH: no such process" },
  { "ChildProcessError", "ECHILD" },
  { "BlockingIOError", "EAGAIN, EWOULDBLOCK, EALREADY, EINPROGRESS" },
  { "InterruptedError", "EINTR" },
}
for _, o in ipairs(OS_ERRORS) do
  local name, codes = o[1], o[2]
  table.insert(entries, {
    name = name,
    kind = "error",
    sig = "asyncio." .. name .. "(errno, strerror[, filename]) -> " .. name,
    text = "The OSError for " .. codes .. ", with .errno, .code, .strerror and .filename " ..
      "(help(asyncio.OSError)). asyncio.OSError(errno, strerror) makes it for such an errno.",
    example = "print(asyncio." .. name .. ":is(asyncio.OSError(32, \"Broken pipe\")))",
    python = "except " .. name .. " as e: print(e.errno)",
    see = "Errors",
  })
end

-- Python's UnicodeError family and LookupError: what an encoding of
-- asyncio.open says.
table.insert(entries, {
  name = "UnicodeError",
  kind = "error",
  sig = "asyncio.UnicodeError([message]) -> UnicodeError",
  text = "The parent of UnicodeDecodeError and UnicodeEncodeError, a ValueError, as Python's: " ..
    "ValueError:is(e) catches both.",
  example = "print(asyncio.ValueError:is(asyncio.UnicodeDecodeError(\"bad byte\")))",
  python = "except UnicodeError as e: print(e)",
  see = "Files",
})
table.insert(entries, {
  name = "UnicodeDecodeError",
  kind = "error",
  sig = "asyncio.UnicodeDecodeError([message]) -> UnicodeDecodeError",
  text = "A file opened with an encoding held bytes that do not decode, with Python's text: " ..
    "'utf-8' codec can't decode byte 0xff in position 0: invalid start byte (also invalid " ..
    "continuation byte, unexpected end of data; ordinal not in range(128) for ascii, illegal " ..
    "multibyte sequence for shift_jis). .encoding, .start, [\"end\"] (0-based, end excluded, " ..
    "as Python's), .reason and .object (the bytes). errors = \"replace\" or \"ignore\" " ..
    "reads on instead. A UnicodeError, so a ValueError.",
  example = 'local path = os.tmpname(); do local f <close> = await(asyncio.open(path, "wb")); await(f:write("\\xff")) end; ' ..
    'local f <close> = await(asyncio.open(path, "r", {encoding = "utf-8"})); local ok, e = pcall(await, f:read()); ' ..
    'print(e, e.start, e.reason); os.remove(path)',
  python = "except UnicodeDecodeError as e: print(e.start, e.reason)",
  see = "Files",
})
table.insert(entries, {
  name = "UnicodeEncodeError",
  kind = "error",
  sig = "asyncio.UnicodeEncodeError([message]) -> UnicodeEncodeError",
  text = "A text written to a file opened with an encoding holds a character the encoding " ..
    "lacks, with Python's text: 'latin-1' codec can't encode character '\\u3042' in position " ..
    "0: ordinal not in range(256) (positions count characters). .encoding, .start, " ..
    "[\"end\"], .reason and .object (the text). errors = \"replace\" writes ? for it, " ..
    "\"ignore\" nothing. A UnicodeError, so a ValueError.",
  example = 'local path = os.tmpname(); local f <close> = await(asyncio.open(path, "w", {encoding = "latin-1"})); ' ..
    'print(pcall(await, f:write("\\u{3042}"))); os.remove(path)',
  python = "except UnicodeEncodeError as e: print(e.start, e.reason)",
  see = "Files",
})
table.insert(entries, {
  name = "LookupError",
  kind = "error",
  sig = "asyncio.LookupError([message]) -> LookupError",
  text = "A name looked up that is not there, as Python's: an encoding asyncio.open does not " ..
    "know raises LookupError: unknown encoding: xyz at the call. Python's names and aliases " ..
    "are known (\"utf8\", \"u8\", \"latin1\", \"l1\", \"sjis\", \"cp932\", \"ujis\", " ..
    "\"utf-8-sig\"...). An Exception.",
  example = 'print(pcall(asyncio.open, "x.txt", "r", {encoding = "xyz"}))',
  python = "open('x.txt', encoding='xyz')  # LookupError",
  see = "Files",
})

table.insert(entries, {
  name = "UnsupportedOperation",
  kind = "error",
  sig = "asyncio.UnsupportedOperation([message]) -> UnsupportedOperation",
  text = "A file used against its mode, as Python's io.UnsupportedOperation: writing to a file " ..
    "opened \"r\" raises UnsupportedOperation: not writable, reading one opened \"w\" " ..
    "UnsupportedOperation: not readable (when awaited). Both an OSError and a ValueError, as in " ..
    "Python: OSError:is(e) and ValueError:is(e) are true. It has no errno.",
  example = "print(asyncio.ValueError:is(asyncio.UnsupportedOperation(\"not writable\")))",
  python = "except io.UnsupportedOperation as e: print(e)",
  see = "Errors",
})

return entries
