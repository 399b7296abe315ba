// std.lua's C half.
#include "lua/std_c.hpp"

#include <sys/stat.h>

#include <cstring>
#include <lua.hpp>

#include "lua/errors.hpp"
#include "lua/runtime_modules.hpp"

namespace luasync {
namespace {

// new_table(narray, nrecord): an empty table with room for narray items
// and nrecord fields, as lua_createtable makes it. A table that the
// runtime's modules fill one field at a time (a module's table, a class's
// methods) is otherwise rehashed at every power of two on the way, part
// of every start (bench W6). Sizes are hints: past them the table grows
// as any other.
int l_new_table(lua_State* L) {
  const lua_Integer narr = luaL_optinteger(L, 1, 0);
  const lua_Integer nrec = luaL_optinteger(L, 2, 0);
  luaL_argcheck(L, narr >= 0 && narr <= (1 << 24), 1, "out of range");
  luaL_argcheck(L, nrec >= 0 && nrec <= (1 << 24), 2, "out of range");
  lua_createtable(L, static_cast<int>(narr), static_cast<int>(nrec));
  return 1;
}

// regular_file(path) -> whether path names a regular file (following
// links). The runtime reads a script's lines for reprs and hints only then:
// opening a FIFO would block the loop, and a directory cannot be read.
int l_regular_file(lua_State* L) {
  size_t len = 0;
  const char* path = luaL_checklstring(L, 1, &len);
  struct stat st;
  // (a name with a NUL byte is no file's: stat would read a shorter one)
  lua_pushboolean(L, std::strlen(path) == len && stat(path, &st) == 0 && S_ISREG(st.st_mode));
  return 1;
}

// join(list, n) -> the strings list[1..n] joined. The result is made once,
// at its size, and the pieces are copied into it (lua_concat of them all at
// once): table.concat grows a buffer by doubling and then copies it into the
// string, so joining 100 MB took the pieces, a buffer of up to twice the
// result and the result. (streams.lua's read to the end of a stream.) Past
// what the stack holds, the pieces go through a buffer of the right size.
int l_join(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  const lua_Integer n = luaL_checkinteger(L, 2);
  luaL_argcheck(L, n >= 0, 2, "out of range");
  if (n == 0) {
    lua_pushliteral(L, "");
    return 1;
  }
  if (n < 1000000 && lua_checkstack(L, static_cast<int>(n))) {
    for (lua_Integer i = 1; i <= n; ++i) {
      if (lua_rawgeti(L, 1, i) != LUA_TSTRING) {
        return luaL_error(L, "invalid value (at index %I) in list for 'join'", static_cast<LUAI_UACINT>(i));
      }
    }
    lua_concat(L, static_cast<int>(n));
    return 1;
  }
  size_t total = 0;
  for (lua_Integer i = 1; i <= n; ++i) {
    if (lua_rawgeti(L, 1, i) != LUA_TSTRING) {
      return luaL_error(L, "invalid value (at index %I) in list for 'join'", static_cast<LUAI_UACINT>(i));
    }
    total += lua_rawlen(L, -1);
    lua_pop(L, 1);
  }
  luaL_Buffer b;
  luaL_buffinitsize(L, &b, total);
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, 1, i);
    luaL_addvalue(&b);
  }
  luaL_pushresult(&b);
  return 1;
}

// error(value [, level]), as Lua's, except that an error class
// (asyncio.ValueError, what upvalue 1, the classes' metatable, marks) raises
// an instance of itself, as Python's `raise ValueError` does: caught by
// pcall, ValueError:is(e) then holds whether or not a task was in between.
// In C, as Lua's own: the level counts from the function that called it.
// Levels above 1 count the user's frames only (errors.hpp's user_level):
// error(msg, 2) in an async function awaited inline blames the line that
// awaited it, as it would the caller of a plain function.
int l_error(lua_State* L) {
  const lua_Integer level = luaL_optinteger(L, 2, 1);
  lua_settop(L, 1);
  if (lua_type(L, 1) == LUA_TSTRING && level > 0) {
    luaL_where(L, level == 1 ? 1 : user_level(L, level > 1000000 ? 1000000 : static_cast<int>(level)));
    lua_pushvalue(L, 1);
    lua_concat(L, 2);
  } else if (lua_getmetatable(L, 1)) {
    const bool is_class = lua_rawequal(L, -1, lua_upvalueindex(1));
    lua_pop(L, 1);
    if (is_class) {
      // (a constructor that raises, ExceptionGroup's without arguments:
      // that error, as Python's)
      lua_call(L, 0, 1);
    }
  }
  return lua_error(L);
}

// error_of(ClassMeta) -> the error function above for those classes.
int l_error_of(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  lua_pushcclosure(L, l_error, 1);
  return 1;
}

}  // namespace

int luaopen_std_c(lua_State* L) {
  static const luaL_Reg funcs[] = {{"new_table", l_new_table},
                                   {"regular_file", l_regular_file},
                                   {"error_of", l_error_of},
                                   {"join", l_join},
                                   {nullptr, nullptr}};
  luaL_newlib(L, funcs);
  push_runtime_modules(L);
  lua_setfield(L, -2, "modules");
  return 1;
}

}  // namespace luasync
