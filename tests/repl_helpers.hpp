#pragma once
// Helpers of the REPL tests (tests/repl*.test.cpp): a session that has shown
// its first prompt, evaluating a line, background tickers, and CHECKs on
// output. Include after <doctest/doctest.h>.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "pty_session.hpp"

namespace repl_test {

using pty_test::PtySession;

// Types `line` and Enter at a prompt, waits for the next primary prompt and
// answers what was printed between the echoed line and that prompt.
inline std::string eval(PtySession& s, const std::string& line, double timeout = 5.0) {
  s.type(line + "\r");
  std::string out = s.expect_prompt(timeout);
  std::string echo = line + "\n";
  std::size_t at = out.find(echo);
  if (at == std::string::npos) FAIL("the input " << PtySession::quoted(line) << " was not echoed\n" << s.seen());
  out.erase(0, at + echo.size());
  out.erase(out.size() - 2);  // the prompt
  return out;
}

// A session of `luasync` (no arguments: a terminal opens the REPL) that
// answered with its first prompt.
struct Repl : PtySession {
  explicit Repl(std::vector<std::string> args = {}) : PtySession(std::move(args)) { expect_prompt(5.0); }
  explicit Repl(Options opt) : PtySession(std::move(opt)) { expect_prompt(5.0); }
};

constexpr const char* kTicker =
    R"(t = asyncio.spawn(function() for i = 1, 5 do print("tick", i) await(asyncio.sleep(0.2)) end end))";
// The same, ticking long enough to outlive a test.
constexpr const char* kLongTicker =
    R"(t = asyncio.spawn(function() for i = 1, 200 do print("tick", i) await(asyncio.sleep(0.1)) end end))";

}  // namespace repl_test

// CHECK that `hay` contains (or lacks) `needle`, showing `hay` when not.
#define CHECK_HAS(hay, needle) \
  CHECK_MESSAGE((hay).find(needle) != std::string::npos, "expected " << PtySession::quoted(needle) << " in:\n" << (hay))
#define CHECK_LACKS(hay, needle)                                                                                     \
  CHECK_MESSAGE((hay).find(needle) == std::string::npos, "did not expect " << PtySession::quoted(needle) << " in:\n" \
                                                                           << (hay))

