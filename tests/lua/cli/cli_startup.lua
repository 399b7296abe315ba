-- What a start loads (bench W6: every module loaded is paid by every run):
-- the runtime's modules that most programs never call load at their first
-- use. report.lua (errors and reprs) loads when a report or a repr needs
-- it, asyncio.run's module at the first asyncio.run, the REPL's line input
-- (luasync.terminal) at the REPL's first require of it, and the bindings of
-- streams, processes, files, threads and HTTP (the metatable of
-- luasync.core that opens them) at the first use of one of them -- not
-- when gather loads the combinators and the loop module.
local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local tmpfile, run, eq, finish = cli.tmpfile, cli.run, cli.eq, cli.finish

local probe = [[
local names = {}
for name in pairs(package.loaded) do
  if name:match("^luasync%.") and name ~= "luasync.core" then names[#names + 1] = name:sub(9) end
end
table.sort(names)
print(table.concat(names, " "))
print("lazy bindings open:", getmetatable(package.loaded["luasync.core"]) == nil)
]]

local STARTUP = "asyncio driver errno errors future prelude runner scheduler std std_c stdout task wait"

local function loaded_after(code)
  local out, err, status = run('"$L" ' .. tmpfile(code .. "\n" .. probe))
  eq(code .. ": status", status, 0)
  eq(code .. ": stderr", err, "")
  return out
end

eq("at start", loaded_after(""), STARTUP .. "\nlazy bindings open:\tfalse\n")
eq("a gather: the combinators and the loop, no bindings opened",
  loaded_after("await(asyncio.gather(asyncio.sleep(0)))"),
  "asyncio combinators driver errno errors frames future loop prelude report runner scheduler std std_c stdout " ..
  "task wait\nlazy bindings open:\tfalse\n")
eq("asyncio.run", loaded_after("asyncio.run(asyncio.sleep(0))"),
  "asyncio driver errno errors future prelude run runner scheduler std std_c stdout task wait\n" ..
  "lazy bindings open:\tfalse\n")
local after_file = loaded_after("local f = await(asyncio.open('/dev/null')) await(f:close())")
eq("a file: the bindings open", after_file:match("[^\n]*\n$"), "lazy bindings open:\ttrue\n")

finish()
