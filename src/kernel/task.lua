-- Tasks, coroutine objects and await: the Lua half of the kernel.
--
-- A Task drives one Lua coroutine. It is a Future that is PENDING until its
-- body returns (FINISHED with its values), raises (FINISHED with the error) or
-- ends by CancelledError (CANCELLED). Only the driver resumes a task, in its
-- step (step.cpp), from a ready-queue entry; a task suspends only through the
-- wait primitive (wait.hpp, wait.lua): it begins a wait on what it waits on
-- (a Future, an op: a sleep, a Queue.get...), which registers the one waker
-- that may reschedule it, and yields AWAIT.
-- The coroutine (CO) is created at the first step, so a false CO means the
-- task has not started; it is dropped (nil) when the task finishes.
-- A task's fields CO, BODY (what it runs: a function, or a coroutine object)
-- and SEQ (n for Task-<n>, false for a named task), and those it has as a
-- Future (STATE, RESULT, CB), are the slots of its table's array part
-- (future.lua); the rest keep their names.
-- cancel() while suspended aborts the wait (wait.lua) or, when that cannot
-- be done, sets _must_cancel, so the next step raises CancelledError.
-- A pending task is anchored in `live` until it completes.
local errors = require "luasync.errors"
local sched = require "luasync.scheduler"
local future = require "luasync.future"
local std = require("luasync.std")  -- std.stderr: looked up at each call, the unit tests replace it
local report = std.lazy_module("luasync.report")  -- errors and reprs only
local wait = require "luasync.wait"
local core = require "luasync.core"

-- (A task's coroutine, which the program's coroutine.close refuses and its
-- status calls "normal" while it waits: kernel/coroutines.cpp.)
local co_create, co_close = coroutine.create, core.raw_close
local call_soon = sched.call_soon
local select, type, setmetatable, error, pairs, tostring, rawget = select, type, setmetatable, error, pairs, tostring, rawget
local pcall, require, rawequal = pcall, require, rawequal
local getmetatable, new_table = std.class_of, std.new_table
local fn_names, runtime_fns = std.fn_names, std.runtime_fns
local unpack, sort = table.unpack, table.sort
-- (compile-time constants, as future.lua's: one `local <const>` each)
local PENDING <const> = nil
local CANCELLED <const> = "CANCELLED"
local FINISHED <const> = "FINISHED"
assert(future.PENDING == PENDING and future.CANCELLED == CANCELLED and future.FINISHED == FINISHED)
local CancelledError = errors.CancelledError

local M = new_table(0, 40)  -- the 40 fields it gets below (std.new_table): no rehash

-- The halves of this module that most runs never call, each required at
-- its first use (a start pays for every function it loads: bench W6): a
-- task's repr and stack (luasync.task_views), its rare ends
-- (luasync.task_endings: scopes left open, a bad yield, set_result
-- refused, the errors reported at shutdown), a coroutine
-- object closed or used again (luasync.coro_reuse) or never awaited
-- (luasync.never_awaited), an await refused (luasync.await_refusal). They
-- read this module's private state from the kernel's slots (K) or as
-- arguments.
--
-- later(module, name): a stand-in for the function `name` of one of them.
-- It tail-calls it, so the stack levels that function counts (its errors',
-- its frames') are those of the stand-in's caller. One function makes them
-- all: each stand-in costs a start a closure, not a function of its own to
-- load.
local function later(module, name)
  return function(...) return require(module)[name](...) end
end
-- method(module, name): the same for a method a program may call, or give
-- as a task's body (create_task(t.set_result)): not a tail call, so such a
-- task's traceback shows nothing of it (a tail call shows "(...tail
-- calls...)"). Their errors are error objects, or find the user's frame
-- themselves (errors.arg_error): the frame added moves no position.
local function pass(...) return ... end
local function method(module, name)
  return function(...) return pass(require(module)[name](...)) end
end

-- The kernel (C++) runs the plain steps of started tasks and the ops
-- (sleep, Queue get/put); current() is the task whose step runs (or nil),
-- and core.provide gives it the Lua functions it hands every other case to
-- (kernel/boundary.hpp lists them).
local K, current = core.K, core.current_task
local await_op, op_state = core.await, core.op_state
local core_await_future, wait_state, waiter_of = core.await_future, core.wait_state, core.waiter_of
local provide, note_cancel = core.provide, core.note_cancel

-- The yielded marker that tells the driver a task suspended through await.
local AWAIT = setmetatable(core.AWAIT, { __name = "await" })
M.AWAIT = AWAIT
local DONE = {}

local STATE <const> = 1
local RESULT <const> = 2
local CB <const> = 3
local CO <const> = 4
local BODY <const> = 5
local SEQ <const> = 6

-- What a task runs: its function (spawn(fn, ...)), or its coroutine object
-- (create_task(coro)), by BODY's type.
local function fn_of(t)
  local b = t[BODY]
  if type(b) == "function" then return b end
end
local function coro_of(t)
  local b = t[BODY]
  if type(b) ~= "function" then return b end
end

-- The pending tasks (the anchor), in two tables: live[n] is the unnamed task
-- Task-<n> (its SEQ), so the common task costs a slot of an array, not a
-- node of a hash keyed by tables (bench W1, W3); live_named[task] is
-- { b, m } for the m-th task made with a name, made after b unnamed ones,
-- which places it among them (all_tasks lists in creation order).
local live, live_named = K[core.SLOT_LIVE], {}  -- the kernel made live: its upvalue kLive
K[core.SLOT_LIVE_NAMED] = live_named
-- count_task(named) -> n, unnamed: the tasks made so far, named or not
-- (Task-<n>), are counted in the kernel, whose spawn counts too.
local count_task = core.count_task

-- The task is no longer pending.
local function unlive(task)
  local seq = task[SEQ]
  if seq then live[seq] = nil else live_named[task] = nil end
end

M.current = current

---------------------------------------------------------------------------
-- Coroutine objects: what calling an async function returns.
-- {fn=, n=, [1..n]=args, name=, where=, started=}, made by the kernel
-- (coro.cpp); runs at most once. It holds its arguments until it starts
-- (the call owns them then) or is closed. Coroutine objects of library
-- functions carry no name: lib_names[fn] has it.
local Coro = { __name = "coroutine" }
M.Coro = Coro
K[core.SLOT_CORO_MT] = Coro
K[core.SLOT_FN_NAMES] = fn_names
local lib_names = {}
M.lib_names = lib_names

local function coro_name(c)
  local name = rawget(c, "name") or lib_names[c.fn] or report.declared_name(c.fn)
  if name then return name end
  local info = debug.getinfo(c.fn, "S")
  return info.short_src .. ":" .. info.linedefined
end
M.coro_name = coro_name
M.coro_of = coro_of  -- (task_views.lua)

-- A coroutine object has no finalizer of its own (one would cost every
-- object a call and a second collection cycle): one left unstarted when the
-- step that made it ends gets a guard (ops.cpp's settle), whose finalizer
-- runs when the object is garbage, and warns if it never started
-- (never_awaited.lua).
local CoroGuard = { __name = "coroutine guard" }
CoroGuard.__gc = later("luasync.never_awaited", "guard_collected")
K[core.SLOT_CORO_GUARD_MT] = CoroGuard
Coro.__tostring = function(c) return "<coroutine " .. coro_name(c) .. ">" end

-- Reading a name a coroutine object lacks raises AttributeError, as
-- Python's ("'coroutine' object has no attribute 'status'", with the await
-- it lacks): a forgotten await (r = asyncio.http.get(url); r.status) would
-- otherwise read nil and fail later, or never. Its methods (Coro's) read as
-- they are; the fields it holds at some time of its life read as nil
-- (errors.methods_or_raise, which loads luasync.attributes to tell them
-- apart: the runtime reads those it may lack, started, name, origin, raw).
-- The kernel's ops (userdata: asyncio.sleep(1), q:get()) alike: their
-- methods are the __index table the kernel made (open.cpp: close).
Coro.__index = errors.methods_or_raise(Coro, coro_name)
core.OP_MT.__index = errors.methods_or_raise(core.OP_MT.__index, op_state)

-- The coroutine object c will never run (closed, or its task cancelled
-- before its first step): it lets go of its arguments, as one that runs
-- does (the kernel's take_coro_args).
local function drop_args(c)
  c.started = true
  for i = 1, rawget(c, "n") or 0 do c[i] = nil end
end
M.drop_args = drop_args  -- (coro_reuse.lua)

-- c:close(), and an await of a coroutine object that started (the kernel's
-- reuse_error below): coro_reuse.lua.
Coro.close = method("luasync.coro_reuse", "close")

-- make_coro(fn, name, ...): a coroutine object running fn(...).
local make_coro = core.make_coro
M.make_coro = make_coro

-- The functions async() made, by their body: spawn(fn, ...) and
-- create_task(fn) run an async function's coroutine as the task's body.
local async_bodies = setmetatable({}, { __mode = "k" })
K[core.SLOT_ASYNC_BODIES] = async_bodies  -- the kernel's spawn leaves those to spawn_more

-- A callable object (a table or userdata whose metatable has a callable
-- __call: std.is_callable) is a function in Lua's idiom, as call_soon and
-- add_done_callback take it: async and spawn take one as the function that
-- calls it. (A task's body and a coroutine object's fn must be functions:
-- the kernel tells a task's function from its coroutine object by type.)
local is_callable = std.is_callable
local function as_function(obj) return function(...) return obj(...) end end

-- async(fn) -> a function returning a coroutine object named by the name the
-- function is called by. (Entered through a binding, as asyncio's functions
-- are: a bad argument names the line of a tail call, asyncio.lua.)
M.async = core.entry(function(...)
  local fn = ...
  if type(fn) ~= "function" then
    if not is_callable(fn) then errors.bad_argument(1, "async", "function", fn, select("#", ...) > 0) end
    fn = as_function(fn)
  end
  local wrapper = core.async_wrap(fn)  -- coro.cpp
  async_bodies[wrapper] = fn
  return wrapper
end)

-- Is f a function that async() made?
function M.is_async_function(f) return async_bodies[f] ~= nil end

-- The runtime's own functions that give a coroutine object (CPython's async
-- def: asyncio.sleep, q:get, reader:read...), which
-- asyncio.iscoroutinefunction also answers true for. Each module lists its
-- own where it defines them: mark_async(t, name...) adds t[name].
local library_async = {}
function M.mark_async(t, ...)
  for i = 1, select("#", ...) do
    library_async[t[select(i, ...)]] = true  -- (a name t lacks: "index is nil")
  end
end

-- asyncio.iscoroutinefunction's answer: made by async(), or one of the
-- runtime's own (what the loop's callbacks and the worker threads refuse).
function M.is_coroutine_function(f) return async_bodies[f] ~= nil or library_async[f] == true end

-- Coroutine objects are Coro tables, or the kernel's ops (userdata) for
-- sleep and the hot library methods (Queue get/put).
local function is_op(v) return type(v) == "userdata" and op_state(v) ~= nil end

function M.iscoroutine(v) return getmetatable(v) == Coro or is_op(v) end

-- What await() accepts: a coroutine object, a Future or Task, or a value
-- whose metatable has __await.
function M.is_awaitable(v)
  local mt = getmetatable(v)
  if mt == Coro or is_op(v) then return true end
  return type(mt) == "table" and (rawget(mt, "__isfuture") ~= nil or mt.__await ~= nil)
end

-- True for a coroutine object that has not started (nor been closed).
function M.unstarted(v)
  if getmetatable(v) == Coro then return not rawget(v, "started") end
  if type(v) == "userdata" then return op_state(v) == false end
  return false
end

-- close_coro(v): marks a coroutine object as consumed without running it
-- (one that a refused call was given: coro_reuse.lua).
M.close_coro = later("luasync.coro_reuse", "close_coro")

---------------------------------------------------------------------------
-- Task

-- The names the functions below capture most, bound again: making a
-- closure walks the open upvalues from the newest down to each local it
-- captures (lfunc.c's luaF_findupval), and the file's first locals lie under
-- every local function made since. A start makes each of these closures
-- (bench W6: ~1,600 steps of that walk fewer here, ~1,100 at after_resume).
local errors, report, getmetatable, type, error, core, future, rawget, tostring, pairs, select, current, note_cancel, op_state, live, live_named =
  errors, report, getmetatable, type, error, core, future, rawget, tostring, pairs, select, current, note_cancel, op_state, live, live_named

local Task = setmetatable(new_table(0, 24), { __index = future.Future })  -- its ~22 fields
Task.__name, Task.__isfuture = "Task", true
Task.__index = Task
-- A task's class cannot be changed (setmetatable raises "cannot change a
-- protected metatable"), as Python refuses __class__ assignment on a Task:
-- the runtime reads its tasks' fields in places where an error from a
-- replaced __index would have nowhere to go. getmetatable still answers Task.
Task.__metatable = Task
M.Task = Task

local function check_task(t, name)
  if getmetatable(t) ~= Task then
    errors.self_error(name, "Task", "t")
  end
end
M.check_task = check_task  -- (task_views.lua)

-- A string error: what its failed method call was made on, for the hint
-- (luasync.receivers; only while the frames are there).
local function note_receiver(e) require("luasync.receivers").note(e) end

-- Captures where an error was raised, for the report. Runs as the message
-- handler of the task body, so level 2 is the function that raised.
-- The traceback is this task's frames under the one the error brought:
-- - from awaiting a future that failed with it, the traceback that future
--   recorded (the path of the task that failed, "awaited by" this one; or
--   the error's own when it was set), never the error's current one: an
--   error set on several futures, or awaited by several tasks, is raised in
--   each with that task's path only (one Future's exception awaited by
--   three tasks, one lost connection waking three drain() calls);
-- - else the error's own traceback (a CancelledError handed on by the
--   cancelled task it awaited, a worker thread's error, a TimeoutError
--   with the line of its scope, an error raised again).
-- An error object keeps the last one in .traceback; finish gives the task
-- its own (its _tb), which the reports use. A string error is noted for the
-- hints first (note_receiver).
local function msgh(e)
  if type(e) == "string" then pcall(note_receiver, e) end
  local task = current()
  local name = task:get_name()
  local frames = report.frames(nil, 2)
  local from = task._awaited_failure
  local base, awaited
  if from ~= nil and rawequal(from._exception, e) then  -- (raw: no __eq of the user's in a message handler)
    base, awaited = from._tb, true
  elseif errors.is_instance(e) then
    base = rawget(e, "traceback")
    awaited = from ~= nil and from[STATE] == CANCELLED
  end
  local tb
  if base == nil then
    -- (a task that ran no Lua code, create_task(asyncio.sleep(5)), has a
    -- heading and no frames)
    tb = "  task '" .. name .. "':" .. (frames ~= "" and ("\n" .. frames) or "")
  elseif frames == "" then
    -- Raised where no frame of the user's is left (a __close handler while
    -- an error unwinds: TimeoutError leaving a timeout's scope): the
    -- traceback it came with already says where the code was.
    tb = base
  elseif awaited then
    tb = base .. "\n  awaited by task '" .. name .. "':\n" .. frames
  else
    tb = base .. "\n  task '" .. name .. "':\n" .. frames
  end
  if errors.is_instance(e) then
    e.traceback = tb
  else
    task._raised_tb = tb
  end
  return e
end

-- The coroutine bodies. Each calls xpcall from as low a register as it can:
-- a suspended task's Lua stack then fits the 40 slots a coroutine starts
-- with (the C yield at the top reserves 20), instead of doubling.
-- The one argument of a body that takes one waits in the task's RESULT.
local function take_arg(task)
  local a = task[RESULT]
  task[RESULT] = nil
  return a
end

local await  -- defined with the await machinery below

-- A task whose function returned a coroutine object runs it next, in a
-- coroutine of this body (after_resume).
local function body_await(task)
  return DONE, xpcall(await, msgh, take_arg(task))
end

-- The body of a task that runs a script's main chunk or a REPL input: its
-- stack keeps a reserve (kernel/stack_reserve.cpp says why).
local xpcall_reserved = core.xpcall_reserved
local function body_reserved(task)
  return DONE, xpcall_reserved(task[BODY], msgh)
end

-- The common bodies are in C (task_body.cpp): spawn(fn, arg)'s, and a
-- coroutine object's, which runs c.fn(c[1..c.n]); one frame under the
-- task's function instead of a Lua body's and xpcall's. The kernel makes
-- the coroutines of these tasks itself (step.cpp's start_plain) when
-- prepare_step below would make one with either, and ends them
-- (finish.cpp) when after_resume would only call finish.
local body_1, body_coro = core.task_bodies(DONE, msgh)
runtime_fns[body_1] = true
runtime_fns[body_coro] = true

local function body_n(task)
  local n = task._n
  if n == 0 then return DONE, xpcall(task[BODY], msgh) end
  local args = task._args
  task._args = nil
  return DONE, xpcall(task[BODY], msgh, unpack(args, 1, n))
end

-- A finished task drops its coroutine: nothing resumes it again, and a dead
-- coroutine still holds its stack.
-- Scopes a task entered that must be left through <close> (TaskGroup,
-- timeout): Lua cannot tell when a value goes into a to-be-closed variable,
-- so a scope registers with its task, leaves the list in __close, and one
-- still there when the task ends means its <close> was forgotten.
function M.enter_scope(t, scope)
  local scopes = t._scopes
  if scopes then scopes[#scopes + 1] = scope else t._scopes = { scope } end
end

function M.exit_scope(t, scope)
  local scopes = t._scopes
  if not scopes then return end
  local n = #scopes
  if scopes[n] == scope then  -- the innermost, as scopes nest: no table.remove
    scopes[n] = nil
    return
  end
  for i = n - 1, 1, -1 do
    if scopes[i] == scope then table.remove(scopes, i) break end
  end
end

-- Tracing (asyncio/trace.lua): its recorder hears of each task made,
-- asked to cancel and ended; nil when not tracing. The kernel's finish of a plain task
-- (finish.cpp) leaves the end to finish below whenever core.set_trace is
-- on, which trace.lua sets whenever a recorder is set.
local tracer
function M.set_tracer(t) tracer = t end

-- Debug mode (asyncio/debug.lua): tasks record where they were created.
local debug_mode = false
-- And where each one's next step was scheduled, as CPython's Handle of
-- that step (Task.__step's call_soon) keeps its _source_traceback: task ->
-- frames (report.frames' text), weak keys. Its first step's are where it
-- was made (new_task); the kernel's wake-up writes the others (wait.cpp's
-- note_step_origin: the waker's frames, none when the loop or the task
-- itself woke it). A report made during the step without frames of its own
-- shows them (report.lua's handle_traceback). Set while debug mode is on,
-- nil while it is off: turning it off forgets them all, as CPython's handles
-- made then have none, and nothing records them meanwhile.
local step_origins
function M.set_debug(on)
  debug_mode = on and true or false
  future.set_debug(debug_mode)
  if debug_mode ~= (step_origins ~= nil) then
    step_origins = debug_mode and setmetatable({}, { __mode = "k" }) or nil
    K[core.SLOT_STEP_ORIGINS] = step_origins
  end
end
function M.debug_mode() return debug_mode end
-- The frames where the running step of task t was scheduled, or nil.
function M.step_origin(t) return step_origins and step_origins[t] end

-- (kernel/finish.cpp does the same for a task ending plainly: a change
-- here changes it too.) A task that ends with scopes still open, their
-- <close> forgotten, has them shut first (task_endings.lua), which calls
-- finish again.
local function finish(task, ok, ...)
  local scopes = task._scopes
  if scopes and #scopes > 0 then return require("luasync.task_endings").finish_unclosed(finish, task, ok, ...) end
  unlive(task)
  task._awaited_failure = nil
  task[CO] = nil
  task._fut_waiter = nil
  if ok then
    if task._must_cancel then
      task._must_cancel = false
      note_cancel(-1)
      future.set_cancelled(task, task._cancel_message)
    else
      future.set_results(task, ...)
    end
  else
    local e = ...
    -- error(asyncio.ValueError), as Python's `raise ValueError`, raises an
    -- instance of the class.
    if errors.is_class(e) then
      -- (a class whose constructor raises, ExceptionGroup's: that error)
      local _, made = pcall(e)
      e = made
    end
    if getmetatable(e) == CancelledError then
      -- As CPython's Task.__step: the error is kept for whoever awaits the
      -- task, but the task's own cancel message is cleared.
      task._cancelled_exc = e
      future.set_cancelled(task, nil)
    else
      -- The traceback of this failure, kept with the task: an error
      -- object's own .traceback is the last task's that raised it.
      local tb = task._raised_tb
      task._raised_tb = nil
      if errors.is_instance(e) then tb = rawget(e, "traceback") end
      future.set_failure(task, e, tb)
    end
  end
  if tracer then tracer.finished(task) end
end

local cancel_waiter = wait.cancel

-- os.exit(code, true) (kernel/exit.cpp): the pending <close> variables of
-- the main chunk and of a REPL input run, as lua5.4's lua_close runs those
-- of its main thread (tasks of reserve_stack: the runner's and the REPL's).
-- Here, not in task_endings.lua: os.exit must not fail to load a module
-- when memory has run out (it returned, and the program ended with 0).
local EXIT = setmetatable({}, { __name = "exit" })
local raw_yield, raw_exit, co_status, isyieldable, running = core.raw_yield, core.raw_exit, core.raw_status,
  coroutine.isyieldable, coroutine.running

local function close_main_chunks()
  local function close(t)
    if t._reserve_stack and t[CO] and co_status(t[CO]) == "suspended" then co_close(t[CO]) end
  end
  for _, t in next, live do close(t) end
  for t in next, live_named do close(t) end
end

provide("exit_close", function(status)
  local t = current()
  if t and t._reserve_stack and running() == t[CO] and isyieldable() then
    raw_yield(EXIT, status) -- after_resume closes the coroutine and exits
  end
  close_main_chunks()
end)

-- (bound again, as at the Task section's start)
local errors, report, getmetatable, type, error, core, future, rawget, tostring, pairs, select, current, note_cancel, op_state, live, live_named =
  errors, report, getmetatable, type, error, core, future, rawget, tostring, pairs, select, current, note_cancel, op_state, live, live_named

-- After a resume: the coroutine either suspended in await, or returned.
-- Answers a coroutine and the argument to resume it with when the task goes
-- on in it within the same step (spawn's function returned a coroutine
-- object), else nothing.
local function after_resume(task, co_ok, tag, ...)
  if co_ok then
    if tag == AWAIT then
      -- Cancelled while running (e.g. by itself): what it now waits on is
      -- cancelled at once, as asyncio's Task.__step does.
      if task._must_cancel and cancel_waiter(task, task._cancel_message) then
        task._must_cancel = false
        note_cancel(-1)
      end
      return
    end
    if tag == DONE then
      -- spawn(fn, ...): when fn returns a coroutine object and nothing
      -- else (fn is asyncio.sleep, or any function that returns one, as
      -- Python's async functions are), the task runs it, as Trio's
      -- start_soon does: in a new coroutine, within this same step. (Every
      -- task ends here: the tests are ordered cheapest first.)
      local ok, r = ...
      if ok and r ~= nil and fn_of(task) and (getmetatable(r) == Coro and not rawget(r, "started") or op_state(r) == false)
        and select("#", ...) == 2 and not task._runs_returned then
        task._runs_returned = true
        local co = co_create(body_await)
        task[CO] = co
        task[RESULT] = r
        return co, task
      end
      return finish(task, ...)
    end
    if tag == EXIT then
      -- os.exit(code, true) in this task's own coroutine (exit_close).
      co_close(task[CO])
      close_main_chunks()
      return raw_exit((...), true)
    end
    -- A bare coroutine.yield() in its body (task_endings.lua).
    return require("luasync.task_endings").bad_yield_end(finish, task, tag)
  end
  -- The coroutine died outside the body's xpcall (e.g. an error in a
  -- __close handler while unwinding): the task fails with that error.
  finish(task, false, tag)
end

-- A step the kernel does not run alone (step.cpp): the task's first step
-- (its coroutine is made here), one that must raise CancelledError, or one
-- for a task without a coroutine any more. Answers the coroutine to resume
-- and the value to resume it with, or nothing when there is nothing to run:
-- the task finished (cancelled before its first step, or made done behind
-- its back: Future.set_result applied to it).
local function prepare_step(task, exc)
  if task[STATE] ~= PENDING then return end
  if task._must_cancel then
    if getmetatable(exc) ~= CancelledError then exc = future.make_cancelled_error(task) end
    task._must_cancel = false
    note_cancel(-1)
  end
  local co = task[CO]
  if co then return co, exc end
  if task._reused or (task._op and op_state(task._op)) then
    -- Its coroutine object ran in an await before this first step, or was
    -- closed: CPython's step finds it done, and fails with this even when
    -- the step was to throw a cancellation into it. (An op that did is
    -- started: an await of it would raise the same.)
    finish(task, false, errors.RuntimeError("cannot reuse already awaited coroutine"))
    return
  end
  if exc ~= nil then
    -- Cancelled before its first step: the body never runs.
    local c = coro_of(task)
    if c then drop_args(c) end
    if task._op then core.op_close(task._op) end
    finish(task, false, exc)
    return
  end
  co = co_create(coro_of(task) and body_coro or task._reserve_stack and body_reserved
    or (task._n == nil and body_1 or body_n))
  task[CO] = co
  return co, task
end
provide("prepare_step", prepare_step)
provide("after_resume", after_resume)
local resume_task = core.resume_task
M.resume_task = resume_task


-- Unnamed tasks are numbered Task-1, Task-2, ... in creation order; as in
-- CPython, a task given a name takes no number (live, live_named above).

-- A task runs coro (a coroutine object) or fn with spawn's arguments: a
-- single argument (a) waits in its RESULT until its first step takes it
-- (a pending task has no results), or _n is the argument count when it is
-- not 1 and _args (a) the list of them. Every field is set in the
-- constructor so the table is sized once. (The kernel's spawn and
-- create_task, kernel/spawn.cpp, make the tasks of spawn(fn, arg) and
-- create_task(coro) as this does: a change here changes it too.)
local function new_task(name, coro, fn, n, a)
  local seq, named, unnamed
  if name ~= nil then
    name = tostring(name)
    named, unnamed = count_task(true)
  else
    seq = count_task(false)
  end
  -- The fields in order, STATE, RESULT, CB, CO, BODY, SEQ, each in a slot
  -- of the array part, and the others the task is made with: a field added
  -- later could rehash the table, which keeps in its array part only what
  -- fills more than half of it (the fields of a pending task do not).
  local task
  if name then
    if coro then
      task = { nil, nil, nil, false, coro, false, _name = name }
    elseif n == nil then
      task = { nil, a, nil, false, fn, false, _name = name }
    else
      task = { nil, nil, nil, false, fn, false, _n = n, _args = a, _name = name }
    end
  elseif coro then
    task = { nil, nil, nil, false, coro, seq }
  elseif n == nil then
    task = { nil, a, nil, false, fn, seq }
  elseif a then
    task = { nil, nil, nil, false, fn, seq, _n = n, _args = a }
  else
    task = { nil, nil, nil, false, fn, seq, _n = n }
  end
  -- (debug mode: where it was made, as a Future records it: future.lua's new)
  if debug_mode then
    local tb = report.frames(nil, 2, future.SOURCE_FRAMES)
    task._source_traceback = tb
    step_origins[task] = tb ~= "" and tb or nil  -- (its first step's handle: made here)
  end
  setmetatable(task, Task)
  if seq then live[seq] = task else live_named[task] = { unnamed, named } end
  if tracer then tracer.created(task, current()) end
  core.call_soon_step(task)
  return task
end

-- create_task(coro_or_fn[, {name=}]). The kernel's create_task (spawn.cpp),
-- asyncio.create_task, makes the common ones itself: an unstarted coroutine
-- object without options.
local CREATE_TASK_OPTIONS = { "name" }

function M.create_task(aw, opts, fname)
  fname = fname or "create_task"
  local name
  if opts ~= nil then
    if type(opts) ~= "table" or getmetatable(opts) ~= nil then
      errors.bad_argument(2, fname, "table", opts, true)
    end
    local problem = errors.options_problem(opts, CREATE_TASK_OPTIONS)
    if problem then
      M.close_coro(aw)  -- refused: it will never run, and the error says why
      errors.arg_error(2, fname, problem)
    end
    name = opts.name
  end
  local mt = getmetatable(aw)
  if mt == Coro then
    if rawget(aw, "started") then error(errors.RuntimeError("cannot reuse already awaited coroutine"), 3) end
    aw.started = true
    return new_task(name, aw)
  elseif type(aw) == "function" then
    local body = async_bodies[aw]
    if body then
      -- An async function: its coroutine is the body, as create_task(fn()).
      local coro = make_coro(body, fn_names[body] or report.name_in_caller(aw))
      coro.started = true
      return new_task(name, coro)
    end
    return new_task(name, nil, aw, 0)
  elseif is_op(aw) then
    local started, label = op_state(aw)
    if started then error(errors.RuntimeError("cannot reuse already awaited coroutine"), 3) end
    local t = new_task(name, nil, await_op, nil, aw)
    t._label = label
    t._op = aw  -- for get_coro and a cancellation before the first step
    core.op_claim(aw)
    return t
  end
  error(errors.TypeError("a coroutine was expected, got " .. report.safe_repr(aw)), 3)
end

-- spawn(fn, ...): a task running fn(...). The kernel's spawn (spawn.cpp)
-- makes the common ones, a plain function's with one argument, and hands
-- the rest to spawn_more (never called directly), which checks what is not
-- a function (spawn.cpp refuses only values without a __call).
local function spawn_more(...)
  local fn = ...
  if type(fn) ~= "function" then
    if not is_callable(fn) then errors.bad_argument(1, "spawn", "function", fn, select("#", ...) > 0) end
    -- A callable object (spawn.cpp): its repr names it as a callback's
    -- names it ("<Dummy>()", report.callback_source), at its __call.
    local t = spawn_more(as_function(fn), select(2, ...))
    local call = rawget(getmetatable(fn), "__call")
    if type(call) == "function" and coro_of(t) == nil then
      t._label, t._label_fn = report.safe_tostring(fn), call
    end
    return t
  end
  local n = select("#", ...) - 1
  local body = async_bodies[fn]
  if body then
    -- An async function: its coroutine is the body, as create_task(fn(...)).
    local coro = make_coro(body, fn_names[body] or report.name_in_caller(fn), select(2, ...))
    coro.started = true
    return new_task(nil, coro)
  end
  if n == 1 then return new_task(nil, nil, fn, nil, (select(2, ...))) end
  return new_task(nil, nil, fn, n, n > 0 and { select(2, ...) } or nil)
end
provide("spawn_more", spawn_more)
provide("create_task_more", M.create_task)
M.spawn = core.spawn

M.current_task = current

-- A task of the runtime's own machinery (the REPL's console), which
-- all_tasks() does not list.
-- all_tasks asks `hidden` rather than each task: a lookup in a table of one
-- or two keys, which leaves the task's own memory untouched.
local hidden = setmetatable({}, { __mode = "k" })
function M.hide(t)
  t._hidden = true
  hidden[t] = true
end

-- The REPL's input task: named in its repr by the input's chunk ("stdin#3"),
-- as CPython's REPL names its input <module>.
function M.set_chunk(t, chunk) t._chunk = chunk end

-- A task of a function with no arguments that runs a script's main chunk or
-- a REPL input: its stack keeps a reserve (body_reserved).
function M.reserve_stack(t) t._reserve_stack = true end

-- ascending(keys, n, at, lo, hi) -> keys sorted: keys[1..n] are the keys of
-- `at` whose task is not hidden, lo and hi the least and the greatest. When
-- they span at most a few times their number (tasks alive together were
-- mostly made together), a walk over `at` from lo to hi orders them in
-- linear time; otherwise table.sort compares them without a Lua comparator.
local function ascending(keys, n, at, lo, hi)
  if hi - lo < 8 * n then
    local i = 0
    for k = lo, hi do
      local t = at[k]
      if t ~= nil and not hidden[t] then i = i + 1; keys[i] = k end
    end
  else
    sort(keys)
  end
  return keys
end

-- The pending tasks in the order they were made: Task-<n> after the named
-- tasks made after n - 1 unnamed ones, and before those made after n. Linear
-- in the number of tasks in the common case (ascending); the named tasks'
-- two counters grow together, so one merge interleaves them with the others.
function M.all_tasks()
  local seqs, n, lo, hi = {}, 0, nil, nil
  for k, t in pairs(live) do
    if not hidden[t] then
      n = n + 1
      seqs[n] = k
      if n == 1 then lo, hi = k, k elseif k < lo then lo = k elseif k > hi then hi = k end
    end
  end
  local by_m, ms, m_n, m_lo, m_hi = {}, {}, 0, nil, nil
  for t, p in pairs(live_named) do
    if not hidden[t] then
      local m = p[2]
      m_n = m_n + 1
      ms[m_n] = m
      by_m[m] = t
      if m_n == 1 then m_lo, m_hi = m, m elseif m < m_lo then m_lo = m elseif m > m_hi then m_hi = m end
    end
  end
  local list = new_table(n + m_n, 0)
  if n > 0 then ascending(seqs, n, live, lo, hi) end
  if m_n > 0 then ascending(ms, m_n, by_m, m_lo, m_hi) end
  local i, j, out = 1, 1, 0
  while j <= m_n do
    local t = by_m[ms[j]]
    local b = live_named[t][1]
    while i <= n and seqs[i] <= b do
      out = out + 1; list[out] = live[seqs[i]]; i = i + 1
    end
    out = out + 1; list[out] = t; j = j + 1
  end
  while i <= n do
    out = out + 1; list[out] = live[seqs[i]]; i = i + 1
  end
  return list
end

-- report_shutdown_errors(tasks), after the tasks were cancelled at
-- shutdown (asyncio.run's end, the script's end): task_endings.lua, loaded
-- only when one of them failed (the end of a program that left tasks
-- pending may come when memory has run out).
function M.report_shutdown_errors(tasks)
  for i = 1, #tasks do
    local t = tasks[i]
    if t[STATE] == FINISHED and t._failed then
      return require("luasync.task_endings").report_shutdown_errors(tasks)
    end
  end
end

-- A task made done by Future's methods applied to it (future.lua abandon):
-- its coroutine will not run again; it is no longer live.
future.task_abandoned = unlive

-- live_count() -> the number of pending tasks (task_views.lua).
M.live_count = later("luasync.task_views", "live_count")

function Task:get_name()
  check_task(self, "get_name")
  local name = self._name
  if not name then
    name = "Task-" .. self[SEQ]
    self._name = name
  end
  return name
end

function Task:set_name(name)
  check_task(self, "set_name")
  self._name = tostring(name)
end

Task.get_coro = method("luasync.task_views", "get_coro")

function Task:cancelling()
  check_task(self, "cancelling")
  return self._num_cancels_requested or 0
end

function Task:uncancel()
  check_task(self, "uncancel")
  local n = self._num_cancels_requested or 0
  if n > 0 then
    n = n - 1
    self._num_cancels_requested = n
    if n == 0 and self._must_cancel then
      self._must_cancel = false
      note_cancel(-1)
    end
  end
  return n
end

-- asyncio.run inside a task (asyncio/run.lua) marks the task _run_ended
-- while its cleanup runs: CPython's main task is done by then, and its
-- cancel() answers false and does nothing, so the program's does likewise
-- (a callback or a leftover task that cancels the task main() ran in).
-- The runtime's own cancellations of such a task (a Ctrl-C, a SystemExit
-- another task raised, a stall) go through cancel_main, which lifts it.
function Task:cancel(msg)
  check_task(self, "cancel")
  future.disarm(self)  -- as Future:cancel: a failed task's error counts as retrieved
  if self[STATE] ~= PENDING or self._run_ended then return false end  -- (msg unread, as CPython's)
  msg = errors.cancel_message(msg)  -- (before any change: it may raise)
  self._num_cancels_requested = (self._num_cancels_requested or 0) + 1
  if tracer then tracer.cancel_requested(self) end
  if self._forwarding_cancel then
    -- Back here while forwarding: what the task waits on waits on the task
    -- (gather(current_task())). CPython recurses until RecursionError; the
    -- wait ends here instead, with CancelledError.
    if wait.abort_now(self, msg) then return true end
  else
    self._forwarding_cancel = true
    local forwarded = cancel_waiter(self, msg)
    self._forwarding_cancel = nil
    if forwarded then return true end
  end
  -- The one place _must_cancel becomes true; every place it becomes false
  -- again says so too (note_cancel: kernel/step.cpp).
  if not self._must_cancel then
    self._must_cancel = true
    note_cancel(1)
  end
  self._cancel_message = msg
  return true
end

function M.cancel_main(t, msg)
  t._run_ended = nil
  return t:cancel(msg)
end

-- Refused: only its body ends a task (task_endings.lua).
Task.set_result = method("luasync.task_endings", "set_result")
Task.set_exception = method("luasync.task_endings", "set_exception")

-- A task's repr and its stack (task_views.lua).
Task.get_stack = method("luasync.task_views", "get_stack")
Task.print_stack = method("luasync.task_views", "print_stack")
Task.__tostring = later("luasync.task_views", "repr")

---------------------------------------------------------------------------
-- await

-- Why an await cannot suspend here: await_refusal.lua. (The tail call
-- keeps the stack levels it reads those of the caller.)
local can_wait = core.can_wait
function M.wait_refused()
  if can_wait() then return nil end
  return require("luasync.await_refusal").wait_refused()
end

local function await_future(fut)
  if fut[STATE] == PENDING then
    local task = current()
    if task ~= nil and fut == task then
      error(errors.RuntimeError("Task cannot await on itself: " .. tostring(task)), 3)
    end
    -- Raises outside a task (outside_task); else returns once woken.
    local exc = core_await_future(fut)
    if exc ~= nil then
      -- (a cancelled task's CancelledError carries its traceback as a
      -- failure's does: the awaiting task's frames come under "awaited by")
      if rawequal(exc, fut._exception) or (fut[STATE] == CANCELLED and getmetatable(fut) == Task) then
        current()._awaited_failure = fut
      end
      error(exc, 0)
    end
  end
  if fut._failed or (fut[STATE] == CANCELLED and getmetatable(fut) == Task) then current()._awaited_failure = fut end
  return fut:result()
end

-- await of everything but the kernel's ops (userdata) and coroutine objects.
local function await_value(x)
  local mt = getmetatable(x)
  if type(mt) == "table" then
    if rawget(mt, "__isfuture") then return await_future(x) end
    local aw = mt.__await
    if aw then
      -- What __await gives is awaited in turn; anything else is its error,
      -- not the value's (CPython: "__await__() returned non-iterator of
      -- type 'int'").
      local r = aw(x)
      if not M.is_awaitable(r) then
        error(errors.TypeError("__await returned non-awaitable of type '" .. type(r) .. "'"), 2)
      end
      return await(r)
    end
  end
  -- Named as CPython names it, by its class: a luasync object by its
  -- metatable's __name (await(lock): "object Lock", as Python says; Lua's
  -- luaL_typeerror takes the same field), anything else by Lua's type.
  local tname = type(mt) == "table" and rawget(mt, "__name")
  if type(tname) ~= "string" then tname = type(x) end
  error(errors.TypeError("object " .. tname .. " can't be used in 'await' expression"), 2)
end
provide("await_slow", await_value)

-- await is the kernel's (ops.cpp): it runs the ops and the functions of
-- coroutine objects (in the awaiting coroutine, nested awaits trampolined
-- through the step so the C calls never pile up), and hands the rest to
-- await_value.
await = await_op
M.await = await
runtime_fns[await] = true  -- tracebacks leave its frame out, as Lua's await's were

provide("reuse_error", later("luasync.coro_reuse", "reuse_error"))
provide("never_awaited", later("luasync.never_awaited", "never_awaited"))
provide("coro_origin", later("luasync.never_awaited", "coro_origin"))  -- (debug mode)
provide("outside_task", later("luasync.await_refusal", "outside_task"))
-- coroutine.yield(value) in a task's own coroutine (coroutines.cpp).
provide("bad_yield", later("luasync.task_endings", "bad_yield"))

-- sleep(delay, ...): an op (kernel/sleep.cpp); awaiting it gives back the
-- extra values.
M.sleep = core.sleep

wait.register(Task, wait.forward_to_future)

-- Task has Future's methods itself rather than through a second __index:
-- the runtime reads fields a task mostly lacks (_must_cancel, _scopes,
-- _callbacks...) on every step, and each miss walked both classes. (The
-- methods of future.lua are all defined by now; none is added later.)
for k, v in pairs(future.Future) do
  if rawget(Task, k) == nil then Task[k] = v end
end
setmetatable(Task, nil)
K[core.SLOT_TASK_MT] = Task

M.PENDING, M.CANCELLED, M.FINISHED = PENDING, CANCELLED, FINISHED
return M
