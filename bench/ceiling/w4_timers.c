// W4's ceiling: how late this machine wakes a process for a deadline. T
// timers, each waiting 10 ms I times in sequence (W4's workload), in C: a
// binary heap of deadlines and one timerfd armed for the earliest, waited on
// with epoll, as luasync's loop waits (runtime/loop.cpp). Each timer's
// lateness is the time between its deadline and the moment its wake-up is
// handled, so it holds the kernel's wake-up latency and the machine's
// pauses (a virtual machine descheduled), and almost no work of the
// program's own. luasync's W4 figures cannot be better than these.
// With W microseconds of busy work after each wake-up (what a wake-up and
// a task's step cost luasync, ~2 us here), it shows what the tail owes to
// the time the process spends running rather than waiting: on the
// project's VM, p99 0.2 - 0.6 ms with none, 0.14 - 0.23 ms with 2 us (the
// deadlines spread out more); this loop sleeps about once a round.
//   w4_timers [T [I [W]]]   prints the RESULT line of bench/w4_timer.lua
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/epoll.h>
#include <sys/timerfd.h>
#include <time.h>
#include <unistd.h>

typedef struct {
  double when;
  int id;
} Entry;

static Entry *heap;
static int heap_n;

static double now(void) {
  struct timespec ts;
  clock_gettime(CLOCK_MONOTONIC, &ts);
  return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static void push(double when, int id) {
  int i = heap_n++;
  while (i > 0 && heap[(i - 1) / 2].when > when) {
    heap[i] = heap[(i - 1) / 2];
    i = (i - 1) / 2;
  }
  heap[i] = (Entry){when, id};
}

static Entry pop(void) {
  Entry top = heap[0], last = heap[--heap_n];
  int i = 0;
  for (;;) {
    int c = 2 * i + 1;
    if (c >= heap_n) break;
    if (c + 1 < heap_n && heap[c + 1].when < heap[c].when) c++;
    if (heap[c].when >= last.when) break;
    heap[i] = heap[c];
    i = c;
  }
  if (heap_n > 0) heap[i] = last;
  return top;
}

static int cmp(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

int main(int argc, char **argv) {
  const int T = argc > 1 ? atoi(argv[1]) : 1000;
  const int I = argc > 2 ? atoi(argv[2]) : 50;
  const double work = argc > 3 ? atof(argv[3]) * 1e-6 : 0;
  const double DT = 0.01;
  heap = malloc(sizeof(Entry) * (size_t)T);
  int *rounds = calloc((size_t)T, sizeof(int));
  double *lat = malloc(sizeof(double) * (size_t)T * (size_t)I);
  if (!heap || !rounds || !lat) return 1;
  int tfd = timerfd_create(CLOCK_MONOTONIC, TFD_NONBLOCK | TFD_CLOEXEC);
  int ep = epoll_create1(EPOLL_CLOEXEC);
  struct epoll_event ev = {.events = EPOLLIN};
  if (tfd < 0 || ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, tfd, &ev) != 0) return 1;
  // The first sleeps start one after the other, as the tasks' first steps
  // run (each after its share of the work), not all at one instant.
  for (int id = 0; id < T; id++) {
    const double begun = now();
    while (work > 0 && now() < begun + work) {
    }
    push(now() + DT, id);
  }
  size_t n = 0;
  while (heap_n > 0) {
    double next = heap[0].when;
    struct itimerspec spec = {0};
    spec.it_value.tv_sec = (time_t)next;
    spec.it_value.tv_nsec = (long)((next - (double)(time_t)next) * 1e9);
    if (spec.it_value.tv_sec == 0 && spec.it_value.tv_nsec == 0) spec.it_value.tv_nsec = 1;
    if (next > now()) {
      timerfd_settime(tfd, TFD_TIMER_ABSTIME, &spec, NULL);
      struct epoll_event out;
      epoll_wait(ep, &out, 1, -1);
      uint64_t expiries;
      if (read(tfd, &expiries, sizeof expiries) < 0) { /* not run out yet */
      }
    }
    double t = now();
    while (heap_n > 0 && heap[0].when <= t) {
      Entry e = pop();
      double woke = now();
      lat[n++] = woke - e.when;
      while (work > 0 && now() < woke + work) {
      }
      if (++rounds[e.id] < I) push(woke + DT, e.id);
    }
  }
  qsort(lat, n, sizeof(double), cmp);
  double sum = 0;
  size_t early = 0;
  for (size_t i = 0; i < n; i++) {
    sum += lat[i];
    if (lat[i] < 0) early++;
  }
  size_t p99 = (size_t)(0.99 * (double)n + 0.999999);
  if (p99 < 1) p99 = 1;
  printf(
      "RESULT peer=ceiling work_us=%.1f tasks=%d iters=%d mean_ms=%.3f p99_ms=%.3f max_ms=%.3f min_ms=%.3f "
      "early_pct=%.1f\n",
      work * 1e6, T, I, sum / (double)n * 1e3, lat[p99 - 1] * 1e3, lat[n - 1] * 1e3, lat[0] * 1e3,
      100.0 * (double)early / (double)n);
  return 0;
}
