#include "lua/output.hpp"

#include <poll.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <string>

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

namespace {
bool holding = false;
std::string held;  // a begun line of stdout, while holding
// Beyond this, a line that does not end goes out as it stands.
constexpr std::size_t kMostHeld = 64 * 1024;
}  // namespace

int write_lua_stdout(const char* data, std::size_t len) {
  if (len == 0) return 0;
  if (holding) {
    std::size_t end = len;
    while (end > 0 && data[end - 1] != '\n') --end;  // after the last '\n'
    // (Lua C functions call this: no C++ exception may cross their frames;
    // without memory for the begun line it goes out as it comes)
    try {
      if (end == 0 && held.size() + len <= kMostHeld) {
        held.append(data, len);
        return 0;
      }
      if (end > 0 && end < len && len - end <= kMostHeld) {
        // (built before anything changes: held stays whole if memory fails)
        std::string line = held;
        line.append(data, end);
        std::string rest(data + end, len - end);
        before_output();
        held.swap(rest);
        return write_stream(stdout, line.data(), line.size());
      }
    } catch (...) {
    }
  }
  before_output();
  if (!held.empty()) {
    // The begun line, then the text, each written whatever the other met.
    const int held_err = write_stream(stdout, held.data(), held.size());
    held.clear();
    const int err = write_stream(stdout, data, len);
    return err != 0 ? err : held_err;
  }
  return write_stream(stdout, data, len);
}

void flush_held_line() {
  if (held.empty()) return;
  before_output();
  write_stream(stdout, held.data(), held.size());
  held.clear();
}

void hold_begun_lines(bool on) {
  if (!on) flush_held_line();
  holding = on;
}

bool at_line_start() { return !line_open; }

void ensure_line_start() {
  if (line_open) write_stream(stdout, "\n", 1);
}

void echoed_line_end() { line_open = false; }

void echoed_open_line() { line_open = true; }

}  // namespace luasync
