#pragma once

struct lua_State;

namespace luasync {

// The loader of the module luasync.frames (lua/frames.cpp): report.lua's
// frames() in C. preload_embedded preloads it with the embedded modules,
// report.lua among them, in every state that has them.
int luaopen_frames(lua_State* L);

// frames(co, level, max, fn_names) -> text, that module's function, for C++
// that takes a coroutine's frames without running Lua code (the kernel's
// wake-up in debug mode: no Lua instruction, where Ctrl-C's hook could
// raise, may run there).
int frames(lua_State* L);

}  // namespace luasync
