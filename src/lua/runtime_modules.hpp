#pragma once
#include <lua.hpp>

namespace luasync {

// The runtime's own modules (the embedded luasync.<name> sources, the C
// modules it opens: luasync.core, luasync.stdout...) live in a table of the
// registry of their own, and the runtime loads them with a require of its
// own, so that what a script does to package.loaded, package.searchers,
// package.preload or require (a hot reload that forgets every module, a
// sandbox's searchers) cannot make it load a second copy of one, or none.
// Every module is also put in package.loaded when it loads, and
// package.preload answers a script's require of one of them (and of
// "asyncio" and "time") with the runtime's own copy, however package.loaded
// was cleared.

// Registry keys: the modules by name (also the standard libraries, as
// luaL_openlibs opened them), the C loaders of those that load at their
// first require, and the runtime's require.
inline constexpr const char* kRegModules = "luasync.modules";
inline constexpr const char* kRegModuleLoaders = "luasync.module_loaders";
inline constexpr const char* kRegRequire = "luasync.require";

// [-0, +1] The table of the runtime's modules.
void push_runtime_modules(lua_State* L);
// [-1, +0] Makes the value on top the runtime's module `name` (and
// package.loaded[name]).
void set_runtime_module(lua_State* L, const char* name);
// [-0, +0] The C loader of the runtime's module `name`, run at its first
// require.
void preload_runtime_module(lua_State* L, const char* name, lua_CFunction open);
// [-0, +1] The runtime's module `name`, loaded if it was not (raises as
// require does). After preload_embedded.
void require_runtime_module(lua_State* L, const char* name);

// Makes the runtime's require (and the environment its Lua code runs in: a
// copy of the standard globals as they are now, with that require) and has
// package.preload answer the runtime's modules; registers the C halves of
// report.lua and std.lua, luasync.frames (frames.hpp) and luasync.std_c
// (std_c.hpp). After luaL_openlibs.
void preload_embedded(lua_State* L);

}  // namespace luasync
