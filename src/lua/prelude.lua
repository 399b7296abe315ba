-- Runs once when a Lua state starts: the globals of DESIGN.md §1.
local task = require "luasync.task"
require "luasync.coroutines"
local asyncio = require "luasync.asyncio"

package.loaded.asyncio = asyncio
_G.asyncio = asyncio
_G.async = task.async
_G.await = task.await
return true
