// report.lua's frames(), in C: the user's frames of a coroutine as
// traceback lines. Each task's message handler takes them for the error
// that ends it -- a cancellation too (task.lua's msgh) -- and in Lua every
// level cost a debug.getinfo table of a dozen fields and three strings:
// cancelling 100,000 sleeping tasks spent most of its time there.
// The text is what report.lua wrote before (tests/lua/errors/frames.lua pins
// it, shape by shape, as does every traceback the tests compare).
#include "lua/frames.hpp"

#include <cmath>
#include <cstring>
#include <lua.hpp>

namespace luasync {
namespace {

// A deep stack's head and tail, in user frames; past kFullScan levels, in
// levels (see l_frames).
constexpr int kHeadLevels = 12;
constexpr int kTailLevels = 10;
constexpr int kFullScan = 4000;

// [-0, +(0|1)] Pushes the traceback line of the frame `ar` describes (its
// function at index fn): "\tsrc:line: in what", what named as Lua names
// it, or by fn_names (at index names) for an async function's body; false,
// pushing nothing, for a frame of C or of the runtime.
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

// One past the deepest level of S's stack, found by doubling then
// bisecting as luaL_traceback does (each lua_getstack walks the stack from
// the top: scanning every level of a 200,000-deep overflow would take
// minutes). For the running coroutine (co null) the levels count from the
// caller of frames(), whose frame is level 1 here.
int last_level(lua_State* S, bool running, int level) {
  lua_Debug ar;
  const auto valid = [&](int l) { return lua_getstack(S, running ? l - 1 : l, &ar) != 0; };
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

// [-0, +(0|1)] The line of the frame at `level` of S, as push_frame_line:
// false for none; *exists false past the stack's end. *tail: whether it
// was tail-called.
bool push_level_line(lua_State* L, lua_State* S, int level, int names, bool* exists, bool* tail) {
  lua_Debug ar;
  *exists = lua_getstack(S, level, &ar) != 0;
  if (!*exists) return false;
  if (S != L && !lua_checkstack(S, 1)) luaL_error(L, "stack overflow");
  lua_getinfo(S, "Slntf", &ar);  // its function, on S's stack
  if (S != L) lua_xmove(S, L, 1);
  const int fn = lua_gettop(L);
  *tail = ar.istailcall != 0;
  const bool line = push_frame_line(L, ar, names, fn);
  lua_remove(L, fn);
  return line;
}

// frames(co, level, max, fn_names) -> text: the user's frames of co (nil:
// the running coroutine) from `level` down, at most max of them (nil: all),
// as lines "\tsrc:line: in what", innermost first, without the frames of the
// runtime (chunks named "=luasync:...") or of C. A skipped user frame that
// was tail-called is marked "(...tail calls...)", as in Lua. A deep stack
// shows its kHeadLevels innermost user frames and kTailLevels outermost
// ones, and how many user frames it skipped between them; past kFullScan
// levels (a stack overflow: each lua_getstack walks the stack from the top)
// the head, the tail and the count are in levels, C frames and the
// runtime's counted.
int l_frames(lua_State* L) {
  lua_State* S = L;
  if (!lua_isnoneornil(L, 1)) {
    luaL_checktype(L, 1, LUA_TTHREAD);
    S = lua_tothread(L, 1);
  }
  const bool running = lua_isnoneornil(L, 1);
  const int level = static_cast<int>(luaL_checkinteger(L, 2));
  const lua_Number max = luaL_optnumber(L, 3, HUGE_VAL);
  luaL_checktype(L, 4, LUA_TTABLE);
  lua_settop(L, 4);
  if (level < 0) return luaL_argerror(L, 2, "level out of range");
  constexpr int names = 4, lines = 5;
  // A few frames (max: user_frame's one, a timeout's "entered at") are the
  // innermost ones: found from the top, without the search for the stack's
  // last level, which costs more the deeper the stack (each lua_getstack
  // walks it), so a timeout entered 10,000 calls deep took 17x longer.
  const bool few = max <= kHeadLevels;
  // (bounded all the same: a stack with no frame of the user's near its top)
  const int last = few ? level + kFullScan : last_level(S, running, level);
  lua_createtable(L, 8, 0);  // 5: the lines
  lua_Integer n = 0;
  bool hidden_tail = false;
  bool exists = false, tail = false;
  const auto add = [&](const char* s) {
    lua_pushstring(L, s);
    lua_rawseti(L, lines, ++n);
  };
  if (few || last - level <= kFullScan) {
    // Every user frame, each with its tail-call mark, then the cut.
    for (int i = level; i <= last; ++i) {
      const bool line = push_level_line(L, S, i, names, &exists, &tail);
      if (!exists) break;
      if (line) {
        if (static_cast<lua_Number>(n + 1) >= max) {
          lua_rawseti(L, lines, ++n);
          break;
        }
        if (tail) {
          lua_pushliteral(L, "\n\t(...tail calls...)");
          lua_concat(L, 2);
        }
        lua_rawseti(L, lines, ++n);
      } else if (tail) {
        hidden_tail = true;
      }
    }
    if (n > kHeadLevels + kTailLevels + 5) {
      // The head stays at 1..kHeadLevels; the skip line and the tail move
      // down behind it.
      const lua_Integer skipped = n - kHeadLevels - kTailLevels;
      lua_pushfstring(L, "\t...\t(skipping %I levels)", static_cast<LUA_INTEGER>(skipped));
      lua_rawseti(L, lines, kHeadLevels + 1);
      for (lua_Integer j = 1; j <= kTailLevels; ++j) {
        lua_rawgeti(L, lines, n - kTailLevels + j);
        lua_rawseti(L, lines, kHeadLevels + 1 + j);
      }
      for (lua_Integer j = kHeadLevels + kTailLevels + 2; j <= n; ++j) {
        lua_pushnil(L);
        lua_rawseti(L, lines, j);
      }
      n = kHeadLevels + kTailLevels + 1;
    }
  } else {
    int i = level;
    while (i <= last) {
      if (i == level + kHeadLevels && last - i > kTailLevels + 5) {
        const int skip = last - kTailLevels - i;
        lua_pushfstring(L, "\t...\t(skipping %d levels)", skip);
        lua_rawseti(L, lines, ++n);
        i += skip;
      }
      const bool line = push_level_line(L, S, i, names, &exists, &tail);
      if (!exists) break;
      if (line) {
        lua_rawseti(L, lines, ++n);
        if (static_cast<lua_Number>(n) >= max) break;
        if (tail) add("\t(...tail calls...)");
      } else if (tail) {
        hidden_tail = true;
      }
      ++i;
    }
  }
  // A section left empty because Lua dropped its user frames for tail calls
  // into the runtime's Lua functions.
  if (n == 0 && hidden_tail) add("\t(...tail calls...)");
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (lua_Integer j = 1; j <= n; ++j) {
    if (j > 1) luaL_addchar(&b, '\n');
    lua_rawgeti(L, lines, j);
    luaL_addvalue(&b);
  }
  luaL_pushresult(&b);
  return 1;
}

// user_frame(fn_names) -> line: the innermost frame of the user's code
// above the caller of user_frame (report.lua's, so from level 2 here), as
// frames() writes it; nil when the stack has none. Every asyncio.timeout
// and wait_for takes it (the traceback of its TimeoutError): in Lua, a
// debug.getinfo table per runtime level above it was a third of a
// wait_for whose coroutine returns at once.
int l_user_frame(lua_State* L) {
  luaL_checktype(L, 1, LUA_TTABLE);
  lua_settop(L, 1);
  lua_Debug ar;
  for (int level = 2; lua_getstack(L, level, &ar) != 0; ++level) {
    lua_getinfo(L, "S", &ar);
    // push_frame_line's test of a user's frame
    if (std::strcmp(ar.what, "C") == 0) continue;
    if (ar.srclen >= 9 && std::memcmp(ar.source, "=luasync:", 9) == 0) continue;
    bool exists = false, tail = false;
    push_level_line(L, L, level, 1, &exists, &tail);
    return 1;
  }
  lua_pushnil(L);
  return 1;
}

}  // namespace

int frames(lua_State* L) { return l_frames(L); }

int luaopen_frames(lua_State* L) {
  static const luaL_Reg funcs[] = {{"frames", l_frames}, {"user_frame", l_user_frame}, {nullptr, nullptr}};
  luaL_newlib(L, funcs);
  return 1;
}

}  // namespace luasync
