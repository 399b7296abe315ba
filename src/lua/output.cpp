#include "lua/output.hpp"

#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>

#include "runtime/interrupt.hpp"

namespace luasync {

namespace {
OutputHook output_hook = nullptr;
bool line_open = false;  // the last byte written to stdout/stderr was not '\n'

// Writes every byte to fd, waiting (in slices, so Ctrl-C is noticed) while
// it is full.
int write_fully(int fd, const char* p, std::size_t len) {
  while (len > 0) {
    ssize_t n = ::write(fd, p, len);
    if (n > 0) {
      p += n;
      len -= static_cast<std::size_t>(n);
      continue;
    }
    if (n < 0 && errno != EINTR && errno != EAGAIN && errno != EWOULDBLOCK) return errno;
    if (interrupt_pending()) return EINTR;
    if (n < 0 && errno == EINTR) continue;
    pollfd pfd{fd, POLLOUT, 0};
    poll(&pfd, 1, 100);
  }
  return 0;
}
}  // namespace

std::atomic<bool> hooked{false};

void set_output_hook(OutputHook hook) {
  output_hook = hook;
  hooked.store(hook != nullptr);
}

bool output_hooked() { return hooked.load(); }

void before_output() {
  if (!output_hook) return;
  // Callers are Lua C functions: no C++ exception may cross their frames.
  // A redraw that cannot allocate is skipped; the text is written anyway.
  try {
    output_hook();
  } catch (...) {
  }
}

int write_stream(std::FILE* f, const char* data, std::size_t len) {
  std::fflush(f);  // what C code printed through stdio comes first
  int err = write_fully(fileno(f), data, len);
  if (len > 0 && err == 0) line_open = data[len - 1] != '\n';
  return err;
}

bool at_line_start() { return !line_open; }

void ensure_line_start() {
  if (line_open) write_stream(stdout, "\n", 1);
}

}  // namespace luasync
