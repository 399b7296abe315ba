-- The help() entries for the methods of asyncio's classes (help.lua looks
-- them up by the function, or by "Class.method"); the format of
-- help_module.lua.
return {
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
      "scheduled, and awaiting it or f:result() raises CancelledError(msg). Returns false if it " ..
      "was already done (an error it failed with then counts as retrieved, as in Python). A " ..
      "task's cancel is a request: see " ..
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
    text = "Finishes a pending future with an error: awaiting it or f:result() raises err (any " ..
      "value but nil: TypeError: invalid exception object). On a " ..
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
      "Returns false if the task is already done (an error it failed with then counts as " ..
      "retrieved: it is not reported). Each call adds one to t:cancelling().",
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
    sig = "t:get_stack([limit | {limit=}]) -> list of strings",
    text = "The task's frames as \"source:line\" strings, innermost first (Python gives frame " ..
      "objects): where a pending task is (one not started: the line its function starts on); " ..
      "for a task that failed, its error's traceback; none for a task done otherwise. limit (or " ..
      "{limit = n}) keeps at most n: the newest of a stack, the oldest of a traceback.",
    example = "local t = asyncio.spawn(function() await(asyncio.sleep(1)) end); await(asyncio.sleep(0)); print(t:get_stack()[1]); await(t)",
    python = "print(t.get_stack(limit=1))",
    see = "Task methods",
  },
  {
    name = "Task.print_stack",
    sig = "t:print_stack([limit | {limit=, file=}]) -> nothing",
    text = "Prints Stack for <Task ...> (most recent call first): and get_stack's frames as a " ..
      "traceback shows them, on stderr or on file; for a task that failed, Traceback for <Task " ..
      "...>, the frames and the error; No stack for <Task ...> when there are none.",
    example = "local t = asyncio.spawn(function() await(asyncio.sleep(1)) end); await(asyncio.sleep(0)); t:print_stack(); await(t)",
    python = "t.print_stack(limit=1, file=sys.stdout)",
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
    name = "loop.call_soon_threadsafe",
    sig = "loop:call_soon_threadsafe(fn, ...) -> Handle",
    text = "The same as loop:call_soon, in the same order. CPython's is the method another thread " ..
      "calls; a luasync worker thread has a Lua state of its own and cannot reach the loop, so " ..
      "this one is called on the loop's thread, for code that uses the name.",
    example = 'local loop = asyncio.get_running_loop(); loop:call_soon_threadsafe(print, "second"); print("first"); await(asyncio.sleep(0))',
    python = 'loop.call_soon_threadsafe(print, "second")',
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
    name = "loop.add_reader",
    sig = "loop:add_reader(fd, fn, ...) -> nil",
    text = "Runs fn(...) at each loop iteration while descriptor fd is readable, until " ..
      "loop:remove_reader(fd): the bridge to a library that gives a descriptor (luasocket's " ..
      "sock:getfd() after settimeout(0), cqueues' pollfd(), a luaposix pipe), which then runs " ..
      "beside the tasks without polling. fd is an integer or an object with getfd, pollfd or " ..
      "fileno. A second add_reader replaces the first. fn is a plain callback, as call_soon's.",
    example = 'local loop = asyncio.get_running_loop(); print(pcall(loop.add_reader, loop, -1, print))',
    python = "loop.add_reader(sock.fileno(), on_readable)",
    see = "The event loop",
  },
  {
    name = "loop.add_writer",
    sig = "loop:add_writer(fd, fn, ...) -> nil",
    text = "Runs fn(...) at each loop iteration while descriptor fd is writable, until " ..
      "loop:remove_writer(fd); otherwise as loop:add_reader. When a descriptor is both readable " ..
      "and writable in one iteration, its reader runs first.",
    example = 'local loop = asyncio.get_running_loop(); print(pcall(loop.add_writer, loop, "x", print))',
    python = "loop.add_writer(sock.fileno(), on_writable)",
    see = "The event loop",
  },
  {
    name = "loop.remove_reader",
    sig = "loop:remove_reader(fd) -> boolean",
    text = "Stops watching fd for reading: true if a reader was registered, false if not. Remove " ..
      "it before closing the descriptor, as in Python.",
    example = 'print(asyncio.get_running_loop():remove_reader(12345))',
    python = "loop.remove_reader(sock.fileno())",
    see = "The event loop",
  },
  {
    name = "loop.remove_writer",
    sig = "loop:remove_writer(fd) -> boolean",
    text = "Stops watching fd for writing: true if a writer was registered, false if not. The " ..
      "reader, if any, goes on.",
    example = 'print(asyncio.get_running_loop():remove_writer(12345))',
    python = "loop.remove_writer(sock.fileno())",
    see = "The event loop",
  },
  {
    name = "loop.add_signal_handler",
    sig = "loop:add_signal_handler(sig, fn, ...) -> nil",
    text = "Runs fn(...) as a loop callback each time signal sig arrives: a number or a name " ..
      "(\"SIGTERM\", \"TERM\"). One handler per signal; a second add replaces the first. For " ..
      "\"SIGINT\" it replaces Ctrl-C's cancelling until loop:remove_signal_handler. SIGKILL and " ..
      "SIGSTOP cannot be caught (RuntimeError).",
    example = 'local loop = asyncio.get_running_loop(); loop:add_signal_handler("SIGUSR1", print, "got SIGUSR1"); os.execute("kill -USR1 " .. io.open("/proc/self/stat"):read("n")); await(asyncio.sleep(0.1)); loop:remove_signal_handler("SIGUSR1")',
    python = "loop.add_signal_handler(signal.SIGTERM, stop)",
    see = "The event loop",
  },
  {
    name = "loop.remove_signal_handler",
    sig = "loop:remove_signal_handler(sig) -> boolean",
    text = "Removes the handler of sig: true if there was one. The signal gets its usual " ..
      "action back (Ctrl-C cancels the main task again).",
    example = 'print(asyncio.get_running_loop():remove_signal_handler("SIGUSR2"))',
    python = "loop.remove_signal_handler(signal.SIGTERM)",
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
    text = "Turns asyncio's debug mode on or off (also luasync --debug, LUASYNC_DEBUG=1). A step " ..
      "or callback that runs longer than loop.slow_callback_duration (0.1 s) is reported " ..
      "(Executing <Task ...> took 3.000 seconds), naming the blocking call behind it when it " ..
      "is time.sleep, io.read, os.execute or a file read; tasks and futures show where they were " ..
      "created; never-awaited coroutine objects are looked for at the end of every step.",
    example = "local loop = asyncio.get_running_loop(); loop:set_debug(true); print(loop:get_debug()); loop:set_debug(false)",
    python = "loop.set_debug(True)",
    see = "The event loop",
  },
  {
    name = "loop.set_exception_handler",
    sig = "loop:set_exception_handler(handler or nil) -> nothing",
    text = "Sets what is told of the errors nobody else sees: a callback's (Exception in callback " ..
      "...), a task's or future's never retrieved, one at asyncio.run()'s shutdown. handler(loop, " ..
      "context) gets a table with message, exception and the handle, future or task; nil puts " ..
      "back the default report (loop:default_exception_handler). An error in the handler is " ..
      "reported, never raised.",
    example = 'local loop = asyncio.get_running_loop(); loop:set_exception_handler(function(l, ctx) print("caught:", ctx.message) end); loop:call_soon(function() error("boom") end); await(asyncio.sleep(0)); loop:set_exception_handler(nil)',
    python = "loop.set_exception_handler(lambda loop, ctx: print('caught:', ctx['message']))",
    see = "The event loop",
  },
  {
    name = "loop.get_exception_handler",
    sig = "loop:get_exception_handler() -> handler or nil",
    text = "The handler loop:set_exception_handler set, or nil when the default report is in use.",
    example = "print(asyncio.get_running_loop():get_exception_handler())",
    python = "print(loop.get_exception_handler())",
    see = "The event loop",
  },
  {
    name = "loop.default_exception_handler",
    sig = "loop:default_exception_handler(context) -> nothing",
    text = "The default report on stderr: the context's message, a line key: value for each other " ..
      "key in sorted order, then the exception with its traceback. A handler can call it to add " ..
      "to the default rather than replace it.",
    example = 'asyncio.get_running_loop():default_exception_handler({ message = "something odd", detail = 42 })',
    python = "loop.default_exception_handler({'message': 'something odd', 'detail': 42})",
    see = "The event loop",
  },
  {
    name = "loop.call_exception_handler",
    sig = "loop:call_exception_handler(context) -> nothing",
    text = "Tells the handler set (or the default one) of context, as the runtime does for the " ..
      "errors it cannot raise anywhere: for a library that has such errors of its own.",
    example = 'asyncio.get_running_loop():call_exception_handler({ message = "lost a message", exception = asyncio.ValueError("x") })',
    python = "loop.call_exception_handler({'message': 'lost a message', 'exception': ValueError('x')})",
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
    sig = "q:shutdown([immediate | {immediate = bool}]) -> nothing",
    text = "Closes the queue: put and put_nowait raise QueueShutDown from now on, and get and " ..
      "get_nowait too once the queue is empty. q:shutdown(true) also drops the items left " ..
      "(marking them done), so gets raise at once. Tasks blocked in put or get wake up to raise. " ..
      "immediate is a boolean or nil, or Python's keyword as a table: q:shutdown({immediate = false}).",
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

  -- StreamReader
  {
    name = "StreamReader.read",
    sig = "r:read([n]) -> coroutine object giving bytes",
    text = "Awaiting it gives up to n bytes as soon as some are there, waiting while the buffer " ..
      "is empty; without n (or with n < 0), everything up to the end of the stream. \"\" at " ..
      "the end, as Python's b'', but \"\" is true in Lua: a loop stops with " ..
      "`if data == \"\" then break end`, not `if not data`. Write await(r:read(100)).",
    example = 'local r = asyncio.StreamReader(); r:feed_data("abcdef"); print(await(r:read(4)), await(r:read(4)))',
    python = "data = await reader.read(100)",
    see = "Streams",
  },
  {
    name = "StreamReader.readline",
    sig = "r:readline() -> coroutine object giving a line",
    text = "Awaiting it gives the next line with its \"\\n\"; the last one without it if the " ..
      "stream ends without a newline, then \"\" (true in Lua: test line == \"\"). A line " ..
      "longer than the limit raises " ..
      "ValueError (and is dropped).",
    example = 'local r = asyncio.StreamReader(); r:feed_data("one\\ntwo"); r:feed_eof(); print(await(r:readline()), await(r:readline()))',
    python = "line = await reader.readline()",
    see = "Streams",
  },
  {
    name = "StreamReader.readuntil",
    sig = 'r:readuntil([sep]) -> coroutine object giving bytes',
    text = "Awaiting it gives the data up to and with the separator (\"\\n\" by default). At the " ..
      "end of the stream it raises IncompleteReadError with what was left in e.partial; beyond " ..
      "the limit, LimitOverrunError.",
    example = 'local r = asyncio.StreamReader(); r:feed_data("key=value;rest"); print(await(r:readuntil(";")))',
    python = 'data = await reader.readuntil(b";")',
    see = "Streams",
  },
  {
    name = "StreamReader.readexactly",
    sig = "r:readexactly(n) -> coroutine object giving n bytes",
    text = "Awaiting it gives exactly n bytes, waiting until they are all there. If the stream " ..
      "ends first it raises IncompleteReadError (e.partial, e.expected).",
    example = 'local r = asyncio.StreamReader(); r:feed_data("\\0\\5hello"); local head = await(r:readexactly(2)); print(#head, await(r:readexactly(5)))',
    python = "header = await reader.readexactly(2)",
    see = "Streams",
  },
  {
    name = "StreamReader.lines",
    sig = 'r:lines(["l" | "L"]) -> iterator, for line in r:lines() do',
    text = "Python's async for line in reader, inside a task: each turn awaits the next line, " ..
      "and the loop ends at the end of the stream. As Lua's file:lines(), \"l\" (the default) " ..
      "drops the \"\\n\", \"L\" keeps it.",
    example = 'local r = asyncio.StreamReader(); r:feed_data("a\\nb\\n"); r:feed_eof(); for line in r:lines() do print(line) end',
    python = "async for line in reader: print(line)",
    see = "Streams",
  },
  {
    name = "StreamReader.at_eof",
    sig = "r:at_eof() -> boolean",
    text = "True once the stream ended (feed_eof) and the buffer is empty: nothing more will " ..
      "come. It never waits.",
    example = 'local r = asyncio.StreamReader(); r:feed_data("x"); r:feed_eof(); print(r:at_eof(), await(r:read()), r:at_eof())',
    python = "print(reader.at_eof())",
    see = "Streams",
  },
  {
    name = "StreamReader.feed_data",
    sig = "r:feed_data(bytes) -> nil",
    text = "What a source calls with the bytes it received: they join the buffer and wake the " ..
      "task waiting to read. Above twice the limit the source is asked to pause. RuntimeError " ..
      "after feed_eof.",
    example = 'local r = asyncio.StreamReader(); asyncio.get_running_loop():call_later(1, r.feed_data, r, "late"); print(await(r:read(10)))',
    python = 'reader.feed_data(b"late")',
    see = "Streams",
  },
  {
    name = "StreamReader.feed_eof",
    sig = "r:feed_eof() -> nil",
    text = "What a source calls at the end of its stream: readers get what is left, then \"\" " ..
      "(readexactly and readuntil raise IncompleteReadError).",
    example = 'local r = asyncio.StreamReader(); r:feed_eof(); print(await(r:read()) == "", r:at_eof())',
    python = "reader.feed_eof()",
    see = "Streams",
  },
  {
    name = "StreamReader.exception",
    sig = "r:exception() -> error or nil",
    text = "The error a source set with set_exception, or nil. It never waits.",
    example = 'local r = asyncio.StreamReader(); r:set_exception(asyncio.OSError("lost")); print(r:exception())',
    python = "print(reader.exception())",
    see = "Streams",
  },
  {
    name = "StreamReader.set_exception",
    sig = "r:set_exception(err) -> nil",
    text = "What a source calls when its stream broke: the waiting read and every later one " ..
      "raise err.",
    example = 'local r = asyncio.StreamReader(); r:set_exception(asyncio.ConnectionResetError("reset")); print(pcall(await, r:read(1)))',
    python = 'reader.set_exception(ConnectionResetError("reset"))',
    see = "Streams",
  },
  {
    name = "StreamReader.set_transport",
    sig = "r:set_transport(t) -> nil",
    text = "Gives the reader its source's flow control: a table with pause_reading() and " ..
      "resume_reading(), which the reader calls when its buffer passes twice its limit and " ..
      "when it is read back below the limit. Once per reader.",
    example = 'local r = asyncio.StreamReader{limit = 2}; r:set_transport{pause_reading = function() print("pause") end, resume_reading = function() print("resume") end}; r:feed_data("abcde"); print(await(r:read(4)))',
    python = "reader.set_transport(transport)",
    see = "Streams",
  },

  -- StreamWriter
  {
    name = "StreamWriter.write",
    sig = "w:write(bytes, ...) -> nil",
    text = "Queues bytes to send (several strings one after another, as Lua's file:write); it never waits. Follow it with await(w:drain()) so a fast " ..
      "writer waits for a slow reader. After the connection is lost it does nothing (drain " ..
      "reports the loss); after write_eof it raises RuntimeError (a child's stdin: write_eof " ..
      "closes it, and writes after it do nothing).",
    example = 'local server <close> = await(asyncio.start_server(function(r, w) w:write("a"); w:write("b\\n"); w:close() end, "127.0.0.1", 0)); local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname())); print(await(r:readline())); w:close()',
    python = 'writer.write(b"data")',
    see = "Streams",
  },
  {
    name = "StreamWriter.writelines",
    sig = "w:writelines(list) -> nil",
    text = "Writes each string of the list in turn, as w:write does with each; nothing is " ..
      "added between them (no newlines).",
    example = 'local server <close> = await(asyncio.start_server(function(r, w) w:writelines{"a", "b", "\\n"}; w:close() end, "127.0.0.1", 0)); local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname())); print(await(r:readline())); w:close()',
    python = 'writer.writelines([b"a", b"b"])',
    see = "Streams",
  },
  {
    name = "StreamWriter.drain",
    sig = "w:drain() -> coroutine object",
    text = "Awaiting it waits while more than 64 KiB is queued, until the queue is under 16 " ..
      "KiB; it returns at once otherwise. It raises the error that broke the connection, or " ..
      "ConnectionResetError: Connection lost after close.",
    example = 'local server <close> = await(asyncio.start_server(function(r, w) w:close() end, "127.0.0.1", 0)); local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname())); w:write(string.rep("x", 100000)); await(w:drain()); print("drained"); w:close()',
    python = "await writer.drain()",
    see = "Streams",
  },
  {
    name = "StreamWriter.write_eof",
    sig = "w:write_eof() -> nil",
    text = "Ends what this side sends, after what is queued (the peer reads the end of the " ..
      "stream) while this side can still read: a half-close.",
    example = 'local server <close> = await(asyncio.start_server(function(r, w) w:write(#await(r:read()) .. " bytes\\n"); w:close() end, "127.0.0.1", 0)); local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname())); w:write("hello"); w:write_eof(); print(await(r:readline())); w:close()',
    python = "writer.write_eof()",
    see = "Streams",
  },
  {
    name = "StreamWriter.can_write_eof",
    sig = "w:can_write_eof() -> boolean",
    text = "True: TCP and Unix domain sockets can end what they send while still reading " ..
      "(w:write_eof()).",
    example = 'local server <close> = await(asyncio.start_server(function(r, w) w:close() end, "127.0.0.1", 0)); local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname())); print(w:can_write_eof()); w:close()',
    python = "print(writer.can_write_eof())",
    see = "Streams",
  },
  {
    name = "StreamWriter.close",
    sig = "w:close() -> nil",
    text = "Closes the connection once what was written has gone out; reading stops at once. " ..
      "Follow it with await(w:wait_closed()) to wait until it is closed. local w <close> " ..
      "works too.",
    example = 'local server <close> = await(asyncio.start_server(function(r, w) w:close() end, "127.0.0.1", 0)); local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname())); w:close(); print(w:is_closing()); await(w:wait_closed())',
    python = "writer.close(); await writer.wait_closed()",
    see = "Streams",
  },
  {
    name = "StreamWriter.is_closing",
    sig = "w:is_closing() -> boolean",
    text = "True once w:close() was called or the connection was lost: writes are ignored " ..
      "from then on.",
    example = 'local server <close> = await(asyncio.start_server(function(r, w) w:close() end, "127.0.0.1", 0)); local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname())); print(w:is_closing()); w:close(); print(w:is_closing())',
    python = "print(writer.is_closing())",
    see = "Streams",
  },
  {
    name = "StreamWriter.wait_closed",
    sig = "w:wait_closed() -> coroutine object",
    text = "Awaiting it waits until the connection is closed (after w:close(), or when it " ..
      "was lost). An error that broke the connection is not raised here.",
    example = 'local server <close> = await(asyncio.start_server(function(r, w) w:close() end, "127.0.0.1", 0)); local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname())); w:close(); await(w:wait_closed()); print("closed")',
    python = "await writer.wait_closed()",
    see = "Streams",
  },
  {
    name = "StreamWriter.get_extra_info",
    sig = 'w:get_extra_info(name[, default]) -> value',
    text = "What the connection knows: \"peername\" and \"sockname\" give {host, port} for " ..
      "TCP (the path for a Unix socket); anything else gives default.",
    example = 'local server <close> = await(asyncio.start_server(function(r, w) w:close() end, "127.0.0.1", 0)); local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname())); print(table.unpack(w:get_extra_info("peername"))); w:close()',
    python = 'host, port = writer.get_extra_info("peername")',
    see = "Streams",
  },

  -- Transport (writer.transport)
  {
    name = "Transport.abort",
    sig = "w.transport:abort() -> nil",
    text = "Closes the connection at once, as Python's transport.abort(): what is queued and " ..
      "not yet taken by the system is dropped, this side's reader reads the end, wait_closed " ..
      "returns and a drain that waits returns. The socket closes plainly, as CPython's: the " ..
      "peer reads the end, or ConnectionResetError if bytes were left unread here. Again, or " ..
      "once the connection is lost, it does nothing.",
    example = 'local server <close> = await(asyncio.start_server(function(r, w) w:write("hi"); w.transport:abort() end, "127.0.0.1", 0)); local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname())); print(await(r:read())); w:close()',
    python = "writer.transport.abort()",
    see = "Streams",
  },
  {
    name = "Transport.close",
    sig = "w.transport:close() -> nil",
    text = "The same as w:close(): the connection closes once what was written has gone out. " ..
      "writer.transport is the connection's transport, shared with the writer, for code " ..
      "written against Python's transport API.",
    example = 'local server <close> = await(asyncio.start_server(function(r, w) w.transport:close() end, "127.0.0.1", 0)); local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname())); print(await(r:read()) == ""); w.transport:close(); await(w:wait_closed())',
    python = "writer.transport.close()",
    see = "Streams",
  },
  {
    name = "Transport.is_closing",
    sig = "w.transport:is_closing() -> boolean",
    text = "True once the transport (or its writer) was closed or aborted, or the connection " ..
      "was lost: the same answer as w:is_closing().",
    example = 'local server <close> = await(asyncio.start_server(function(r, w) w:close() end, "127.0.0.1", 0)); local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname())); print(w.transport:is_closing()); w.transport:abort(); print(w.transport:is_closing())',
    python = "print(writer.transport.is_closing())",
    see = "Streams",
  },
  {
    name = "Transport.get_extra_info",
    sig = "w.transport:get_extra_info(name[, default]) -> value",
    text = "The same as w:get_extra_info(name, default): \"peername\" and \"sockname\" give " ..
      "{host, port} for TCP (the path for a Unix socket), known after the connection closes " ..
      "too; anything else (\"socket\" included) gives default.",
    example = 'local server <close> = await(asyncio.start_server(function(r, w) w:close() end, "127.0.0.1", 0)); local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname())); print(table.unpack(w.transport:get_extra_info("peername"))); w:close()',
    python = 'host, port = writer.transport.get_extra_info("peername")',
    see = "Streams",
  },
  {
    name = "Transport.get_write_buffer_size",
    sig = "w.transport:get_write_buffer_size() -> integer",
    text = "The bytes written and not yet taken by the system (a slow peer leaves them here); " ..
      "0 once the transport is closed or aborted. drain() waits while it is over 64 KiB.",
    example = 'local server <close> = await(asyncio.start_server(function(r, w) await(asyncio.sleep(1)); w:close() end, "127.0.0.1", 0)); local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname())); w:write(string.rep("x", 1 << 24)); print(w.transport:get_write_buffer_size() > 0); w.transport:abort(); print(w.transport:get_write_buffer_size())',
    python = "print(writer.transport.get_write_buffer_size())",
    see = "Streams",
  },

  -- Server
  {
    name = "Server.close",
    sig = "server:close() -> nil",
    text = "Stops listening; the connections already made go on. await(server:wait_closed()) " ..
      "then waits until they are done too. `local server <close> = ...` (Python's async with " ..
      "server:) does both when the scope ends.",
    example = 'local server = await(asyncio.start_server(function(r, w) w:close() end, "127.0.0.1", 0)); server:close(); await(server:wait_closed()); print(server:is_serving())',
    python = "server.close(); await server.wait_closed()",
    see = "Streams",
  },
  {
    name = "Server.wait_closed",
    sig = "server:wait_closed() -> coroutine object",
    text = "Awaiting it waits until the server was closed and every connection it accepted " ..
      "is closed.",
    example = 'local server = await(asyncio.start_server(function(r, w) w:close() end, "127.0.0.1", 0)); server:close(); await(server:wait_closed()); print("closed")',
    python = "await server.wait_closed()",
    see = "Streams",
  },
  {
    name = "Server.close_clients",
    sig = "server:close_clients() -> nil",
    text = "Closes every connection the server accepted that is still open, each once what it " ..
      "has queued has gone out, as Python 3.13's. The handlers' tasks go on (their readers " ..
      "read the end, their writes are dropped); the server keeps listening unless closed. " ..
      "After server:close(), it lets await(server:wait_closed()) return.",
    example = 'local server = await(asyncio.start_server(function(r, w) print("handler read", await(r:read()) == "") end, "127.0.0.1", 0)); local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname())); await(asyncio.sleep(0.1)); server:close(); server:close_clients(); await(server:wait_closed()); print("closed"); w:close()',
    python = "server.close(); server.close_clients(); await server.wait_closed()",
    see = "Streams",
  },
  {
    name = "Server.abort_clients",
    sig = "server:abort_clients() -> nil",
    text = "Aborts every connection the server accepted that is still open, as Python 3.13's: " ..
      "each closes at once and drops what it has queued (w.transport:abort()). The " ..
      "handlers' tasks go on; the server keeps listening unless closed.",
    example = 'local server = await(asyncio.start_server(function(r, w) await(r:read()) end, "127.0.0.1", 0)); local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname())); await(asyncio.sleep(0.1)); server:close(); server:abort_clients(); await(server:wait_closed()); print(await(r:read()) == ""); w:close()',
    python = "server.close(); server.abort_clients(); await server.wait_closed()",
    see = "Streams",
  },
  {
    name = "Server.serve_forever",
    sig = "server:serve_forever() -> coroutine object",
    text = "Awaiting it serves until the awaiting task is cancelled (or the server closed); " ..
      "then it closes the server and waits for its connections, as Python's.",
    example = 'local server = await(asyncio.start_server(function(r, w) w:close() end, "127.0.0.1", 0)); print(pcall(await, asyncio.wait_for(server:serve_forever(), 1))); print(server:is_serving())',
    python = "await server.serve_forever()",
    see = "Streams",
  },
  {
    name = "Server.start_serving",
    sig = "server:start_serving() -> coroutine object",
    text = "Starts accepting connections, for a server made with {start_serving = false}, when " ..
      "awaited (as Python's, an async method). Until then its socket is bound but does not " ..
      "listen: a connect is refused (ConnectionRefusedError).",
    example = 'local server <close> = await(asyncio.start_server(function(r, w) w:close() end, "127.0.0.1", 0, {start_serving = false})); print(server:is_serving()); await(server:start_serving()); print(server:is_serving())',
    python = "await server.start_serving()",
    see = "Streams",
  },
  {
    name = "Server.is_serving",
    sig = "server:is_serving() -> boolean",
    text = "True while the server accepts connections: after start_server (or start_serving) " ..
      "and until close.",
    example = 'local server = await(asyncio.start_server(function(r, w) w:close() end, "127.0.0.1", 0)); print(server:is_serving()); server:close(); print(server:is_serving())',
    python = "print(server.is_serving())",
    see = "Streams",
  },
  {
    name = "Server.get_loop",
    sig = "server:get_loop() -> loop",
    text = "The loop the server runs on: the one of asyncio.get_running_loop(), as there is " ..
      "one loop per program.",
    example = 'local server <close> = await(asyncio.start_server(function(r, w) w:close() end, "127.0.0.1", 0)); print(server:get_loop() == asyncio.get_running_loop())',
    python = "loop = server.get_loop()",
    see = "Streams",
  },
  {
    name = "loop.run_until_complete",
    sig = "loop:run_until_complete(aw) -> aw's results",
    text = "The older spelling of asyncio.run(aw), as in asyncio.get_event_loop()" ..
      ":run_until_complete(main()): the loop already runs the script as a task, so this awaits " ..
      "aw there and answers its results.",
    example = 'print(asyncio.get_event_loop():run_until_complete(asyncio.sleep(0.1, "done")))',
    python = "loop.run_until_complete(main())",
    see = "The event loop",
  },
  {
    name = "loop.run_in_executor",
    sig = "loop:run_in_executor(executor or nil, fn, ...) -> Future of fn's results",
    text = "Submits fn(...) to a ThreadPoolExecutor (nil: the default one) at once and answers " ..
      "a Future to await. fn and its arguments are copied into the worker as for " ..
      "asyncio.to_thread; cancelling the Future takes back a job no worker has started.",
    example = 'print(await(asyncio.get_running_loop():run_in_executor(nil, string.upper, "hi")))',
    python = "await loop.run_in_executor(None, str.upper, 'hi')",
    see = "Worker threads",
  },
  {
    name = "loop.set_default_executor",
    sig = "loop:set_default_executor(pool) -> nothing",
    text = "Makes pool (a ThreadPoolExecutor) the one asyncio.to_thread and " ..
      "loop:run_in_executor(nil, ...) use from now on.",
    example = 'local pool = asyncio.ThreadPoolExecutor(2); asyncio.get_running_loop():set_default_executor(pool); print(await(asyncio.to_thread(string.upper, "hi")))',
    python = "loop.set_default_executor(ThreadPoolExecutor(2))",
    see = "Worker threads",
  },
  {
    name = "loop.shutdown_default_executor",
    sig = "loop:shutdown_default_executor([timeout]) -> coroutine object",
    text = "Awaited, waits for the default executor's jobs to end and shuts it down, as " ..
      "asyncio.run does at its end. After timeout seconds it stops waiting with a " ..
      "RuntimeWarning (the jobs run on). A later to_thread makes a new default executor.",
    example = 'local loop = asyncio.get_running_loop(); local f = loop:run_in_executor(nil, string.upper, "hi"); await(loop:shutdown_default_executor()); print(f:result())',
    python = "await loop.shutdown_default_executor()",
    see = "Worker threads",
  },
  {
    name = "loop.getaddrinfo",
    sig = "loop:getaddrinfo(host, port) -> coroutine object giving a list of {host, port, family =}",
    text = "Resolves host without blocking the loop (libuv's resolver threads): each entry is " ..
      "{address, port, family = \"inet\" or \"inet6\"}. An unknown name raises OSError: " ..
      "[Errno -2] Name or service not known.",
    example = 'for _, a in ipairs(await(asyncio.get_running_loop():getaddrinfo("127.0.0.1", 80))) do print(a[1], a[2], a.family) end',
    python = 'infos = await loop.getaddrinfo("example.org", 80)',
    see = "Streams",
  },

  -- ThreadPoolExecutor
  {
    name = "ThreadPoolExecutor.submit",
    sig = "pool:submit(fn, ...) -> Future of fn's results",
    text = "Submits fn(...) to this pool at once, as concurrent.futures' submit, and answers " ..
      "a Future to await: here it is already asyncio's, so asyncio.wrap_future(f) gives it " ..
      "back as it is. fn and its arguments are copied into the worker as for asyncio.to_thread.",
    example = 'local pool <close> = asyncio.ThreadPoolExecutor(2); local f = pool:submit(string.rep, "ab", 3); print(await(f))',
    python = "f = pool.submit(fn, x); result = await asyncio.wrap_future(f)",
    see = "Worker threads",
  },
  {
    name = "ThreadPoolExecutor.shutdown",
    sig = "pool:shutdown([wait[, cancel_futures]])",
    text = "Takes no more jobs. cancel_futures (false by default) cancels the jobs no worker " ..
      "has started; wait (true by default) blocks until the others have ended, as CPython's " ..
      "does -- the loop too, so await the Futures first if other tasks must go on. Ctrl-C " ..
      "ends the wait.",
    example = 'local pool = asyncio.ThreadPoolExecutor(1); local f = asyncio.get_running_loop():run_in_executor(pool, time.sleep, 0.01); pool:shutdown(); print(await(f), pool)',
    python = "pool.shutdown(wait=True, cancel_futures=False)",
    see = "Worker threads",
  },

  -- Process
  {
    name = "Process.wait",
    sig = "p:wait() -> coroutine object giving the returncode",
    text = "Awaiting it gives p.returncode: the exit status, or minus the signal that killed it. " ..
      "Once the exit is known it answers at once; before, it waits until the child exited and " ..
      "its output pipes ended, as Python's. Read a piped stdout meanwhile: a child blocked on a " ..
      "full pipe never exits.",
    example = 'local p = await(asyncio.create_subprocess_exec("sh", "-c", "exit 4")); print(await(p:wait()))',
    python = "code = await p.wait()",
    see = "Subprocesses",
  },
  {
    name = "Process.communicate",
    sig = "p:communicate([input]) -> coroutine object giving stdout, stderr",
    text = "Awaiting it writes input to stdin and closes it (without stdin = PIPE the input " ..
      "is ignored, as CPython's), reads stdout and stderr to their ends at the same time, " ..
      "waits for the exit, and gives what was read (nil for a stream that is not piped).",
    example = 'local p = await(asyncio.create_subprocess_exec("sort", {stdin = asyncio.subprocess.PIPE, stdout = asyncio.subprocess.PIPE})); print(await(p:communicate("b\\na\\n")))',
    python = 'out, err = await p.communicate(b"input")',
    see = "Subprocesses",
  },
  {
    name = "Process.send_signal",
    sig = "p:send_signal(sig) -> nil",
    text = "Sends a signal, by number or name in any case (\"SIGTERM\", \"TERM\", \"sigterm\"). " ..
      "Once the child's exit " ..
      "was taken it raises ProcessLookupError, as Python.",
    example = 'local p = await(asyncio.create_subprocess_exec("sleep", "10")); p:send_signal("SIGINT"); print(await(p:wait()))',
    python = "p.send_signal(signal.SIGINT)",
    see = "Subprocesses",
  },
  {
    name = "Process.terminate",
    sig = "p:terminate() -> nil",
    text = "Sends SIGTERM: the child may clean up and exit; p:wait() then gives -15 if the " ..
      "signal ended it.",
    example = 'local p = await(asyncio.create_subprocess_exec("sleep", "10")); p:terminate(); print(await(p:wait()))',
    python = "p.terminate()",
    see = "Subprocesses",
  },
  {
    name = "Process.kill",
    sig = "p:kill() -> nil",
    text = "Sends SIGKILL, which a child cannot catch; p:wait() then gives -9.",
    example = 'local p = await(asyncio.create_subprocess_exec("sleep", "10")); p:kill(); print(await(p:wait()))',
    python = "p.kill()",
    see = "Subprocesses",
  },

  -- File
  {
    name = "File.read",
    sig = "f:read([n]) -> coroutine object giving bytes",
    text = "Awaiting it gives up to n bytes from the current position, or without n the rest " ..
      "of the file; \"\" at the end (true in Lua: stop with `if data == \"\" then break end`). " ..
      "With an encoding (asyncio.open's opts), n counts characters and the text is UTF-8. " ..
      "Other tasks run while it reads.",
    example = 'local path = os.tmpname(); do local w <close> = await(asyncio.open(path, "w")); await(w:write("one\\ntwo\\n")) end; local f <close> = await(asyncio.open(path)); print(await(f:read(3)), #await(f:read())); os.remove(path)',
    python = "data = await f.read()",
    see = "Files",
  },
  {
    name = "File.readline",
    sig = "f:readline() -> coroutine object giving a line",
    text = "Awaiting it gives the next line with its \"\\n\" (the last one may lack it), " ..
      "then \"\" at the end of the file (true in Lua: test line == \"\").",
    example = 'local path = os.tmpname(); do local w <close> = await(asyncio.open(path, "w")); await(w:write("one\\ntwo\\n")) end; local f <close> = await(asyncio.open(path)); print(await(f:readline()), await(f:readline())); os.remove(path)',
    python = "line = await f.readline()",
    see = "Files",
  },
  {
    name = "File.lines",
    sig = 'f:lines(["l" | "L"]) -> iterator, for line in f:lines() do',
    text = "Python's async for line in f, inside a task: each turn reads the next line; as " ..
      "Lua's file:lines(), \"l\" (the default) drops the \"\\n\", \"L\" keeps it.",
    example = 'local path = os.tmpname(); do local w <close> = await(asyncio.open(path, "w")); await(w:write("one\\ntwo\\n")) end; local f <close> = await(asyncio.open(path)); for line in f:lines() do print(line) end; os.remove(path)',
    python = "async for line in f: print(line)",
    see = "Files",
  },
  {
    name = "File.write",
    sig = "f:write(s, ...) -> coroutine object giving the count written",
    text = "Awaiting it writes s (several strings or numbers one after another, as Lua's file:write) at the current position (at the end in an \"a\" mode) and " ..
      "gives the number of bytes written; a file opened \"r\" raises UnsupportedOperation: " ..
      "not writable.",
    example = 'local path = os.tmpname(); local f <close> = await(asyncio.open(path, "w")); print(await(f:write("hello"))); os.remove(path)',
    python = 'n = await f.write("hello")',
    see = "Files",
  },
  {
    name = "File.seek",
    sig = 'f:seek([whence[, offset]]) -> coroutine object giving the position',
    text = "Moves the position, as Lua's file:seek: whence \"set\" (from the start), \"cur\" " ..
      "(the default) or \"end\", plus offset (0); gives the new position. On a file that " ..
      "cannot seek (a FIFO, a terminal) it raises OSError: [Errno 29] Illegal seek when awaited.",
    example = 'local path = os.tmpname(); do local w <close> = await(asyncio.open(path, "w")); await(w:write("one\\ntwo\\n")) end; local f <close> = await(asyncio.open(path)); print(await(f:seek("set", 4)), await(f:read())); os.remove(path)',
    python = "await f.seek(4)",
    see = "Files",
  },
  {
    name = "File.tell",
    sig = "f:tell() -> position",
    text = "The current position in bytes from the start of the file; it never waits. On a file " ..
      "that cannot seek (a FIFO, a terminal) it raises OSError: [Errno 29] Illegal seek, as Python's.",
    example = 'local path = os.tmpname(); do local w <close> = await(asyncio.open(path, "w")); await(w:write("one\\ntwo\\n")) end; local f <close> = await(asyncio.open(path)); await(f:readline()); print(f:tell()); os.remove(path)',
    python = "pos = await f.tell()",
    see = "Files",
  },
  {
    name = "File.flush",
    sig = "f:flush() -> coroutine object",
    text = "Nothing to do: a File keeps no write buffer, every write reaches the system when " ..
      "its await returns. Kept for code written for aiofiles.",
    example = 'local path = os.tmpname(); local f <close> = await(asyncio.open(path, "w")); await(f:write("x")); await(f:flush()); print("flushed"); os.remove(path)',
    python = "await f.flush()",
    see = "Files",
  },
  {
    name = "File.close",
    sig = "f:close() -> coroutine object",
    text = "Awaiting it closes the file; later reads and writes raise ValueError: I/O " ..
      "operation on closed file when awaited. local f <close> = ... closes it at the end of " ..
      "the block.",
    example = 'local path = os.tmpname(); local f = await(asyncio.open(path, "w")); await(f:close()); print(pcall(await, f:write("x"))); os.remove(path)',
    python = "await f.close()",
    see = "Files",
  },
}
