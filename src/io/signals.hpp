// Signal handlers of the loop (signals.cpp).
#pragma once

struct lua_State;

namespace luasync::io {

// [-0, +0] Adds core.signal_watch and core.signal_unwatch.
void open_signals_module(lua_State* L);

// Stops every signal watch (shutdown, before the loop closes).
void close_signal_watches();

}  // namespace luasync::io
