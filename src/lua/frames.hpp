#pragma once

struct lua_State;

namespace luasync {

// [-0, +0] Registers the module luasync.frames (lua/frames.cpp): the usual
// case of report.lua's frames() in C.
void open_frames(lua_State* L);

}  // namespace luasync
