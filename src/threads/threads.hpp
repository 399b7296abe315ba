// Worker threads for luasync.core (threads.cpp): the bindings under
// asyncio/threads.lua, and their end at exit.
#pragma once

#include <lua.hpp>

namespace luasync::threads {

// [-0, +0] thread_job, thread_submit... into luasync.core.
void open_threads_module(lua_State* L);

// [loop thread] Closes the executors and the completion port at exit.
// False when a job still runs (a second Ctrl-C stopped the wait for it):
// its threads are let go, and the process must leave without closing the
// loop's state (cli.cpp).
bool close_threads();

}  // namespace luasync::threads
