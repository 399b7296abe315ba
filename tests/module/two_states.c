/* A C program that embeds stock Lua 5.4 with two states, as an application
 * with plugins may: the module's runtime is one per process, so while one
 * state has asyncio open the other's require is refused with a clear error,
 * and once the first state is closed the other can open and run it.
 *   two_states MODULE_DIR */
#include <lauxlib.h>
#include <lualib.h>
#include <stdio.h>
#include <string.h>

static int failures = 0;

static lua_State* new_state(const char* dir) {
  lua_State* L = luaL_newstate();
  luaL_openlibs(L);
  lua_getglobal(L, "package");
  lua_pushfstring(L, "%s/?.so", dir);
  lua_setfield(L, -2, "cpath");
  lua_pop(L, 1);
  return L;
}

/* Runs code in L; returns its string result or error message. */
static const char* run(lua_State* L, const char* code) {
  if (luaL_loadstring(L, code) != LUA_OK || lua_pcall(L, 0, 1, 0) != LUA_OK) {
    const char* e = lua_tostring(L, -1);
    return e ? e : "(error object)";
  }
  const char* r = lua_tostring(L, -1);
  return r ? r : "(not a string)";
}

static void check(const char* what, const char* got, const char* want) {
  if (strstr(got, want) == NULL) {
    failures++;
    fprintf(stderr, "FAIL %s\n  got:  %s\n  want: %s\n", what, got, want);
  }
}

static const char* const kRun =
    "local asyncio = require 'asyncio'\n"
    "return asyncio.run(async(function()\n"
    "  await(asyncio.sleep(0.01))\n"
    "  return await(asyncio.to_thread(function() return 'ran' end))\n"
    "end)())";

int main(int argc, char** argv) {
  if (argc != 2) {
    fputs("usage: two_states MODULE_DIR\n", stderr);
    return 2;
  }
  lua_State* a = new_state(argv[1]);
  lua_State* b = new_state(argv[1]);
  check("the first state runs asyncio", run(a, kRun), "ran");
  check("the second is refused while the first has it open", run(b, "return require 'asyncio'"),
        "asyncio is open in another Lua state of this process");
  check("the first still runs", run(a, kRun), "ran");
  lua_close(a);
  check("once the first is closed, the second opens and runs it", run(b, kRun), "ran");
  lua_close(b);
  lua_State* c = new_state(argv[1]);
  check("and a third after that", run(c, kRun), "ran");
  lua_close(c);
  if (failures > 0) {
    fprintf(stderr, "%d check(s) failed\n", failures);
    return 1;
  }
  puts("ok");
  return 0;
}
