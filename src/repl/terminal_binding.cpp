// luasync.terminal: the REPL's view of LineInput (src/repl/line_input.hpp).
#include <unistd.h>

#include <new>
#include <string>
#include <vector>

#include "kernel/boundary.hpp"
#include "kernel/kernel.hpp"
#include "lua/runtime_modules.hpp"
#include "lua/state.hpp"
#include "repl/line_input.hpp"

namespace luasync {

namespace {
Loop& loop_of(lua_State* L) { return *static_cast<Loop*>(lua_touserdata(L, lua_upvalueindex(1))); }
LineInput& input() { return LineInput::instance(); }

// The state that is pumping input; completion runs inside pump().
lua_State* pumping_state = nullptr;

// What complete_with_lua hands to complete_in_lua.
struct Completion {
  const std::string* line;
  int start, end;
};

// [-0, +1] complete_in_lua(completion) -> the completer's list of matches
// (or nil): every push, each of which may raise (memory), inside the
// protected call.
int complete_in_lua(lua_State* L) {
  const auto* c = static_cast<const Completion*>(lua_touserdata(L, 1));
  if (lua_getfield(L, LUA_REGISTRYINDEX, kernel::kRegCompleter) != LUA_TFUNCTION) return 0;
  lua_pushlstring(L, c->line->data(), c->line->size());
  lua_pushinteger(L, c->start);
  lua_pushinteger(L, c->end);
  lua_call(L, 3, 1);
  return 1;
}

// Called by readline (inside pump): no Lua error may leave it (it would
// jump over readline's frames and this one's C++ objects), so the Lua side
// runs under lua_pcall; reading the list back raises nothing (raw reads of
// strings). It throws std::bad_alloc only (on_complete catches it).
std::vector<std::string> complete_with_lua(const std::string& line, int start, int end, void*) {
  std::vector<std::string> out;
  lua_State* L = pumping_state;
  if (!L || !lua_checkstack(L, 4)) return out;  // (lua_checkstack never raises)
  const int top = lua_gettop(L);
  Completion c{&line, start, end};
  lua_pushcfunction(L, complete_in_lua);  // (a light C function: no allocation)
  lua_pushlightuserdata(L, &c);
  if (lua_pcall(L, 1, 1, 0) == LUA_OK && lua_istable(L, -1)) {
    const int list = lua_gettop(L);
    try {
      for (lua_Integer i = 1;; ++i) {
        const bool is_string = lua_rawgeti(L, list, i) == LUA_TSTRING;
        std::size_t len = 0;
        const char* s = is_string ? lua_tolstring(L, -1, &len) : nullptr;
        lua_pop(L, 1);  // (the list holds the string)
        if (!is_string) break;
        out.emplace_back(s, len);
      }
    } catch (...) {
      lua_settop(L, top);
      throw;
    }
  }
  lua_settop(L, top);
  return out;
}

// start(mode, echo) -> ok. mode: "terminal" or "lines".
int l_terminal_start(lua_State* L) {
  static const char* const modes[] = {"terminal", "lines", nullptr};
  int mode = luaL_checkoption(L, 1, nullptr, modes);
  bool echo = lua_toboolean(L, 2);
  kernel::check_loop_open(L);
  bool ok = input().start(loop_of(L).uv(), mode == 0 ? LineInput::Mode::Terminal : LineInput::Mode::Lines, echo);
  if (ok) input().set_completer(complete_with_lua, nullptr);
  lua_pushboolean(L, ok);
  return 1;
}

int l_terminal_stop(lua_State*) {
  input().stop();
  return 0;
}

// Runs fn(s) with s the string argument 1 as a std::string; an allocation
// that fails is Lua's memory error (no C++ exception crosses Lua's frames,
// no C++ object is alive when it is raised).
template <typename Fn>
int with_string_arg(lua_State* L, Fn fn) {
  std::size_t len;
  const char* p = luaL_checklstring(L, 1, &len);
  bool memory = false;
  try {
    fn(std::string(p, len));
  } catch (const std::bad_alloc&) {
    memory = true;
  }
  if (memory) return luaL_error(L, "not enough memory");
  return 0;
}

int l_terminal_prompt(lua_State* L) {
  return with_string_arg(L, [](const std::string& text) { input().prompt(text); });
}

int l_terminal_ready(lua_State* L) {
  lua_pushboolean(L, input().ready());
  return 1;
}

// [-0, +1] pending() -> whether more input waits already (a paste's rest)
int l_terminal_pending(lua_State* L) {
  lua_pushboolean(L, input().pending());
  return 1;
}

// [-0, +1] pump() -> line | false (EOF) | nil (nothing yet)
int l_terminal_pump(lua_State* L) {
  pumping_state = L;
  bool memory = false;
  try {
    input().pump();
  } catch (const std::bad_alloc&) {
    memory = true;
  }
  pumping_state = nullptr;
  if (memory) return luaL_error(L, "not enough memory");
  if (const std::string* line = input().first_line()) {
    // The line leaves the queue once it is in Lua: a push that raises
    // (memory) leaves it for the next pump.
    lua_pushlstring(L, line->data(), line->size());
    input().drop_first_line();
  } else if (input().at_eof()) {
    lua_pushboolean(L, 0);
  } else {
    lua_pushnil(L);
  }
  return 1;
}

int l_terminal_hide(lua_State*) {
  input().hide();
  return 0;
}

int l_terminal_show(lua_State*) {
  input().show();
  return 0;
}

int l_terminal_cancel_line(lua_State*) {
  input().cancel_line();
  return 0;
}

int l_terminal_add_history(lua_State* L) {
  return with_string_arg(L, [](const std::string& entry) { input().add_to_history(entry); });
}

int l_terminal_columns(lua_State* L) {
  lua_pushinteger(L, input().columns());
  return 1;
}

int l_terminal_abandon_line(lua_State*) {
  input().abandon_line();
  return 0;
}

int l_terminal_reset_eof(lua_State*) {
  input().reset_eof();
  return 0;
}

int l_terminal_history(lua_State* L) {
  return with_string_arg(L, [](const std::string& path) { input().set_history_file(path); });
}

int l_terminal_set_completer(lua_State* L) {
  luaL_checktype(L, 1, LUA_TFUNCTION);
  lua_settop(L, 1);
  lua_setfield(L, LUA_REGISTRYINDEX, kernel::kRegCompleter);
  return 0;
}

// hold_lines(): from the end of an input until its prompt, background tasks'
// begun lines wait for their end, as while the prompt shows (output.hpp).
int l_terminal_hold_lines(lua_State*) {
  if (input().started()) hold_begun_lines(true);
  return 0;
}

int l_terminal_isatty(lua_State* L) {
  lua_pushboolean(L, isatty(static_cast<int>(luaL_checkinteger(L, 1))));
  return 1;
}

const luaL_Reg terminal_funcs[] = {
    {"start", l_terminal_start},
    {"stop", l_terminal_stop},
    {"prompt", l_terminal_prompt},
    {"ready", l_terminal_ready},
    {"pending", l_terminal_pending},
    {"pump", l_terminal_pump},
    {"hide", l_terminal_hide},
    {"show", l_terminal_show},
    {"cancel_line", l_terminal_cancel_line},
    {"history", l_terminal_history},
    {"set_completer", l_terminal_set_completer},
    {"isatty", l_terminal_isatty},
    {"abandon_line", l_terminal_abandon_line},
    {"reset_eof", l_terminal_reset_eof},
    {"add_history", l_terminal_add_history},
    {"columns", l_terminal_columns},
    {"hold_lines", l_terminal_hold_lines},
    {nullptr, nullptr},
};
}  // namespace

namespace {
// [-0, +1] The loader of luasync.terminal: its functions, each with the
// loop (upvalue 1 of the loader) as theirs.
int l_open_terminal(lua_State* L) {
  luaL_newlibtable(L, terminal_funcs);
  lua_pushvalue(L, lua_upvalueindex(1));
  luaL_setfuncs(L, terminal_funcs, 1);
  return 1;
}
}  // namespace

void open_terminal(lua_State* L, Loop& loop) {
  luaL_getsubtable(L, LUA_REGISTRYINDEX, kRegModuleLoaders);
  lua_pushlightuserdata(L, &loop);
  lua_pushcclosure(L, l_open_terminal, 1);
  lua_setfield(L, -2, "luasync.terminal");
  lua_pop(L, 1);
}

}  // namespace luasync
