// Opening and closing the kernel of a Lua state (open.cpp). LuaState calls
// these in this order: open_kernel before any coroutine exists; at the end
// settle_kernel, lua_close, close_kernel (the kernel outlives lua_close,
// whose finalizers may reach it).
#pragma once

#include <lua.hpp>

#include "runtime/loop.hpp"

namespace luasync {

// [-0, +0] package.loaded["luasync.core"]: the kernel's bindings.
void open_kernel(lua_State* L, Loop& loop);
// Ops still waiting for settle get their finalizer, so unstarted ones are
// reported when lua_close collects them.
void settle_kernel(lua_State* L);
void close_kernel();

}  // namespace luasync
