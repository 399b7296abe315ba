-- The Lua half of a worker thread's state (threads/worker.cpp). A job runs
-- plain, blocking Lua there: the standard libraries, `time` (time.sleep
-- blocks this thread only), print, and asyncio's error classes, so that
-- error(asyncio.ValueError("...")) in a job reaches the awaiting task as a
-- ValueError. What needs the loop is refused with a message that says why.
local errors = require "luasync.errors"
local traceback, getmetatable, setmetatable, error, tostring, pcall = debug.traceback, getmetatable, setmetatable,
  error, tostring, pcall
local type, pairs, rawget = type, pairs, rawget
local tonumber, math_tointeger = tonumber, math.tointeger
local gsub, gmatch, find, sub, format, concat = string.gsub, string.gmatch, string.find, string.sub, string.format, table.concat

-- As luaL_optinteger reads a number: an integer, a float with an integral
-- value, or a string that converts to one of these.
local function tointeger(v)
  if type(v) == "string" then v = tonumber(v) end
  return type(v) == "number" and math_tointeger(v) or nil
end

-- A value's type as luaL_typeerror names it: its metatable's __name first.
local function typename(v)
  local mt = getmetatable(v)
  if type(mt) == "table" and type(rawget(mt, "__name")) == "string" then return rawget(mt, "__name") end
  return type(v)
end

local not_here = "is not available in a worker thread: a job runs plain Lua, where blocking " ..
  "(time.sleep, io.read) blocks only this thread"

local classes = {}
for name, cls in pairs(errors) do
  if type(cls) == "table" and rawget(cls, "__name") == name then classes[name] = cls end
end
_G.asyncio = setmetatable(classes, {
  __index = function(_, key) error("asyncio." .. tostring(key) .. " " .. not_here, 2) end,
})
-- require "asyncio" in a job gets this table too (also once a job cleared
-- package.loaded): otherwise the searchers would find an installed
-- asyncio.so and open a second runtime here.
package.loaded.asyncio = _G.asyncio
require("luasync.std").modules.asyncio = _G.asyncio
_G.await = function() error("await() " .. not_here, 2) end
-- os.exit would end the whole program from this thread, skipping every
-- task's cleanup: here it raises SystemExit, which the awaiting task gets
-- (and which ends the program there, cleanly, unless caught).
-- Its argument is checked as Lua's os.exit checks it (true, false, nil or
-- an integer), so that os.exit("bye") is refused here as on the loop's
-- thread instead of leaving the program with status 1.
package.loaded.os.exit = function(code)
  if code == nil or code == true then
    code = 0
  elseif code == false then
    code = 1
  else
    local n = tointeger(code)
    if n == nil then
      error(format("bad argument #1 to 'exit' (%s)", (type(code) == "number" or (type(code) == "string" and tonumber(code))) and
        "number has no integer representation" or ("number expected, got " .. typename(code))), 2)
    end
    code = n
  end
  error(classes.SystemExit(code), 2)
end
_G.async = function() error("async() " .. not_here, 2) end

local last_traceback

-- An error instance as a plain table that can be copied to the loop's
-- state: its fields (numbers, strings, booleans; error instances such as
-- .cause or an ExceptionGroup's .exceptions, and plain tables of these,
-- the same way; nothing else: a function, a userdata) and the names of its
-- class and the classes above it (__classes), from which the loop's side
-- rebuilds it (threads.lua). `done` maps each table met to its copy, so a
-- table reached twice is copied once (and a cycle stays one); `depth`
-- bounds the nesting.
local plain
local function plain_value(v, done, depth)
  local t = type(v)
  if t == "string" or t == "number" or t == "boolean" then return v end
  if t ~= "table" or depth >= 16 then return nil end
  if done[v] then return done[v] end
  if errors.is_instance(v) then return plain(v, done, depth + 1) end
  if getmetatable(v) ~= nil then return nil end
  local copy = {}
  done[v] = copy
  for k, x in pairs(v) do
    local kt = type(k)
    if kt == "string" or kt == "number" then copy[k] = plain_value(x, done, depth + 1) end
  end
  return copy
end
function plain(e, done, depth)
  local chain, cls = {}, getmetatable(e)
  while cls do
    chain[#chain + 1] = rawget(cls, "__name")
    cls = rawget(cls, "__parent")
  end
  local copy = { __classes = chain }
  done[e] = copy
  for k, v in pairs(e) do
    if k ~= "traceback" and type(k) == "string" then copy[k] = plain_value(v, done, depth) end
  end
  return copy
end

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
  -- An instance of an error class travels as a plain table (see plain).
  if errors.is_instance(e) then return plain(e, {}, 0) end
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
  local mt = getmetatable(e)
  if type(mt) == "table" and rawget(mt, "__tostring") then
    local ok, s = pcall(tostring, e)
    if ok and type(s) == "string" then return s end
  end
  -- (as lua.c says it of an error value that has no text: not the address
  -- of a value in a state the loop never sees)
  return "(error object is a " .. type(e) .. " value)"
end

function M.take_traceback()
  local tb = last_traceback
  last_traceback = nil
  return tb
end

return M
