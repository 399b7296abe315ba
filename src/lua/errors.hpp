// The C++ side of errors.lua: the ways a binding raises.
#pragma once

#include <lua.hpp>

namespace luasync {

// Raises Lua's "bad argument #arg to 'fname' (expected expected, got T)",
// with the position of the user's line that called into the runtime, as
// errors.bad_argument does on the Lua side and luaL_check* do (but always
// naming fname, however it was called).
int bad_argument(lua_State* L, int arg, const char* fname, const char* expected);
// Raises "bad argument #arg to 'fname' (extramsg)" with that position, as
// errors.arg_error does on the Lua side.
//
// That position is the first frame, from the caller up, that is not the
// runtime's: not Lua code of its own (chunks "=luasync:...") nor one of its
// bindings (C closures whose first upvalue is the value given to
// set_binding_marker: the kernel's K). A user's Lua frame gives its line; a
// C function that is not a binding (pcall(asyncio.sleep, "x")) gives none,
// as Lua's luaL_argerror does; so does a task body calling the function.
int arg_error(lua_State* L, int arg, const char* fname, const char* extramsg);
// Raises "bad argument #1 to 'fname' (<what> expected; call it as
// <var>:fname(...))", the error of a method whose self is not its class's
// object (called with Python's dot: q.get()), as errors.self_error does.
int self_error(lua_State* L, const char* fname, const char* what, const char* var);
// The stack level (as lua_getstack counts from the calling C function) that
// error(msg, level) blames: level 1 is the caller, and each level above it
// counts a frame that is not the runtime's (as arg_error tells them), so
// that an async function awaited inline blames, at level 2, the line that
// awaited it, across the await binding between them. A stack without the
// runtime's frames counts as Lua counts. Past the top: a level that
// lua_getstack refuses (luaL_where then gives "", as Lua's error does).
int user_level(lua_State* L, int level);
// [-1, +0] Pops the value that marks the runtime's bindings (above).
void set_binding_marker(lua_State* L);

// Raises errors.<cls>(message) (message may be null): asyncio's error classes
// for operational failures and misuse (QueueFull, ValueError...).
int raise_error(lua_State* L, const char* cls, const char* message = nullptr);

// Python's ValueError texts for a string with a NUL byte that the system
// would take as a C string: a file system path, a program's argument or
// environment (bytes to Python), and a host name, an encoding's name, a URL
// (str to Python).
inline constexpr const char* kNulByte = "embedded null byte";
inline constexpr const char* kNulCharacter = "embedded null character";
// A C API reads a string up to its first NUL byte: a path or a host name
// with a NUL inside would be cut there and name another file or host (and
// open(2) would truncate it). So every string that goes to one passes here
// first, before any system call: a string with a NUL raises
// errors.ValueError(message), as Python refuses it.
// [-0, +0] check_c_string: luaL_checkstring, and that check.
const char* check_c_string(lua_State* L, int arg, const char* message);
// [-0, +0] The same, with nil (or none) answered as nullptr.
const char* opt_c_string(lua_State* L, int arg, const char* message);
// [-0, +0] The check alone, of the value at idx when it is a string.
void refuse_nul(lua_State* L, int idx, const char* message);

// Raises the OSError (errors.lua: the subclass Python picks for err) of a
// failed system call: errno err, its strerror text, .code the system's name
// ("EPIPE"), and filename (may be null) in the message.
int raise_os_error(lua_State* L, int err, const char* filename = nullptr);
// [-0, +1] The same error, pushed instead of raised.
void push_os_error(lua_State* L, int err, const char* filename = nullptr);

// Installs the module luasync.errno, which errors.lua needs: name(n) -> the
// system's name of errno n ("ENOENT"), or nil.
void open_errno(lua_State* L);

}  // namespace luasync
