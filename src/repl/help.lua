-- The REPL's help texts (module "luasync.help"):
--   M.tour()            a short guided tour of asyncio in luasync (help())
--   M.doc(value)        the documentation of an asyncio function, of async
--                       or await, found by identity (help(asyncio.gather));
--                       also the asyncio table itself (an index) and a name
--                       ("gather", "asyncio.gather"); nil for anything else
--   M.help([value])     what help(...) at the prompt shows
--   M.entries           the texts as data: {name=, sig=, text=, example=, python=}
-- The texts follow docs/api.md; every example line is one line that a user
-- can type at the prompt (tests/lua/help_texts.lua runs them).
local M = {}

local WIDTH = 78

-- Wraps a paragraph at WIDTH columns, each line prefixed by indent.
local function wrap(text, indent)
  indent = indent or ""
  local lines, line = {}, nil
  for word in text:gmatch("%S+") do
    if line == nil then
      line = indent .. word
    elseif #line + 1 + #word > WIDTH then
      lines[#lines + 1] = line
      line = indent .. word
    else
      line = line .. " " .. word
    end
  end
  lines[#lines + 1] = line
  return table.concat(lines, "\n")
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
}
M.entries = entries

local by_name = {}
for _, e in ipairs(entries) do by_name[e.name] = e end

local function render(e)
  local name = (e.name == "async" or e.name == "await") and e.name or ("asyncio." .. e.name)
  return table.concat({
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
    "(" .. name .. " in docs/api.md)",
  }, "\n")
end

local function index_text()
  local names = {}
  for _, e in ipairs(entries) do
    if e.name ~= "async" and e.name ~= "await" then names[#names + 1] = e.name end
  end
  return table.concat({
    "asyncio: the module of luasync's asyncio (also require(\"asyncio\")).",
    "",
    wrap("Documented here: " .. table.concat(names, ", ") .. "; and the globals async, await."),
    "",
    "help(asyncio.gather) shows one of them; help() gives a short tour.",
  }, "\n")
end

-- value -> entry, built at each call: the runtime's current functions
-- (require "asyncio" works once the runtime has started).
local function lookup()
  local asyncio = package.loaded.asyncio or require("luasync.asyncio")
  local task = require("luasync.task")
  local map = { [task.async] = by_name.async, [task.await] = by_name.await }
  for _, e in ipairs(entries) do
    local v = rawget(asyncio, e.name)
    if v ~= nil and map[v] == nil then map[v] = e end
  end
  return map, asyncio
end

function M.doc(value)
  if value == nil then return nil end
  local map, asyncio = lookup()
  if value == asyncio then return index_text() end
  local e = map[value]
  if e == nil and type(value) == "string" then e = by_name[value:match("^asyncio%.(.+)$") or value] end
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
    ". help() gives a tour; help(asyncio) lists the documented functions."
end

return M
