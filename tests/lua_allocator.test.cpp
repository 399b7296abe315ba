// The Lua state's allocator at the edge: Lua requires that shrinking a block
// never fails, and the slab heap may have no span to give. Driven through
// lua_getallocf on a real LuaState, in a child process whose address space is
// then limited so that no mapping can be made.
#include <doctest/doctest.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>

#include "lua/slab_heap.hpp"
#include "lua/state.hpp"
#include "runtime/loop.hpp"

using luasync::ClockKind;
using luasync::Loop;
using luasync::LuaState;
using luasync::SlabHeap;

namespace {
bool under_asan() {
#if defined(__SANITIZE_ADDRESS__)
  return true;
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
  return true;
#endif
#endif
  return false;
}

// The child's checks, as an exit status: 0 when all held.
int shrink_with_no_span_to_give() {
  Loop loop(ClockKind::Virtual);
  LuaState state(loop, true);
  void* ud = nullptr;
  lua_Alloc alloc = lua_getallocf(state.L(), &ud);
  // Larger than the startup arena, which would keep it.
  constexpr std::size_t kBig = 512 * 1024;
  char* big = static_cast<char*>(alloc(ud, nullptr, LUA_TSTRING, kBig));
  if (big == nullptr) return 2;
  std::memset(big, 'x', kBig);
  long pages = 0;
  if (std::FILE* statm = std::fopen("/proc/self/statm", "r")) {
    if (std::fscanf(statm, "%ld", &pages) != 1) pages = 0;
    std::fclose(statm);
  }
  const rlimit limit{static_cast<rlim_t>(pages) * 4096 + 1024 * 1024, RLIM_INFINITY};
  if (pages == 0 || setrlimit(RLIMIT_AS, &limit) != 0) return 3;
  // Every span the heap's mappings have left goes to 1024-byte blocks, so
  // no class without a span of its own can get one.
  int taken = 0;
  while (alloc(ud, nullptr, LUA_TSTRING, 1024) != nullptr) ++taken;
  if (taken == 0) return 4;
  // The shrink to a class with no span (1000 bytes: 1008) keeps the block.
  char* small = static_cast<char*>(alloc(ud, big, kBig, 1000));
  if (small != big || state.foreign_blocks() != 1) return 5;
  for (int i = 0; i < 1000; ++i) {
    if (small[i] != 'x') return 6;
  }
  // It grows back, and is freed, as malloc's.
  char* again = static_cast<char*>(alloc(ud, small, 1000, 3000));
  if (again == nullptr || again[999] != 'x' || state.foreign_blocks() != 0) return 7;
  alloc(ud, again, 3000, 0);
  state.close();
  return 0;
}
}  // namespace

TEST_CASE("lua allocator: a large block shrunk to a small size when the slab heap has no span stays malloc's") {
  if (under_asan()) return;  // no slab heap: every block is malloc's there
  const pid_t child = fork();
  REQUIRE(child >= 0);
  if (child == 0) _exit(shrink_with_no_span_to_give());
  int status = 0;
  REQUIRE(waitpid(child, &status, 0) == child);
  REQUIRE(WIFEXITED(status));  // a block given to the slab heap as its own would crash
  CHECK(WEXITSTATUS(status) == 0);
}
