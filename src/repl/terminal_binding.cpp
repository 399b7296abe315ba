// luasync.terminal: the REPL's view of LineInput (src/repl/line_input.hpp).
#include <unistd.h>

#include <string>
#include <vector>

#include "kernel/boundary.hpp"
#include "kernel/kernel.hpp"
#include "lua/state.hpp"
#include "repl/line_input.hpp"

namespace luasync {

namespace {
Loop& loop_of(lua_State* L) { return *static_cast<Loop*>(lua_touserdata(L, lua_upvalueindex(1))); }
LineInput& input() { return LineInput::instance(); }

// The state that is pumping input; completion runs inside pump().
lua_State* pumping_state = nullptr;

std::vector<std::string> complete_with_lua(const std::string& line, int start, int end, void*) {
  std::vector<std::string> out;
  lua_State* L = pumping_state;
  if (!L || !lua_checkstack(L, 8)) return out;
  int top = lua_gettop(L);
  lua_getfield(L, LUA_REGISTRYINDEX, kernel::kRegCompleter);
  if (lua_isfunction(L, -1)) {
    lua_pushlstring(L, line.data(), line.size());
    lua_pushinteger(L, start);
    lua_pushinteger(L, end);
    if (lua_pcall(L, 3, 1, 0) == LUA_OK && lua_istable(L, -1)) {
      for (lua_Integer i = 1;; ++i) {
        if (lua_rawgeti(L, -1, i) != LUA_TSTRING) break;
        std::size_t len;
        const char* s = lua_tolstring(L, -1, &len);
        out.emplace_back(s, len);
        lua_pop(L, 1);
      }
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

int l_terminal_prompt(lua_State* L) {
  std::size_t len;
  const char* p = luaL_checklstring(L, 1, &len);
  std::string text(p, len);
  input().prompt(text);
  return 0;
}

int l_terminal_ready(lua_State* L) {
  lua_pushboolean(L, input().ready());
  return 1;
}

// [-0, +1] pump() -> line | false (EOF) | nil (nothing yet)
int l_terminal_pump(lua_State* L) {
  pumping_state = L;
  input().pump();
  pumping_state = nullptr;
  std::string line;
  if (input().take_line(line)) {
    lua_pushlstring(L, line.data(), line.size());
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
  std::size_t len;
  const char* p = luaL_checklstring(L, 1, &len);
  std::string entry(p, len);
  input().add_to_history(entry);
  return 0;
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
  std::size_t len;
  const char* p = luaL_checklstring(L, 1, &len);
  std::string path(p, len);
  input().set_history_file(path);
  return 0;
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

void open_terminal(lua_State* L, Loop& loop) {
  luaL_getsubtable(L, LUA_REGISTRYINDEX, LUA_LOADED_TABLE);
  luaL_newlibtable(L, terminal_funcs);
  lua_pushlightuserdata(L, &loop);
  luaL_setfuncs(L, terminal_funcs, 1);
  lua_setfield(L, -2, "luasync.terminal");
  lua_pop(L, 1);
}

}  // namespace luasync
