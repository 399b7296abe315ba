// File system operations under asyncio/files.lua (fs.cpp).
#pragma once

struct lua_State;

namespace luasync::io {

// [-0, +0] Adds core.fs, fs_take, fs_close_now, fs_write_cap and the open flags core.O.
void open_fs_module(lua_State* L);

// Cancels the requests still queued for libuv's threads (shutdown, before
// the loop closes).
void cancel_fs_requests();

}  // namespace luasync::io
