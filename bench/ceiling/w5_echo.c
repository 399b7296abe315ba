// W5's ceiling on this machine: the same echo as bench/w5_tcp_echo.lua (C
// clients on 127.0.0.1, each writing SIZE bytes and waiting for all of them
// to come back before the next write; one server connection per client
// echoing what it reads), written straight on libuv in C: no Lua, no tasks,
// no copies beyond libuv's. What is left is the system's cost per message
// (four socket calls, epoll), the bound any runtime on libuv meets here.
// Built and run by run.sh; not part of luasync.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uv.h>

#define SIZE 1024

typedef struct Conn {
  uv_tcp_t tcp;
  int client;     // a client side (else the server's side of a connection)
  int left;       // client: messages still to send
  size_t got;     // client: bytes of the current echo received
  char buf[65536];
} Conn;

static uv_loop_t *loop;
static char msg[SIZE];
static int clients_left;

static void on_alloc(uv_handle_t *h, size_t n, uv_buf_t *b) {
  (void)n;
  Conn *c = h->data;
  *b = uv_buf_init(c->buf, sizeof c->buf);
}

static void on_written(uv_write_t *req, int status) {
  (void)status;
  free(req);
}

// What a write needs past the call: uv_try_write takes it at once here
// (1 KiB into an idle loopback socket); a partial write queues the rest.
static void write_all(Conn *c, const char *data, size_t len) {
  uv_buf_t b = uv_buf_init((char *)data, (unsigned)len);
  int n = uv_try_write((uv_stream_t *)&c->tcp, &b, 1);
  if (n == (int)len) return;
  if (n < 0) n = 0;
  uv_write_t *req = malloc(sizeof *req + len - (size_t)n);
  char *copy = (char *)(req + 1);
  memcpy(copy, data + n, len - (size_t)n);
  uv_buf_t rest = uv_buf_init(copy, (unsigned)(len - (size_t)n));
  uv_write(req, (uv_stream_t *)&c->tcp, &rest, 1, on_written);
}

static void on_close(uv_handle_t *h) { free(h->data); }

static void on_read(uv_stream_t *s, ssize_t n, const uv_buf_t *b) {
  Conn *c = s->data;
  if (n < 0) {
    uv_close((uv_handle_t *)s, on_close);
    return;
  }
  if (!c->client) {
    write_all(c, b->base, (size_t)n);
    return;
  }
  c->got += (size_t)n;
  if (c->got < SIZE) return;
  c->got = 0;
  if (--c->left > 0) {
    write_all(c, msg, SIZE);
  } else {
    uv_close((uv_handle_t *)s, on_close);
    if (--clients_left == 0) uv_stop(loop);
  }
}

static void on_connection(uv_stream_t *server, int status) {
  if (status < 0) return;
  Conn *c = calloc(1, sizeof *c);
  uv_tcp_init(loop, &c->tcp);
  c->tcp.data = c;
  uv_accept(server, (uv_stream_t *)&c->tcp);
  uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
}

static void on_connect(uv_connect_t *req, int status) {
  Conn *c = req->data;
  free(req);
  if (status < 0) {
    fprintf(stderr, "connect: %s\n", uv_strerror(status));
    exit(1);
  }
  uv_read_start((uv_stream_t *)&c->tcp, on_alloc, on_read);
  write_all(c, msg, SIZE);
}

int main(int argc, char **argv) {
  int C = argc > 1 ? atoi(argv[1]) : 50;
  int total = argc > 2 ? atoi(argv[2]) : 200000;
  int per = total / C;
  loop = uv_default_loop();
  memset(msg, 'x', sizeof msg);
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
    Conn *c = calloc(1, sizeof *c);
    c->client = 1;
    c->left = per;
    uv_tcp_init(loop, &c->tcp);
    c->tcp.data = c;
    uv_connect_t *req = malloc(sizeof *req);
    req->data = c;
    uv_tcp_connect(req, &c->tcp, (struct sockaddr *)&bound, on_connect);
  }
  uv_run(loop, UV_RUN_DEFAULT);
  double wall = (double)(uv_hrtime() - t0) / 1e9;
  printf("RESULT peer=libuv-c C=%d msgs=%d size=%d wall_s=%.4f rate=%.0f\n", C, per * C, SIZE, wall,
         per * C / wall);
  return 0;
}
