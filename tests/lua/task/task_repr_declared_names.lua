-- A task's repr names its function as it was declared in the script, as
-- CPython's names a coroutine by its function's __qualname__:
-- coro=<boom() running at ...> for `local function boom()`, M.run for
-- `function M:run()`, handler for `local handler = function()`. An anonymous
-- function, or a line that starts two functions, keeps its place
-- (coro=<file:line()>).
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
  { "two functions on a line", asyncio.spawn(pair[1]), here .. ":21" },
  { "anonymous", asyncio.spawn(function() await(asyncio.sleep(1)) end), here .. ":34" },
  { "an async function's coroutine, called by its local name", asyncio.create_task(child()), "child" },
  { "an async function's coroutine, called inline", asyncio.create_task(async(named_child)()), "named_child" },
}
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
check("done", tostring(t):match("coro=<(.-)>"), "boom() done, defined at " .. here .. ":13")
print("ok")
