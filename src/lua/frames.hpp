#pragma once

struct lua_State;

namespace luasync {

// The loader of the module luasync.frames (lua/frames.cpp): report.lua's
// frames() in C. preload_embedded preloads it with the embedded modules,
// report.lua among them, in every state that has them.
int luaopen_frames(lua_State* L);

}  // namespace luasync
