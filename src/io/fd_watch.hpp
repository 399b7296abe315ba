// loop:add_reader / add_writer's C++ half (fd_watch.cpp).
#pragma once

struct lua_State;

namespace luasync::io {

// [-0, +0] Adds core.fd_watch and core.fd_watch_set. After open_kernel.
void open_fd_watch(lua_State* L);

// [-0, +0] Closes the poll handle of every watch still open, and lets go of
// their anchors when L is given: shutdown, before the loop closes.
void close_fd_watches(lua_State* L);

}  // namespace luasync::io
