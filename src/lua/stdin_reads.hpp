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

// Begin: a read of stdin is about to wait. It returned, and the terminal's
// echo of what it took (in its cooked mode) left the cursor:
// - Done: at the start of a row: the text typed last ended with Enter;
// - DoneMidRow: after text typed on its row: Ctrl-D ended it (`ab` Ctrl-D
//   Ctrl-D gives "ab"), and the row goes on there, as in any terminal;
// - DoneUntyped: where the read found it: nothing was typed (Ctrl-D at once).
// Failed: it raised (Ctrl-C: the terminal echoed ^C, and the line is not
// ended). Every Begin is followed by exactly one of the others.
enum class StdinRead { Begin, Done, DoneMidRow, DoneUntyped, Failed };
using StdinReadHook = void (*)(StdinRead);

// Installs the hook (nullptr removes it). It runs no Lua and raises nothing.
void set_stdin_read_hook(StdinReadHook hook);

}  // namespace luasync
