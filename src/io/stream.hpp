// The byte streams under asyncio/streams.lua (stream.cpp): TCP and Unix
// domain sockets, connections and servers, and getaddrinfo.
#pragma once

struct lua_State;

namespace luasync::io {

// [-0, +0] Adds the core.tcp_*, pipe_*, stream_* and getaddrinfo bindings.
void open_streams_module(lua_State* L);

// [-0, +0] Closes every stream still open (shutdown, before the loop
// closes), letting go of their anchors when L is given.
void close_streams(lua_State* L);

// Cancels the getaddrinfo requests still queued (shutdown).
void cancel_lookups();

}  // namespace luasync::io
