// asyncio's queues in C++ (queue_core.cpp): the queue bindings of
// luasync.core and the op kinds Queue.get and Queue.put.
#pragma once

#include <lua.hpp>

namespace luasync {

// Registers the op kinds and adds the queue_* bindings to luasync.core
// (after open_kernel).
void open_queue_core(lua_State* L);

}  // namespace luasync
