-- warn() as in lua: off unless -W or warn("@on"); "@off" turns it off;
-- messages are prefixed "Lua warning: " and pieces are joined on one line.
local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local run, eq, finish = cli.run, cli.eq, cli.finish

local _, err, code = run([["$L" -e 'warn("hidden")']])
eq("warnings are off by default", err, "")
eq("status", code, 0)

_, err = run([["$L" -W -e 'warn("a", "b") warn("@off") warn("c") warn("@on") warn("d")']])
eq("-W, pieces joined, @off/@on", err, "Lua warning: ab\nLua warning: d\n")

_, err = run([["$L" -e 'warn("@on") setmetatable({}, {__gc = function() error("gc err") end}) collectgarbage()']])
eq("an error in __gc is a warning", err, "Lua warning: error in __gc ((command line):1: gc err)\n")
finish()
