#include "cli/cli.hpp"

#include <fcntl.h>
#include <sys/ioctl.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

#include "cli/options.hpp"
#include "diag/inspect.hpp"
#include "http/http.hpp"
#include "io/fd_watch.hpp"
#include "io/fs.hpp"
#include "io/process.hpp"
#include "io/signals.hpp"
#include "io/stream.hpp"
#include "kernel/boundary.hpp"
#include "lua/runtime_modules.hpp"
#include "lua/state.hpp"
#include "runtime/interrupt.hpp"
#include "runtime/loop.hpp"
#include "threads/threads.hpp"

namespace luasync {

namespace {

void print_version() { std::printf("luasync %s  (%s, libuv %s)\n", LUASYNC_VERSION, LUA_RELEASE, uv_version_string()); }

// [-0, +0] Appends {fn, n=nargs, args...} to the actions table at index
// `actions`; pops the function and its nargs arguments.
void push_action(lua_State* L, int actions, int nargs) {
  int base = lua_gettop(L) - nargs;  // the function
  lua_createtable(L, nargs, 2);
  lua_pushvalue(L, base);
  lua_setfield(L, -2, "fn");
  lua_pushinteger(L, nargs);
  lua_setfield(L, -2, "n");
  for (int i = 1; i <= nargs; ++i) {
    lua_pushvalue(L, base + i);
    lua_rawseti(L, -2, i);
  }
  lua_rawseti(L, actions, static_cast<lua_Integer>(lua_rawlen(L, actions)) + 1);
  lua_settop(L, base - 1);
}

// Prints the error on the top of the stack (a chunk that does not compile),
// with the hint runner.lua's load_error adds for a Python habit; pops it.
// `source`: the text of an -e chunk (a file's is read from the file).
bool report_load_error(lua_State* L, const std::string* source = nullptr) {
  const int err = lua_gettop(L);
  lua_getfield(L, LUA_REGISTRYINDEX, kRegRequire);
  lua_pushstring(L, kernel::kRunnerModule);
  if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_getfield(L, -1, "load_error") == LUA_TFUNCTION) {
    lua_pushvalue(L, err);
    if (source != nullptr) {
      lua_pushlstring(L, source->data(), source->size());
    } else {
      lua_pushnil(L);
    }
    if (lua_pcall(L, 2, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING) lua_replace(L, err);
  }
  lua_settop(L, err);
  std::fprintf(stderr, "luasync: %s\n", lua_tostring(L, -1));
  lua_pop(L, 1);
  return false;
}

// For a chunk that compiled: whether runner.lua refuses it anyway (Python's
// `x = await f()`, which awaits nothing), printing why. `text` is the
// chunk's source, or null and `path` the script's file.
bool report_refused(lua_State* L, const char* text, std::size_t len, const char* path, const char* chunkname) {
  const int top = lua_gettop(L);
  bool refused = false;
  lua_getfield(L, LUA_REGISTRYINDEX, kRegRequire);
  lua_pushstring(L, kernel::kRunnerModule);
  if (lua_pcall(L, 1, 1, 0) == LUA_OK &&
      lua_getfield(L, -1, text != nullptr ? "refused" : "refused_file") == LUA_TFUNCTION) {
    if (text != nullptr) {
      lua_pushlstring(L, text, len);
      lua_pushstring(L, chunkname);
    } else {
      lua_pushstring(L, path);
      lua_pushnil(L);
    }
    if (lua_pcall(L, 2, 1, 0) == LUA_OK && lua_type(L, -1) == LUA_TSTRING) {
      std::fprintf(stderr, "luasync: %s\n", lua_tostring(L, -1));
      refused = true;
    }
  }
  lua_settop(L, top);
  return refused;
}

// The body of an -l action, as lua.c's dolibrary: "-l mod" sets global mod
// to require(mod), "-l g=mod" sets global g to it.
int l_require_global(lua_State* L) {
  const char* arg = luaL_checkstring(L, 1);
  const char* eq = std::strchr(arg, '=');
  const char* mod = eq ? eq + 1 : arg;
  lua_getglobal(L, "require");
  lua_pushstring(L, mod);
  lua_call(L, 1, 1);
  lua_pushlstring(L, arg, eq ? static_cast<size_t>(eq - arg) : std::strlen(arg));
  lua_insert(L, -2);
  lua_setglobal(L, lua_tostring(L, -2));
  return 0;
}

// LUA_INIT_5_4 or LUA_INIT: "@file" runs the file, anything else is code.
bool add_lua_init(lua_State* L, int actions) {
  const char* name = "=LUA_INIT_5_4";
  const char* init = std::getenv("LUA_INIT_5_4");
  if (!init) {
    name = "=LUA_INIT";
    init = std::getenv("LUA_INIT");
  }
  if (!init) return true;
  int status = init[0] == '@' ? luaL_loadfile(L, init + 1) : luaL_loadbuffer(L, init, std::strlen(init), name);
  if (status != LUA_OK) return report_load_error(L);
  push_action(L, actions, 0);
  return true;
}

// arg as lua makes it: arg[0] the script, arg[1..] its arguments, negative
// indices the interpreter and its options.
void set_arg_table(lua_State* L, int argc, char** argv, int script_index) {
  // As lua.c: with no script named, arg[0] is the interpreter itself.
  int base = script_index >= 0 && script_index < argc ? script_index : 0;
  lua_createtable(L, argc - base, base + 1);
  for (int i = 0; i < argc; ++i) {
    lua_pushstring(L, argv[i]);
    lua_rawseti(L, -2, i - base);
  }
  lua_setglobal(L, "arg");
}

bool build_actions(lua_State* L, const Options& opts, int argc, char** argv, int actions) {
  if (!opts.ignore_env && !add_lua_init(L, actions)) return false;
  for (const Action& a : opts.actions) {
    if (a.kind == Action::Kind::Execute) {
      if (luaL_loadbuffer(L, a.text.data(), a.text.size(), "=(command line)") != LUA_OK) {
        return report_load_error(L, &a.text);
      }
      if (report_refused(L, a.text.data(), a.text.size(), nullptr, "(command line)")) return false;
      push_action(L, actions, 0);
      // Its text, for the hints under its error, which read its lines (runner.lua).
      lua_rawgeti(L, actions, static_cast<lua_Integer>(lua_rawlen(L, actions)));
      lua_pushlstring(L, a.text.data(), a.text.size());
      lua_setfield(L, -2, "source");
      lua_pop(L, 1);
    } else {
      lua_pushcfunction(L, l_require_global);
      lua_pushstring(L, a.text.c_str());
      push_action(L, actions, 1);
    }
  }
  if (opts.script) {
    const char* file = *opts.script == "-" ? nullptr : opts.script->c_str();
    if (luaL_loadfile(L, file) != LUA_OK) return report_load_error(L);
    if (file != nullptr && report_refused(L, nullptr, 0, file, nullptr)) return false;
    // A script named on the command line gets the arguments after it; stdin
    // read because no script was named (script_index == argc) gets none.
    int nargs = opts.script_index < argc ? argc - opts.script_index - 1 : 0;
    luaL_checkstack(L, nargs, "too many script arguments");
    for (int i = opts.script_index + 1; i < argc; ++i) lua_pushstring(L, argv[i]);
    push_action(L, actions, nargs);
  }
  if (opts.interactive) {
    // The REPL: readline on a terminal, else plain lines echoed after the
    // prompt so a piped-in transcript reads like a session.
    bool tty = isatty(STDIN_FILENO);
    require_runtime_module(L, kernel::kReplModule);
    lua_getfield(L, -1, "run");
    lua_remove(L, -2);
    lua_createtable(L, 0, 3);
    lua_pushstring(L, tty ? "terminal" : "lines");
    lua_setfield(L, -2, "mode");
    lua_pushboolean(L, !tty);
    lua_setfield(L, -2, "echo");
    lua_pushboolean(L, opts.ignore_env);
    lua_setfield(L, -2, "ignore_env");
    push_action(L, actions, 1);
    // The REPL answers the exit status (runner.lua's `session`).
    lua_rawgeti(L, actions, static_cast<lua_Integer>(lua_rawlen(L, actions)));
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "session");
    lua_pop(L, 1);
  }
  return true;
}

// An environment switch (LUASYNC_DEBUG=1...): set, not empty, not "0", and
// not ignored (-E).
bool env_on(const Options& opts, const char* name) {
  const char* v = opts.ignore_env ? nullptr : std::getenv(name);
  return v && *v && std::strcmp(v, "0") != 0;
}

int run_actions(LuaState& state, const Options& opts, int argc, char** argv) {
  lua_State* L = state.L();
  if (opts.warnings) lua_warning(L, "@on", 0);
  if (opts.debug || env_on(opts, "LUASYNC_DEBUG")) {
    // As PYTHONASYNCIODEBUG: debug mode from the first step.
    require_runtime_module(L, "luasync.loop");
    lua_getfield(L, -1, "loop");
    lua_getfield(L, -1, "set_debug");
    lua_insert(L, -2);
    lua_pushboolean(L, 1);
    lua_call(L, 2, 0);
    lua_pop(L, 1);
  }
  if (opts.inspect || env_on(opts, "LUASYNC_INSPECT")) {
    require_runtime_module(L, "luasync.inspect");
    lua_pop(L, 1);
    if (const char* why = diag::start_inspector(L)) std::fprintf(stderr, "luasync: --inspect: %s\n", why);
  }
  if (opts.timeline || !opts.trace_file.empty()) {
    // Tracing from the first step (asyncio/trace.lua); the runner writes
    // what was asked at the end.
    require_runtime_module(L, "luasync.trace");
    lua_getfield(L, -1, "begin");
    lua_createtable(L, 0, 3);
    lua_pushboolean(L, opts.timeline);
    lua_setfield(L, -2, "timeline");
    if (!opts.trace_file.empty()) {
      lua_pushlstring(L, opts.trace_file.data(), opts.trace_file.size());
      lua_setfield(L, -2, "file");
    }
    if (opts.script) {
      lua_pushstring(L, opts.script->c_str());
      lua_setfield(L, -2, "title");
    }
    lua_call(L, 1, 1);
    const bool can_write = lua_toboolean(L, -1);
    lua_pop(L, 2);
    if (!can_write) return 1;
  }
  set_arg_table(L, argc, argv, opts.script_index);
  require_runtime_module(L, kernel::kRunnerModule);
  lua_getfield(L, -1, "run");
  lua_newtable(L);
  int actions = lua_gettop(L);
  if (!build_actions(L, opts, argc, argv, actions)) return 1;
  if (lua_pcall(L, 1, 1, 0) != LUA_OK) {
    std::fprintf(stderr, "luasync: internal error: %s\n", lua_tostring(L, -1));
    return 1;
  }
  return static_cast<int>(lua_tointeger(L, -1));
}

}  // namespace

// A closed stdin/stdout/stderr would be reused by the loop's own descriptors
// (epoll, eventfd), which libuv then refuses to close: open /dev/null there.
void ensure_standard_fds() {
  for (int fd = 0; fd <= 2; ++fd) {
    if (fcntl(fd, F_GETFD) == -1 && errno == EBADF) {
      int null_fd = open("/dev/null", fd == 0 ? O_RDONLY : O_WRONLY);
      if (null_fd >= 0 && null_fd != fd) {
        dup2(null_fd, fd);
        close(null_fd);
      }
    }
  }
}

namespace {

// The width `luasync ps` fits its rows to, as --timeline: COLUMNS, else the
// terminal's; 0 (whole rows) on a pipe.
int client_columns() {
  if (const char* c = std::getenv("COLUMNS")) {
    const int n = std::atoi(c);
    if (n > 0) return n;
  }
  winsize ws{};
  if (isatty(STDOUT_FILENO) && ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0) return ws.ws_col;
  return 0;
}

// `luasync ps PID`, `luasync pstree PID`: asks the process for its tasks.
int inspect_client(const char* kind, const char* pid_text) {
  const long pid = std::strtol(pid_text, nullptr, 10);
  char link[64];
  std::snprintf(link, sizeof link, "/proc/%ld/comm", pid);
  FILE* comm = std::fopen(link, "r");
  if (comm == nullptr) {
    std::fprintf(stderr, "luasync %s: no process %ld\n", kind, pid);
    return 1;
  }
  char name[64] = {};
  if (std::fgets(name, sizeof name, comm) == nullptr) name[0] = 0;
  std::fclose(comm);
  name[std::strcspn(name, "\n")] = 0;
  if (std::strcmp(name, "luasync") != 0) {
    std::fprintf(stderr, "luasync %s: process %ld is not luasync (it is %s)\n", kind, pid, name);
    return 1;
  }
  const std::string path = diag::socket_path(pid);
  const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_un addr{};
  addr.sun_family = AF_UNIX;
  std::snprintf(addr.sun_path, sizeof addr.sun_path, "%s", path.c_str());
  if (fd < 0 || ::connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0) {
    const int err = errno;
    if (fd >= 0) ::close(fd);
    if (err == EACCES) {
      std::fprintf(stderr, "luasync %s: process %ld belongs to another user\n", kind, pid);
    } else {
      std::fprintf(stderr,
                   "luasync %s: luasync process %ld cannot be inspected: start it with --inspect (or "
                   "LUASYNC_INSPECT=1)\n",
                   kind, pid);
    }
    return 1;
  }
  const int columns = client_columns();
  std::string request = std::string(kind) + (columns > 0 ? " " + std::to_string(columns) : "") + "\n";
  if (::send(fd, request.data(), request.size(), MSG_NOSIGNAL) < 0) {
    ::close(fd);
    std::fprintf(stderr, "luasync %s: process %ld went away\n", kind, pid);
    return 1;
  }
  std::printf("luasync process %ld: ", pid);
  char buf[4096];
  ssize_t n;
  while ((n = ::recv(fd, buf, sizeof buf, 0)) > 0) std::fwrite(buf, 1, static_cast<size_t>(n), stdout);
  ::close(fd);
  return 0;
}

}  // namespace

// The luasync binaries load the C math library when first needed
// (src/cli/math_on_demand.cpp), which takes a descriptor: a start near the
// limit of descriptors loads it at once, while one is free. (Not defined
// where libm is linked: the unit tests, the module for stock Lua.)
extern "C" [[gnu::weak]] void luasync_load_libm_near_limit(int fd);

int run_cli(int argc, char** argv) {
  ensure_standard_fds();
  if (argc == 3 && (std::strcmp(argv[1], "ps") == 0 || std::strcmp(argv[1], "pstree") == 0) &&
      std::strspn(argv[2], "0123456789") == std::strlen(argv[2]) && argv[2][0]) {
    return inspect_client(argv[1], argv[2]);
  }
  install_signal_handlers();
  std::setvbuf(stdout, nullptr, _IOLBF, 0);
  std::string error;
  std::optional<Options> parsed = parse_options(argc, argv, error);
  if (!parsed) {
    std::fprintf(stderr, "luasync: %s\n%s", error.c_str(), usage_text);
    return 1;
  }
  Options& opts = *parsed;
  if (opts.help) {
    std::fputs(usage_text, stdout);
    return 0;
  }
  if (opts.version) print_version();
  if (!opts.script && opts.actions.empty() && !opts.interactive) {
    if (opts.version) return 0;
    if (isatty(STDIN_FILENO)) {
      opts.interactive = true;
    } else {
      opts.script.emplace(1, '-');
      opts.script_index = argc;
    }
  }
  if (luasync_load_libm_near_limit) {
    // The lowest free descriptor, then the loop's (epoll, two pipes, an
    // eventfd, the timer): near the limit, libm loads before the loop takes
    // what would be left for it.
    constexpr int kLoopDescriptors = 7;
    const int lowest = fcntl(STDERR_FILENO, F_DUPFD_CLOEXEC, 0);
    if (lowest >= 0) {
      ::close(lowest);
      luasync_load_libm_near_limit(lowest + kLoopDescriptors);
    }
  }
  // Shutdown order (docs/architecture.md): the runner has cancelled the tasks
  // and reported what nobody retrieved; then the loop closes, then Lua.
  Loop loop(opts.clock);
  if (int err = loop.init_error()) {
    std::fprintf(stderr, "luasync: cannot initialise the event loop: %s (%s)\n", uv_strerror(err), uv_err_name(err));
    return 1;
  }
  LuaState state(loop, opts.ignore_env);
  int status = run_actions(state, opts, argc, argv);
  switch (close_runtime(state.L(), loop)) {
    case RuntimeClose::Clean:
      break;
    case RuntimeClose::ThreadBusy:
      // A job still runs in a worker thread (a second Ctrl-C stopped the
      // wait for it): the thread uses nothing of the loop's state, but exit()
      // would run the destructors of what it shares (the port, print's lock).
      std::fflush(stdout);
      std::fflush(stderr);
      std::_Exit(status);
    case RuntimeClose::RequestBusy:
      // A worker thread still runs a request that does not end (a FIFO's
      // open waiting for a writer): the loop and the state must outlive it,
      // so the program leaves without closing them (exit would join it).
      std::fputs("luasync: a file or name request was still running at exit\n", stderr);
      std::fflush(stdout);
      std::fflush(stderr);
      std::_Exit(status);
  }
  state.close_at_exit(status);
  return status;
}

}  // namespace luasync
