// The C++/Lua boundary, in one place: the slots of the state table K that the
// kernel's two halves share, every Lua function the C++ side calls, the hooks
// a driver client may set (kernel/driver.lua), the fields of Lua objects C++
// reads or writes, and the registry keys C++ reads. Nothing in C++ calls Lua
// by any other name.
//
// The Lua side provides each function with core.provide(name, fn) when its
// module loads (some load at their first use: queues.lua); a unit test
// (tests/kernel.test.cpp) loads them all and checks with
// core.check_provided() that none is missing, so a renamed function fails
// the tests, not a user's program.
#pragma once

namespace luasync::kernel {

// Integer slots of K: from C a rawgeti costs a third of a lookup by name.
enum Slot : int {
  kSlotClient = 1,   // the driver client on top of driver.lua's stack: its hooks
  kSlotResumeTask,   // the kernel's resume_task and wake_entry closures (their
  kSlotWakeEntry,    // ready-queue entries need the kernel upvalues)
  kSlotStopMarker,   // and stop_marker's (ready_queue.cpp's wait_stop)
  kSlotCoroMt,       // task.lua's Coro: the metatable of coroutine objects (coro.cpp)
  kSlotFnNames,      // report.fn_names: async functions by the name they were called by
  kSlotUnstarted,    // weak set: coroutine objects a step left unstarted, to check (ops.cpp)
  kSlotHeld,         // weak set: those a check found held by something
  kSlotOpGuards,     // weak keys: op -> its guard, for the ops settle left unstarted (ops.cpp)
  kSlotCoroGuardMt,  // task.lua's CoroGuard: the finalizer of an unstarted coroutine object (ops.cpp's settle)
  kSlotParked,       // first steps that wait for memory (ready_queue.cpp's park_first_step)
  // What the kernel's own spawn and create_task, first step and finish of a
  // plain task (spawn.cpp, step.cpp, finish.cpp) need of the Lua side's:
  kSlotTaskMt,           // task.lua's Task
  kSlotAsyncBodies,      // task.lua's async_bodies: the functions async() made, weakly
  kSlotLive,             // live: pending unnamed tasks by number (their SEQ); also upvalue kLive
  kSlotLiveNamed,        // task.lua's live_named: pending named task -> its place among the others
  kSlotNoResults,        // future.lua's NO_RESULTS: the results of a future that finished with none
  kSlotInternal,         // future.lua's internal: the runtime's own done callbacks, weakly
  kSlotRunCallback,      // future.lua's run_callback: a user's done callback runs in it
  kSlotBody1,            // task_body.cpp's bodies, set when made: spawn(fn, arg)'s
  kSlotBodyCoro,         // and a coroutine object's (create_task(coro))
  kSlotStepOrigins,      // debug mode: task.lua's step_origins, weak keys: task -> where its next step was scheduled
  kSlotFinished,         // the string "FINISHED": a finished Future's STATE
  kSlotKeyReserveStack,  // the names of the rarer task fields they read or write
  kSlotKeyN,
  kSlotKeyScopes,
  kSlotKeyAwaitedFailure,
  kSlotKeyCallbacks,
  kSlotKeyFailed,
  kSlotKeyMulti,
  kSlotFirstFn,  // K[kSlotFirstFn + LuaFn] below
};
// The strings of kSlotFinished .. kSlotKeyMulti, in order.
inline constexpr const char* kSlotStrings[] = {"FINISHED",         "_reserve_stack", "_n",      "_scopes",
                                               "_awaited_failure", "_callbacks",     "_failed", "_multi"};
static_assert(sizeof(kSlotStrings) / sizeof(kSlotStrings[0]) == kSlotFirstFn - kSlotFinished);

// The fields every Future and Task has, in its table's array part, which
// each is made with (a Future with kFutureFields slots, a Task with
// kTaskFields): the C side reads and writes them with one rawgeti or
// rawseti, and no store to them allocates, so a task never rehashes its
// table as its fields come and go (a string key needs a free node: bench
// W1 paid a rehash of every task's table as it finished). future.lua,
// task.lua and the library's Lua files name them with the same numbers
// (core.FIELDS, which future.lua checks). The rarer fields (_must_cancel,
// _callbacks, _name, ...) keep their names, in the hash part.
enum Field : int {
  kFieldState = 1,  // Future: nil while PENDING, then "FINISHED" or "CANCELLED"
  kFieldResult,     // Future: its results (NO_RESULTS, a value, or a list with _multi); a Task's
                    // argument until its first step (spawn(fn, arg): body_1 takes it)
  kFieldCb,         // Future: its first done callback (wait.hpp's add_waiter), nil or false for none
  kFieldCo,         // Task: false before its first step, its coroutine, nil once done
  kFieldBody,       // Task: what it runs: a function (spawn), or a coroutine object (create_task)
  kFieldSeq,        // Task: n for Task-<n>, false for a task given a name
  kFutureFields = kFieldCb,
  kTaskFields = kFieldSeq,
};

// X(enumerator, name the Lua side provides it by): where it is defined, and
// when C++ calls it.
#define LUASYNC_LUA_FUNCTIONS(X)                                                                                \
  /* kernel/task.lua */                                                                                         \
  X(AwaitSlow, "await_slow")            /* await of anything but a kernel op or a coroutine object (Futures) */ \
  X(PrepareStep, "prepare_step")        /* a step the kernel does not run alone: a task's first                 \
                                           step, one that must raise CancelledError, a lost task */             \
  X(AfterResume, "after_resume")        /* a step that ended other than in a plain await; answers a             \
                                           coroutine and its argument when the task goes on in it */            \
  X(NeverAwaited, "never_awaited")      /* an op collected unstarted: the RuntimeWarning (name, fn, line) */    \
  X(CoroOrigin, "coro_origin")          /* debug mode: where a coroutine object is made (its user frames) */    \
  X(ReuseError, "reuse_error")          /* an await of a started coroutine or op */                             \
  X(OutsideTask, "outside_task")        /* raises: await outside a task / across a C call */                    \
  X(BadYield, "bad_yield")              /* coroutine.yield in a task's own coroutine: raises RuntimeError       \
                                           after one loop iteration */                                          \
  X(ExitClose, "exit_close")            /* os.exit(code, true): closes the coroutines of main chunks; may       \
                                           yield to the step, which exits */                                    \
  X(SpawnMore, "spawn_more")            /* spawn(fn, ...) beyond what the kernel's spawn makes itself:          \
                                           an async function, other than one argument, debug mode, tracing */   \
  X(CreateTaskMore, "create_task_more") /* create_task(aw, opts, fname) beyond what the kernel's                \
                                           create_task makes itself (spawn.cpp) */                              \
  /* asyncio/debug.lua */                                                                                       \
  X(SlowStep, "slow_step") /* debug mode: a ready entry ran longer than loop.slow_callback_duration */          \
  /* asyncio/trace.lua */                                                                                       \
  X(TraceStep, "trace_step")   /* tracing: every ready entry, while tracing is on */                            \
  X(TraceWake, "trace_wake")   /* tracing: a Queue's wake-up of a task (asyncio/queue_core.cpp) */              \
  X(TraceReady, "trace_ready") /* tracing: wake() scheduled a waiting task's step (kernel/wait.cpp) */          \
  X(TraceExit, "trace_exit")   /* tracing: os.exit(status) (kernel/exit.cpp): the outputs, now */               \
  /* asyncio/inspect.lua */                                                                                     \
  X(InspectRequest, "inspect_request") /* luasync ps|pstree asks (diag/inspect.cpp): answer it; or, from        \
                                          the hook, while a step blocks the loop */                             \
  X(InspectIdle, "inspect_idle")       /* --inspect: the loop is about to wait; snapshots of the tasks */       \
  /* asyncio/loop.lua */                                                                                        \
  X(FdReady, "fd_ready")         /* a watched descriptor is ready (io/fd_watch.cpp): runs its reader, writer */ \
  X(SignalEvent, "signal_event") /* a watched signal arrived (io/signals.cpp): schedules its handler */         \
  /* asyncio/streams.lua */                                                                                     \
  X(StreamEvent, "stream_event")   /* a stream has news (io/stream.cpp): data, end, error, connect... */        \
  X(AddrinfoDone, "addrinfo_done") /* a getaddrinfo request finished (io/stream.cpp) */                         \
  /* asyncio/subprocess.lua */                                                                                  \
  X(ProcessExit, "process_exit") /* a child process exited (io/process.cpp) */                                  \
  /* asyncio/files.lua */                                                                                       \
  X(FsDone, "fs_done") /* a file system request finished (io/fs.cpp) */                                         \
  /* asyncio/threads.lua */                                                                                     \
  X(ThreadDone, "thread_done") /* a worker thread's job came back (threads/threads.cpp) */                      \
  /* asyncio/http.lua */                                                                                        \
  X(HttpEvent, "http_event") /* an HTTP transfer has news: its head, body bytes, its end (http/http.cpp) */     \
  /* asyncio/queues.lua */                                                                                      \
  X(ItemLess, "item_less") /* a PriorityQueue's comparison of two items that its heap                           \
                              (asyncio/priority_heap.cpp) does not decide itself */

enum class LuaFn : int {
#define LUASYNC_ENUM(e, name) e,
  LUASYNC_LUA_FUNCTIONS(LUASYNC_ENUM)
#undef LUASYNC_ENUM
      Count
};

inline constexpr const char* kLuaFnNames[] = {
#define LUASYNC_NAME(e, name) name,
    LUASYNC_LUA_FUNCTIONS(LUASYNC_NAME)
#undef LUASYNC_NAME
};

// Fields of a driver client (kernel/driver.lua) that run_once and run_until
// call, each optional:
//   before_block()  the loop is about to wait (the REPL redraws its prompt)
//   io_ready()      true when io_hook has input to deliver without waiting
//   io_hook()       after each poll, before the ready queue runs
//   on_interrupt()  Ctrl-C arrived
//   on_stall()      nothing can ever become ready; true when it resolved that
// A client's io_ready and io_hook are looked up when it becomes the client
// (driver.cpp's set_client), the others when they are due.
inline constexpr const char* kHookBeforeBlock = "before_block";
inline constexpr const char* kHookIoReady = "io_ready";
inline constexpr const char* kHookIoHook = "io_hook";
inline constexpr const char* kHookOnInterrupt = "on_interrupt";
inline constexpr const char* kHookOnStall = "on_stall";

// Fields of Lua objects that C++ reads or writes by name:
//   a Task's _must_cancel, _fut_waiter, _co, a Future's _state (kernel.hpp's
//     kKeys, task.lua, future.lua); the fields the kernel's first step and
//     finish of a plain task read and write, as task.lua's prepare_step and
//     finish and future.lua's set_results do (kSlotStrings above); a
//     Future's CB and _callbacks, where a task
//     waiting on it is one entry (wait.cpp's await_future, future.lua's
//     add_waiter)
//   a Queue's finished Event: its method set and its field _value
//     (asyncio/queue_core.cpp, asyncio/locks.lua)
//   the classes of luasync.errors, called to make an error to raise
//     (lua/errors.cpp raise_error)

// Entry points the CLI (cli/cli.cpp) calls: module, function.
inline constexpr const char* kRunnerModule = "luasync.runner";  // run(actions) -> status; load_error(msg) -> text
inline constexpr const char* kReplModule = "luasync.repl";      // run(opts) -> status

// Registry keys C++ reads.
inline constexpr const char* kRegKeyboardInterrupt = "luasync.KeyboardInterrupt";  // makes a Ctrl-C's KeyboardInterrupt
inline constexpr const char* kRegCompleter = "luasync.completer";                  // the REPL's completion function
inline constexpr const char* kRegSettle = "luasync.settle";                        // settle, for LuaState::close
inline constexpr const char* kRegKernelUpvalues = "luasync.kernel_upvalues";       // register_funcs: the kernel's upvalues, 1..N

}  // namespace luasync::kernel
