#pragma once
#include <cstddef>

namespace luasync {

// One Lua source compiled into the binary (cmake/bytecode.cpp compiles every src/**/*.lua).
struct EmbeddedSource {
  const char* name;       // file name without ".lua"; nullptr ends the table
  const char* module;     // "luasync.<name>", its name for require
  const char* chunkname;  // "=luasync:<name>": runtime-internal frames, which tracebacks hide
  const char* data;
  std::size_t size;
};

// Sorted by name (strcmp's order), embedded_source_count of them, then the
// entry whose name is nullptr.
extern const EmbeddedSource embedded_sources[];
extern const std::size_t embedded_source_count;

}  // namespace luasync
