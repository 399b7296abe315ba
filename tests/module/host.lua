-- Runs one of luasync's test scripts under stock lua5.4 through the module
-- (build/module/asyncio.so): the script's chunk becomes the body of the task
-- asyncio.run drives, as the luasync binary runs it as its main task.
--   lua5.4 tests/module/host.lua SCRIPT.lua [real|virtual]
-- LUASYNC_MODULE_DIR names the folder of asyncio.so (CMake sets it).
local script, clock = arg[1], arg[2] or "virtual"
local dir = assert(os.getenv("LUASYNC_MODULE_DIR"), "LUASYNC_MODULE_DIR is not set")
package.cpath = dir .. "/?.so;" .. package.cpath
local asyncio = require "asyncio"
local chunk = assert(loadfile(script))
arg = { [0] = script }
asyncio.run(async(chunk)(), { clock = clock })
