// W2's ceiling on stock Lua 5.4: the least a runtime can do per round trip
// while keeping asyncio's rules that matter for cost -- a fresh coroutine
// object per get()/put(), a FIFO ready queue with one loop hop per wake-up,
// getters waiting in FIFO order. No cancellation, names, errors or I/O.
// Built and run by run.sh; not part of luasync.
#include <string.h>

#include "host.h"

typedef struct Task {
  lua_State *co;
  int nargs;
} Task;
static Task *ready_q[1024];
static size_t head, tail;  // ring of ready tasks
static Task *current;
static void make_ready(Task *t) { ready_q[tail++ & 1023] = t; }

typedef struct Queue {
  lua_Integer h, n;  // items in the uservalue table at h..h+n-1
  Task *waiting[64];
  int wh, wn;
} Queue;
typedef struct Op {
  int put, started;
  Queue *q;
} Op;

static int spawn(lua_State *L) {
  int n = lua_gettop(L);
  Task *t = malloc(sizeof *t);
  t->co = lua_newthread(L);
  luaL_ref(L, LUA_REGISTRYINDEX);  // kept for the whole run
  for (int i = 1; i <= n; i++) lua_pushvalue(L, i);
  lua_xmove(L, t->co, n);
  t->nargs = n - 1;
  make_ready(t);
  return 0;
}

static int run(lua_State *L) {
  while (head != tail) {
    size_t last = tail;  // one loop iteration: the tasks ready now
    while (head != last) {
      Task *t = ready_q[head++ & 1023];
      current = t;
      int nres;
      int st = lua_resume(t->co, L, t->nargs, &nres);
      t->nargs = 0;
      if (st == LUA_YIELD) {
        lua_pop(t->co, nres);
      } else if (st != LUA_OK) {
        lua_xmove(t->co, L, 1);
        return lua_error(L);
      }
    }
  }
  return 0;
}

static int new_queue(lua_State *L) {
  Queue *q = lua_newuserdatauv(L, sizeof *q, 1);
  memset(q, 0, sizeof *q);
  q->h = 1;
  lua_newtable(L);
  lua_setiuservalue(L, -2, 1);
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_setmetatable(L, -2);
  return 1;
}

// q:get() / q:put(v): a fresh op, with the queue (and v) as user values.
static int make_op(lua_State *L, int put) {
  Queue *q = lua_touserdata(L, 1);
  Op *op = lua_newuserdatauv(L, sizeof *op, 2);
  op->put = put;
  op->started = 0;
  op->q = q;
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_setmetatable(L, -2);
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, -2, 1);
  if (put) {
    lua_pushvalue(L, 2);
    lua_setiuservalue(L, -2, 2);
  }
  return 1;
}
static int q_get(lua_State *L) { return make_op(L, 0); }
static int q_put(lua_State *L) { return make_op(L, 1); }

static int take(lua_State *L) {  // stack: op, queue, items
  Queue *q = lua_touserdata(L, 2);
  lua_rawgeti(L, 3, q->h);
  lua_pushnil(L);
  lua_rawseti(L, 3, q->h);
  q->h++;
  q->n--;
  return 1;
}
static int after_wait(lua_State *L, int status, lua_KContext ctx) {
  (void)status, (void)ctx;
  return take(L);
}

static int await(lua_State *L) {
  Op *op = lua_touserdata(L, 1);
  if (op->started) return luaL_error(L, "cannot reuse already awaited coroutine");
  op->started = 1;
  Queue *q = op->q;
  lua_settop(L, 1);
  lua_getiuservalue(L, 1, 1);
  lua_getiuservalue(L, 2, 1);
  if (op->put) {
    lua_getiuservalue(L, 1, 2);
    lua_rawseti(L, 3, q->h + q->n);
    q->n++;
    if (q->wn) {
      make_ready(q->waiting[q->wh++ & 63]);
      q->wn--;
    }
    return 0;
  }
  if (q->n > 0) return take(L);
  q->waiting[(q->wh + q->wn++) & 63] = current;
  return lua_yieldk(L, 0, 0, after_wait);
}

static int open_ceiling(lua_State *L) {
  lua_newtable(L);  // module
  lua_newtable(L);  // op metatable
  lua_newtable(L);  // queue metatable
  lua_newtable(L);  // its __index
  lua_pushvalue(L, -3);
  lua_pushcclosure(L, q_get, 1);
  lua_setfield(L, -2, "get");
  lua_pushvalue(L, -3);
  lua_pushcclosure(L, q_put, 1);
  lua_setfield(L, -2, "put");
  lua_setfield(L, -2, "__index");
  lua_pushcclosure(L, new_queue, 1);
  lua_setfield(L, -3, "Queue");
  lua_pop(L, 1);
  lua_pushcfunction(L, spawn);
  lua_setfield(L, -2, "spawn");
  lua_pushcfunction(L, run);
  lua_setfield(L, -2, "run");
  lua_pushcfunction(L, await);
  lua_setfield(L, -2, "await");
  return 1;
}

int main(int argc, char **argv) { return host_main(argc, argv, NULL, "ceiling", open_ceiling); }
