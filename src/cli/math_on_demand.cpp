// The C math library, loaded when first needed rather than by the dynamic
// loader at every start. Mapping libm.so.6 and faulting in its pages was
// ~80 µs of a program's ~1.2 ms start on the machine of bench/RESULTS.md
// (W6), and most programs never call it: the runtime's start needs none of
// these functions; Lua calls them for math.sin, x ^ y, a float's x % y...
//
// Only the luasync binaries have this file (CMakeLists.txt): the functions
// below are the libm functions the binary refers to (Lua's and the
// runtime's), so the linker finds them here and no longer lists libm.so.6
// as needed. They are not exported. libm loads into the global scope, as a
// linked library is: C modules built for Lua 5.4 take its functions from
// the interpreter that loads them (lua-cqueues' _cqueues.so refers to fmax
// without naming libm).
//
// When it loads: at the first call of one of these functions, before any
// dlopen (a C module, libcurl, the line editor), when the runtime's I/O
// bindings open (luasync_load_libm), at the start when the loop's
// descriptors would come near the limit, and when Lua's io.open, io.lines,
// io.popen, io.tmpfile or os.tmpname (the calls of liblua5.4.a wrapped
// below with the linker's --wrap) made a descriptor near the process's
// limit. Loading takes a descriptor for a moment: a program that used up
// its descriptors (a server at its limit) would otherwise fail its first
// x ^ y. The call that loads a script or a module (fopen, far below the
// limit) does not load it.
#include <dlfcn.h>
#include <sys/resource.h>

#include <atomic>
#include <cerrno>
#include <cstdio>
#include <cstdlib>
#include <mutex>

extern "C" {
void* __real_dlopen(const char* file, int mode);
bool luasync_load_libm();
// Loads libm when descriptor fd is near the process's limit (see above).
// Also called by the CLI before the loop is made: a start may leave none
// free.
void luasync_load_libm_near_limit(int fd);
}

namespace {

// One argument, two arguments: the functions the binary calls, by name.
#define LUASYNC_LIBM_UNARY(X) \
  X(acos) X(asin) X(cos) X(cosh) X(exp) X(log) X(log10) X(log2) X(round) X(sin) X(sinh) X(sqrt) X(tan) X(tanh)
#define LUASYNC_LIBM_BINARY(X) X(atan2) X(fmod) X(pow)

struct Libm {
#define LUASYNC_UNARY_FIELD(name) double (*name)(double);
#define LUASYNC_BINARY_FIELD(name) double (*name)(double, double);
  LUASYNC_LIBM_UNARY(LUASYNC_UNARY_FIELD)
  LUASYNC_LIBM_BINARY(LUASYNC_BINARY_FIELD)
#undef LUASYNC_UNARY_FIELD
#undef LUASYNC_BINARY_FIELD
};

// The functions, written once under the mutex before `loaded` is set, read
// only after it was seen set: a thread that calls first (worker threads run
// Lua too) and one that hooks a descriptor may race.
Libm libm_fns;
std::atomic<bool> loaded{false};
std::mutex load_mutex;

template <typename T>
void find(void* lib, const char* name, T& out) {
  out = reinterpret_cast<T>(dlsym(lib, name));
  if (out == nullptr) {
    std::fprintf(stderr, "luasync: libm.so.6 has no function %s\n", name);
    std::abort();
  }
}

// A descriptor this close to the soft limit loads libm (see above): room
// for the one loading takes, and for the program's next few.
constexpr rlim_t kNearLimit = 32;

// Loads libm at the first call of one of its functions: errno as it was,
// for the function to set.
[[gnu::noinline]] void load_for_call() {
  const int saved = errno;
  if (luasync_load_libm()) {
    errno = saved;
    return;
  }
  // No descriptor is left, and none of the hooks above saw it coming (they
  // were used up by a C module's own calls). libm is part of the C
  // library's package (libc6): nothing else stops it.
  std::fprintf(stderr, "luasync: cannot load the C math library: %s\n", dlerror());
  std::abort();
}

const Libm& libm() {
  if (!loaded.load(std::memory_order_acquire)) load_for_call();
  return libm_fns;
}

}  // namespace

extern "C" {

// Loads libm unless it is loaded; false if it cannot be now (no descriptor
// left), to be tried again at the next call.
bool luasync_load_libm() {
  if (loaded.load(std::memory_order_acquire)) return true;
  std::lock_guard<std::mutex> lock(load_mutex);
  if (loaded.load(std::memory_order_relaxed)) return true;
  void* lib = __real_dlopen("libm.so.6", RTLD_NOW | RTLD_GLOBAL);
  if (lib == nullptr) return false;
#define LUASYNC_FIND(name) find(lib, #name, libm_fns.name);
  LUASYNC_LIBM_UNARY(LUASYNC_FIND)
  LUASYNC_LIBM_BINARY(LUASYNC_FIND)
#undef LUASYNC_FIND
  loaded.store(true, std::memory_order_release);
  return true;
}

void luasync_load_libm_near_limit(int fd) {
  if (fd < 0 || loaded.load(std::memory_order_acquire)) return;
  rlimit lim{};
  if (getrlimit(RLIMIT_NOFILE, &lim) == 0 && lim.rlim_cur != RLIM_INFINITY &&
      static_cast<rlim_t>(fd) + kNearLimit >= lim.rlim_cur) {
    luasync_load_libm();
  }
}

#define LUASYNC_UNARY_DEF(name) \
  double name(double x) noexcept { return libm().name(x); }
#define LUASYNC_BINARY_DEF(name) \
  double name(double x, double y) noexcept { return libm().name(x, y); }
LUASYNC_LIBM_UNARY(LUASYNC_UNARY_DEF)
LUASYNC_LIBM_BINARY(LUASYNC_BINARY_DEF)
#undef LUASYNC_UNARY_DEF
#undef LUASYNC_BINARY_DEF

// The calls that load a library or make a descriptor (see above); libm's
// loading, where it is due, never changes what they answer (errno too).
FILE* __real_fopen64(const char* path, const char* mode);
FILE* __real_freopen64(const char* path, const char* mode, FILE* stream);
FILE* __real_popen(const char* command, const char* mode);
FILE* __real_tmpfile64();
int __real_mkstemp64(char* templ);

void* __wrap_dlopen(const char* file, int mode) {
  luasync_load_libm();
  return __real_dlopen(file, mode);
}
FILE* __wrap_fopen64(const char* path, const char* mode) {
  FILE* f = __real_fopen64(path, mode);
  if (f) luasync_load_libm_near_limit(fileno(f));
  return f;
}
FILE* __wrap_freopen64(const char* path, const char* mode, FILE* stream) {
  FILE* f = __real_freopen64(path, mode, stream);
  if (f) luasync_load_libm_near_limit(fileno(f));
  return f;
}
FILE* __wrap_popen(const char* command, const char* mode) {
  FILE* f = __real_popen(command, mode);
  if (f) luasync_load_libm_near_limit(fileno(f));
  return f;
}
FILE* __wrap_tmpfile64() {
  FILE* f = __real_tmpfile64();
  if (f) luasync_load_libm_near_limit(fileno(f));
  return f;
}
int __wrap_mkstemp64(char* templ) {
  const int fd = __real_mkstemp64(templ);
  luasync_load_libm_near_limit(fd);
  return fd;
}

}  // extern "C"
