// The pseudo-terminal driver of the REPL tests (tests/pty_session.hpp), checked
// on its own: escape stripping, the screen model, and a session with /bin/sh.
#include "pty_session.hpp"

#include <doctest/doctest.h>

using pty_test::PtySession;
using pty_test::Screen;
using pty_test::strip_ansi;

TEST_CASE("strip_ansi removes CSI, OSC and two-byte escapes and carriage returns") {
  CHECK(strip_ansi("\x1b[?2004h> 1 + 1\r\n\x1b[?2004l\r2\r\n") == "> 1 + 1\n2\n");
  CHECK(strip_ansi("\x1b]0;title\a\x1b=\x1b[1;31mred\x1b[0m\ttab") == "red\ttab");
  CHECK(strip_ansi("cut \x1b[") == "cut ");
}

TEST_CASE("the screen model applies carriage returns, erasing and cursor moves") {
  Screen s(80, 24);
  s.feed("> half typed\r\x1b[Ktick\t3\r\n> half typed");
  CHECK(s.line(0) == "tick    3");
  CHECK(s.line(-1) == "> half typed");
  CHECK(s.cursor_col() == 12);
  s.feed("\b\b\b\b\b\x1b[K");
  CHECK(s.line(-1) == "> half");  // lines read back without trailing blanks
  s.feed("\x1b[3D\x1b[1P");
  CHECK(s.line(-1) == "> haf");
  s.feed("\x1b[2@XY");
  CHECK(s.line(-1) == "> haXYf");
}

TEST_CASE("the screen model wraps at the last column like xterm") {
  Screen s(10, 24);
  s.feed("0123456789");
  CHECK(s.cursor_row() == 0);  // wrap is pending until the next character
  s.feed("ab");
  CHECK(s.line(0) == "0123456789");
  CHECK(s.line(1) == "ab");
  CHECK(s.text() == "0123456789\nab");
}

TEST_CASE("the screen model re-wraps soft-wrapped rows on a resize with reflow, the cursor keeping its place") {
  Screen s(10, 24);
  s.feed("line one\r\n0123456789abcdefg");  // one line over two rows, the cursor after g
  s.resize(6, 24, true);
  CHECK(s.text() == "line o\nne\n012345\n6789ab\ncdefg");
  CHECK(s.cursor_row() == 4);
  CHECK(s.cursor_col() == 5);
  s.resize(20, 24, true);  // wider: the rows join again
  CHECK(s.text() == "line one\n0123456789abcdefg");
  CHECK(s.cursor_row() == 1);
  CHECK(s.cursor_col() == 17);
  // Without reflow (xterm) nothing moves.
  Screen x(10, 24);
  x.feed("0123456789abc");
  x.resize(6, 24);
  CHECK(x.text() == "0123456789\nabc");
  CHECK(x.cursor_row() == 1);
}

TEST_CASE("a pty session types, expects, sees the window size and gets the exit status") {
  PtySession::Options opt;
  opt.program = "/bin/sh";
  opt.args = {"-c", "stty size; echo \"HOME=$HOME TERM=$TERM\"; printf 'name? '; read x; echo \"got $x\"; exit 7"};
  PtySession s(opt);
  s.expect("24 80\n");
  s.expect("HOME=" + s.home() + " TERM=xterm\n");
  s.expect("name? ");
  s.type("abc\r");
  s.expect("got abc\n");
  CHECK(s.wait_exit() == 7);
}

TEST_CASE("a pty session kills its child when it ends, and Ctrl-C reaches it as SIGINT") {
  pid_t pid;
  {
    PtySession::Options opt;
    opt.program = "/bin/sh";
    opt.args = {"-c", "echo ready; sleep 30"};
    PtySession s(opt);
    s.expect("ready\n");
    pid = s.pid();
    CHECK(::kill(pid, 0) == 0);
  }
  CHECK(::kill(pid, 0) == -1);  // gone and reaped
  {
    PtySession::Options opt;
    opt.program = "/bin/sh";
    opt.args = {"-c", "echo ready; exec sleep 30"};
    PtySession s(opt);
    s.expect("ready\n");
    s.read_for(0.05);
    s.ctrl_c();
    CHECK(s.wait_exit(2.0) == 128 + SIGINT);
  }
}

TEST_CASE("strip_ansi tells where an escape sequence cut off at the end starts") {
  std::size_t cut = 0;
  CHECK(strip_ansi("ab\x1b[?20", &cut) == "ab");
  CHECK(cut == 2);
  CHECK(strip_ansi("ab\x1b", &cut) == "ab");
  CHECK(cut == 2);
  CHECK(strip_ansi("ab\x1b[K", &cut) == "ab");
  CHECK(cut == 5);  // nothing left over: the size of the text
}
