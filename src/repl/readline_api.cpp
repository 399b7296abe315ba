// Loading GNU readline (readline_api.hpp).
#include "repl/readline_api.hpp"

#include <dlfcn.h>

namespace luasync {

namespace {

template <typename T>
bool find(void* lib, const char* name, T& out) {
  out = reinterpret_cast<T>(dlsym(lib, name));
  return out != nullptr;
}

bool find_all(void* lib, ReadlineApi& a) {
  return find(lib, "rl_callback_handler_install", a.callback_handler_install) &&
         find(lib, "rl_callback_handler_remove", a.callback_handler_remove) &&
         find(lib, "rl_callback_read_char", a.callback_read_char) &&
         find(lib, "rl_callback_sigcleanup", a.callback_sigcleanup) && find(lib, "rl_variable_bind", a.variable_bind) &&
         find(lib, "rl_variable_value", a.variable_value) && find(lib, "rl_clear_visible_line", a.clear_visible_line) &&
         find(lib, "rl_on_new_line", a.on_new_line) && find(lib, "rl_redisplay", a.redisplay) &&
         find(lib, "rl_free_line_state", a.free_line_state) && find(lib, "rl_replace_line", a.replace_line) &&
         find(lib, "rl_crlf", a.crlf) && find(lib, "rl_completion_matches", a.completion_matches) &&
         find(lib, "using_history", a.using_history) && find(lib, "add_history", a.add_history) &&
         find(lib, "append_history", a.append_history) && find(lib, "read_history", a.read_history) &&
         find(lib, "rl_catch_signals", a.catch_signals) && find(lib, "rl_change_environment", a.change_environment) &&
         find(lib, "rl_readline_name", a.readline_name) &&
         find(lib, "rl_attempted_completion_function", a.attempted_completion_function) &&
         find(lib, "rl_completer_word_break_characters", a.completer_word_break_characters) &&
         find(lib, "rl_basic_quote_characters", a.basic_quote_characters) && find(lib, "rl_point", a.point) &&
         find(lib, "rl_end", a.end) && find(lib, "rl_line_buffer", a.line_buffer) &&
         find(lib, "rl_eof_found", a.eof_found) &&
         find(lib, "rl_completion_append_character", a.completion_append_character) &&
         find(lib, "rl_attempted_completion_over", a.attempted_completion_over);
}

}  // namespace

const ReadlineApi* readline_api(const char** why) {
  static ReadlineApi api;
  static const char* failure = nullptr;
  static bool tried = false;
  if (!tried) {
    tried = true;
    void* lib = dlopen("libreadline.so.8", RTLD_NOW | RTLD_LOCAL);
    if (lib == nullptr) {
      failure = "libreadline.so.8 cannot be loaded (install Debian's libreadline8)";
    } else if (!find_all(lib, api)) {
      failure = "libreadline.so.8 lacks a function luasync needs";
    }
  }
  if (failure) {
    if (why) *why = failure;
    return nullptr;
  }
  return &api;
}

}  // namespace luasync
