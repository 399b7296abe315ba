// The line-editing library this binary loads (readline_api.hpp). Compiled
// into each binary rather than into the shared objects, so one build can
// make a second REPL binary with the other library to test both.
#include "repl/readline_api.hpp"

namespace luasync {

#ifdef LUASYNC_LIBEDIT
const LineEditorLibrary kLineEditor{"libedit.so.2", "libedit2", true};
#else
const LineEditorLibrary kLineEditor{"libreadline.so.8", "libreadline8", false};
#endif

}  // namespace luasync
