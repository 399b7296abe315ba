-- A task's repr names its function as it was declared in the script, as
-- CPython's names a coroutine by its function's __qualname__:
-- coro=<boom() running at ...> for `local function boom()`, M.run for
-- `function M:run()`, handler for `local handler = function()`. An anonymous
-- function, or a line that starts two functions, keeps its place
-- (coro=<file:line()>). So do the call graph's frames, and the REPL's reprs
-- of a function typed at the prompt; an input's own task is named by the
-- input (stdin#5), not by the REPL's function that runs it.
local function coro_of(t) return tostring(t):match("coro=<(.-)%(%)") end
local function check(what, got, want)
  if got ~= want then error(("%s: got %s, want %s"):format(what, tostring(got), tostring(want)), 2) end
end
local here = debug.getinfo(1, "S").short_src

local function boom() await(asyncio.sleep(1)) end
function global_boom() await(asyncio.sleep(1)) end
local M = {}
function M.run() await(asyncio.sleep(1)) end
function M:method() await(asyncio.sleep(1)) end
local handler = function() await(asyncio.sleep(1)) end
M.callback = function() await(asyncio.sleep(1)) end
local function commented() await(asyncio.sleep(1)) end -- a function, says the comment
local pair = { function() await(asyncio.sleep(1)) end, function() end }
local child = async(function() await(asyncio.sleep(1)) end)
local function named_child() await(asyncio.sleep(1)) end

local tasks = {
  { "local function", asyncio.spawn(boom), "boom" },
  { "global function", asyncio.spawn(global_boom), "global_boom" },
  { "function M.run", asyncio.spawn(M.run), "M.run" },
  { "function M:method", asyncio.spawn(M.method, M), "M.method" },
  { "local handler = function", asyncio.spawn(handler), "handler" },
  { "M.callback = function", asyncio.spawn(M.callback), "M.callback" },
  { "a comment after it", asyncio.spawn(commented), "commented" },
  { "two functions on a line", asyncio.spawn(pair[1]), here .. ":" .. debug.getinfo(pair[1], "S").linedefined },
  { "anonymous", asyncio.spawn(function() await(asyncio.sleep(1)) end), here .. ":" .. debug.getinfo(1, "l").currentline },
  { "an async function's coroutine, called by its local name", asyncio.create_task(child()), "child" },
  { "an async function's coroutine, called inline", asyncio.create_task(async(named_child)()), "named_child" },
}
-- An async function has one name, the one it was first called by (as a
-- Python coroutine has its function's): called later through another
-- variable, its coroutine keeps it.
local alias = child
tasks[#tasks + 1] = { "an async function called by another name", asyncio.create_task(alias()), "child" }
await(asyncio.sleep(0))
for _, case in ipairs(tasks) do
  local what, t, want = case[1], case[2], case[3]
  check(what, coro_of(t), want)
  t:cancel()
end
-- Done: the same name, "done, defined at" its line.
local t = asyncio.spawn(boom)
await(asyncio.sleep(0))
t:cancel()
await(asyncio.wait({ t }))
check("done", tostring(t):match("coro=<(.-)>"), "boom() done, defined at " .. here .. ":" .. debug.getinfo(boom, "S").linedefined)
-- A function load() made from a string has no file to read: its place.
local loaded = load("local function from_string() await(asyncio.sleep(1)) end return from_string", "=chunk")()
local ls = asyncio.spawn(loaded)
await(asyncio.sleep(0))
check("a chunk from a string", coro_of(ls), "chunk:1")
ls:cancel()

-- The call graph's frames name it too.
local g = asyncio.spawn(boom)
await(asyncio.sleep(0))
local graph = asyncio.format_call_graph(g)
check("call graph", graph:match("line %d+, in ([%w_]+%(%))") or graph, "boom()")
g:cancel()

-- At the REPL: an input's function, by the input's text.
local cli = require "lib.cli"
local out = cli.run('"$L" -i', "local function worker(n) await(asyncio.sleep(n)) end\n" ..
  "t = asyncio.spawn(worker, 100)\nt\nasyncio.spawn(function() await(asyncio.sleep(1)) end)\n" ..
  "asyncio.current_task()\n")
cli.cleanup()
check("REPL: a named function", out:match("coro=<(worker%(%) running at stdin#1:1)>") or out,
  "worker() running at stdin#1:1")
check("REPL: an anonymous one", out:match("coro=<(stdin#4:1%(%) running at stdin#4:1)>") or out,
  "stdin#4:1() running at stdin#4:1")
-- The never-awaited warning names the coroutine the same way.
-- (Also when called from a list: Lua's "integer index" is no name.)
local script = cli.tmpfile("local function fetch() end\nlocal c = async(fetch)()\nc = nil\ncollectgarbage()\n" ..
  "local list = { async(fetch) }\nlocal d = list[1]()\nd = nil\ncollectgarbage()\n")
local _, warned = cli.run('"$L" ' .. cli.quote(script))
check("never awaited", warned:match("RuntimeWarning: (coroutine '[^']*' was never awaited)") or warned,
  "coroutine 'fetch' was never awaited")
check("never awaited, called from a list", warned:match(":6: RuntimeWarning: (coroutine '[^']*' was never awaited)") or
  warned, "coroutine 'fetch' was never awaited")
cli.cleanup()
check("REPL: the input's own task, by the input", out:match("coro=<(stdin#5%(%) running at [^>]*)>") or out,
  "stdin#5() running at stdin#5:1")
print("ok")
