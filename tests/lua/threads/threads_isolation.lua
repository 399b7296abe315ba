-- Each job sees the worker's globals through a fresh environment: what one
-- job assigns never reaches the next, nor the loop's globals, and a job
-- cannot change the standard library for the next one.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check

local pool <close> = asyncio.ThreadPoolExecutor(1)  -- one worker: every job runs in the same state
local loop = asyncio.get_running_loop()
local function run(fn, ...) return await(loop:run_in_executor(pool, fn, ...)) end

eq("a job sets a global", run(function() counter = (counter or 0) + 1; return counter end), 1)
eq("the next job does not see it", run(function() return counter end), nil)
eq("nor the loop's state", counter, nil)
eq("the job's _G is its environment", run(function() x = 1; return _G.x end), 1)
run(function() string = nil; print = nil end)
eq("the standard library is intact for the next job", run(function() return string.rep("a", 2) end), "aa")
-- Library tables are shared by the jobs of one worker, as in one lua5.4
-- state: a job that writes into them is the user's business.
eq("asyncio in a job has the error classes only", run(function()
  return asyncio.ValueError ~= nil, pcall(function() return asyncio.sleep end)
end), true)
-- With the module for lua5.4 on the search path, require "asyncio" in a job
-- must still give the worker's table, not open a second runtime there.
local module = (os.getenv("LUASYNC"):match("^(.*)/[^/]*$") or ".") .. "/module/asyncio.so"
check("the module is there to be found", io.open(module) ~= nil)
eq("require \"asyncio\" in a job gives the worker's table", run(function(path)
  package.cpath = path .. ";" .. package.cpath
  local a = require "asyncio"
  return tostring(a == asyncio) .. " " .. tostring(a.ValueError ~= nil) .. " " ..
    tostring((pcall(function() return a.sleep end)))
end, (module:gsub("asyncio%.so$", "?.so"))), "true true false")
VISIBLE = "loop"
eq("the loop's globals do not reach a job", run(function() return VISIBLE end), nil)
eq("_ENV is the job's own too", run(function() local env = _ENV; y = 2; return env.y, rawget(_G, "y") end), 2)
check("time is there", run(function() return type(time.sleep) == "function" and type(time.monotonic()) end)
  == "number")
cli.finish()
