// The HTTP client's bindings for luasync.core (http.cpp), under
// asyncio/http.lua, and its end at exit.
#pragma once

#include <lua.hpp>

namespace luasync::http {

// [-0, +0] http_multi, http_start... into luasync.core.
void open_http_module(lua_State* L);
// [-0, +0] package.preload["luasync.cjson"]: lua-cjson, loaded when first
// required.
void preload_cjson(lua_State* L);

// [loop thread] At exit, before the loop closes: stops every transfer and
// closes every connection (multi.cpp).
void close_http();

}  // namespace luasync::http
