#pragma once
// A Loop on the virtual clock and a LuaState bound to it, for tests that run
// Lua snippets through the real scheduler. Lua errors never escape: every call
// into Lua goes through lua_pcall, so no C++ object here is skipped by a
// longjmp.
//
// Lua side, as globals:
//   note(...)   appends its arguments, tostring'ed and joined by " ", to `events`
//   events      the list that events() reads
//   reports     what the runtime would have printed on stderr (std.stderr)
//   driver, task the luasync.driver and luasync.task modules
//   iteration   the number of the current run_once() iteration when driven by drive()
//   drive(n)    runs up to n loop iterations, stopping early when nothing is
//               ready and nothing can become ready; returns the count run
//   pending_deadlines()  how many deadlines the loop's heap holds
//
// At teardown the fixture checks that no task is alive, that nothing was
// reported on stderr unless the test said so (expect_reports), and that the
// state and then the loop close clean.
//
// Also teaches doctest to print vectors, for every test file.
#include <doctest/doctest.h>

#include <lua.hpp>
#include <sstream>
#include <string>
#include <type_traits>
#include <vector>

#include "lua/state.hpp"
#include "runtime/loop.hpp"

// Prints a vector as {a, b, c} in failure messages, so event lists that
// differ show how.
namespace doctest {
template <typename T>
struct StringMaker<std::vector<T>> {
  static String convert(const std::vector<T>& v) {
    std::ostringstream out;
    out << "{";
    for (std::size_t i = 0; i < v.size(); ++i) {
      if (i) out << ", ";
      if constexpr (std::is_same_v<T, std::string>)
        out << '"' << v[i] << '"';
      else
        out << v[i];
    }
    out << "}";
    return String(out.str().c_str());
  }
};
}  // namespace doctest

namespace luasync::test {

using Strings = std::vector<std::string>;

inline constexpr const char* kFixturePrelude = R"lua(
events = {}
reports = {}
driver = require "luasync.driver"
task = require "luasync.task"
iteration = 0
require("luasync.std").stderr = function(s) reports[#reports + 1] = s end

function note(...)
  local parts = table.pack(...)
  for i = 1, parts.n do parts[i] = tostring(parts[i]) end
  events[#events + 1] = table.concat(parts, " ", 1, parts.n)
end

function drive(n)
  for i = 1, n do
    iteration = iteration + 1
    if not driver.run_once() then return i - 1 end
  end
  return n
end
)lua";

class LuaFixture {
 public:
  LuaFixture() : loop_(ClockKind::Virtual), state_(loop_, true), L_(state_.L()) {
    lua_pushlightuserdata(L_, &loop_);
    lua_pushcclosure(L_, l_pending_deadlines, 1);
    lua_setglobal(L_, "pending_deadlines");
    std::string err = exec(kFixturePrelude, "=fixture");
    if (!err.empty()) FAIL("fixture prelude failed: " << err);
  }

  ~LuaFixture() {
    CHECK_MESSAGE(eval("task.live_count()") == "0", "tasks still alive: " << eval("#task.all_tasks()"));
    if (!expect_reports_) CHECK(reports() == Strings{});
    state_.close();
    CHECK(loop_.close());
  }

  LuaFixture(const LuaFixture&) = delete;
  LuaFixture& operator=(const LuaFixture&) = delete;

  lua_State* L() { return L_; }
  Loop& loop() { return loop_; }

  // Runs code at the top level (outside any task). Returns the error message,
  // or "" on success.
  std::string exec(const char* code, const char* chunkname = "=test") {
    int top = lua_gettop(L_);
    std::string err;
    if (luaL_loadbuffer(L_, code, std::char_traits<char>::length(code), chunkname) != LUA_OK ||
        lua_pcall(L_, 0, 0, 0) != LUA_OK) {
      err = message_at_top();
    }
    lua_settop(L_, top);
    return err;
  }

  // Like exec, and the test fails (at the caller's line) when the code raises.
  void lua(const char* code, const char* file = __builtin_FILE(), int line = __builtin_LINE()) {
    std::string err = exec(code);
    if (!err.empty()) ADD_FAIL_CHECK_AT(file, line, "Lua error: " << err);
  }

  // tostring(<expr>), evaluated at the top level; "<error: ...>" when it raises.
  std::string eval(const std::string& expr) {
    std::string code = "return tostring(" + expr + ")";
    int top = lua_gettop(L_);
    std::string out;
    if (luaL_loadbuffer(L_, code.data(), code.size(), "=eval") != LUA_OK || lua_pcall(L_, 0, 1, 0) != LUA_OK) {
      out = "<error: " + message_at_top() + ">";
    } else {
      out = lua_tostring(L_, -1);
    }
    lua_settop(L_, top);
    return out;
  }

  // Runs code as the main task (Task-1), as the script runner does with a
  // script: require("luasync.runner").run({{fn = chunk, n = 0}}). Returns the
  // exit status it answers (0, 1 for an uncaught error), or -1 when the code
  // does not compile or the runner itself raised (the message is in
  // last_error).
  int run_main(const char* code) {
    int top = lua_gettop(L_);
    int status = -1;
    last_error.clear();
    lua_getglobal(L_, "require");
    lua_pushliteral(L_, "luasync.runner");
    if (lua_pcall(L_, 1, 1, 0) != LUA_OK) {
      last_error = message_at_top();
    } else {
      lua_getfield(L_, -1, "run");
      lua_createtable(L_, 1, 0);  // actions
      lua_createtable(L_, 0, 2);  // {fn = chunk, n = 0}
      if (luaL_loadbuffer(L_, code, std::char_traits<char>::length(code), "=test") != LUA_OK) {
        last_error = message_at_top();
      } else {
        lua_setfield(L_, -2, "fn");
        lua_pushinteger(L_, 0);
        lua_setfield(L_, -2, "n");
        lua_rawseti(L_, -2, 1);
        if (lua_pcall(L_, 1, 1, 0) != LUA_OK) {
          last_error = message_at_top();
        } else {
          status = static_cast<int>(lua_tointeger(L_, -1));
        }
      }
    }
    lua_settop(L_, top);
    return status;
  }

  Strings events() { return list_of("events"); }
  Strings reports() { return list_of("reports"); }
  void clear_events() { lua("events = {}"); }
  // The test expects the runtime to report on stderr; it checks reports() itself.
  void expect_reports() { expect_reports_ = true; }

  std::string last_error;

 private:
  // pending_deadlines(): how many deadlines the loop's heap holds.
  static int l_pending_deadlines(lua_State* L) {
    auto* loop = static_cast<Loop*>(lua_touserdata(L, lua_upvalueindex(1)));
    lua_pushinteger(L, static_cast<lua_Integer>(loop->deadlines().size()));
    return 1;
  }

  std::string message_at_top() {
    const char* msg = lua_tostring(L_, -1);
    return msg ? msg : std::string("(error object is a ") + luaL_typename(L_, -1) + ")";
  }

  // The strings of the global list `name` (entries that are not strings or
  // numbers read as "?").
  Strings list_of(const char* name) {
    Strings out;
    int top = lua_gettop(L_);
    if (lua_getglobal(L_, name) == LUA_TTABLE) {
      lua_Integer n = static_cast<lua_Integer>(lua_rawlen(L_, -1));
      for (lua_Integer i = 1; i <= n; ++i) {
        lua_rawgeti(L_, -1, i);
        const char* s = lua_isstring(L_, -1) ? lua_tostring(L_, -1) : "?";
        out.emplace_back(s);
        lua_pop(L_, 1);
      }
    }
    lua_settop(L_, top);
    return out;
  }

  Loop loop_;
  LuaState state_;
  lua_State* L_;
  bool expect_reports_ = false;
};

}  // namespace luasync::test
