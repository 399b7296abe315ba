// The collector's pace (Lua's pause): 400% while the heap is small or grows
// from one cycle to the next, 200% (Lua's default) once a large heap holds
// steady.
//
// Why: a program that spawns many tasks grows its heap with objects that all
// stay alive, and each cycle meanwhile walks the whole heap to free nothing;
// at 400% those cycles walk a third less in all (bench W1, W3: 5 - 10% fewer
// instructions, W3's overshoot at a million tasks -20%, the same peak RSS),
// and a small heap is walked half as often (W2; W4's wake-ups are held up
// by fewer of the collector's atomic steps). But a large heap that holds
// steady while its garbage comes and goes would hold twice as much garbage
// at 400% as at 200%, for nothing: it gets Lua's default back.
//
// Invariants:
// - A cycle's end is seen through a sentinel, a userdata that nothing holds
//   and whose finalizer only sets Kernel::cycle_ended (a finalizer cannot
//   call lua_gc); run_ready, between entries, paces the collector and makes
//   the next sentinel (pace_collector). Lua sets a cycle's threshold from
//   the pause as that cycle ends, so a decision holds from the end of the
//   cycle after the one it saw: the first cycle once a large heap stops
//   growing still starts at 4 times its size. A step that never yields (a
//   loop without await) is paced as it was when it began.
// - While memory is short (Kernel::fast_collector) the pause is 100% and is
//   not touched here; relief gives Kernel::gc_pause back (ready_queue.cpp).
// - A program that sets a pause of its own (collectgarbage("setpause") or
//   ("incremental", pause)) keeps it: the pace is no longer touched.
#include "kernel/kernel.hpp"
#include "kernel/open.hpp"

namespace luasync {

namespace {

constexpr int kGrowingPause = 400;
constexpr int kSteadyPause = 200;
// Below this heap (KB), 400%: a heap of at most four times it.
constexpr int kSmallHeapKb = 16 * 1024;
// A heap that grew by more than this factor since the last cycle grows.
constexpr double kGrowth = 1.25;
// ... and kept at least this part of the heap it began at.
constexpr double kKept = 0.5;

const char kSentinelMt = 0;  // its address: the registry key of the sentinel's metatable

int l_cycle_end(lua_State* L) {
  kernel::kernel(L).cycle_ended = true;
  return 0;
}

// [-0, +0] A new sentinel, for the end of the next cycle.
void make_sentinel(lua_State* L) {
  lua_newuserdatauv(L, 0, 0);
  lua_rawgetp(L, LUA_REGISTRYINDEX, &kSentinelMt);
  lua_setmetatable(L, -2);
  lua_pop(L, 1);
}

}  // namespace

void start_gc_pacing(lua_State* L) {
  kernel::Kernel& k = kernel::kernel(L);
  lua_createtable(L, 0, 1);
  lua_pushcfunction(L, l_cycle_end);
  lua_setfield(L, -2, "__gc");
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kSentinelMt);
  k.gc_pause = kGrowingPause;
  lua_gc(L, LUA_GCINC, kGrowingPause, 0, 0);
  k.last_cycle_kb = lua_gc(L, LUA_GCCOUNT);
  k.pacing = true;
  make_sentinel(L);
}

namespace kernel {

void pace_collector(lua_State* L, Kernel& k) {
  k.cycle_ended = false;
  if (!k.pacing) return;
  const int kb = lua_gc(L, LUA_GCCOUNT);
  if (!k.fast_collector) {
    // Growing: the heap is larger than at the last cycle's end, and this
    // cycle kept at least half of what it began at (about the last end
    // times the pause). A heap made of garbage that finalizers keep for one
    // more cycle (connections that close when collected, and all they hold)
    // also ends each cycle larger at 400% -- larger because of the 400%,
    // which would then hold forever (a server's heap grew without bound):
    // such a cycle frees most of what it began at.
    const double began_kb = k.last_cycle_kb * (k.gc_pause / 100.0);
    const bool growing = kb < kSmallHeapKb || (kb > kGrowth * k.last_cycle_kb && kb > kKept * began_kb);
    const int pause = growing ? kGrowingPause : kSteadyPause;
    const int previous = lua_gc(L, LUA_GCSETPAUSE, pause);
    if (previous != k.gc_pause) {
      // The program set a pause of its own: it keeps it.
      lua_gc(L, LUA_GCSETPAUSE, previous);
      k.gc_pause = previous;
      k.pacing = false;
      return;
    }
    k.gc_pause = pause;
  }
  k.last_cycle_kb = kb;
  make_sentinel(L);
}

}  // namespace kernel

}  // namespace luasync
