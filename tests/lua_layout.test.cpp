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

TEST_CASE("whether a table has a hash part is where lua_layout says") {
  State s;
  lua_createtable(s.L, 4, 0);
  lua_pushinteger(s.L, 1);
  lua_rawseti(s.L, -2, 4);
  CHECK_FALSE(layout::table_has_hash(lua_topointer(s.L, -1)));
  lua_pushboolean(s.L, 0);
  lua_setfield(s.L, -2, "_fut_waiter");
  CHECK(layout::table_has_hash(lua_topointer(s.L, -1)));
  lua_newtable(s.L);
  CHECK_FALSE(layout::table_has_hash(lua_topointer(s.L, -1)));
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

namespace {
// probe(): records where its Lua caller is (lua_layout's call_position).
const void* positions[8];
int npositions = 0;
int probe(lua_State* L) {
  lua_Debug ar;
  REQUIRE(lua_getstack(L, 1, &ar));
  positions[npositions++] = layout::call_position(ar.i_ci);
  return 0;
}
}  // namespace

TEST_CASE("a call's position is where lua_layout says") {
  State s;
  npositions = 0;
  lua_register(s.L, "probe", probe);
  // 1, 2: one place run twice; 3: the next line; 4, 5: two calls on one line.
  const char* code =
      "for _ = 1, 2 do probe() end\n"
      "probe()\n"
      "probe() probe()\n";
  REQUIRE(luaL_dostring(s.L, code) == LUA_OK);
  REQUIRE(npositions == 5);
  CHECK(positions[0] != nullptr);
  CHECK(positions[0] == positions[1]);
  CHECK(positions[2] != positions[0]);
  CHECK(positions[3] != positions[4]);
  // Instructions of one function: a few 4-byte words apart, in order.
  const auto distance = static_cast<const char*>(positions[4]) - static_cast<const char*>(positions[0]);
  CHECK(distance > 0);
  CHECK(distance % 4 == 0);
  CHECK(distance < 4 * 64);
}
