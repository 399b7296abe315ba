/* An LD_PRELOAD shim for lua/streams/server_accept_per_connection (and its
 * CPython reference): accept4 fails for a connection as Linux fails it when
 * a network error is pending on it (accept(2): EPROTO, EHOSTUNREACH,
 * ENETUNREACH..., "treat them like EAGAIN by retrying"), or when a
 * firewall refuses it (EPERM), or a connection aborted (ECONNABORTED),
 * errors that a test cannot provoke on the loopback. ACCEPT_FAULTS names
 * them in order, one per connection accepted ("EPROTO,ok,EPERM"): the
 * connection is taken off the queue and closed, as the kernel drops it,
 * and accept4 returns -1 with that errno. Past the list, accept4 is the
 * system's. */
#define _GNU_SOURCE
#include <dlfcn.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static const struct {
  const char *name;
  int err;
} kFaults[] = {
    {"ok", 0},
    {"EPROTO", EPROTO},
    {"EHOSTUNREACH", EHOSTUNREACH},
    {"ENETUNREACH", ENETUNREACH},
    {"ENETDOWN", ENETDOWN},
    {"EHOSTDOWN", EHOSTDOWN},
    {"ENONET", ENONET},
    {"ENOPROTOOPT", ENOPROTOOPT},
    {"EOPNOTSUPP", EOPNOTSUPP},
    {"EPERM", EPERM},
    {"ECONNABORTED", ECONNABORTED},
};

/* The errno for the next connection (0: none), from ACCEPT_FAULTS. */
static int next_fault(void) {
  static int taken = 0;
  const char *list = getenv("ACCEPT_FAULTS");
  if (list == NULL) return 0;
  for (int i = 0; i < taken; i++) {
    list = strchr(list, ',');
    if (list == NULL) return 0;
    list++;
  }
  taken++;
  size_t len = strcspn(list, ",");
  for (size_t i = 0; i < sizeof kFaults / sizeof kFaults[0]; i++) {
    if (strlen(kFaults[i].name) == len && strncmp(kFaults[i].name, list, len) == 0) return kFaults[i].err;
  }
  return 0;
}

int accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags) {
  static int (*real)(int, struct sockaddr *, socklen_t *, int);
  if (real == NULL) real = (int (*)(int, struct sockaddr *, socklen_t *, int))dlsym(RTLD_NEXT, "accept4");
  int c = real(fd, addr, len, flags);
  if (c < 0) return c;
  int err = next_fault();
  if (err != 0) {
    close(c);
    errno = err;
    return -1;
  }
  return c;
}
