// A worker thread's Lua state and how a job runs in it (pool.hpp).
//
// The state is the worker's own for its whole life: the standard
// libraries, a real-time `time`, a print that writes each line whole, and
// threads/worker.lua. Each job gets a fresh environment whose misses fall
// through to those globals, so what one job assigns never reaches the next.
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <mutex>
#include <new>

#include "lua/errors.hpp"
#include "lua/output.hpp"
#include "lua/runtime_modules.hpp"
#include "lua/state.hpp"
#include "threads/pool.hpp"

namespace luasync::threads {

namespace {

constexpr const char* kRegRunner = "luasync.worker";     // worker.lua's module
constexpr const char* kRegEnvMt = "luasync.worker.env";  // a job environment's metatable

// Worker clocks are real: a worker really sleeps, also under the virtual
// clock (DESIGN §2).
Clock worker_clock(ClockKind::Real);

std::mutex print_mu;

// Writes all of p to standard output, waiting while it is full (at the
// REPL, the descriptor may be non-blocking). Answers 0, or the errno of the
// write that failed.
int write_all(const char* p, size_t len) {
  while (len > 0) {
    const ssize_t n = ::write(STDOUT_FILENO, p, len);
    if (n > 0) {
      p += n;
      len -= static_cast<size_t>(n);
    } else if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
      pollfd pfd{STDOUT_FILENO, POLLOUT, 0};
      ::poll(&pfd, 1, 100);
    } else if (n < 0 && errno == EINTR) {
      continue;
    } else {
      return n < 0 ? errno : EIO;
    }
  }
  return 0;
}

// At the REPL the loop thread writes a worker's output, moving the prompt out
// of the way (pool.cpp's port): whether it took the text.
bool post_above_prompt(const char* text, std::size_t len) { return output_hooked() && post_output(text, len); }

// print(...): as the standard one, but the line goes out in one piece, so
// two workers' lines never interleave.
int l_worker_print(lua_State* L) {
  const int n = lua_gettop(L);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (int i = 1; i <= n; ++i) {
    if (i > 1) luaL_addchar(&b, '\t');
    luaL_tolstring(L, i, nullptr);
    luaL_addvalue(&b);
  }
  luaL_addchar(&b, '\n');
  luaL_pushresult(&b);
  size_t len;
  const char* s = lua_tolstring(L, -1, &len);
  if (post_above_prompt(s, len)) return 0;
  int err;
  {
    std::lock_guard lock(print_mu);
    std::fflush(stdout);  // what this thread wrote with io.write comes first
    err = write_all(s, len);
  }
  // stdout's reader went away (luasync x.lua | head -1): the job ends with
  // the BrokenPipeError the loop thread's print raises, marked as it is
  // (lua/stdio.cpp), so that once it reaches the main task the program ends
  // quietly with status 141, instead of printing on into nothing. (Other
  // errors drop the line, as they did. The lock is released first:
  // lua_error must not jump over it.)
  if (err == EPIPE) {
    push_os_error(L, err);
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "_stdout_gone");
    return lua_error(L);
  }
  return 0;
}

int l_open_worker(lua_State* L) {
  luaL_openlibs(L);
  open_errno(L);
  preload_embedded(L);
  open_time_on(L, worker_clock, false);
  lua_pushcfunction(L, l_worker_print);
  lua_setglobal(L, "print");
  open_worker_stdio(L, post_above_prompt);
  require_runtime_module(L, "luasync.worker");
  lua_setfield(L, LUA_REGISTRYINDEX, kRegRunner);
  lua_createtable(L, 0, 1);
  lua_pushglobaltable(L);
  lua_setfield(L, -2, "__index");
  lua_setfield(L, LUA_REGISTRYINDEX, kRegEnvMt);
  return 0;
}

// [-0, +0] Runs the job (light userdata at 1): its outcome and output.
int l_run(lua_State* L) {
  auto* job = static_cast<Job*>(lua_touserdata(L, 1));
  // The job's environment: fresh, its _G itself, its misses the worker's
  // globals.
  lua_newtable(L);
  const int env = lua_gettop(L);
  lua_getfield(L, LUA_REGISTRYINDEX, kRegEnvMt);
  lua_setmetatable(L, env);
  lua_pushvalue(L, env);
  lua_setfield(L, env, "_G");
  lua_getfield(L, LUA_REGISTRYINDEX, kRegRunner);
  const int runner = lua_gettop(L);
  lua_getfield(L, runner, "run");
  const int base = lua_gettop(L);
  const int n = unpack(L, job->input, env);
  job->input.bytes.clear();
  job->input.bytes.shrink_to_fit();
  lua_call(L, n, LUA_MULTRET);
  const bool ok = lua_toboolean(L, base);
  const int nres = lua_gettop(L) - base;
  try {
    if (ok) {
      job->outcome =
          pack(L, base + 1, nres, job->output, job->refusal, job->refused_index) ? Outcome::Returned : Outcome::Refused;
    } else {
      job->outcome = Outcome::Raised;
      if (!pack(L, base + 1, 1, job->output, job->refusal, job->refused_index)) {
        // An error value that cannot travel (a userdata): its text does
        // (worker.lua's, which survives a __tostring that fails).
        job->output = Packet{};
        lua_getfield(L, runner, "text");
        lua_pushvalue(L, base + 1);
        lua_call(L, 1, 1);
        pack(L, -1, 1, job->output, job->refusal, job->refused_index);
      }
      lua_getfield(L, runner, "take_traceback");
      lua_call(L, 0, 1);
      if (const char* tb = lua_tostring(L, -1)) job->traceback = tb;
    }
  } catch (const std::bad_alloc&) {
    job->output = Packet{};
    job->outcome = Outcome::NoMemory;
  }
  return 0;
}

}  // namespace

lua_State* new_worker_state() {
  lua_State* L = luaL_newstate();
  if (L == nullptr) return nullptr;
  lua_pushcfunction(L, l_open_worker);
  if (lua_pcall(L, 0, 0, 0) != LUA_OK) {
    lua_close(L);
    return nullptr;
  }
  return L;
}

void run_job(lua_State* L, Job* job) {
  if (L == nullptr) {
    job->outcome = Outcome::NoMemory;
    return;
  }
  lua_pushcfunction(L, l_run);
  lua_pushlightuserdata(L, job);
  if (lua_pcall(L, 1, 0, 0) != LUA_OK) {
    // Only memory can fail here (the job's own errors are caught inside).
    job->output = Packet{};
    job->outcome = Outcome::NoMemory;
  }
  lua_settop(L, 0);
  lua_gc(L, LUA_GCSTEP, 0);
}

}  // namespace luasync::threads
