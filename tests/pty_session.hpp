#pragma once
// PtySession: drives the real luasync binary through a pseudo-terminal, as a
// user at a terminal would, for the REPL tests (tests/repl.test.cpp).
//
//   PtySession s({"-i"});            // forkpty + exec, window 80x24
//   s.expect("> ");                  // wait (default 5 s) for text in the output
//   s.type("1 + 1\r");               // write keys: text, "\x03" Ctrl-C, "\x04" Ctrl-D,
//                                    // "\t" Tab, "\x1b[A" Up, "\r" Enter
//   s.expect("2\n");
//   int status = s.wait_exit();      // exit code, or 128 + signal number
//
// Output is kept three ways:
//   raw()      every byte the child wrote, escape codes included;
//   plain()    the same with ANSI escape sequences and '\r' removed, "\r\n" -> "\n";
//              expect() searches this text, from where the previous expect() stopped;
//   screen()   what an 80-column terminal would show (scrollback included): carriage
//              returns, erasing, cursor movement and wrapping applied, so a line that was
//              redrawn reads as its final text. screen_line(-1) is the cursor's line.
//
// The child's environment: the test process's own, without LUA_* and LUASYNC_*
// nor what names the terminal the tests run in (TMUX, STY, XTERM_VERSION), with
// HOME set to a fresh temporary directory, LUASYNC_HISTORY to a file in it (or
// the paths given in Options) and TERM=xterm. The child is always killed (its
// whole process group, SIGKILL) and reaped when the session ends, and the
// temporary directory is removed.
//
// Failures go through doctest (FAIL with the output seen so far), so this header
// must be included after <doctest/doctest.h> in a test file.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <sys/ioctl.h>
#include <sys/types.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <optional>
// GCC 12 reports a false -Wmaybe-uninitialized inside std::regex's own
// headers when building with -fsanitize at -O2; the diagnostic is located in
// those headers, so it is silenced for them alone.
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wmaybe-uninitialized"
#include <regex>
#pragma GCC diagnostic pop
#include <string>
#include <string_view>
#include <utility>
#include <vector>

extern char** environ;

namespace pty_test {

// Removes ANSI escape sequences (CSI, OSC, two-byte ESC x), '\r' and other
// control bytes except '\n' and '\t'. An escape sequence cut off at the end
// is dropped; with `incomplete`, its start is stored there (else s.size()),
// so a caller reading in chunks can keep it for the next chunk.
inline std::string strip_ansi(std::string_view s, std::size_t* incomplete = nullptr) {
  std::string out;
  out.reserve(s.size());
  if (incomplete) *incomplete = s.size();
  for (std::size_t i = 0; i < s.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c == 0x1b) {
      std::size_t start = i;
      bool done = false;
      if (i + 1 < s.size()) {
        char k = s[i + 1];
        if (k == '[') {  // CSI: parameters and intermediates, then a final byte 0x40-0x7e
          std::size_t j = i + 2;
          while (j < s.size() && !(s[j] >= 0x40 && s[j] <= 0x7e)) ++j;
          done = j < s.size();
          i = j;
        } else if (k == ']' || k == 'P' || k == '_' || k == '^') {  // OSC/DCS...: up to BEL or ESC '\'
          std::size_t j = i + 2;
          while (j < s.size() && s[j] != '\a' && !(s[j] == 0x1b && j + 1 < s.size() && s[j + 1] == '\\')) ++j;
          done = j < s.size();
          i = (j < s.size() && s[j] == 0x1b) ? j + 1 : j;
        } else if (k == '(' || k == ')' || k == '#') {  // charset designation: ESC ( B
          done = i + 2 < s.size();
          i += 2;
        } else {
          done = true;
          i += 1;  // ESC = , ESC > , ESC 7 ...
        }
      }
      if (!done) {
        if (incomplete) *incomplete = start;
        break;
      }
      continue;
    }
    // " \b" right after a character in the last column is how libedit makes
    // the terminal wrap: nothing to read there.
    if (c == '\b' && i > 0 && s[i - 1] == ' ' && !out.empty() && out.back() == ' ') out.pop_back();
    if (c == '\n' || c == '\t' || c >= 0x20) out += static_cast<char>(c);
  }
  return out;
}

// A minimal terminal: enough of xterm's behaviour (CR, LF, BS, TAB, autowrap,
// CSI A B C D G H f K J P @ X) to read back what the user sees on each line.
// It remembers which rows were joined by autowrap (soft wraps), for a resize
// that re-wraps them, as terminals with reflow do.
class Screen {
 public:
  explicit Screen(int cols = 80, int rows = 24) : cols_(cols), rows_(rows) { lines_.emplace_back(); }

  // A window resized. Without reflow, what is already on the screen stays
  // as it is (as in xterm), what comes next wraps at the new width. With
  // reflow (tmux, VTE, iTerm2, xterm.js), the rows that autowrap joined are
  // one line again, wrapped anew at the new width, and the cursor keeps its
  // place in its line's text.
  void resize(int cols, int rows, bool reflow = false) {
    if (reflow) rewrap(cols);
    cols_ = cols;
    rows_ = rows;
    col_ = std::min(col_, cols_ - 1);
  }

  void feed(std::string_view s) {
    for (std::size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (state_ == State::Esc) {
        if (c == '[') {
          state_ = State::Csi;
          params_.clear();
        } else if (c == ']' || c == 'P' || c == '_' || c == '^') {
          state_ = State::Osc;
        } else if (c == '(' || c == ')' || c == '#') {
          state_ = State::Charset;
        } else {
          state_ = State::Ground;
        }
        continue;
      }
      if (state_ == State::Charset) {
        state_ = State::Ground;
        continue;
      }
      if (state_ == State::Osc) {
        if (c == '\a')
          state_ = State::Ground;
        else if (c == 0x1b)
          state_ = State::OscEsc;
        continue;
      }
      if (state_ == State::OscEsc) {
        state_ = State::Ground;
        continue;
      }
      if (state_ == State::Csi) {
        if (c >= 0x40 && c <= 0x7e) {
          csi(static_cast<char>(c));
          state_ = State::Ground;
        } else {
          params_ += static_cast<char>(c);
        }
        continue;
      }
      switch (c) {
        case 0x1b:
          state_ = State::Esc;
          break;
        case '\r':
          col_ = 0;
          wrap_pending_ = false;
          break;
        case '\n':
          down();
          break;
        case '\b':
          if (col_ > 0) --col_;
          wrap_pending_ = false;
          break;
        case '\t':
          col_ = std::min(cols_ - 1, (col_ / 8 + 1) * 8);
          break;
        case '\a':
          break;
        default:
          if (c < 0x20) break;
          put(static_cast<char>(c));
      }
    }
  }

  // Every line, scrollback included, trailing blanks removed, joined by '\n'.
  std::string text() const {
    std::string out;
    for (std::size_t i = 0; i < lines_.size(); ++i) {
      if (i) out += '\n';
      out += trimmed(lines_[i]);
    }
    return out;
  }
  // Line n (0-based from the first line ever written; negative counts from
  // the cursor's line: -1 is the cursor's line).
  std::string line(int n) const {
    int idx = n < 0 ? row_ + 1 + n : n;
    if (idx < 0 || idx >= static_cast<int>(lines_.size())) return {};
    return trimmed(lines_[idx]);
  }
  int cursor_row() const { return row_; }
  int cursor_col() const { return col_; }

 private:
  enum class State { Ground, Esc, Csi, Osc, OscEsc, Charset };

  static std::string trimmed(const std::string& s) {
    std::size_t end = s.find_last_not_of(' ');
    return end == std::string::npos ? std::string() : s.substr(0, end + 1);
  }
  std::string& cur() { return lines_[row_]; }
  // Grows the screen to n rows (never shrinks it: see cut()).
  void grow(std::size_t n) {
    if (lines_.size() < n) lines_.resize(n);
    if (soft_.size() < n) soft_.resize(n, false);
  }
  void cut(std::size_t n) {
    lines_.resize(n);
    soft_.resize(n);
  }
  // Reflow: each line made of rows joined by soft wraps, wrapped at `cols`.
  void rewrap(int cols) {
    soft_.resize(lines_.size(), false);
    std::vector<std::string> lines;
    std::vector<bool> soft;
    int row = 0, col = 0;
    for (std::size_t i = 0; i < lines_.size();) {
      std::string text;
      std::size_t cursor_at = std::string::npos;
      for (;; ++i) {
        std::string part = lines_[i];
        if (static_cast<int>(i) == row_)
          cursor_at = text.size() + static_cast<std::size_t>(col_ + (wrap_pending_ ? 1 : 0));
        if (soft_[i] && static_cast<int>(part.size()) < cols_) part.resize(cols_, ' ');
        text += part;
        if (!soft_[i] || i + 1 >= lines_.size()) break;
      }
      ++i;
      std::size_t end = text.find_last_not_of(' ');
      text.resize(end == std::string::npos ? 0 : end + 1);
      std::size_t n_rows = std::max<std::size_t>(1, (text.size() + cols - 1) / cols);
      if (cursor_at != std::string::npos) {
        n_rows = std::max(n_rows, cursor_at / cols + 1);
        row = static_cast<int>(lines.size() + cursor_at / cols);
        col = static_cast<int>(cursor_at % cols);
      }
      for (std::size_t r = 0; r < n_rows; ++r) {
        lines.push_back(r * cols < text.size() ? text.substr(r * cols, cols) : std::string());
        soft.push_back(r + 1 < n_rows);
      }
    }
    lines_ = std::move(lines);
    soft_ = std::move(soft);
    row_ = row;
    col_ = col;
    wrap_pending_ = false;
  }
  int top() const { return std::max(0, static_cast<int>(lines_.size()) - rows_); }
  void down() {
    ++row_;
    grow(row_ + 1);
    wrap_pending_ = false;
  }
  void put(char c) {
    if (wrap_pending_) {
      soft_[row_] = true;
      down();
      col_ = 0;
    }
    std::string& l = cur();
    if (static_cast<int>(l.size()) <= col_) l.resize(col_ + 1, ' ');
    l[col_] = c;
    if (col_ == cols_ - 1)
      wrap_pending_ = true;
    else
      ++col_;
  }
  std::vector<int> nums() const {
    std::vector<int> v;
    std::string p = params_;
    if (!p.empty() && (p[0] == '?' || p[0] == '>' || p[0] == '=')) p.erase(0, 1);
    std::size_t i = 0;
    while (i <= p.size()) {
      std::size_t j = p.find(';', i);
      if (j == std::string::npos) j = p.size();
      v.push_back(j > i ? std::atoi(p.substr(i, j - i).c_str()) : 0);
      i = j + 1;
    }
    return v;
  }
  void csi(char f) {
    if (!params_.empty() && params_[0] == '?') return;  // modes (?2004h, ?1034h...)
    std::vector<int> n = nums();
    int a = n.empty() ? 0 : n[0];
    int a1 = a == 0 ? 1 : a;
    wrap_pending_ = false;
    std::string& l = cur();
    switch (f) {
      case 'A':
        row_ = std::max(top(), row_ - a1);
        break;
      case 'B':
        row_ += a1;
        grow(row_ + 1);
        break;
      case 'C':
        col_ = std::min(cols_ - 1, col_ + a1);
        break;
      case 'D':
        col_ = std::max(0, col_ - a1);
        break;
      case 'G':
        col_ = std::min(cols_ - 1, a1 - 1);
        break;
      case 'H':
      case 'f': {
        int r = a1 - 1, c = (n.size() > 1 && n[1] > 0 ? n[1] : 1) - 1;
        row_ = top() + r;
        grow(row_ + 1);
        col_ = std::min(cols_ - 1, c);
        break;
      }
      case 'K':
        if (a != 1) soft_[row_] = false;  // (as tmux: the row's end is erased)
        if (a == 0) {
          if (static_cast<int>(l.size()) > col_) l.resize(col_);
        } else if (a == 1) {
          for (int i = 0; i <= col_ && i < static_cast<int>(l.size()); ++i) l[i] = ' ';
        } else
          l.clear();
        break;
      case 'J':
        if (a == 0) {
          if (static_cast<int>(l.size()) > col_) l.resize(col_);
          cut(row_ + 1);
          soft_[row_] = false;
        } else if (a == 2) {
          for (int i = top(); i < static_cast<int>(lines_.size()); ++i) {
            lines_[i].clear();
            soft_[i] = false;
          }
        }
        break;
      case 'P':
        if (static_cast<int>(l.size()) > col_) l.erase(col_, std::min<std::size_t>(a1, l.size() - col_));
        break;
      case '@':
        if (static_cast<int>(l.size()) > col_) {
          l.insert(static_cast<std::size_t>(col_), static_cast<std::size_t>(a1), ' ');
          if (static_cast<int>(l.size()) > cols_) l.resize(cols_);
        }
        break;
      case 'X':
        for (int i = col_; i < col_ + a1 && i < static_cast<int>(l.size()); ++i) l[i] = ' ';
        break;
      default:
        break;  // m (colours) and the rest
    }
  }

  int cols_, rows_;
  std::vector<std::string> lines_;
  std::vector<bool> soft_ = {false};  // soft_[i]: row i continues on row i + 1 (autowrap)
  int row_ = 0, col_ = 0;
  bool wrap_pending_ = false;
  State state_ = State::Ground;
  std::string params_;
};

// The luasync binary under test: LUASYNC_BINARY (a compile definition) unless
// the LUASYNC environment variable names another.
inline std::string luasync_binary() {
  if (const char* e = std::getenv("LUASYNC"); e && *e) return e;
#ifdef LUASYNC_BINARY
  return LUASYNC_BINARY;
#else
  return "luasync";
#endif
}

using Clock = std::chrono::steady_clock;
inline double seconds_since(Clock::time_point t) { return std::chrono::duration<double>(Clock::now() - t).count(); }

// A temporary directory, removed with everything in it when destroyed.
class TempDir {
 public:
  TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "luasync-pty-XXXXXX").string();
    std::vector<char> buf(tmpl.begin(), tmpl.end());
    buf.push_back('\0');
    if (!mkdtemp(buf.data())) FAIL("mkdtemp failed: " << std::strerror(errno));
    path_ = buf.data();
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }
  std::string file(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

class PtySession {
 public:
  struct Options {
    std::vector<std::string> args;                         // after the program's name
    std::string program;                                   // empty: the luasync binary
    std::vector<std::pair<std::string, std::string>> env;  // extra/overriding variables
    std::string home;                                      // HOME; empty: a fresh temporary directory
    std::string history;                                   // LUASYNC_HISTORY; empty: HOME/history
    unsigned short cols = 80, rows = 24;
  };

  explicit PtySession(std::vector<std::string> args = {}) : PtySession(with_args(std::move(args))) {}

  explicit PtySession(Options opt) : screen_(opt.cols, opt.rows) {
    home_ = opt.home.empty() ? tmp_.path() : opt.home;
    history_ = opt.history.empty() ? home_ + "/history" : opt.history;

    std::vector<std::string> envs;
    for (char** e = environ; *e; ++e) {
      std::string_view v(*e);
      if (v.starts_with("LUA_") || v.starts_with("LUASYNC") || v.starts_with("HOME=") || v.starts_with("TERM=") ||
          v.starts_with("LINES=") || v.starts_with("COLUMNS=") || v.starts_with("INPUTRC=") || v.starts_with("TMUX=") ||
          v.starts_with("STY=") || v.starts_with("XTERM_VERSION="))
        continue;
      envs.emplace_back(v);
    }
    envs.push_back("HOME=" + home_);
    envs.push_back("LUASYNC_HISTORY=" + history_);
    envs.push_back("TERM=xterm");
    for (auto& [k, v] : opt.env) {
      std::erase_if(envs, [&](const std::string& s) { return s.starts_with(k + "="); });
      envs.push_back(k + "=" + v);
    }

    std::vector<std::string> argv_s{opt.program.empty() ? luasync_binary() : opt.program};
    argv_s.insert(argv_s.end(), opt.args.begin(), opt.args.end());
    command_ = argv_s[0];
    for (std::size_t i = 1; i < argv_s.size(); ++i) command_ += " " + argv_s[i];
    // Everything the child needs is built before fork: after it, only
    // async-signal-safe calls.
    std::vector<char*> argv, envp;
    for (auto& s : argv_s) argv.push_back(s.data());
    argv.push_back(nullptr);
    for (auto& s : envs) envp.push_back(s.data());
    envp.push_back(nullptr);

    struct winsize ws {};
    ws.ws_col = opt.cols;
    ws.ws_row = opt.rows;
    pid_ = forkpty(&fd_, nullptr, nullptr, &ws);
    if (pid_ < 0) FAIL("forkpty failed: " << std::strerror(errno));
    if (pid_ == 0) {
      execve(argv[0], argv.data(), envp.data());
      const char msg[] = "pty_session: execve failed\n";
      ssize_t ignored = ::write(2, msg, sizeof msg - 1);
      (void)ignored;
      _exit(127);
    }
    int flags = fcntl(fd_, F_GETFL);
    fcntl(fd_, F_SETFL, flags | O_NONBLOCK);
    started_ = Clock::now();
  }

  ~PtySession() { kill_child(); }
  PtySession(const PtySession&) = delete;
  PtySession& operator=(const PtySession&) = delete;

  // Writes keys to the terminal, as typed (in one write() when possible).
  void type(std::string_view keys) {
    while (!keys.empty()) {
      ssize_t n = ::write(fd_, keys.data(), keys.size());
      if (n < 0 && (errno == EAGAIN || errno == EINTR)) {
        pump(10);
        continue;
      }
      if (n < 0)
        FAIL("writing " << quoted(keys) << " to the terminal failed: " << std::strerror(errno) << "\n" << seen());
      keys.remove_prefix(static_cast<std::size_t>(n));
    }
  }
  // Types keys one byte at a time, `gap_ms` apart, reading output meanwhile.
  void type_slowly(std::string_view keys, int gap_ms = 5) {
    for (char c : keys) {
      type(std::string_view(&c, 1));
      read_for(gap_ms / 1000.0);
    }
  }
  // Resizes the window: the terminal sends the child SIGWINCH. With
  // `reflow`, the screen re-wraps what it shows, as tmux, VTE, iTerm2 and
  // xterm.js do (Screen::resize), before the child hears of it.
  void resize(unsigned short cols, unsigned short rows, bool reflow = false) {
    screen_.resize(cols, rows, reflow);
    struct winsize ws {};
    ws.ws_col = cols;
    ws.ws_row = rows;
    if (ioctl(fd_, TIOCSWINSZ, &ws) != 0) FAIL("TIOCSWINSZ failed: " << std::strerror(errno));
  }
  // Ctrl-Z then `fg` in a shell: the child stops, the shell puts the
  // terminal back in its own (cooked, echoing) mode, then continues it.
  void stop_then_continue_in_cooked_mode() {
    if (::kill(pid_, SIGSTOP) != 0) FAIL("SIGSTOP failed: " << std::strerror(errno));
    read_for(0.2);
    struct termios t {};
    if (tcgetattr(fd_, &t) != 0) FAIL("tcgetattr failed: " << std::strerror(errno));
    t.c_lflag |= ICANON | ECHO | ECHOE | ISIG;
    if (tcsetattr(fd_, TCSANOW, &t) != 0) FAIL("tcsetattr failed: " << std::strerror(errno));
    if (::kill(pid_, SIGCONT) != 0) FAIL("SIGCONT failed: " << std::strerror(errno));
  }
  void ctrl_c() { type("\x03"); }
  void ctrl_d() { type("\x04"); }
  void enter() { type("\r"); }

  // Reads whatever arrives during `seconds`; answers the plain text read.
  std::string read_for(double seconds) {
    std::size_t before = plain_.size();
    auto deadline = Clock::now() + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(seconds));
    while (!eof_) {
      auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
      if (left <= 0) break;
      pump(static_cast<int>(left));
    }
    return plain_.substr(before);
  }

  // Waits until `text` appears in plain() after the expect position; moves the
  // position past it and answers the plain text from the old position to the
  // end of the match. Fails the test, showing what was seen, on timeout.
  std::string expect(std::string_view text, double timeout = 5.0) {
    return expect_impl(
        [&](std::size_t from) -> std::optional<std::pair<std::size_t, std::size_t>> {
          std::size_t at = plain_.find(text, from);
          if (at == std::string::npos) return std::nullopt;
          return std::make_pair(at, at + text.size());
        },
        "text " + quoted(text), timeout);
  }
  // The same with an ECMAScript regular expression.
  std::string expect_re(const std::string& pattern, double timeout = 5.0) {
    std::regex re(pattern);
    return expect_impl(
        [&](std::size_t from) -> std::optional<std::pair<std::size_t, std::size_t>> {
          std::smatch m;
          auto begin = plain_.cbegin() + static_cast<std::ptrdiff_t>(from);
          if (!std::regex_search(begin, plain_.cend(), m, re)) return std::nullopt;
          std::size_t at = from + static_cast<std::size_t>(m.position(0));
          return std::make_pair(at, at + static_cast<std::size_t>(m.length(0)));
        },
        "pattern /" + pattern + "/", timeout);
  }
  // Waits for the primary prompt "> " at the start of a line, at the end of the
  // output (nothing after it yet).
  std::string expect_prompt(double timeout = 5.0, std::string_view prompt = "> ") {
    return expect_impl(
        [&](std::size_t from) -> std::optional<std::pair<std::size_t, std::size_t>> {
          if (plain_.size() < from + prompt.size() || !plain_.ends_with(prompt)) return std::nullopt;
          std::size_t at = plain_.size() - prompt.size();
          if (at != 0 && plain_[at - 1] != '\n') return std::nullopt;
          return std::make_pair(at, plain_.size());
        },
        "the prompt " + quoted(prompt) + " at the end of the output", timeout);
  }
  // Asserts that `text` does not appear in what arrives during `seconds`
  // (from the expect position).
  void expect_absent(std::string_view text, double seconds) {
    read_for(seconds);
    std::size_t at = plain_.find(text, pos_);
    if (at != std::string::npos) FAIL("did not expect " << quoted(text) << " in the output\n" << seen());
  }

  // Waits for the child to exit, reading its output meanwhile. Answers the
  // exit status, or 128 + the signal that killed it. Fails on timeout.
  int wait_exit(double timeout = 5.0) {
    auto t0 = Clock::now();
    while (!exited_) {
      reap(false);
      if (exited_) break;
      if (seconds_since(t0) > timeout) FAIL("the REPL did not exit within " << timeout << " s\n" << seen());
      if (eof_)
        usleep(5000);
      else
        pump(20);
    }
    // Output written just before exiting may still sit in the pty.
    while (!eof_ && pump(0)) {
    }
    return status_;
  }
  bool exited() {
    reap(false);
    return exited_;
  }
  pid_t pid() const { return pid_; }

  // Seconds since the child was started.
  double elapsed() const { return seconds_since(started_); }

  const std::string& raw() const { return raw_; }
  const std::string& plain() const { return plain_; }
  std::string screen() const { return screen_.text(); }
  std::string screen_line(int n) const { return screen_.line(n); }
  int cursor_col() const { return screen_.cursor_col(); }
  // Plain text after the expect position, and moving that position.
  std::string rest() const { return plain_.substr(pos_); }
  std::size_t position() const { return pos_; }
  void skip_to_end() { pos_ = plain_.size(); }

  const std::string& home() const { return home_; }
  const std::string& history_path() const { return history_; }

  // A description of what was seen, for failure messages.
  std::string seen() const {
    std::string s = "--- command: " + command_ + "\n--- output since the last match:\n" + plain_.substr(pos_) +
                    "\n--- whole output (plain):\n" + plain_ + "\n--- screen:\n" + screen_.text() +
                    "\n--- raw (escaped):\n" + quoted(raw_.size() > 4000 ? raw_.substr(raw_.size() - 4000) : raw_) +
                    "\n--- end";
    return s;
  }

  static std::string quoted(std::string_view s) {
    std::string out = "\"";
    for (unsigned char c : s) {
      switch (c) {
        case '\n':
          out += "\\n";
          break;
        case '\r':
          out += "\\r";
          break;
        case '\t':
          out += "\\t";
          break;
        case '"':
          out += "\\\"";
          break;
        case '\\':
          out += "\\\\";
          break;
        default:
          if (c < 0x20 || c == 0x7f) {
            char b[8];
            std::snprintf(b, sizeof b, "\\x%02x", c);
            out += b;
          } else {
            out += static_cast<char>(c);
          }
      }
    }
    return out + "\"";
  }

 private:
  static Options with_args(std::vector<std::string> args) {
    Options o;
    o.args = std::move(args);
    return o;
  }

  template <typename Find>
  std::string expect_impl(Find find, const std::string& what, double timeout) {
    auto t0 = Clock::now();
    for (;;) {
      if (auto m = find(pos_)) {
        std::string got = plain_.substr(pos_, m->second - pos_);
        pos_ = m->second;
        return got;
      }
      double left = timeout - seconds_since(t0);
      if (left <= 0 || eof_) {
        if (!eof_) {
          // one last look at what is already in the pty
          while (pump(0)) {
          }
          if (auto m = find(pos_)) {
            std::string got = plain_.substr(pos_, m->second - pos_);
            pos_ = m->second;
            return got;
          }
        }
        std::string why = "expected " + what + " within " + std::to_string(timeout) + " s";
        if (eof_) {
          wait_exit_quietly(1.0);
          why += exited_ ? " (the REPL exited, status " + std::to_string(status_) + ")" : " (the terminal closed)";
        }
        FAIL(why << "\n" << seen());
      }
      pump(std::max(1, static_cast<int>(left * 1000)));
    }
  }

  // Waits up to `ms` for output and reads what is there; answers whether
  // something was read.
  bool pump(int ms) {
    if (eof_) return false;
    pollfd p{fd_, POLLIN, 0};
    int r = poll(&p, 1, ms);
    if (r <= 0) return false;
    bool got = false;
    char buf[4096];
    for (;;) {
      ssize_t n = ::read(fd_, buf, sizeof buf);
      if (n > 0) {
        got = true;
        std::string_view chunk(buf, static_cast<std::size_t>(n));
        raw_.append(chunk);
        screen_.feed(chunk);
        // An escape sequence may be split across reads: its start waits in carry_.
        carry_.append(chunk);
        std::size_t cut = 0;
        plain_ += strip_ansi(carry_, &cut);
        carry_.erase(0, cut);
        continue;
      }
      if (n < 0 && errno == EINTR) continue;
      if (n < 0 && errno == EAGAIN) break;
      eof_ = true;  // EIO: every slave descriptor is closed (the child exited)
      break;
    }
    return got;
  }

  void wait_exit_quietly(double timeout) {
    auto t0 = Clock::now();
    while (!exited_ && seconds_since(t0) < timeout) {
      reap(false);
      if (!exited_) usleep(2000);
    }
  }

  void reap(bool block) {
    if (exited_ || pid_ <= 0) return;
    int st = 0;
    pid_t r = waitpid(pid_, &st, block ? 0 : WNOHANG);
    if (r == pid_) {
      exited_ = true;
      status_ = WIFEXITED(st) ? WEXITSTATUS(st) : WIFSIGNALED(st) ? 128 + WTERMSIG(st) : -1;
    }
  }

  void kill_child() {
    if (pid_ > 0 && !exited_) {
      ::kill(-pid_, SIGKILL);  // forkpty made the child a session and group leader
      ::kill(pid_, SIGKILL);
      reap(true);
    }
    if (fd_ >= 0) {
      ::close(fd_);
      fd_ = -1;
    }
  }

  TempDir tmp_;
  std::string home_, history_, command_;
  pid_t pid_ = -1;
  int fd_ = -1;
  bool eof_ = false, exited_ = false;
  int status_ = -1;
  std::string raw_, plain_, carry_;
  std::size_t pos_ = 0;
  Screen screen_;
  Clock::time_point started_;
};

}  // namespace pty_test
