// The heap of a PriorityQueue: Python's heapq (the same algorithm, so equal
// items come out in the same order) on a queue core's items table.
//
// Why in C++: in Lua, each put and get of {priority, data} items spent most
// of its time in the element-by-element comparison (type(), #, math.max and
// a call per element) and the sift around it: 100,000 puts and gets took
// six times CPython's instructions, whose heapq and tuple comparison are C.
//
// Invariants:
// - The order is queues.lua's `less` (docs/api.md): numbers with numbers
//   and strings with strings by `<`; tables without a metatable element by
//   element, as Python compares tuples; anything else through `less`, which
//   raises TypeError for items that do not compare or calls their __lt.
//   fast_less decides only what needs no metamethod and cannot raise, and
//   hands every other pair, whole, to `less`: what it read before giving up
//   was raw reads of tables without metatables, which `less` reads again the
//   same, so the answer and the errors are `less`'s own.
// - Every slot write is a swap or a move the Lua heap made in the same
//   order, so an error in a comparison leaves the heap as heap_sift_new and
//   heap_pop promise (priority_heap.hpp).
#include "asyncio/priority_heap.hpp"

namespace luasync {
namespace {

// The arguments of both functions.
constexpr int kItems = 1, kCount = 2, kLess = 3;

// Whether the values at a and b are both numbers or both strings: `<`
// compares them with no metamethod and never raises.
inline bool plain_pair(int ta, int tb) { return ta == tb && (ta == LUA_TNUMBER || ta == LUA_TSTRING); }

// Whether the value at i is a table without a metatable. [-0, +0]
inline bool bare_table(lua_State* L, int i) {
  if (lua_type(L, i) != LUA_TTABLE) return false;
  if (lua_getmetatable(L, i) == 0) return true;
  lua_pop(L, 1);
  return false;
}

enum class Verdict { Less, NotLess, Ask };

// [-0, +0] less(a, b) where it needs no call: a and b absolute indices.
Verdict fast_less(lua_State* L, int a, int b) {
  const int ta = lua_type(L, a), tb = lua_type(L, b);
  if (plain_pair(ta, tb)) return lua_compare(L, a, b, LUA_OPLT) ? Verdict::Less : Verdict::NotLess;
  if (!bare_table(L, a) || !bare_table(L, b)) return Verdict::Ask;
  // As `less`: up to the longer length; a shorter prefix is smaller; equal
  // elements are passed; a pair neither of which is smaller (NaN) too.
  const lua_Unsigned la = lua_rawlen(L, a), lb = lua_rawlen(L, b);
  const lua_Unsigned n = la > lb ? la : lb;
  for (lua_Unsigned i = 1; i <= n; ++i) {
    const int tx = lua_rawgeti(L, a, static_cast<lua_Integer>(i));
    const int ty = lua_rawgeti(L, b, static_cast<lua_Integer>(i));
    Verdict v = Verdict::Ask;
    if (tx == LUA_TNIL) {
      v = ty != LUA_TNIL ? Verdict::Less : Verdict::NotLess;
    } else if (ty == LUA_TNIL) {
      v = Verdict::NotLess;
    } else if (plain_pair(tx, ty)) {
      if (lua_rawequal(L, -2, -1)) {
        lua_pop(L, 2);
        continue;
      }
      if (lua_compare(L, -2, -1, LUA_OPLT)) {
        v = Verdict::Less;
      } else if (lua_compare(L, -1, -2, LUA_OPLT)) {
        v = Verdict::NotLess;
      } else {
        lua_pop(L, 2);
        continue;
      }
    }
    lua_pop(L, 2);
    return v;
  }
  return Verdict::NotLess;
}

// [-0, +0] less(a, b), a and b absolute indices; may raise.
bool item_less(lua_State* L, int a, int b) {
  const Verdict v = fast_less(L, a, b);
  if (v != Verdict::Ask) return v == Verdict::Less;
  lua_pushvalue(L, kLess);
  lua_pushvalue(L, a);
  lua_pushvalue(L, b);
  lua_call(L, 2, 1);
  const bool less = lua_toboolean(L, -1) != 0;
  lua_pop(L, 1);
  return less;
}

// heapq's _siftdown: the item at heap position pos (stored at pos + 1),
// held at index item, moves up towards start, a swap at each step.
void sift_down(lua_State* L, int item, lua_Integer start, lua_Integer pos) {
  while (pos > start) {
    const lua_Integer parent = (pos - 1) >> 1;
    lua_rawgeti(L, kItems, parent + 1);
    if (!item_less(L, item, lua_gettop(L))) {
      lua_pop(L, 1);
      break;
    }
    lua_rawseti(L, kItems, pos + 1);
    lua_pushvalue(L, item);
    lua_rawseti(L, kItems, parent + 1);
    pos = parent;
  }
}

}  // namespace

int l_heap_sift_new(lua_State* L) {
  const lua_Integer n = lua_tointeger(L, kCount);
  lua_settop(L, kLess);
  lua_rawgeti(L, kItems, n + 1);
  const int item = lua_gettop(L);
  lua_Integer top = n;
  while (top > 0) {
    const lua_Integer parent = (top - 1) >> 1;
    lua_rawgeti(L, kItems, parent + 1);
    const bool less = item_less(L, item, item + 1);
    lua_pop(L, 1);
    if (!less) break;
    top = parent;
  }
  for (lua_Integer pos = n; pos > top;) {
    const lua_Integer parent = (pos - 1) >> 1;
    lua_rawgeti(L, kItems, parent + 1);
    lua_rawseti(L, kItems, pos + 1);
    pos = parent;
  }
  if (top != n) lua_rawseti(L, kItems, top + 1);  // (else it is there already)
  lua_settop(L, 0);
  return 0;
}

int l_heap_pop(lua_State* L) {
  const lua_Integer n = lua_tointeger(L, kCount);
  lua_settop(L, kLess);
  lua_rawgeti(L, kItems, n);  // 4: the last item
  lua_pushnil(L);
  lua_rawseti(L, kItems, n);
  if (n == 1) return 1;
  lua_rawgeti(L, kItems, 1);  // 5: the smallest, the result
  lua_pushvalue(L, 4);
  lua_rawseti(L, kItems, 1);
  // heapq's _siftup of position 0 over n - 1 items: the last item, held at
  // 4, goes down by the smaller child to a leaf, then up to its place.
  constexpr int moving = 4;
  const lua_Integer end = n - 1;
  lua_Integer pos = 0, child = 1;
  while (child < end) {
    const lua_Integer right = child + 1;
    lua_rawgeti(L, kItems, child + 1);  // 6
    if (right < end) {
      lua_rawgeti(L, kItems, right + 1);  // 7
      if (!item_less(L, 6, 7)) {
        child = right;
        lua_replace(L, 6);
      } else {
        lua_pop(L, 1);
      }
    }
    lua_rawseti(L, kItems, pos + 1);
    lua_pushvalue(L, moving);
    lua_rawseti(L, kItems, child + 1);
    pos = child;
    child = 2 * pos + 1;
  }
  sift_down(L, moving, 0, pos);
  lua_settop(L, 5);
  return 1;
}

}  // namespace luasync
