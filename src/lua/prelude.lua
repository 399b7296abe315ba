-- Runs once when a Lua state starts: the globals `asyncio`, `async`, `await`
-- (docs/api.md). (print and writes to the standard streams: lua/stdio.cpp.)
local task = require "luasync.task"
local asyncio = require "luasync.asyncio"

require("luasync.std").modules.asyncio = asyncio
package.loaded.asyncio = asyncio
_G.asyncio = asyncio
_G.async = task.async
_G.await = task.await
require("luasync.errors").install_error()
return true
