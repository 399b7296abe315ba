#pragma once
#include <optional>
#include <string>
#include <vector>

#include "runtime/clock.hpp"

namespace luasync {

// One -e or -l, in command-line order.
struct Action {
  enum class Kind { Execute, Require };
  Kind kind;
  std::string text;
};

struct Options {
  std::vector<Action> actions;
  std::optional<std::string> script;  // "-" means stdin
  int script_index = -1;              // argv index of the script (arg[0])
  bool version = false;
  bool help = false;
  bool ignore_env = false;   // -E
  bool warnings = false;     // -W
  bool interactive = false;  // -i: the REPL after the script / -e
  bool debug = false;        // --debug: asyncio's debug mode from the start
  bool timeline = false;     // --timeline: what the tasks did, drawn at the end
  std::string trace_file;    // --trace=FILE: the same as Chrome trace JSON or HTML
  bool inspect = false;      // --inspect: answer `luasync ps|pstree PID`
  ClockKind clock = ClockKind::Real;
};

// Parses argv. On a usage error returns nullopt and sets error.
std::optional<Options> parse_options(int argc, char** argv, std::string& error);

extern const char* const usage_text;

}  // namespace luasync
