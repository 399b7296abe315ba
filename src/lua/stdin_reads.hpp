// Blocking reads of stdin by Lua code on the loop thread (io.read,
// io.stdin:read, io.lines(): lua/stdio.cpp) and the REPL's line editor,
// which holds the terminal in its own raw mode while it shows a prompt.
// A background task's read at the prompt read that raw terminal: Enter
// sent '\r', which never ended the line, and the loop, blocked in the read,
// never saw Ctrl-C. The REPL installs a hook that lends the terminal for
// the read: the prompt is taken off the screen and the terminal put back in
// its own (cooked) mode, where Enter ends the line and Ctrl-C interrupts the
// wait (KeyboardInterrupt); when the read ends, the prompt comes back.
// Nothing is installed outside the REPL.
#pragma once

namespace luasync {

// Begin: a read of stdin is about to wait; Done: it returned; Failed: it
// raised (Ctrl-C: the terminal echoed ^C, and the line is not ended).
// Every Begin is followed by exactly one Done or Failed.
enum class StdinRead { Begin, Done, Failed };
using StdinReadHook = void (*)(StdinRead);

// Installs the hook (nullptr removes it). It runs no Lua and raises nothing.
void set_stdin_read_hook(StdinReadHook hook);

}  // namespace luasync
