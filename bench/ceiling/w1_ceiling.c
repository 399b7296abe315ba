// W1's ceiling on stock Lua 5.4: the least a runtime can do per task of
// bench/w1_spawn_gather.lua while keeping asyncio's rules that matter for
// cost -- a Task object per spawn (what spawn returns, holding its result),
// a fresh coroutine per task, a fresh op object per sleep(0), a FIFO ready
// queue with one loop hop per wake-up, a pending task anchored until it
// ends, and gather collecting the results in order through one completion
// per child. Everything is garbage collected as usual. No names,
// cancellation, errors, tracing or I/O. Built and run by run.sh; not part of
// luasync.
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

typedef struct Gather Gather;
typedef struct Task {
  lua_State *co;  // null once finished
  int anchor;     // registry ref while pending
  int nargs;      // arguments of the first resume
  Gather *g;      // the gather waiting for it, if any (user value 3)
  lua_Integer index;
} Task;
struct Gather {
  lua_Integer remaining;
  Task *waiter;
  int started;
};
typedef struct Op {
  int started;
} Op;

// The ready queue: a ring that grows.
static Task **ring;
static size_t cap, head, tail;
static Task *current;
static void make_ready(Task *t) {
  if (tail - head == cap) {
    size_t ncap = cap ? cap * 2 : 1024;
    Task **n = malloc(ncap * sizeof *n);
    for (size_t i = head; i != tail; i++) n[i - head] = ring[i % cap];
    free(ring);
    ring = n;
    tail -= head;
    head = 0;
    cap = ncap;
  }
  ring[tail++ % cap] = t;
}

static const char *const kTask = "w1.Task", *const kOp = "w1.Op", *const kGather = "w1.Gather";

// spawn(fn, ...) -> task
static int spawn(lua_State *L) {
  int n = lua_gettop(L);
  Task *t = lua_newuserdatauv(L, sizeof *t, 3);
  luaL_setmetatable(L, kTask);
  t->co = lua_newthread(L);
  lua_setiuservalue(L, -2, 1);  // the task keeps its coroutine
  lua_rotate(L, 1, 1);          // task, fn, args...
  lua_xmove(L, t->co, n);
  t->nargs = n - 1;
  t->g = NULL;
  lua_pushvalue(L, 1);
  t->anchor = luaL_ref(L, LUA_REGISTRYINDEX);
  make_ready(t);
  return 1;
}

static int sleep0(lua_State *L) {
  Op *op = lua_newuserdatauv(L, sizeof *op, 0);
  op->started = 0;
  luaL_setmetatable(L, kOp);
  return 1;
}

// gather(t1, ..., tn) -> an awaitable whose result is {r1, ..., rn}
static int gather(lua_State *L) {
  int n = lua_gettop(L);
  Gather *g = lua_newuserdatauv(L, sizeof *g, 1);
  luaL_setmetatable(L, kGather);
  g->remaining = 0;
  g->waiter = NULL;
  g->started = 0;
  lua_createtable(L, n, 0);
  for (int i = 1; i <= n; i++) {
    Task *t = luaL_checkudata(L, i, kTask);
    if (t->co == NULL) {
      lua_getiuservalue(L, i, 2);
      lua_rawseti(L, -2, i);
    } else {
      t->g = g;
      t->index = i;
      lua_pushvalue(L, n + 1);
      lua_setiuservalue(L, i, 3);  // the child keeps the gather
      g->remaining++;
    }
  }
  lua_setiuservalue(L, n + 1, 1);
  return 1;
}

static int gathered(lua_State *L, int status, lua_KContext ctx) {
  (void)status, (void)ctx;
  lua_getiuservalue(L, 1, 1);
  return 1;
}

static int await(lua_State *L) {
  lua_settop(L, 1);
  Gather *g = luaL_testudata(L, 1, kGather);
  if (g) {
    if (g->started) return luaL_error(L, "cannot reuse already awaited coroutine");
    g->started = 1;
    if (g->remaining == 0) return gathered(L, LUA_OK, 0);
    g->waiter = current;
    return lua_yieldk(L, 0, 0, gathered);
  }
  Op *op = luaL_checkudata(L, 1, kOp);
  if (op->started) return luaL_error(L, "cannot reuse already awaited coroutine");
  op->started = 1;
  make_ready(current);  // sleep(0): one hop through the ready queue
  return lua_yield(L, 0);
}

// A task's coroutine returned: its result goes to the task and its gather.
static void finish(lua_State *L, Task *t, int nres) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, t->anchor);
  int task = lua_gettop(L);
  if (nres > 0) {
    lua_xmove(t->co, L, 1);
    lua_settop(t->co, 0);
  } else {
    lua_pushnil(L);
  }
  lua_pushvalue(L, -1);
  lua_setiuservalue(L, task, 2);
  if (t->g) {
    Gather *g = t->g;
    lua_getiuservalue(L, task, 3);
    lua_getiuservalue(L, -1, 1);
    lua_pushvalue(L, task + 1);
    lua_rawseti(L, -2, t->index);
    if (--g->remaining == 0 && g->waiter) make_ready(g->waiter);
    lua_pushnil(L);
    lua_setiuservalue(L, task, 3);
  }
  t->co = NULL;
  lua_pushnil(L);
  lua_setiuservalue(L, task, 1);  // the coroutine can go
  luaL_unref(L, LUA_REGISTRYINDEX, t->anchor);
  lua_settop(L, task - 1);
}

static int run(lua_State *L) {
  while (head != tail) {
    size_t last = tail;  // one loop iteration: the tasks ready now
    while (head != last) {
      Task *t = ring[head++ % cap];
      current = t;
      int nres;
      int st = lua_resume(t->co, L, t->nargs, &nres);
      t->nargs = 0;
      if (st == LUA_YIELD) {
        lua_pop(t->co, nres);
      } else if (st == LUA_OK) {
        finish(L, t, nres);
      } else {
        lua_xmove(t->co, L, 1);
        return lua_error(L);
      }
    }
  }
  return 0;
}

static int open_w1(lua_State *L) {
  luaL_newmetatable(L, kTask);
  luaL_newmetatable(L, kOp);
  luaL_newmetatable(L, kGather);
  lua_pop(L, 3);
  luaL_Reg funcs[] = {{"spawn", spawn}, {"sleep0", sleep0}, {"gather", gather},
                      {"await", await}, {"run", run},       {NULL, NULL}};
  luaL_newlib(L, funcs);
  return 1;
}

// The allocator, as luasync's (src/lua/prefault.cpp): the pages malloc gets
// from the kernel are populated in one call each, not faulted in one by one
// (dear on this virtual machine: bench/RESULTS.md).
static uintptr_t populated;
static size_t used, peak;
static void populate(uintptr_t from, uintptr_t to) {
  from &= ~(uintptr_t)4095;
  to = (to + 4095) & ~(uintptr_t)4095;
  if (to > from) madvise((void *)from, to - from, MADV_POPULATE_WRITE);
}
static void *alloc(void *ud, void *ptr, size_t osize, size_t nsize) {
  (void)ud;
  size_t old = ptr ? osize : 0;
  if (nsize == 0) {
    free(ptr);
    used -= old;
    return NULL;
  }
  void *block = realloc(ptr, nsize);
  if (block == NULL) return NULL;
  used = used - old + nsize;
  if (nsize > old && (used > peak || nsize >= 128 * 1024)) {
    if (used > peak) peak = used;
    uintptr_t start = (uintptr_t)block, brk = (uintptr_t)sbrk(0);
    if (nsize >= 128 * 1024) {
      populate(start, start + nsize);
    } else if (start < brk && populated != brk) {
      if (populated > brk) populated = brk;
      populate(populated != 0 && populated <= start ? populated : start, brk);
      populated = brk;
    }
  }
  return block;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: %s script.lua [args]\n", argv[0]);
    return 2;
  }
  lua_State *L = lua_newstate(alloc, NULL);
  luaL_openlibs(L);
  luaL_requiref(L, "w1", open_w1, 0);
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
  free(ring);
  return rc == LUA_OK ? 0 : 1;
}
