#include "lua/errors.hpp"

#include <uv.h>

#include <cerrno>
#include <cstring>

#include "lua/runtime_modules.hpp"

namespace luasync {

int bad_argument(lua_State* L, int arg, const char* fname, const char* expected) {
  const char* got = lua_isnone(L, arg) ? "no value" : luaL_typename(L, arg);
  return arg_error(L, arg, fname, lua_pushfstring(L, "%s expected, got %s", expected, got));
}

namespace {

const char kBindingMarker = 0;  // its address: the registry key of the marker

// Whether the C function of frame ar is one of the runtime's bindings.
bool is_binding(lua_State* L, lua_Debug& ar) {
  if (!lua_getinfo(L, "f", &ar)) return false;
  const bool upvalue = lua_getupvalue(L, -1, 1) != nullptr;
  bool marked = false;
  if (upvalue) {
    lua_rawgetp(L, LUA_REGISTRYINDEX, &kBindingMarker);
    marked = !lua_isnil(L, -1) && lua_rawequal(L, -1, -2);
    lua_pop(L, 2);
  }
  lua_pop(L, 1);
  return marked;
}

// Whether frame ar (filled by lua_getstack) is the runtime's own: its Lua
// code (chunks "=luasync:...") or one of its bindings (await among them).
bool is_runtime_frame(lua_State* L, lua_Debug& ar) {
  if (!lua_getinfo(L, "S", &ar)) return false;
  if (ar.what[0] == 'C') return is_binding(L, ar);
  return std::strncmp(ar.source, "=luasync:", 9) == 0;
}

}  // namespace

int user_level(lua_State* L, int level) {
  lua_Debug ar;
  int at = 1;
  for (int n = 1; n < level; ++n) {
    for (;;) {
      if (!lua_getstack(L, ++at, &ar)) return at;
      if (!is_runtime_frame(L, ar)) break;
    }
  }
  return at;
}

int self_error(lua_State* L, const char* fname, const char* what, const char* var) {
  return arg_error(L, 1, fname, lua_pushfstring(L, "%s expected; call it as %s:%s(...)", what, var, fname));
}

void set_binding_marker(lua_State* L) { lua_rawsetp(L, LUA_REGISTRYINDEX, &kBindingMarker); }

int arg_error(lua_State* L, int arg, const char* fname, const char* extramsg) {
  lua_Debug ar;
  for (int level = 1; lua_getstack(L, level, &ar); ++level) {
    if (is_runtime_frame(L, ar)) continue;
    if (ar.what[0] == 'C' || !lua_getinfo(L, "l", &ar) || ar.currentline < 0) break;
    lua_pushfstring(L, "%s:%d: bad argument #%d to '%s' (%s)", ar.short_src, ar.currentline, arg, fname, extramsg);
    return lua_error(L);
  }
  lua_pushfstring(L, "bad argument #%d to '%s' (%s)", arg, fname, extramsg);
  return lua_error(L);
}

int raise_error(lua_State* L, const char* cls, const char* message) {
  // The classes come from the module's own table (the runtime's), never
  // from globals a script may have changed.
  push_runtime_modules(L);
  lua_getfield(L, -1, "luasync.errors");
  lua_getfield(L, -1, cls);
  if (message) {
    lua_pushstring(L, message);
  } else {
    lua_pushnil(L);
  }
  lua_call(L, 1, 1);
  return lua_error(L);
}

void refuse_nul(lua_State* L, int idx, const char* message) {
  if (lua_type(L, idx) != LUA_TSTRING) return;
  size_t len = 0;
  const char* s = lua_tolstring(L, idx, &len);
  if (std::memchr(s, '\0', len) != nullptr) raise_error(L, "ValueError", message);
}

const char* check_c_string(lua_State* L, int arg, const char* message) {
  const char* s = luaL_checkstring(L, arg);
  refuse_nul(L, arg, message);  // (a number converted above has none)
  return s;
}

const char* opt_c_string(lua_State* L, int arg, const char* message) {
  return lua_isnoneornil(L, arg) ? nullptr : check_c_string(L, arg, message);
}

int raise_os_error(lua_State* L, int err, const char* filename) {
  push_os_error(L, err, filename);
  return lua_error(L);
}

void push_os_error(lua_State* L, int err, const char* filename) {
  push_runtime_modules(L);
  lua_getfield(L, -1, "luasync.errors");
  lua_getfield(L, -1, "OSError");
  lua_pushinteger(L, err);
  lua_pushstring(L, std::strerror(err));
  if (filename) {
    lua_pushstring(L, filename);
  } else {
    lua_pushnil(L);
  }
  lua_call(L, 3, 1);
  lua_replace(L, -3);
  lua_pop(L, 1);
}

namespace {

// name(n) -> "ENOENT" | nil. libuv's error codes are the negated errnos on
// Unix; uv_err_name_r names them without allocating (uv_err_name leaks for
// an unknown code).
int l_errno_name(lua_State* L) {
  lua_Integer n = luaL_checkinteger(L, 1);
  if (n <= 0 || n > 4095) return 0;
  char name[64];
  uv_err_name_r(static_cast<int>(-n), name, sizeof name);
  if (name[0] != 'E' || std::strchr(name, ' ') != nullptr) return 0;
  lua_pushstring(L, name);
  return 1;
}

// strerror(n) -> the system's text for errno n ("Connection refused").
int l_errno_strerror(lua_State* L) {
  lua_pushstring(L, std::strerror(static_cast<int>(luaL_checkinteger(L, 1))));
  return 1;
}

}  // namespace

void open_errno(lua_State* L) {
  lua_createtable(L, 0, 5);
  // The codes the Lua side raises itself (asyncio/files.lua's seek, tell, open).
  lua_pushinteger(L, EINVAL);
  lua_setfield(L, -2, "EINVAL");
  lua_pushinteger(L, EISDIR);
  lua_setfield(L, -2, "EISDIR");
  lua_pushinteger(L, ESPIPE);
  lua_setfield(L, -2, "ESPIPE");
  lua_pushcfunction(L, l_errno_name);
  lua_setfield(L, -2, "name");
  lua_pushcfunction(L, l_errno_strerror);
  lua_setfield(L, -2, "strerror");
  set_runtime_module(L, "luasync.errno");
}

}  // namespace luasync
