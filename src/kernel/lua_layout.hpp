// Where a Lua 5.4 table keeps its array part and a coroutine its stack and
// current call: fields of the headers that lua_topointer points at (Table in
// Lua's lobject.h, lua_State in lstate.h), which its API does not expose.
// The ready queue (ready_queue.cpp) and the due deadlines (timers.cpp) read
// them only to prefetch what the entries ahead will touch: a million tasks
// woken in deadline order each miss the cache in their deadline's slot,
// their table's fields (its array part: boundary.hpp's Field), their
// coroutine and its stack in turn (W3).
//
// Two more, not for prefetching: where a Lua call is in its function
// (CallInfo's savedpc, lstate.h), which ops.cpp compares to know a sleep
// made again at the place it last looked up (the line costs lua_getinfo);
// whether a table has a hash part, which tells that a task has no named
// field (kernel.hpp's no_named_fields).
//
// Invariants: these addresses are only ever prefetched, compared or tested
// for null, never dereferenced; a header is read only while its object is
// alive (the caller holds it on a Lua stack, or it is a call under way) and
// only inside it (every offset is below Table's 56 bytes, lua_State's 208
// and CallInfo's 64). Were a Lua release to move a field, the prefetches
// would fetch lines nobody needs, but a savedpc read elsewhere could take
// one place for another (a warning naming the wrong line), a lastfree read
// elsewhere a task's named fields for none: tests/lua_layout.test.cpp
// checks the layout of the Lua linked in, savedpc's by its behaviour.
#pragma once

#include <cstddef>
#include <cstring>
#include <lua.hpp>

static_assert(LUA_VERSION_NUM == 504, "the offsets below are Lua 5.4's");

namespace luasync::kernel::lua_layout {

inline constexpr std::size_t kTableArray = 16;   // Table::array (TValue*)
inline constexpr std::size_t kTableLastFree = 32;  // Table::lastfree (Node*), null without a hash part
inline constexpr std::size_t kThreadCi = 32;     // lua_State::ci (CallInfo*)
inline constexpr std::size_t kThreadStack = 48;  // lua_State::stack (StkId)
inline constexpr std::size_t kCallSavedPc = 32;  // CallInfo::u.l.savedpc (const Instruction*)

// The pointer stored at `offset` in the object at `object`.
inline const void* pointer_at(const void* object, std::size_t offset) {
  const void* p;
  std::memcpy(&p, static_cast<const char*>(object) + offset, sizeof p);
  return p;
}

// Null for a table without an array part: no offset from it may be taken.
inline const void* table_array(const void* table) { return pointer_at(table, kTableArray); }
// Whether the table has a hash part (Lua's isdummy: lastfree null for none),
// where every key that is not in its array part lives.
inline bool table_has_hash(const void* table) { return pointer_at(table, kTableLastFree) != nullptr; }
inline const void* thread_stack(const lua_State* co) { return pointer_at(co, kThreadStack); }
inline const void* thread_call(const lua_State* co) { return pointer_at(co, kThreadCi); }
// The instruction a Lua call (lua_Debug's i_ci from lua_getstack) is at: the
// same pointer each time it runs one place of one function. (Of a C call:
// its continuation, a function of the program, never an instruction.)
inline const void* call_position(const void* call) { return pointer_at(call, kCallSavedPc); }

}  // namespace luasync::kernel::lua_layout
