// Writing to the standard streams for Lua (print, io.write and file:write on
// io.stdout and io.stderr, reports, warnings): every byte reaches the
// descriptor, however long the text and however slowly a terminal drains it
// (its descriptor may be non-blocking: at the REPL, stdin shares it), and a
// hook the REPL installs while it shows a prompt moves the prompt out of the
// way first. Nothing is installed outside the REPL.
#pragma once

#include <cstddef>
#include <cstdio>

namespace luasync {

using OutputHook = void (*)();

// Installs the hook (nullptr removes it).
void set_output_hook(OutputHook hook);
// Runs the hook, if any.
void before_output();
// [any thread] Whether a hook is installed (the REPL shows a prompt): worker
// threads then hand their lines to the loop thread instead of writing them.
bool output_hooked();

// Writes all `len` bytes to the stream f (stdout or stderr), after what
// stdio still buffers for it; waits while the descriptor cannot take more.
// Answers 0, or the errno of the failure (EPIPE: the reader went away), or
// EINTR when Ctrl-C cut a long wait short.
int write_stream(std::FILE* f, const char* data, std::size_t len);

// Lua's writes to stdout (print, io.write): write_stream's, except that
// while begun lines are held (below) the text after the last '\n' waits for
// the rest of its line, as line-buffered stdout holds it in Python.
int write_lua_stdout(const char* data, std::size_t len);
// While the REPL shows its prompt, a background task's io.write("50% ")
// would be written above the prompt, which is then drawn on the next row,
// so that each piece of a line comes on a row of its own. Holding on: begun
// lines wait for their end. Off, or flush_held_line(): the begun line goes
// out as it stands (an io.stdout:flush(), the input that ends the prompt).
void hold_begun_lines(bool on);
void flush_held_line();

// Whether what was written to stdout and stderr last ended a line, so the
// REPL can start its prompt (or a value) on a fresh line.
bool at_line_start();
// Ends the current line if it was left open; the REPL's prompt then starts
// at the left margin.
void ensure_line_start();
// The terminal's own echo ended the line: a line typed in its cooked mode,
// Enter included, for a read of stdin (io.write("name? ") then io.read()).
void echoed_line_end();
// The terminal's own echo left text on the row without ending it: what was
// typed for a read of stdin and sent with Ctrl-D instead of Enter.
void echoed_open_line();

}  // namespace luasync
