// The part the ceiling programs share: a Lua 5.4 state that runs a script
// with `arg` set and one C module preloaded, and the allocator W1's and W3's
// use. Not part of luasync.
#ifndef CEILING_HOST_H
#define CEILING_HOST_H

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>

// The allocator of W1's and W3's ceilings, as luasync's: its slab heap for
// blocks of up to 1 KiB (slab_alloc.cpp, linked in by run.sh).
void *host_slab_alloc(void *ud, void *ptr, size_t osize, size_t nsize);

// Runs argv[1] with arg = {[0] = script, args...} and `name` preloaded as
// open's module, in a state of `alloc` (NULL: Lua's own). Answers the exit
// status.
static int host_main(int argc, char **argv, lua_Alloc alloc, const char *name, lua_CFunction open) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s script.lua [args]\n", argv[0]);
    return 2;
  }
  lua_State *L = alloc ? lua_newstate(alloc, NULL) : luaL_newstate();
  luaL_openlibs(L);
  luaL_requiref(L, name, open, 0);
  lua_pop(L, 1);
  lua_createtable(L, argc, 0);
  for (int i = 1; i < argc; i++) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i - 1);
  }
  lua_setglobal(L, "arg");
  int rc = luaL_dofile(L, argv[1]);
  if (rc != LUA_OK) fprintf(stderr, "%s\n", lua_tostring(L, -1));
  lua_close(L);
  return rc == LUA_OK ? 0 : 1;
}

#endif
