-- The REPL survives what a line typed at it changes in the standard library
-- its own code would use: string.sub = nil, every string function gone,
-- the string metatable's __index removed or raising. Its code (the
-- rewriting of inputs, the pretty-printer, the reports, the hints) holds its
-- own string functions, so the next lines run as before, with their errors
-- and hints; before, the next line ended the session with an error of the
-- REPL's own (luasync:repl:252: attempt to call a nil value (method 'sub'),
-- luasync:hints:997: attempt to index a string value), exit status 1.
-- And s:sub() after string.sub = nil says that string.sub is gone, not
-- "did you mean :gsub?". Driven through a pipe with -i.
local cli = require("lib.cli")

-- The lines every session types after its sabotage, and what each shows.
local FOLLOW = {
  'print("typed after")',
  '{1, 2, a = "x", ["b c"] = 3}',
  '"a\\nb"',
  'error("plain error")',
  't = asyncio.spawn(function() await(asyncio.sleep(10)) end)',
  't.cancel()',
  'x += 1',
  'asyncio.slep(1)',
  'help(asyncio.sleep)',
  'tasks()',
  'do',
  '  local y = 1',
  '  print("block", y)',
  'end',
  'print("and again", 6 * 7)',
  'x = r"\\d"',
  'asyncio.StreamReader.read()',
}
-- (n: how many inputs came before them)
local function check_follow(what, out, err, n)
  cli.has(what .. ": the line after", out, "typed after\n")
  cli.has(what .. ": a table's value", out, '{1, 2, a = "x", ["b c"] = 3}\n')
  cli.has(what .. ": a string's value", out, '"a\\nb"\n')
  cli.has(what .. ": an error", err, "stdin#" .. n + 4 .. ":1: plain error\n")
  cli.has(what .. ": a hint", err, "hint: methods are called with ':' in Lua: t:cancel()\n")
  cli.has(what .. ": a hint of a refused line", err, "hint: Lua has no +=: write x = x + 1\n")
  cli.has(what .. ": a near name", err, "Did you mean: 'sleep'?")
  cli.has(what .. ": help", out, "asyncio.sleep(delay, ...) -> coroutine object\n")
  cli.matches(what .. ": tasks()", out, "Task%-1 +pending +stdin#" .. n + 5 .. ":1 +sleep 10%.0 s left\n")
  cli.has(what .. ": a block", out, "block\t1\n")
  cli.has(what .. ": the last line", out, "and again\t42\n")
  -- (hints from each of the hint modules: python_syntax's, python_names')
  cli.has(what .. ": a raw string's hint", err, "hint: Lua has no raw strings r\"...\"")
  cli.has(what .. ": a class's field's hint", err, "hint: asyncio.StreamReader is a function that makes a StreamReader")
  cli.check(what .. ": no error of the REPL's own", not err:find("luasync:", 1, true), err)
end

local function session(what, sabotage)
  local input = table.concat(sabotage, "\n") .. "\n" .. table.concat(FOLLOW, "\n") .. "\n"
  local out, err, status = cli.run('"$L" -i --clock=virtual', input, 30)
  cli.eq(what .. ": exit status", status, 0)
  check_follow(what, out, err, #sabotage)
  return out, err
end

session("string.sub = nil", { "string.sub = nil" })
session("every string function removed", { "for k in pairs(string) do string[k] = nil end" })
session("the string metatable's __index removed", { 'getmetatable("").__index = nil' })
session("a string metatable's __index that raises", { 'getmetatable("").__index = function() error("boom") end' })

-- The user's own call of a removed string method fails, and its hint says
-- what is missing rather than the nearest name that is left.
local _, err = session("s:sub() after string.sub = nil",
  { "string.sub = nil", 's = "abc"; s:sub(1, 2)', 'local u = "q"; u:sub(1)' })
cli.has("s:sub(): the error", err, "stdin#2:1: attempt to call a nil value (method 'sub')\n")
cli.has("s:sub(): the hint", err, "hint: string.sub is nil now (something in this session removed it): " ..
  "a string's methods are the functions of the string table\n")
cli.has("a local's u:sub(): the error", err, "stdin#3:1: attempt to call a nil value (method 'sub')\n")
cli.check("s:sub(): no near name", not err:find("did you mean", 1, true), err)

-- A work of the REPL's own that fails (here: no memory left for its
-- look at a 3 MB input under LUASYNC_MEMORY_LIMIT=100) is reported, and the
-- session goes on; before, it ended with "luasync: not enough memory", 1.
local huge = "x = {" .. ("1,"):rep(1500000) .. "}\n"
local out, err, status = cli.run('LUASYNC_MEMORY_LIMIT=100 "$L" -i --clock=virtual', huge .. 'print("alive")\n', 30)
cli.eq("a huge input: exit status", status, 0)
cli.has("a huge input: the report", err,
  "luasync: not enough memory left for the REPL to take that input; the session goes on\n")
cli.has("a huge input: the next line", out, "alive\n")

cli.finish()
