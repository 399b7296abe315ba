// The REPL as a user at a terminal sees it: the real binary driven through a
// pseudo-terminal (tests/pty_session.hpp), one TEST_CASE per behaviour of
// docs/repl.md. Runs as the ctest test `repl` (test suite "repl").
//
// Conventions: every session gets its own HOME and history file; keys are
// written as a terminal sends them ("\r" Enter, "\x03" Ctrl-C, "\x04" Ctrl-D,
// "\t" Tab, "\x1b[A" Up); texts are matched in the output with escape codes
// removed (plain), and layout on the emulated 80x24 screen (screen_line).
#include <doctest/doctest.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "repl_helpers.hpp"

using pty_test::PtySession;
using pty_test::TempDir;
using repl_test::eval;
using repl_test::kLongTicker;
using repl_test::kTicker;
using repl_test::Repl;

namespace {

constexpr const char* kBannerLine2 =
    "Use await(...) directly instead of asyncio.run().\nType help() for a tour; exit() or Ctrl-D leaves.";

// What `luasync -v` prints (the banner's first line), without the newline.
std::string version_line() {
  std::string cmd = pty_test::luasync_binary() + " -v";
  FILE* p = popen(cmd.c_str(), "r");
  REQUIRE(p != nullptr);
  std::string out;
  char buf[256];
  while (std::fgets(buf, sizeof buf, p)) out += buf;
  pclose(p);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r')) out.pop_back();
  return out;
}

std::string slurp(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::ostringstream s;
  s << f.rdbuf();
  return s.str();
}

// A worker thread runs `job` after half a second while "abc" waits
// half-typed at the prompt: what it writes must stand above the line,
// `lines` on the screen rows just above the prompt, the prompt kept.
void worker_output_above_prompt(const std::string& job, const std::vector<std::string>& lines) {
  Repl s;
  s.type("f = asyncio.get_running_loop():run_in_executor(nil, function() time.sleep(0.5) " + job + " end)\r");
  s.expect_prompt(2.0);
  s.type("abc");
  s.expect("abc");
  s.expect(lines.back(), 3.0);
  s.read_for(0.1);
  const int n = static_cast<int>(lines.size());
  for (int i = 0; i < n; ++i) CHECK(s.screen_line(i - n - 1) == lines[i]);
  CHECK(s.screen_line(-1) == "> abc");
  s.type("\r");
}

// Starts kLongTicker, types `input` (which runs until interrupted), presses
// Ctrl-C: KeyboardInterrupt comes within a second, the prompt comes back, the
// ticker is untouched (pending, still ticking) and the prompt takes input.
void interrupt_beside_ticker(Repl& s, const std::string& input) {
  s.type(std::string(kLongTicker) + "\r");
  s.expect("tick\t1");
  s.expect_prompt(2.0);
  s.type(input + "\r");
  s.read_for(0.3);
  auto t0 = pty_test::Clock::now();
  s.ctrl_c();
  s.expect("KeyboardInterrupt", 1.0);
  CHECK(pty_test::seconds_since(t0) < 1.0);
  s.expect_prompt(2.0);
  s.type("t:done(), t:cancelled()\r");
  s.expect("false\tfalse\n", 2.0);
  s.expect_prompt(2.0);
  s.skip_to_end();
  s.expect_re("tick\t[0-9]+", 1.0);
  s.expect_re("tick\t[0-9]+", 1.0);
  s.type("'alive' .. 1\r");
  s.expect("\"alive1\"", 2.0);
}

int count(const std::string& hay, const std::string& needle) {
  int n = 0;
  for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + needle.size())) ++n;
  return n;
}

// A ticker prints every quarter of a second while a line of 70 columns is
// half-typed; the window is made 40 columns wide, then 80 again, each time
// right after a tick (so that the terminal re-wraps, or not, what the REPL
// drew at the old width). Each time the line must stand once on the last
// rows, wrapped at the new width, and every tick above it, in order.
void resize_while_ticking(PtySession::Options opt, bool reflow) {
  Repl s(opt);
  s.type("t = asyncio.spawn(function() for i = 1, 200 do print('tick', i) await(asyncio.sleep(0.25)) end end)\r");
  s.expect_prompt(2.0);
  const std::string line =
      "x = '" + std::string("abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ") + "'";
  const std::string shown = "> " + line;  // 70 columns
  s.type(line);
  s.expect("XYZ'");
  // Right after a tick, so that the terminal re-wraps what the REPL drew at
  // the old width (a tick is a quarter of a second away).
  auto resize_after_a_tick = [&](unsigned short cols) {
    s.skip_to_end();
    s.expect_re("tick\t[0-9]+", 2.0);
    s.read_for(0.05);
    s.resize(cols, 24, reflow);
    s.read_for(0.8);  // three more ticks above the line
  };
  auto check_screen = [&](std::size_t cols) {
    INFO("the screen at " << cols << " columns:\n" << s.screen());
    // The line, wrapped at the new width, on the last rows, the cursor at its end.
    const std::size_t rows = (shown.size() + cols - 1) / cols;
    for (std::size_t r = 0; r < rows; ++r) {
      CHECK(s.screen_line(static_cast<int>(r) - static_cast<int>(rows)) == shown.substr(r * cols, cols));
    }
    CHECK(s.cursor_col() == static_cast<int>(shown.size() % cols));
    // Nothing of it anywhere else: no piece of an old drawing left over.
    CHECK(count(s.screen(), "x = '") == 1);
    CHECK(count(s.screen(), "VWXYZ'") == 1);
    // Every tick on its own row, in order, none wiped.
    std::istringstream in(s.screen());
    std::string row;
    int last = 0;
    while (std::getline(in, row)) {
      if (row.rfind("tick", 0) != 0) continue;
      int n = std::atoi(row.c_str() + 4);
      CHECK_MESSAGE(n == last + 1, "tick " << last + 1 << " is missing or out of place (row: " << row << ")");
      last = n;
    }
    CHECK(last >= 4);
  };
  resize_after_a_tick(40);
  check_screen(40);
  resize_after_a_tick(80);
  check_screen(80);
  s.type("\r");
  s.expect_prompt(2.0);
  CHECK(eval(s, "print(#x)") == "62\n");
}

}  // namespace

TEST_SUITE("repl") {
  TEST_CASE("the banner names luasync, Lua and libuv and says to use await directly, then the prompt") {
    std::string version = version_line();
    REQUIRE(version.starts_with("luasync "));
    PtySession s;
    s.expect_prompt(5.0);
    CHECK(s.plain() == version + "\n" + kBannerLine2 + "\n> ");
    // Every banner line fits the 80-column screen; the prompt starts a line.
    CHECK(s.screen_line(0) == version);
    CHECK(s.screen_line(-1) == ">");
    CHECK(s.cursor_col() == 2);
  }

  TEST_CASE("without a usable line editor the REPL says so and reads plain lines at its prompt") {
    PtySession::Options opt;
    opt.args = {"-i"};
    opt.env = {{"LD_LIBRARY_PATH", NOT_READLINE_DIR}};
    PtySession s(opt);
    // The binary under test loads the library of its build (ctest says which).
    const char* editor = std::getenv("LUASYNC_LINE_EDITOR");
    const std::string soname = editor && std::string(editor) == "libedit" ? "libedit.so.2" : "libreadline.so.8";
    s.expect("luasync: no line editing: " + soname + " lacks a function luasync needs\n", 5.0);
    s.expect("> ", 5.0);
    s.type("6 * 7\r");
    s.expect("42\n", 2.0);
    s.expect("> ", 2.0);
    s.type("await(asyncio.sleep(0.05, 'still async'))\r");
    s.expect("\"still async\"\n", 2.0);
    s.expect("> ", 2.0);
    // Ctrl-C at the prompt: the half-typed line goes, a fresh prompt comes.
    s.type("'half typed");
    s.expect("'half typed");
    s.type("\x03");
    s.expect("\n> ", 2.0);
    s.type("'whole'\r");
    s.expect("\"whole\"\n", 2.0);
    s.expect("> ", 2.0);
    // At the continuation prompt: the whole block goes.
    s.type("f(\r");
    s.expect(">> ", 2.0);
    s.type("\x03");
    s.expect("\n> ", 2.0);
    s.type("'next'\r");
    s.expect("\"next\"\n", 2.0);
    s.expect("> ", 2.0);
    s.ctrl_d();
    CHECK(s.wait_exit(2.0) == 0);
  }

  TEST_CASE("an expression prints its value and sets _") {
    Repl s;
    CHECK(eval(s, "6 * 7") == "42\n");
    CHECK(eval(s, "_ + 1") == "43\n");
    CHECK(eval(s, "_") == "43\n");
    CHECK(eval(s, "'a' .. 'b', 2") == "\"ab\"\t2\n");
    CHECK(eval(s, "_") == "\"ab\"\n");
    eval(s, "nil");  // no value that is not nil: _ stays
    CHECK(eval(s, "_") == "\"ab\"\n");
    CHECK(eval(s, "print('hello')") == "hello\n");  // a call that returns nothing prints only what it printed
    CHECK(eval(s, "_") == "\"ab\"\n");
  }

  TEST_CASE("an expression that is a table is pretty-printed") {
    Repl s;
    std::string out = eval(s, "{1, 2, x = 'y'}");
    CHECK_HAS(out, "\"y\"");
    CHECK_LACKS(out, "table: 0x");
  }

  TEST_CASE("await at the prompt: await(asyncio.sleep(0.2)) waits and returns") {
    Repl s;
    auto t0 = pty_test::Clock::now();
    CHECK(eval(s, "await(asyncio.sleep(0.2))") == "");
    double took = pty_test::seconds_since(t0);
    CHECK(took >= 0.2);
    CHECK(took < 1.5);
    CHECK(eval(s, "await(asyncio.sleep(0.1, 'done'))") == "\"done\"\n");
  }

  TEST_CASE("a ticker prints above a half-typed line, which survives intact") {
    Repl s;
    s.type(std::string(kTicker) + "\r");
    s.expect("tick\t1");
    s.expect_prompt(2.0);
    const std::string half = R"("left half|" .. )";
    s.type(half);
    s.expect(half);
    // Two ticks arrive while the line is half-typed.
    s.expect("tick\t2", 2.0);
    s.expect("tick\t3", 2.0);
    s.read_for(0.05);
    // On screen: the tick on its own line, then the prompt and the half-typed
    // line redrawn below it with the cursor at its end.
    CHECK(s.screen_line(-2) == "tick    3");
    CHECK(s.screen_line(-1) == "> " + std::string(R"("left half|" ..)"));
    CHECK(s.cursor_col() == 2 + static_cast<int>(half.size()));
    s.type("\"right half\"\r");
    s.expect(R"("left half|right half")"
             "\n",
             2.0);
    // The ticker finishes undisturbed.
    s.expect("tick\t5", 2.0);
  }

  TEST_CASE("a background task's stderr, a never-retrieved report too, lands above a half-typed line") {
    Repl s;
    s.type("asyncio.spawn(function() await(asyncio.sleep(0.5)) io.stderr:write('to std' .. 'err\\n') end)\r");
    s.expect_prompt(2.0);
    s.type("abc");
    s.expect("abc");
    s.expect("to stderr", 3.0);
    s.read_for(0.1);
    CHECK(s.screen_line(-2) == "to stderr");
    CHECK(s.screen_line(-1) == "> abc");
    s.type("\r");
    s.expect_prompt(2.0);
  }

  TEST_CASE("a worker thread's print lands above a half-typed line too") {
    worker_output_above_prompt("print('from worker')", {"from worker"});
  }

  TEST_CASE("a worker thread's io.write lands above a half-typed line too, in order with its print") {
    worker_output_above_prompt("io.write('one ') print('two') io.stdout:write('three\\n')", {"one two", "three"});
  }

  TEST_CASE("a line a worker thread ends later stays whole above the prompt") {
    worker_output_above_prompt("io.write('one ') time.sleep(0.3) print('two')", {"one two"});
  }

  TEST_CASE("a background task's line written in pieces stays whole above the prompt, as line-buffered stdout") {
    Repl s;
    s.type(
        "asyncio.spawn(function() io.write('DL: ') for i = 1, 3 do await(asyncio.sleep(0.2)) io.write(i * 25, '% ') "
        "end print('done') end)\r");
    s.expect_prompt(2.0);
    s.type("abc");
    s.expect("abc");
    s.expect("done", 3.0);
    s.read_for(0.1);
    CHECK(s.screen_line(-2) == "DL: 25% 50% 75% done");
    CHECK(s.screen_line(-1) == "> abc");
    // A flush shows the begun line as it stands.
    s.type(
        "\x15"
        "asyncio.spawn(function() io.write('now ') io.stdout:flush() end)\r");
    s.expect("now", 2.0);
    s.type("\r");
  }

  TEST_CASE("after the window is resized, a line longer than it is edited and redrawn at the new width") {
    Repl s;
    s.resize(40, 24);
    s.read_for(0.2);
    const std::string rest = "abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP\"";
    s.type("x = \"" + rest);
    s.expect("KLMNOP");
    // Home, then text typed at the start: the line is drawn again over two
    // rows of 40 columns, not as if it fitted in one row of 80.
    s.type("\x1b[H");
    s.type("y = 1; ");
    s.read_for(0.3);
    const std::string whole = "> y = 1; x = \"" + rest;
    CHECK(s.screen_line(-1) == whole.substr(0, 40));  // (the cursor's row: the first)
    CHECK_HAS(s.screen(), whole.substr(0, 40) + "\n" + whole.substr(40));
    s.type("\r");
    s.expect_prompt(2.0);
    s.type("print(y, #x)\r");
    s.expect("1\t52");
  }

  TEST_CASE(
      "a resize that the terminal reflows, narrower then wider, while a ticker prints: the half-typed line is drawn "
      "once, at the new width, and no tick is lost") {
    // tmux, VTE (gnome-terminal), iTerm2 and xterm.js (VS Code) re-wrap the
    // rows of a line when the window is resized: a line of 70 columns typed
    // at 80 becomes two rows at 40, the cursor on the second; at 80 again,
    // one row. The REPL must clear the rows the line takes then, not the
    // ones it took before.
    resize_while_ticking({}, true);
  }

  TEST_CASE("the same in xterm, which does not reflow (XTERM_VERSION says so), and in GNU screen (STY)") {
    PtySession::Options opt;
    opt.env = {{"XTERM_VERSION", "XTerm(379)"}};
    resize_while_ticking(opt, false);
    opt.env = {{"STY", "1234.pts-0.host"}};
    resize_while_ticking(opt, false);
  }

  TEST_CASE("after Ctrl-Z and fg, the line being edited is edited again, keys not echoed by the terminal") {
    Repl s;
    s.type("x = 12");
    s.expect("x = 12");
    s.stop_then_continue_in_cooked_mode();
    s.read_for(0.3);
    // Left, then 5: the editor's keys again (in the shell's mode the arrow
    // would be echoed as ^[[D and reach the line as text).
    s.type("\x1b[D5\r");
    s.expect_prompt(2.0);
    s.type("print(x + 1)\r");
    s.expect("153");
    CHECK(s.plain().find("^[[D") == std::string::npos);
  }

  TEST_CASE("a worker thread's flush shows its begun line at once") {
    Repl s;
    s.type(
        "f = asyncio.get_running_loop():run_in_executor(nil, function() time.sleep(0.3) io.write('pro' .. 'gress ') "
        "io.stdout:flush() time.sleep(1) print('do' .. 'ne') end)\r");
    s.expect_prompt(2.0);
    s.expect("progress", 3.0);
    CHECK(s.plain().find("done") == std::string::npos);
    s.expect("done", 3.0);
  }

  TEST_CASE(
      "Ctrl-C on an awaiting input prints KeyboardInterrupt quickly, the prompt returns, a background task keeps "
      "ticking") {
    Repl s;
    interrupt_beside_ticker(s, "await(asyncio.sleep(30))");
  }

  TEST_CASE("Ctrl-C on an awaiting input runs that input's cleanup") {
    Repl s;
    s.type(
        "do local _ <close> = setmetatable({}, {__close = function() print('cleanup ran') end}) "
        "await(asyncio.sleep(30)) end\r");
    s.read_for(0.3);
    s.ctrl_c();
    std::string out = s.expect("KeyboardInterrupt", 1.0);
    CHECK_HAS(out, "cleanup ran");
    s.expect_prompt(2.0);
    CHECK(eval(s, "1 + 1") == "2\n");
  }

  TEST_CASE("Ctrl-C during io.read() at the prompt raises KeyboardInterrupt at once; the next line is the REPL's") {
    Repl s;
    s.type("name = io.read()\r");
    s.read_for(0.3);
    s.ctrl_c();
    s.expect("KeyboardInterrupt", 1.0);
    s.expect_prompt(2.0);
    // The line typed next is an input of the REPL, not the read's.
    CHECK(eval(s, "print(name, 40 + 2)") == "nil\t42\n");
    // A read that gets its line still works.
    s.type("name = io.read()\r");
    s.read_for(0.3);
    s.type("taro\r");
    s.expect_prompt(2.0);
    CHECK(eval(s, "print(name)") == "taro\n");
  }

  TEST_CASE("io.write then io.read() in an input: the prompt comes right below the typed line") {
    Repl s;
    s.type("io.write('na' .. 'me? ') v = io.read()\r");
    s.expect("name? ", 2.0);  // (not in the echoed input)
    s.read_for(0.1);
    s.type("taro\r");
    s.expect_prompt(2.0);
    CHECK(s.screen_line(-2) == "name? taro");  // (no blank line between)
    CHECK(eval(s, "v") == "\"taro\"\n");
  }

  TEST_CASE("a background task's io.read() at the prompt reads the line typed, Enter ends it, the prompt comes back") {
    // The terminal is lent to the read in its own mode (Enter ends the
    // line); the prompt and the half-typed line leave the screen meanwhile
    // and come back intact after.
    Repl s;
    const std::string spawn =
        "t = asyncio.spawn(function() await(asyncio.sleep(0.5)) io.write('name? ') print('got', io.read()) end)";
    s.type(spawn + "\r");
    s.expect_prompt(2.0);
    s.type("x = 1");
    s.expect("x = 1");
    s.expect("name? ", 3.0);
    s.read_for(0.1);
    CHECK(s.screen_line(-1) == "name?");
    s.type("hello\r");
    s.expect("got\thello", 2.0);
    s.read_for(0.2);
    CHECK(s.screen_line(-4) == ("> " + spawn).substr(80));  // (the input's second row, kept)
    CHECK(s.screen_line(-3) == "name? hello");
    CHECK(s.screen_line(-2) == "got     hello");
    CHECK(s.screen_line(-1) == "> x = 1");
    s.type(" + 1\r");
    s.expect_prompt(2.0);
    CHECK(eval(s, "x") == "2\n");
  }

  TEST_CASE("a background task's io.read() ended by Ctrl-D Ctrl-D keeps the typed row; the prompt comes below it") {
    // The terminal sends "ab" at the first Ctrl-D, without a line end, and
    // the end of input at the second: the cursor stands after "ab", as the
    // read leaves it in any terminal, and the prompt must not be drawn over
    // that row (the output that follows then wiped it).
    Repl s;
    s.type("t = asyncio.spawn(function() await(asyncio.sleep(0.5)) io.write('name? ') print('got', io.read()) end)\r");
    s.expect_prompt(2.0);
    s.type("x = 1");
    s.expect("x = 1");
    s.expect("name? ", 3.0);
    s.read_for(0.1);
    s.type("ab");
    s.read_for(0.1);
    s.ctrl_d();
    s.read_for(0.1);
    s.ctrl_d();
    s.expect("got\tab", 2.0);
    s.read_for(0.2);
    CHECK(s.screen_line(-3) == "name? ab");
    CHECK(s.screen_line(-2) == "got     ab");
    CHECK(s.screen_line(-1) == "> x = 1");
    s.type(" + 1\r");
    s.expect_prompt(2.0);
    CHECK(eval(s, "x") == "2\n");
  }

  TEST_CASE("a background task's io.read() ended by Ctrl-D with nothing typed keeps the row it wrote") {
    Repl s;
    s.type("t = asyncio.spawn(function() await(asyncio.sleep(0.5)) io.write('name? ') print('got', io.read()) end)\r");
    s.expect_prompt(2.0);
    s.expect("name? ", 3.0);
    s.read_for(0.1);
    s.ctrl_d();
    s.expect("got\tnil", 2.0);
    s.read_for(0.2);
    CHECK(s.screen_line(-3) == "name?");
    CHECK(s.screen_line(-2) == "got     nil");
    CHECK(s.screen_line(-1) == ">");
  }

  TEST_CASE("io.write then io.read() in an input, ended by Ctrl-D Ctrl-D: the prompt comes below the typed text") {
    Repl s;
    s.type("io.write('na' .. 'me? ') v = io.read()\r");
    s.expect("name? ", 2.0);
    s.read_for(0.1);
    s.type("ab");
    s.read_for(0.1);
    s.ctrl_d();
    s.read_for(0.1);
    s.ctrl_d();
    s.expect_prompt(2.0);
    s.read_for(0.1);
    CHECK(s.screen_line(-2) == "name? ab");
    CHECK(eval(s, "v") == "\"ab\"\n");
  }

  TEST_CASE(
      "Ctrl-C stops a background task's io.read() at the prompt: KeyboardInterrupt ends that task, the prompt works") {
    Repl s;
    s.type("t = asyncio.spawn(function() await(asyncio.sleep(0.5)) io.write('name? ') print('got', io.read()) end)\r");
    s.expect_prompt(2.0);
    s.expect("name? ", 3.0);
    s.read_for(0.1);
    auto t0 = pty_test::Clock::now();
    s.ctrl_c();
    s.expect("KeyboardInterrupt", 1.0);
    CHECK(pty_test::seconds_since(t0) < 1.0);
    s.expect_prompt(2.0);
    CHECK(eval(s, "print(t:done(), tostring(t:exception()))") == "true\tKeyboardInterrupt\n");
    CHECK(eval(s, "1 + 1") == "2\n");
  }

  TEST_CASE(
      "Ctrl-C on busy Lua code (while true do end) prints KeyboardInterrupt, the prompt returns, a background task "
      "keeps ticking") {
    Repl s;
    interrupt_beside_ticker(s, "while true do end");
  }

  TEST_CASE("Ctrl-C on busy Lua code inside a coroutine.wrap is interrupted too") {
    Repl s;
    s.type("coroutine.wrap(function() while true do end end)()\r");
    s.read_for(0.3);
    s.ctrl_c();
    s.expect("KeyboardInterrupt", 1.0);
    s.expect_prompt(2.0);
    CHECK(eval(s, "1 + 2") == "3\n");
  }

  TEST_CASE("Ctrl-C on busy Lua code in a task the input awaits interrupts it, a background task keeps ticking") {
    Repl s;
    interrupt_beside_ticker(s, "await(asyncio.spawn(function() while true do end end))");
  }

  TEST_CASE("Ctrl-C while a background task is busy interrupts that task, as python -m asyncio does") {
    // The task never yields, so it is the code running when Ctrl-C comes:
    // it ends with KeyboardInterrupt (reported as its error), the others
    // go on, and the prompt comes back.
    Repl s;
    s.type("other = asyncio.spawn(function() await(asyncio.sleep(0.5)) print('other done') end, 1)\r");
    s.expect_prompt(2.0);
    s.type("busy = asyncio.spawn(function() while true do end end, 1)\r");
    s.read_for(0.3);
    s.ctrl_c();
    s.expect("KeyboardInterrupt", 1.0);
    s.expect_prompt(2.0);
    s.expect("other done", 2.0);
    s.expect_prompt(2.0);
    CHECK(eval(s, "print(busy:done(), tostring(busy:exception()))") == "true\tKeyboardInterrupt\n");
    CHECK(eval(s, "print(other:done(), other:exception())") == "true\tnil\n");
  }

  TEST_CASE("Ctrl-C at the prompt discards the half-typed line and shows a fresh prompt") {
    Repl s;
    s.type("10 + ");
    s.expect("10 + ");
    s.ctrl_c();
    s.expect_prompt(1.0);
    CHECK(s.screen_line(-1) == ">");
    CHECK(eval(s, "5") == "5\n");  // not 15: the discarded text is gone
    CHECK(s.exited() == false);
  }

  TEST_CASE("a second Ctrl-C while the first is still being handled exits with KeyboardInterrupt, status 130") {
    Repl s;
    // The first Ctrl-C cancels the input; its cleanup then awaits for a long time.
    s.type(
        "do local _ <close> = setmetatable({}, {__close = function() print('cleaning') await(asyncio.sleep(30)) end}) "
        "await(asyncio.sleep(30)) end\r");
    s.read_for(0.3);
    s.ctrl_c();
    s.expect("cleaning", 1.0);
    s.read_for(0.1);
    CHECK(s.rest().find("KeyboardInterrupt") == std::string::npos);  // (the first says it once the input is done)
    s.ctrl_c();
    CHECK(s.wait_exit(2.0) == 130);
    // As CPython's asyncio.run, whose second Ctrl-C raises KeyboardInterrupt:
    // its name alone, as the first Ctrl-C's.
    CHECK(s.rest().find("KeyboardInterrupt\n") != std::string::npos);
  }

  TEST_CASE("a server started at the prompt answers a client while a line is half-typed; Ctrl-D closes it") {
    Repl s;
    s.type(
        "srv = await(asyncio.start_server(function(r, w) w:write('hello ' .. await(r:readline())); w:close() end, "
        "'127.0.0.1', 0))\r");
    s.expect_prompt(2.0);
    s.type("print('port', select(2, srv.sockets[1]:getsockname()))\r");
    std::string out = s.expect_re("port\t[0-9]+\n", 2.0);
    const int port = std::stoi(out.substr(out.rfind("port\t") + 5));
    s.expect_prompt(2.0);
    s.type("'half typed");
    s.expect("'half typed");
    // A client connects from another process while the prompt waits.
    std::string cmd = pty_test::luasync_binary() + " -e 'local r, w = await(asyncio.open_connection(\"127.0.0.1\", " +
                      std::to_string(port) + ")); w:write(\"client\\n\"); io.write(await(r:read()))'";
    FILE* p = popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    std::string reply;
    char buf[256];
    while (std::fgets(buf, sizeof buf, p)) reply += buf;
    CHECK(pclose(p) == 0);
    CHECK(reply == "hello client\n");
    // The half-typed line is intact, and completes.
    s.type("'\r");
    s.expect("\"half typed\"\n", 2.0);
    s.expect_prompt(2.0);
    s.ctrl_d();
    CHECK(s.wait_exit(2.0) == 0);
    // The server went with the session.
    cmd = pty_test::luasync_binary() + " -e 'print(pcall(await, asyncio.open_connection(\"127.0.0.1\", " +
          std::to_string(port) + ")))'";
    p = popen(cmd.c_str(), "r");
    REQUIRE(p != nullptr);
    reply.clear();
    while (std::fgets(buf, sizeof buf, p)) reply += buf;
    pclose(p);
    CHECK(reply.find("ConnectionRefusedError") != std::string::npos);
  }

  TEST_CASE("luv required at the prompt: its timer fires after the input ended, on the main thread") {
    // luv runs its callbacks on the lua_State its luaopen_luv got: that must
    // be the main thread, not the coroutine of the input that required it,
    // which is freed when the input ends (Debian's lua-luv, a test-only
    // dependency).
    Repl s;
    s.type("uv = require 'luv'\r");
    s.expect_prompt(2.0);
    s.type(
        "loop = asyncio.get_running_loop(); function step() if nxt then nxt:cancel() nxt = nil end "
        "uv.run('nowait') local ms = uv.backend_timeout() if ms >= 0 then nxt = loop:call_later(ms / 1000, step) "
        "end end; loop:add_reader(uv.backend_fd(), step)\r");
    s.expect_prompt(2.0);
    s.type(
        "t = uv.new_timer(); t:start(400, 0, function() t:close() print('luv fired', select(2, coroutine.running()), "
        "#table.concat({('x'):rep(300), 'y'})) end); step()\r");
    s.expect_prompt(2.0);
    s.type("collectgarbage(); collectgarbage()\r");
    s.expect_prompt(2.0);
    s.type("'typing");
    s.expect("'typing");
    s.expect("luv fired\ttrue\t301\n", 3.0);
    s.type("'\r");
    s.expect("\"typing\"\n", 2.0);
    s.expect_prompt(2.0);
    s.ctrl_d();
    CHECK(s.wait_exit(2.0) == 0);
  }

  TEST_CASE("Ctrl-D with two pending tasks prints 'cancelled 2 pending tasks' and exits 0") {
    Repl s;
    s.type("a = asyncio.spawn(function() await(asyncio.sleep(30)) end)\r");
    s.expect_prompt();
    s.type("b = asyncio.spawn(function() await(asyncio.sleep(30)) end)\r");
    s.expect_prompt();
    auto t0 = pty_test::Clock::now();
    s.ctrl_d();
    s.expect("cancelled 2 pending tasks\n", 2.0);
    CHECK(s.wait_exit(2.0) == 0);
    CHECK(pty_test::seconds_since(t0) < 1.5);
  }

  TEST_CASE("Ctrl-D with one pending task prints 'cancelled 1 pending task', none prints nothing") {
    {
      Repl s;
      s.type("a = asyncio.spawn(function() await(asyncio.sleep(30)) end)\r");
      s.expect_prompt();
      s.ctrl_d();
      s.expect("cancelled 1 pending task\n", 2.0);
      CHECK(s.wait_exit(2.0) == 0);
    }
    {
      Repl s;
      s.ctrl_d();
      CHECK(s.wait_exit(2.0) == 0);
      CHECK_LACKS(s.plain(), "cancelled");
    }
  }

  TEST_CASE("exit() cancels pending tasks like Ctrl-D and exits 0") {
    Repl s;
    s.type("a = asyncio.spawn(function() await(asyncio.sleep(30)) end)\r");
    s.expect_prompt();
    s.type("exit()\r");
    s.expect("cancelled 1 pending task\n", 2.0);
    CHECK(s.wait_exit(2.0) == 0);
  }

  TEST_CASE("exit(3) exits with status 3") {
    Repl s;
    s.type("exit(3)\r");
    CHECK(s.wait_exit(2.0) == 3);
  }

  TEST_CASE("exit(\"bye\") and error(asyncio.SystemExit(\"bye\")) print bye and exit 1, as Python") {
    for (const char* line : {"exit('bye')\r", "error(asyncio.SystemExit('bye'))\r"}) {
      Repl s;
      s.type(line);
      s.expect("bye\n", 2.0);
      CHECK(s.wait_exit(2.0) == 1);
      CHECK_LACKS(s.plain(), "traceback");
    }
  }

  TEST_CASE("a callback's SystemExit ends the session from the prompt, as python -m asyncio leaves") {
    Repl s;
    s.type("a = asyncio.spawn(function() await(asyncio.sleep(30)) end)\r");
    s.expect_prompt();
    s.type("asyncio.get_running_loop():call_later(0.2, function() error(asyncio.SystemExit(5)) end)\r");
    s.expect("cancelled 1 pending task\n", 3.0);
    CHECK(s.wait_exit(2.0) == 5);
    CHECK_LACKS(s.plain(), "Exception in callback");
  }

  TEST_CASE(
      "a callback's KeyboardInterrupt while an input awaits is a Ctrl-C: the input is cancelled, as python -m "
      "asyncio") {
    // Python 3.13:  >>> asyncio.get_running_loop().call_later(0.5, kb); await asyncio.sleep(2)
    //               KeyboardInterrupt
    //               >>>
    Repl s;
    s.type(
        "asyncio.get_running_loop():call_soon(function() error(asyncio.KeyboardInterrupt()) end) "
        "do local _ <close> = setmetatable({}, {__close = function() print('clean' .. 'ed up') end}) "
        "await(asyncio.sleep(30)) end\r");
    s.expect("cleaned up\n", 2.0);
    s.expect("KeyboardInterrupt\n", 2.0);
    s.expect_prompt(2.0);
    CHECK_LACKS(s.plain(), "Exception in callback");
    CHECK(eval(s, "5") == "5\n");
  }

  TEST_CASE("a callback's KeyboardInterrupt at the prompt is a Ctrl-C there: the half-typed line goes") {
    // Python 3.13:  >>> 10 +
    //               KeyboardInterrupt
    //               >>>
    Repl s;
    s.type("asyncio.get_running_loop():call_later(0.5, function() error(asyncio.KeyboardInterrupt()) end)\r");
    s.expect_prompt(2.0);
    s.type("10 + ");
    s.expect("10 + ");
    s.expect("KeyboardInterrupt\n", 2.0);
    s.expect_prompt(2.0);
    s.read_for(0.1);
    CHECK(s.screen_line(-3) == "> 10 +");
    CHECK(s.screen_line(-2) == "KeyboardInterrupt");
    CHECK(s.screen_line(-1) == ">");
    CHECK_LACKS(s.plain(), "Exception in callback");
    CHECK(eval(s, "5") == "5\n");  // not 15: the half-typed text is gone
  }

  TEST_CASE("os.exit(4) exits with status 4") {
    Repl s;
    s.type("os.exit(4)\r");
    CHECK(s.wait_exit(2.0) == 4);
  }

  TEST_CASE("Tab completes asyncio.ga to asyncio.gather") {
    Repl s;
    s.type("asyncio.ga\t");
    s.expect("asyncio.gather", 2.0);
    // The line now holds asyncio.gather (a completion may add a space).
    s.type(" == asyncio.gather\r");
    s.expect("true\n", 2.0);
  }

  TEST_CASE("a line that takes the strings' methods away leaves the REPL working: values, errors, hints, Tab") {
    // Its own code holds the string functions: before, the next line ended
    // the session (luasync:hints:997: attempt to index a string value).
    Repl s;
    CHECK(eval(s, "getmetatable(\"\").__index = nil") == "");
    CHECK(eval(s, "{1, \"a\\nb\"}") == "{1, \"a\\nb\"}\n");
    std::string out = eval(s, "t = asyncio.spawn(function() end); t.cancel()");
    CHECK_HAS(out, "bad argument #1 to 'cancel' (Task expected; call it as t:cancel(...))\n");
    CHECK_HAS(out, "hint: methods are called with ':' in Lua: t:cancel()\n");
    s.type("asyncio.ga\t");
    s.expect("asyncio.gather", 2.0);
    s.type(" == asyncio.gather\r");
    s.expect("true\n", 2.0);
    s.expect_prompt();
    CHECK(eval(s, "string.sub = nil; getmetatable(\"\").__index = string") == "");
    out = eval(s, "(\"abc\"):sub(1)");
    CHECK_HAS(out, "hint: string.sub is nil now (something in this session removed it)");
    CHECK(eval(s, "print(6 * 7)") == "42\n");
  }

  TEST_CASE("Tab completes a method reachable through __index: t:can to t:cancel") {
    Repl s;
    s.type("t = asyncio.spawn(function() await(asyncio.sleep(30)) end)\r");
    s.expect_prompt();
    // cancel, cancelled, cancelling: the common prefix is completed.
    s.type("t:can\t");
    s.expect("t:cancel", 2.0);
    s.type("()\r");
    s.expect("true\n", 2.0);
    s.expect_prompt();
    CHECK(eval(s, "await(asyncio.sleep(0))") == "");
    CHECK(eval(s, "t:cancelled()") == "true\n");
  }

  TEST_CASE("Tab completes an object's method typed with '.' as a call with ':', a field with '.'") {
    // (As Python's completer adds '(' to a callable: q.put_nowait(1) would
    // miss its object.)
    Repl s;
    s.type("q = asyncio.Queue()\r");
    s.expect_prompt();
    s.type("q.put_no\t");
    s.expect("put_nowait(", 2.0);
    s.read_for(0.1);
    CHECK(s.screen_line(-1) == "> q:put_nowait(");  // (readline redraws only the '.' and what follows)
    s.type("7)\r");
    s.expect_prompt();
    CHECK(eval(s, "q:qsize()") == "1\n");
    s.type("q.max\t");
    s.expect("size", 2.0);
    s.read_for(0.1);
    CHECK(s.screen_line(-1) == "> q.maxsize");
    s.type("\r");
    s.expect_prompt();
    CHECK(s.screen_line(-2) == "0");
    // A module's function keeps its '.': asyncio.gather is no method.
    s.type("asyncio.get_running_lo\t");
    s.expect("op", 2.0);
    s.read_for(0.1);
    CHECK(s.screen_line(-1) == "> asyncio.get_running_loop");
    s.type("():time() > 0\r");
    s.expect("true\n", 2.0);
  }

  TEST_CASE("Tab keeps '.' for a class's function that takes no self (a constructor), ':' for one declared with self") {
    // A.new is found through a's metatable as A:greet is, but it takes no
    // self: a:new( would hand it the object, as a.greet() would miss it.
    Repl s;
    s.type(
        "A = {}; A.__index = A; function A.new() return setmetatable({}, A) end; "
        "function A.named(name) return name end; function A:greet() return 'hi' end; a = A.new()\r");
    s.expect_prompt();
    s.type("a.ne\t");
    s.expect("w", 2.0);
    s.read_for(0.2);
    CHECK(s.screen_line(-1) == "> a.new");
    s.type("() ~= a\r");
    s.expect("true\n", 2.0);
    s.expect_prompt();
    // (a first parameter by another name than self: the class's function too)
    s.type("a.nam\t");
    s.expect("ed", 2.0);
    s.read_for(0.2);
    CHECK(s.screen_line(-1) == "> a.named");
    s.type("('x')\r");
    s.expect("\"x\"\n", 2.0);
    s.expect_prompt();
    s.type("a.gr\t");
    s.expect("greet(", 2.0);
    s.read_for(0.2);
    CHECK(s.screen_line(-1) == "> a:greet(");
    s.type(")\r");
    s.expect("\"hi\"\n", 2.0);
  }

  TEST_CASE("Tab completes a global") {
    Repl s;
    s.type("my_unique_global_value = 7\r");
    s.expect_prompt();
    s.type("my_unique_gl\t");
    s.expect("my_unique_global_value", 2.0);
    s.type("\r");
    s.expect("7\n", 2.0);
  }

  TEST_CASE("history: a line entered in one session is written at once and Up recalls it in the next") {
    TempDir dir;
    PtySession::Options opt;
    opt.home = dir.path();
    opt.history = dir.file("history");
    {
      Repl s(opt);
      CHECK(eval(s, "40 + 2") == "42\n");
      // Appended at once, before the session ends.
      std::string h = slurp(opt.history);
      CHECK_HAS(h, "40 + 2\n");
      s.ctrl_d();
      CHECK(s.wait_exit(2.0) == 0);
    }
    {
      Repl s(opt);
      s.type("\x1b[A");
      s.expect("40 + 2", 2.0);
      CHECK(s.screen_line(-1) == "> 40 + 2");
      s.type("\r");
      s.expect("42\n", 2.0);
      s.expect_prompt();
      s.ctrl_d();
      CHECK(s.wait_exit(2.0) == 0);
    }
    std::string h = slurp(opt.history);
    CHECK(count(h, "40 + 2\n") == 2);
  }

  TEST_CASE("history: a block of several lines is one entry in the file, and Up recalls it whole") {
    TempDir dir;
    PtySession::Options opt;
    opt.home = dir.path();
    opt.history = dir.file("history");
    {
      Repl s(opt);
      s.type("function add(a, b)\r");
      s.expect(">> ");
      s.type("  return a + b\r");
      s.expect(">> ");
      s.type("end\r");
      s.expect_prompt();
      CHECK(slurp(opt.history) == "function add(a, b)\r  return a + b\rend\n");
      s.ctrl_d();
      CHECK(s.wait_exit(2.0) == 0);
    }
    {
      Repl s(opt);
      s.type("\x1b[A\r");
      s.expect_prompt(2.0);
      CHECK(eval(s, "add(1, 2)") == "3\n");
      s.ctrl_d();
      CHECK(s.wait_exit(2.0) == 0);
    }
  }

  TEST_CASE("a local declared at the prompt stays visible to later inputs") {
    Repl s;
    CHECK(eval(s, "local x = 5") == "");
    CHECK(eval(s, "x") == "5\n");
    CHECK(eval(s, "x = x + 1") == "");
    CHECK(eval(s, "x") == "6\n");
    CHECK(eval(s, "rawget(_G, 'x') == nil") == "true\n");  // still a local, not a global
    CHECK(eval(s, "local function double(n) return 2 * n end") == "");
    CHECK(eval(s, "double(x)") == "12\n");
  }

  TEST_CASE("an error prints its message and a traceback without REPL frames, and the next prompt works") {
    Repl s;
    CHECK(eval(s, "function boom() error('boom') end") == "");
    std::string out = eval(s, "boom()");
    CHECK_HAS(out, "stdin#1:1: boom\n");
    CHECK_HAS(out, "traceback");
    // The frames of the user's code, as a script's traceback shows them: the
    // function by its name (in the first input), then the second input's
    // main chunk.
    CHECK_HAS(out, "stdin#1:1: in function 'boom'\n");
    CHECK_HAS(out, "stdin#2:1: in main chunk\n");
    CHECK_LACKS(out, "tail calls");
    CHECK_LACKS(out, "luasync.");  // no runtime or REPL module frames
    CHECK_LACKS(out, "repl");
    CHECK(eval(s, "1 + 1") == "2\n");
    // A syntax error is reported as such, with the input's chunk name.
    out = eval(s, "1 +* 2");
    CHECK_HAS(out, "stdin#4:1:");
    CHECK(eval(s, "2 + 2") == "4\n");
  }

  TEST_CASE("tasks() lists a sleeping task with its name, state and file:line") {
    Repl s;
    s.type("sleeper = asyncio.create_task(function()\r");
    s.expect(">> ", 2.0);
    s.type("  await(asyncio.sleep(30))\r");
    s.expect(">> ", 2.0);
    s.type("end, {name = 'sleeper'})\r");
    s.expect_prompt();
    std::string out = eval(s, "tasks()");
    std::string line;
    std::istringstream lines(out);
    bool found = false;
    while (std::getline(lines, line))
      if (line.find("sleeper") != std::string::npos) {
        found = true;
        CHECK_HAS(line, "pending");
        CHECK_HAS(line, "stdin#1:2");
      }
    CHECK_MESSAGE(found, "no line names the task 'sleeper' in:\n" << out);
  }

  TEST_CASE("tasks() in a narrow window puts what a task waits on below its row instead of wrapping it") {
    Repl s;
    s.resize(40, 24);
    s.read_for(0.2);
    s.type("t = asyncio.create_task(asyncio.sleep(100))\r");
    s.expect_prompt();
    s.type("tasks()\r");
    s.expect("left", 2.0);
    s.expect_prompt();
    // (42 columns in one row)
    CHECK_HAS(s.screen(), "TASK    STATE    WHERE  WAITING ON\nTask-1  pending  -\n    sleep 10");
  }

  TEST_CASE("tasks() in a narrow window keeps names that differ only at their end apart") {
    Repl s;
    s.resize(40, 24);
    s.read_for(0.2);
    s.type("for i = 1, 3 do asyncio.create_task(asyncio.sleep(100 + i), {name = 'worker-number-' .. i}) end\r");
    s.expect_prompt();
    s.type("tasks()\r");
    s.expect("103", 2.0);
    s.expect_prompt();
    for (const char* name : {"worker-number-1", "worker-number-2", "worker-number-3"}) {
      CHECK_HAS(s.screen(), std::string(name) + "  pending  -\n    sleep 10");
    }
  }

  TEST_CASE("a multi-line function pasted in one write works") {
    Repl s;
    s.type("function add(a, b)\r  local sum = a + b\r  return sum\rend\radd(2, 3)\r");
    std::string out = s.expect("5\n", 3.0);
    s.expect_prompt();
    CHECK_LACKS(out, "error");
    CHECK_HAS(out, ">> ");  // the continuation prompt was shown
    CHECK(eval(s, "add(10, 20)") == "30\n");
  }

  TEST_CASE("incomplete input continues on the >> prompt") {
    Repl s;
    s.type("(1 +\r");
    s.expect(">> ", 2.0);
    CHECK(s.screen_line(-1) == ">>");
    CHECK(eval(s, "2)") == "3\n");
  }

  TEST_CASE("a line Lua refuses, typed inside an open block, is left out with its hint, and the block stays open") {
    // (A paste drops the block and its lines that follow: lua/repl/repl_block_error.)
    Repl s;
    s.type("worker = async(function(n)\r");
    s.expect(">> ", 2.0);
    s.type("  for i in range(n):\r");
    s.expect("hint: Lua's for counts both ends: for i = 0, n - 1 do ... end\n", 2.0);
    s.expect("(the line was left out, and the block goes on: type it again in Lua, or Ctrl-C drops the block)\n");
    s.expect(">> ", 2.0);
    s.type("  for i = 0, n - 1 do print('step', i) end\r");
    s.expect(">> ", 2.0);
    s.type("end)\r");
    s.expect_prompt();
    CHECK(eval(s, "await(worker(2))") == "step\t0\nstep\t1\n");
    // Ctrl-C still drops such a block.
    s.type("f = function()\r");
    s.expect(">> ", 2.0);
    s.type("  x += 1\r");
    s.expect("hint: Lua has no +=: write x = x + 1\n", 2.0);
    s.expect(">> ", 2.0);
    s.ctrl_c();
    s.expect_prompt();
    CHECK(eval(s, "f") == "nil\n");
    // A line refused at its first token for what an earlier line lacks
    // ('}' expected ... near 'b': the comma after a = 1) would be refused
    // each time it is typed again: the block is dropped, as before.
    s.type("t = {\r");
    s.expect(">> ", 2.0);
    s.type("  a = 1\r");
    s.expect(">> ", 2.0);
    s.type("  b = 2\r");
    s.expect("'}' expected (to close '{' at line 1) near 'b'\n", 2.0);
    s.expect_prompt();
    CHECK(eval(s, "t") == "nil\n");
  }

  TEST_CASE("a block pasted without indentation goes whole to its end when a line of it is refused") {
    // The rest of the block is found by its structure, not its indentation:
    // print("after", i) ran at the top level, and the block's end was refused.
    Repl s;
    s.type("for i = 1, 3 do\rprint(i)\rx = [1, 2]\rprint(\"after\", i)\rend\rprint(\"next\")\r");
    std::string out = s.expect("next\n", 3.0);
    s.expect_prompt();
    CHECK_HAS(out, "stdin#1:3: unexpected symbol near '['\n");
    CHECK_HAS(out, "(not run: the 2 lines after the error, the rest of the block it dropped)\n");
    CHECK_LACKS(out, "after\t");
    CHECK_LACKS(out, "near 'end'");
    CHECK_HAS(out, "> print(\"next\")\nnext\n");
    CHECK(eval(s, "x") == "nil\n");
    // Typed line by line, the refused line is left out and the same block
    // goes on to its end, which runs it.
    std::string typed;
    for (const char* line : {"for i = 1, 3 do", "print(i)", "x = [1, 2]"}) {
      s.type(std::string(line) + "\r");
      typed += s.expect(">> ", 2.0);
    }
    CHECK_HAS(typed, "(the line was left out, and the block goes on");
    s.type("print(\"after\", i)\r");
    s.expect(">> ", 2.0);
    s.type("end\r");
    out = s.expect_prompt();
    CHECK_HAS(out, "1\nafter\t1\n2\nafter\t2\n3\nafter\t3\n");
    CHECK_LACKS(out, "not run");
  }

  TEST_CASE("a pasted block with Python's comments is skipped to its end, and what follows it runs") {
    // The words in `# do it twice` were counted as Lua's: the skip went on
    // past the block's end and took the lines after it. (Pipes and files:
    // lua/repl/repl_paste_skip_bounds.)
    Repl s;
    s.type("for i = 1, 3 do\r  x = [1, 2]  # a list, do not\r  print(i)  # do it twice\rend\rprint(\"next\")\r");
    std::string out = s.expect("next\n", 3.0);
    s.expect_prompt();
    CHECK_HAS(out, "stdin#1:2: unexpected symbol near '['\n");
    CHECK_HAS(out, "(not run: the 2 lines after the error, the rest of the block it dropped)\n");
    CHECK_HAS(out, "> print(\"next\")\nnext\n");
    CHECK(eval(s, "x") == "nil\n");
  }

  TEST_CASE("a line typed at >> that begins with the symbol Lua refuses (#, *, [, @) is left out, the block kept") {
    // "unexpected symbol near '#'" was taken for an error that blames the
    // line before: the block was dropped, and the lines typed after it ran
    // at the top level (print(i) printed nil, end was refused).
    Repl s;
    s.type("for i = 1, 2 do\r");
    s.expect(">> ", 2.0);
    std::string typed;
    for (const char* line : {"  # do the work", "  *rest = i", "  [1, 2]", "  @decorator"}) {
      s.type(std::string(line) + "\r");
      typed += s.expect(">> ", 2.0);
    }
    CHECK_HAS(typed, "unexpected symbol near '#'\nhint: a comment in Lua starts with --\n");
    CHECK_HAS(typed, "unexpected symbol near '*'\n");
    CHECK_HAS(typed, "unexpected symbol near '['\n");
    CHECK_HAS(typed, "unexpected symbol near '@'\n");
    CHECK_LACKS(typed, "\n> ");  // never back at the primary prompt
    s.type("  print(i)\r");
    s.expect(">> ", 2.0);
    s.type("end\r");
    std::string out = s.expect_prompt();
    CHECK_HAS(out, "1\n2\n");
    CHECK_LACKS(out, "near 'end'");
  }

  TEST_CASE("a closer typed at >> after a line that lacks its operand drops the block") {
    // `end` after `x = 1 +` was left out, and refused again each time it
    // was typed; the next line was read as the rest of `x = 1 + ...`. The
    // closer blames the earlier line: the block is dropped, as for
    // "'}' expected ... near 'b'", and the next line runs at the top level.
    Repl s;
    s.type("for i = 1, 2 do\r");
    s.expect(">> ", 2.0);
    s.type("  x = 1 +\r");
    s.expect(">> ", 2.0);
    s.type("end\r");
    std::string out = s.expect_prompt();
    CHECK_HAS(out, "stdin#1:3: unexpected symbol near 'end'\n");
    CHECK_LACKS(out, "left out");
    CHECK(eval(s, "print(i, x)") == "nil\tnil\n");
    // A closing bracket, and an until, the same; with the closer's own
    // text after it (`end)`, `until done`).
    s.type("print(1,\r");
    s.expect(">> ", 2.0);
    s.type(")\r");
    out = s.expect_prompt();
    CHECK_HAS(out, "stdin#3:2: unexpected symbol near ')'\n");
    CHECK_LACKS(out, "left out");
    s.type("f = async(function()\r");
    s.expect(">> ", 2.0);
    s.type("  return 2 *\r");
    s.expect(">> ", 2.0);
    s.type("end)\r");
    out = s.expect_prompt();
    CHECK_HAS(out, "stdin#4:3: unexpected symbol near 'end'\n");
    CHECK_LACKS(out, "left out");
    s.type("repeat\r");
    s.expect(">> ", 2.0);
    s.type("  n = 1 ..\r");
    s.expect(">> ", 2.0);
    s.type("until done\r");
    out = s.expect_prompt();
    CHECK_HAS(out, "stdin#5:3: unexpected symbol near 'until'\n");
    CHECK_LACKS(out, "left out");
    CHECK(eval(s, "print(f, n)") == "nil\tnil\n");
  }

  TEST_CASE("_PROMPT and _PROMPT2 override the prompts") {
    Repl s;
    s.type("_PROMPT = 'lua$ '\r");
    s.expect_prompt(2.0, "lua$ ");
    s.type("_PROMPT2 = '...| '\r");
    s.expect_prompt(2.0, "lua$ ");
    s.type("(1 +\r");
    s.expect_prompt(2.0, "...| ");
    s.type("2)\r");
    s.expect("3\n", 2.0);
    s.expect_prompt(2.0, "lua$ ");
  }

  TEST_CASE("a bare coroutine prints as <coroutine NAME> with a hint to await it") {
    Repl s;
    CHECK(eval(s, "fetch_data = async(function() return 1 end)") == "");
    std::string out = eval(s, "fetch_data()");
    CHECK(out.starts_with("<coroutine fetch_data>\n"));
    CHECK_HAS(out, "await");
    CHECK(count(out, "\n") >= 2);
    CHECK(eval(s, "await(fetch_data())") == "1\n");
  }

  TEST_CASE("an error in a background task nobody awaits is reported as soon as it fails, once") {
    Repl s;
    s.type("asyncio.spawn(function() await(asyncio.sleep(0.2)) error('bg boom') end)\r");
    s.expect_prompt();
    s.expect("Task exception was never retrieved\n", 1.5);
    s.expect("future: <Task", 1.0);
    s.expect("bg boom", 1.0);
    s.read_for(0.5);
    CHECK(count(s.plain(), "Task exception was never retrieved") == 1);
    s.skip_to_end();
    s.type("collectgarbage() collectgarbage()\r");
    s.expect_prompt();
    s.ctrl_d();
    CHECK(s.wait_exit(2.0) == 0);
    CHECK(count(s.plain(), "Task exception was never retrieved") == 1);
  }

  TEST_CASE("help() prints a tour and help(asyncio.gather) that function's documentation") {
    Repl s;
    std::string tour = eval(s, "help()");
    CHECK_HAS(tour, "await");
    CHECK_HAS(tour, "gather");
    std::string doc = eval(s, "help(asyncio.gather)");
    CHECK_HAS(doc, "gather");
    CHECK_HAS(doc, "return_exceptions");
    CHECK(doc != tour);
  }

  TEST_CASE("-i opens the REPL after -e or a script, with what they defined") {
    {
      PtySession s({"-e", "seven = 7", "-i"});
      s.expect(kBannerLine2, 5.0);
      s.expect_prompt(5.0);
      CHECK(eval(s, "seven") == "7\n");
    }
    {
      TempDir dir;
      std::string script = dir.file("script.lua");
      {
        std::ofstream f(script);
        f << "print('script ran')\neight = 8\n";
      }
      PtySession s({"-i", script});
      s.expect("script ran\n", 5.0);
      s.expect(kBannerLine2, 5.0);
      s.expect_prompt(5.0);
      CHECK(eval(s, "eight") == "8\n");
    }
  }

  TEST_CASE("LUASYNC_STARTUP runs a file before the first prompt; -E ignores it") {
    TempDir dir;
    std::string startup = dir.file("startup.lua");
    {
      std::ofstream f(startup);
      f << "startup_value = 99\n";
    }
    {
      PtySession::Options opt;
      opt.env = {{"LUASYNC_STARTUP", startup}};
      Repl s(opt);
      CHECK(eval(s, "startup_value") == "99\n");
    }
    {
      PtySession::Options opt;
      opt.args = {"-E"};
      opt.env = {{"LUASYNC_STARTUP", startup}};
      Repl s(opt);
      CHECK(eval(s, "startup_value == nil") == "true\n");
    }
  }

}  // TEST_SUITE
