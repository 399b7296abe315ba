// The part the ceiling programs share: a Lua 5.4 state that runs a script
// with `arg` set and one C module preloaded, and the allocator they use. Not
// part of luasync.
#ifndef CEILING_HOST_H
#define CEILING_HOST_H

#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

// The allocator, as luasync's (src/lua/prefault.cpp): the pages malloc gets
// from the kernel are populated in one call each, not faulted in one by one
// (dear on this virtual machine: bench/RESULTS.md).
static uintptr_t host_populated;
static size_t host_used, host_peak;
static void host_populate(uintptr_t from, uintptr_t to) {
  from &= ~(uintptr_t)4095;
  to = (to + 4095) & ~(uintptr_t)4095;
  if (to > from) madvise((void *)from, to - from, MADV_POPULATE_WRITE);
}
__attribute__((unused)) static void *host_populating_alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  (void)ud;
  size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    free(ptr);
    host_used -= old;
    return NULL;
  }
  void *block = realloc(ptr, nsize);
  if (block == NULL) return NULL;
  host_used = host_used - old + nsize;
  if (nsize > old && (host_used > host_peak || nsize >= 128 * 1024)) {
    if (host_used > host_peak) host_peak = host_used;
    uintptr_t start = (uintptr_t)block, brk = (uintptr_t)sbrk(0);
    if (nsize >= 128 * 1024) {
      host_populate(start, start + nsize);
    } else if (start < brk && host_populated != brk) {
      if (host_populated > brk) host_populated = brk;
      host_populate(host_populated != 0 && host_populated <= start ? host_populated : start, brk);
      host_populated = brk;
    }
  }
  return block;
}

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
