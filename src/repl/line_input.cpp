#include "repl/line_input.hpp"

#include <fcntl.h>
#include <locale.h>
#include <poll.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <cwchar>
#include <new>

#include "lua/output.hpp"

namespace luasync {

LineInput& LineInput::instance() {
  static LineInput input;
  return input;
}

namespace {
void restore_terminal_at_exit() { LineInput::instance().stop(); }

// The output hook (lua/output.hpp) while the input is started: output from
// Lua goes above the prompt.
void hide_prompt() { LineInput::instance().hide(); }

// readline sets LC_CTYPE from the environment when it starts (LC_ALL, then
// LC_CTYPE, then LANG). One that names a UTF-8 locale this system lacks
// (ja_JP.UTF-8 where it was never generated) left it "C": a UTF-8 terminal's
// characters were edited byte by byte (Left stopped inside 日, the cursor
// drawn off by the bytes). As Python does (PEP 538), C.UTF-8 instead;
// readline's own setlocale then fails and leaves it.
void coerce_missing_utf8_locale() {
  const char* name = nullptr;
  for (const char* var : {"LC_ALL", "LC_CTYPE", "LANG"}) {
    const char* v = std::getenv(var);
    if (v && *v) {
      name = v;
      break;
    }
  }
  if (name == nullptr || (strcasestr(name, "utf-8") == nullptr && strcasestr(name, "utf8") == nullptr)) return;
  if (locale_t l = newlocale(LC_CTYPE_MASK, name, static_cast<locale_t>(0))) {
    freelocale(l);
    return;  // installed: readline's choice stands
  }
  setlocale(LC_CTYPE, "C.UTF-8");
}

// The window's size, or false when it cannot be known.
bool window_size(int& rows, int& cols) {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0 || ws.ws_row == 0) return false;
  rows = ws.ws_row;
  cols = ws.ws_col;
  return true;
}

// Whether the terminal re-wraps the rows of a line when the window is
// resized. Most do: tmux, VTE (gnome-terminal), Konsole, iTerm2,
// Terminal.app, kitty, Alacritty, WezTerm, Windows Terminal, xterm.js (VS
// Code). xterm and GNU screen do not, and name themselves in the
// environment of what runs in them (XTERM_VERSION, STY), unless a tmux
// started inside them is the terminal (TMUX).
bool terminal_reflows() {
  if (std::getenv("TMUX")) return true;
  return std::getenv("XTERM_VERSION") == nullptr && std::getenv("STY") == nullptr;
}

// Where the cursor stands after `text` is drawn from (row, col) on a
// terminal `cols` wide, as the editor draws it: each character at its width
// (a control character as ^X, a tab to the next multiple of 8), one too
// wide for the rest of a row on the next. In a prompt (`prompt`), what lies
// between \001 and \002 (readline's marks of invisible text) and control
// characters take no room, as they take none on the terminal.
void advance(const char* text, std::size_t len, bool prompt, int cols, int& row, int& col) {
  std::mbstate_t state{};
  bool invisible = false;
  std::size_t i = 0;
  while (i < len) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if (prompt && (c == '\001' || c == '\002')) {
      invisible = c == '\001';
      ++i;
      continue;
    }
    wchar_t wc = 0;
    std::size_t n = std::mbrtowc(&wc, text + i, len - i, &state);
    int width = 1;
    if (n == static_cast<std::size_t>(-1) || n == static_cast<std::size_t>(-2) || n == 0) {
      n = 1;
      state = std::mbstate_t{};
    } else if (wc == L'\t') {
      width = prompt ? 0 : 8 - col % 8;
    } else if (wc < 0x20 || wc == 0x7f) {
      width = prompt ? 0 : 2;
    } else {
      width = std::max(0, wcwidth(wc));
    }
    i += n;
    if (invisible || width == 0) continue;
    if (col + width > cols) {
      ++row;
      col = 0;
    }
    col += width;
  }
}
}  // namespace

// A terminal that re-wraps its lines when the window is resized (tmux,
// VTE, iTerm2, xterm.js) shows the prompt and the line over the rows the
// new width gives them, the cursor at its place in the text: on the row the
// text before it reaches. (The editor's own clearing and redrawing assume
// the rows it drew at the old width: pieces of the old drawing stayed, or an
// output row above the prompt was cleared.) It allocates nothing: it runs
// inside print (the output hook), where no C++ exception may start.
void LineInput::clear_prompt_rows(int cols) {
  int row = 0, col = 0;
  const std::size_t nl = prompt_.rfind('\n');
  const std::size_t from = nl == std::string::npos ? 0 : nl + 1;
  advance(prompt_.data() + from, prompt_.size() - from, true, cols, row, col);
  const char* line = !line_stale_ && *rl_->line_buffer ? *rl_->line_buffer : "";
  const std::size_t point = line_stale_ ? 0 : static_cast<std::size_t>(std::max(0, *rl_->point));
  advance(line, std::min(std::strlen(line), point), false, cols, row, col);
  if (col >= cols) ++row;  // (at the end of a full row the cursor is on the next)
  std::fputc('\r', stdout);
  if (row > 0) std::fprintf(stdout, "\033[%dA", row);
  std::fputs("\033[J", stdout);
}

namespace {
// Lines mode echoes the input after the prompt; fwrite, as a line may hold NULs.
void echo_line(const std::string& line) {
  std::fwrite(line.data(), 1, line.size(), stdout);
  std::fputc('\n', stdout);
}
}  // namespace

bool LineInput::start(uv_loop_t* loop, Mode mode, bool echo) {
  echo_ = echo;
  show_prompt_ = echo;
  if (mode == Mode::Terminal && rl_ == nullptr) {
    coerce_missing_utf8_locale();
    const char* why = nullptr;
    rl_ = readline_api(&why);
    if (rl_ == nullptr) {
      std::fprintf(stderr, "luasync: no line editing: %s\n", why);
      mode = Mode::Lines;
      show_prompt_ = true;
      plain_terminal_ = true;
    }
  }
  mode_ = mode;
  if (poll_.init(uv_poll_init, loop, STDIN_FILENO) == 0) {
    pollable_ = true;
    poll_.get()->data = this;
    // uv_poll_init made stdin non-blocking; on a terminal that is the same
    // open file as stdout and stderr, where a long write would then stop
    // halfway. Reads still never block: they happen after poll says so.
    int flags = fcntl(STDIN_FILENO, F_GETFL);
    if (flags != -1 && isatty(STDIN_FILENO)) fcntl(STDIN_FILENO, F_SETFL, flags & ~O_NONBLOCK);
  } else if (mode == Mode::Terminal) {
    return false;  // (a regular file cannot be polled; it is always readable anyway)
  }
  if (mode_ == Mode::Terminal) {
    *rl_->catch_signals = 0;  // our SIGINT handler decides what Ctrl-C does
    if (rl_->change_environment) *rl_->change_environment = 0;
    *rl_->readline_name = "luasync";
    // A paste arrives as the lines it holds, each read at its prompt (>> for
    // the rest of a block): with bracketed paste, readline would put it all
    // in one buffer, which it cannot draw once it is taller than the window.
    // (libedit has no bracketed paste, nor this variable.)
    if (!kLineEditor.libedit) rl_->variable_bind("enable-bracketed-paste", "off");
    *rl_->attempted_completion_function = on_complete;
    *rl_->completer_word_break_characters = const_cast<char*>(" \t\n\"'`@$><=;|&{(,+-*/%^#~[]");
    *rl_->basic_quote_characters = const_cast<char*>("\"'");
    rl_->using_history();
    if (rl_->resize_terminal && rl_->set_screen_size && resize_.init(uv_signal_init, loop) == 0) {
      resize_.get()->data = this;
      uv_signal_start(resize_.get(), on_resize, SIGWINCH);
      uv_unref(resize_.base());  // it never keeps the program alive
    }
    if (continue_.init(uv_signal_init, loop) == 0) {
      continue_.get()->data = this;
      uv_signal_start(continue_.get(), on_continue, SIGCONT);
      uv_unref(continue_.base());
    }
  }
  if (mode_ == Mode::Terminal) {
    editor_cols_ = columns();
    reflows_ = terminal_reflows();
  }
  started_ = true;
  set_output_hook(hide_prompt);
  set_stdin_read_hook(on_stdin_read);
  std::atexit(restore_terminal_at_exit);
  std::at_quick_exit(restore_terminal_at_exit);  // os.exit with a worker busy (kernel/exit.cpp)
  return true;
}

void LineInput::stop() {
  if (!started_) return;
  started_ = false;
  set_output_hook(nullptr);
  set_stdin_read_hook(nullptr);
  stop_polling();
  if (mode_ == Mode::Terminal && prompting_) rl_->callback_handler_remove();
  end_prompting();
  poll_.close();
  resize_.close();
  continue_.close();
}

void LineInput::start_polling() {
  if (pollable_ && !polling_ && poll_) {
    uv_poll_start(poll_.get(), UV_READABLE | UV_DISCONNECT, on_readable);
    polling_ = true;
  }
}

void LineInput::stop_polling() {
  if (polling_ && poll_) uv_poll_stop(poll_.get());
  polling_ = false;
  readable_ = false;
}

// (C library calls, no Lua.) The editor learns the new size; a line being
// edited and shown is redrawn at that width at once, one not shown is drawn
// at it when it is shown again. Where the terminal re-wrapped the line's
// rows, it is cleared from the row its first is on now (rl_resize_terminal
// would clear the rows of the old drawing: pieces of it stayed above, or,
// wider, the row above the line was taken for its first).
void LineInput::on_resize(uv_signal_t* handle, int) {
  auto* self = static_cast<LineInput*>(handle->data);
  int rows, cols;
  if (self->mode_ != Mode::Terminal || !window_size(rows, cols)) return;
  const bool shown = self->prompting_ && !self->hidden_;
  const int drawn_cols = self->editor_cols_;
  self->editor_cols_ = cols;
  if (shown && !self->reflows_ && !kLineEditor.libedit) {
    self->rl_->resize_terminal();  // (it redraws on the rows the line took at the old width)
    return;
  }
  if (shown) self->clear_prompt_rows(self->reflows_ ? cols : drawn_cols);
  self->rl_->set_screen_size(rows, cols);
  if (shown) self->rl_->forced_update_display();
}

// (C library calls, no Lua.) Back in the foreground (Ctrl-Z, then fg): while
// a line is being edited, the terminal goes back to the editor's mode (the
// editor believes it never left it: deprep first, which restores the mode
// it saved, then prep, which saves the shell's and sets its own), and the
// prompt and the line are drawn again on the line the shell left the cursor
// at. An input running meanwhile needs nothing: the terminal is in the
// shell's mode then anyway.
void LineInput::on_continue(uv_signal_t* handle, int) {
  auto* self = static_cast<LineInput*>(handle->data);
  if (self->mode_ != Mode::Terminal || !self->prompting_) return;
  self->rl_->deprep_terminal();
  self->rl_->prep_terminal(1);
  if (!self->hidden_) self->rl_->forced_update_display();
}

// (C library calls, no Lua.) A read of stdin by Lua code (stdin_reads.hpp).
// While the editor shows its prompt (a background task reads), the read
// gets the terminal in its own mode, as an input that reads has it: the
// prompt and the half-typed line leave the screen, a begun line the task
// wrote ("name? ") is written, and the editor's mode comes back, with the
// prompt and the line, when the read ends. A line typed for a read ends
// with the terminal's echo of Enter: the next output starts below it.
void LineInput::on_stdin_read(StdinRead phase) {
  LineInput& self = instance();
  if (phase == StdinRead::Begin) {
    if (self.mode_ != Mode::Terminal || !self.prompting_ || self.lent_) return;
    self.hide();
    flush_held_line();
    std::fflush(stdout);
    self.rl_->deprep_terminal();
    self.lent_ = true;
    return;
  }
  if (isatty(STDIN_FILENO)) {
    // (the prompt comes back on a new row only after text the echo left open)
    if (phase == StdinRead::Done) echoed_line_end();
    if (phase == StdinRead::DoneMidRow) echoed_open_line();
  }
  if (!self.lent_) return;
  self.lent_ = false;
  // (A read fails at a Ctrl-C, but for a format Lua refuses: the terminal
  // echoed ^C after what was typed, and the prompt goes below it.)
  if (phase == StdinRead::Failed) write_stream(stdout, "\n", 1);
  self.rl_->prep_terminal(1);
  self.show();
}

void LineInput::on_readable(uv_poll_t* handle, int, int) {
  auto* self = static_cast<LineInput*>(handle->data);
  self->readable_ = true;
  // Level-triggered: stop until pump() has read, or the loop would spin.
  self->stop_polling();
  self->readable_ = true;
}

void LineInput::prompt(const std::string& text) {
  if (!started_) return;
  prompt_ = text;
  prompting_ = true;
  hidden_ = false;
  ensure_line_start();  // output that did not end its line: the prompt starts a new one
  hold_begun_lines(true);
  if (mode_ == Mode::Terminal) {
    install_handler();
  } else if (show_prompt_) {
    std::fputs(prompt_.c_str(), stdout);
    std::fflush(stdout);
  }
  start_polling();
}

// libedit leaves the line it delivered last in rl_line_buffer (and its
// point) when a handler is installed afresh, until the first key: the line
// being edited is empty meanwhile (clear_prompt_rows counted the old line's
// rows, and cleared the row above the prompt).
void LineInput::install_handler() {
  rl_->callback_handler_install(prompt_.c_str(), on_line);
  line_stale_ = kLineEditor.libedit;
}

bool LineInput::ready() const {
  if (!started_) return false;
  if (!lines_.empty() || eof_) return true;
  return prompting_ && (readable_ || !pollable_);
}

bool LineInput::pending() const {
  if (!started_) return false;
  if (!lines_.empty() || eof_ || !pollable_ || partial_.find('\n') != std::string::npos) return true;
  pollfd p{STDIN_FILENO, POLLIN, 0};
  return poll(&p, 1, 0) == 1;
}

const std::string* LineInput::first_line() const { return lines_.empty() ? nullptr : &lines_.front(); }

void LineInput::drop_first_line() {
  if (!lines_.empty()) lines_.pop_front();
}

void LineInput::deliver(std::string line) {
  end_prompting();
  stop_polling();
  lines_.push_back(std::move(line));
}

void LineInput::on_line(char* line) {
  LineInput& self = instance();
  // Remove the handler so no prompt is drawn while the input runs.
  self.rl_->callback_handler_remove();
  if (!line) {
    self.eof_ = true;
    self.end_prompting();
    self.stop_polling();
    // Leave the prompt's line. With bracketed paste on, readline does it
    // itself when it sees the end of input (rl_deprep_terminal).
    const char* paste = self.rl_->variable_value ? self.rl_->variable_value("enable-bracketed-paste") : nullptr;
    if (!(paste && std::strcmp(paste, "on") == 0)) std::fputc('\n', stdout);
    return;
  }
  // (a C++ exception must not cross readline's frames)
  bool delivered = false;
  try {
    self.deliver(line);
    delivered = true;
  } catch (const std::bad_alloc&) {
  }
  std::free(line);
  if (!delivered) {
    // Out of memory: the line is lost, the prompt stays.
    std::fputs("\nluasync: not enough memory: the line was dropped\n", stderr);
    self.install_handler();
  }
}

void LineInput::read_lines_chunk() {
  char buf[65536];
  ssize_t n = read(STDIN_FILENO, buf, sizeof buf);
  if (n <= 0) {
    if (!partial_.empty()) {
      std::string last = std::move(partial_);
      partial_.clear();
      if (echo_) echo_line(last);
      deliver(std::move(last));
    }
    eof_ = true;
    end_prompting();
    stop_polling();
    if (echo_ && lines_.empty()) std::fputc('\n', stdout);
    return;
  }
  partial_.append(buf, static_cast<std::size_t>(n));
}

void LineInput::pump() {
  if (!started_ || !prompting_) return;
  if (mode_ == Mode::Terminal) {
    readable_ = false;
    // Feed every byte that is there now; on_line may end the prompt.
    while (prompting_) {
      pollfd p{STDIN_FILENO, POLLIN, 0};
      if (poll(&p, 1, 0) != 1) break;
      // libedit's callback reader ignores the end of the input (the terminal
      // hung up, the other end of a pty closed): readable, nothing to read.
      int pending = 0;
      if (kLineEditor.libedit && (ioctl(STDIN_FILENO, FIONREAD, &pending) != 0 || pending == 0)) {
        on_line(nullptr);
        break;
      }
      line_stale_ = false;
      rl_->callback_read_char();
    }
    if (prompting_) start_polling();
    return;
  }
  readable_ = false;
  while (prompting_) {
    std::size_t nl = partial_.find('\n');
    if (nl != std::string::npos) {
      std::string line = partial_.substr(0, nl);
      partial_.erase(0, nl + 1);
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (echo_) echo_line(line);
      deliver(std::move(line));
      break;
    }
    if (eof_) break;
    read_lines_chunk();
    if (pollable_ && prompting_ && partial_.find('\n') == std::string::npos && !eof_) {
      // A pipe: wait for more instead of blocking in read().
      pollfd p{STDIN_FILENO, POLLIN, 0};
      if (poll(&p, 1, 0) != 1) break;
    }
  }
  if (prompting_) start_polling();
}

void LineInput::hide() {
  if (mode_ != Mode::Terminal || !prompting_ || hidden_) return;
  int rows = 0, cols = 80;
  window_size(rows, cols);
  if (rl_->clear_visible_line && (cols == editor_cols_ || !reflows_)) {
    rl_->clear_visible_line();
  } else {
    // libedit, or a window resized whose SIGWINCH is not handled yet (the
    // editor would clear the rows of the old width, which a terminal that
    // reflows no longer shows); the line is then shown again at the new width.
    clear_prompt_rows(reflows_ ? cols : editor_cols_);
    if (cols != editor_cols_ && rows > 0 && rl_->set_screen_size) {
      rl_->set_screen_size(rows, cols);
      editor_cols_ = cols;
    }
  }
  // (readline writes through stdout's buffer: the text that follows may go
  // to stderr, straight to the descriptor, and must come after the clear)
  std::fflush(stdout);
  hidden_ = true;
}

void LineInput::show() {
  if (mode_ != Mode::Terminal || !prompting_ || !hidden_) return;
  hidden_ = false;
  ensure_line_start();  // output that did not end its line: the prompt starts a new one
  if (kLineEditor.libedit) {
    rl_->forced_update_display();  // (its rl_redisplay defers the drawing to the next key)
  } else {
    rl_->on_new_line();
    rl_->redisplay();
  }
}

// libedit: its rl_free_line_state and rl_replace_line("") do nothing, but a
// handler installed afresh starts from an empty line (and draws the prompt).
void LineInput::drop_libedit_line(bool prompt_again) {
  rl_->callback_handler_remove();
  std::fputc('\n', stdout);
  std::fflush(stdout);
  if (prompt_again) install_handler();
}

void LineInput::cancel_line() {
  if (!prompting_) return;
  if (plain_terminal_) {
    // The terminal dropped the half-typed line itself (its line discipline
    // flushes on SIGINT): a fresh prompt on a new line.
    partial_.clear();
    std::fputc('\n', stdout);
    std::fputs(prompt_.c_str(), stdout);
    std::fflush(stdout);
    return;
  }
  if (mode_ != Mode::Terminal) return;
  if (kLineEditor.libedit) {
    drop_libedit_line(true);
    hidden_ = false;
    return;
  }
  rl_->free_line_state();
  rl_->callback_sigcleanup();
  rl_->replace_line("", 0);
  *rl_->point = *rl_->end = 0;
  rl_->crlf();
  hidden_ = false;
  rl_->on_new_line();
  rl_->redisplay();
}

void LineInput::reset_eof() {
  eof_ = false;
  if (rl_ && rl_->eof_found) *rl_->eof_found = 0;  // else readline ends the next line with an extra newline
}

void LineInput::abandon_line() {
  if (plain_terminal_ && prompting_) {
    partial_.clear();
    std::fputc('\n', stdout);
    std::fflush(stdout);
    end_prompting();
    stop_polling();
    return;
  }
  if (mode_ != Mode::Terminal || !prompting_) return;
  if (kLineEditor.libedit) {
    drop_libedit_line(false);
  } else {
    rl_->free_line_state();
    rl_->callback_sigcleanup();
    rl_->replace_line("", 0);
    *rl_->point = *rl_->end = 0;
    rl_->crlf();
    rl_->callback_handler_remove();
  }
  end_prompting();
  hidden_ = false;
  stop_polling();
}

// The history file is kept here, not by the library: one entry per line, as
// GNU readline writes it (libedit's own format has a header and escapes, and
// its append_history(1) writes two entries), so both builds share the file.
// A block of several lines is one entry, its line ends written as "\r"
// (which typed input never holds) and read back as "\n".
void LineInput::add_to_history(const std::string& entry) {
  if (mode_ != Mode::Terminal || entry.empty()) return;
  rl_->add_history(entry.c_str());
  if (history_file_.empty()) return;
  int fd = open(history_file_.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0) return;  // (no history file is no reason to stop the session)
  std::string line = entry + "\n";
  for (std::size_t i = 0; i + 1 < line.size(); ++i) {
    if (line[i] == '\n') line[i] = '\r';
  }
  std::size_t done = 0;
  while (done < line.size()) {
    ssize_t n = write(fd, line.data() + done, line.size() - done);
    if (n <= 0) break;
    done += static_cast<std::size_t>(n);
  }
  close(fd);
}

int LineInput::columns() const {
  winsize ws{};
  if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 80;
}

void LineInput::set_history_file(const std::string& path) {
  history_file_ = path;
  if (mode_ != Mode::Terminal) return;  // (no readline to keep it)
  // Created at once, without truncating, private to its owner.
  int fd = open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd >= 0) close(fd);
  FILE* f = std::fopen(path.c_str(), "re");
  if (f == nullptr) return;
  char* line = nullptr;
  std::size_t capacity = 0;
  ssize_t n;
  while ((n = getline(&line, &capacity, f)) > 0) {
    if (line[n - 1] == '\n') line[--n] = '\0';
    for (ssize_t i = 0; i < n; ++i) {
      if (line[i] == '\r') line[i] = '\n';
    }
    if (n > 0) rl_->add_history(line);
  }
  std::free(line);
  std::fclose(f);
}

char* LineInput::next_match(const char*, int state) {
  LineInput& self = instance();
  static std::size_t index;
  if (state == 0) index = 0;
  if (index >= self.matches_.size()) return nullptr;
  return strdup(self.matches_[index++].c_str());
}

char** LineInput::on_complete(const char* text, int start, int end) {
  LineInput& self = instance();
  *self.rl_->attempted_completion_over = 1;  // never fall back to file names
  self.matches_.clear();
  if (!self.completer_) return nullptr;
  // (a C++ exception must not cross readline's frames: out of memory, no
  // completion)
  try {
    self.matches_ = self.completer_(std::string(*self.rl_->line_buffer), start, end, self.completer_ud_);
  } catch (const std::bad_alloc&) {
    self.matches_.clear();
  }
  if (self.matches_.empty()) return nullptr;
  *self.rl_->completion_append_character = '\0';
  return self.rl_->completion_matches(text, next_match);
}

}  // namespace luasync
