// asyncio's queues in C++ (queue_core.cpp): the queue bindings of
// luasync.core and the op kinds Queue.get and Queue.put.
#pragma once

#include <lua.hpp>

namespace luasync {

// The loader of luasync.queue_core (preload_runtime_module), which
// queues.lua requires: registers the op kinds and adds the queue_*
// bindings and QueueCore to luasync.core. Not opened at startup: most
// programs make no queue, and these bindings, each a closure with the
// kernel's upvalues, were ~1% of the instructions of a start (W6).
int luaopen_queue_core(lua_State* L);

}  // namespace luasync
