// The usual case of report.lua's frames(), in C: the user's frames of the
// running coroutine, a stack of at most a few thousand levels, no limit on
// the count. Each task's message handler takes them for the error that ends
// it -- a cancellation too (task.lua's msgh) -- and in Lua every level cost a
// debug.getinfo table of a dozen fields and three strings: cancelling
// 100,000 sleeping tasks spent most of its time there.
//
// Invariant: the text is report.lua's, line for line (its frame_line and
// frames, which stay for the other cases: a coroutine given, a limit on the
// count, a deeper stack); tests/lua/errors/frames_in_c.lua compares the two.
#include "lua/frames.hpp"

#include <cstring>
#include <lua.hpp>

namespace luasync {
namespace {

// report.lua's HEAD_LEVELS, TAIL_LEVELS and FULL_SCAN.
constexpr int kHeadLevels = 12;
constexpr int kTailLevels = 10;
constexpr int kFullScan = 4000;

// [-0, +(0|1)] Pushes the traceback line of the frame `ar` describes (its
// function at index fn), as report.lua's frame_line; false, pushing
// nothing, for a frame of C or of the runtime. fn_names at index names.
bool push_frame_line(lua_State* L, const lua_Debug& ar, int names, int fn) {
  if (std::strcmp(ar.what, "C") == 0) return false;
  if (ar.srclen >= 9 && std::memcmp(ar.source, "=luasync:", 9) == 0) return false;
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  luaL_addchar(&b, '\t');
  luaL_addstring(&b, ar.short_src);
  // As lua5.4's tracebacks: no line for a frame whose chunk has none.
  if (ar.currentline > 0) {
    lua_pushfstring(L, ":%d", ar.currentline);
    luaL_addvalue(&b);
  }
  luaL_addstring(&b, ": in ");
  if (std::strcmp(ar.what, "main") == 0) {
    luaL_addstring(&b, "main chunk");
  } else if (ar.name != nullptr && ar.namewhat[0] != '\0' && std::strcmp(ar.name, "?") != 0) {
    // "?": called through an upvalue of a runtime function, whose upvalue
    // names the build drops (cmake/bytecode.cpp).
    const char* kind = ar.namewhat;
    if (std::strcmp(kind, "global") == 0 || std::strcmp(kind, "field") == 0 || std::strcmp(kind, "method") == 0) {
      kind = "function";
    }
    luaL_addstring(&b, kind);
    luaL_addstring(&b, " '");
    luaL_addstring(&b, ar.name);
    luaL_addchar(&b, '\'');
  } else {
    lua_pushvalue(L, fn);
    const int type = lua_rawget(L, names);
    if (type == LUA_TSTRING || type == LUA_TNUMBER) {
      luaL_addstring(&b, "function '");
      luaL_addvalue(&b);
      luaL_addchar(&b, '\'');
    } else {
      lua_pop(L, 1);
      lua_pushfstring(L, "function <%s:%d>", ar.short_src, ar.linedefined);
      luaL_addvalue(&b);
    }
  }
  luaL_pushresult(&b);
  return true;
}

// The level report.lua's last_level answers: one past the deepest valid
// level (its `valid` helper looks one level short), found as it finds it.
int last_level(lua_State* L, int level) {
  lua_Debug ar;
  const auto valid = [&](int l) { return lua_getstack(L, l - 1, &ar) != 0; };
  int lo = level, hi = level + 1;
  while (valid(hi)) {
    lo = hi;
    hi *= 2;
  }
  while (lo + 1 < hi) {
    const int mid = lo + (hi - lo) / 2;
    if (valid(mid)) {
      lo = mid;
    } else {
      hi = mid;
    }
  }
  return lo;
}

// user_frames(level, fn_names) -> text | nil: report.lua's frames(nil, level)
// with level as its own getinfo counts it (this function stands where
// getinfo would); nil when the stack is deeper than report.lua scans in full.
int l_user_frames(lua_State* L) {
  const int level = static_cast<int>(luaL_checkinteger(L, 1));
  luaL_checktype(L, 2, LUA_TTABLE);
  lua_settop(L, 2);
  if (level < 0) return luaL_argerror(L, 1, "level out of range");
  const int last = last_level(L, level);
  if (last - level > kFullScan) {
    lua_pushnil(L);
    return 1;
  }
  lua_createtable(L, 8, 0);  // 3: the lines shown
  constexpr int names = 2, shown = 3, fn = 4;
  lua_Integer n = 0;
  bool hidden_tail = false;
  for (int i = level; i <= last; ++i) {
    lua_Debug ar;
    if (!lua_getstack(L, i, &ar)) break;
    lua_getinfo(L, "Slntf", &ar);  // 4: its function
    if (push_frame_line(L, ar, names, fn)) {
      if (ar.istailcall) {
        lua_pushliteral(L, "\n\t(...tail calls...)");
        lua_concat(L, 2);
      }
      lua_rawseti(L, shown, ++n);
    } else if (ar.istailcall) {
      hidden_tail = true;
    }
    lua_settop(L, shown);
  }
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  const auto add_line = [&](lua_Integer j, bool first) {
    if (!first) luaL_addchar(&b, '\n');
    lua_rawgeti(L, shown, j);
    luaL_addvalue(&b);
  };
  if (n > kHeadLevels + kTailLevels + 5) {
    for (lua_Integer j = 1; j <= kHeadLevels; ++j) add_line(j, j == 1);
    lua_pushfstring(L, "\n\t...\t(skipping %I levels)", n - kHeadLevels - kTailLevels);
    luaL_addvalue(&b);
    for (lua_Integer j = n - kTailLevels + 1; j <= n; ++j) add_line(j, false);
  } else if (n > 0) {
    for (lua_Integer j = 1; j <= n; ++j) add_line(j, j == 1);
  } else if (hidden_tail) {
    // A section left empty because Lua dropped its user frames for tail
    // calls into the runtime's Lua functions.
    luaL_addstring(&b, "\t(...tail calls...)");
  }
  luaL_pushresult(&b);
  return 1;
}

}  // namespace

int luaopen_frames(lua_State* L) {
  static const luaL_Reg funcs[] = {{"user_frames", l_user_frames}, {nullptr, nullptr}};
  luaL_newlib(L, funcs);
  return 1;
}

}  // namespace luasync
