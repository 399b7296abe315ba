// luasync.core: the Lua scheduler's view of the Loop (clock, deadlines,
// polling). Internal: user code reaches these through asyncio and time.
#include <cmath>
#include <string_view>
#include <vector>

#include "lua/state.hpp"
#include "runtime/interrupt.hpp"

namespace luasync {

namespace {
Loop& loop_of(lua_State* L) { return *static_cast<Loop*>(lua_touserdata(L, lua_upvalueindex(1))); }

int l_core_now(lua_State* L) {
  lua_pushnumber(L, loop_of(L).clock().now());
  return 1;
}

// [-0, +1] timer_add(when) -> id
// Under the virtual clock, deadlines are rounded to whole nanoseconds: a
// deadline computed as (t + 0.2) + 0.1 then ties with t + 0.3 instead of
// falling on either side by a rounding bit that depends on t, and ties fire
// in the order they were scheduled, as they would on a real clock.
int l_core_timer_add(lua_State* L) {
  double when = luaL_checknumber(L, 1);
  Loop& loop = loop_of(L);
  if (loop.clock().kind() == ClockKind::Virtual) when = std::round(when * 1e9) / 1e9;
  lua_pushinteger(L, loop.deadlines().add(when));
  return 1;
}

// [-0, +1] timer_cancel(id) -> removed
int l_core_timer_cancel(lua_State* L) {
  lua_Integer id = luaL_checkinteger(L, 1);
  lua_pushboolean(L, loop_of(L).deadlines().cancel(static_cast<DeadlineHeap::Id>(id)));
  return 1;
}

// [-0, +2] poll(block, buf) -> n, outcome. Writes the due deadline ids to
// buf[1..n], earliest first; outcome is "progress", "stalled" or "interrupted".
int l_core_poll(lua_State* L) {
  bool block = lua_toboolean(L, 1);
  luaL_checktype(L, 2, LUA_TTABLE);
  static thread_local std::vector<DeadlineHeap::Id> fired;
  fired.clear();
  PollOutcome outcome = loop_of(L).poll(block, fired);
  lua_Integer n = 0;
  for (DeadlineHeap::Id id : fired) {
    lua_pushinteger(L, id);
    lua_rawseti(L, 2, ++n);
  }
  lua_pushinteger(L, n);
  switch (outcome) {
    case PollOutcome::Progress:
      lua_pushliteral(L, "progress");
      break;
    case PollOutcome::Stalled:
      lua_pushliteral(L, "stalled");
      break;
    case PollOutcome::Interrupted:
      lua_pushliteral(L, "interrupted");
      break;
  }
  return 2;
}

int l_core_pending_deadlines(lua_State* L) {
  lua_pushinteger(L, static_cast<lua_Integer>(loop_of(L).deadlines().size()));
  return 1;
}

int l_core_clock(lua_State* L) {
  lua_pushstring(L, loop_of(L).clock().kind() == ClockKind::Virtual ? "virtual" : "real");
  return 1;
}

// set_clock(kind) -> ok; false when deadlines are pending.
int l_core_set_clock(lua_State* L) {
  static const char* const kinds[] = {"real", "virtual", nullptr};
  int kind = luaL_checkoption(L, 1, nullptr, kinds);
  lua_pushboolean(L, loop_of(L).set_clock(kind == 1 ? ClockKind::Virtual : ClockKind::Real));
  return 1;
}

int l_core_interrupt_take(lua_State*) {
  interrupt_take();
  return 0;
}

int l_core_interrupt_rearm(lua_State*) {
  interrupt_rearm();
  return 0;
}

int l_core_versions(lua_State* L) {
  lua_pushstring(L, LUASYNC_VERSION);
  lua_pushstring(L, LUA_RELEASE);
  lua_pushstring(L, uv_version_string());
  return 3;
}

const luaL_Reg core_funcs[] = {
    {"now", l_core_now},
    {"timer_add", l_core_timer_add},
    {"timer_cancel", l_core_timer_cancel},
    {"poll", l_core_poll},
    {"pending_deadlines", l_core_pending_deadlines},
    {"clock", l_core_clock},
    {"set_clock", l_core_set_clock},
    {"interrupt_take", l_core_interrupt_take},
    {"interrupt_rearm", l_core_interrupt_rearm},
    {"versions", l_core_versions},
    {nullptr, nullptr},
};
}  // namespace

void open_core(lua_State* L, Loop& loop) {
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  luaL_newlibtable(L, core_funcs);
  lua_pushlightuserdata(L, &loop);
  luaL_setfuncs(L, core_funcs, 1);
  lua_setfield(L, -2, "luasync.core");
  lua_pop(L, 1);
}

}  // namespace luasync
