// collect_soon(): a full collection asked for so that the finalizers of
// what nobody holds any more run. CPython does that at an object's last
// reference: a server's writer that a handler left open closes its
// connection, an HTTP response dropped unread gives its connection back.
// Here the collector would come to them whenever it next finished a cycle
// -- in a quiet program, maybe never.
//
// When: a full collection costs in proportion to the heap (~3.5 ms over
// 15 MB). The driver (driver.cpp's run_once) runs the one asked for
//  - at once when the loop has nothing to do: nothing ready, no I/O waiting
//    (a poll that does not block found none) and no deadline due before
//    the collection would end or before the busy rule's time. That time
//    would be spent waiting: it costs the program nothing, and a client
//    that waits for the end of a connection waits for this collection
//    alone (sequential connections over a 15 MB heap: one collection each,
//    ~3.5 ms of processor time, where each waited ten times that for its
//    turn below);
//  - otherwise, while the loop is busy, once Kernel::next_collect comes:
//    those collections take at most a tenth of the time (a server of short
//    connections under load would otherwise collect at each turn). A
//    collection's cost is the loop thread's processor time: on a crowded
//    machine, the time the system gave others meanwhile is not charged.
// Either way, one collection answers every request made before it.
//
// Invariants:
// - Kernel::collect_asked: a request came since the last collection made
//   here. Only this file's collections clear it: another full collection
//   (an overrun's, the never-awaited check's) may run while the one who
//   asked still holds what is to go (a done callback holds its writer).
// - A request is made by a step or a ready entry, and answered in a later
//   iteration (run_once acts before run_ready): what asked has let go of
//   its locals by then.
// - While a request waits, the loop blocks only until a deadline that comes
//   before Kernel::next_collect and sooner than a collection would end: the
//   iteration it ends asks again, so the request needs no deadline of its
//   own.
#include <optional>

#include "kernel/kernel.hpp"
#include "runtime/clock.hpp"

namespace luasync::kernel {

bool collect_fits_idle(const Kernel& k) {
  if (!k.collect_asked) return false;
  std::optional<double> next = k.loop->deadlines().next();
  if (!next) return true;
  const double now = k.loop->clock().now();
  return *next - now >= k.collect_cost || *next >= k.next_collect;
}

void collect_if_asked(lua_State* L, Kernel& k, bool idle) {
  if (!k.collect_asked) return;
  if (!idle && k.loop->clock().now() < k.next_collect) return;
  k.collect_asked = false;
  const double start = thread_cpu_seconds();
  full_collection(L, k);
  k.collect_cost = thread_cpu_seconds() - start;
  // (The loop's clock: under the virtual clock, the pace is kept in the
  // time the program sees.)
  k.next_collect = k.loop->clock().now() + 10 * k.collect_cost;
}

namespace {

// collect_soon(): asks for a full collection (see the header). However many
// ask before it runs, one runs.
int l_collect_soon(lua_State* L) {
  kernel(L).collect_asked = true;
  return 0;
}

}  // namespace

extern const luaL_Reg collect_funcs[] = {
    {"collect_soon", l_collect_soon},
    {nullptr, nullptr},
};

}  // namespace luasync::kernel
