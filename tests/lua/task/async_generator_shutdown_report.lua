-- What the default exception handler prints on stderr for an async
-- generator whose cleanup fails when asyncio.run closes it (CPython:
-- "an error occurred during closing of asynchronous generator <repr>",
-- "asyncgen: <repr>", then the error with the generator's frames where it
-- was raised); the program goes on and exits 0. An error raised in a
-- generator that a loop iterates shows the generator's frames above the
-- task's.
local cli = require "lib.cli"
local eq = cli.eq

local script = cli.tmpfile([[
local failing = asyncio.async_generator(function()
  local _ <close> = setmetatable({}, { __close = function()
    await(asyncio.sleep(0))
    error(asyncio.ValueError("boom in cleanup"))
  end })
  coroutine.yield(1)
end)
asyncio.run(async(function()
  local g = failing()
  print("got", g())
end)())
print("after run")
]])
local out, err, code = cli.run('"$L" --clock=virtual ' .. cli.quote(script))
eq("status", code, 0)
eq("stdout", out, "got\t1\nafter run\n")
-- (the script's path as SCRIPT)
local function named(text, path) return (text:gsub(path:gsub("%p", "%%%0"), "SCRIPT")) end
err = named(err, script)
eq("stderr", err, table.concat({
  "an error occurred during closing of asynchronous generator <async_generator SCRIPT:1>",
  "asyncgen: <async_generator SCRIPT:1>",
  "ValueError: boom in cleanup",
  "stack traceback:",
  "  async generator 'failing':",
  "\tSCRIPT:4: in function <SCRIPT:2>",
  "",
}, "\n"))

local uncaught = cli.tmpfile([[
local function check(x) if x > 1 then error(asyncio.ValueError("too big")) end end
local numbers = asyncio.async_generator(function()
  for i = 1, 3 do
    check(i)
    coroutine.yield(i)
  end
end)
for x in numbers() do print(x) end
]])
out, err, code = cli.run('"$L" --clock=virtual ' .. cli.quote(uncaught))
eq("status of an uncaught error", code, 1)
err = named(err, uncaught)
eq("traceback of an uncaught error", err, table.concat({
  "luasync: ValueError: too big",
  "stack traceback:",
  "  async generator 'numbers':",
  "\tSCRIPT:1: in upvalue 'check'",
  "\tSCRIPT:4: in function <SCRIPT:2>",
  "  task 'Task-1':",
  "\tSCRIPT:8: in main chunk",
  "",
}, "\n"))

-- The task that closes them at a script's end is the runtime's: a timeline
-- draws the program's tasks only (the generator's aclose task among them).
local timeline = cli.tmpfile([[
local numbers = asyncio.async_generator(function()
  local _ <close> = setmetatable({}, { __close = function() await(asyncio.sleep(0)) end })
  coroutine.yield(1)
end)
keep = numbers()
keep()
]])
out, err, code = cli.run('"$L" --clock=virtual --timeline ' .. cli.quote(timeline))
eq("status with a timeline", code, 0)
local rows = {}
for row in (out .. err):gmatch("%f[^\n%z](Task%-%d+) [^\n]*") do rows[#rows + 1] = row end
eq("the timeline's rows", table.concat(rows, " "), "Task-1 Task-3")
cli.finish()
