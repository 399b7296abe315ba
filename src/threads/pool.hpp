// Worker threads (DESIGN §2 "Worker threads"): an Executor is a pool of
// threads, each with a Lua state of its own, that run Jobs -- a function and
// its arguments copied out of the loop's state (copy.hpp) -- and hand them
// back to the loop thread through one completion port.
//
// Who touches what:
// - A Job belongs to the loop thread until submit(), to the executor's
//   queue and then to one worker until it is posted to the port, and to the
//   loop thread again once the port's callback took it. Only its owner of
//   the moment reads or writes it.
// - The loop thread never waits for a worker, but in join() once nothing is
//   in flight (the workers only have to leave their wait) and at exit.
#pragma once

#include <uv.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

#include "threads/copy.hpp"

namespace luasync::threads {

class Executor;

// What a worker made of a Job.
enum class Outcome {
  Pending,   // not run yet
  Returned,  // output holds the results
  Raised,    // output holds the error value; traceback where it was raised
  Refused,   // a result cannot be copied back: refusal says which and why
  NoMemory,  // the worker's state could not be made or ran out of memory
};

struct Job {
  Packet input;   // the function, then its arguments
  Packet output;  // the results, or the error value
  Outcome outcome = Outcome::Pending;
  std::string traceback;
  Refusal refusal;
  int refused_index = 0;
  // The loop thread's side of the job (threads.cpp's JobBox), or null once
  // that is gone: the port then frees the job alone.
  void* owner = nullptr;
  Executor* executor = nullptr;
  Job* next = nullptr;  // in a queue or the port's list
  std::string thread;   // the worker's name, for the traceback
};

class Executor {
 public:
  // Its threads are named prefix_0, prefix_1... (CPython's: asyncio_0 for
  // the default executor, ThreadPoolExecutor-0_0 for one of the user's).
  Executor(int max_workers, std::string prefix) : max_workers_(max_workers), prefix_(std::move(prefix)) {}
  ~Executor();
  Executor(const Executor&) = delete;
  Executor& operator=(const Executor&) = delete;

  int max_workers() const { return max_workers_; }
  // Queues the job and starts a worker if none is idle and fewer than
  // max_workers run; that worker takes the oldest queued job at once (it
  // has started: cancel() no longer finds it). False after stop(), or when
  // no thread could be started and none runs (the job is then not queued).
  bool submit(Job* job);
  // Takes the job out of the queue if no worker has taken it yet.
  bool cancel(Job* job);
  // Drops the jobs still queued; answers them (a list through next) for the
  // loop thread to release.
  Job* drop_queued();
  // Tells the workers to end once the queue is empty and waits for them.
  void join();
  // Tells the workers to end once the queue is empty; later submits fail.
  void stop();
  // After stop(): waits until the workers have ended, asking `interrupted`
  // every 50 ms; false when it said yes (the workers go on and end alone).
  bool wait_stopped(bool (*interrupted)());
  // Tells the workers to end and lets them go without waiting: the process
  // is about to leave while a job still runs.
  void abandon();

 private:
  // A worker's life: runs `first`, then the queue's jobs until stopped.
  void work(std::string name, Job* first);

  const int max_workers_;
  const std::string prefix_;
  std::mutex mu_;
  std::condition_variable cv_;
  Job* head_ = nullptr;  // the queue, oldest first
  Job* tail_ = nullptr;
  int idle_ = 0;    // workers waiting for a job
  int queued_ = 0;  // jobs in the queue
  int alive_ = 0;   // workers started that have not ended
  bool stopping_ = false;
  std::condition_variable ended_;  // a worker ended
  std::vector<std::thread> threads_;
};

// The completion port: workers post finished jobs, the loop thread takes
// them in its async callback. One per process (one loop per process).
// [loop thread] Opens it on the loop; false when the handle cannot be made.
bool open_port(uv_loop_t* loop, void (*on_done)(Job* job));
// [loop thread] A job was submitted / came back: the port's handle keeps
// the loop alive exactly while jobs are in flight (the virtual clock then
// runs at real speed, DESIGN §2).
void port_hold();
void port_release();
int port_in_flight();
// [loop thread] Whether a worker posted a job that the port has not handed
// back yet (read without the port's lock: kernel::Kernel::posted), and
// take_posted, which hands those back now (on_done for each, oldest
// first) rather than in the port's async callback.
const std::atomic<bool>& port_posted();
void take_posted();
// [any thread] Posts a finished job.
void post_done(Job* job);
// [worker thread] Hands output to the loop thread, which writes it as its
// own (the REPL moves its prompt first): whole lines, a begun one once it
// ends, its job ends or a flush (text null) asks; false when no port is
// open.
bool post_output(const char* text, size_t len);
// [loop thread] Closes the port: posts after this are dropped (the jobs
// leak, as the process is leaving).
void close_port();

// [worker thread] worker.cpp: runs the job in the worker's state L (made by
// new_worker_state, null when that failed).
lua_State* new_worker_state();
void run_job(lua_State* L, Job* job);

}  // namespace luasync::threads
