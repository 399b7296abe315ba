// print() as Lua's, except that a closed stdout (luasync x.lua | head -1)
// ends the program quietly instead of printing into the void forever.
// SIGPIPE is ignored, so a write to a pipe without a reader fails (EPIPE);
// with stdout line-buffered that failure may surface inside any stdio call,
// so we look at the stream's error flag and ask the descriptor itself.
#include <poll.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>

#include "lua/state.hpp"
#include "lua/output.hpp"

namespace luasync {

namespace {
void exit_if_stdout_closed() {
  if (!std::ferror(stdout)) return;
  std::clearerr(stdout);
  pollfd p{STDOUT_FILENO, POLLOUT, 0};
  if (poll(&p, 1, 0) == 1 && (p.revents & POLLERR)) std::_Exit(0);
}

// [-0, +0] luasync.stdout.check(): used after io.write / file:write on stdout.
int l_before_output(lua_State*) {
  before_output();
  return 0;
}

int l_check_stdout(lua_State*) {
  exit_if_stdout_closed();
  return 0;
}

int l_print(lua_State* L) {
  before_output();
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
  exit_if_stdout_closed();
  return 0;
}
}  // namespace

void open_print(lua_State* L) {
  lua_pushcfunction(L, l_print);
  lua_setglobal(L, "print");
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  lua_createtable(L, 0, 2);
  lua_pushcfunction(L, l_check_stdout);
  lua_setfield(L, -2, "check");
  lua_pushcfunction(L, l_before_output);
  lua_setfield(L, -2, "before_output");
  lua_setfield(L, -2, "luasync.stdout");
  lua_pop(L, 1);
}

}  // namespace luasync
