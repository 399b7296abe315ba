// StreamReader's read methods -- read, readline, readuntil, readexactly --
// as C functions that return ops (kernel/ops.hpp) whose step calls the
// method's Lua body (streams.lua) in the awaiting task.
//
// Why: these are the hot awaits of every stream (W5: two per echoed
// message). As coroutine objects of coro.cpp each cost a table with six
// fields, a weak-set entry and a walk of the stack for where it was made,
// and the Lua method around it checked its arguments once more; an op is
// one small userdata, finds its maker's line in one lookup (the method is
// the user's direct callee), and leaves FRESH at once when awaited at once.
// What a user sees is the same: a coroutine object named
// 'StreamReader.read', run at most once, reported when never awaited.
//
// Invariant: an op of these kinds holds in its user values the body, the
// reader and the method's argument (none for readline), and nothing else;
// the step passes them to the body unchanged. The task waits inside the
// body (core.wait_field on the reader), never on the op: the kinds' abort
// is never called.
#include "asyncio/reader_ops.hpp"

#include <new>

#include "kernel/kernel.hpp"
#include "kernel/ops.hpp"
#include "lua/errors.hpp"
#include "lua/runtime_modules.hpp"

namespace luasync {

using namespace kernel;

namespace {

// The upvalues of each method, after the kernel's.
enum MethodUpvalue : int {
  kReaderMt = kKernelUpvalues + 1,  // StreamReader: the class checked
  kBody,                            // the method's Lua body in streams.lua
  kMethodExtra = kBody - kKernelUpvalues
};

std::uint8_t read_kind, readline_kind, readuntil_kind, readexactly_kind;

int k_results(lua_State* L, int, lua_KContext) { return lua_gettop(L) - 1; }

// The step of every kind: body(reader[, arg]) in the awaiting task, its
// results the op's. The op is at 1 (l_await's frame: kernel upvalues only).
int call_step(lua_State* L) {
  const int nuv = static_cast<Op*>(lua_touserdata(L, 1))->nuv;
  luaL_checkstack(L, nuv, nullptr);
  for (int i = 1; i <= nuv; ++i) lua_getiuservalue(L, 1, i);
  lua_callk(L, nuv - 1, LUA_MULTRET, 0, k_results);
  return k_results(L, LUA_OK, 0);
}

bool never_aborted(lua_State*, Op*, int, int) { return false; }

// [-0, +0] Raises "bad argument #1 to 'fname' (StreamReader expected...)"
// unless the value at 1 is a StreamReader, as streams.lua's check does.
void check_reader(lua_State* L, const char* fname) {
  if (lua_getmetatable(L, 1)) {
    const bool ok = lua_rawequal(L, -1, up(L, kReaderMt));
    lua_pop(L, 1);
    if (ok) return;
  }
  self_error(L, fname, "StreamReader", "reader");
}

// [-0, +1] The op of `kind` with the body, the reader (at 1) and, when
// with_arg, the value at 2.
int make_op(lua_State* L, std::uint8_t kind, bool with_arg) {
  const int nuv = with_arg ? 3 : 2;
  push_op(L, kind, nuv);
  lua_pushvalue(L, up(L, kBody));
  lua_setiuservalue(L, -2, 1);
  lua_pushvalue(L, 1);
  lua_setiuservalue(L, -2, 2);
  if (with_arg) {
    lua_pushvalue(L, 2);
    lua_setiuservalue(L, -2, 3);
  }
  return 1;
}

// [-0, +0] The count argument (#1 after self, at 2) of fname must be an
// integer, as luaL_checkinteger takes one (2.0 and "2" too; it is made an
// integer in place); absent, it is -1 when `optional`.
void check_count(lua_State* L, const char* fname, bool optional) {
  if (optional && lua_isnoneornil(L, 2)) {
    lua_settop(L, 1);
    lua_pushinteger(L, -1);
    return;
  }
  if (lua_isinteger(L, 2)) return;
  int exact = 0;
  const lua_Integer n = lua_tointegerx(L, 2, &exact);
  if (exact) {
    lua_pushinteger(L, n);
    lua_replace(L, 2);
    return;
  }
  if (lua_isnumber(L, 2)) {
    lua_pushliteral(L, "number has no integer representation");
  } else {
    lua_pushfstring(L, "integer expected, got %s", lua_isnone(L, 2) ? "no value" : luaL_typename(L, 2));
  }
  arg_error(L, 1, fname, lua_tostring(L, -1));
}

// reader:read([n]): up to n bytes (none or n < 0: to the end).
int l_read(lua_State* L) {
  check_reader(L, "read");
  check_count(L, "read", true);
  return make_op(L, read_kind, true);
}

// reader:readline()
int l_readline(lua_State* L) {
  check_reader(L, "readline");
  return make_op(L, readline_kind, false);
}

// reader:readuntil([separator]) ("\n" by default)
int l_readuntil(lua_State* L) {
  check_reader(L, "readuntil");
  if (lua_isnoneornil(L, 2)) {
    lua_settop(L, 1);
    lua_pushliteral(L, "\n");
  } else if (lua_type(L, 2) != LUA_TSTRING) {
    lua_pushfstring(L, "string expected, got %s", luaL_typename(L, 2));
    arg_error(L, 1, "readuntil", lua_tostring(L, -1));
  }
  return make_op(L, readuntil_kind, true);
}

// reader:readexactly(n)
int l_readexactly(lua_State* L) {
  check_reader(L, "readexactly");
  check_count(L, "readexactly", false);
  return make_op(L, readexactly_kind, true);
}

// reader_methods(StreamReader, read, readline, readuntil, readexactly) ->
// a table of the four methods, each making ops that run its body.
int l_reader_methods(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  for (int i = 2; i <= 5; ++i) luaL_checktype(L, i, LUA_TFUNCTION);
  lua_settop(L, 5);
  lua_createtable(L, 0, 4);
  const int t = lua_gettop(L);
  const luaL_Reg methods[][2] = {
      {{"read", l_read}, {nullptr, nullptr}},
      {{"readline", l_readline}, {nullptr, nullptr}},
      {{"readuntil", l_readuntil}, {nullptr, nullptr}},
      {{"readexactly", l_readexactly}, {nullptr, nullptr}},
  };
  for (int i = 0; i < 4; ++i) {
    lua_pushvalue(L, 1);
    lua_pushvalue(L, 2 + i);
    register_funcs(L, t, methods[i], kMethodExtra);
  }
  return 1;
}

const luaL_Reg reader_funcs[] = {
    {"reader_methods", l_reader_methods},
    {nullptr, nullptr},
};

}  // namespace

void open_reader_ops(lua_State* L) {
  // (register_op_kind grows a vector: its bad_alloc must not cross Lua's
  // frames, and nothing with a destructor may live across luaL_error. A
  // kind registered before a failure is registered again by the next try:
  // a spare entry, never used.)
  bool registered = false;
  try {
    read_kind = register_op_kind(L, OpKind{"StreamReader.read", call_step, never_aborted, true});
    readline_kind = register_op_kind(L, OpKind{"StreamReader.readline", call_step, never_aborted, true});
    readuntil_kind = register_op_kind(L, OpKind{"StreamReader.readuntil", call_step, never_aborted, true});
    readexactly_kind = register_op_kind(L, OpKind{"StreamReader.readexactly", call_step, never_aborted, true});
    registered = true;
  } catch (const std::bad_alloc&) {
  }
  if (!registered) luaL_error(L, "not enough memory");
  push_runtime_modules(L);
  lua_getfield(L, -1, "luasync.core");
  register_funcs(L, -1, reader_funcs, 0, kOnlyState);  // (the methods it makes get every upvalue)
  lua_pop(L, 2);
}

}  // namespace luasync
