// The record of what the loop thread runs (entry_watch.hpp): written by the
// loop thread, read by live inspection's thread.
#include "kernel/entry_watch.hpp"

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <thread>

#include "kernel/kernel.hpp"
#include "runtime/clock.hpp"

namespace luasync::kernel {

namespace {

constexpr auto kRelaxed = std::memory_order_relaxed;

// Stores the words of `text` (NUL-terminated in its 8 * N bytes) up to the
// one that holds its end (a reader stops there: what lies beyond is never
// read).
template <int N>
void store_text(std::atomic<std::uint64_t> (&words)[N], const char (&text)[8 * N]) {
  for (int i = 0; i < N; ++i) {
    std::uint64_t v = 0;
    std::memcpy(&v, text + 8 * i, 8);
    words[i].store(v, kRelaxed);
    if (std::memchr(text + 8 * i, 0, 8) != nullptr) return;
  }
}

template <int N>
void load_text(const std::atomic<std::uint64_t> (&words)[N], char (&out)[8 * N]) {
  for (int i = 0; i < N; ++i) {
    const std::uint64_t v = words[i].load(kRelaxed);
    std::memcpy(out + 8 * i, &v, 8);
    if (std::memchr(out + 8 * i, 0, 8) != nullptr) return;
  }
  out[8 * N - 1] = 0;
}

// A write of the record: begin_write makes `seq` odd, end_write even again.
std::uint64_t begin_write(EntryWatch& w) {
  const std::uint64_t s = w.seq.load(kRelaxed);
  w.seq.store(s + 1, kRelaxed);
  std::atomic_thread_fence(std::memory_order_release);
  return s;
}

void end_write(EntryWatch& w, std::uint64_t s) { w.seq.store(s + 2, std::memory_order_release); }

// (in a write) What runs since `loop_time`, on the loop's clock; `started`
// is the same instant on the monotonic clock, which under the real clock
// the loop's is.
void store_times(EntryWatch& w, double loop_time) {
  w.loop_time.store(loop_time, kRelaxed);
  w.started.store(w.real_clock ? loop_time : monotonic_seconds(), kRelaxed);
}

// The length of `s` (`len` bytes) cut to fit `size` bytes with its NUL,
// on a character's boundary (a name, a path: UTF-8 stays valid): a
// character whose bytes would not all fit is left out.
size_t cut_length(const char* s, size_t len, size_t size) {
  if (len < size) return len;
  len = size - 1;
  size_t lead = len;  // the last character's first byte, one past
  while (lead > 0 && len - lead < 3 && (static_cast<unsigned char>(s[lead - 1]) & 0xC0) == 0x80) --lead;
  if (lead == 0) return len;
  const auto b = static_cast<unsigned char>(s[lead - 1]);
  const size_t need = b >= 0xF0 ? 4 : b >= 0xE0 ? 3 : b >= 0xC0 ? 2 : 1;
  return lead - 1 + need > len ? lead - 1 : len;
}

void copy_cut(char* to, const char* from, size_t len, size_t size) {
  len = cut_length(from, len, size);
  std::memcpy(to, from, len);
  to[len] = 0;
}

}  // namespace

void entry_begins(lua_State* L, Kernel& k, int task, RunningKind kind) {
  EntryWatch& w = *k.entry_watch;
  char name[EntryRecord::kNameBytes] = {};
  const void* id = nullptr;
  lua_Integer number = 0;
  if (task != 0) {
    id = lua_topointer(L, task);
    lua_pushliteral(L, "_name");
    size_t len = 0;
    if (lua_rawget(L, task) == LUA_TSTRING) {
      const char* s = lua_tolstring(L, -1, &len);
      copy_cut(name, s, len, sizeof name);
    }
    lua_pop(L, 1);
    if (lua_rawgeti(L, task, kFieldSeq) == LUA_TNUMBER) number = lua_tointeger(L, -1);
    lua_pop(L, 1);
  }
  const std::uint64_t s = begin_write(w);
  w.kind.store(static_cast<int>(kind), kRelaxed);
  w.task.store(id, kRelaxed);
  w.number.store(number, kRelaxed);
  store_times(w, k.entry_start);
  store_text(w.name, name);
  w.call[0].store(0, kRelaxed);
  end_write(w, s);
}

void entry_ends(Kernel& k, double now) {
  EntryWatch& w = *k.entry_watch;
  const std::uint64_t s = begin_write(w);
  w.kind.store(static_cast<int>(RunningKind::None), kRelaxed);
  w.task.store(nullptr, kRelaxed);
  w.number.store(0, kRelaxed);
  store_times(w, now);
  w.name[0].store(0, kRelaxed);
  w.call[0].store(0, kRelaxed);
  end_write(w, s);
}

void entry_blocking_call(lua_State* L, const char* text) {
  Kernel& k = kernel(L);
  if (k.entry_watch == nullptr) return;
  char call[EntryRecord::kCallBytes] = {};
  if (text != nullptr) {
    lua_Debug ar;
    int line = -1;
    const char* src = nullptr;
    for (int level = 1; lua_getstack(L, level, &ar); ++level) {
      lua_getinfo(L, "Sl", &ar);
      if (*ar.what != 'C' && std::strncmp(ar.source, "=luasync:", 9) != 0) {
        src = ar.short_src;
        line = ar.currentline;
        break;
      }
    }
    int n = src != nullptr ? std::snprintf(call, sizeof call, "%s at %s:%d", text, src, line)
                           : std::snprintf(call, sizeof call, "%s", text);
    if (n >= static_cast<int>(sizeof call)) call[cut_length(call, sizeof call, sizeof call)] = 0;
  }
  EntryWatch& w = *k.entry_watch;
  const std::uint64_t s = begin_write(w);
  store_text(w.call, call);
  end_write(w, s);
}

bool entry_watched(lua_State* L) { return kernel(L).entry_watch != nullptr; }

void idle_snapshot(lua_State* L, Kernel& k) {
  EntryWatch& w = *k.entry_watch;
  const double start = monotonic_seconds();
  if (start < w.next_idle_snapshot) return;
  push_lua_fn(L, LuaFn::InspectIdle);
  if (lua_pcall(L, 0, 0, 0) != LUA_OK) lua_pop(L, 1);  // (memory: no snapshot this time)
  const double took = monotonic_seconds() - start;
  w.next_idle_snapshot = start + std::max(1.0, 20 * took);
}

EntryRecord read_entry(const EntryWatch& w) {
  EntryRecord r;
  for (;;) {
    const std::uint64_t s = w.seq.load(std::memory_order_acquire);
    if ((s & 1) != 0) {
      std::this_thread::yield();
      continue;
    }
    r.kind = static_cast<RunningKind>(w.kind.load(kRelaxed));
    r.task = w.task.load(kRelaxed);
    r.number = w.number.load(kRelaxed);
    r.started = w.started.load(kRelaxed);
    r.loop_time = w.loop_time.load(kRelaxed);
    load_text(w.name, r.name);
    load_text(w.call, r.call);
    std::atomic_thread_fence(std::memory_order_acquire);
    if (w.seq.load(kRelaxed) == s) return r;
  }
}

}  // namespace luasync::kernel
