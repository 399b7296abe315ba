// The REPL as a student coming from Python first meets it (issue 11): long
// output, output that does not end its line, the continuation prompt, Python
// habits, help() and tasks(). Driven through a pseudo-terminal like
// tests/repl.test.cpp; part of its test suite "repl".
#include <doctest/doctest.h>

#include <sstream>
#include <string>

#include "repl_helpers.hpp"

using pty_test::PtySession;
using repl_test::eval;
using repl_test::Repl;

namespace {
// How many times `needle` occurs in `hay`.
int occurrences(const std::string& hay, const std::string& needle) {
  int n = 0;
  for (std::size_t at = hay.find(needle); at != std::string::npos; at = hay.find(needle, at + needle.size())) ++n;
  return n;
}
}  // namespace

TEST_SUITE("repl") {
  TEST_CASE("a 50,000-character line reaches the terminal whole, and the next prompt starts its own line") {
    Repl s;
    s.type("print(string.rep('z', 50000) .. 'END')\r");
    // Read slowly at first: the terminal's buffer fills, and the writer
    // must wait for it instead of dropping what does not fit.
    s.read_for(0.5);
    std::string out = s.expect_prompt(10.0);
    CHECK(occurrences(out, "z") == 50000 + 1);  // and the one of the typed line
    CHECK_HAS(out, std::string(100, 'z') + "END\n> ");
  }

  TEST_CASE("the value of a 100 kB string is shown whole") {
    Repl s;
    s.type("string.rep('y', 100000) .. 'END'\r");
    std::string out = s.expect_prompt(10.0);
    CHECK(occurrences(out, "y") == 100000 + 1);  // and the one of the typed line
    CHECK_HAS(out, "yEND\"\n> ");
  }

  TEST_CASE("io.write without a newline does not glue the next prompt, or the value, to it") {
    Repl s;
    s.type("io.write('abc')\r");
    std::string out = s.expect_prompt();
    // The value (the file io.write returns) starts its own line, as does the prompt.
    CHECK_HAS(out, "\nabc\nfile (0x");
    CHECK(s.screen_line(-1) == ">");
    s.type("do io.write('no newline') end\r");
    s.expect_prompt();
    CHECK(s.screen_line(-2) == "no newline");
    CHECK(s.screen_line(-1) == ">");
  }

  TEST_CASE("background io.write and stderr reports go above the half-typed line, which survives") {
    Repl s;
    // (a line written in pieces comes out whole, at its end: line-buffered)
    s.type(
        "asyncio.spawn(function() await(asyncio.sleep(0.3)); io.write('partial') "
        "await(asyncio.sleep(0.1)); io.write(' line\\n') "
        "await(asyncio.sleep(0.3)); io.stderr:write('to stderr\\n') "
        "await(asyncio.sleep(0.3)); error('boom') end)\r");
    s.expect_prompt();
    s.type("local half");
    s.expect("partial", 2.0);
    s.read_for(0.1);
    CHECK(s.screen_line(-2) == "partial line");
    CHECK(s.screen_line(-1) == "> local half");
    s.expect("to stderr", 2.0);
    s.read_for(0.1);
    CHECK(s.screen_line(-1) == "> local half");
    s.expect("Task exception was never retrieved", 2.0);
    s.expect("boom", 2.0);
    s.read_for(0.2);
    CHECK(s.screen_line(-1) == "> local half");
    CHECK(s.cursor_col() == 12);
    CHECK(eval(s, " = 5") == "");  // the rest of the line: `local half = 5`
    CHECK(eval(s, "half") == "5\n");
  }
}

TEST_SUITE("repl") {
  TEST_CASE("Ctrl-C at the continuation prompt drops the whole pending block and returns to the primary prompt") {
    Repl s;
    s.type("for i = 1, 3 do\r");
    s.expect_prompt(5.0, ">> ");
    s.type("print('in the block', i)\r");
    s.expect_prompt(5.0, ">> ");
    s.ctrl_c();
    s.expect_prompt(5.0, "> ");
    CHECK(s.screen_line(-1) == ">");
    // The next line is an input of its own, not the rest of the block.
    CHECK(eval(s, "1 + 1") == "2\n");
    CHECK_LACKS(s.seen(), "in the block\t1");
  }

  TEST_CASE("Ctrl-D at the continuation prompt drops the block and the session goes on") {
    Repl s;
    s.type("function f()\r");
    s.expect_prompt(5.0, ">> ");
    s.type("\x04");
    s.expect_prompt(5.0, "> ");
    CHECK(eval(s, "f") == "nil\n");  // the block never ran
    CHECK(eval(s, "'still here'") == "\"still here\"\n");
  }

  TEST_CASE("an input that can never be completed is reported at once, with a hint, instead of waiting") {
    Repl s;
    std::string out = eval(s, "x = 5; x");
    CHECK_HAS(out, "syntax error near <eof>");
    CHECK_HAS(out, "hint: Lua shows a value only when it is the whole input: type x on a line of its own, or print(x)");
    CHECK_LACKS(s.seen(), ">> ");
    eval(s, "t = asyncio.Future()");
    out = eval(s, "t:done");
    CHECK_HAS(out, "hint: a method is called with parentheses: t:done()");
    CHECK_LACKS(s.seen(), ">> ");
  }
}

TEST_SUITE("repl") {
  TEST_CASE("a long list packs its numbers on lines as wide as the terminal, and {n = 3} shows three nils") {
    PtySession::Options opt;
    opt.cols = 60;
    Repl s(opt);
    s.type("t = {} for i = 1, 150 do t[i] = i end\r");
    s.expect_prompt();
    std::string out = eval(s, "t");
    CHECK_HAS(out, "{\n  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17,\n  18, 19,");
    std::istringstream lines(out);
    std::string line;
    int count = 0;
    while (std::getline(lines, line)) {
      ++count;
      CHECK(line.size() <= 60u);
    }
    CHECK(count < 15);  // not 150 lines
    CHECK(eval(s, "await(asyncio.gather(asyncio.sleep(0), asyncio.sleep(0), asyncio.sleep(0)))") ==
          "{nil, nil, nil, n = 3}\n");
  }

  TEST_CASE("LANG naming a UTF-8 locale the system lacks: Japanese text is edited by characters, not bytes") {
    // (ja_JP.UTF-8 is rarely generated on a teacher's container; readline
    // fell back to "C" and moved the cursor byte by byte)
    PtySession::Options opt;
    opt.env = {{"LC_ALL", ""}, {"LC_CTYPE", ""}, {"LANG", "xx_XX.UTF-8"}};
    Repl s(opt);
    s.type("x = \"日本語\"\x1b[D\x1b[DX\r");
    s.expect_prompt();
    CHECK(eval(s, "x") == "\"日本X語\"\n");
  }

  TEST_CASE("a block typed on several lines is one history entry: Up recalls and runs the whole block") {
    Repl s;
    s.type("for i = 1, 2 do\r");
    s.expect_prompt(5.0, ">> ");
    s.type("print('line', i)\r");
    s.expect_prompt(5.0, ">> ");
    s.type("end\r");
    s.expect("line\t2\n");
    s.expect_prompt();
    s.type("\x1b[A\r");  // Up, Enter
    std::string out = s.expect_prompt();
    CHECK_HAS(out, "line\t1\nline\t2\n");
  }

  TEST_CASE("a paste taller than the window is read line by line, each at its prompt, and runs") {
    PtySession::Options opt;
    opt.rows = 10;
    Repl s(opt);
    std::string paste = "local t = {}\n";
    for (int i = 0; i < 30; ++i) paste += "t[#t + 1] = " + std::to_string(i) + "\n";
    paste += "print('count', #t)\n";
    s.type(paste);
    s.expect("count\t30\n", 5.0);
    s.expect_prompt();
    // On screen each pasted line sits after its own prompt: nothing overdrawn.
    CHECK(s.screen_line(-4) == "> t[#t + 1] = 29");
    CHECK(s.screen_line(-3) == "> print('count', #t)");
    CHECK(s.screen_line(-2) == "count   30");
  }

  TEST_CASE("under --clock=virtual, a background task's timers run in real time while the prompt waits") {
    Repl s({"--clock=virtual"});
    // (Virtual time moves at real speed while the prompt waits, so it is not
    // on a round grid: the times are printed to a tenth.)
    s.type(
        "t0 = time.monotonic(); asyncio.spawn(function() for i = 1, 2 do await(asyncio.sleep(0.5)) "
        "print('tick', i, ('%.1f'):format(time.monotonic() - t0)) end end)\r");
    s.expect_prompt();
    auto start = pty_test::Clock::now();
    s.expect("tick\t2\t1.0", 5.0);
    CHECK(pty_test::seconds_since(start) >= 0.8);  // the prompt waited: real time, not a jump
    s.expect_prompt();                             // drawn again below the tick
    // An input that only awaits a timer jumps, as a script does.
    start = pty_test::Clock::now();
    CHECK(eval(s, "await(asyncio.sleep(30, 'later'))") == "\"later\"\n");
    CHECK(pty_test::seconds_since(start) < 5.0);
  }
}
