// W5's ceiling for Lua on libuv: the echo of w5_echo.c, with each side of
// each connection a Lua coroutine (w5_lua.lua's client and server) that
// calls write(data) and read() -- which yields until libuv's read callback
// resumes it with the bytes, as a Lua string. No tasks, futures, ops,
// cancellation or buffering beyond that: what stock Lua 5.4 costs per
// message on top of the system (compare w5_echo.c).
// Built and run by run.sh; not part of luasync.
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

typedef struct Conn {
  uv_tcp_t tcp;
  lua_State *co;  // its coroutine (anchored in the registry)
  char buf[65536];
} Conn;

static uv_loop_t *loop;
static lua_State *L0;
static Conn *current;  // the connection whose coroutine runs
static int clients_left;

static void on_close(uv_handle_t *h) { free(h->data); }
static void on_written(uv_write_t *req, int status) {
  (void)status;
  free(req);
}

// write(data): what the socket takes at once, the rest queued.
static int l_write(lua_State *L) {
  size_t len;
  const char *data = luaL_checklstring(L, 1, &len);
  uv_buf_t b = uv_buf_init((char *)data, (unsigned)len);
  int n = uv_try_write((uv_stream_t *)&current->tcp, &b, 1);
  if (n < 0) n = 0;
  if ((size_t)n < len) {
    uv_write_t *req = malloc(sizeof *req + len - (size_t)n);
    memcpy(req + 1, data + n, len - (size_t)n);
    uv_buf_t rest = uv_buf_init((char *)(req + 1), (unsigned)(len - (size_t)n));
    uv_write(req, (uv_stream_t *)&current->tcp, &rest, 1, on_written);
  }
  return 0;
}

static int l_read(lua_State *L) { return lua_yield(L, 0); }

// Resumes c's coroutine with the values on its stack; closes c when it ends.
static void resume(Conn *c, int nargs) {
  current = c;
  int nres;
  int st = lua_resume(c->co, L0, nargs, &nres);
  if (st == LUA_YIELD) {
    lua_pop(c->co, nres);
    return;
  }
  if (st != LUA_OK) {
    fprintf(stderr, "%s\n", lua_tostring(c->co, -1));
    exit(1);
  }
  uv_close((uv_handle_t *)&c->tcp, on_close);
}

static void on_alloc(uv_handle_t *h, size_t n, uv_buf_t *b) {
  (void)n;
  Conn *c = h->data;
  *b = uv_buf_init(c->buf, sizeof c->buf);
}

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *b) {
  Conn *c = s->data;
  if (n == 0) return;
  if (n < 0) {
    lua_pushnil(c->co);
  } else {
    lua_pushlstring(c->co, b->base, (size_t)n);
  }
  resume(c, 1);
}

// A connection running the global function `fn` of w5_lua.lua with arg.
static Conn *new_conn(const char *fn, lua_Integer arg) {
  Conn *c = calloc(1, sizeof *c);
  uv_tcp_init(loop, &c->tcp);
  c->tcp.data = c;
  c->co = lua_newthread(L0);
  luaL_ref(L0, LUA_REGISTRYINDEX);
  lua_getglobal(c->co, fn);
  lua_pushinteger(c->co, arg);
  return c;
}

static void on_connection(uv_stream_t *server, int status) {
  if (status < 0) return;
  Conn *c = new_conn("server", 0);
  uv_accept(server, (uv_stream_t *)&c->tcp);
  uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
  resume(c, 1);
}

static void on_connect(uv_connect_t *req, int status) {
  Conn *c = req->data;
  free(req);
  if (status < 0) {
    fprintf(stderr, "connect: %s\n", uv_strerror(status));
    exit(1);
  }
  uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
  resume(c, 1);
}

static int l_client_done(lua_State *L) {
  (void)L;
  if (--clients_left == 0) uv_stop(loop);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 2) {
    fprintf(stderr, "usage: w5_lua w5_lua.lua [C [TOTAL]]\n");
    return 2;
  }
  int C = argc > 2 ? atoi(argv[2]) : 50;
  int total = argc > 3 ? atoi(argv[3]) : 200000;
  int per = total / C;
  loop = uv_default_loop();
  L0 = luaL_newstate();
  luaL_openlibs(L0);
  lua_register(L0, "write", l_write);
  lua_register(L0, "read", l_read);
  lua_register(L0, "client_done", l_client_done);
  if (luaL_dofile(L0, argv[1]) != LUA_OK) {
    fprintf(stderr, "%s\n", lua_tostring(L0, -1));
    return 1;
  }
  uv_tcp_t server;
  uv_tcp_init(loop, &server);
  struct sockaddr_in addr;
  uv_ip4_addr("127.0.0.1", 0, &addr);
  uv_tcp_bind(&server, (struct sockaddr *)&addr, 0);
  uv_listen((uv_stream_t *)&server, 128, on_connection);
  struct sockaddr_in bound;
  int len = sizeof bound;
  uv_tcp_getsockname(&server, (struct sockaddr *)&bound, &len);
  uint64_t t0 = uv_hrtime();
  clients_left = C;
  for (int i = 0; i < C; i++) {
    Conn *c = new_conn("client", per);
    uv_connect_t *req = malloc(sizeof *req);
    req->data = c;
    uv_tcp_connect(req, &c->tcp, (struct sockaddr *)&bound, on_connect);
  }
  uv_run(loop, UV_RUN_DEFAULT);
  double wall = (double)(uv_hrtime() - t0) / 1e9;
  printf("RESULT peer=lua-on-libuv C=%d msgs=%d size=1024 wall_s=%.4f rate=%.0f\n", C, per * C, wall, per * C / wall);
  return 0;
}
