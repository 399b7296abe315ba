#pragma once
#include <uv.h>

namespace luasync {

// Ctrl-C. The first SIGINT marks an interrupt pending and wakes the loop
// (uv_async_send is async-signal-safe); the driver then cancels the main task.
// A second SIGINT while one is pending exits at once with status 130, saying
// KeyboardInterrupt on stderr.
void install_signal_handlers();
void interrupt_attach(uv_async_t* wake);  // nullptr detaches
bool interrupt_pending();
// Consumes the pending interrupt; a later Ctrl-C counts as a first one again
// only after interrupt_rearm().
void interrupt_take();
void interrupt_rearm();

// Called from the SIGINT handler on the first Ctrl-C (async-signal context:
// it may only do what lua.c's handler does, i.e. lua_sethook).
void interrupt_set_callback(void (*on_first_interrupt)());

}  // namespace luasync
