// Ctrl-C inside Lua code that never yields (interrupt_hook.cpp): the hook that
// raises KeyboardInterrupt in the running coroutine, and the resume that tells
// it which coroutine runs. The signal itself is runtime/interrupt.hpp's.
#pragma once

#include <lua.hpp>

#include "kernel/boundary.hpp"

namespace luasync {

// lua_resume(co, from, nargs, nres), telling the Ctrl-C hook which coroutine runs.
int resume_tracked(lua_State* co, lua_State* from, int nargs, int* nres);
// The driver took the interrupt: a Ctrl-C hook not yet fired must not fire later.
void interrupt_clear_hook();
// Arms the hook on the first Ctrl-C (open) and disarms it before lua_close.
void open_interrupt();
void close_interrupt();
// interrupt_rearm, for luasync.core.
extern const luaL_Reg interrupt_funcs[];

}  // namespace luasync
