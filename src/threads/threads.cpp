// The loop thread's side of worker threads (pool.hpp), under
// asyncio/threads.lua: jobs and executors as userdata of luasync.core.
//
// A job is a userdata (JobBox, an IoSource) that owns its Job while the
// loop thread holds it. Submitted, the Job is the pool's until the port
// hands it back (on_done, in the port's libuv callback, or sooner: when the
// loop thread next queues an entry, kernel.hpp's Kernel::posted): that only
// notes the box; the delivery enqueues thread_done(box), whose thread_take
// reads the outcome.
//
// Invariants:
// - A box is anchored in the registry table kRegJobs exactly while its Job
//   is in an executor's hands (in_pool), so the port always finds an owner.
// - A Job whose box was collected while in the pool (only when the state
//   closes) has a null owner: on_done frees it alone.
// - Each submitted job holds the port once (port_hold) until it comes back
//   or is taken out of the queue: the loop stays alive, and the virtual
//   clock runs at real speed, exactly while a job is in flight.
#include "threads/threads.hpp"

#include <uv.h>

#include <algorithm>
#include <new>
#include <string>
#include <vector>

#include "kernel/boundary.hpp"
#include "kernel/kernel.hpp"
#include "lua/runtime_modules.hpp"
#include "runtime/interrupt.hpp"
#include "runtime/loop.hpp"
#include "threads/pool.hpp"

namespace luasync::threads {

namespace {

constexpr const char* kRegJobs = "luasync.threads.jobs";
constexpr const char* kJobMt = "luasync.thread_job";
constexpr const char* kExecutorMt = "luasync.executor";

// An executor and what the loop thread knows of it.
struct Pool {
  Executor executor;
  int in_flight = 0;    // jobs submitted and not back
  bool orphan = false;  // its userdata was collected: freed when idle
  Pool(int max_workers, std::string prefix) : executor(max_workers, std::move(prefix)) {}
};

// Every pool alive, for close_threads (loop thread only); after it, the
// userdata that outlive it (the state closes next) leave the pools alone.
std::vector<Pool*> pools;
bool closed = false;

struct JobBox final : kernel::IoSource {
  kernel::Kernel* k = nullptr;
  Job* job = nullptr;
  Pool* pool = nullptr;  // where it was submitted
  bool in_pool = false;
  void deliver(lua_State* L) override {
    lua_getfield(L, LUA_REGISTRYINDEX, kRegJobs);
    kernel::push_lua_fn(L, kernel::LuaFn::ThreadDone);
    lua_rawgetp(L, -2, this);
    lua_pushnil(L);
    kernel::enqueue(L);  // may raise (memory): the anchor stays, for the next delivery
    lua_pushnil(L);
    lua_rawsetp(L, -2, this);  // the entry holds it now
    lua_pop(L, 1);
  }
};

struct ExecutorBox {
  Pool* pool = nullptr;
};

void free_if_idle(Pool* pool) {
  if (closed || !pool->orphan || pool->in_flight > 0) return;
  pools.erase(std::find(pools.begin(), pools.end(), pool));
  delete pool;  // joins its idle workers
}

// A job left the pool (came back or was taken out of the queue).
void left_pool(JobBox* box) {
  box->in_pool = false;
  --box->pool->in_flight;
  port_release();
  free_if_idle(box->pool);
  box->pool = nullptr;
}

// [loop thread, libuv callback] The port hands a finished job back.
void on_done(Job* job) {
  auto* box = static_cast<JobBox*>(job->owner);
  if (box == nullptr) {  // the state is closing: nobody waits
    delete job;
    return;
  }
  left_pool(box);
  kernel::note_io(*box->k, box);
}

JobBox* check_job(lua_State* L, int i) { return static_cast<JobBox*>(luaL_checkudata(L, i, kJobMt)); }

Pool* check_executor(lua_State* L, int i) {
  auto* e = static_cast<ExecutorBox*>(luaL_checkudata(L, i, kExecutorMt));
  return e->pool;
}

// thread_job(fn, ...) -> job | nil, index, path, reason. Copies the function
// and its arguments out of this state now: a value that cannot be copied is
// refused before anything runs.
int l_thread_job(lua_State* L) {
  const int n = lua_gettop(L);
  kernel::check_loop_open(L);
  auto* box = static_cast<JobBox*>(lua_newuserdatauv(L, sizeof(JobBox), 0));
  new (box) JobBox();
  luaL_setmetatable(L, kJobMt);
  box->k = &kernel::kernel(L);
  box->job = new (std::nothrow) Job();
  if (box->job == nullptr) return luaL_error(L, "not enough memory");
  box->job->owner = box;
  bool ok = false, memory = false;
  try {
    ok = pack(L, 1, n, box->job->input, box->job->refusal, box->job->refused_index);
  } catch (const std::bad_alloc&) {
    memory = true;
  }
  if (memory) return luaL_error(L, "not enough memory");
  if (ok) return 1;
  lua_pushnil(L);
  lua_pushinteger(L, box->job->refused_index);
  lua_pushlstring(L, box->job->refusal.path.data(), box->job->refusal.path.size());
  lua_pushlstring(L, box->job->refusal.reason.data(), box->job->refusal.reason.size());
  return 4;
}

// executor_new(max_workers, prefix) -> executor
int l_executor_new(lua_State* L) {
  const lua_Integer max = luaL_checkinteger(L, 1);
  luaL_argcheck(L, max > 0 && max <= 1000000, 1, "max_workers out of range");
  size_t len;
  const char* prefix = luaL_checklstring(L, 2, &len);
  kernel::check_loop_open(L);
  auto* e = static_cast<ExecutorBox*>(lua_newuserdatauv(L, sizeof(ExecutorBox), 0));
  e->pool = nullptr;
  luaL_setmetatable(L, kExecutorMt);
  Pool* pool = nullptr;
  bool listed = false;
  try {
    pool = new Pool(static_cast<int>(max), std::string(prefix, len));
    pools.push_back(pool);
    listed = true;
  } catch (const std::bad_alloc&) {
  }
  if (!listed) {
    delete pool;
    return luaL_error(L, "not enough memory");
  }
  e->pool = pool;
  return 1;
}

// thread_submit(executor, job) -> true | false (no thread could start)
int l_thread_submit(lua_State* L) {
  Pool* pool = check_executor(L, 1);
  JobBox* box = check_job(L, 2);
  kernel::check_loop_open(L);
  luaL_argcheck(L, pool != nullptr && !closed, 1, "executor closed");
  luaL_argcheck(L, !box->in_pool && box->job && box->job->outcome == Outcome::Pending && box->pool == nullptr, 2,
                "job already submitted");
  if (!open_port(box->k->loop->uv(), on_done)) {
    lua_pushboolean(L, 0);
    return 1;
  }
  box->k->loop->workers_busy = [] { return port_in_flight() > 0; };
  box->k->posted = &port_posted();
  box->k->take_posted = take_posted;
  kernel::set_anchor(L, kRegJobs, box, 2);  // before submit: raises only for memory, with nothing to undo
  if (!pool->executor.submit(box->job)) {
    kernel::set_anchor(L, kRegJobs, box, 0);
    lua_pushboolean(L, 0);
    return 1;
  }
  box->in_pool = true;
  box->pool = pool;
  ++pool->in_flight;
  port_hold();
  lua_pushboolean(L, 1);
  return 1;
}

// thread_cancel(job) -> true when it was still queued (it will never run)
int l_thread_cancel(lua_State* L) {
  JobBox* box = check_job(L, 1);
  const bool removed = box->in_pool && box->pool->executor.cancel(box->job);
  if (removed) {
    left_pool(box);
    kernel::set_anchor(L, kRegJobs, box, 0);
  }
  lua_pushboolean(L, removed);
  return 1;
}

// thread_take(job) -> "returned", ... | "raised", error, traceback |
// "refused", index, path, reason | "memory" | "pending"
int l_thread_take(lua_State* L) {
  JobBox* box = check_job(L, 1);
  Job* job = box->job;
  if (job == nullptr || box->in_pool || job->outcome == Outcome::Pending) {
    lua_pushliteral(L, "pending");
    return 1;
  }
  switch (job->outcome) {
    case Outcome::Returned: {
      lua_pushliteral(L, "returned");
      lua_pushglobaltable(L);
      const int n = unpack(L, job->output, -1);
      lua_remove(L, -n - 1);
      return n + 1;
    }
    case Outcome::Raised:
      lua_pushliteral(L, "raised");
      lua_pushglobaltable(L);
      unpack(L, job->output, -1);
      lua_remove(L, -2);
      lua_pushfstring(L, "  thread '%s':\n%s", job->thread.c_str(), job->traceback.c_str());
      return 3;
    case Outcome::Refused:
      lua_pushliteral(L, "refused");
      lua_pushinteger(L, job->refused_index);
      lua_pushlstring(L, job->refusal.path.data(), job->refusal.path.size());
      lua_pushlstring(L, job->refusal.reason.data(), job->refusal.reason.size());
      return 4;
    default:
      lua_pushliteral(L, "memory");
      return 1;
  }
}

// executor_stop(executor, wait): takes no more jobs; its workers end once
// its queue is empty. With wait, blocks until they have (as CPython's
// shutdown(wait=True)); Ctrl-C ends that wait with KeyboardInterrupt.
int l_executor_stop(lua_State* L) {
  Pool* pool = check_executor(L, 1);
  if (pool == nullptr || closed) return 0;
  pool->executor.stop();
  if (lua_toboolean(L, 2) && !pool->executor.wait_stopped(interrupt_pending)) {
    lua_getfield(L, LUA_REGISTRYINDEX, kernel::kRegKeyboardInterrupt);
    lua_call(L, 0, 1);
    return lua_error(L);
  }
  return 0;
}

// threads_in_flight() -> jobs in flight in every executor
int l_threads_in_flight(lua_State* L) {
  lua_pushinteger(L, port_in_flight());
  return 1;
}

int l_job_gc(lua_State* L) {
  auto* box = static_cast<JobBox*>(luaL_checkudata(L, 1, kJobMt));
  kernel::unnote_io(*box->k, box);
  if (box->job) {
    if (box->in_pool) {
      box->job->owner = nullptr;  // the port frees it (the state is closing)
    } else {
      delete box->job;
    }
    box->job = nullptr;
  }
  box->~JobBox();
  return 0;
}

int l_executor_gc(lua_State* L) {
  auto* e = static_cast<ExecutorBox*>(luaL_checkudata(L, 1, kExecutorMt));
  if (e->pool && !closed) {
    e->pool->orphan = true;
    free_if_idle(e->pool);
  }
  e->pool = nullptr;
  return 0;
}

const luaL_Reg thread_funcs[] = {
    {"thread_job", l_thread_job},
    {"thread_submit", l_thread_submit},
    {"thread_cancel", l_thread_cancel},
    {"thread_take", l_thread_take},
    {"executor_new", l_executor_new},
    {"executor_stop", l_executor_stop},
    {"threads_in_flight", l_threads_in_flight},
    {nullptr, nullptr},
};

}  // namespace

void open_threads_module(lua_State* L) {
  closed = false;
  lua_newtable(L);
  lua_setfield(L, LUA_REGISTRYINDEX, kRegJobs);
  luaL_newmetatable(L, kJobMt);
  lua_pushcfunction(L, l_job_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  luaL_newmetatable(L, kExecutorMt);
  lua_pushcfunction(L, l_executor_gc);
  lua_setfield(L, -2, "__gc");
  lua_pop(L, 1);
  push_runtime_modules(L);
  lua_getfield(L, -1, "luasync.core");
  kernel::register_funcs(L, -1, thread_funcs, 0);
  // CPython's default pool size: min(32, cores + 4).
  lua_pushinteger(L, std::min(32, static_cast<int>(uv_available_parallelism()) + 4));
  lua_setfield(L, -2, "default_workers");
  lua_pop(L, 2);
}

bool close_threads() {
  // Idle executors end their workers; one with a job still running (the
  // wait for it was cut short) lets its threads go.
  bool all_joined = true;
  for (Pool* pool : pools) {
    for (Job* j = pool->executor.drop_queued(); j != nullptr;) {
      Job* next = j->next;
      if (j->owner) {
        auto* box = static_cast<JobBox*>(j->owner);
        box->in_pool = false;
        --pool->in_flight;
        port_release();
        box->pool = nullptr;
        // (still anchored: the state closes after this and collects it)
      } else {
        delete j;
      }
      j = next;
    }
    if (pool->in_flight > 0) {
      pool->executor.abandon();
      all_joined = false;
    } else {
      pool->executor.join();
    }
  }
  close_port();
  closed = true;
  if (all_joined) {
    for (Pool* pool : pools) delete pool;
    pools.clear();
  }
  return all_joined;
}

}  // namespace luasync::threads
