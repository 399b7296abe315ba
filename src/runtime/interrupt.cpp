#include "runtime/interrupt.hpp"

#include <unistd.h>

#include <atomic>
#include <csignal>

namespace luasync {

namespace {
// 0: no Ctrl-C; 1: one pending, not yet taken by the driver; 2: taken, its
// cancellation is under way. Any Ctrl-C in state 1 or 2 exits.
std::atomic<int> interrupt_state{0};
std::atomic<uv_async_t*> wake_handle{nullptr};
std::atomic<void (*)()> first_interrupt_callback{nullptr};

void on_sigint(int) {
  int expected = 0;
  if (!interrupt_state.compare_exchange_strong(expected, 1)) {
    // As CPython's asyncio.run, whose second Ctrl-C raises KeyboardInterrupt
    // at once: the program ends with it, named alone as the first Ctrl-C's
    // is (its traceback would hold only the runtime's frames).
    static const char text[] = "KeyboardInterrupt\n";
    (void)!write(STDERR_FILENO, text, sizeof text - 1);
    _exit(130);
  }
  if (uv_async_t* wake = wake_handle.load()) uv_async_send(wake);
  if (auto cb = first_interrupt_callback.load()) cb();
}
}  // namespace

void install_signal_handlers() {
  struct sigaction sa {};
  sa.sa_handler = on_sigint;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = SA_RESTART;
  sigaction(SIGINT, &sa, nullptr);
  signal(SIGPIPE, SIG_IGN);
}

void interrupt_attach(uv_async_t* wake) { wake_handle.store(wake); }
bool interrupt_pending() { return interrupt_state.load() == 1; }
void interrupt_take() {
  int expected = 1;
  interrupt_state.compare_exchange_strong(expected, 2);
}
void interrupt_rearm() { interrupt_state.store(0); }
void interrupt_set_callback(void (*cb)()) { first_interrupt_callback.store(cb); }

}  // namespace luasync
