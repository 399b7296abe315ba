-- clock: real
-- create_subprocess_exec and _shell let the other tasks run while the
-- child is made, as CPython's: the creating task resumes 2 loop iterations
-- after the child started, plus 2 per pipe (CPython connects each pipe in
-- turn). So a task cancelled while it makes a child is cancelled, and the
-- child it made is killed and reaped before the CancelledError goes on:
-- none is left running that nobody holds.
-- Reference: reference/create_turns.py
local sp = asyncio.subprocess
local p = require("lib.show").p

-- How many times a task that loops on sleep(0) ran while make() was awaited.
local count = 0
local ticker = asyncio.create_task(async(function()
  while true do
    count = count + 1
    await(asyncio.sleep(0))
  end
end)())
local function turns(name, make)
  await(asyncio.sleep(0))
  local before = count
  local r = await(make())
  p(name, count - before)
  return r
end

local proc = turns("exec", function() return asyncio.create_subprocess_exec("true") end)
await(proc:wait())
proc = turns("exec, stdout piped", function() return asyncio.create_subprocess_exec("true", { stdout = sp.PIPE }) end)
await(proc:communicate())
proc = turns("exec, all three piped", function()
  return asyncio.create_subprocess_exec("true", { stdin = sp.PIPE, stdout = sp.PIPE, stderr = sp.PIPE })
end)
await(proc:communicate())
proc = turns("exec, stderr to stdout", function()
  return asyncio.create_subprocess_exec("true", { stdout = sp.PIPE, stderr = sp.STDOUT })
end)
await(proc:communicate())
proc = turns("shell, stdin piped", function() return asyncio.create_subprocess_shell("cat", { stdin = sp.PIPE }) end)
await(proc:communicate())
ticker:cancel()

-- The creating task cancelled once it started the child: cancelled, and no
-- child left (a child of this process named sleep: `sh -c` would leave its
-- own sleep behind when killed, holding the test's output for 30 s).
local children = require("lib.fds").sleeping_children
local loop = asyncio.get_running_loop()
for _, opts in ipairs({ {}, { stdin = sp.PIPE, stdout = sp.PIPE } }) do
  local t = loop:create_task(asyncio.create_subprocess_exec("sleep", "30", opts))
  loop:call_soon(function() t:cancel() end)
  local ok = pcall(await, t)
  p("creation cancelled:", not ok and t:cancelled(), "children left:", children())
end
