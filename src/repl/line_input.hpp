#pragma once
#include <uv.h>

#include <deque>
#include <string>
#include <vector>

#include "lua/output.hpp"
#include "lua/stdin_reads.hpp"
#include "repl/readline_api.hpp"
#include "uv/handle.hpp"

namespace luasync {

// Reading the REPL's input on the event loop.
//
// Terminal mode: GNU readline's callback interface. A uv_poll_t on stdin only
// records that input is readable (libuv callbacks never call Lua); the driver
// then calls pump(), which feeds readline, whose completion may call Lua.
// Lines mode (stdin is a pipe or a file): raw lines, no editing, no escapes;
// also on a terminal when readline cannot be loaded (the prompt is shown,
// the terminal echoes).
//
// Invariant: stdin is polled only while a prompt is shown (prompting_), so
// output of the running input never lands after a prompt, and typed-ahead
// text waits in the terminal until the next prompt.
class LineInput {
 public:
  enum class Mode { Terminal, Lines };

  static LineInput& instance();

  // Returns false (and leaves nothing started) if stdin cannot be read.
  bool start(uv_loop_t* loop, Mode mode, bool echo);
  void stop();  // restores the terminal; idempotent
  bool started() const { return started_; }

  // Shows the prompt and starts reading a line.
  void prompt(const std::string& text);
  // Feeds what stdin has to readline (terminal) or the line splitter.
  void pump();
  // True when pump() may have something to deliver.
  bool ready() const;
  // True when more input waits already, not yet typed at a prompt: the rest
  // of a paste or of piped input (a line read, bytes stdin has now, its end).
  bool pending() const;
  // The first line read and not yet dropped, or null.
  const std::string* first_line() const;
  void drop_first_line();
  bool at_eof() const { return eof_ && lines_.empty(); }

  // Output from tasks goes above the prompt: hide() clears the prompt and
  // half-typed line from the screen, show() draws them back intact.
  void hide();
  void show();
  // Ctrl-C at the prompt: drop the half-typed line, fresh prompt.
  void cancel_line();
  // Ctrl-C at the continuation prompt: drop the half-typed line and stop
  // reading; the REPL drops the whole block and prompts again.
  void abandon_line();
  // Ctrl-D at the continuation prompt ends only the block, not the input.
  void reset_eof();

  void set_history_file(const std::string& path);
  // One history entry per input, however many lines it took (Up recalls
  // the whole block); terminal mode only.
  void add_to_history(const std::string& entry);
  // The terminal's width in columns (80 when it cannot be known).
  int columns() const;
  // Completion candidates come from this callback (set by the Lua binding).
  using Completer = std::vector<std::string> (*)(const std::string& line, int start, int end, void* ud);
  void set_completer(Completer fn, void* ud) {
    completer_ = fn;
    completer_ud_ = ud;
  }

 private:
  static void on_readable(uv_poll_t* handle, int status, int events);
  static void on_resize(uv_signal_t* handle, int signum);
  static void on_continue(uv_signal_t* handle, int signum);
  static void on_line(char* line);
  static void on_stdin_read(StdinRead phase);
  void drop_libedit_line(bool prompt_again);
  static char** on_complete(const char* text, int start, int end);
  static char* next_match(const char* text, int state);
  // The prompt is no longer shown: a begun line held meanwhile goes out.
  void end_prompting() {
    prompting_ = false;
    hold_begun_lines(false);
  }
  // Up to the first row of the prompt and the line being edited, as a
  // terminal `cols` wide that re-wraps its lines shows them, then clears to
  // the end of the screen.
  void clear_prompt_rows(int cols);
  void install_handler();
  void start_polling();
  void stop_polling();
  void deliver(std::string line);
  void read_lines_chunk();

  Mode mode_ = Mode::Lines;
  const ReadlineApi* rl_ = nullptr;  // set in terminal mode
  bool started_ = false;
  bool echo_ = false;
  bool show_prompt_ = false;     // lines mode: print the prompt (echo_ or no readline)
  bool plain_terminal_ = false;  // lines mode on a terminal, readline missing
  bool prompting_ = false;
  bool hidden_ = false;
  bool readable_ = false;
  bool pollable_ = false;  // false for a regular file: read synchronously
  bool polling_ = false;
  bool eof_ = false;
  // A read of stdin by Lua code has the terminal (on_stdin_read): the
  // prompt is off the screen and the terminal in its own mode until it ends.
  bool lent_ = false;
  // libedit: rl_line_buffer still holds the line delivered before, not the
  // one being edited (install_handler).
  bool line_stale_ = false;
  std::string prompt_;
  // Terminal mode: the width the editor was last told, so the line on the
  // screen was drawn at it unless the window changed since (a SIGWINCH not
  // yet handled).
  int editor_cols_ = 0;
  // Whether the terminal re-wraps its lines when the window is resized
  // (terminal_reflows in line_input.cpp).
  bool reflows_ = true;
  std::string partial_;  // lines mode: bytes after the last newline
  std::deque<std::string> lines_;
  std::string history_file_;
  uv::Handle<uv_poll_t> poll_;
  // SIGWINCH, terminal mode: readline's callback interface catches signals
  // only inside rl_callback_read_char, so a resize while it waits for a key
  // would leave it drawing the line at the old width.
  uv::Handle<uv_signal_t> resize_;
  // SIGCONT, terminal mode: after Ctrl-Z and `fg` the shell leaves the
  // terminal in its own (cooked) mode, which readline, not catching signals
  // (catch_signals 0), would not know: keys echoed, arrows printed.
  uv::Handle<uv_signal_t> continue_;
  Completer completer_ = nullptr;
  void* completer_ud_ = nullptr;
  std::vector<std::string> matches_;
};

}  // namespace luasync
