// A libuv handle owned from C++ (libuv's rule: a handle's memory may be freed
// only in its close callback, once the loop has let go of it).
//
// Invariant: the handle lives on the heap from init() until its close
// callback runs; the owner forgets it at close(), so nothing reaches it after.
// Shutdown (Loop::close) closes every handle, then runs the loop until
// uv_loop_close succeeds, which runs those callbacks: no handle outlives the
// loop, and none is freed while the loop still lists it.
#pragma once

#include <uv.h>

#include <new>
#include <utility>

namespace luasync::uv {

template <typename T>
class Handle {
 public:
  Handle() = default;
  ~Handle() { close(); }
  Handle(const Handle&) = delete;
  Handle& operator=(const Handle&) = delete;

  // Allocates the handle and runs init_fn(loop, handle, args...) (uv_timer_init,
  // uv_poll_init...); returns its status. On failure nothing is kept.
  template <typename Init, typename... Args>
  int init(Init init_fn, uv_loop_t* loop, Args&&... args) {
    close();
    T* h = new (std::nothrow) T();  // no C++ exception through Lua's frames
    if (h == nullptr) return UV_ENOMEM;
    int status = init_fn(loop, h, std::forward<Args>(args)...);
    if (status != 0) {
      delete h;  // never initialised: the loop does not know it
      return status;
    }
    handle_ = h;
    return 0;
  }

  T* get() const { return handle_; }
  uv_handle_t* base() const { return reinterpret_cast<uv_handle_t*>(handle_); }
  explicit operator bool() const { return handle_ != nullptr; }

  // Starts closing; the memory goes in the close callback. Idempotent.
  void close() {
    if (handle_ == nullptr) return;
    uv_close(base(), [](uv_handle_t* h) { delete reinterpret_cast<T*>(h); });
    handle_ = nullptr;
  }

 private:
  T* handle_ = nullptr;
};

}  // namespace luasync::uv
