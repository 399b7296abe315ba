// Where a Lua 5.4 table keeps its array part and a coroutine its stack and
// current call: fields of the headers that lua_topointer points at (Table in
// Lua's lobject.h, lua_State in lstate.h), which its API does not expose.
// The ready queue (ready_queue.cpp) and the due deadlines (timers.cpp) read
// them only to prefetch what the entries ahead will touch: a million tasks
// woken in deadline order each miss the cache in their deadline's slot,
// their table's fields (its array part: boundary.hpp's Field), their
// coroutine and its stack in turn (W3).
//
// Invariants: these addresses are only ever prefetched, never dereferenced;
// a header is read only while its object is alive (the caller holds it on a
// Lua stack) and only inside it (every offset is below Table's 56 bytes and
// lua_State's 208). Were a Lua release to move a field, the prefetches would
// fetch lines nobody needs, nothing worse; tests/lua_layout.test.cpp checks
// the layout of the Lua linked in.
#pragma once

#include <cstddef>
#include <cstring>
#include <lua.hpp>

static_assert(LUA_VERSION_NUM == 504, "the offsets below are Lua 5.4's");

namespace luasync::kernel::lua_layout {

inline constexpr std::size_t kTableArray = 16;   // Table::array (TValue*)
inline constexpr std::size_t kThreadCi = 32;     // lua_State::ci (CallInfo*)
inline constexpr std::size_t kThreadStack = 48;  // lua_State::stack (StkId)

// The pointer stored at `offset` in the object at `object`.
inline const void* pointer_at(const void* object, std::size_t offset) {
  const void* p;
  std::memcpy(&p, static_cast<const char*>(object) + offset, sizeof p);
  return p;
}

// Null for a table without an array part: no offset from it may be taken.
inline const void* table_array(const void* table) { return pointer_at(table, kTableArray); }
inline const void* thread_stack(const lua_State* co) { return pointer_at(co, kThreadStack); }
inline const void* thread_call(const lua_State* co) { return pointer_at(co, kThreadCi); }

}  // namespace luasync::kernel::lua_layout
