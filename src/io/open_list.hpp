// What every I/O source of src/io keeps the same way: its anchor in a
// registry table while libuv may still call back for it, and the list of the
// open ones that shutdown walks to close their handles before the loop
// closes (uv/handle.hpp's rule).
#pragma once

#include <lua.hpp>

namespace luasync::io {

// [-0, +0] registry[reg][p] = the value at index ud (0: nil).
inline void anchor(lua_State* L, const char* reg, const void* p, int ud) {
  ud = ud ? lua_absindex(L, ud) : 0;
  lua_getfield(L, LUA_REGISTRYINDEX, reg);
  if (ud) {
    lua_pushvalue(L, ud);
  } else {
    lua_pushnil(L);
  }
  lua_rawsetp(L, -2, p);
  lua_pop(L, 1);
}

// An intrusive list of the open sources of one kind: T has the members
// next_open and prev_open.
template <typename T>
class OpenList {
 public:
  T* first() const { return head_; }
  void add(T* x) {
    x->prev_open = nullptr;
    x->next_open = head_;
    if (head_) head_->prev_open = x;
    head_ = x;
  }
  void remove(T* x) {
    if (x->prev_open) x->prev_open->next_open = x->next_open;
    if (x->next_open) x->next_open->prev_open = x->prev_open;
    if (head_ == x) head_ = x->next_open;
    x->next_open = x->prev_open = nullptr;
  }

 private:
  T* head_ = nullptr;
};

}  // namespace luasync::io
