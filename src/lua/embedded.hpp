#pragma once
#include <cstddef>

namespace luasync {

// One Lua source compiled into the binary (see cmake/embed.cmake).
struct EmbeddedSource {
  const char* name;  // file name without ".lua"; nullptr ends the table
  const char* data;
  std::size_t size;
};

extern const EmbeddedSource embedded_sources[];

}  // namespace luasync
