// Internal to the kernel (src/kernel/*.cpp) and to the library's C++ halves
// that build on it (asyncio/queue_core.cpp): the kernel's state, the upvalues
// its bindings share, and the helpers the files use. docs/architecture.md
// tells how the pieces fit.
#pragma once

#include <atomic>
#include <cmath>
#include <cstdint>
#include <lua.hpp>
#include <vector>

#include "kernel/boundary.hpp"
#include "kernel/lua_layout.hpp"
#include "kernel/ops.hpp"
#include "runtime/deadlines.hpp"
#include "runtime/loop.hpp"

namespace luasync::kernel {

// The upvalues of every kernel binding (register_funcs gives each function
// its own copy of the same values). A module registering its own bindings
// through register_funcs gets its extra upvalues after these. A binding that
// reads no upvalue but K gets that one alone (kOnlyState): a closure with
// all of them is ~400 bytes, and a start made ~80 (W6).
enum Upvalue : int {
  kState = 1,        // table K: the slots of boundary.hpp
  kAwait,            // the AWAIT marker a suspending task yields
  kQ0,               // ready set 0: fn, a, b tables at kQ0, kQ0 + 1, kQ0 + 2; set 1 follows
  kFresh = kQ0 + 6,  // ops made since the last settle (ops.cpp)
  kFreshWhere,       // where those that keep it were made, at the same index
  kDeadFn,           // deadline slots by deadline id + 1: fn, a, b (timers.cpp)
  kDeadA,
  kDeadB,
  // task.lua's live (also K[kSlotLive]): the pending unnamed tasks by SEQ.
  // An upvalue, not looked up in K, as spawn adds each task and its plain
  // end removes it (~125 instructions a task: W1, W3).
  kLive,
  kOpMt,       // metatable of ops
  kOpGuardMt,  // metatable of the guard settle gives an op left unstarted: its __gc reports the op
  kKeyMustCancel,
  kKeyFutWaiter,
  kKeyIoReady,  // the driver hooks run_once looks up every iteration (the REPL's): a raw
  kKeyIoHook,   // lookup with a ready key costs a third of lua_getfield's
  kKeyFn,       // the fields of a coroutine object (coro.cpp)
  kKeyName,
  kKeyN,
  kKeyWhere,
  kKeyLine,
  kKeyStarted,
  kKernelUpvalues = kKeyStarted,
  // The count of a binding registered with K alone (register_funcs'
  // `upvalues`): K is also the binding marker, which must stay upvalue 1.
  kOnlyState = kState
};
inline constexpr const char* kKeys[] = {"_must_cancel", "_fut_waiter", kHookIoReady, kHookIoHook, "fn",
                                        "name",         "n",           "where",      "line",      "started"};
static_assert(sizeof(kKeys) / sizeof(kKeys[0]) == kKernelUpvalues - kOpGuardMt);

// The pseudo-index of kernel upvalue i of the running binding. A binding
// registered with fewer upvalues than kKernelUpvalues (register_funcs'
// `upvalues`: the lists named *_k_funcs) must never ask for one past its
// count, directly or through a helper: Lua would answer nil there, silently.
// Debug builds (LUASYNC_CHECKS) check every read, and abort on one.
#ifdef LUASYNC_CHECKS
void check_upvalue(lua_State* L, int i);  // open.cpp
inline int up(lua_State* L, int i) {
  check_upvalue(L, i);
  return lua_upvalueindex(i);
}
#else
inline int up(lua_State*, int i) { return lua_upvalueindex(i); }
#endif

struct EntryWatch;  // entry_watch.hpp

// The kernel's C++ state, one per Lua state; LuaState owns it (open_kernel,
// close_kernel) and it outlives lua_close, whose finalizers may reach it.
// An I/O source (src/io/) whose libuv callback saw something. libuv
// callbacks never call Lua: the callback only notes its source (note_io,
// which never allocates), and the driver, right after the poll, asks each
// noted source to deliver: to put its entries in the ready queue. That is
// before the due deadlines join it, as asyncio's _run_once adds the I/O
// callbacks before the timers.
//
// Invariant: a source is in the noted list at most once (`noted`), and
// leaves it before its memory goes (unnote_io, from its close).
struct IoSource {
  IoSource* next_noted = nullptr;
  bool noted = false;
  // [-0, +0] Enqueues the entries of what was noted. It may raise (memory):
  // the source is still noted then, and delivers again at the next
  // iteration, so it must consume what it saw only once that is enqueued.
  virtual void deliver(lua_State* L) = 0;

 protected:
  ~IoSource() = default;
};

// What Kernel::posted points to while no worker thread can post.
inline const std::atomic<bool> kNothingPosted{false};

struct Kernel {
  Loop* loop = nullptr;
  // Noted I/O sources, in the order they were noted (first, last).
  IoSource* noted_first = nullptr;
  IoSource* noted_last = nullptr;
  // Whether deliver_io runs (driver.cpp): an entry that a delivery appends
  // does not start another. (An error that leaves it leaves it set: the
  // next iteration clears it before its poll.)
  bool delivering = false;
  // Jobs that worker threads finished (threads/pool.cpp's completion port):
  // *posted is set by a worker when it posts one and read before each entry
  // joins the ready queue (ready_queue.cpp), which then has take_posted
  // note the jobs' sources (no Lua) and delivers them first. So a job that
  // ended while a step ran -- or blocked, in time.sleep or an executor's
  // shutdown -- is queued before what the step queues after that, as
  // CPython's call_soon_threadsafe queues it when the job ends, not after
  // the loop's next poll.
  const std::atomic<bool>* posted = &kNothingPosted;
  void (*take_posted)() = nullptr;
  int cur = 0;                // the ready set call_soon appends to
  lua_Integer n[2] = {0, 0};  // entries in each set
  // The largest batch each set ran since its tables last let go of their
  // arrays (ready_queue.cpp's run_ready): about the room its arrays keep.
  lua_Integer held[2] = {0, 0};
  // The entries rest_first..rest_last of the other set: the rest of a batch
  // that an entry's error cut short (out of memory in one of the runtime's
  // own callbacks), which run_ready runs first. rest_first 0: none.
  lua_Integer rest_first = 0;
  lua_Integer rest_last = 0;
  // The set whose batch run_ready runs (-1: none runs). While it runs,
  // rest_last is the batch's last entry, which schedule_step_in_batch may
  // move on: run_ready reads it at each entry. (An error that leaves
  // run_ready leaves it set: what is appended then joins the rest, which
  // the next run_ready runs first.)
  int batch_set = -1;
  // First steps of tasks spawned one after another (spawn.cpp): one entry,
  // a range of their SEQs (ready_queue.cpp). Whether a set's last entry is
  // such a range that can still grow, and its last SEQ, which the entry's
  // slot gets when another entry follows or the set is taken.
  bool open_range[2] = {false, false};
  lua_Integer open_range_last[2] = {0, 0};
  // The range whose first steps run (range_next .. range_last; range_next 0:
  // none): one that an entry's error cut short goes on first.
  lua_Integer range_next = 0;
  lua_Integer range_last = 0;
  // The coroutine of the task whose step runs (the current task's CO), or
  // null: where a wait begins.
  lua_State* running = nullptr;
  // The current task (push_current_task): while its step runs, a slot of
  // the frame that called step (frame, the thread's frame 0 then), on the
  // stack of the thread that runs the step (thread), by its index there.
  // That thread waits inside lua_resume while the task runs, that frame
  // still its top one, so a reader finds the slot at once; Lua run on that
  // thread meanwhile finds it below its own frames. The step stores nothing
  // for it (it stored the task into K at its start and the previous one at
  // its end: ~170 instructions a step, W1, W2, W3). Null thread: none
  // (outside a step). step.cpp is the writer.
  struct CurrentTask {
    lua_State* thread = nullptr;
    int index = 0;
    const void* frame = nullptr;  // lua_Debug's i_ci of that frame
  };
  CurrentTask current;
  // Whether every resume between the running task's step and the coroutine
  // now running was made where its resumer could yield (coroutines.cpp), so
  // that an await's AWAIT can be passed all the way up to the step. A
  // coroutine resumed inside a table.sort comparator, say, cannot wait.
  bool can_suspend = false;
  // The coroutine the kernel resumed last and that still runs: the task's
  // own, or a coroutine of the user's resumed through coroutines.cpp. A
  // coroutine that C code resumed with lua_resume (a C module's) is not it,
  // and cannot pass an AWAIT up (wait_prepare refuses).
  lua_State* innermost = nullptr;
  // Coroutine objects whose functions await calls from C (ops.cpp's
  // await_coro) and that have not returned, counted since the resume that
  // runs now began (step.cpp and coroutines.cpp reset it): past
  // kInlineAwaits, await first yields to that resumer, which resumes at
  // once, so that the C calls never pile up to Lua's limit of 200.
  int inline_awaits = 0;
  static constexpr int kInlineAwaits = 64;
  // The step that runs went past kInlineAwaits nested awaits at least once
  // (ops.cpp's k_trampolined): its stack may be deep, so an await keeps
  // room for a message handler (ops.cpp's call_coro). Reset by each step.
  bool deep_awaits = false;
  // What await yields for that (a light userdata): its own address.
  const void* trampoline() const { return &inline_awaits; }
  // The runtime cancels what is left (core.set_shutting_down): tasks may use
  // the memory reserve kept for the runtime's own work.
  bool shutting_down = false;
  std::size_t shutdown_tasks = 0;  // how many it cancels (open.cpp's shutdown_allowance)
  // The runtime began to close (mark_kernel_closed: close_runtime, or
  // os.exit's lua_close). From then on nothing may open a libuv handle,
  // start a request or submit a worker job (check_loop_open): the loop is
  // closed, or about to be, and lua_close -- whose finalizers still run
  // Lua -- gives no object made meanwhile a finalizer, so its C++ side
  // would never be freed. Never cleared.
  bool closed = false;
  // The coroutine of the REPL's console (core.set_console): its memory is
  // the runtime's, so that it survives an input that used it all up.
  const lua_State* console = nullptr;
  // Memory news from the allocator (lua/state.cpp), acted on by run_ready
  // before its next entry. Pressure -- a task took memory beyond the tasks'
  // limit (flag_out_of_memory) -- : a full collection, at most a twentieth
  // of the time (next_pressure_collect), and Lua's collector starts each
  // cycle as soon as the last ends, since at its usual pace (a new cycle
  // once memory doubled) the garbage of dying tasks would outrun it.
  // Relief -- memory fell well below that limit -- : the usual pace again.
  enum class MemoryNews : std::uint8_t { None, Pressure, Relief };
  MemoryNews memory_news = MemoryNews::None;
  bool fast_collector = false;
  // A task's overrun (overrun.cpp): whether a task took memory beyond the
  // tasks' limit since the kernel's last full collection, whether that
  // collection left the heap beyond the limit, and the task coroutine that
  // has the count hook of the collection an overrun asks for (with the
  // hook it had before, put back when it fires or the step ends).
  bool overrun_since_collect = false;
  bool collect_left_over = false;
  lua_State* collect_hooked = nullptr;
  lua_Hook saved_hook = nullptr;
  int saved_hook_mask = 0;
  int saved_hook_count = 0;
  // The collector's pace (gc_pacing.cpp): the usual pause (%) -- Lua's
  // default until start_gc_pacing --, whether it is still paced (not when
  // the program set a pause of its own), whether a cycle ended since it was
  // last paced, and the heap (KB) then.
  int gc_pause = 200;
  bool pacing = false;
  bool cycle_ended = false;
  double last_cycle_kb = 0;
  double next_pressure_collect = 0;
  // The collections asked for by collect_soon (collect_soon.cpp): requests
  // made since the collector was last seen to end a cycle (and whether one
  // of them named no object; how many objects they named), requests made
  // before it (the cycle under way answers them); the loop's clock before
  // which a busy loop does not run the next slice; the processor seconds
  // the slices of the answer under way took.
  bool collect_asked = false;
  bool collect_anonymous = false;
  bool collect_covered = false;
  lua_Integer collect_named = 0;
  double next_collect = -HUGE_VAL;
  double collect_spent = 0;
  lua_Integer fresh = 0;         // ops made since the last settle: FRESH[1..fresh]
  // The most FRESH slots a settle found since FRESH last let go of its room
  // (let_go_of_fresh): about the room its array keeps.
  lua_Integer fresh_held = 0;
  // The highest FRESH slot written since the last settle: slots fresh+1 ..
  // fresh_high may still hold ops awaited while last (l_await leaves them
  // for the next op to overwrite, or settle to clear).
  lua_Integer fresh_high = 0;
  // The object in FRESH[fresh] -- an op's block, or a coroutine object's
  // table (lua_topointer) --, when push_op or fresh_add put it there and no
  // other change of FRESH came since (null otherwise). FRESH keeps it
  // alive, so no other object has this address: l_await knows its argument
  // is this op by the address alone, without its metatable, and
  // await_coro that a coroutine object awaited as soon as made (the usual
  // `await(f(x))`) can leave FRESH at once.
  const void* last_fresh = nullptr;
  // FRESH_WHERE[1..where_n]: the functions that made ops keeping where
  // they were made (debug mode: their origins), each stored once in a row,
  // since the last settle (ops of kinds that keep no place, queue ops,
  // store none).
  lua_Integer where_n = 0;
  bool armed = false;  // settle gave some coroutine object the finalizer that reports it
  // Where the op in FRESH[i] was made, at i, for an op that keeps it
  // (Op::kept_where): the line (0 in debug mode, whose origin says it) and
  // the index of its function in FRESH_WHERE.
  struct Where {
    std::uint32_t line;
    std::uint32_t fn;
  };
  std::vector<Where> fresh_where;
  // The place push_op last looked up with lua_getinfo (the position of its
  // caller's call, lua_layout's call_position, and what it found), until
  // the next settle: a sleep made there again -- each task of a loop's,
  // W1, W3 -- is at that line of that function, known without a lookup
  // (~190 instructions). The function is FRESH_WHERE[where_last.fn], which
  // keeps its code, hence the position, from meaning another place.
  const void* where_pc = nullptr;
  Where where_last{};
  const void* where_fn = nullptr;  // FRESH_WHERE[where_last.fn] (lua_topointer), or null
  std::vector<OpKind> op_kinds;
  // run_once's due deadline ids (timers.cpp's enqueue_due), of which the
  // first fired_done are enqueued already (an enqueue that raised left the
  // rest for the next iteration).
  std::vector<DeadlineHeap::Id> fired;
  // The most deadlines pending at once since their slots last let go of
  // their room (timers.cpp's let_go_of_deadlines).
  lua_Integer deadlines_held = 0;
  std::size_t fired_done = 0;
  // By deadline id (timers.cpp): 1 for a task's wake-up (a sleep: its task
  // in the A slot, nothing in the Fn and B slots), 0 for an entry fn(a, b)
  // held in the three slots. (A byte an id: a million sleepers, 1 MB.)
  std::vector<std::uint8_t> deadline_wake;
  // Debug mode (loop:set_debug): every op records where it was made, and
  // the never-awaited check collects at every step that needs it.
  bool debug = false;
  // Debug mode's slow-step threshold (loop.slow_callback_duration): a ready
  // entry that runs at least this long on the loop's clock is reported.
  double slow_step = 0.1;
  // Tracing (--trace, --timeline, asyncio/trace.lua): every ready entry is
  // timed and handed to trace_step.
  bool trace = false;
  // Live inspection (--inspect, diag/inspect.cpp): every ready entry is
  // timed and told to it (entry_watch.hpp), which it owns; null when off.
  EntryWatch* entry_watch = nullptr;
  // debug || trace || entry_watch (note_timed): run_ready times each entry.
  // One flag, read once a batch.
  bool timed = false;
  // While the entries are timed: when the entry running now began, on the
  // loop's clock, for all who ask (a trace records the step that os.exit
  // ends: trace.lua; live inspection publishes it: entry_watch.hpp). Set by
  // start_entry (ready_queue.cpp) alone.
  double entry_start = 0;
  // The same instant on Clock::work (what debug mode measures a slow step
  // on, under the virtual clock). Set by start_entry alone.
  double entry_work_start = 0;
  // check_unawaited's budget: on a large heap its next collection comes no
  // sooner than next_check (monotonic seconds), so collecting takes at most
  // a twentieth of the time.
  double next_check = 0;
  // Identities (lua_topointer) of values the upvalues anchor for the state's
  // life: comparing them costs one API call where lua_rawequal costs three.
  const void* op_mt = nullptr;
  const void* await = nullptr;
  const void* done = nullptr;  // task.lua's DONE, which every task body returns first (task_body.cpp)
  // K[kSlotFinished], the short string "FINISHED": interned, so a STATE
  // is FINISHED exactly when it is this string.
  const void* finished = nullptr;
  // K[kSlotTaskMt], task.lua's Task, which K anchors from when task.lua
  // loads on (gather.cpp's register_child reads it at its first use).
  const void* task_mt = nullptr;
  // The function spawn last found not to be an async function's wrapper
  // (K[kSlotAsyncBodies] has no entry for it), or null: spawn of it again
  // skips the lookup (bench W1 spawns one function 200,000 times). Only
  // async_wrap makes wrappers, and it clears this, so a wrapper made where
  // a collected function was is never taken for it.
  const void* plain_fn = nullptr;
  // Tasks whose _must_cancel is true, or were when they were collected
  // (task.lua reports each change: note_cancel): never fewer than there are.
  // While it is 0, the step (before and after its resume) and ends_plainly
  // know their task's _must_cancel is false without reading it.
  lua_Integer pending_cancels = 0;
  // First steps that wait for memory (ready_queue.cpp's park_first_step):
  // K[kSlotParked][parked_first .. parked_last] (empty: first > last),
  // parked_tasks of them. They are scheduled again (unpark_first_steps) on
  // relief from memory at once; at the next iteration (unpark) when a task
  // was cancelled or the runtime shuts down. When the loop has nothing else
  // to run, a collection (at most a twentieth of the time, and whenever the
  // loop would stall) may bring relief; a loop that stalls all the same
  // stalls (the runner's report says how many tasks wait for memory).
  lua_Integer parked_first = 1;
  lua_Integer parked_last = 0;
  lua_Integer parked_tasks = 0;
  bool unpark = false;
  // Futures (and tasks) that became done so far: future.lua's set_results,
  // set_failure and set_cancelled and finish.cpp's finish_plainly, the places
  // a STATE leaves PENDING, count here (never wraps). run_until reads the
  // STATE of the future it runs until only when this moved.
  std::uint64_t done_count = 0;
  // The tasks made so far without a name (Task-<n>: n is their count when
  // made) and with one: spawn.cpp's spawn and task.lua's new_task
  // (core.count_task) count here.
  lua_Integer unnamed_tasks = 0;
  lua_Integer named_tasks = 0;
  // Whether the driver's client (K[kSlotClient]) had an io_ready or io_hook
  // when it became the client (driver.cpp's set_client): run_once asks
  // those every iteration, and only the REPL has them.
  bool client_io_hooks = false;
};

// Sets Kernel::timed after debug, trace or entry_watch changed.
inline void note_timed(Kernel& k) { k.timed = k.debug || k.trace || k.entry_watch != nullptr; }

// The kernel of the Lua state this thread runs (one per thread: the loop
// thread owns its state: docs/architecture.md). Set by open_kernel.
Kernel& kernel(lua_State* L);

// [-0, +0] Raises RuntimeError "Event loop is closed" (CPython's text for a
// closed loop) once the runtime began to close (Kernel::closed). Every
// binding that opens a libuv handle, starts a libuv request or submits a
// worker job calls it before any object with a destructor exists.
int raise_loop_closed(lua_State* L);
inline void check_loop_open(lua_State* L) {
  if (kernel(L).closed) raise_loop_closed(L);
}

// driver.cpp: I/O sources noted by their libuv callbacks (IoSource above).
void note_io(Kernel& k, IoSource* source);
void unnote_io(Kernel& k, IoSource* source);
// [-0, +0] Each noted I/O source delivers, in the order they were noted.
void deliver_io(lua_State* L, Kernel& k);
// [-0, +0] Before an entry joins the ready queue: the jobs that worker
// threads finished meanwhile join it first (Kernel::posted).
inline void take_posted(lua_State* L, Kernel& k) {
  // (The deliveries push a few values on a stack that its caller may have
  // used up to LUA_MINSTACK: without the room, the jobs wait for the poll.)
  if (k.posted->load(std::memory_order_relaxed) && !k.delivering && lua_checkstack(L, 8)) {
    k.take_posted();
    deliver_io(L, k);
  }
}

// [-0, +1] K[kSlotFirstFn + fn]: a Lua function of boundary.hpp.
inline void push_lua_fn(lua_State* L, LuaFn fn) { lua_rawgeti(L, up(L, kState), kSlotFirstFn + static_cast<int>(fn)); }

// [-0, +0] The one anchor of a userdata that C++ hands to libuv or to a
// thread: registry[reg][key] = the value at `index`, or nil when index is 0.
// reg names a table made when its module opened.
inline void set_anchor(lua_State* L, const char* reg, const void* key, int index) {
  index = index == 0 ? 0 : lua_absindex(L, index);
  lua_getfield(L, LUA_REGISTRYINDEX, reg);
  if (index == 0) {
    lua_pushnil(L);
  } else {
    lua_pushvalue(L, index);
  }
  lua_rawsetp(L, -2, key);
  lua_pop(L, 1);
}

// [-0, +1] t[key] for the key string held in upvalue `key`; t is absolute.
inline int get(lua_State* L, int t, int key) {
  lua_pushvalue(L, up(L, key));
  return lua_rawget(L, t);
}
// [-0, +0] The coroutine of the task at index `task` (absolute), or null
// (not started, or done).
inline lua_State* coroutine_of(lua_State* L, int task) {
  lua_rawgeti(L, task, kFieldCo);
  lua_State* co = lua_tothread(L, -1);
  lua_pop(L, 1);
  return co;
}
// [-0, +0] t[key] = the value at index v; t and v are absolute.
inline void set(lua_State* L, int t, int key, int v) {
  lua_pushvalue(L, up(L, key));
  lua_pushvalue(L, v);
  lua_rawset(L, t);
}
// [-0, +0] t[key] = nil; t is absolute.
inline void set_nil(lua_State* L, int t, int key) {
  lua_pushvalue(L, up(L, key));
  lua_pushnil(L);
  lua_rawset(L, t);
}
// The same for a field whose name K keeps (kSlotStrings, boundary.hpp):
// [-0, +1] t[K[slot]]; t is absolute.
inline int get_named(lua_State* L, int t, int slot) {
  lua_rawgeti(L, up(L, kState), slot);
  return lua_rawget(L, t);
}
// [-1, +0] t[K[slot]] = the value on the top; t is absolute.
inline void set_named(lua_State* L, int t, int slot) {
  lua_rawgeti(L, up(L, kState), slot);
  lua_insert(L, -2);
  lua_rawset(L, t);
}
// [-0, +0] t[K[slot]] = the value at index v, or nil for v = 0; t and v
// are absolute. (No lua_insert: a rotation costs as much as the store.)
inline void set_named_at(lua_State* L, int t, int slot, int v) {
  lua_rawgeti(L, up(L, kState), slot);
  if (v == 0) {
    lua_pushnil(L);
  } else {
    lua_pushvalue(L, v);
  }
  lua_rawset(L, t);
}

// [-0, +0] Whether the pending Task at t has no named field -- none of
// _scopes, _callbacks, _fut_waiter, _n... --, as most tasks never get one:
// then a plain task's first step and its end need not look each up. A table
// without a hash part has none (its keys are the integers of its array
// part), which its header tells (lua_layout's table_has_hash) without the
// two API calls that the length and a lua_next from the last field cost
// (~100 instructions, twice a task: W1, W3). A task whose named fields were
// all set to nil keeps its hash part: answered false, and each is looked up.
inline bool no_named_fields(lua_State* L, int t) { return !lua_layout::table_has_hash(lua_topointer(L, t)); }

// Debug builds (LUASYNC_CHECKS: Debug and the sanitizer build) check that a
// binding leaves the Lua stack as its stack effect says.
#ifdef LUASYNC_CHECKS
#define KERNEL_STACK_MARK(L) const int kernel_stack_mark_ = lua_gettop(L)
#define KERNEL_STACK_CHECK(L, delta)                                                               \
  do {                                                                                             \
    if (lua_gettop(L) != kernel_stack_mark_ + (delta))                                             \
      luaL_error(L, "internal error: %s left the stack at %d, expected %d", __func__, lua_gettop(L), \
                 kernel_stack_mark_ + (delta));                                                    \
  } while (0)
#define KERNEL_STACK_CHECK_AT(L, top)                                                                  \
  do {                                                                                                 \
    if (lua_gettop(L) != (top))                                                                        \
      luaL_error(L, "internal error: %s left the stack at %d, expected %d", __func__, lua_gettop(L), (top)); \
  } while (0)
#else
#define KERNEL_STACK_MARK(L) static_cast<void>(0)
#define KERNEL_STACK_CHECK(L, delta) static_cast<void>(0)
#define KERNEL_STACK_CHECK_AT(L, top) static_cast<void>(0)
#endif

// [-0, +0] Whether the task at `task` has _must_cancel set. Read only while
// some task has (Kernel::pending_cancels): otherwise it is false.
inline bool cancel_pending(lua_State* L, const Kernel& k, int task) {
  if (k.pending_cancels == 0) return false;
  const bool set = get(L, task, kKeyMustCancel) != LUA_TNIL && lua_toboolean(L, -1);
  lua_pop(L, 1);
  return set;
}

// ready_queue.cpp
// [-3, +0] appends the entry fn(a, b) on the top of the stack.
void enqueue(lua_State* L);
// [-1, +0] appends the wake-up of the task on the top of the stack from the
// sleep it waits in, whose deadline came due: as wake_entry(task), in one
// slot (ready_queue.cpp).
void enqueue_wake(lua_State* L);
// [-0, +0] schedules the step of the task at index `task`.
void schedule_step(lua_State* L, int task);
// [-0, +0] schedules the step of the task at index `task`, which wake() woke:
// in debug mode its waker's frames are noted (wait.hpp's note_step_origin),
// as schedule_step_in_batch and schedule_step_raising note them. True while
// tracing: wake() then calls trace_ready once the wait is marked woken.
bool schedule_woken_step(lua_State* L, int task);
// [-0, +0] schedules the step of the task at index `task` at the end of the
// batch that runs now, after its last entry and before anything the next
// iteration brings (outside a batch: as schedule_step). For the stop of a
// run (wait_stop).
void schedule_step_in_batch(lua_State* L, int task);
// [-0, +0] schedules the first step of the task live[seq] (an unnamed task
// just made, Task-<seq>).
void schedule_first_step(lua_State* L, lua_Integer seq);
// [-0, +0] The first step of the task at `task` waits for memory: see
// step.cpp.
void park_first_step(lua_State* L, int task);
// [-0, +0] Schedules the first steps that wait for memory again, in the
// order they came.
void unpark_first_steps(lua_State* L);
// [-0, +0] The loop has nothing to run but first steps that wait for
// memory: see Kernel::parked_tasks. stalled: nothing else can happen (then
// a collection is made whatever its pace). Answers whether they were
// scheduled again.
bool idle_with_parked(lua_State* L, Kernel& k, bool stalled);
// overrun.cpp. [-0, +0] A full collection (finalizers run): it answers
// the overruns so far (Kernel::overrun_since_collect).
void full_collection(lua_State* L, Kernel& k);
// collect_soon.cpp. Whether a request of collect_soon waits for its answer.
inline bool collect_pending(const Kernel& k) { return k.collect_asked || k.collect_covered; }
// Whether a request waits, and the loop, with nothing ready, may run a
// slice of its collection now instead of blocking: no deadline comes due
// before the slice would end or before the pace lets a busy loop run one.
bool collect_fits_idle(const Kernel& k);
// [-0, +0] Runs a slice (about a millisecond) of the collection that
// collect_soon asked for, if a request waits, when `idle` (nothing ready
// and no I/O waiting: collect_fits_idle held) or its pace allows
// (Kernel::next_collect).
void collect_if_asked(lua_State* L, Kernel& k, bool idle);
// A full collection for memory pressure, rationed to a twentieth of the
// time (Kernel::next_pressure_collect) unless `now`; answers whether it ran.
bool rationed_collection(lua_State* L, Kernel& k, bool now);
// [-0, +0] Whether the heap is beyond the tasks' limit after what a task's
// overrun asks for: a full collection, as Lua's emergency collection --
// unless one answered it already, or the last one left the heap beyond
// that limit and such collections have taken a twentieth of the time.
bool collect_for_overrun(lua_State* L, Kernel& k);
// Called by the allocator at an overrun (flag_out_of_memory): a count hook
// on the running task's coroutine makes collect_for_overrun at its next
// instruction (a task that goes on without waiting would take the rest up
// to its ceiling first, where a refusal raises at once in lauxlib's
// buffers, string.rep's). The step takes it off when it ends.
void arm_collect_hook(Kernel& k);
// Puts back the hook that the collection's took the place of. (Out of the
// step's way: inlined there, it cost every step registers, ~30
// instructions, W1.)
[[gnu::cold, gnu::noinline]] void put_back_hook(Kernel& k);
inline void disarm_collect_hook(Kernel& k, lua_State* co) {
  if (__builtin_expect(k.collect_hooked == co, 0)) put_back_hook(k);
}
// [-0, +0] schedules the step of the task at `task` raising the value at `exc`.
void schedule_step_raising(lua_State* L, int task, int exc);
// [-0, +0] Tracing (Kernel::trace; the caller checks it): what runs now --
// the running task, or the callback of the entry that runs -- woke the task
// at `task` through a wake-up that is no Future's (a Queue's put releasing
// a get, a get releasing a put): trace_wake(task), an error in it dropped.
void trace_wake(lua_State* L, int task);
// [-0, +0] Tracing (the caller checks Kernel::trace): the task at `task` was
// woken now, its step scheduled -- it is ready, and waits for the loop to
// run it: trace_ready(task), an error in it dropped. Called by wake() once
// the wait is marked woken (the hook runs Lua code, which may cancel).
void trace_ready(lua_State* L, int task);
// [-0, +0] runs the entries ready now, in order (entries they add wait for
// the next call), then settles the ops made meanwhile. `frame`: L's frame
// 0 (this_frame), which every step of the batch is called from.
void run_ready(lua_State* L, const void* frame);
inline lua_Integer ready_count(const Kernel& k) {
  return k.n[k.cur] + (k.rest_first == 0 ? 0 : k.rest_last - k.rest_first + 1) + (k.range_next == 0 ? 0 : 1);
}

// timers.cpp
// [-0, +0] Adds a deadline at `when` whose entry is the values at fn, a, b
// (absolute indices, 0 for nil); a is its owner. Returns its id.
DeadlineHeap::Id add_deadline(lua_State* L, double when, int fn, int a, int b);
// [-0, +0] Cancels a pending deadline whose owner is the value at `owner`.
bool cancel_deadline(lua_State* L, DeadlineHeap::Id id, int owner);
// [-0, +0] Moves the entries of the due deadlines in Kernel::fired to the
// ready queue, and empties it.
void enqueue_due(lua_State* L);
// [-0, +0] Adds a deadline at `when` that wakes the task at index `task`
// from the sleep it waits in: its ready entry is the task alone
// (ready_queue.cpp's enqueue_wake), its only Lua slot until then. The task
// is its owner. Returns its id.
DeadlineHeap::Id add_wake_deadline(lua_State* L, double when, int task);

// gc_pacing.cpp
// [-0, +0] A cycle of the collector ended (Kernel::cycle_ended): the pause
// for the next, and the sentinel that sees its end. run_ready calls it
// between entries. May raise (memory).
void pace_collector(lua_State* L, Kernel& k);

// gather.cpp
// Whether the value at i is a gather's done callback (one of the runtime's own).
bool is_gather_callback(lua_State* L, int i);
// [-0, +0] A child of the gather whose callback is at cb finished with its
// results -- the value at `result`, none for 0 -- and the callback is about
// to be scheduled: the gather records the result if it keeps its
// children's (a child numbered seq, 0 for a named one), and answers true
// when it counted the child at once instead (gather.cpp says when), and
// the callback must not be scheduled.
bool gather_counts_now(lua_State* L, int cb, lua_Integer seq, int result);

// finish.cpp
// Whether a task's coroutine, which returned nres values (on its stack),
// ended as finish_plainly takes over: its body returned DONE, true and at
// most one result that cannot be a coroutine object to run next.
bool returned_plainly(const Kernel& k, lua_State* co, int nres);
// [-0, +0] Whether the task at `task` (absolute), whose body returned
// plainly, can end in finish_plainly: no scope of its is open, no
// cancellation requested. *named: whether it has named fields.
bool ends_plainly(lua_State* L, const Kernel& k, int task, bool* named);
// [-0, +0] Ends that task with the result at `result` (absolute; 0: none),
// as after_resume, finish and set_results would: it is done, its done
// callbacks are scheduled. Raises only for memory (scheduling), with the
// task done. Needs kFinishSlots free stack slots: what a binding gets.
void finish_plainly(lua_State* L, int task, int result, bool named);
inline constexpr int kFinishSlots = LUA_MINSTACK;

// step.cpp
// [-0, +0] one step of the task at `task`, raising the value at `exc` at its
// await (exc is the top of the stack; nil: a plain resume). Leaves the stack
// as it found it. `frame` is the frame that calls it, L's frame 0 (lua_Debug's
// i_ci, this_frame): a batch of steps called from one frame looks it up
// once.
void step(lua_State* L, int task, int exc, const void* frame);
// L's frame 0, as step wants it (null if L runs none).
inline const void* this_frame(lua_State* L) {
  lua_Debug ar;
  return lua_getstack(L, 0, &ar) ? ar.i_ci : nullptr;
}

// ops.cpp
// [-0, +0] Lets go of the coroutine objects made since the last settle,
// giving each op still unstarted the finalizer that reports it. With
// `record`, the unstarted ones not known to be held join K[kSlotUnstarted];
// answers how many did.
lua_Integer settle(lua_State* L, bool record = false);
// [-0, +0] A task step ended having made coroutine objects: settles them
// and, if some were left unstarted, runs a collection so the ones nobody
// holds are reported now (rate-limited, but in debug mode).
void check_unawaited(lua_State* L);

// step.cpp: [-0, +1] pushes the current task (Kernel::current), nil
// outside a step.
void push_current_task(lua_State* L);
// [-0, +0] Adds the coroutine object at index i to FRESH.
void fresh_add(lua_State* L, int i);

// coro.cpp
// [-0, +1] The innermost frame of the user's code (no runtime frame): pushes
// its function and answers its current line, or pushes nil and answers 0.
// (Formatting "src:line" waits for a report that needs it: op_where.)
int push_where(lua_State* L);
// [-0, +n] Pushes the n arguments of the coroutine object at `coro` and
// takes them out of it: from its start, the call that runs it owns them (the
// Lua stack of that call frees them when it ends, or sooner if the function
// drops them), as CPython's frame does, not the object, which a finished
// task or the user may keep. The caller made room for n + 1 values.
void take_coro_args(lua_State* L, int coro, int n);

// The bindings of each file, for open.cpp. A *_k_funcs list, and those
// open.cpp registers with kOnlyState, reads no kernel upvalue but K
// (kernel.hpp's up() checks it in Debug builds).
extern const luaL_Reg ready_queue_funcs[];
extern const luaL_Reg ready_queue_k_funcs[];
extern const luaL_Reg timer_funcs[];
extern const luaL_Reg timer_k_funcs[];
extern const luaL_Reg driver_funcs[];
extern const luaL_Reg driver_k_funcs[];
extern const luaL_Reg op_funcs[];
extern const luaL_Reg op_k_funcs[];
extern const luaL_Reg coro_funcs[];
extern const luaL_Reg coro_k_funcs[];
extern const luaL_Reg coroutine_funcs[];  // the first kAwait upvalues
extern const luaL_Reg coroutine_k_funcs[];
// coroutine.status and coroutine.close, each with K and Lua's own after it.
extern const luaL_Reg coroutine_status_funcs[];
extern const luaL_Reg coroutine_close_funcs[];
void set_yield_throw(lua_State* L, int core);  // [-0, +0] core.YIELD_THROW (coroutines.cpp)
extern const luaL_Reg stack_reserve_funcs[];
extern const luaL_Reg task_body_funcs[];
extern const luaL_Reg exit_funcs[];
int l_raw_exit(lua_State* L);  // core.raw_exit (exit.cpp)
extern const luaL_Reg spawn_funcs[];
extern const luaL_Reg spawn_k_funcs[];
extern const luaL_Reg step_k_funcs[];
extern const luaL_Reg gather_funcs[];
extern const luaL_Reg gather_k_funcs[];
extern const luaL_Reg collect_funcs[];

// [-0, +0] The tables at the kernel upvalues ups[0..n-1] let go of the room
// their emptied slots keep, sized to what they hold: Lua resizes a table's
// parts only when a new key finds no room, and a key added to an empty hash
// part never does, so one key added and removed resizes it. (A table whose
// keys went to its hash part keeps its nodes: only its array shrinks so.)
// Protected: the key's node is memory, and not getting it only leaves the
// room be. Callers do it when a table holds under a quarter of what it
// held, at a point they pass anyway, so the regrowth is amortized.
void shrink_tables(lua_State* L, const int* ups, int n);
// Tables that once held this many slots are worth shrinking.
inline constexpr lua_Integer kShrinkSlots = 4096;
// [-0, +0] FRESH, FRESH_WHERE and fresh_where give back the room a step that
// made many ops grew (300,000 tasks made in one step: 8 MB of FRESH's
// array), which they keep, empty, once settled (ops.cpp). run_ready does
// it at a batch's end once fresh_held is large and the ready queue holds
// under a quarter as many entries: not while a wave of that size is under
// way (W1 makes N tasks, runs them, makes N again), whose next step would
// grow the arrays again.
void let_go_of_fresh(lua_State* L, Kernel& k);

// Registers funcs into the table at index t with the kernel upvalues and,
// after them, the `extra` values on the top of the stack (popped). With
// `upvalues` below kKernelUpvalues (kOnlyState), the first that many only:
// the extras then follow those (a binding that reads its own at
// kKernelUpvalues + 1 needs every kernel upvalue).
void register_funcs(lua_State* L, int t, const luaL_Reg* funcs, int extra, int upvalues = kKernelUpvalues);

// [-extra, +1] Replaces the `extra` values on the top with a closure of fn
// whose upvalues are the kernel's, then those values (from kKernelUpvalues
// + 1): a binding made at run time (async(fn), coroutine.wrap, gather's
// callback).
void push_kernel_closure(lua_State* L, lua_CFunction fn, int extra = 1);

// Whether the value at idx is one of the module's functions written in Lua,
// entered through a binding (core.entry: asyncio.gather, async): a function
// of the runtime as its Lua code is (to_thread refuses it so).
bool is_module_entry(lua_State* L, int idx);

}  // namespace luasync::kernel
