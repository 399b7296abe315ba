// The line-editing library of the REPL, loaded when it first reads from a
// terminal rather than linked: with libtinfo it was a tenth of the time every
// program takes to start (bench W6), scripts included, which never edit a
// line. Which library is the build's choice (line_editor.cpp, CMake option
// LUASYNC_LINE_EDITOR): GNU readline (libreadline.so.8, GPL-3+) or libedit
// (libedit.so.2, BSD) through its readline interface. No header of either is
// needed: the few types below are the ABI both libraries share.
#pragma once

namespace luasync {

// readline's rl_vcpfunc_t, rl_compentry_func_t, rl_completion_func_t.
using LineHandler = void(char*);
using MatchGenerator = char*(const char*, int);
using CompletionFunction = char**(const char*, int, int);

struct LineEditorLibrary {
  const char* soname;   // what dlopen loads
  const char* package;  // the Debian package that has it
  bool libedit;         // libedit's readline interface lacks what `optional` marks
};

// The build's choice (line_editor.cpp, compiled into each binary).
extern const LineEditorLibrary kLineEditor;

struct ReadlineApi {
  // Functions.
  void (*callback_handler_install)(const char*, LineHandler*);
  void (*callback_handler_remove)();
  void (*callback_read_char)();
  void (*callback_sigcleanup)();  // optional
  int (*variable_bind)(const char*, const char*);
  char* (*variable_value)(const char*);  // optional
  void (*clear_visible_line)();          // optional
  int (*on_new_line)();
  void (*redisplay)();
  void (*forced_update_display)();
  void (*free_line_state)();
  void (*replace_line)(const char*, int);
  int (*crlf)();
  char** (*completion_matches)(const char*, MatchGenerator*);
  void (*using_history)();
  void (*add_history)(const char*);
  void (*prep_terminal)(int);
  void (*deprep_terminal)();
  void (*resize_terminal)();          // optional
  void (*set_screen_size)(int, int);  // optional
  // Variables, where the library keeps them.
  int* catch_signals;
  int* change_environment;  // optional
  const char** readline_name;
  CompletionFunction** attempted_completion_function;
  char** completer_word_break_characters;
  char** basic_quote_characters;
  int* point;
  int* end;
  char** line_buffer;
  int* eof_found;  // optional
  int* completion_append_character;
  int* attempted_completion_over;
};

// The loaded API, or null when the library cannot be loaded; `why` then says
// why. Loads once; the library stays for the life of the process.
const ReadlineApi* readline_api(const char** why);

}  // namespace luasync
