// The `time` module, shaped like Python's and following the loop's clock, so
// a lesson timed with time.time() prints the same seconds under the virtual
// clock. time.sleep blocks the whole loop on purpose: it shows what blocking
// does to every other task.
#include <cmath>

#include "kernel/boundary.hpp"
#include "kernel/entry_watch.hpp"
#include "lua/errors.hpp"
#include "lua/runtime_modules.hpp"
#include "lua/state.hpp"
#include "runtime/interrupt.hpp"

namespace luasync {

namespace {
// Upvalue 1: the Clock; upvalue 2: whether this is the loop thread's state
// (a worker's time.sleep leaves Ctrl-C to the loop thread).
Clock& clock_of(lua_State* L) { return *static_cast<Clock*>(lua_touserdata(L, lua_upvalueindex(1))); }

int l_time_time(lua_State* L) {
  lua_pushnumber(L, clock_of(L).wall());
  return 1;
}

int l_time_monotonic(lua_State* L) {
  lua_pushnumber(L, clock_of(L).now());
  return 1;
}

// [-0, +1] Pushes seconds as whole nanoseconds. A Lua integer holds ~292
// years of them: beyond (the virtual clock after sleep(1e10)), Python's
// OverflowError, the error of a time its 64-bit PyTime_t cannot hold,
// instead of llround's undefined answer (it gave math.mininteger).
int push_nanoseconds(lua_State* L, double seconds) {
  const double ns = std::round(seconds * 1e9);
  constexpr double kLimit = 9223372036854775808.0;  // 2^63
  if (!(ns >= -kLimit && ns < kLimit)) {
    return raise_error(L, "OverflowError", "timestamp too large to convert to C PyTime_t");
  }
  lua_pushinteger(L, static_cast<lua_Integer>(ns));
  return 1;
}

int l_time_time_ns(lua_State* L) { return push_nanoseconds(L, clock_of(L).wall()); }

int l_time_monotonic_ns(lua_State* L) { return push_nanoseconds(L, clock_of(L).now()); }

int l_time_sleep(lua_State* L) {
  double seconds = luaL_checknumber(L, 1);
  // (NaN is neither negative nor too long: Python's own error, as asyncio.sleep's)
  if (std::isnan(seconds)) return raise_error(L, "ValueError", "Invalid value NaN (not a number)");
  // Python's bound, and its error: the length in nanoseconds must fit in 64
  // bits (one beyond, math.huge included, returned at once: a time_t cannot
  // hold it; under the virtual clock, the loop's time became infinite).
  constexpr double kNanoLimit = 9223372036854775808.0;  // 2^63
  if (seconds * 1e9 >= kNanoLimit || seconds * 1e9 < -kNanoLimit) {
    return raise_error(L, "OverflowError", "timestamp out of range for platform time_t");
  }
  luaL_argcheck(L, seconds >= 0, 1, "sleep length must be non-negative");
  // Live inspection names the call while it blocks the loop (`luasync ps`).
  const bool watched = lua_toboolean(L, lua_upvalueindex(2)) && kernel::entry_watched(L);
  if (watched) {
    lua_pushfstring(L, "time.sleep(%s)", luaL_tolstring(L, 1, nullptr));
    kernel::entry_blocking_call(L, lua_tostring(L, -1));
    lua_pop(L, 2);
  }
  clock_of(L).sleep(seconds);
  if (watched) kernel::entry_blocking_call(L, nullptr);
  // Cut short by Ctrl-C: raise KeyboardInterrupt here, as Python's does.
  if (lua_toboolean(L, lua_upvalueindex(2)) && interrupt_pending()) {
    interrupt_rearm();  // (used up here, as io.read's: lua/stdio.cpp)
    lua_getfield(L, LUA_REGISTRYINDEX, kernel::kRegKeyboardInterrupt);
    lua_call(L, 0, 1);
    return lua_error(L);
  }
  return 0;
}

const luaL_Reg time_funcs[] = {
    {"time", l_time_time},
    {"monotonic", l_time_monotonic},
    {"perf_counter", l_time_monotonic},
    {"time_ns", l_time_time_ns},
    {"monotonic_ns", l_time_monotonic_ns},
    {"perf_counter_ns", l_time_monotonic_ns},
    {"sleep", l_time_sleep},
    {nullptr, nullptr},
};
}  // namespace

void open_time(lua_State* L, Loop& loop) { open_time_on(L, loop.clock(), true); }

void open_time_on(lua_State* L, Clock& clock, bool loop_thread) {
  luaL_newlibtable(L, time_funcs);
  lua_pushlightuserdata(L, &clock);
  lua_pushboolean(L, loop_thread);
  luaL_setfuncs(L, time_funcs, 2);
  lua_pushvalue(L, -1);
  lua_setglobal(L, "time");
  set_runtime_module(L, "time");
}

}  // namespace luasync
