#include "lua/state.hpp"

#include <sys/resource.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iterator>

#include "asyncio/queue_core.hpp"
#include "asyncio/reader_ops.hpp"
#include "diag/inspect.hpp"
#include "http/http.hpp"
#include "io/fd_watch.hpp"
#include "io/fs.hpp"
#include "io/process.hpp"
#include "io/signals.hpp"
#include "io/stream.hpp"
#include "io/text_codec.hpp"
#include "kernel/boundary.hpp"
#include "kernel/open.hpp"
#include "lua/errors.hpp"
#include "lua/output.hpp"
#include "lua/runtime_modules.hpp"
#include "lua/traceback.hpp"
#include "threads/threads.hpp"

namespace luasync {

namespace {

// The openers of the bindings opened at first use, in order.
void (*const kLazyOpeners[])(lua_State*) = {
    io::open_fd_watch,      io::open_streams_module,   io::open_processes_module,
    io::open_fs_module,     io::open_signals_module,   threads::open_threads_module,
    http::open_http_module, diag::open_inspect_module, io::open_text_codec_module,
    open_reader_ops,
};

// The luasync binaries load the C math library when first needed
// (src/cli/math_on_demand.cpp), and before the bindings that make
// descriptors open: loading it takes one. Not defined where libm is linked
// (the module for stock Lua, the unit tests).
extern "C" [[gnu::weak]] bool luasync_load_libm();

// __index of luasync.core (at 1) until the lazy bindings are open: opens
// them and answers the field (key at 2). The metatable (upvalue 1) counts
// the openers that succeeded at [1], so one that raises (no memory) is the
// next to run on the next lookup, and none runs twice.
int l_open_lazy_bindings(lua_State* L) {
  if (luasync_load_libm) luasync_load_libm();
  lua_settop(L, 2);
  const int mt = lua_upvalueindex(1);
  lua_rawgeti(L, mt, 1);
  auto done = static_cast<std::size_t>(lua_tointeger(L, -1));
  lua_pop(L, 1);
  for (; done < std::size(kLazyOpeners); ++done) {
    kLazyOpeners[done](L);
    lua_pushinteger(L, static_cast<lua_Integer>(done) + 1);
    lua_rawseti(L, mt, 1);
  }
  lua_pushnil(L);
  lua_setmetatable(L, 1);
  lua_rawget(L, 1);
  return 1;
}

// The bindings of the I/O (with the StreamReader's read ops), thread, HTTP
// and inspector modules -- their luasync.core functions, metatables and
// registry tables -- open at the first lookup of a name luasync.core lacks,
// not at startup: most programs use none of them, and making their
// functions (each a closure with the kernel's upvalues) was ~5% of the
// instructions of `luasync -e ''` (W6).
// What shuts them down (close_runtime) finds nothing open if they never
// were. lua-cjson's loader is not one of them: it is registered now.
void open_lazy_bindings(lua_State* L) {
  push_runtime_modules(L);
  lua_getfield(L, -1, "luasync.core");
  lua_createtable(L, 1, 1);
  lua_pushvalue(L, -1);
  lua_pushcclosure(L, l_open_lazy_bindings, 1);
  lua_setfield(L, -2, "__index");
  lua_setmetatable(L, -2);
  lua_pop(L, 2);
  http::preload_cjson(L);
}

}  // namespace

std::size_t LuaState::default_memory_limit() {
  if (const char* env = std::getenv("LUASYNC_MEMORY_LIMIT")) {
    char* end = nullptr;
    unsigned long long mib = std::strtoull(env, &end, 10);
    if (end != env && mib > 0) return static_cast<std::size_t>(mib) << 20;
  }
  long pages = sysconf(_SC_PHYS_PAGES);
  long page = sysconf(_SC_PAGESIZE);
  if (pages <= 0 || page <= 0) return SIZE_MAX;
  std::size_t limit = static_cast<std::size_t>(pages) / 4 * 3 * static_cast<std::size_t>(page);
  // Under ulimit -v or -d, malloc fails at the process's limit, wherever it
  // is called (a C++ exception from a container, libuv aborting): the Lua
  // state stays within 3/4 of what is left when it starts.
  std::size_t in_use = SIZE_MAX;  // read when a limit needs it
  for (int resource : {RLIMIT_AS, RLIMIT_DATA}) {
    rlimit rl{};
    if (getrlimit(resource, &rl) != 0 || rl.rlim_cur == RLIM_INFINITY) continue;
    if (in_use == SIZE_MAX) {
      in_use = 0;
      if (std::FILE* f = std::fopen("/proc/self/statm", "r")) {
        unsigned long vm_pages = 0;
        if (std::fscanf(f, "%lu", &vm_pages) == 1) in_use = vm_pages * static_cast<std::size_t>(page);
        std::fclose(f);
      }
    }
    std::size_t room = rl.rlim_cur > in_use ? rl.rlim_cur - in_use : 0;
    limit = std::min(limit, room / 4 * 3);
  }
  return limit;
}

namespace {
// Under AddressSanitizer every block goes to malloc, so Lua's objects keep
// its redzones and quarantine (a block of the slab heap would be reused at
// once, with no redzone between it and the next).
// GCC defines __SANITIZE_ADDRESS__, clang answers __has_feature.
#if defined(__SANITIZE_ADDRESS__)
#define LUASYNC_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define LUASYNC_ASAN 1
#endif
#endif
#ifdef LUASYNC_ASAN
constexpr bool kSlabHeap = false;
constexpr std::size_t kArenaSize = 0;
#else
constexpr bool kSlabHeap = true;
// What `luasync -e ''` allocates in all (~270 KB since its start loads
// less: bench/RESULTS.md, 2026-12-07), with a little room to spare: every
// page of it is written (populated) at start, used or not, ~1.5 µs a page
// on the project's VM.
constexpr std::size_t kArenaSize = 288 * 1024;
#endif

// The bytes a block of n bytes takes, as the allocator counts them: a small
// block, its class's size (the memory it holds); another, n (malloc's
// header and rounding are not counted, as they never were).
inline std::size_t charge(bool slab, std::size_t n) { return slab && SlabHeap::fits(n) ? SlabHeap::class_size(n) : n; }

// Under a valgrind tool that replaces malloc (memcheck, massif, ...) every
// block goes to malloc too, so that the tool sees Lua's objects (massif
// counts them for bench/w3_memory.sh). Valgrind preloads vgpreload_core and
// the tool's own vgpreload_<tool>; callgrind (bench/instructions.sh) has
// none of its own and measures the slab heap.
bool under_valgrind_malloc() {
  const char* preload = std::getenv("LD_PRELOAD");
  for (const char* p = preload; p != nullptr && (p = std::strstr(p, "/vgpreload_")) != nullptr;) {
    p += std::strlen("/vgpreload_");
    if (std::strncmp(p, "core-", 5) != 0) return true;
  }
  return false;
}

}  // namespace

// lua_Alloc with a ceiling (see default_memory_limit). osize is the old
// block's size when ptr is not null. The ceiling is on the bytes the heap
// has in use (held_after): its large blocks and the slab heap's spans that
// hold a block; a request met by a block at hand needs no check.
//
// Running out. Lua answers a failed allocation with an emergency
// collection, a pass over the whole heap, before it raises "not enough
// memory": with 100,000 tasks at the limit, failing each one's allocations
// in turn took hours. So a task that takes memory beyond limit_ - reserve_
// gets it, and is flagged instead: a full collection follows, and if the
// heap is still beyond that limit, its next wait raises "not enough memory"
// (kernel/overrun.cpp: once a collection found live data, the next ones are
// rationed), so its <close> handlers and pcall run as the error unwinds
// and what it held is freed. Only a task
// that goes on without waiting is refused, at task_ceiling_ (which moves up
// a little after each such failure, so that what runs next can run). The
// kernel's own work between steps (scheduling, a task's first coroutine)
// is refused only at limit_: the runtime's bookkeeping keeps at least an
// eighth of the reserve to itself. So that first coroutines do not take
// it all (thousands of tasks spawned by one REPL input did, and the next
// task's end was refused: an internal error), a first step waits while
// memory is short (short_of_memory, kernel/step.cpp). At the very end
// (runtime_shutting_down), cancelling the tasks left, their cleanup and
// their finish may go beyond limit_ by the reserve and a little for each
// task (shutdown_allowance): N tasks' cancellations need their N errors and
// ready entries at once, before any of them frees what it held; a refusal
// in the runtime's part left the rest uncancelled, their cleanup unrun (an
// internal error), and one in a task's cleanup made it fail. What runs
// away still stops there.
void* LuaState::allocate(void* ud, void* ptr, std::size_t osize, std::size_t nsize) {
  auto* self = static_cast<LuaState*>(ud);
  // The common cases first, in a function that saves no registers: a new
  // small block at hand in the slab heap or from the startup arena (no
  // check, see below), and a small block given back. allocate_more does the
  // rest: a small block given back while foreign blocks exist, new blocks
  // that need the heap to grow, large blocks, every block with no slab heap.
  if (self->slab_) {
    if (ptr == nullptr) {
      if (SlabHeap::fits(nsize)) {
        const std::size_t n = SlabHeap::class_size(nsize);
        void* block = self->small_.take_at_hand(n);
        if (block == nullptr) block = self->arena_.take(n);
        if (block != nullptr) {
          self->used_ += n;
          return block;
        }
      }
    } else if (nsize == 0 && SlabHeap::fits(osize) && self->foreign_count_ == 0) {
      // lua_close frees every block of the runtime's start: one of the
      // arena is never reused (StartupArena), and nothing counts any more.
      if (self->arena_.owns(ptr)) {
        if (self->closing_) return nullptr;
        self->used_ -= SlabHeap::class_size(osize);
      } else {
        // Last, so that nothing is live across its rare call (gave_slow).
        self->used_ -= SlabHeap::class_size(osize);
        self->small_.give(ptr);
      }
      return nullptr;
    }
  }
  return self->allocate_more(ptr, osize, nsize);
}

[[gnu::noinline]] void* LuaState::allocate_more(void* ptr, std::size_t osize, std::size_t nsize) {
  LuaState* const self = this;
  const std::size_t old = ptr ? charge(self->slab_, osize) : 0;
  nsize = charge(self->slab_, nsize);
  if (nsize == 0) {
    if (ptr != nullptr) {
      if (self->arena_.owns(ptr)) {
        // stays in the arena, unused
      } else if (self->slab_ && SlabHeap::fits(old) && !(self->foreign_count_ > 0 && self->forget_foreign(ptr))) {
        self->small_.give(ptr);
      } else {
        std::free(ptr);
      }
      if (!SlabHeap::fits(old)) self->large_ -= old;
      self->used_ -= old;
    }
    return nullptr;
  }
  // A new block from the startup arena, while it has room, is memory the
  // state holds already, as a block at hand is: no check. (Nearly every
  // block of the runtime's start. allocate tried the small ones, and the
  // slab heap's blocks at hand, already.)
  const bool small_tried = self->slab_ && SlabHeap::fits(nsize);
  if (ptr == nullptr && !small_tried) {
    if (void* block = self->arena_.take(nsize)) {
      self->used_ += nsize;
      if (!SlabHeap::fits(nsize)) self->large_ += nsize;
      return block;
    }
  }
  if (nsize > old) {
    // Lua answers a refusal with an emergency collection, which asks for no
    // new memory, and asks again (the same block and size) -- unless it
    // cannot collect then --, and raises when refused again; lauxlib's
    // buffers raise at once. So the next request that grows a block is
    // that retry or none will come. A retry undoes what the refusal noted,
    // until it is refused too.
    bool retry = false;
    if (self->refused_size_ != 0) {
      retry = ptr == self->refused_ && nsize == self->refused_size_ && running_task_coroutine() == self->refused_task_;
      self->refused_size_ = 0;
      if (retry) withdraw_memory_refusal(self->refusal_undo_);
    }
    const std::size_t need = self->held_after(old, nsize);
    const std::size_t task_limit = self->limit_ - self->reserve_;
    if (need > task_limit) {
      if (need > self->limit_ &&
          (!runtime_shutting_down() || need > self->limit_ + self->reserve_ + shutdown_allowance())) {
        self->refuse(ptr, nsize, retry);
        return nullptr;
      }
      if (running_task_coroutine() != nullptr) {
        if (need > self->task_ceiling_) {
          // The retry refused too: the ceiling moves up a step for what
          // runs next (the failed task's cleanup, the next REPL input), up
          // to limit_ - reserve_ / 8.
          if (retry) {
            self->task_ceiling_ = std::min(self->task_ceiling_ + self->reserve_ / 8, self->limit_ - self->reserve_ / 8);
          }
          self->refuse(ptr, nsize, retry);
          return nullptr;
        }
        flag_out_of_memory();
        self->pressure_ = true;
      }
    } else if (self->pressure_ && self->used_ - old + nsize + self->reserve_ < task_limit) {
      self->relieve();
    }
  }
  void* block = self->place(ptr, old, nsize);
  // A shrink that cannot get its new block keeps the old one, which has
  // room enough: Lua requires that shrinking never fails.
  if (block == nullptr && nsize < old) {
    block = ptr;
    if (self->slab_ && SlabHeap::fits(nsize) && !SlabHeap::fits(old)) self->remember_foreign(ptr);
  }
  if (block) {
    self->used_ = self->used_ - old + nsize;
    if (!SlabHeap::fits(old)) self->large_ -= old;
    if (!SlabHeap::fits(nsize)) self->large_ += nsize;
    if (nsize > old && !(self->slab_ && SlabHeap::fits(nsize)) && !self->arena_.owns(block))
      self->prefault_.after_alloc(block, nsize, self->used_);
  }
  return block;
}

void LuaState::refuse(const void* ptr, std::size_t nsize, bool retry) {
  const void* task = running_task_coroutine();
  if (task == nullptr) return;
  const unsigned undo = note_memory_refused();
  if (!retry) {
    refused_ = ptr;
    refused_size_ = nsize;
    refused_task_ = task;
    refusal_undo_ = undo;
  }
}

bool LuaState::short_of_memory(lua_State* L) {
  void* ud = nullptr;
  if (lua_getallocf(L, &ud) != &LuaState::allocate) return false;
  auto* self = static_cast<LuaState*>(ud);
  if (self->pressure_) return true;
  // A coroutine with its first stack and CallInfo, and what a body first
  // allocates: about 1.5 KB.
  constexpr std::size_t kTaskStart = 2048;
  // Half the reserve is left between: the runtime's bookkeeping of the
  // tasks that wait, and what the program's main task or the next REPL
  // input does. In the bytes in use, as relief is (not in those held,
  // which a heap in pieces keeps higher): relief must open what this closed.
  if (self->used_ + kTaskStart <= self->limit_ - self->reserve_ - self->reserve_ / 2) return false;
  self->pressure_ = true;
  return true;
}

bool memory_short_for_task_start(lua_State* L) { return LuaState::short_of_memory(L); }
bool memory_relieved(lua_State* L) { return LuaState::relieved(L); }
bool memory_over_task_limit(lua_State* L) { return LuaState::over_task_limit(L); }

// After the full collection that a task's overrun asked for: whether what
// is alive is still beyond the tasks' limit (then the task's wait raises).
// In the bytes in use, as the first steps' throttle and its relief count:
// the bytes held run ahead of them (each size class keeps a span partly
// filled, and a span is held while one block in it lives: 2.5 MB with
// 20,000 tasks at a 32 MB limit, more than the half reserve between the
// throttle's line and this one), so counted in those, a first step the
// throttle let through failed with "not enough memory" while most of the
// heap was room. The bytes held stay bounded by limit_, where the
// allocator refuses.
bool LuaState::over_task_limit(lua_State* L) {
  void* ud = nullptr;
  if (lua_getallocf(L, &ud) != &LuaState::allocate) return false;
  auto* self = static_cast<LuaState*>(ud);
  return self->used_ > self->limit_ - self->reserve_;
}

void LuaState::relieve() {
  pressure_ = false;
  task_ceiling_ = limit_ - reserve_ / 2;
  note_memory_relief();
}

bool LuaState::relieved(lua_State* L) {
  void* ud = nullptr;
  if (lua_getallocf(L, &ud) != &LuaState::allocate) return true;
  auto* self = static_cast<LuaState*>(ud);
  if (self->pressure_ && self->used_ + self->reserve_ < self->limit_ - self->reserve_) self->relieve();
  return !self->pressure_;
}

// The bytes the state's heap would have in use once a request for nsize >
// old bytes is met: its blocks beyond the slab heap's, and the slab heap's
// spans that hold a block (counted whole: what Lua holds in them and their
// free blocks, which serve only their class); or 0 when the request needs
// no more of either (a block of its class is at hand). An empty span is
// free memory, as malloc's free chunks are, and is not counted.
std::size_t LuaState::held_after(std::size_t old, std::size_t nsize) {
  if (!slab_) return used_ - old + nsize;
  if (SlabHeap::fits(nsize)) return small_.has_room(nsize) ? 0 : large_ + small_.used_span_bytes() + SlabHeap::kSpan;
  return large_ - (SlabHeap::fits(old) ? 0 : old) + nsize + small_.used_span_bytes();
}

// Moves the block ptr of old bytes (ptr null and old 0 for a new block) to
// one of nsize > 0 bytes, or returns null when out of memory: a new block
// from the arena while it has room; a block of the arena shrinks where it
// is and grows by moving out (never freed: see StartupArena).
void* LuaState::place(void* ptr, std::size_t old, std::size_t nsize) {
  if (arena_.owns(ptr)) {
    if (nsize <= old) return ptr;
    void* block = place(nullptr, 0, nsize);
    if (block != nullptr) std::memcpy(block, ptr, old);
    return block;
  }
  if (ptr == nullptr) {
    if (void* block = arena_.take(nsize)) return block;
  }
  if (!slab_) return std::realloc(ptr, nsize);
  const bool foreign = foreign_count_ > 0 && is_foreign(ptr);
  void* block = small_.resize(ptr, old, nsize, old > 0 && SlabHeap::fits(old) && !foreign);
  if (foreign && block != nullptr && (block != ptr || !SlabHeap::fits(nsize))) forget_foreign(ptr);
  return block;
}

bool LuaState::is_foreign(const void* block) const {
  return std::find(foreign_, foreign_ + foreign_count_, block) != foreign_ + foreign_count_;
}

void LuaState::remember_foreign(void* block) {
  if (foreign_count_ == kForeign) {
    // Lua must not be refused a shrink, and a block the slab heap could
    // not take in must not be given to it later: with the system out of
    // memory for this long, the program cannot go on.
    std::fputs("luasync: not enough memory\n", stderr);
    std::_Exit(1);
  }
  foreign_[foreign_count_++] = block;
}

bool LuaState::forget_foreign(const void* block) {
  void** const end = foreign_ + foreign_count_;
  void** const at = std::find(foreign_, end, block);
  if (at == end) return false;
  *at = foreign_[--foreign_count_];
  return true;
}

// warn() as lua.c has it: off until "@on" (or -W), "@off" turns it off
// again, messages are prefixed "Lua warning: ", pieces (tocont) are joined.
void LuaState::on_warning(void* ud, const char* msg, int tocont) {
  auto* self = static_cast<LuaState*>(ud);
  if (!self->warning_continued_ && !tocont && msg[0] == '@') {
    if (std::strcmp(msg + 1, "on") == 0) self->warnings_on_ = true;
    if (std::strcmp(msg + 1, "off") == 0) self->warnings_on_ = false;
    return;
  }
  if (self->warnings_on_) {
    before_output();
    if (!self->warning_continued_) write_stream(stderr, "Lua warning: ", 13);
    write_stream(stderr, msg, std::strlen(msg));
    if (!tocont) write_stream(stderr, "\n", 1);
  }
  self->warning_continued_ = tocont != 0;
}

LuaState::LuaState(Loop& loop, bool ignore_env)
    : limit_(default_memory_limit()),
      reserve_(limit_ / 8),
      task_ceiling_(limit_ - reserve_ / 2),
      slab_(kSlabHeap && !under_valgrind_malloc()),
      arena_(kArenaSize),
      small_(limit_ / 64),
      L_(lua_newstate(allocate, this)) {
  if (!L_) {
    std::fputs("luasync: not enough memory for the Lua state\n", stderr);
    std::exit(1);
  }
  // What luaL_newstate would add: a panic handler and warnings (off).
  lua_atpanic(L_, [](lua_State* L) {
    std::fprintf(stderr, "luasync: PANIC: unprotected error in call to Lua API (%s)\n", lua_tostring(L, -1));
    return 0;
  });
  lua_setwarnf(L_, on_warning, this);
  // The state's first object with a finalizer, anchored in the registry:
  // lua_close calls the finalizers newest-marked first (Lua's manual,
  // 2.5.3), so this one is called last, once every other has run.
  lua_newuserdatauv(L_, 0, 0);
  lua_createtable(L_, 0, 1);
  lua_pushlightuserdata(L_, this);
  lua_pushcclosure(L_, last_finalizer, 1);
  lua_setfield(L_, -2, "__gc");
  lua_setmetatable(L_, -2);
  luaL_ref(L_, LUA_REGISTRYINDEX);
  if (ignore_env) {
    lua_pushboolean(L_, 1);
    lua_setfield(L_, LUA_REGISTRYINDEX, "LUA_NOENV");
  }
  // The runtime loads with the collector stopped: all of what it allocates
  // here lives as long as the state, so a cycle now would only walk it
  // (bench W6: part of every program's startup).
  lua_gc(L_, LUA_GCSTOP);
  luaL_openlibs(L_);
  open_c_modules(L_);
  if (const char* error = open_runtime(L_, loop)) {
    std::fprintf(stderr, "luasync: internal error while starting: %s\n", error);
    std::exit(1);
  }
  lua_gc(L_, LUA_GCRESTART);
  // The collector goes on as if a cycle had just ended, with everything
  // alive: the next one starts once the heap has grown by as much again,
  // not at the next allocation, when it would only walk the runtime's own
  // objects (bench W6). A negative step is a credit: Lua adds the step's
  // kilobytes to its debt.
  lua_gc(L_, LUA_GCSTEP, -lua_gc(L_, LUA_GCCOUNT));
  // Later cycles are paced by the kernel (kernel/gc_pacing.cpp).
  start_gc_pacing(L_);
}

const char* open_runtime(lua_State* L, Loop& loop) {
  open_errno(L);
  open_stdio(L);
  open_kernel(L, loop);
  // (The queues' bindings load with queues.lua, and the StreamReader's
  // read ops with the lazy bindings, which streams.lua opens: W6.)
  preload_runtime_module(L, "luasync.queue_core", luaopen_queue_core);
  open_lazy_bindings(L);
  open_time(L, loop);
  open_terminal(L, loop);
  preload_embedded(L);
  lua_getfield(L, LUA_REGISTRYINDEX, kRegRequire);
  lua_pushliteral(L, "luasync.prelude");
  int status = lua_pcall(L, 1, 0, 0);
  if (status == LUA_OK) {
    lua_pushcfunction(L, open_traceback);
    status = lua_pcall(L, 0, 0, 0);
  }
  if (status != LUA_OK) {
    const char* error = lua_tostring(L, -1);
    return error ? error : "(an error that is not a string)";
  }
  // What makes the KeyboardInterrupt of a Ctrl-C (kernel/interrupt_hook.cpp,
  // time.sleep, a read of stdin): errors.lua's, which marks it as a Ctrl-C's.
  push_runtime_modules(L);
  lua_getfield(L, -1, "luasync.errors");
  lua_getfield(L, -1, "ctrl_c_interrupt");
  lua_setfield(L, LUA_REGISTRYINDEX, kernel::kRegKeyboardInterrupt);
  lua_pop(L, 2);
  return nullptr;
}

RuntimeClose close_runtime(lua_State* L, Loop& loop) {
  // First: what follows closes the loop, and lua_close's finalizers come
  // after that, so nothing may open a handle on it from here on.
  mark_kernel_closed();
  io::close_fd_watches(L);
  io::close_streams(L);
  io::close_processes(L);
  io::close_signal_watches();
  io::cancel_fs_requests();
  io::cancel_lookups();
  diag::stop_inspector();
  http::close_http();
  if (!threads::close_threads()) return RuntimeClose::ThreadBusy;
  if (!loop.close()) return RuntimeClose::RequestBusy;
  return RuntimeClose::Clean;
}

void free_runtime_kernel() { close_kernel(); }

LuaState::~LuaState() { close(); }

void LuaState::close() {
  if (L_) {
    settle_kernel(L_);
    closing_ = true;
    lua_close(L_);
    L_ = nullptr;
    free_runtime_kernel();
  }
}

void LuaState::close_at_exit(int status) {
  if (slab_) exit_status_ = status;
  close();
}

int LuaState::last_finalizer(lua_State* L) {
  auto* self = static_cast<LuaState*>(lua_touserdata(L, lua_upvalueindex(1)));
  // lua_close frees the objects after this returns: skipped at exit.
  if (self->closing_ && self->exit_status_ >= 0) std::exit(self->exit_status_);
  return 0;
}

}  // namespace luasync
