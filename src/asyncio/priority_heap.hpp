// The heap of a PriorityQueue (priority_heap.cpp): Python's heapq on the
// items table of a queue core, items at [1..n] (queue_core.cpp).
#pragma once

#include <lua.hpp>

namespace luasync {

// Both are lua_CFunctions that queue_core.cpp runs under lua_pcall (with
// its `comparing` flag set), with the arguments items, n, less: `less` is
// queues.lua's comparison of two items, called for every pair the C++ side
// does not decide itself. A comparison may raise (TypeError for items that
// do not compare, or whatever an __lt raises).

// heap_sift_new(items, n, less): moves the item just added at items[n + 1]
// (heap position n) up to its place. Every comparison runs before any move,
// so one that raises leaves the heap as it was.
int l_heap_sift_new(lua_State* L);

// heap_pop(items, n, less) -> item: removes and answers the smallest item of
// the heap items[1..n]. If a comparison raises, that item is lost, as with
// heapq, and every other one stays exactly once.
int l_heap_pop(lua_State* L);

}  // namespace luasync
