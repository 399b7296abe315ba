// Build tool: compiles src/**/*.lua to Lua bytecode (with line numbers, so
// runtime frames keep their "=luasync:<name>" source and lines, but without
// the names of local variables and upvalues) and writes a C++ file with one array per
// module plus the embedded_sources table.
//   luasync_bytecode OUT.cpp a.lua b.lua ...
#include <algorithm>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <lua.hpp>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

static_assert(LUA_VERSION_NUM == 504, "the binary chunk format below is Lua 5.4's (ldump.c)");

namespace {
int collect(lua_State*, const void* p, size_t size, void* ud) {
  auto* out = static_cast<std::string*>(ud);
  out->append(static_cast<const char*>(p), size);
  return 0;
}

// Copies a Lua 5.4 binary chunk (ldump.c's format) without the names of
// its functions' local variables and upvalues, two thirds of its strings:
// every start interns each string of the runtime's chunks (bench W6).
// Nothing in the runtime asks for its own locals or upvalues by name
// (debug.getlocal and debug.getupvalue are used on the user's functions
// only); the one place a name shows is a user's frame in a traceback that
// a runtime function called through an upvalue, which Lua then names
// "upvalue '?'" and report.lua's frame_line names by its source instead.
// lua_dump's strip would also drop the line numbers and the source name,
// which tracebacks and messages need.
class DebugNamesStripper {
 public:
  explicit DebugNamesStripper(const std::string& in) : in_(in) {}

  std::string run() {
    copy(kHeaderSize);
    copy(1);  // the main function's upvalue count
    function();
    if (pos_ != in_.size()) fail("bytes after the main function");
    return out_;
  }

 private:
  // Signature 4, version 1, format 1, LUAC_DATA 6, three sizes 3, LUAC_INT 8,
  // LUAC_NUM 8.
  static constexpr size_t kHeaderSize = 31;

  [[noreturn]] static void fail(const char* what) { throw std::runtime_error(what); }
  void need(size_t n) const {
    if (n > in_.size() - pos_) fail("truncated chunk");
  }
  void copy(size_t n) {
    need(n);
    out_.append(in_, pos_, n);
    pos_ += n;
  }
  // dumpSize's varint: 7 bits a byte, most significant first, the last byte
  // marked by its high bit.
  size_t read_size() {
    size_t x = 0;
    for (;;) {
      need(1);
      const auto b = static_cast<unsigned char>(in_[pos_++]);
      x = (x << 7) | (b & 0x7f);
      if (b & 0x80) return x;
    }
  }
  void write_size(size_t x) {
    unsigned char buf[16];
    int n = 0;
    do {
      buf[sizeof buf - ++n] = x & 0x7f;
      x >>= 7;
    } while (x != 0);
    buf[sizeof buf - 1] |= 0x80;
    out_.append(reinterpret_cast<const char*>(buf + sizeof buf - n), static_cast<size_t>(n));
  }
  size_t size() {
    const size_t x = read_size();
    write_size(x);
    return x;
  }
  void string() {  // size + 1 then the bytes; 0 for none
    if (const size_t n = size()) copy(n - 1);
  }
  void skip_string() {
    const size_t n = read_size();
    if (n) {
      need(n - 1);
      pos_ += n - 1;
    }
  }

  void function() {
    string();                              // source
    size();                                // linedefined
    size();                                // lastlinedefined
    copy(3);                               // numparams, is_vararg, maxstacksize
    copy(size() * 4);                      // code
    for (size_t n = size(); n > 0; --n) {  // constants
      need(1);
      const auto tag = static_cast<unsigned char>(in_[pos_]);
      copy(1);
      switch (tag) {
        case 0x00:  // nil
        case 0x01:  // false
        case 0x11:  // true
          break;
        case 0x03:  // integer
        case 0x13:  // float
          copy(8);
          break;
        case 0x04:  // short string
        case 0x14:  // long string
          string();
          break;
        default:
          fail("unknown constant type");
      }
    }
    copy(size() * 3);                                // upvalues: instack, idx, kind
    for (size_t n = size(); n > 0; --n) function();  // nested functions
    copy(size());                                    // lineinfo
    for (size_t n = size(); n > 0; --n) {            // abslineinfo: pc, line
      size();
      size();
    }
    const size_t locals = read_size();  // locvars: dropped
    write_size(0);
    for (size_t n = locals; n > 0; --n) {
      skip_string();
      read_size();
      read_size();
    }
    const size_t upvalue_names = read_size();  // dropped too
    write_size(0);
    for (size_t n = upvalue_names; n > 0; --n) skip_string();
  }

  const std::string& in_;
  size_t pos_ = 0;
  std::string out_;
};

std::string module_name(const std::string& path) {
  std::string base = path.substr(path.find_last_of('/') + 1);
  return base.substr(0, base.rfind('.'));
}
}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr, "usage: %s OUT.cpp FILE.lua...\n", argv[0]);
    return 2;
  }
  lua_State* L = luaL_newstate();
  std::ostringstream cpp;
  cpp << "// Generated by cmake/bytecode.cpp from src/**/*.lua. Do not edit.\n"
      << "#include \"lua/embedded.hpp\"\nnamespace luasync {\n";
  std::vector<std::string> names;
  for (int i = 2; i < argc; ++i) {
    std::ifstream in(argv[i], std::ios::binary);
    std::string src((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    std::string name = module_name(argv[i]);
    for (const std::string& seen : names) {
      if (seen == name) {
        std::fprintf(stderr, "%s: a second file for the module luasync.%s\n", argv[i], name.c_str());
        return 1;
      }
    }
    std::string chunkname = "=luasync:" + name;
    if (luaL_loadbuffer(L, src.data(), src.size(), chunkname.c_str()) != LUA_OK) {
      std::fprintf(stderr, "%s: %s\n", argv[i], lua_tostring(L, -1));
      return 1;
    }
    std::string full;
    lua_dump(L, collect, &full, 0);
    lua_pop(L, 1);
    std::string bytecode;
    try {
      bytecode = DebugNamesStripper(full).run();
    } catch (const std::exception& e) {
      std::fprintf(stderr, "%s: cannot strip its bytecode: %s\n", argv[i], e.what());
      return 1;
    }
    // What the runtime will load must load.
    if (luaL_loadbufferx(L, bytecode.data(), bytecode.size(), chunkname.c_str(), "b") != LUA_OK) {
      std::fprintf(stderr, "%s: its stripped bytecode does not load: %s\n", argv[i], lua_tostring(L, -1));
      return 1;
    }
    lua_pop(L, 1);
    cpp << "static const unsigned char lua_" << name << "[] = {";
    for (unsigned char c : bytecode) cpp << static_cast<int>(c) << ',';
    cpp << "};\n";
    names.push_back(name);
  }
  // Sorted by name, for the runtime's binary search (lua/embedded.hpp).
  std::sort(names.begin(), names.end());
  cpp << "const std::size_t embedded_source_count = " << names.size() << ";\n";
  cpp << "const EmbeddedSource embedded_sources[] = {\n";
  for (const std::string& n : names)
    cpp << "  {\"" << n << "\", \"luasync." << n << "\", \"=luasync:" << n << "\", reinterpret_cast<const char*>(lua_"
        << n << "), sizeof(lua_" << n << ")},\n";
  cpp << "  {nullptr, nullptr, nullptr, nullptr, 0}};\n}\n";
  lua_close(L);
  std::ofstream(argv[1]) << cpp.str();
  return 0;
}
