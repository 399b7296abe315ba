// GNU readline, loaded when the REPL first reads from a terminal rather than
// linked: with libtinfo it was a tenth of the time every program takes to
// start (bench W6), scripts included, which never edit a line. The headers
// come from libreadline-dev; the library is Debian's libreadline.so.8.
#pragma once

#include <readline/history.h>
#include <readline/readline.h>

#include <cstdio>  // readline.h uses FILE without including it

namespace luasync {

struct ReadlineApi {
  // Functions.
  void (*callback_handler_install)(const char*, rl_vcpfunc_t*);
  void (*callback_handler_remove)();
  void (*callback_read_char)();
  void (*callback_sigcleanup)();
  int (*variable_bind)(const char*, const char*);
  char* (*variable_value)(const char*);
  void (*clear_visible_line)();
  int (*on_new_line)();
  void (*redisplay)();
  void (*free_line_state)();
  void (*replace_line)(const char*, int);
  int (*crlf)();
  char** (*completion_matches)(const char*, rl_compentry_func_t*);
  void (*using_history)();
  void (*add_history)(const char*);
  int (*append_history)(int, const char*);
  int (*read_history)(const char*);
  // Variables, where the library keeps them.
  int* catch_signals;
  int* change_environment;
  const char** readline_name;
  rl_completion_func_t** attempted_completion_function;
  char** completer_word_break_characters;
  char** basic_quote_characters;
  int* point;
  int* end;
  char** line_buffer;
  int* eof_found;
  int* completion_append_character;
  int* attempted_completion_over;
};

// The loaded API, or null when libreadline.so.8 cannot be loaded; `why` then
// says why. Loads once; the library stays for the life of the process.
const ReadlineApi* readline_api(const char** why);

}  // namespace luasync
