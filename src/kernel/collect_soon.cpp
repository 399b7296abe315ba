// collect_soon([obj]): a collection asked for so that the finalizers of
// what nobody holds any more run. CPython does that at an object's last
// reference: a server's writer that a handler left open closes its
// connection, an HTTP response dropped unread gives its connection back.
// Here the collector would come to them whenever it next finished a cycle
// -- in a quiet program, maybe never. `obj`, when given, is the object whose
// finalizer is wanted (a writer's guard).
//
// How: the collector's own incremental cycle, driven by the driver
// (driver.cpp's run_once) in slices of about a millisecond of processor time
// (lua_gc LUA_GCSTEP), with a look at I/O between slices: a full collection
// in one go costs in proportion to the heap (~3.5 ms over 15 MB, ~100 ms
// over 500 MB), and a connection that arrived meanwhile waited all of it.
//
// Which cycle answers: one that STARTED after the request. A cycle marks
// what is reachable as it goes; an object that a task still held when the
// cycle marked it stays marked (black) when the task lets it go, and
// survives that cycle. So a request made while a cycle runs is answered by
// the next. The kernel cannot see where a cycle stands (Lua's API does not
// say), only where one ENDS (a step that returns 1: the collector pauses,
// no cycle runs); every cycle that ends after such a sighting started after
// it. Hence two sets of requests:
//  - Kernel::collect_asked: made since the last sighting. At the next one
//    they are answered if each named its object and every such object is
//    gone (the weak-valued table at kPendingKey lost it: Lua clears a
//    weak value as the cycle finds it dead, before its finalizer runs, and
//    the step that ends the cycle ran the cycle's finalizers): the common
//    case, a request made while the collector paused, costs one cycle.
//    Otherwise they become
//  - Kernel::collect_covered: made before the last sighting: the cycle that
//    ends at the next sighting started after them, and answers them.
//
// When: a slice runs
//  - at each iteration in which the loop has nothing to do: nothing ready,
//    no I/O waiting (a poll that does not block found none) and no deadline
//    due within a slice or before the busy rule's time. That time would be
//    spent waiting: it costs the program nothing, and a client that waits
//    for the end of a connection waits for this collection alone
//    (sequential connections over a 15 MB heap: one collection each);
//  - otherwise, while the loop is busy, once Kernel::next_collect comes:
//    those slices take at most a tenth of the time (a server of short
//    connections under load would otherwise collect at each turn). A
//    slice's cost is the loop thread's processor time: on a crowded
//    machine, the time the system gave others meanwhile is not charged.
// Either way, the cycle a sighting ends answers every request made before
// the sighting before it.
//
// Invariants:
// - Kernel::collect_asked / collect_covered / collect_anonymous: only this
//   file clears them: another full collection (an overrun's, the
//   never-awaited check's) may run while the one who asked still holds
//   what is to go (a done callback holds its writer). kPendingKey's table
//   holds (weakly) the objects named since the last sighting, at
//   1 .. Kernel::collect_named; it exists only while a request waits.
// - A request is made by a step or a ready entry, and answered in a later
//   iteration (run_once acts before run_ready): what asked has let go of
//   its locals by then.
// - While a request waits, the loop blocks only until a deadline that comes
//   before Kernel::next_collect and sooner than a slice would end: the
//   iteration it ends asks again, so the request needs no deadline of its
//   own.
// - Generational mode (a program's collectgarbage("generational")) has no
//   cycles to end: a slice there is a whole collection (switching back into
//   the mode is one).
#include <optional>

#include "kernel/kernel.hpp"
#include "runtime/clock.hpp"

namespace luasync::kernel {

namespace {

// The processor time a slice may take.
constexpr double kSliceSeconds = 1e-3;

const char kPendingKey = 0;  // its address: the registry key of the named objects

// The collector paused (a step ended a cycle): see the header.
void sighted(lua_State* L, Kernel& k) {
  k.collect_covered = false;
  if (!k.collect_asked) return;
  bool gone = !k.collect_anonymous;
  if (gone) {
    if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kPendingKey) == LUA_TTABLE) {
      lua_pushnil(L);
      if (lua_next(L, -2) != 0) {
        gone = false;
        lua_pop(L, 2);
      }
    }
    lua_pop(L, 1);
  }
  k.collect_covered = !gone;
  k.collect_asked = false;
  k.collect_anonymous = false;
  k.collect_named = 0;
  lua_pushnil(L);
  lua_rawsetp(L, LUA_REGISTRYINDEX, &kPendingKey);
}

// Every request is answered (or a full collection answered them all).
void answered(lua_State* L, Kernel& k) {
  k.collect_asked = k.collect_covered = k.collect_anonymous = false;
  if (k.collect_named != 0) {
    k.collect_named = 0;
    lua_pushnil(L);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kPendingKey);
  }
}

// One slice: steps until the requests are answered or the slice's time is
// spent; answers whether they are.
bool slice(lua_State* L, Kernel& k) {
  const double start = thread_cpu_seconds();
  if (lua_gc(L, LUA_GCINC, 0, 0, 0) == LUA_GCGEN) {
    // (The query switched to incremental mode; back, with a full collection.)
    lua_gc(L, LUA_GCGEN, 0, 0);
    answered(L, k);
  }
  while (collect_pending(k)) {
    if (lua_gc(L, LUA_GCSTEP, 0) == 1) sighted(L, k);
    if (thread_cpu_seconds() - start >= kSliceSeconds) break;
  }
  k.collect_spent += thread_cpu_seconds() - start;
  return !collect_pending(k);
}

}  // namespace

bool collect_fits_idle(const Kernel& k) {
  if (!collect_pending(k)) return false;
  std::optional<double> next = k.loop->deadlines().next();
  if (!next) return true;
  const double now = k.loop->clock().now();
  return *next - now >= kSliceSeconds || *next >= k.next_collect;
}

void collect_if_asked(lua_State* L, Kernel& k, bool idle) {
  if (!collect_pending(k)) return;
  if (!idle && k.loop->clock().now() < k.next_collect) return;
  const double spent = k.collect_spent;
  const bool done = slice(L, k);
  // (The loop's clock: under the virtual clock, the pace is kept in the
  // time the program sees.)
  const double now = k.loop->clock().now();
  if (!idle) k.next_collect = now + 10 * (k.collect_spent - spent);
  if (done) {
    // (After an answer found idle, a busy loop waits for ten times all of it.)
    if (idle) k.next_collect = now + 10 * k.collect_spent;
    k.collect_spent = 0;
  }
}

namespace {

// collect_soon([obj]): asks for a collection (see the header). However many
// ask before it runs, one answers them.
int l_collect_soon(lua_State* L) {
  Kernel& k = kernel(L);
  k.collect_asked = true;
  if (lua_isnoneornil(L, 1)) {
    k.collect_anonymous = true;
    return 0;
  }
  lua_settop(L, 1);
  if (lua_rawgetp(L, LUA_REGISTRYINDEX, &kPendingKey) != LUA_TTABLE) {
    lua_pop(L, 1);
    lua_createtable(L, 4, 0);
    lua_createtable(L, 0, 1);
    lua_pushliteral(L, "v");
    lua_setfield(L, -2, "__mode");
    lua_setmetatable(L, -2);
    lua_pushvalue(L, -1);
    lua_rawsetp(L, LUA_REGISTRYINDEX, &kPendingKey);
  }
  lua_pushvalue(L, 1);
  lua_rawseti(L, -2, ++k.collect_named);
  return 0;
}

}  // namespace

extern const luaL_Reg collect_funcs[] = {
    {"collect_soon", l_collect_soon},
    {nullptr, nullptr},
};

}  // namespace luasync::kernel
