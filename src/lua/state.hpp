#pragma once
#include <lua.hpp>

#include "lua/prefault.hpp"
#include "lua/slab_heap.hpp"
#include "lua/startup_arena.hpp"
#include "runtime/loop.hpp"

namespace luasync {

// The Lua state of a runtime: standard libraries, the `time` module, the
// kernel (src/kernel: its bindings are the internal module luasync.core),
// and the Lua half of the runtime (src/**/*.lua, compiled in) with
// `asyncio`, `async` and `await` as globals. The Loop must outlive the state.
class LuaState {
 public:
  // ignore_env: like lua -E, package paths ignore LUA_PATH / LUA_CPATH.
  LuaState(Loop& loop, bool ignore_env);
  ~LuaState();
  LuaState(const LuaState&) = delete;
  LuaState& operator=(const LuaState&) = delete;

  lua_State* L() { return L_; }
  // Bytes the Lua state's heap may have in use (its large blocks and the
  // slab heap's spans that hold a block: see held_after): 3/4 of physical
  // memory, or LUASYNC_MEMORY_LIMIT (MiB), and at most 3/4 of the address
  // space left under `ulimit -v` / `-d` (the rest is for C++ and libuv,
  // whose allocations must not fail). See allocate for how it is used.
  static std::size_t default_memory_limit();
  // kernel/open.hpp's memory_short_for_task_start and memory_relieved.
  static bool short_of_memory(lua_State* L);
  static bool relieved(lua_State* L);
  static bool over_task_limit(lua_State* L);
  // How many small blocks are malloc's (see foreign_): 0 but when the
  // system ran out of memory.
  std::size_t foreign_blocks() const { return foreign_count_; }
  // Frees every Lua object (finalizers report never-awaited coroutines and
  // unretrieved errors) and the state itself. Idempotent.
  void close();
  // The program's end: lua_close runs every finalizer, then the process
  // leaves with status, as returning it from main does (atexit handlers,
  // stdio flushed), without freeing the objects one by one: the system
  // takes the whole heap back (freeing was a twelfth of `luasync -e ''`,
  // and ~500 instructions a task for a program that made many: bench W6,
  // W1). Where leaks are checked (ASan, valgrind's memcheck: no slab heap)
  // the state is freed and this returns.
  void close_at_exit(int status);

 private:
  static void* allocate(void* ud, void* ptr, std::size_t osize, std::size_t nsize);
  void* allocate_more(void* ptr, std::size_t osize, std::size_t nsize);
  static void on_warning(void* ud, const char* msg, int tocont);

  bool warnings_on_ = false;
  bool warning_continued_ = false;

  std::size_t used_ = 0;
  std::size_t limit_;
  // A task is refused memory sooner than the runtime is, so that what runs
  // when it fails -- its cleanup, the other tasks' cancellation, shutdown --
  // finds memory left (see allocate).
  std::size_t reserve_;
  std::size_t task_ceiling_;       // where a task that does not wait is refused (see allocate)
  // The block (or null), size and task of the last request refused to a
  // task, to recognise Lua's retry after its emergency collection (size 0:
  // none), and what undoes the note of that refusal if the retry is granted.
  const void* refused_ = nullptr;
  std::size_t refused_size_ = 0;
  const void* refused_task_ = nullptr;
  unsigned refusal_undo_ = 0;
  // Refuses the running task's request (if a task runs): Lua raises "not
  // enough memory" in it now, or after its emergency collection if the
  // retry is refused too (kernel/open.hpp's note_memory_refused).
  void refuse(const void* ptr, std::size_t nsize, bool retry);
  bool pressure_ = false;          // a task went beyond the tasks' limit, and memory has not fallen well below it since
  void relieve();                  // memory fell well below the tasks' limit
  void* place(void* ptr, std::size_t old, std::size_t nsize);
  std::size_t held_after(std::size_t old, std::size_t nsize);
  std::size_t large_ = 0;  // of used_, the blocks beyond the slab heap's
  bool closing_ = false;   // lua_close runs: the counts above are read no more
  int exit_status_ = -1;   // close_at_exit's status: the last finalizer leaves with it
  static int last_finalizer(lua_State* L);
  // The blocks of a small size that are malloc's: a large block that Lua
  // shrank to a small size when the slab heap could not take a block in
  // (Lua must not be refused a shrink), kept where it was. Empty but when
  // the system is out of memory.
  static constexpr std::size_t kForeign = 256;
  void* foreign_[kForeign];
  std::size_t foreign_count_ = 0;
  bool is_foreign(const void* block) const;
  void remember_foreign(void* block);
  bool forget_foreign(const void* block);  // whether it was one

  // Before L_: the allocator uses them from lua_newstate to lua_close.
  const bool slab_;  // small blocks come from small_ (not under ASan, memcheck or massif)
  StartupArena arena_;
  SlabHeap small_;
  Prefault prefault_;
  lua_State* L_;
};

// Opens the runtime on L, a state with the standard libraries: the kernel,
// the I/O and thread modules, `time`, print on the standard streams, and the
// Lua half with its globals (prelude.lua). Answers null, or the error (a
// string on L's stack) that stopped it. Used by LuaState and by the module
// for stock Lua (src/module/).
const char* open_runtime(lua_State* L, Loop& loop);
// Closes what the runtime opened on L and the loop, in the order of
// docs/architecture.md (the tasks are done: the runner cancelled them). Lua
// itself is left open. A worker thread still running a job (ThreadBusy) or a
// file or name request that does not end (RequestBusy) must outlive the
// state and the loop: the caller leaves with _Exit then.
enum class RuntimeClose { Clean, ThreadBusy, RequestBusy };
RuntimeClose close_runtime(lua_State* L, Loop& loop);
// Frees the kernel open_runtime made, once nothing of the state can reach
// it: after lua_close (LuaState), or in the module's own finalizer, which
// lua_close runs after those of everything the runtime made.
void free_runtime_kernel();
// [-0, +0] The module time (package.loaded.time) and _G.time (time_module.cpp).
void open_time(lua_State* L, Loop& loop);
// [-0, +0] The same on a given clock; loop_thread: time.sleep raises
// KeyboardInterrupt when Ctrl-C cut it short (a worker's does not).
void open_time_on(lua_State* L, Clock& clock, bool loop_thread);
// [-0, +0] The loader of luasync.terminal, the REPL's line input (repl/),
// run at its first require (the REPL's, the timeline's): a script needs
// none of its ~17 functions (W6).
void open_terminal(lua_State* L, Loop& loop);
// [-0, +0] print, io.write and file:write on the standard streams, and
// package.loaded["luasync.stdout"] (stdio.cpp). After luaL_openlibs.
void open_stdio(lua_State* L);
// Takes a worker thread's text for stdout (text null: a flush of what it
// took), or answers false (it is not taking any now: the worker writes it
// itself).
using StdoutSink = bool (*)(const char* text, std::size_t len);
// [-0, +0] For a worker thread's state (threads/worker.cpp): io.write and
// file:write on io.stdout hand their text to `sink`, io.flush and
// file:flush on it a flush, and are Lua's own when it does not take them
// (stdio.cpp). After luaL_openlibs.
void open_worker_stdio(lua_State* L, StdoutSink sink);
// [-0, +0] The C searchers of package.searchers run the loaders they find
// on the main thread (c_modules.cpp). After luaL_openlibs.
void open_c_modules(lua_State* L);

}  // namespace luasync
