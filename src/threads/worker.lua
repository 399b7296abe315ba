-- The Lua half of a worker thread's state (threads/worker.cpp). A job runs
-- plain, blocking Lua there: the standard libraries, `time` (time.sleep
-- blocks this thread only), print, and asyncio's error classes, so that
-- error(asyncio.ValueError("...")) in a job reaches the awaiting task as a
-- ValueError. What needs the loop is refused with a message that says why.
local errors = require "luasync.errors"
local traceback, getmetatable, setmetatable, error, tostring, pcall = debug.traceback, getmetatable, setmetatable,
  error, tostring, pcall
local type, pairs, rawget = type, pairs, rawget
local gsub, gmatch, find, sub, concat = string.gsub, string.gmatch, string.find, string.sub, table.concat

local not_here = "is not available in a worker thread: a job runs plain Lua, where blocking " ..
  "(time.sleep, io.read) blocks only this thread"

local classes = {}
for name, cls in pairs(errors) do
  if type(cls) == "table" and rawget(cls, "__name") == name then classes[name] = cls end
end
_G.asyncio = setmetatable(classes, {
  __index = function(_, key) error("asyncio." .. tostring(key) .. " " .. not_here, 2) end,
})
-- require "asyncio" in a job gets this table too: otherwise the searchers
-- would find an installed asyncio.so and open a second runtime here.
package.loaded.asyncio = _G.asyncio
_G.await = function() error("await() " .. not_here, 2) end
-- os.exit would end the whole program from this thread, skipping every
-- task's cleanup: here it raises SystemExit, which the awaiting task gets
-- (and which ends the program there, cleanly, unless caught).
package.loaded.os.exit = function(code) error(classes.SystemExit(code == nil and 0 or code), 2) end
_G.async = function() error("async() " .. not_here, 2) end

local last_traceback

-- The frames of the job where it raised: the user's, not error's own nor
-- this runner's (as report.frames shows a task's).
local function msgh(e)
  local tb = traceback("", 2)
  tb = gsub(tb, "^\nstack traceback:\n", "")
  tb = gsub(tb, "^\t%[C%]: in function 'error'\n", "")
  local cut = find(tb, "\n\t%[C%]: in function 'xpcall'")
  if cut then tb = sub(tb, 1, cut - 1) end
  -- The runtime's own frames (this file's asyncio table) are not the user's.
  local kept = {}
  for line in gmatch(tb, "[^\n]+") do
    if not find(line, "^\tluasync:") then kept[#kept + 1] = line end
  end
  tb = concat(kept, "\n")
  last_traceback = tb
  -- An instance of an error class travels as a plain table of its fields
  -- and the names of its class and the classes above it; the loop's side
  -- rebuilds it from the first it knows.
  if errors.is_instance(e) then
    local chain, cls = {}, getmetatable(e)
    while cls do
      chain[#chain + 1] = rawget(cls, "__name")
      cls = rawget(cls, "__parent")
    end
    local plain = { __classes = chain }
    for k, v in pairs(e) do
      local t = type(v)
      if k ~= "traceback" and (t == "string" or t == "number" or t == "boolean") then plain[k] = v end
    end
    return plain
  end
  return e
end

local M = {}

function M.run(fn, ...)
  last_traceback = nil
  return xpcall(fn, msgh, ...)
end

-- The text of an error value that cannot travel itself (a userdata), even
-- when its __tostring fails.
function M.text(e)
  local ok, s = pcall(tostring, e)
  if ok and type(s) == "string" then return s end
  return "(error object is a " .. type(e) .. " value)"
end

function M.take_traceback()
  local tb = last_traceback
  last_traceback = nil
  return tb
end

return M
