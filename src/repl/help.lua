-- The REPL's help texts (module "luasync.help"):
--   M.tour()            a short guided tour of asyncio in luasync (help())
--   M.doc(value)        the documentation of a public name of asyncio, found
--                       by identity: a function (help(asyncio.gather)), a
--                       class or constructor (help(asyncio.Queue)), an error
--                       class, a method (help(t.cancel), help(q.get)), async
--                       or await; an object gets its class's entry
--                       (help(t) is help(asyncio.Task)); also the asyncio
--                       table itself (an index) and a name ("gather",
--                       "asyncio.gather", "Queue.get", "Task.cancel",
--                       "q:get"); nil for anything else
--   M.help([value])     what help(...) at the prompt shows
--   M.entries           the texts as data: {name=, sig=, text=, example=, python=}
--                       and optionally kind= ("class", "constant", "error";
--                       a function by default, for the index), aliases=
--                       (other names in asyncio), see= (the section of
--                       docs/api.md when it is not asyncio.<name>); name is
--                       "Class.method" for a method
-- The texts follow docs/api.md; every example line is one line that a user
-- can type at the prompt (tests/lua/repl/help_texts.lua runs them).

-- User code may change the globals: keep our own references.
local pairs, ipairs, type, rawget, require, select = pairs, ipairs, type, rawget, require, select
local concat = table.concat
local loaded = package.loaded
local class_of = require("luasync.std").class_of

local M = {}

local WIDTH = 78

-- Wraps a paragraph at WIDTH columns, the first line prefixed by indent,
-- the others by rest (by default indent too).
local function wrap(text, indent, rest)
  indent = indent or ""
  rest = rest or indent
  local lines, line = {}, nil
  for word in text:gmatch("%S+") do
    if line == nil then
      line = indent .. word
    elseif #line + 1 + #word > WIDTH then
      lines[#lines + 1] = line
      line = rest .. word
    else
      line = line .. " " .. word
    end
  end
  lines[#lines + 1] = line
  return concat(lines, "\n")
end

local entries = {
  {
    name = "async",
    sig = "async(fn) -> async function",
    text = "Makes an async function (Python's async def). Calling it does not run fn: it returns a " ..
      "coroutine object holding the arguments. await it to run it inline in the current task, or " ..
      "wrap it in a task (asyncio.create_task) to run it concurrently. A coroutine object runs at " ..
      "most once (a second await raises RuntimeError: cannot reuse already awaited coroutine); " ..
      "one collected without ever running prints RuntimeWarning: coroutine '<name>' was never " ..
      "awaited. An async function may return several values.",
    example = 'local double = async(function(x) await(asyncio.sleep(1)); return 2 * x end); print(await(double(21)))',
    python = "async def double(x): await asyncio.sleep(1); return 2 * x",
  },
  {
    name = "await",
    sig = "await(aw) -> ...",
    text = "Runs or waits for an awaitable and returns every value it produced, or raises its error. " ..
      "Awaitables: coroutine objects (run inline in the current task, no new task), Tasks and " ..
      "Futures (the task suspends until they are done), and values whose metatable has __await. " ..
      "Anything else raises TypeError: object <type> can't be used in 'await' expression. await " ..
      "works only inside a task; scripts and prompt inputs already run as tasks. It is a function, " ..
      "so the form is always await(x).",
    example = 'print(await(asyncio.sleep(1, "slept")))',
    python = 'print(await asyncio.sleep(1, "slept"))',
  },
  {
    name = "run",
    sig = 'asyncio.run(coro[, {clock = "real"|"virtual", debug = bool}]) -> ...',
    text = "Runs the coroutine object coro and returns its results. Scripts and prompt inputs " ..
      "already run as tasks on the running loop, so asyncio.run(main()) simply awaits main() there " ..
      "(documented deviation: CPython raises inside a running loop); it can be called several " ..
      "times. clock switches the clock while no timer is pending; debug sets the loop's debug " ..
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
      "delay raises ValueError.",
    example = 'print(await(asyncio.sleep(1.5, "a", "b")))',
    python = 'print(await asyncio.sleep(1.5, "a"))',
  },
  {
    name = "create_task",
    sig = 'asyncio.create_task(coro_or_fn[, {name = "..."}]) -> Task',
    text = "Wraps a coroutine object in a new Task and schedules it: it starts on a later loop " ..
      "iteration, in creation order, even if nobody awaits it. Given a function, the task calls " ..
      "it with no arguments. Unnamed tasks are Task-1, Task-2, ... Keep a reference to the task " ..
      "or await it: an error that nobody retrieves is reported as Task exception was never " ..
      "retrieved.",
    example = 'local t = asyncio.create_task(asyncio.sleep(1, "done"), {name = "sleeper"}); print(t:get_name(), await(t))',
    python = 't = asyncio.create_task(coro(), name="sleeper"); print(t.get_name(), await t)',
  },
  {
    name = "spawn",
    sig = "asyncio.spawn(fn, ...) -> Task",
    text = "Makes a task that runs fn(...): the arguments go to fn, which need not be declared " ..
      "with async. Otherwise the same as asyncio.create_task: the task starts on a later loop " ..
      "iteration, and await(task) returns what fn returned.",
    example = "local t = asyncio.spawn(function(a, b) await(asyncio.sleep(1)); return a + b end, 2, 3); print(await(t))",
    python = "no equivalent; the nearest is asyncio.create_task(fn(2, 3)) with an async def fn",
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
  },
  {
    name = "timeout_at",
    sig = "asyncio.timeout_at(when) -> timeout scope",
    text = "The same as asyncio.timeout, with the deadline given as an absolute time on the " ..
      "loop's clock (loop:time()), or nil for none.",
    example = "do local cm <close> = asyncio.timeout_at(asyncio.get_running_loop():time() + 10); await(asyncio.sleep(1)); print(cm:expired()) end",
    python = "async with asyncio.timeout_at(loop.time() + 10) as cm: await asyncio.sleep(1)",
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
  },
  {
    name = "all_tasks",
    sig = "asyncio.all_tasks() -> list of Tasks",
    text = "The tasks not done yet, the current one included, as a list in creation order " ..
      "(Python: a set).",
    example = "for _, t in ipairs(asyncio.all_tasks()) do print(t:get_name()) end",
    python = "for t in asyncio.all_tasks(): print(t.get_name())",
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
  },
  {
    name = "get_running_loop",
    aliases = { "get_event_loop" },
    sig = "asyncio.get_running_loop() -> loop",
    text = "The event loop (one per Lua state; also asyncio.get_event_loop()). Its methods are " ..
      "called with a colon: loop:time(), loop:call_soon(fn, ...), loop:call_later(delay, fn, " ..
      "...), loop:call_at(when, fn, ...) (each returns a handle with h:cancel()), " ..
      "loop:create_future(), loop:create_task(coro_or_fn), loop:get_debug(), " ..
      "loop:set_debug(bool); loop.slow_callback_duration is a field. Callbacks are plain " ..
      "functions: they cannot await.",
    example = 'local loop = asyncio.get_running_loop(); loop:call_later(1, print, "one second later"); print(loop:time())',
    python = 'loop = asyncio.get_running_loop(); loop.call_later(1, print, "one second later"); print(loop.time())',
  },
  {
    name = "iscoroutine",
    sig = "asyncio.iscoroutine(x) -> boolean",
    text = "True if x is a coroutine object: what calling an async function, or a library " ..
      "function that waits such as asyncio.sleep, returns.",
    example = "local c = asyncio.sleep(0); print(asyncio.iscoroutine(c), asyncio.iscoroutine(print)); await(c)",
    python = "asyncio.iscoroutine(c)",
  },
  {
    name = "isfuture",
    sig = "asyncio.isfuture(x) -> boolean",
    text = "True if x is a Future, a Task, or a gather or shield future.",
    example = "print(asyncio.isfuture(asyncio.Future()), asyncio.isfuture(42))",
    python = "asyncio.isfuture(f)",
  },
  {
    name = "ensure_future",
    sig = "asyncio.ensure_future(aw) -> Task or Future",
    text = "A Future or Task is returned as is; a coroutine object is wrapped in a new Task; a " ..
      "value with an __await metamethod is wrapped in a task that awaits it. Anything else " ..
      "raises TypeError: An asyncio.Future, a coroutine or an awaitable is required.",
    example = 'local t = asyncio.ensure_future(asyncio.sleep(1, "slept")); print(asyncio.isfuture(t), await(t))',
    python = 't = asyncio.ensure_future(asyncio.sleep(1, "slept")); print(await t)',
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
      "variables run, as aclose() runs a Python generator's finally; that cleanup cannot await.",
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
    sig = "asyncio.SystemExit([message]) -> SystemExit",
    text = "What exit() raises at the prompt to leave the REPL; its .code field is the exit " ..
      "status. A BaseException. In a script, use os.exit(n) to leave with a status: a SystemExit " ..
      "raised there is reported as an uncaught error.",
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
      "Its .cause is the CancelledError that stopped the work. An Exception.",
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
    sig = "asyncio.LimitOverrunError([message]) -> LimitOverrunError",
    text = "Kept for the streams API, which is not built yet: nothing raises it today. Python's " ..
      "stream readers raise it when a separator is not found within the buffer limit. Here it " ..
      "takes a message only (Python's also takes consumed). An Exception.",
    example = 'print(asyncio.LimitOverrunError("line too long"), asyncio.Exception:is(asyncio.LimitOverrunError()))',
    python = "except asyncio.LimitOverrunError: ...",
    see = "Errors",
  },
  {
    name = "IncompleteReadError",
    kind = "error",
    sig = "asyncio.IncompleteReadError([message]) -> IncompleteReadError",
    text = "Kept for the streams API, which is not built yet: nothing raises it today. Python's " ..
      "readexactly raises it when the stream ends early. Here it takes a message only (Python's " ..
      "takes partial and expected). An Exception.",
    example = 'print(asyncio.IncompleteReadError("stream ended"), asyncio.Exception:is(asyncio.IncompleteReadError()))',
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
    name = "ExceptionGroup",
    kind = "error",
    sig = "asyncio.ExceptionGroup(message, errors) -> ExceptionGroup",
    text = "Several errors in one: .message and .exceptions, a list. A TaskGroup raises one " ..
      "(unhandled errors in a TaskGroup) holding every error of its children. Lua has no " ..
      "except*: catch it with pcall, test it with asyncio.ExceptionGroup:is(e) and go through " ..
      "e.exceptions. An Exception.",
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
    name = "OSError",
    kind = "error",
    sig = "asyncio.OSError([message]) -> OSError",
    text = "The error of failures reported by the operating system. The I/O parts of asyncio " ..
      "(streams, subprocesses) are not built yet, so nothing in luasync raises it today; it is " ..
      "there for your code. An Exception.",
    example = 'print(asyncio.OSError("connection refused"), asyncio.Exception:is(asyncio.OSError()))',
    python = 'raise OSError("connection refused")',
    see = "Errors",
  },

  -- Methods, by class: help(t.cancel), help("Task.cancel"). A method that
  -- Task inherits from Future has one entry, under Future.
  {
    name = "Future.result",
    sig = "f:result() -> ...",
    text = "The values a done future (or task) finished with, all of them. It raises the error " ..
      "the future failed with, CancelledError if it was cancelled, and InvalidStateError: Result " ..
      "is not set. while it is pending. It never waits: await(f) is the form that waits.",
    example = 'local t = asyncio.create_task(asyncio.sleep(1, "a", "b")); print(pcall(t.result, t)); await(t); print(t:result())',
    python = "print(t.result())",
    see = "Future",
  },
  {
    name = "Future.exception",
    sig = "f:exception() -> error or nil",
    text = "The error a done future (or task) failed with, or nil if it finished normally; asking " ..
      "counts as retrieving it, so no never retrieved report follows. It raises CancelledError " ..
      "if the future was cancelled and InvalidStateError: Exception is not set. while it is " ..
      "pending.",
    example = 'local t = asyncio.spawn(function() error(asyncio.ValueError("bad")) end); await(asyncio.wait({t})); print(t:exception())',
    python = "print(t.exception())",
    see = "Future",
  },
  {
    name = "Future.done",
    sig = "f:done() -> boolean",
    text = "True once the future (or task) is finished: it has its values, failed with an error, " ..
      "or was cancelled. A task is done when its function returned, raised or was cancelled. It " ..
      "never waits.",
    example = "local t = asyncio.create_task(asyncio.sleep(1)); print(t:done()); await(t); print(t:done())",
    python = "print(t.done())",
    see = "Future",
  },
  {
    name = "Future.cancelled",
    sig = "f:cancelled() -> boolean",
    text = "True if the future (or task) ended cancelled: f:cancel() on a future, or a task that " ..
      "let its CancelledError propagate. A task that caught the cancellation and went on is not " ..
      "cancelled.",
    example = "local t = asyncio.create_task(asyncio.sleep(10)); t:cancel(); pcall(await, t); print(t:cancelled(), t:done())",
    python = "print(t.cancelled())",
    see = "Future",
  },
  {
    name = "Future.cancel",
    sig = "f:cancel([msg]) -> boolean",
    text = "Cancels a pending future at once: it becomes done and cancelled, its callbacks are " ..
      "scheduled, and awaiting it or f:result() raises CancelledError(msg). Returns false, " ..
      "changing nothing, if it was already done. A task's cancel is a request: see " ..
      "help(\"Task.cancel\").",
    example = 'local f = asyncio.Future(); print(f:cancel("stop"), f:cancelled(), pcall(await, f))',
    python = 'f.cancel("stop")',
    see = "Future",
  },
  {
    name = "Future.set_result",
    sig = "f:set_result(...) -> nothing",
    text = "Finishes a pending future with these values (all of them: Python keeps one); whoever " ..
      "awaits it gets them. On a future that is already done it raises InvalidStateError: " ..
      "invalid state. Tasks refuse it.",
    example = "local f = asyncio.Future(); f:set_result(1, 2); print(await(f)); print(pcall(f.set_result, f, 3))",
    python = "f.set_result(1)",
    see = "Future",
  },
  {
    name = "Future.set_exception",
    sig = "f:set_exception(err) -> nothing",
    text = "Finishes a pending future with an error: awaiting it or f:result() raises err. On a " ..
      "future that is already done it raises InvalidStateError: invalid state. An error that " ..
      "nobody retrieves is reported when the future is collected. Tasks refuse it.",
    example = 'local f = asyncio.Future(); f:set_exception(asyncio.ValueError("nope")); print(pcall(await, f))',
    python = 'f.set_exception(ValueError("nope"))',
    see = "Future",
  },
  {
    name = "Future.add_done_callback",
    sig = "f:add_done_callback(fn) -> nothing",
    text = "Calls fn(f) once the future (or task) is done, on a later loop iteration, in the order " ..
      "the callbacks were added; if it is already done, fn is scheduled at once. fn is a plain " ..
      "function: it cannot await, and its errors are reported without stopping the loop.",
    example = 'local t = asyncio.create_task(asyncio.sleep(1, 42)); t:add_done_callback(function(x) print("done:", x:result()) end); await(asyncio.sleep(2))',
    python = 't.add_done_callback(lambda x: print("done:", x.result()))',
    see = "Future",
  },
  {
    name = "Future.remove_done_callback",
    sig = "f:remove_done_callback(fn) -> number removed",
    text = "Removes every registration of fn from the future's (or task's) done callbacks and " ..
      "returns how many there were.",
    example = "local f = asyncio.Future(); f:add_done_callback(print); f:add_done_callback(print); print(f:remove_done_callback(print))",
    python = "print(f.remove_done_callback(print))",
    see = "Future",
  },
  {
    name = "Future.get_loop",
    sig = "f:get_loop() -> loop",
    text = "The loop the future (or task) belongs to: there is one per Lua state, the one " ..
      "asyncio.get_running_loop() returns.",
    example = "local f = asyncio.Future(); print(f:get_loop() == asyncio.get_running_loop())",
    python = "print(f.get_loop() is asyncio.get_running_loop())",
    see = "Future",
  },
  {
    name = "Task.cancel",
    sig = "t:cancel([msg]) -> boolean",
    text = "Asks the task to stop: CancelledError(msg) is raised at its pending await (or its " ..
      "next one, if it is running or has not started). If the task lets it propagate, it ends " ..
      "cancelled and awaiting it raises CancelledError; it may also catch it (pcall) and go on. " ..
      "Returns false if the task is already done. Each call adds one to t:cancelling().",
    example = 'local t = asyncio.create_task(asyncio.sleep(10)); await(asyncio.sleep(1)); print(t:cancel("enough"), pcall(await, t)); print(t:cancelled(), t:cancel())',
    python = 't.cancel("enough")',
    see = "Cancellation",
  },
  {
    name = "Task.cancelling",
    sig = "t:cancelling() -> number",
    text = "How many cancellation requests (t:cancel() calls) the task has that t:uncancel() did " ..
      "not take back. asyncio.timeout, wait_for and TaskGroup use it to tell their own " ..
      "cancellation from one that came from outside.",
    example = "local t = asyncio.create_task(asyncio.sleep(10)); t:cancel(); t:cancel(); print(t:cancelling()); pcall(await, t)",
    python = "print(t.cancelling())",
    see = "Cancellation",
  },
  {
    name = "Task.uncancel",
    sig = "t:uncancel() -> number",
    text = "Takes back one cancellation request and returns how many are left. A task that caught " ..
      "its CancelledError and uncancels itself down to 0 carries on as if it had not been " ..
      "cancelled.",
    example = 'local t = asyncio.spawn(function() pcall(await, asyncio.sleep(10)); print(asyncio.current_task():uncancel()); return "carried on" end); await(asyncio.sleep(1)); t:cancel(); print(await(t))',
    python = "asyncio.current_task().uncancel()",
    see = "Cancellation",
  },
  {
    name = "Task.get_name",
    sig = "t:get_name() -> string",
    text = "The task's name: the one given with {name = ...} or set with t:set_name, else " ..
      "Task-1, Task-2, ... in creation order (a script's main task is Task-1).",
    example = 'local t = asyncio.create_task(asyncio.sleep(1), {name = "sleeper"}); print(t:get_name(), asyncio.current_task():get_name()); await(t)',
    python = "print(t.get_name())",
    see = "Task methods",
  },
  {
    name = "Task.set_name",
    sig = "t:set_name(name) -> nothing",
    text = "Renames the task (the name is converted with tostring). The name appears in " ..
      "tostring(t), tracebacks and the REPL's tasks() list.",
    example = 'local t = asyncio.create_task(asyncio.sleep(1)); t:set_name("renamed"); print(t:get_name()); await(t)',
    python = 't.set_name("renamed")',
    see = "Task methods",
  },
  {
    name = "Task.get_coro",
    sig = "t:get_coro() -> coroutine object or function",
    text = "What the task runs: the coroutine object given to create_task, or the one an async " ..
      "function given to spawn or create_task gave back; for a plain function given to them, " ..
      "that function.",
    example = "local c = asyncio.sleep(1); local t = asyncio.create_task(c); print(t:get_coro() == c); await(t)",
    python = "print(t.get_coro())",
    see = "Task methods",
  },
  {
    name = "Task.get_stack",
    sig = "t:get_stack() -> list of strings",
    text = "Where a suspended task is: its frames as \"source:line\" strings, innermost first " ..
      "(Python gives frame objects). Empty for a task that is done or has not started.",
    example = "local t = asyncio.spawn(function() await(asyncio.sleep(1)) end); await(asyncio.sleep(0)); print(t:get_stack()[1]); await(t)",
    python = "print(t.get_stack())",
    see = "Task methods",
  },
  {
    name = "Task.print_stack",
    sig = "t:print_stack() -> nothing",
    text = "Prints Stack for <Task ...> (most recent call first): and the frames of a suspended " ..
      "task on stderr, as a traceback shows them.",
    example = "local t = asyncio.spawn(function() await(asyncio.sleep(1)) end); await(asyncio.sleep(0)); t:print_stack(); await(t)",
    python = "t.print_stack()",
    see = "Task methods",
  },
  {
    name = "Task.set_result",
    sig = "t:set_result(...) -> never returns",
    text = "Refused: a task's values come from its function, so this raises RuntimeError: Task " ..
      "does not support set_result operation, as in Python. Use a Future to set a result by hand.",
    example = "local t = asyncio.create_task(asyncio.sleep(1)); print(pcall(t.set_result, t, 1)); await(t)",
    python = "t.set_result(1)  # RuntimeError",
    see = "Task methods",
  },
  {
    name = "Task.set_exception",
    sig = "t:set_exception(err) -> never returns",
    text = "Refused: a task's error comes from its function, so this raises RuntimeError: Task " ..
      "does not support set_exception operation, as in Python. Use a Future to set an error by " ..
      "hand.",
    example = 'local t = asyncio.create_task(asyncio.sleep(1)); print(pcall(t.set_exception, t, asyncio.ValueError("x"))); await(t)',
    python = 't.set_exception(ValueError("x"))  # RuntimeError',
    see = "Task methods",
  },

  {
    name = "loop.time",
    sig = "loop:time() -> seconds",
    text = "The loop's clock, in seconds: monotonic, with an arbitrary start; under " ..
      "--clock=virtual, the virtual time. Deadlines (loop:call_at, asyncio.timeout_at) are on " ..
      "this clock. time.monotonic() gives the same value.",
    example = 'local loop = asyncio.get_running_loop(); local t0 = loop:time(); await(asyncio.sleep(1.5)); print(("%.1f s"):format(loop:time() - t0))',
    python = "t0 = loop.time()",
    see = "The event loop",
  },
  {
    name = "loop.call_soon",
    sig = "loop:call_soon(fn, ...) -> Handle",
    text = "Runs fn(...) on the next loop iteration, after the callbacks already scheduled (first " ..
      "in, first out). fn is a plain function: it cannot await; an error in it is reported and the " ..
      "loop goes on. h:cancel() on the returned handle stops it.",
    example = 'local loop = asyncio.get_running_loop(); loop:call_soon(print, "second"); print("first"); await(asyncio.sleep(0))',
    python = 'loop.call_soon(print, "second")',
    see = "The event loop",
  },
  {
    name = "loop.call_later",
    sig = "loop:call_later(delay, fn, ...) -> TimerHandle",
    text = "Runs fn(...) delay seconds from now, from the loop: a plain function, not a task, so " ..
      "it cannot await. The handle's h:when() is the loop time it is due, h:cancel() stops it.",
    example = 'local loop = asyncio.get_running_loop(); loop:call_later(1, print, "one second later"); await(asyncio.sleep(2))',
    python = 'loop.call_later(1, print, "one second later")',
    see = "The event loop",
  },
  {
    name = "loop.call_at",
    sig = "loop:call_at(when, fn, ...) -> TimerHandle",
    text = "Runs fn(...) when the loop's clock (loop:time()) reaches when; otherwise the same as " ..
      "loop:call_later.",
    example = 'local loop = asyncio.get_running_loop(); loop:call_at(loop:time() + 2, print, "two seconds later"); await(asyncio.sleep(3))',
    python = 'loop.call_at(loop.time() + 2, print, "two seconds later")',
    see = "The event loop",
  },
  {
    name = "loop.create_future",
    sig = "loop:create_future() -> Future",
    text = "A new pending Future, the same as asyncio.Future(): it waits until something calls " ..
      "its set_result, set_exception or cancel.",
    example = 'local loop = asyncio.get_running_loop(); local f = loop:create_future(); loop:call_later(1, function() f:set_result("ready") end); print(await(f))',
    python = "f = loop.create_future()",
    see = "The event loop",
  },
  {
    name = "loop.create_task",
    sig = 'loop:create_task(coro_or_fn[, {name = "..."}]) -> Task',
    text = "The same as asyncio.create_task: wraps a coroutine object (or a function) in a new " ..
      "task, which starts on a later loop iteration.",
    example = 'local t = asyncio.get_running_loop():create_task(asyncio.sleep(1, "ok"), {name = "via loop"}); print(t:get_name(), await(t))',
    python = 't = loop.create_task(coro(), name="via loop")',
    see = "The event loop",
  },
  {
    name = "loop.get_debug",
    sig = "loop:get_debug() -> boolean",
    text = "The loop's debug flag: false unless loop:set_debug(true) or asyncio.run(coro, {debug = " ..
      "true}) set it.",
    example = "print(asyncio.get_running_loop():get_debug())",
    python = "print(loop.get_debug())",
    see = "The event loop",
  },
  {
    name = "loop.set_debug",
    sig = "loop:set_debug(on) -> nothing",
    text = "Sets the loop's debug flag. In debug mode the check for coroutine objects that are " ..
      "never awaited runs at the end of every task step, not only now and then, and those of " ..
      "Queue:get() and Queue:put() record the line that made them too. The other debug reports " ..
      "(slow callbacks) are not built yet.",
    example = "local loop = asyncio.get_running_loop(); loop:set_debug(true); print(loop:get_debug()); loop:set_debug(false)",
    python = "loop.set_debug(True)",
    see = "The event loop",
  },
  {
    name = "loop.is_running",
    sig = "loop:is_running() -> true",
    text = "Always true: code that can reach the loop runs inside it (scripts and prompt inputs " ..
      "are tasks on the running loop).",
    example = "print(asyncio.get_running_loop():is_running())",
    python = "print(loop.is_running())",
    see = "The event loop",
  },
  {
    name = "loop.is_closed",
    sig = "loop:is_closed() -> false",
    text = "Always false: the loop lives as long as the program and is never closed by user code.",
    example = "print(asyncio.get_running_loop():is_closed())",
    python = "print(loop.is_closed())",
    see = "The event loop",
  },
  {
    name = "Handle.cancel",
    sig = "h:cancel() -> nothing",
    text = "Stops a callback scheduled with loop:call_soon, call_later or call_at from running, " ..
      "if it has not run yet. Cancelling twice does nothing more.",
    example = 'local h = asyncio.get_running_loop():call_later(1, print, "never printed"); h:cancel(); await(asyncio.sleep(2)); print(h:cancelled())',
    python = "h.cancel()",
    see = "The event loop",
  },
  {
    name = "Handle.cancelled",
    sig = "h:cancelled() -> boolean",
    text = "True once h:cancel() was called on the handle of a scheduled callback.",
    example = 'local h = asyncio.get_running_loop():call_soon(print, "never printed"); print(h:cancelled()); h:cancel(); print(h:cancelled())',
    python = "print(h.cancelled())",
    see = "The event loop",
  },
  {
    name = "Handle.when",
    sig = "h:when() -> loop time or nil",
    text = "The loop time at which a call_later or call_at callback is due; nil for a call_soon " ..
      "handle (Python's Handle has no when).",
    example = 'local loop = asyncio.get_running_loop(); local h = loop:call_later(5, print, "later"); print(h:when() - loop:time()); h:cancel()',
    python = "print(h.when() - loop.time())",
    see = "The event loop",
  },

  {
    name = "Queue.get",
    sig = "q:get() -> coroutine object giving an item",
    text = "Awaiting it removes and returns an item; while the queue is empty it waits (getters " ..
      "are served first in, first out). After q:shutdown() it raises QueueShutDown once the " ..
      "queue is empty. Write await(q:get()).",
    example = 'local q = asyncio.Queue(); asyncio.get_running_loop():call_later(1, function() q:put_nowait("item") end); print(await(q:get()))',
    python = "item = await q.get()",
    see = "Queue, PriorityQueue, LifoQueue",
  },
  {
    name = "Queue.put",
    sig = "q:put(item) -> coroutine object",
    text = "Awaiting it adds item; while the queue is full (maxsize > 0) it waits for room, " ..
      "putters being served first in, first out. After q:shutdown() it raises QueueShutDown. " ..
      "Write await(q:put(item)).",
    example = 'local q = asyncio.Queue(1); await(q:put("a")); asyncio.spawn(function() await(asyncio.sleep(1)); print("took", q:get_nowait()) end); await(q:put("b")); print(q:qsize())',
    python = 'await q.put("a")',
    see = "Queue, PriorityQueue, LifoQueue",
  },
  {
    name = "Queue.get_nowait",
    sig = "q:get_nowait() -> item",
    text = "Removes and returns an item at once, or raises QueueEmpty if there is none " ..
      "(QueueShutDown after a shutdown that left it empty).",
    example = 'local q = asyncio.Queue(); q:put_nowait("x"); print(q:get_nowait(), pcall(q.get_nowait, q))',
    python = "item = q.get_nowait()",
    see = "Queue, PriorityQueue, LifoQueue",
  },
  {
    name = "Queue.put_nowait",
    sig = "q:put_nowait(item) -> nothing",
    text = "Adds item at once, or raises QueueFull if the queue is full (QueueShutDown after " ..
      "q:shutdown()). A PriorityQueue raises instead of adding an item that does not compare " ..
      "with the others.",
    example = 'local q = asyncio.Queue(1); q:put_nowait("a"); print(pcall(q.put_nowait, q, "b"))',
    python = 'q.put_nowait("a")',
    see = "Queue, PriorityQueue, LifoQueue",
  },
  {
    name = "Queue.qsize",
    sig = "q:qsize() -> number",
    text = "The number of items in the queue now (not counting those taken but not yet marked " ..
      "with task_done).",
    example = "local q = asyncio.Queue(); q:put_nowait(1); q:put_nowait(2); print(q:qsize())",
    python = "print(q.qsize())",
    see = "Queue, PriorityQueue, LifoQueue",
  },
  {
    name = "Queue.empty",
    sig = "q:empty() -> boolean",
    text = "True if the queue holds no item, so that get_nowait would raise QueueEmpty.",
    example = "local q = asyncio.Queue(); print(q:empty()); q:put_nowait(1); print(q:empty())",
    python = "print(q.empty())",
    see = "Queue, PriorityQueue, LifoQueue",
  },
  {
    name = "Queue.full",
    sig = "q:full() -> boolean",
    text = "True if the queue holds maxsize items, so that put_nowait would raise QueueFull. A " ..
      "queue with maxsize 0 is never full.",
    example = "local q = asyncio.Queue(1); print(q:full()); q:put_nowait(1); print(q:full())",
    python = "print(q.full())",
    see = "Queue, PriorityQueue, LifoQueue",
  },
  {
    name = "Queue.task_done",
    sig = "q:task_done() -> nothing",
    text = "Marks one item taken from the queue as processed. When every item put has been " ..
      "marked, the tasks waiting in await(q:join()) go on. More calls than items put raise " ..
      "ValueError: task_done() called too many times.",
    example = 'local q = asyncio.Queue(); q:put_nowait("job"); q:get_nowait(); q:task_done(); print(pcall(q.task_done, q))',
    python = "q.task_done()",
    see = "Queue, PriorityQueue, LifoQueue",
  },
  {
    name = "Queue.join",
    sig = "q:join() -> coroutine object",
    text = "Awaiting it waits until every item put into the queue was taken and marked with " ..
      "q:task_done(); it returns at once if none is left. Write await(q:join()).",
    example = 'local q = asyncio.Queue(); for i = 1, 3 do q:put_nowait(i) end; asyncio.spawn(function() while not q:empty() do q:get_nowait(); await(asyncio.sleep(1)); q:task_done() end end); await(q:join()); print("all done")',
    python = "await q.join()",
    see = "Queue, PriorityQueue, LifoQueue",
  },
  {
    name = "Queue.shutdown",
    sig = "q:shutdown([immediate]) -> nothing",
    text = "Closes the queue: put and put_nowait raise QueueShutDown from now on, and get and " ..
      "get_nowait too once the queue is empty. q:shutdown(true) also drops the items left " ..
      "(marking them done), so gets raise at once. Tasks blocked in put or get wake up to raise.",
    example = "local q = asyncio.Queue(); q:put_nowait(1); q:shutdown(); print(pcall(q.put_nowait, q, 2)); print(await(q:get()), pcall(await, q:get()))",
    python = "q.shutdown()",
    see = "Queue, PriorityQueue, LifoQueue",
  },

  {
    name = "Lock.acquire",
    sig = "lock:acquire() -> coroutine object giving a guard",
    text = "Awaiting it waits until the lock is free, takes it and returns a guard whose closing " ..
      "releases it: local _ <close> = await(lock:acquire()) holds the lock to the end of the " ..
      "block, as Python's async with lock. A free lock is taken without waiting.",
    example = "local lock = asyncio.Lock(); do local _ <close> = await(lock:acquire()); print(lock:locked()) end; print(lock:locked())",
    python = "async with lock: print(lock.locked())",
    see = "Lock, Event, Condition",
  },
  {
    name = "Lock.release",
    sig = "lock:release() -> nothing",
    text = "Releases the lock by hand and hands it to the first waiting task, if any. Releasing " ..
      "a lock that is not held raises RuntimeError: Lock is not acquired.",
    example = "local lock = asyncio.Lock(); await(lock:acquire()); lock:release(); print(lock:locked(), pcall(lock.release, lock))",
    python = "lock.release()",
    see = "Lock, Event, Condition",
  },
  {
    name = "Lock.locked",
    sig = "lock:locked() -> boolean",
    text = "True while some task holds the lock: an acquire would then wait.",
    example = "local lock = asyncio.Lock(); print(lock:locked()); await(lock:acquire()); print(lock:locked()); lock:release()",
    python = "print(lock.locked())",
    see = "Lock, Event, Condition",
  },
  {
    name = "Event.wait",
    sig = "ev:wait() -> coroutine object giving true",
    text = "Awaiting it waits until the event is set, then returns true; if the event is already " ..
      "set it returns at once. Write await(ev:wait()).",
    example = "local ev = asyncio.Event(); asyncio.get_running_loop():call_later(1, function() ev:set() end); print(await(ev:wait()))",
    python = "await ev.wait()",
    see = "Lock, Event, Condition",
  },
  {
    name = "Event.set",
    sig = "ev:set() -> nothing",
    text = "Sets the event and wakes every task waiting in ev:wait(); later waits return at once " ..
      "until ev:clear().",
    example = 'local ev = asyncio.Event(); local ts = {asyncio.spawn(function() await(ev:wait()); print("a goes") end), asyncio.spawn(function() await(ev:wait()); print("b goes") end)}; await(asyncio.sleep(1)); ev:set(); await(asyncio.gather(table.unpack(ts)))',
    python = "ev.set()",
    see = "Lock, Event, Condition",
  },
  {
    name = "Event.clear",
    sig = "ev:clear() -> nothing",
    text = "Unsets the event: tasks that call ev:wait() from now on wait for the next ev:set().",
    example = "local ev = asyncio.Event(); ev:set(); ev:clear(); print(ev:is_set())",
    python = "ev.clear()",
    see = "Lock, Event, Condition",
  },
  {
    name = "Event.is_set",
    sig = "ev:is_set() -> boolean",
    text = "True while the event is set, that is, while ev:wait() returns without waiting.",
    example = "local ev = asyncio.Event(); print(ev:is_set()); ev:set(); print(ev:is_set())",
    python = "print(ev.is_set())",
    see = "Lock, Event, Condition",
  },
  {
    name = "Condition.acquire",
    sig = "cond:acquire() -> coroutine object giving a guard",
    text = "Takes the condition's lock, as Lock:acquire does: local _ <close> = " ..
      "await(cond:acquire()) holds it to the end of the block. wait, wait_for, notify and " ..
      "notify_all need it held.",
    example = "local cond = asyncio.Condition(); do local _ <close> = await(cond:acquire()); print(cond:locked()) end; print(cond:locked())",
    python = "async with cond: ...",
    see = "Lock, Event, Condition",
  },
  {
    name = "Condition.release",
    sig = "cond:release() -> nothing",
    text = "Releases the condition's lock by hand (RuntimeError: Lock is not acquired. if it is " ..
      "not held).",
    example = "local cond = asyncio.Condition(); await(cond:acquire()); cond:release(); print(cond:locked())",
    python = "cond.release()",
    see = "Lock, Event, Condition",
  },
  {
    name = "Condition.locked",
    sig = "cond:locked() -> boolean",
    text = "True while some task holds the condition's lock.",
    example = "local cond = asyncio.Condition(); print(cond:locked()); await(cond:acquire()); print(cond:locked()); cond:release()",
    python = "print(cond.locked())",
    see = "Lock, Event, Condition",
  },
  {
    name = "Condition.wait",
    sig = "cond:wait() -> coroutine object giving true",
    text = "Awaiting it releases the lock, waits until another task calls notify or notify_all, " ..
      "takes the lock back and returns true. The lock must be held (RuntimeError: cannot wait on " ..
      "un-acquired lock). Check the state again after waking: cond:wait_for does it for you.",
    example = "local cond = asyncio.Condition(); asyncio.spawn(function() await(asyncio.sleep(1)); local _ <close> = await(cond:acquire()); cond:notify() end); do local _ <close> = await(cond:acquire()); print(await(cond:wait())) end",
    python = "async with cond: await cond.wait()",
    see = "Lock, Event, Condition",
  },
  {
    name = "Condition.wait_for",
    sig = "cond:wait_for(predicate) -> coroutine object giving predicate's value",
    text = "Awaiting it calls predicate() and, while it gives a false value, waits to be " ..
      "notified (as cond:wait) and tries again; it returns the predicate's last value. The lock " ..
      "must be held.",
    example = "local cond, ready = asyncio.Condition(), false; asyncio.spawn(function() await(asyncio.sleep(1)); local _ <close> = await(cond:acquire()); ready = true; cond:notify_all() end); do local _ <close> = await(cond:acquire()); print(await(cond:wait_for(function() return ready end))) end",
    python = "async with cond: await cond.wait_for(lambda: ready)",
    see = "Lock, Event, Condition",
  },
  {
    name = "Condition.notify",
    sig = "cond:notify([n]) -> nothing",
    text = "Wakes up to n tasks waiting on the condition (1 by default), first in, first out; " ..
      "they go on once they get the lock back. The lock must be held (RuntimeError: cannot notify " ..
      "on un-acquired lock).",
    example = "local cond = asyncio.Condition(); print(pcall(cond.notify, cond)); await(cond:acquire()); cond:notify(2); cond:release()",
    python = "cond.notify(2)",
    see = "Lock, Event, Condition",
  },
  {
    name = "Condition.notify_all",
    sig = "cond:notify_all() -> nothing",
    text = "Wakes every task waiting on the condition; they go on one by one as each gets the " ..
      "lock back. The lock must be held.",
    example = 'local cond = asyncio.Condition(); local waiter = async(function(n) local _ <close> = await(cond:acquire()); await(cond:wait()); print(n, "woken") end); local ts = {asyncio.create_task(waiter(1)), asyncio.create_task(waiter(2))}; await(asyncio.sleep(1)); do local _ <close> = await(cond:acquire()); cond:notify_all() end; await(asyncio.gather(table.unpack(ts)))',
    python = "async with cond: cond.notify_all()",
    see = "Lock, Event, Condition",
  },
  {
    name = "Semaphore.acquire",
    sig = "sem:acquire() -> coroutine object giving a guard",
    text = "Awaiting it takes a unit, waiting while none is left (first in, first out), and " ..
      "returns a guard that gives the unit back when closed: local _ <close> = " ..
      "await(sem:acquire()).",
    example = "local sem = asyncio.Semaphore(1); do local _ <close> = await(sem:acquire()); print(sem:locked()) end; print(sem:locked())",
    python = "async with sem: print(sem.locked())",
    see = "Semaphore, BoundedSemaphore, Barrier",
  },
  {
    name = "Semaphore.release",
    sig = "sem:release() -> nothing",
    text = "Gives a unit back by hand and wakes the first waiting task, if any. A plain " ..
      "Semaphore may grow beyond its initial value this way; a BoundedSemaphore raises.",
    example = 'local sem = asyncio.Semaphore(0); asyncio.get_running_loop():call_later(1, function() sem:release() end); await(sem:acquire()); print("got a unit")',
    python = "sem.release()",
    see = "Semaphore, BoundedSemaphore, Barrier",
  },
  {
    name = "Semaphore.locked",
    sig = "sem:locked() -> boolean",
    text = "True when an acquire would wait: no unit is left, or other tasks are already waiting.",
    example = "local sem = asyncio.Semaphore(2); await(sem:acquire()); print(sem:locked()); await(sem:acquire()); print(sem:locked())",
    python = "print(sem.locked())",
    see = "Semaphore, BoundedSemaphore, Barrier",
  },
  {
    name = "BoundedSemaphore.release",
    sig = "sem:release() -> nothing",
    text = "Gives a unit back, as Semaphore's release does, but raises ValueError: " ..
      "BoundedSemaphore released too many times if that would take the value above the initial " ..
      "one.",
    example = "local sem = asyncio.BoundedSemaphore(2); await(sem:acquire()); sem:release(); print(pcall(sem.release, sem))",
    python = "sem.release()  # ValueError when released too many times",
    see = "Semaphore, BoundedSemaphore, Barrier",
  },
  {
    name = "Barrier.wait",
    sig = "b:wait() -> coroutine object giving the arrival index",
    text = "Awaiting it waits until parties tasks are waiting on the barrier, then every one goes " ..
      "on with its arrival index (0 for the first, parties - 1 for the last). It raises " ..
      "BrokenBarrierError if the barrier is broken, or is reset or aborted while waiting.",
    example = "local b = asyncio.Barrier(2); local t = asyncio.spawn(function() await(asyncio.sleep(1)); return await(b:wait()) end); print(await(b:wait()), await(t))",
    python = "index = await b.wait()",
    see = "Semaphore, BoundedSemaphore, Barrier",
  },
  {
    name = "Barrier.reset",
    sig = "b:reset() -> coroutine object",
    text = "Awaiting it puts the barrier back in its first state: the tasks waiting on it raise " ..
      "BrokenBarrierError, and a broken barrier can be used again.",
    example = "local b = asyncio.Barrier(2); local t = asyncio.spawn(function() return pcall(await, b:wait()) end); await(asyncio.sleep(1)); await(b:reset()); print(await(t)); print(b.broken)",
    python = "await b.reset()",
    see = "Semaphore, BoundedSemaphore, Barrier",
  },
  {
    name = "Barrier.abort",
    sig = "b:abort() -> coroutine object",
    text = "Awaiting it breaks the barrier: the tasks waiting on it, and every later b:wait(), " ..
      "raise BrokenBarrierError until b:reset().",
    example = "local b = asyncio.Barrier(2); await(b:abort()); print(b.broken, pcall(await, b:wait()))",
    python = "await b.abort()",
    see = "Semaphore, BoundedSemaphore, Barrier",
  },

  {
    name = "TaskGroup.create_task",
    sig = 'tg:create_task(coro_or_fn[, {name = "..."}]) -> Task',
    text = "The same as asyncio.create_task, but the task belongs to the group: the end of the " ..
      "group's <close> block waits for it, and its error cancels the group. It raises " ..
      "RuntimeError once the group is finished or shutting down.",
    example = 'local t; do local tg <close> = asyncio.TaskGroup(); t = tg:create_task(asyncio.sleep(1, "child"), {name = "child"}) end; print(t:get_name(), t:result())',
    python = 't = tg.create_task(asyncio.sleep(1, "child"), name="child")',
    see = "asyncio.TaskGroup",
  },
  {
    name = "TaskGroup.spawn",
    sig = "tg:spawn(fn, ...) -> Task",
    text = "The same as asyncio.spawn (a task that runs fn(...)), but the task belongs to the " ..
      "group, as with tg:create_task.",
    example = "local t; do local tg <close> = asyncio.TaskGroup(); t = tg:spawn(function(a, b) await(asyncio.sleep(1)); return a * b end, 6, 7) end; print(t:result())",
    python = "no equivalent; the nearest is tg.create_task(fn(6, 7)) with an async def fn",
    see = "asyncio.TaskGroup",
  },
  {
    name = "TaskGroup.cancel",
    sig = "tg:cancel() -> nothing",
    text = "Ends the group early: cancels every child still running and the group's block at " ..
      "its next await. No error is collected; the block's CancelledError still leaves the scope " ..
      "(Lua cannot swallow it), with cancelling() back to 0. Python 3.15's TaskGroup.cancel; 3.13 " ..
      "has none.",
    example = "print(pcall(function() local tg <close> = asyncio.TaskGroup(); tg:create_task(asyncio.sleep(10)); asyncio.get_running_loop():call_later(1, function() tg:cancel() end); await(asyncio.sleep(10)) end))",
    python = "tg.cancel()  # Python 3.15",
    see = "asyncio.TaskGroup",
  },
  {
    name = "Timeout.when",
    sig = "cm:when() -> loop time or nil",
    text = "The deadline of a timeout scope, on the loop's clock (loop:time()), or nil if it " ..
      "has none.",
    example = 'do local cm <close> = asyncio.timeout(2); print(("%.1f"):format(cm:when() - asyncio.get_running_loop():time())) end',
    python = "async with asyncio.timeout(2) as cm: print(cm.when() - loop.time())",
    see = "asyncio.timeout and asyncio.timeout_at",
  },
  {
    name = "Timeout.reschedule",
    sig = "cm:reschedule(when) -> nothing",
    text = "Gives the scope a new deadline on the loop's clock, or none with nil. Only while the " ..
      "scope is active and its deadline has not passed: otherwise it raises RuntimeError: Cannot " ..
      "change state of expired Timeout (or of an expiring or finished one).",
    example = "print(pcall(function() local cm <close> = asyncio.timeout(nil); cm:reschedule(asyncio.get_running_loop():time() + 1); await(asyncio.sleep(5)) end))",
    python = "async with asyncio.timeout(None) as cm: cm.reschedule(loop.time() + 1)",
    see = "asyncio.timeout and asyncio.timeout_at",
  },
  {
    name = "Timeout.expired",
    sig = "cm:expired() -> boolean",
    text = "True once the deadline passed and the scope cancelled its task (the block then ends " ..
      "with TimeoutError).",
    example = "local cm; print(pcall(function() local scope <close> = asyncio.timeout(1); cm = scope; await(asyncio.sleep(2)) end)); print(cm:expired())",
    python = "print(cm.expired())",
    see = "asyncio.timeout and asyncio.timeout_at",
  },
  {
    name = "BaseException.is",
    sig = "Class:is(value) -> boolean",
    text = "Python's isinstance for errors: true if value is an error of Class or of one of its " ..
      "subclasses, false for anything else (a string error, nil, a plain table). Every error " ..
      "class has it, those made with subclass too. Use it after pcall to tell errors apart.",
    example = "local ok, e = pcall(await, asyncio.wait_for(asyncio.sleep(5), 1)); print(asyncio.TimeoutError:is(e), asyncio.Exception:is(e), asyncio.ValueError:is(e))",
    python = "isinstance(e, TimeoutError)",
    see = "Errors",
  },
  {
    name = "BaseException.subclass",
    sig = 'Class:subclass(name) -> error class',
    text = "Defines a new error class beneath Class: calling it makes errors (tostring gives " ..
      "\"Name: message\"), its :is tests them, and Class:is accepts them too. It can be " ..
      "subclassed again.",
    example = 'local AppError = asyncio.Exception:subclass("AppError"); local e = AppError("disk full"); print(e, AppError:is(e), asyncio.Exception:is(e))',
    python = "class AppError(Exception): pass",
    see = "Errors",
  },
}
M.entries = entries

-- by_name: "gather", "Queue.get", and the other names of an entry (aliases).
local by_name = {}
for _, e in ipairs(entries) do
  by_name[e.name] = e
  for _, a in ipairs(e.aliases or {}) do by_name[a] = e end
end

-- "Class.method" -> "Class", "method"; nil for a name of the module.
local function split(name)
  return name:match("^([%w_]+)%.([%w_]+)$")
end

local function render(e)
  local cls = split(e.name)
  local name = (e.name == "async" or e.name == "await" or cls) and e.name or ("asyncio." .. e.name)
  return concat({
    e.sig,
    "",
    wrap(e.text),
    "",
    "Example:",
    "  " .. e.example,
    "",
    "Python:",
    "  " .. e.python,
    "",
    "(" .. (e.see or name) .. " in docs/api.md)",
  }, "\n")
end

-- The index of help(asyncio): the module's names by kind, then the methods
-- by class, in the order of the entries.
local KINDS = {
  { "function", "Functions" },
  { "class", "Classes (help(asyncio.Queue), or help(q) for a queue q)" },
  { "constant", "Constants" },
  { "error", "Errors" },
}
local CLASS_LABELS = {
  Future = "Future (tasks have them too)",
  loop = "loop (asyncio.get_running_loop())",
  Handle = "Handle (of loop:call_soon, call_later, call_at)",
  Timeout = "Timeout (of asyncio.timeout, timeout_at)",
  BaseException = "every error class",
}

local function index_text()
  local lines = { "asyncio: the module of luasync's asyncio (also require(\"asyncio\")).", "" }
  for _, kind in ipairs(KINDS) do
    local names = {}
    for _, e in ipairs(entries) do
      if not split(e.name) and e.name ~= "async" and e.name ~= "await" and (e.kind or "function") == kind[1] then
        names[#names + 1] = e.name
        for _, a in ipairs(e.aliases or {}) do names[#names + 1] = a end
      end
    end
    lines[#lines + 1] = kind[2] .. ":"
    lines[#lines + 1] = wrap(concat(names, ", "), "  ")
  end
  lines[#lines + 1] = "Methods (help(\"Task.cancel\"), or help(t.cancel) for a task t):"
  local order, methods = {}, {}
  for _, e in ipairs(entries) do
    local cls, key = split(e.name)
    if cls then
      if not methods[cls] then
        order[#order + 1] = cls
        methods[cls] = {}
      end
      local list = methods[cls]
      list[#list + 1] = key
    end
  end
  for _, cls in ipairs(order) do
    lines[#lines + 1] = wrap((CLASS_LABELS[cls] or cls) .. ": " .. concat(methods[cls], ", "), "  ", "    ")
  end
  lines[#lines + 1] = "And the globals async, await."
  lines[#lines + 1] = ""
  lines[#lines + 1] = "help(asyncio.gather) shows one of them; help() gives a short tour."
  return concat(lines, "\n")
end

-- The class tables whose methods have entries, by the class part of the
-- entries' names. Read at each call, as the runtime's current tables; this
-- loads the modules that asyncio loads at their first use.
local function class_tables()
  local future, task = require "luasync.future", require "luasync.task"
  local queues, locks = require "luasync.queues", require "luasync.locks"
  local loopmod, comb = require "luasync.loop", require "luasync.combinators"
  return {
    Future = future.Future, Task = task.Task,
    Queue = queues.Queue, PriorityQueue = queues.PriorityQueue, LifoQueue = queues.LifoQueue,
    Lock = locks.Lock, Event = locks.Event, Condition = locks.Condition,
    Semaphore = locks.Semaphore, BoundedSemaphore = locks.BoundedSemaphore, Barrier = locks.Barrier,
    TaskGroup = require("luasync.taskgroup").TaskGroup,
    loop = class_of(loopmod.get_running_loop()), Handle = loopmod.Handle, Timeout = comb.Timeout,
    BaseException = require("luasync.errors").BaseException,
  }
end

-- The entry of a class table itself, when its name is not the class's:
-- help(loop) and help(cm) show how to get one.
local CLASS_ENTRY = { loop = "get_running_loop", Timeout = "timeout" }

-- Other spellings of a class in a name: the ones the signatures use
-- (help("q:get")), and the classes' own names.
local CLASS_ALIASES = {
  t = "Task", f = "Future", q = "Queue", tg = "TaskGroup", cm = "Timeout", h = "Handle",
  lock = "Lock", ev = "Event", cond = "Condition", sem = "Semaphore", b = "Barrier",
  Loop = "loop", EventLoop = "loop", TimerHandle = "Handle", Class = "BaseException",
}

-- value -> entry, built at each call from the runtime's current functions
-- and classes (require "asyncio" works once the runtime has started).
local function lookup()
  local asyncio = loaded.asyncio or require("luasync.asyncio")
  local task = require("luasync.task")
  local classes = class_tables()
  local map = { [task.async] = by_name.async, [task.await] = by_name.await }
  local function add(v, e)
    if v ~= nil and map[v] == nil then map[v] = e end
  end
  for _, e in ipairs(entries) do
    local cname, key = split(e.name)
    if cname then
      -- A method: through the class, so an inherited one is found too.
      local cls = classes[cname]
      if cls then add(cls[key], e) end
    else
      add(rawget(asyncio, e.name), e)
      for _, a in ipairs(e.aliases or {}) do add(rawget(asyncio, a), e) end
    end
  end
  -- The class tables behind the constructors: an object's metatable.
  for cname, cls in pairs(classes) do add(cls, by_name[CLASS_ENTRY[cname] or cname]) end
  return map, asyncio, classes
end

-- The entry for a name: "gather", "asyncio.gather", "Queue.get",
-- "asyncio.Queue.get", "q:get", "PriorityQueue.get" (inherited), "ValueError.is".
local function by_text(s, map, asyncio, classes)
  s = s:match("^asyncio%.(.+)$") or s
  s = (s:gsub(":", "."))
  local e = by_name[s]
  if e then return e end
  local cname, key = split(s)
  if not cname then return nil end
  cname = CLASS_ALIASES[cname] or cname
  local cls = classes[cname]
  if cls == nil then
    cls = rawget(asyncio, cname)  -- asyncio.Task, the error classes
    if type(cls) ~= "table" then return nil end
  end
  local fn = cls[key]
  return fn ~= nil and map[fn] or nil
end

function M.doc(value)
  if value == nil then return nil end
  local map, asyncio, classes = lookup()
  if value == asyncio then return index_text() end
  local e = map[value]
  if e == nil and type(value) == "string" then e = by_text(value, map, asyncio, classes) end
  if e == nil and (type(value) == "table" or type(value) == "userdata") then
    -- An object (a task, a queue, an error): its class's entry, as Python's
    -- help(obj). The only tables in map are classes.
    local mt = class_of(value)
    if type(mt) == "table" then e = map[mt] end
  end
  return e and render(e) or nil
end

local tour = [[
A short tour of asyncio in luasync. Type the lines after "> " at the prompt;
each input runs as a task, so await works directly (no asyncio.run needed).

1. Coroutines: async(fn) makes an async function. Calling one only builds a
   coroutine object; nothing runs until it is awaited.
> local fetch = async(function(x) await(asyncio.sleep(1)); return x * 10 end)
> local c = fetch(1)
> c
> await(c)

2. Tasks: create_task schedules a coroutine to run concurrently, at once;
   spawn does the same for a plain function and its arguments.
> local t = asyncio.create_task(fetch(2))
> local s = asyncio.spawn(function(d) await(asyncio.sleep(d)); return d end, 2)
> t:done(), t:get_name()

3. Await: await(x) waits for a task (or coroutine, or future) and returns
   every value it returned, or raises its error.
> await(t), await(s)

4. Gather: runs several awaitables at once; the results come back as a list
   (with .n) in the order given. This takes 1 s, not 3 s:
> await(asyncio.gather(fetch(3), fetch(4), asyncio.sleep(1, "slept")))

5. Cancel: task:cancel(msg) makes the task's pending await raise
   CancelledError. pcall catches it like any error: re-raise it with
   error(e, 0) when you catch it inside a task that should stop.
> local long = asyncio.create_task(asyncio.sleep(3600))
> long:cancel("enough")
> pcall(await, long)

6. Timeout: wait_for gives up after a delay with TimeoutError; a timeout
   scope is Python's "async with asyncio.timeout(1):" as a <close> variable.
> local slow = async(function() await(asyncio.sleep(10)); return "late" end)
> pcall(await, asyncio.wait_for(slow(), 1))
> pcall(function() local _ <close> = asyncio.timeout(1); await(slow()) end)

help(asyncio.gather) documents any asyncio function (and async, await);
help(asyncio) lists them. The full reference is docs/api.md.]]

function M.tour()
  return tour
end

-- help() -> the tour; help(x) -> the documentation of x, or a short note.
function M.help(...)
  if select("#", ...) == 0 then return tour end
  local value = ...
  local text = M.doc(value)
  if text then return text end
  return "No documentation for " .. require("luasync.pretty").format(value, { depth = 1 }) ..
    ". help() gives a tour; help(asyncio) lists the documented names."
end

return M
