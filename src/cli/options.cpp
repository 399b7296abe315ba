#include "cli/options.hpp"

#include <cstring>

namespace luasync {

const char* const usage_text =
    "usage: luasync [options] [script [args]]\n"
    "       luasync ps PID | pstree PID   (the tasks of a luasync started with --inspect)\n"
    "Available options are:\n"
    "  -e stat          execute string 'stat' (inside the main task: await works)\n"
    "  -l mod           require library 'mod' into global 'mod'\n"
    "  -l g=mod         require library 'mod' into global 'g'\n"
    "  -i               enter the REPL after running the script or -e (also after an error)\n"
    "  -v               show version information\n"
    "  -E               ignore environment variables (LUA_INIT, LUA_PATH, ...)\n"
    "  -W               turn warnings on\n"
    "  --clock=KIND     'real' (default) or 'virtual': time jumps to the next timer\n"
    "                   whenever every task is waiting on timers only\n"
    "  --debug          asyncio's debug mode (also LUASYNC_DEBUG=1): slow steps and\n"
    "                   the blocking calls that made them, where tasks were created\n"
    "  --timeline       draw what the tasks did, on stderr, when the program ends\n"
    "  --trace=FILE     write what the tasks did to FILE: Chrome trace events\n"
    "                   (Perfetto, chrome://tracing), or a web page if FILE ends in .html\n"
    "  --inspect        let `luasync ps PID` and `luasync pstree PID` list the tasks\n"
    "                   (also LUASYNC_INSPECT=1)\n"
    "  -h, --help       show this help\n"
    "  --               stop handling options\n"
    "  -                stop handling options and execute stdin\n";

std::optional<Options> parse_options(int argc, char** argv, std::string& error) {
  Options opts;
  int i = 1;
  for (; i < argc; ++i) {
    const char* a = argv[i];
    if (a[0] != '-') break;
    if (std::strcmp(a, "-") == 0) break;
    if (std::strcmp(a, "--") == 0) {
      ++i;
      break;
    }
    if (std::strcmp(a, "-h") == 0 || std::strcmp(a, "--help") == 0) {
      opts.help = true;
    } else if (std::strcmp(a, "-v") == 0) {
      opts.version = true;
    } else if (std::strcmp(a, "-E") == 0) {
      opts.ignore_env = true;
    } else if (std::strcmp(a, "-W") == 0) {
      opts.warnings = true;
    } else if (std::strcmp(a, "-i") == 0) {
      opts.interactive = true;
    } else if (std::strcmp(a, "--debug") == 0) {
      opts.debug = true;
    } else if (std::strcmp(a, "--inspect") == 0) {
      opts.inspect = true;
    } else if (std::strcmp(a, "--timeline") == 0) {
      opts.timeline = true;
    } else if (std::strcmp(a, "--clock") == 0 || std::strcmp(a, "--trace") == 0) {
      // The value after a space, as many tools take it (--clock virtual):
      // say where it goes. A next argument that is not a value is no guess.
      const bool clock = a[2] == 'c';
      const char* next = i + 1 < argc ? argv[i + 1] : "";
      const std::size_t n = std::strlen(next);
      std::string example = clock ? "--clock=real or --clock=virtual" : "--trace=FILE";
      if (clock && (std::strcmp(next, "real") == 0 || std::strcmp(next, "virtual") == 0)) {
        example = std::string("--clock=") + next;
      } else if (!clock && n > 0 && next[0] != '-' && !(n > 4 && std::strcmp(next + n - 4, ".lua") == 0)) {
        example = std::string("--trace=") + next;
      }
      error = std::string("'") + a + "' takes its value after '=': " + example;
      return std::nullopt;
    } else if (std::strncmp(a, "--trace=", 8) == 0) {
      opts.trace_file = a + 8;
      if (opts.trace_file.empty()) {
        error = "'--trace=' needs a file name";
        return std::nullopt;
      }
    } else if (std::strncmp(a, "--clock=", 8) == 0) {
      const char* kind = a + 8;
      if (std::strcmp(kind, "real") == 0) {
        opts.clock = ClockKind::Real;
      } else if (std::strcmp(kind, "virtual") == 0) {
        opts.clock = ClockKind::Virtual;
      } else {
        error = std::string("unknown clock '") + kind + "' (expected 'real' or 'virtual')";
        return std::nullopt;
      }
    } else if (a[1] == 'e' || a[1] == 'l') {
      // "-e stat" or "-estat", as lua accepts both.
      const char* value = a[2] ? a + 2 : (i + 1 < argc ? argv[++i] : nullptr);
      if (!value) {
        error = std::string("'") + a + "' needs argument";
        return std::nullopt;
      }
      opts.actions.push_back(Action{a[1] == 'e' ? Action::Kind::Execute : Action::Kind::Require, value});
    } else {
      error = std::string("unrecognized option '") + a + "'";
      return std::nullopt;
    }
  }
  if (i < argc) {
    opts.script = argv[i];
    opts.script_index = i;
  }
  return opts;
}

}  // namespace luasync
