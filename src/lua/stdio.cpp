// print(), and io.write / file:write when they write to io.stdout or
// io.stderr: Lua's own behaviour and messages, but written through
// lua/output.hpp, so every byte arrives (a terminal may be slow, and at the
// REPL its descriptor is non-blocking) and the REPL's prompt moves above.
// Writes to other files are Lua's own io functions, untouched.
//
// A failed write raises, in the task that wrote, as Python's print does:
// BrokenPipeError when the reader of stdout went away (luasync x.lua |
// head -1: SIGPIPE is ignored, so the write fails with EPIPE), OSError for
// the rest (ENOSPC: > /dev/full). The BrokenPipeError of stdout is marked
// (_stdout_gone), so that the program then ends quietly, with status 141
// as if SIGPIPE had ended it (cli/runner.lua), instead of reporting it on
// stderr. io.write and file:write keep Lua's way for the other errors:
// they answer nil, the message and errno.
#include <poll.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>

#include "kernel/boundary.hpp"
#include "kernel/entry_watch.hpp"
#include "lua/errors.hpp"
#include "lua/output.hpp"
#include "lua/runtime_modules.hpp"
#include "lua/state.hpp"
#include "lua/stdin_reads.hpp"
#include "runtime/interrupt.hpp"

namespace luasync {

namespace {

// Raises the OSError of a failed write of f.
int raise_write_error(lua_State* L, std::FILE* f, int err) {
  push_os_error(L, err);
  if (f == stdout && err == EPIPE) {
    lua_pushboolean(L, 1);
    lua_setfield(L, -2, "_stdout_gone");
  }
  return lua_error(L);
}

// The standard stream the open file object at index i is, or null.
std::FILE* standard_stream(lua_State* L, int i) {
  auto* p = static_cast<luaL_Stream*>(luaL_testudata(L, i, LUA_FILEHANDLE));
  if (p == nullptr || p->closef == nullptr) return nullptr;
  return p->f == stdout || p->f == stderr ? p->f : nullptr;
}

// Writes the text on the top of the stack (popped) to f, through the
// REPL's hook; answers write_stream's error.
int write_top(lua_State* L, std::FILE* f) {
  std::size_t len;
  const char* data = lua_tolstring(L, -1, &len);
  int err = 0;
  if (len > 0 && f == stdout) {
    err = write_lua_stdout(data, len);
  } else if (len > 0) {
    before_output();
    err = write_stream(f, data, len);
  }
  lua_pop(L, 1);
  return err;
}

// [-0, +1] The text Lua's g_write writes for the values at first..last:
// strings as they are, numbers as LUA_INTEGER_FMT or LUA_NUMBER_FMT. It
// stops at the first other value and answers its index (0: none).
int push_write_text(lua_State* L, int first, int last) {
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (int arg = first; arg <= last; ++arg) {
    if (lua_type(L, arg) == LUA_TNUMBER) {
      char num[64];
      int len = lua_isinteger(L, arg)
                    ? std::snprintf(num, sizeof num, LUA_INTEGER_FMT, static_cast<LUAI_UACINT>(lua_tointeger(L, arg)))
                    : std::snprintf(num, sizeof num, LUA_NUMBER_FMT, static_cast<LUAI_UACNUMBER>(lua_tonumber(L, arg)));
      luaL_addlstring(&b, num, static_cast<std::size_t>(len));
    } else if (lua_type(L, arg) == LUA_TSTRING) {
      std::size_t len;
      const char* s = lua_tolstring(L, arg, &len);
      luaL_addlstring(&b, s, len);
    } else {
      luaL_pushresult(&b);
      return arg;
    }
  }
  luaL_pushresult(&b);
  return 0;
}

// [-0, +1|3] Lua's g_write of the values at first..last to the standard
// stream f, whose file object is at index `file`: pushes the file, or nil,
// the message and errno. As Lua's, what comes before a value that is not a
// string or a number is written before the error is raised.
int write_values(lua_State* L, std::FILE* f, int file, int first, int last) {
  const int bad = push_write_text(L, first, last);
  int err = write_top(L, f);
  if (bad != 0) luaL_checklstring(L, bad, nullptr);  // raises Lua's message
  if (err != 0 && err != EINTR) {
    if (err == EPIPE) raise_write_error(L, f, err);
    errno = err;
    return luaL_fileresult(L, 0, nullptr);
  }
  lua_pushvalue(L, file);
  return 1;
}

// Calls upvalue 1 (Lua's own function) with the arguments.
int call_lua_own(lua_State* L) {
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_insert(L, 1);
  lua_call(L, lua_gettop(L) - 1, LUA_MULTRET);
  return lua_gettop(L);
}

int l_print(lua_State* L) {
  const int n = lua_gettop(L);
  luaL_Buffer b;
  luaL_buffinit(L, &b);
  for (int i = 1; i <= n; ++i) {
    if (i > 1) luaL_addchar(&b, '\t');
    luaL_tolstring(L, i, nullptr);
    luaL_addvalue(&b);
  }
  luaL_addchar(&b, '\n');
  luaL_pushresult(&b);
  std::size_t len;
  const char* data = lua_tolstring(L, -1, &len);
  int err = write_lua_stdout(data, len);
  if (err != 0 && err != EINTR) raise_write_error(L, stdout, err);
  return 0;
}

// io.write(...): upvalue 1 is Lua's own, for a default output that is not
// a standard stream (or is closed: Lua says so).
int l_io_write(lua_State* L) {
  const int n = lua_gettop(L);
  lua_getfield(L, LUA_REGISTRYINDEX, "_IO_output");  // liolib's key for io.output()
  if (std::FILE* f = standard_stream(L, -1)) return write_values(L, f, n + 1, 1, n);
  lua_pop(L, 1);
  return call_lua_own(L);
}

// file:write(...): upvalue 1 is Lua's own, for the other files.
int l_file_write(lua_State* L) {
  if (std::FILE* f = standard_stream(L, 1)) return write_values(L, f, 1, 2, lua_gettop(L));
  return call_lua_own(L);
}

// luasync.stdout.before_output(): the REPL's hook, for code that writes
// to the terminal some other way.
int l_before_output(lua_State*) {
  before_output();
  return 0;
}

// luasync.stdout.fresh_line(): ends the current line if output left it
// open (the REPL, before it shows a value).
int l_fresh_line(lua_State*) {
  ensure_line_start();
  return 0;
}

StdoutSink worker_sink = nullptr;

// A worker's write of the values at first..last to its stdout (the file
// object at index `file`): handed to worker_sink, which answers whether it
// took the text. Pushes the file when it did.
bool sink_values(lua_State* L, int file, int first, int last) {
  const int bad = push_write_text(L, first, last);
  std::size_t len;
  const char* text = lua_tolstring(L, -1, &len);
  if (!worker_sink(text, len)) {
    lua_pop(L, 1);
    return false;
  }
  lua_pop(L, 1);
  if (bad != 0) luaL_checklstring(L, bad, nullptr);  // raises Lua's message
  lua_pushvalue(L, file);
  return true;
}

// A worker's io.write and file:write (upvalue 1: Lua's own).
int l_worker_io_write(lua_State* L) {
  const int n = lua_gettop(L);
  lua_getfield(L, LUA_REGISTRYINDEX, "_IO_output");  // liolib's key for io.output()
  if (standard_stream(L, -1) == stdout && sink_values(L, n + 1, 1, n)) return 1;
  lua_settop(L, n);
  return call_lua_own(L);
}

int l_worker_file_write(lua_State* L) {
  if (standard_stream(L, 1) == stdout && sink_values(L, 1, 2, lua_gettop(L))) return 1;
  return call_lua_own(L);
}

// io.flush and file:flush on the loop thread (upvalue 1: Lua's own): a
// flush of stdout writes the begun line the REPL holds (output.hpp).
int l_io_flush(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, "_IO_output");
  if (standard_stream(L, -1) == stdout) flush_held_line();
  lua_pop(L, 1);
  return call_lua_own(L);
}

int l_file_flush(lua_State* L) {
  if (standard_stream(L, 1) == stdout) flush_held_line();
  return call_lua_own(L);
}

// A worker's io.flush and file:flush (upvalue 1: Lua's own): a flush of
// io.stdout also asks worker_sink to write out what it holds.
int l_worker_io_flush(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, "_IO_output");
  if (standard_stream(L, -1) == stdout) worker_sink(nullptr, 0);
  lua_pop(L, 1);
  return call_lua_own(L);
}

int l_worker_file_flush(lua_State* L) {
  if (standard_stream(L, 1) == stdout) worker_sink(nullptr, 0);
  return call_lua_own(L);
}

// Reads of stdin on the loop thread (io.read, io.stdin:read, io.lines()):
// the terminal's Ctrl-C restarts a blocked read (SA_RESTART, as lua.c's
// handler has), so the read would only end with a line typed after it, and
// the line would be taken. They first wait for input in poll(), which a
// signal always interrupts: a Ctrl-C meanwhile raises KeyboardInterrupt, as
// Python's input() does.

// Whether stdin's buffer holds bytes read already (the read then needs no
// new input, and poll would wait for more).
bool stdin_buffered() {
#ifdef __GLIBC__
  return stdin->_IO_read_ptr < stdin->_IO_read_end;
#else
  return true;  // (not known: read at once, as Lua does)
#endif
}

// [-0, +0] Returns once stdin has input, is at its end or failed (the read
// then says so); raises KeyboardInterrupt at a Ctrl-C before that, or one
// that came before the read began. The interrupt is used up here, as
// Python's KeyboardInterrupt: the driver does not cancel the main task for
// it as well, Ctrl-C's hook on the running coroutine does not raise it a
// second time, and the next Ctrl-C is a first one again.
//
// `what` names the call for live inspection while it waits (`luasync ps`).
void wait_for_stdin(lua_State* L, const char* what) {
  for (;;) {
    if (interrupt_pending()) {
      interrupt_rearm();
      lua_getfield(L, LUA_REGISTRYINDEX, kernel::kRegKeyboardInterrupt);
      lua_call(L, 0, 1);
      lua_error(L);
    }
    if (stdin_buffered()) return;
    pollfd p{STDIN_FILENO, POLLIN, 0};
    kernel::entry_blocking_call(L, what);
    // (A Ctrl-C between the check above and poll is seen at the next one's
    // interruption only: the window is a few instructions.)
    const int polled = poll(&p, 1, -1);
    const int err = errno;
    kernel::entry_blocking_call(L, nullptr);
    if (polled >= 0 || err != EINTR) return;
  }
}

// Whether the open file object at index i is io.stdin.
bool is_stdin(lua_State* L, int i) {
  auto* p = static_cast<luaL_Stream*>(luaL_testudata(L, i, LUA_FILEHANDLE));
  return p != nullptr && p->closef != nullptr && p->f == stdin;
}

StdinReadHook stdin_read_hook = nullptr;  // the REPL's (stdin_reads.hpp)

// wait_then_read(...): wait_for_stdin, then Lua's own read (upvalue 1) with
// the arguments; upvalue 2 (a light userdata) is wait_for_stdin's `what`.
int wait_then_read(lua_State* L) {
  wait_for_stdin(L, static_cast<const char*>(lua_touserdata(L, lua_upvalueindex(2))));
  return call_lua_own(L);
}

// [-0, +0] How the terminal's echo of what a read of stdin took left the
// cursor (stdin_reads.hpp), the `nresults` values read being on the stack.
// In its cooked mode the terminal delivers a line at Enter, with its '\n',
// or at a Ctrl-D what was typed, without one; a Ctrl-D on nothing typed
// delivers nothing: the end of input.
StdinRead how_read_left_row(lua_State* L, int nresults) {
  if (!std::feof(stdin)) {
    // Stopped at a '\n' or with its count: the buffer holds what the
    // terminal delivered last, whose last byte says how it was sent.
#ifdef __GLIBC__
    if (stdin->_IO_read_end > stdin->_IO_read_base && stdin->_IO_read_end[-1] != '\n') return StdinRead::DoneMidRow;
#endif
    return StdinRead::Done;
  }
  // At the end of input the read took all that was delivered: the last
  // value read ends as the text typed last did. (A line format drops the
  // '\n' but stops at it, before the end, so its value met the end without
  // one; only io.read("l", "l") answered "ab" Enter, Ctrl-D is misread.)
  for (int i = nresults; i >= 1; --i) {
    if (lua_type(L, i) == LUA_TNUMBER) return StdinRead::DoneMidRow;  // ("n": a '\n' after it is left unread)
    if (lua_type(L, i) != LUA_TSTRING) continue;
    std::size_t len = 0;
    const char* s = lua_tolstring(L, i, &len);
    if (len > 0) return s[len - 1] == '\n' ? StdinRead::Done : StdinRead::DoneMidRow;
  }
  return StdinRead::DoneUntyped;
}

// [-n, +r] Waits for stdin, then reads it with Lua's own function (upvalue
// 1 of the caller) and the arguments on the stack. With the REPL's hook,
// the read runs in a protected call between the hook's Begin and its Done
// or Failed, so that the terminal is given back whatever the read raises;
// the error is raised again after.
int read_stdin(lua_State* L, const char* what) {
  if (stdin_read_hook == nullptr) {
    wait_for_stdin(L, what);
    return call_lua_own(L);
  }
  lua_pushvalue(L, lua_upvalueindex(1));
  lua_pushlightuserdata(L, const_cast<char*>(what));
  lua_pushcclosure(L, wait_then_read, 2);  // (before Begin: it may raise, of memory)
  lua_insert(L, 1);
  stdin_read_hook(StdinRead::Begin);
  const int status = lua_pcall(L, lua_gettop(L) - 1, LUA_MULTRET, 0);
  stdin_read_hook(status == LUA_OK ? how_read_left_row(L, lua_gettop(L)) : StdinRead::Failed);
  if (status != LUA_OK) return lua_error(L);
  return lua_gettop(L);
}

// io.read(...) (upvalue 1: Lua's own).
int l_io_read(lua_State* L) {
  lua_getfield(L, LUA_REGISTRYINDEX, "_IO_input");  // liolib's key for io.input()
  const bool from_stdin = is_stdin(L, -1);
  lua_pop(L, 1);
  if (from_stdin) return read_stdin(L, "io.read()");
  return call_lua_own(L);
}

// file:read(...) (upvalue 1: Lua's own).
int l_file_read(lua_State* L) {
  if (is_stdin(L, 1)) return read_stdin(L, "io.stdin:read()");
  return call_lua_own(L);
}

// The iterator of io.lines() or io.stdin:lines(): waits, then calls Lua's
// (upvalue 1).
int l_stdin_lines_step(lua_State* L) {
  lua_settop(L, 0);
  return read_stdin(L, "a line of stdin's lines()");
}

// Calls Lua's lines (upvalue 1); when it iterates over stdin, its iterator
// (the first result) waits as a read does.
int lines_of(lua_State* L, bool from_stdin) {
  const int n = call_lua_own(L);
  if (from_stdin && n >= 1 && lua_isfunction(L, 1)) {
    lua_pushvalue(L, 1);
    lua_pushcclosure(L, l_stdin_lines_step, 1);
    lua_replace(L, 1);
  }
  return n;
}

// io.lines(...) and file:lines(...) (upvalue 1: Lua's own).
int l_io_lines(lua_State* L) {
  const bool no_file = lua_isnoneornil(L, 1);  // (before the push below moves index 1 of an empty stack)
  lua_getfield(L, LUA_REGISTRYINDEX, "_IO_input");
  const bool from_stdin = no_file && is_stdin(L, -1);
  lua_pop(L, 1);
  return lines_of(L, from_stdin);
}

int l_file_lines(lua_State* L) { return lines_of(L, is_stdin(L, 1)); }

// [-0, +0] io[name] becomes io_fn and the method `name` of files file_fn,
// each with Lua's own as upvalue 1 (luaL_openlibs ran already).
void wrap_io(lua_State* L, lua_CFunction io_fn, lua_CFunction file_fn, const char* name = "write") {
  lua_getglobal(L, "io");
  lua_getfield(L, -1, name);
  lua_pushcclosure(L, io_fn, 1);
  lua_setfield(L, -2, name);
  lua_pop(L, 1);
  luaL_getmetatable(L, LUA_FILEHANDLE);
  lua_getfield(L, -1, "__index");
  lua_getfield(L, -1, name);
  lua_pushcclosure(L, file_fn, 1);
  lua_setfield(L, -2, name);
  lua_pop(L, 2);
}

}  // namespace

void set_stdin_read_hook(StdinReadHook hook) { stdin_read_hook = hook; }

void open_worker_stdio(lua_State* L, StdoutSink sink) {
  worker_sink = sink;
  wrap_io(L, l_worker_io_write, l_worker_file_write);
  wrap_io(L, l_worker_io_flush, l_worker_file_flush, "flush");
}

void open_stdio(lua_State* L) {
  lua_pushcfunction(L, l_print);
  lua_setglobal(L, "print");
  wrap_io(L, l_io_write, l_file_write);
  wrap_io(L, l_io_read, l_file_read, "read");
  wrap_io(L, l_io_lines, l_file_lines, "lines");
  wrap_io(L, l_io_flush, l_file_flush, "flush");
  lua_createtable(L, 0, 2);
  lua_pushcfunction(L, l_before_output);
  lua_setfield(L, -2, "before_output");
  lua_pushcfunction(L, l_fresh_line);
  lua_setfield(L, -2, "fresh_line");
  set_runtime_module(L, "luasync.stdout");
}

}  // namespace luasync
