// The ready queue of w1_ceiling.c and w3_ceiling.c: a FIFO ring of tasks
// that grows. Not part of luasync.
#ifndef CEILING_RING_H
#define CEILING_RING_H

#include <stdlib.h>

static void **ring;
static size_t cap, head, tail;
static void make_ready(void *t) {
  if (tail - head == cap) {
    size_t ncap = cap ? cap * 2 : 1024;
    void **n = malloc(ncap * sizeof *n);
    for (size_t i = head; i != tail; i++) n[i - head] = ring[i % cap];
    free(ring);
    ring = n;
    tail -= head;
    head = 0;
    cap = ncap;
  }
  ring[tail++ % cap] = t;
}
static void *ring_take(void) { return ring[head++ % cap]; }
static void ring_free(void) { free(ring); }

#endif
