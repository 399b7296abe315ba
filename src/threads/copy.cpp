// The packed form (copy.hpp): a tag byte per value, then its payload.
//   'n' nil   'f' false   't' true   'i' int64   'd' double
//   's' u32 length, bytes
//   'T' a table met for the first time (numbered 1, 2... in that order),
//       then key, value pairs, then 'e'
//   'R' u32: the table numbered so, met before (shared or cyclic)
//   'F' u32 length, bytecode (lua_dump, with debug information so errors
//       and tracebacks in the worker name the user's lines), u8 upvalue
//       count, then per upvalue 'E' (_ENV), 'S' (the function itself) or 'N'
//   'C' u32 length, "lib.name": a standard C function
// Payload integers are in the machine's byte order: both ends are this
// process.
#include "threads/copy.hpp"

#include <cstdint>
#include <cstdio>
#include <cstring>
#include <new>

#include "kernel/kernel.hpp"
#include "lua/runtime_modules.hpp"

namespace luasync::threads {

namespace {

constexpr const char* kRegCNames = "luasync.threads.cnames";  // C function -> "lib.name"
constexpr int kMaxDepth = 100;
// What a function of the runtime is refused with: its Lua code, or one of
// the module's entered through a binding (asyncio.gather).
constexpr const char* kRuntimeFunction =
    "a function of luasync's runtime cannot be sent to a thread (a job runs plain Lua, without the event loop)";
constexpr std::size_t kMaxPathShown = 60;
// The libraries whose C functions are sent by name: the same names reach
// the worker's own functions (its time.sleep really sleeps).
constexpr const char* kLibs[] = {"_G", "string", "table", "math", "os", "io", "utf8", "coroutine", "time"};

template <typename T>
void put(std::string& out, T v) {
  out.append(reinterpret_cast<const char*>(&v), sizeof v);
}

void put_bytes(std::string& out, const char* p, size_t len) {
  put(out, static_cast<std::uint32_t>(len));
  out.append(p, len);
}

// "a " or "an " before a name (an Event, a Future).
std::string article(const char* name) {
  return std::strchr("AEIOUaeiou", name[0]) != nullptr && name[0] != '\0' ? "an " : "a ";
}

// The base library's functions (lbaselib.c), as a worker has them too.
bool is_base_function(const char* name) {
  static const char* const kBase[] = {"assert",   "collectgarbage", "dofile", "error",  "getmetatable", "ipairs",
                                      "loadfile", "load",           "next",   "pairs",  "pcall",        "print",
                                      "rawequal", "rawlen",         "rawget", "rawset", "select",       "setmetatable",
                                      "tonumber", "tostring",       "type",   "warn",   "xpcall"};
  for (const char* b : kBase) {
    if (std::strcmp(b, name) == 0) return true;
  }
  return false;
}

// [-0, +1] The table C function -> "lib.name", made at the first use.
void push_cnames(lua_State* L) {
  if (lua_getfield(L, LUA_REGISTRYINDEX, kRegCNames) == LUA_TTABLE) return;
  lua_pop(L, 1);
  lua_newtable(L);
  const int names = lua_gettop(L);
  push_runtime_modules(L);
  for (const char* lib : kLibs) {
    if (lua_getfield(L, -1, lib) == LUA_TTABLE) {
      lua_pushnil(L);
      while (lua_next(L, -2)) {
        // Of the globals, the base library's functions only (a C function
        // a program stored in a global is not the worker's to find).
        const bool base_ok =
            std::strcmp(lib, "_G") != 0 || (lua_type(L, -2) == LUA_TSTRING && is_base_function(lua_tostring(L, -2)));
        if (base_ok && lua_type(L, -2) == LUA_TSTRING && lua_iscfunction(L, -1)) {
          lua_pushvalue(L, -1);
          lua_pushfstring(L, "%s.%s", lib, lua_tostring(L, -3));
          lua_rawset(L, names);
        }
        lua_pop(L, 1);
      }
    }
    lua_pop(L, 1);
  }
  lua_pop(L, 1);
  lua_pushvalue(L, names);
  lua_setfield(L, LUA_REGISTRYINDEX, kRegCNames);
}

struct Packer {
  lua_State* L;
  std::string& out;
  Refusal& why;
  int seen;  // absolute index: table -> its number
  int tables = 0;

  bool refuse(const char* reason) {
    why.path.clear();
    why.reason = reason;
    return false;
  }

  // Prepends the segment of the key at index k to the refusal's path:
  // .name, ["a b"], [3], [true]. A path deeper than a line shows its inner
  // end after "..." (a table nested a hundred deep would repeat its key).
  void prepend_key(int k) {
    if (why.path.rfind("...", 0) == 0) return;
    if (why.path.size() > kMaxPathShown) {
      why.path.insert(0, "...");
      return;
    }
    std::string seg;
    switch (lua_type(L, k)) {
      case LUA_TSTRING: {
        size_t len;
        const char* s = lua_tolstring(L, k, &len);
        bool ident = len > 0 && !(s[0] >= '0' && s[0] <= '9');
        for (size_t i = 0; i < len && ident; ++i) {
          const char c = s[i];
          ident = c == '_' || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
        }
        if (ident) {
          seg.append(".").append(s, len);
        } else {
          seg.append("[\"").append(s, len).append("\"]");
        }
        break;
      }
      case LUA_TNUMBER:
        seg.append("[");
        if (lua_isinteger(L, k)) {
          seg.append(std::to_string(lua_tointeger(L, k)));
        } else {
          char num[64];
          std::snprintf(num, sizeof num, "%.14g", lua_tonumber(L, k));
          seg.append(num);
        }
        seg.append("]");
        break;
      case LUA_TBOOLEAN:
        seg.append(lua_toboolean(L, k) ? "[true]" : "[false]");
        break;
      default:
        seg.append("[a ").append(luaL_typename(L, k)).append(" key]");
        break;
    }
    why.path.insert(0, seg);
  }

  // Whether the Lua function at i is one of the runtime's own (asyncio's
  // functions written in Lua): their chunks are named "=luasync:...".
  bool is_runtime_function(int i) {
    lua_Debug ar;
    lua_pushvalue(L, i);
    lua_getinfo(L, ">S", &ar);
    return std::strncmp(ar.source, "=luasync:", 9) == 0;
  }

  // What a value with a metatable is called, for a refusal: its
  // metatable's __name ("Future", "FILE*"), or null.
  const char* name_of(int i) {
    if (!lua_getmetatable(L, i)) return nullptr;
    lua_pushliteral(L, "__name");
    const bool named = lua_rawget(L, -2) == LUA_TSTRING;
    // (the string stays alive in the metatable, which the value holds)
    const char* name = named ? lua_tostring(L, -1) : nullptr;
    lua_pop(L, 2);
    return name;
  }

  static int write_dump(lua_State*, const void* p, size_t sz, void* ud) {
    try {
      static_cast<std::string*>(ud)->append(static_cast<const char*>(p), sz);
      return 0;
    } catch (const std::bad_alloc&) {
      return 1;
    }
  }

  bool function(int i) {
    if (lua_iscfunction(L, i)) {
      push_cnames(L);
      lua_pushvalue(L, i);
      const bool known = lua_rawget(L, -2) == LUA_TSTRING;
      if (known) {
        out.push_back('C');
        size_t len;
        const char* name = lua_tolstring(L, -1, &len);
        put_bytes(out, name, len);
      }
      lua_pop(L, 2);
      if (known) return true;
      // coroutine.wrap's function is a C closure whose last upvalue is its
      // coroutine (lcorolib's has that one alone, the kernel's has its own
      // first): named as such, not as some module's C function.
      int last = 0;
      while (lua_getupvalue(L, i, last + 1) != nullptr) {
        lua_pop(L, 1);
        ++last;
      }
      bool wrap = false;
      if (last > 0) {
        lua_getupvalue(L, i, last);
        wrap = lua_type(L, -1) == LUA_TTHREAD;
        lua_pop(L, 1);
      }
      if (wrap) return refuse("a coroutine.wrap function cannot be sent to a thread");
      if (kernel::is_module_entry(L, i)) return refuse(kRuntimeFunction);
      return refuse("a C function cannot be sent to a thread (only the standard library's)");
    }
    // Its upvalues first: nothing is written for a refused function. (A
    // plain array: lua_dump below may raise, and no C++ object with a
    // destructor may be alive then.)
    char kinds[256];
    int nkinds = 0;
    for (int u = 1; u <= 255; ++u) {
      const char* name = lua_getupvalue(L, i, u);
      if (name == nullptr) break;
      lua_pushglobaltable(L);
      // _ENV (whatever its name): the globals, or an environment that
      // reaches them through its metatable (the REPL's); a plain table of
      // its own would be lost in the worker, so it is refused.
      bool globals = lua_rawequal(L, -1, -2) != 0;
      if (!globals && std::strcmp(name, "_ENV") == 0 && lua_type(L, -2) == LUA_TTABLE && lua_getmetatable(L, -2)) {
        lua_pop(L, 1);
        globals = true;
      }
      if (globals) {
        kinds[nkinds++] = 'E';
      } else if (lua_rawequal(L, -2, i)) {
        kinds[nkinds++] = 'S';
      } else if (std::strcmp(name, "_ENV") == 0) {
        lua_pop(L, 2);
        return refuse("a function with an _ENV of its own cannot be sent to a thread");
      } else if (is_runtime_function(i)) {
        // (its upvalues have no names to show: the runtime's bytecode is
        // stripped of them)
        lua_pop(L, 2);
        return refuse(kRuntimeFunction);
      } else {
        lua_pop(L, 2);
        why.path.clear();
        why.reason = std::string("a function with upvalues cannot be sent to a thread (upvalue '") + name +
                     "': define it inside the function, or pass it as an argument)";
        return false;
      }
      lua_pop(L, 2);
    }
    out.push_back('F');
    const size_t at = out.size();
    put(out, std::uint32_t{0});
    lua_pushvalue(L, i);
    const int err = lua_dump(L, write_dump, &out, 0);
    lua_pop(L, 1);
    if (err != 0) throw std::bad_alloc();
    const auto len = static_cast<std::uint32_t>(out.size() - at - sizeof(std::uint32_t));
    std::memcpy(&out[at], &len, sizeof len);
    out.push_back(static_cast<char>(nkinds));
    out.append(kinds, static_cast<size_t>(nkinds));
    return true;
  }

  bool table(int i, int depth) {
    lua_pushvalue(L, i);
    if (lua_rawget(L, seen) == LUA_TNUMBER) {
      out.push_back('R');
      put(out, static_cast<std::uint32_t>(lua_tointeger(L, -1)));
      lua_pop(L, 1);
      return true;
    }
    lua_pop(L, 1);
    if (lua_getmetatable(L, i)) {
      lua_pop(L, 1);
      if (const char* name = name_of(i)) {
        why.path.clear();
        why.reason = article(name) + name + " (a table with a metatable) cannot be sent to a thread";
        return false;
      }
      return refuse("a table with a metatable cannot be sent to a thread");
    }
    if (depth >= kMaxDepth) return refuse("tables nested too deeply to be sent to a thread");
    lua_pushvalue(L, i);
    lua_pushinteger(L, ++tables);
    lua_rawset(L, seen);
    out.push_back('T');
    luaL_checkstack(L, 4, "tables nested too deeply");
    lua_pushnil(L);
    while (lua_next(L, i)) {
      luaL_checkstack(L, 8, "tables nested too deeply");
      const int v = lua_gettop(L);
      if (!value(v - 1, depth + 1)) {
        why.reason.insert(0, "a key: ");
        prepend_key(v - 1);
        lua_pop(L, 2);
        return false;
      }
      if (!value(v, depth + 1)) {
        prepend_key(v - 1);
        lua_pop(L, 2);
        return false;
      }
      lua_pop(L, 1);
    }
    out.push_back('e');
    return true;
  }

  bool value(int i, int depth) {
    switch (lua_type(L, i)) {
      case LUA_TNIL:
        out.push_back('n');
        return true;
      case LUA_TBOOLEAN:
        out.push_back(lua_toboolean(L, i) ? 't' : 'f');
        return true;
      case LUA_TNUMBER:
        if (lua_isinteger(L, i)) {
          out.push_back('i');
          put(out, static_cast<std::int64_t>(lua_tointeger(L, i)));
        } else {
          out.push_back('d');
          put(out, static_cast<double>(lua_tonumber(L, i)));
        }
        return true;
      case LUA_TSTRING: {
        size_t len;
        const char* s = lua_tolstring(L, i, &len);
        if (len > UINT32_MAX) return refuse("a string of 4 GiB or more cannot be sent to a thread");
        out.push_back('s');
        put_bytes(out, s, len);
        return true;
      }
      case LUA_TTABLE:
        return table(i, depth);
      case LUA_TFUNCTION:
        return function(i);
      case LUA_TTHREAD:
        return refuse("a coroutine cannot be sent to a thread");
      default: {
        why.path.clear();
        const char* name = lua_type(L, i) == LUA_TUSERDATA ? name_of(i) : nullptr;
        // (an async function's coroutine object is a userdata named so)
        if (name && std::strcmp(name, "coroutine") == 0) name = "coroutine object";
        why.reason = name ? article(name) + name + " (userdata)" : std::string("a ") + luaL_typename(L, i);
        why.reason += " cannot be sent to a thread";
        return false;
      }
    }
  }
};

struct Reader {
  const char* p;
  const char* end;
  template <typename T>
  T get() {
    T v;
    std::memcpy(&v, p, sizeof v);
    p += sizeof v;
    return v;
  }
};

// [-0, +1]
void unpack_value(lua_State* L, Reader& r, int env, int refs) {
  luaL_checkstack(L, 4, "value nested too deeply");
  const char tag = *r.p++;
  switch (tag) {
    case 'n':
      lua_pushnil(L);
      break;
    case 'f':
    case 't':
      lua_pushboolean(L, tag == 't');
      break;
    case 'i':
      lua_pushinteger(L, static_cast<lua_Integer>(r.get<std::int64_t>()));
      break;
    case 'd':
      lua_pushnumber(L, static_cast<lua_Number>(r.get<double>()));
      break;
    case 's': {
      const auto len = r.get<std::uint32_t>();
      lua_pushlstring(L, r.p, len);
      r.p += len;
      break;
    }
    case 'R':
      lua_rawgeti(L, refs, r.get<std::uint32_t>());
      break;
    case 'T': {
      lua_newtable(L);
      lua_pushvalue(L, -1);
      lua_rawseti(L, refs, static_cast<lua_Integer>(lua_rawlen(L, refs)) + 1);
      while (*r.p != 'e') {
        unpack_value(L, r, env, refs);
        unpack_value(L, r, env, refs);
        lua_rawset(L, -3);
      }
      ++r.p;
      break;
    }
    case 'F': {
      const auto len = r.get<std::uint32_t>();
      if (luaL_loadbufferx(L, r.p, len, "=(copied function)", "b") != LUA_OK) lua_error(L);
      r.p += len;
      const int nups = static_cast<unsigned char>(*r.p++);
      for (int u = 1; u <= nups; ++u) {
        const char kind = *r.p++;
        if (kind == 'E') {
          lua_pushvalue(L, env);
        } else if (kind == 'S') {
          lua_pushvalue(L, -1);
        } else {
          lua_pushnil(L);
        }
        lua_setupvalue(L, -2, u);
      }
      break;
    }
    case 'C': {
      // "lib.name": lib is a standard library or time, as the state
      // opened it (runtime_modules.hpp); its field name, or nil.
      const auto len = r.get<std::uint32_t>();
      const char* name = r.p;
      r.p += len;
      const char* dot = static_cast<const char*>(std::memchr(name, '.', len));
      push_runtime_modules(L);
      lua_pushlstring(L, name, static_cast<size_t>(dot - name));
      if (lua_rawget(L, -2) == LUA_TTABLE) {
        lua_pushlstring(L, dot + 1, static_cast<size_t>(name + len - dot - 1));
        lua_rawget(L, -2);
      } else {
        lua_pushnil(L);
      }
      lua_replace(L, -3);
      lua_pop(L, 1);
      break;
    }
    default:
      luaL_error(L, "internal error: bad packed value");
  }
}

}  // namespace

bool pack(lua_State* L, int first, int n, Packet& out, Refusal& why, int& index) {
  first = lua_absindex(L, first);
  lua_newtable(L);
  Packer p{L, out.bytes, why, lua_gettop(L)};
  for (int k = 0; k < n; ++k) {
    if (!p.value(first + k, 0)) {
      index = k + 1;
      lua_pop(L, 1);
      return false;
    }
  }
  out.count += n;
  lua_pop(L, 1);
  return true;
}

int unpack(lua_State* L, const Packet& p, int env) {
  env = lua_absindex(L, env);
  luaL_checkstack(L, p.count + 2, "too many values");
  lua_newtable(L);
  const int refs = lua_gettop(L);
  Reader r{p.bytes.data(), p.bytes.data() + p.bytes.size()};
  for (int k = 0; k < p.count; ++k) unpack_value(L, r, env, refs);
  lua_remove(L, refs);
  return p.count;
}

}  // namespace luasync::threads
