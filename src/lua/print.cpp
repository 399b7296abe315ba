// print() as Lua's, except that a closed stdout (luasync x.lua | head -1)
// ends the program quietly instead of printing into the void forever.
#include <cerrno>
#include <cstdio>
#include <cstdlib>

#include "lua/state.hpp"

namespace luasync {

namespace {
int l_print(lua_State* L) {
  int n = lua_gettop(L);
  for (int i = 1; i <= n; ++i) {
    std::size_t len;
    const char* s = luaL_tolstring(L, i, &len);
    if (i > 1) std::fputc('\t', stdout);
    std::fwrite(s, 1, len, stdout);
    lua_pop(L, 1);
  }
  std::fputc('\n', stdout);
  std::fflush(stdout);
  // With stdout line-buffered the failing write may happen in fputc, so
  // test the stream's error flag rather than fflush's result.
  if (std::ferror(stdout) && errno == EPIPE) std::_Exit(0);
  return 0;
}
}  // namespace

void open_print(lua_State* L) {
  lua_pushcfunction(L, l_print);
  lua_setglobal(L, "print");
}

}  // namespace luasync
