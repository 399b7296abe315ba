// Child processes on libuv (uv_spawn), under asyncio/subprocess.lua.
//
// spawn makes the pipes itself (uv_pipe: the parent's end non-blocking, the
// child's end blocking) and gives the child its ends as inherited
// descriptors, so a child's stderr can share its stdout pipe (STDOUT); the
// parent's ends go back to Lua, which wraps them in streams (pipe_open).
//
// The exit callback only records the status and notes the process (an
// IoSource: kernel.hpp); its delivery enqueues process_exit(process).
//
// Invariants:
// - A process is anchored in the registry table kRegProcesses while its
//   handle is open: from spawn until the exit was taken (libuv reaps the
//   child only while the handle is open, so it stays open until the exit:
//   a process whose task was cancelled leaves no zombie), or shutdown.
#include "io/process.hpp"

#include <fcntl.h>
#include <strings.h>
#include <unistd.h>

#include <cerrno>
#include <csignal>
#include <cstring>
#include <new>
#include <string>
#include <vector>

#include "io/open_list.hpp"
#include "kernel/boundary.hpp"
#include "kernel/kernel.hpp"
#include "lua/errors.hpp"
#include "lua/runtime_modules.hpp"

namespace luasync::io {

namespace {

constexpr const char* kRegProcesses = "luasync.processes";
constexpr const char* kProcessMt = "luasync.process";

struct Process final : kernel::IoSource {
  kernel::Kernel* k = nullptr;
  // Managed by hand rather than by uv::Handle: uv_spawn puts the handle in
  // the loop even when it fails, so a failed one must be closed too.
  uv_process_t* handle = nullptr;
  bool open = false;
  bool exited = false;
  int64_t exit_status = 0;
  int term_signal = 0;
  Process* next_open = nullptr;
  Process* prev_open = nullptr;
  void deliver(lua_State* L) override;
};

OpenList<Process> open_processes;

void anchor(lua_State* L, Process* p, int ud) { io::anchor(L, kRegProcesses, p, ud); }

void free_handle(uv_handle_t* h) { delete reinterpret_cast<uv_process_t*>(h); }

void close_handle(Process* p) {
  if (!p->open) return;
  p->open = false;
  kernel::unnote_io(*p->k, p);
  uv_close(reinterpret_cast<uv_handle_t*>(p->handle), free_handle);
  p->handle = nullptr;
  open_processes.remove(p);
}

void on_exit(uv_process_t* handle, int64_t exit_status, int term_signal) {
  auto* p = static_cast<Process*>(handle->data);
  p->exited = true;
  p->exit_status = exit_status;
  p->term_signal = term_signal;
  kernel::note_io(*p->k, p);
}

void Process::deliver(lua_State* L) {
  kernel::push_lua_fn(L, kernel::LuaFn::ProcessExit);
  lua_getfield(L, LUA_REGISTRYINDEX, kRegProcesses);
  lua_rawgetp(L, -1, this);
  lua_remove(L, -2);
  lua_pushnil(L);
  kernel::enqueue(L);
}

Process* check_process(lua_State* L, int i) { return static_cast<Process*>(luaL_checkudata(L, i, kProcessMt)); }

// The child's side of one standard stream, as spawn's option names it:
// "inherit", "devnull", "pipe", or "stdout" (stderr only: the stdout pipe).
struct Slot {
  std::string kind;
  int child_fd = -1;   // what the child gets (a descriptor we close after spawn, or 0..2)
  int parent_fd = -1;  // our end of a pipe, handed to Lua
  bool close_child = false;
};

void close_fds(std::vector<Slot>& slots) {
  for (Slot& s : slots) {
    if (s.close_child && s.child_fd >= 0) ::close(s.child_fd);
    if (s.parent_fd >= 0) ::close(s.parent_fd);
    s.child_fd = s.parent_fd = -1;
  }
}

// [-0, +0] Reads the strings of the array at t into out; false when an item
// is not a string. It never raises (no conversion, no metamethod): C++
// objects are alive around it.
bool string_list(lua_State* L, int t, std::vector<std::string>& out) {
  const auto n = static_cast<lua_Integer>(lua_rawlen(L, t));
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, t, i);
    size_t len;
    const char* s = lua_type(L, -1) == LUA_TSTRING ? lua_tolstring(L, -1, &len) : nullptr;
    if (s != nullptr) out.emplace_back(s, len);
    lua_pop(L, 1);
    if (s == nullptr) return false;
  }
  return true;
}

// [-0, +0] Raises Python's ValueError when a string of the array at t
// holds a NUL byte (the child would get it cut there). Called before any
// C++ object exists: string_list cannot raise.
void refuse_nul_in_list(lua_State* L, int t) {
  const auto n = static_cast<lua_Integer>(lua_rawlen(L, t));
  for (lua_Integer i = 1; i <= n; ++i) {
    lua_rawgeti(L, t, i);
    refuse_nul(L, -1, kNulByte);
    lua_pop(L, 1);
  }
}

// spawn(file, args, stdin, stdout, stderr, cwd, env) -> process, pid, fd of
// our stdin end, of our stdout end, of our stderr end (nil where not piped).
// args is the full argv (args[1] is the program's name); env a list of
// "NAME=value" or nil to inherit. Raises OSError (FileNotFoundError with the
// file's name) when the child cannot start.
//
// C++ objects with destructors live only in spawn_impl, which never raises:
// it answers an error code and the raising happens after it returned.
int spawn_impl(Process* p, const std::vector<std::string>& argv_s, std::vector<Slot>& slots, const char* cwd,
               const std::vector<std::string>* env_s) {
  for (size_t i = 0; i < 3; ++i) {
    Slot& s = slots[i];
    if (s.kind == "inherit") {
      s.child_fd = static_cast<int>(i);
    } else if (s.kind == "devnull") {
      s.child_fd = ::open("/dev/null", (i == 0 ? O_RDONLY : O_WRONLY) | O_CLOEXEC);
      if (s.child_fd < 0) return uv_translate_sys_error(errno);
      s.close_child = true;
    } else if (s.kind == "pipe") {
      uv_file fds[2];
      // stdin: the child reads fds[0], we write fds[1]; else the reverse.
      int err = i == 0 ? uv_pipe(fds, 0, UV_NONBLOCK_PIPE) : uv_pipe(fds, UV_NONBLOCK_PIPE, 0);
      if (err != 0) return err;
      s.child_fd = i == 0 ? fds[0] : fds[1];
      s.parent_fd = i == 0 ? fds[1] : fds[0];
      s.close_child = true;
    } else if (s.kind == "stdout" && i == 2) {
      s.child_fd = slots[1].child_fd;
    } else {
      return UV_EINVAL;
    }
  }
  std::vector<char*> argv;
  for (const std::string& a : argv_s) argv.push_back(const_cast<char*>(a.c_str()));
  argv.push_back(nullptr);
  std::vector<char*> envp;
  if (env_s) {
    for (const std::string& e : *env_s) envp.push_back(const_cast<char*>(e.c_str()));
    envp.push_back(nullptr);
  }
  uv_stdio_container_t stdio[3];
  for (int i = 0; i < 3; ++i) {
    stdio[i].flags = UV_INHERIT_FD;
    stdio[i].data.fd = slots[i].child_fd;
  }
  uv_process_options_t opts{};
  opts.exit_cb = on_exit;
  opts.file = argv[0];
  opts.args = argv.data();
  opts.env = env_s ? envp.data() : nullptr;
  opts.cwd = cwd;
  opts.stdio_count = 3;
  opts.stdio = stdio;
  auto* h = new (std::nothrow) uv_process_t();
  if (h == nullptr) return UV_ENOMEM;
  int err = uv_spawn(p->k->loop->uv(), h, &opts);
  if (err != 0) {
    uv_close(reinterpret_cast<uv_handle_t*>(h), free_handle);
    return err;
  }
  p->handle = h;
  return 0;
}

int l_spawn(lua_State* L) {
  const char* file = check_c_string(L, 1, kNulByte);
  luaL_checktype(L, 2, LUA_TTABLE);
  const char* kinds[3] = {luaL_checkstring(L, 3), luaL_checkstring(L, 4), luaL_checkstring(L, 5)};
  const char* cwd = opt_c_string(L, 6, kNulByte);
  const bool has_env = lua_istable(L, 7);
  refuse_nul_in_list(L, 2);
  if (has_env) refuse_nul_in_list(L, 7);
  kernel::check_loop_open(L);
  void* mem = lua_newuserdatauv(L, sizeof(Process), 0);
  auto* p = new (mem) Process();
  p->k = &kernel::kernel(L);
  luaL_setmetatable(L, kProcessMt);
  const int ud = lua_gettop(L);
  anchor(L, p, ud);
  // Everything that may raise is read before any descriptor exists.
  int err;
  int fds[3] = {-1, -1, -1};
  {
    std::vector<std::string> argv_s;
    std::vector<std::string> env_s;
    std::vector<Slot> slots;
    try {
      slots.resize(3);
      for (int i = 0; i < 3; ++i) slots[i].kind = kinds[i];
      if (!string_list(L, 2, argv_s) || (has_env && !string_list(L, 7, env_s))) {
        err = UV_EINVAL;  // (asyncio/subprocess.lua checks the lists first)
      } else {
        if (argv_s.empty()) argv_s.emplace_back(file);
        err = spawn_impl(p, argv_s, slots, cwd, has_env ? &env_s : nullptr);
      }
    } catch (...) {
      err = UV_ENOMEM;
    }
    for (Slot& s : slots) {
      if (s.close_child && s.child_fd >= 0) ::close(s.child_fd);
      s.child_fd = -1;
    }
    if (err != 0) {
      close_fds(slots);
    } else {
      for (int i = 0; i < 3; ++i) fds[i] = slots[i].parent_fd;
    }
  }
  if (err != 0) {
    anchor(L, p, 0);
    return raise_os_error(L, -err, err == UV_ENOENT || err == UV_EACCES ? file : nullptr);
  }
  p->handle->data = p;
  p->open = true;
  open_processes.add(p);
  lua_pushinteger(L, p->handle->pid);
  for (int fd : fds) {
    if (fd >= 0) {
      lua_pushinteger(L, fd);
    } else {
      lua_pushnil(L);
    }
  }
  return 5;
}

// process_take(process) -> exited, exit status, terminating signal; once
// exited, the handle closes and the process lets go of its anchor.
int l_process_take(lua_State* L) {
  Process* p = check_process(L, 1);
  lua_pushboolean(L, p->exited);
  lua_pushinteger(L, p->exit_status);
  lua_pushinteger(L, p->term_signal);
  if (p->exited && p->open) {
    close_handle(p);
    anchor(L, p, 0);
  }
  return 3;
}

// process_kill(process, signum) -> true, or false when it has exited.
int l_process_kill(lua_State* L) {
  Process* p = check_process(L, 1);
  const int sig = static_cast<int>(luaL_checkinteger(L, 2));
  if (!p->open || p->exited) {
    lua_pushboolean(L, 0);
    return 1;
  }
  int err = uv_process_kill(p->handle, sig);
  if (err == UV_ESRCH) {
    lua_pushboolean(L, 0);
    return 1;
  }
  if (err != 0) return raise_os_error(L, -err);
  lua_pushboolean(L, 1);
  return 1;
}

// signal_number("SIGTERM" | "TERM" | n) -> n, or nil
int l_signal_number(lua_State* L) {
  if (lua_isinteger(L, 1)) {
    lua_pushvalue(L, 1);
    return 1;
  }
  size_t len = 0;
  const char* name = luaL_checklstring(L, 1, &len);
  // (a name with a NUL byte names no signal: strncasecmp would stop there)
  if (std::strlen(name) != len) return 0;
  // (any case: luv names them "sigint", Python SIGINT)
  if (strncasecmp(name, "SIG", 3) == 0) name += 3;
  static const struct {
    const char* name;
    int num;
  } kSignals[] = {// Every name of Python's signal module on Linux (signal.Signals, and
                  // SIGCLD, SIGCHLD's alias):
                  // a name it knows is never "unknown" here.
                  {"HUP", SIGHUP},       {"INT", SIGINT},     {"QUIT", SIGQUIT},   {"ILL", SIGILL},
                  {"TRAP", SIGTRAP},     {"ABRT", SIGABRT},   {"IOT", SIGIOT},     {"BUS", SIGBUS},
                  {"FPE", SIGFPE},       {"KILL", SIGKILL},   {"USR1", SIGUSR1},   {"SEGV", SIGSEGV},
                  {"USR2", SIGUSR2},     {"PIPE", SIGPIPE},   {"ALRM", SIGALRM},   {"TERM", SIGTERM},
                  {"STKFLT", SIGSTKFLT}, {"CHLD", SIGCHLD},   {"CLD", SIGCHLD},    {"CONT", SIGCONT},
                  {"STOP", SIGSTOP},     {"TSTP", SIGTSTP},   {"TTIN", SIGTTIN},   {"TTOU", SIGTTOU},
                  {"URG", SIGURG},       {"XCPU", SIGXCPU},   {"XFSZ", SIGXFSZ},   {"VTALRM", SIGVTALRM},
                  {"PROF", SIGPROF},     {"WINCH", SIGWINCH}, {"IO", SIGIO},       {"POLL", SIGPOLL},
                  {"PWR", SIGPWR},       {"SYS", SIGSYS},     {"RTMIN", SIGRTMIN}, {"RTMAX", SIGRTMAX}};
  for (const auto& s : kSignals) {
    if (strcasecmp(s.name, name) == 0) {
      lua_pushinteger(L, s.num);
      return 1;
    }
  }
  return 0;
}

int l_process_gc(lua_State* L) {
  Process* p = check_process(L, 1);
  close_handle(p);
  p->~Process();
  return 0;
}

const luaL_Reg process_funcs[] = {
    {"spawn", l_spawn},
    {"process_take", l_process_take},
    {"process_kill", l_process_kill},
    {"signal_number", l_signal_number},
    {nullptr, nullptr},
};

}  // namespace

void open_processes_module(lua_State* L) {
  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, kRegProcesses);
  luaL_newmetatable(L, kProcessMt);
  lua_pushcfunction(L, l_process_gc);
  lua_setfield(L, -2, "__gc");
  lua_pushliteral(L, "process");
  lua_setfield(L, -2, "__name");
  lua_pop(L, 1);
  push_runtime_modules(L);
  lua_getfield(L, -1, "luasync.core");
  kernel::register_funcs(L, -1, process_funcs, 0);
  lua_pop(L, 2);
}

void close_processes(lua_State* L) {
  while (Process* p = open_processes.first()) {
    // Not reaped: libuv reaps a child only as it calls on_exit, so its pid
    // is still the child's (a zombie at worst, which the signal leaves be).
    if (!p->exited) uv_process_kill(p->handle, SIGKILL);
    close_handle(p);
    if (L) anchor(L, p, 0);
  }
}

}  // namespace luasync::io
