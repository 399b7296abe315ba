// W1's ceiling on stock Lua 5.4: the least a runtime can do per task of
// bench/w1_spawn_gather.lua while keeping asyncio's rules that matter for
// cost -- a Task object per spawn (what spawn returns, holding its result),
// a fresh coroutine per task, a fresh op object per sleep(0), a FIFO ready
// queue with one loop hop per wake-up, a pending task anchored until it
// ends, and gather collecting the results in order through one completion
// per child. Everything is garbage collected as usual. No names,
// cancellation, errors, tracing or I/O. Built and run by run.sh; not part of
// luasync.
#include "host.h"
#include "ring.h"

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

// The ready queue (host.h's ring) holds Tasks; the one whose step runs:
static Task *current;

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
      Task *t = ring_take();
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

int main(int argc, char **argv) {
  int rc = host_main(argc, argv, host_slab_alloc, "w1", open_w1);
  ring_free();
  return rc;
}
