/* A tiny C module built for Lua 5.4, loaded by tests/lua/cli_cmodule.lua with
 * require("hello"): it proves the luasync binary exports the Lua C API.
 * Built as a MODULE library without linking liblua (the symbols come from the
 * process that loads it). */
#include <errno.h>
#include <fcntl.h>
#include <lauxlib.h>
#include <lua.h>
#include <signal.h>
#include <string.h>
#include <unistd.h>

/* hello.greet(name [, times]) -> "hello, NAME! xN" */
static int greet(lua_State *L) {
  const char *name = luaL_checkstring(L, 1);
  lua_Integer times = luaL_optinteger(L, 2, 1);
  luaL_argcheck(L, times > 0, 2, "must be positive");
  lua_pushfstring(L, "hello, %s! x%I", name, (LUA_INTEGER)times);
  return 1;
}

/* hello.sum(...) -> the sum of its numbers, as a float */
static int sum(lua_State *L) {
  int n = lua_gettop(L);
  lua_Number total = 0;
  for (int i = 1; i <= n; ++i) total += luaL_checknumber(L, i);
  lua_pushnumber(L, total);
  return 1;
}

/* hello.map(t, f) -> a new list of f(t[i]) (calls back into Lua) */
static int map(lua_State *L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  luaL_checktype(L, 2, LUA_TFUNCTION);
  lua_Integer n = luaL_len(L, 1);
  lua_createtable(L, (int)n, 0);
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_pushvalue(L, 2);
    lua_geti(L, 1, i);
    lua_call(L, 1, 1);
    lua_seti(L, -2, i);
  }
  return 1;
}

/* hello.counter() -> a closure counting its calls (upvalues) */
static int counter_step(lua_State *L) {
  lua_Integer c = lua_tointeger(L, lua_upvalueindex(1)) + 1;
  lua_pushinteger(L, c);
  lua_copy(L, -1, lua_upvalueindex(1));
  return 1;
}
static int counter(lua_State *L) {
  lua_pushinteger(L, 0);
  lua_pushcclosure(L, counter_step, 1);
  return 1;
}

/* The state luaopen_hello was given, kept as luv and luaposix keep theirs:
 * their callbacks later run on it. */
static lua_State *opened_on = NULL;
static int callback_ref = LUA_NOREF;

/* hello.opened_on_main() -> whether luaopen_hello ran on the main thread */
static int opened_on_main(lua_State *L) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, LUA_RIDX_MAINTHREAD);
  lua_pushboolean(L, lua_tothread(L, -1) == opened_on);
  return 1;
}

/* hello.call_later(f): keeps f; hello.fire() calls it on the kept state, as
 * a luv timer's callback is called */
static int call_later(lua_State *L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_pushvalue(L, 1);
  callback_ref = luaL_ref(L, LUA_REGISTRYINDEX);
  return 0;
}
static int fire(lua_State *L) {
  (void)L;
  lua_rawgeti(opened_on, LUA_REGISTRYINDEX, callback_ref);
  if (lua_pcall(opened_on, 0, 0, 0) != LUA_OK) lua_pop(opened_on, 1);
  return 0;
}

/* hello.resume(co, ...) -> true, results | false, error: lua_resume called
 * directly, as a C module resumes coroutines (not through luasync's
 * coroutine.resume) */
static int resume(lua_State *L) {
  lua_State *co = lua_tothread(L, 1);
  luaL_argexpected(L, co != NULL, 1, "coroutine");
  int nargs = lua_gettop(L) - 1;
  int nres = 0;
  lua_xmove(L, co, nargs);
  int status = lua_resume(co, L, nargs, &nres);
  if (status != LUA_OK && status != LUA_YIELD) {
    lua_pushboolean(L, 0);
    lua_xmove(co, L, 1);
    return 2;
  }
  lua_pushboolean(L, 1);
  lua_xmove(co, L, nres);
  return nres + 1;
}

/* Descriptors for the tests of loop:add_reader/add_writer, as luaposix
 * would give them: hello.pipe() -> r, w (both non-blocking);
 * hello.read(fd, n) -> bytes ("" at end of file) or nil, errno name;
 * hello.write(fd, s) -> count or nil, errno name; hello.close(fd). */
static int push_errno(lua_State *L) {
  lua_pushnil(L);
  lua_pushstring(L, errno == EAGAIN ? "EAGAIN" : strerror(errno));
  return 2;
}

static int l_pipe(lua_State *L) {
  int fds[2];
  if (pipe(fds) != 0) return push_errno(L);
  for (int i = 0; i < 2; ++i) fcntl(fds[i], F_SETFL, fcntl(fds[i], F_GETFL) | O_NONBLOCK);
  lua_pushinteger(L, fds[0]);
  lua_pushinteger(L, fds[1]);
  return 2;
}

static int l_read(lua_State *L) {
  int fd = (int)luaL_checkinteger(L, 1);
  lua_Integer n = luaL_checkinteger(L, 2);
  luaL_Buffer b;
  char *p = luaL_buffinitsize(L, &b, (size_t)n);
  ssize_t got = read(fd, p, (size_t)n);
  if (got < 0) return push_errno(L);
  luaL_pushresultsize(&b, (size_t)got);
  return 1;
}

static int l_write(lua_State *L) {
  int fd = (int)luaL_checkinteger(L, 1);
  size_t len;
  const char *s = luaL_checklstring(L, 2, &len);
  ssize_t put = write(fd, s, len);
  if (put < 0) return push_errno(L);
  lua_pushinteger(L, put);
  return 1;
}

static int l_close(lua_State *L) {
  lua_pushboolean(L, close((int)luaL_checkinteger(L, 1)) == 0);
  return 1;
}

/* What luaposix's signal() and luv's uv.new_signal do with SIGINT: take it
 * with sigaction. hello.take_sigint() installs a handler that counts;
 * hello.sigint_count() -> how many arrived; hello.getpid(). */
static volatile sig_atomic_t sigints = 0;
static void count_sigint(int sig) {
  (void)sig;
  sigints++;
}

static int l_take_sigint(lua_State *L) {
  struct sigaction sa;
  memset(&sa, 0, sizeof sa);
  sa.sa_handler = count_sigint;
  sigemptyset(&sa.sa_mask);
  lua_pushboolean(L, sigaction(SIGINT, &sa, NULL) == 0);
  return 1;
}

static int l_sigint_count(lua_State *L) {
  lua_pushinteger(L, sigints);
  return 1;
}

static int l_getpid(lua_State *L) {
  lua_pushinteger(L, (lua_Integer)getpid());
  return 1;
}

/* clang-format off */
static const luaL_Reg funcs[] = {
    {"greet", greet},
    {"sum", sum},
    {"map", map},
    {"counter", counter},
    {"opened_on_main", opened_on_main},
    {"call_later", call_later},
    {"fire", fire},
    {"resume", resume},
    {"pipe", l_pipe},
    {"read", l_read},
    {"write", l_write},
    {"close", l_close},
    {"take_sigint", l_take_sigint},
    {"sigint_count", l_sigint_count},
    {"getpid", l_getpid},
    {NULL, NULL}};
/* clang-format on */

int luaopen_hello(lua_State *L) {
  opened_on = L;
  luaL_newlib(L, funcs); /* also checks the core's version and size types */
  lua_pushfstring(L, "%s, module '%s'", LUA_RELEASE, lua_tostring(L, 1));
  lua_setfield(L, -2, "about");
  return 1;
}
