// The ready queue prefetches a task's fields, coroutine stack and call
// through the header offsets of kernel/lua_layout.hpp. A wrong offset would
// never be an error, only a silent loss of W3's speed: these check the
// offsets against the Lua linked in, by finding known values where they say.
#include "kernel/lua_layout.hpp"

#include <doctest/doctest.h>

#include <cstdint>
#include <cstring>

namespace layout = luasync::kernel::lua_layout;

namespace {
// The integer in the TValue at p.
std::int64_t integer_at(const void* p) {
  std::int64_t v;
  std::memcpy(&v, p, sizeof v);
  return v;
}

struct State {
  lua_State* L = luaL_newstate();
  ~State() { lua_close(L); }
};
}  // namespace

TEST_CASE("a table's array part is where lua_layout says") {
  State s;
  lua_createtable(s.L, 2, 0);
  lua_pushinteger(s.L, 4242);
  lua_rawseti(s.L, -2, 1);
  CHECK(integer_at(layout::table_array(lua_topointer(s.L, -1))) == 4242);
}

TEST_CASE("a coroutine's stack and current call are where lua_layout says") {
  State s;
  lua_State* co = lua_newthread(s.L);
  lua_pushinteger(co, 31337);
  // Slot 0 of a new thread's stack is its base call's function; the first
  // value pushed is the next slot.
  const auto* stack = static_cast<const char*>(layout::thread_stack(co));
  CHECK(integer_at(stack + 16) == 31337);
  // A thread that runs nothing is in its base call, which its header holds.
  const auto* call = static_cast<const char*>(layout::thread_call(co));
  const auto* header = reinterpret_cast<const char*>(co);
  CHECK(call > header);
  CHECK(call < header + 208);
}
