// StreamReader's read methods as ops (reader_ops.cpp): the binding
// reader_methods of luasync.core and the op kinds StreamReader.read,
// .readline, .readuntil and .readexactly.
#pragma once

#include <lua.hpp>

namespace luasync {

// Registers the op kinds and adds reader_methods to luasync.core: one of
// the bindings opened at first use (lua/state.cpp's open_lazy_bindings),
// as the streams that use them are.
void open_reader_ops(lua_State* L);

}  // namespace luasync
