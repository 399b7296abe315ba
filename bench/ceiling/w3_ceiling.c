// W3's ceiling on stock Lua 5.4: the least a runtime can hold and do per
// task of bench/w3_sleepers.lua -- K tasks, each a Task object (what spawn
// returns) with a fresh coroutine, suspended in a fresh sleep op, its
// deadline in a binary heap, anchored while pending -- and how late the last
// of them wakes when the first steps of all K run as one batch, as in
// asyncio. One hop through the ready queue per wake-up; a real monotonic
// clock; the loop sleeps until the earliest deadline. No names,
// cancellation, errors or I/O. The allocator is luasync's slab heap, as
// luasync's state has it (slab_alloc.cpp). Built and run by run.sh; not part of luasync.
#include <sys/resource.h>
#include <time.h>

#include "host.h"
#include "ring.h"

typedef struct Task {
  lua_State *co;  // null once finished
  int anchor;     // registry ref while pending
  int nargs;      // arguments of the first resume
} Task;
typedef struct Op {
  int started;
  double delay;
} Op;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

// The ready queue (host.h's ring) holds Tasks; the one whose step runs:
static Task *current;

// Deadlines: a binary min-heap of (when, seq), seq breaking ties in order.
typedef struct Deadline {
  double when;
  uint64_t seq;
  Task *task;
} Deadline;
static Deadline *heap;
static size_t heap_n, heap_cap;
static uint64_t heap_seq;
static int earlier(const Deadline *a, const Deadline *b) {
  return a->when < b->when || (a->when == b->when && a->seq < b->seq);
}
static void heap_push(double when, Task *t) {
  if (heap_n == heap_cap) {
    heap_cap = heap_cap ? heap_cap * 2 : 1024;
    heap = realloc(heap, heap_cap * sizeof *heap);
  }
  size_t i = heap_n++;
  Deadline d = {when, heap_seq++, t};
  while (i > 0 && earlier(&d, &heap[(i - 1) / 2])) {
    heap[i] = heap[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  heap[i] = d;
}
static Task *heap_pop(void) {
  Task *t = heap[0].task;
  Deadline last = heap[--heap_n];
  size_t i = 0;
  for (;;) {
    size_t c = 2 * i + 1;
    if (c >= heap_n) break;
    if (c + 1 < heap_n && earlier(&heap[c + 1], &heap[c])) c++;
    if (!earlier(&heap[c], &last)) break;
    heap[i] = heap[c];
    i = c;
  }
  if (heap_n > 0) heap[i] = last;
  return t;
}

static const char *const kTask = "w3.Task", *const kOp = "w3.Op";

// spawn(fn, ...) -> task
static int spawn(lua_State *L) {
  int n = lua_gettop(L);
  Task *t = lua_newuserdatauv(L, sizeof *t, 1);
  luaL_setmetatable(L, kTask);
  t->co = lua_newthread(L);
  lua_setiuservalue(L, -2, 1);  // the task keeps its coroutine
  lua_rotate(L, 1, 1);          // task, fn, args...
  lua_xmove(L, t->co, n);
  t->nargs = n - 1;
  lua_pushvalue(L, 1);
  t->anchor = luaL_ref(L, LUA_REGISTRYINDEX);
  make_ready(t);
  return 1;
}

static int sleep_op(lua_State *L) {
  double delay = luaL_checknumber(L, 1);
  Op *op = lua_newuserdatauv(L, sizeof *op, 0);
  op->started = 0;
  op->delay = delay;
  luaL_setmetatable(L, kOp);
  return 1;
}

static int await(lua_State *L) {
  Op *op = luaL_checkudata(L, 1, kOp);
  if (op->started) return luaL_error(L, "cannot reuse already awaited coroutine");
  op->started = 1;
  if (op->delay <= 0) {
    make_ready(current);
  } else {
    heap_push(now() + op->delay, current);
  }
  return lua_yield(L, 0);
}

// A task's coroutine returned: it lets go of its coroutine and its anchor.
static void finish(lua_State *L, Task *t) {
  lua_rawgeti(L, LUA_REGISTRYINDEX, t->anchor);
  t->co = NULL;
  lua_pushnil(L);
  lua_setiuservalue(L, -2, 1);
  luaL_unref(L, LUA_REGISTRYINDEX, t->anchor);
  lua_pop(L, 1);
}

static int run(lua_State *L) {
  for (;;) {
    if (head == tail) {
      if (heap_n == 0) return 0;
      double wait = heap[0].when - now();
      if (wait > 0) {
        struct timespec ts = {(time_t)wait, (long)((wait - (double)(time_t)wait) * 1e9)};
        nanosleep(&ts, NULL);
      }
      double t = now();
      while (heap_n > 0 && heap[0].when <= t) make_ready(heap_pop());
      continue;
    }
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
        finish(L, t);
      } else {
        lua_xmove(t->co, L, 1);
        return lua_error(L);
      }
    }
  }
}

static int l_now(lua_State *L) {
  lua_pushnumber(L, now());
  return 1;
}

// peak_kb() -> the process's peak resident set, KB
static int peak_kb(lua_State *L) {
  struct rusage ru;
  getrusage(RUSAGE_SELF, &ru);
  lua_pushinteger(L, ru.ru_maxrss);
  return 1;
}

static int open_w3(lua_State *L) {
  luaL_newmetatable(L, kTask);
  luaL_newmetatable(L, kOp);
  lua_pop(L, 2);
  luaL_Reg funcs[] = {{"spawn", spawn}, {"sleep", sleep_op}, {"await", await},  {"run", run},
                      {"now", l_now},   {"peak_kb", peak_kb}, {NULL, NULL}};
  luaL_newlib(L, funcs);
  return 1;
}

int main(int argc, char **argv) {
  int rc = host_main(argc, argv, host_slab_alloc, "w3", open_w3);
  ring_free();
  free(heap);
  return rc;
}
