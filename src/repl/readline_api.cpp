// Loading the line-editing library (readline_api.hpp).
#include "repl/readline_api.hpp"

#include <dlfcn.h>

#include <string>

namespace luasync {

namespace {

template <typename T>
bool find(void* lib, const char* name, T& out) {
  out = reinterpret_cast<T>(dlsym(lib, name));
  return out != nullptr;
}

// What libedit's readline interface lacks stays null there; line_input.cpp
// does without it.
template <typename T>
bool find_optional(void* lib, const char* name, T& out, bool libedit) {
  return find(lib, name, out) || libedit;
}

bool find_all(void* lib, ReadlineApi& a, bool libedit) {
  return find(lib, "rl_callback_handler_install", a.callback_handler_install) &&
         find(lib, "rl_callback_handler_remove", a.callback_handler_remove) &&
         find(lib, "rl_callback_read_char", a.callback_read_char) &&
         find_optional(lib, "rl_callback_sigcleanup", a.callback_sigcleanup, libedit) &&
         find(lib, "rl_variable_bind", a.variable_bind) &&
         find_optional(lib, "rl_variable_value", a.variable_value, libedit) &&
         find_optional(lib, "rl_clear_visible_line", a.clear_visible_line, libedit) &&
         find(lib, "rl_on_new_line", a.on_new_line) && find(lib, "rl_redisplay", a.redisplay) &&
         find(lib, "rl_forced_update_display", a.forced_update_display) &&
         find(lib, "rl_free_line_state", a.free_line_state) && find(lib, "rl_replace_line", a.replace_line) &&
         find(lib, "rl_crlf", a.crlf) && find(lib, "rl_completion_matches", a.completion_matches) &&
         find(lib, "using_history", a.using_history) && find(lib, "add_history", a.add_history) &&
         find(lib, "rl_prep_terminal", a.prep_terminal) && find(lib, "rl_deprep_terminal", a.deprep_terminal) &&
         find_optional(lib, "rl_resize_terminal", a.resize_terminal, libedit) &&
         find_optional(lib, "rl_set_screen_size", a.set_screen_size, libedit) &&
         find(lib, "rl_catch_signals", a.catch_signals) &&
         find_optional(lib, "rl_change_environment", a.change_environment, libedit) &&
         find(lib, "rl_readline_name", a.readline_name) &&
         find(lib, "rl_attempted_completion_function", a.attempted_completion_function) &&
         find(lib, "rl_completer_word_break_characters", a.completer_word_break_characters) &&
         find(lib, "rl_basic_quote_characters", a.basic_quote_characters) && find(lib, "rl_point", a.point) &&
         find(lib, "rl_end", a.end) && find(lib, "rl_line_buffer", a.line_buffer) &&
         find_optional(lib, "rl_eof_found", a.eof_found, libedit) &&
         find(lib, "rl_completion_append_character", a.completion_append_character) &&
         find(lib, "rl_attempted_completion_over", a.attempted_completion_over);
}

}  // namespace

const ReadlineApi* readline_api(const char** why) {
  static ReadlineApi api;
  static std::string failure;
  static bool tried = false;
  if (!tried) {
    tried = true;
    void* lib = dlopen(kLineEditor.soname, RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) {
      failure = std::string(kLineEditor.soname) + " cannot be loaded (install Debian's " + kLineEditor.package + ")";
    } else if (!find_all(lib, api, kLineEditor.libedit)) {
      failure = std::string(kLineEditor.soname) + " lacks a function luasync needs";
    }
  }
  if (!failure.empty()) {
    if (why) *why = failure.c_str();
    return nullptr;
  }
  return &api;
}

}  // namespace luasync
