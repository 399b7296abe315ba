-- luasync as a rock: `luarocks --lua-version=5.4 make` in a checkout builds
-- the module for stock Lua (require "asyncio") and the luasync binary with
-- CMake and installs them into the rock tree (docs/lua-users.md). Needs the
-- Debian packages of scripts/bootstrap's build list (liblua5.4-dev,
-- libuv1-dev, libcurl4-openssl-dev, lua-cjson, cmake, g++; the REPL loads libreadline8 at run time).
rockspec_format = "3.0"
package = "luasync"
version = "0.1.0-1"
-- `luarocks make` builds the working copy it runs in and fetches nothing;
-- luasync has no public repository yet for a published rockspec to name.
source = {
  url = "git+file://.",
}
description = {
  summary = "asyncio for Lua 5.4: tasks on a libuv event loop, as a module and a REPL",
  detailed = [[
    The asyncio programming model of CPython on Lua 5.4 coroutines and libuv: tasks,
    cancellation, gather, wait_for and timeout, TaskGroup, queues and locks, streams,
    subprocesses, files, threads and HTTP, with CPython's event orders and errors.
    require "asyncio" in lua5.4, or the luasync binary with its REPL.
  ]],
  license = "MIT",
}
dependencies = {
  "lua >= 5.4, < 5.5",
}
build = {
  type = "cmake",
  variables = {
    CMAKE_BUILD_TYPE = "Release",
    CMAKE_INSTALL_PREFIX = "$(PREFIX)",
    LUASYNC_ROCK = "ON",
  },
}
