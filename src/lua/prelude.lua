-- Runs once when a Lua state starts: the globals `asyncio`, `async`, `await`
-- (docs/api.md), and io.write through the output hook.
local task = require "luasync.task"
require "luasync.coroutines"
local asyncio = require "luasync.asyncio"

package.loaded.asyncio = asyncio
_G.asyncio = asyncio
_G.async = task.async
_G.await = task.await
-- Like print, io.write to stdout ends the program quietly when the reader
-- of a pipe went away (see print.cpp).
local check_stdout = require("luasync.stdout").check
local before_output = require("luasync.stdout").before_output
local stdout, stderr = io.stdout, io.stderr
local file_methods = getmetatable(stdout).__index
local raw_write = file_methods.write
local function checked_write(f, ...)
  -- At the REPL, output goes above the prompt (lua/output.hpp).
  if f == stdout or f == stderr then before_output() end
  local r, msg, code = raw_write(f, ...)
  if f == stdout then check_stdout() end
  return r, msg, code
end
file_methods.write = checked_write
io.write = function(...) return checked_write(io.output(), ...) end
return true
