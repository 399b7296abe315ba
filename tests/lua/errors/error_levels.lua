-- error(msg, level) counts the user's frames: an async function awaited
-- inline blames, at level 2, the line that awaited it (the await between
-- them is the runtime's), as a plain function blames its caller. Where no
-- runtime frame sits in between, the levels are Lua's: the same script
-- prints the same under lua5.4.
local cli = require "lib.cli"
local run, eq, tmpfile, quote = cli.run, cli.eq, cli.tmpfile, cli.quote

local plain_script = tmpfile([[
local function f(l) error("m", l) end
local function g(l) f(l) end
for l = 0, 5 do print(l, pcall(g, l)) end
for l = 1, 5 do print(l, pcall(function() g(l) end)) end
print(pcall(string.gsub, "a", "a", function() f(2) end))
print(pcall(function() string.gsub("a", "a", function() f(3) end) end))
print(pcall(coroutine.wrap(function() f(3) end)))
local t = setmetatable({}, {__index = function() f(3) end})
print(pcall(function() return t.x end))
print(pcall(assert, false, "as"))
print(pcall(assert, nil))
print(pcall(string.rep))
print(pcall(function() string.rep() end))
print(pcall(error, "direct", 2))
print(type(select(2, pcall(error, {}, 2))))
]])
local dir, name = plain_script:match("^(.*)/([^/]*)$")
local lua_out, lua_err = run("cd " .. quote(dir) .. " && lua5.4 " .. quote(name))
eq("lua5.4 ran it", lua_err, "")
local out, err, code = run("cd " .. quote(dir) .. ' && "$L" ' .. quote(name))
eq("plain functions: stderr", err, "")
eq("plain functions: status", code, 0)
eq("plain functions: as lua5.4", out, lua_out)

local here = debug.getinfo(1, "S").short_src
local function at(line, msg) return here .. ":" .. line .. ": " .. msg end
local function line() return debug.getinfo(2, "l").currentline end
local function message(f) return select(2, pcall(f)) end
local message_line = line() - 1

local check = async(function(x, l) if not x then error("x required", l) end return x end)
local check_line = line() - 1
local function plain(x, l) if not x then error("x required", l) end return x end
local plain_line = line() - 1

-- level 1: the error's own line; 2: the line that called, or awaited, it
eq("plain, level 1", message(function() plain(nil, 1) end), at(plain_line, "x required"))
eq("async, level 1", message(function() await(check(nil, 1)) end), at(check_line, "x required"))
local l2 = line() + 1
eq("plain, level 2", message(function() plain(nil, 2) end), at(l2, "x required"))
l2 = line() + 1
eq("async, level 2", message(function() await(check(nil, 2)) end), at(l2, "x required"))
-- level 3 is the pcall that called the function above: no position, as Lua
eq("plain, level 3", message(function() plain(nil, 3) end), "x required")
eq("async, level 3", message(function() await(check(nil, 3)) end), "x required")
-- level 4: the line that called pcall
eq("plain, level 4", message(function() plain(nil, 4) end), at(message_line, "x required"))
eq("async, level 4", message(function() await(check(nil, 4)) end), at(message_line, "x required"))

-- through two inline awaits, and in a generator that awaits
local outer = async(function(l) await(check(nil, l)) end)
local l3 = line() + 1
eq("two awaits, level 3", message(function() await(outer(3)) end), at(l3, "x required"))
local gen = coroutine.wrap(function() await(check(nil, 2)) end)
l2 = line() - 1
eq("in a generator, level 2", message(gen), at(l2, "x required"))

-- a task's body was called by no user code: no position
eq("task body, level 2", message(function() await(asyncio.spawn(check, nil, 2)) end), "x required")
eq("awaited by pcall, level 2", select(2, pcall(await, check(nil, 2))), "x required")

-- argument errors of C functions keep their position (the calling line)
local rep = async(function() string.rep() end)
local rep_line = line() - 1
eq("bad argument in an async function", message(function() await(rep()) end),
  at(rep_line, "bad argument #1 to 'rep' (string expected, got no value)"))
-- A new global with a nil or NaN key: the error names the program's line, as
-- lua5.4's (the runtime's __newindex on _G, which watches True/False/None,
-- raises it at the assignment).
local index_script = tmpfile([[
local k
print(pcall(function() _G[k] = 1 end))
print(pcall(function() _G[0/0] = 1 end))
]])
dir, name = index_script:match("^(.*)/([^/]*)$")
lua_out = run("cd " .. quote(dir) .. " && lua5.4 " .. quote(name))
out = run("cd " .. quote(dir) .. ' && "$L" ' .. quote(name))
eq("nil and NaN global keys: as lua5.4", out, lua_out)
cli.finish()
