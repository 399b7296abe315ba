// Copying values between Lua states that run on different threads (a job's
// function and arguments into a worker, its results back): the values are
// packed into bytes that belong to neither state, then rebuilt in the other.
//
// What can be copied (DESIGN §2): nil, booleans, numbers, strings, tables of
// these (without a metatable; nested, shared and cyclic ones keep their
// shape), Lua functions whose only upvalues are _ENV or the function itself
// (`local function fib(n) ... fib(n - 1) ... end`), and the standard
// library's C functions (time.sleep, print...), which are found by name in
// the other state. Anything else is refused with the path to it.
#pragma once

#include <lua.hpp>
#include <string>

namespace luasync::threads {

// A packed list of values. Lives on the heap (owned by a Job), never on the
// C stack of a function that may raise a Lua error.
struct Packet {
  std::string bytes;
  int count = 0;
};

// A refusal: where in the value (".cfg.cb", "[2]", or "" for the value
// itself) and why ("a function with upvalues cannot be sent to a thread").
struct Refusal {
  std::string path;
  std::string reason;
};

// [-0, +0] Packs the n values from index `first` into out (appending).
// Answers false, with `why` filled, at the first value that cannot be
// copied; `index` then says which of the n (1-based). Raises only for
// memory (Lua's or std::bad_alloc, turned into a Lua error by the caller's
// frame... see pack_or_raise).
bool pack(lua_State* L, int first, int n, Packet& out, Refusal& why, int& index);

// [-0, +count] Rebuilds the values of p in L; functions get `env` (an
// absolute index) as their _ENV. Raises only for memory.
int unpack(lua_State* L, const Packet& p, int env);

}  // namespace luasync::threads
