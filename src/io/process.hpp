// Child processes under asyncio/subprocess.lua (process.cpp).
#pragma once

struct lua_State;

namespace luasync::io {

// [-0, +0] Adds core.spawn, process_take, process_kill, signal_number.
void open_processes_module(lua_State* L);

// [-0, +0] Closes the handle of every process not yet reaped (shutdown,
// before the loop closes), letting go of their anchors when L is given. A
// child still running gets SIGKILL first, as CPython's subprocess transport
// kills its child when it is closed or collected: the program's end leaves
// none of its children behind.
void close_processes(lua_State* L);

}  // namespace luasync::io
