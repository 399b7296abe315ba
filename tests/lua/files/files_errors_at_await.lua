-- A File's methods that give a coroutine object (read, readline, write,
-- seek, flush, close) raise its operational errors when it is awaited, as
-- aiofiles' do, so pcall(await, f:read()) catches them; a wrong argument
-- stays a bad argument at the call, as everywhere; tell() and lines() act at
-- the call. Process:communicate(input) without stdin = PIPE ignores the
-- input, as CPython's does.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check
local sp = asyncio.subprocess
local CLOSED = "ValueError: I/O operation on closed file."

local path = os.tmpname()
local f = await(asyncio.open(path, "w"))
await(f:close())
local calls = {
  read = function() return f:read() end, ["read(3)"] = function() return f:read(3) end,
  readline = function() return f:readline() end, write = function() return f:write("x") end,
  seek = function() return f:seek("set", 0) end, flush = function() return f:flush() end,
}
for name, call in pairs(calls) do
  local ok, c = pcall(call)
  check(name .. " of a closed file: a coroutine object at the call", ok and asyncio.iscoroutine(c), c)
  if ok then
    local done, e = pcall(await, c)
    eq(name .. " of a closed file: the error at await", not done and tostring(e), CLOSED)
  end
end
check("close of a closed file: nothing", pcall(await, f:close()))
eq("tell of a closed file: at the call", tostring(select(2, pcall(f.tell, f))), CLOSED)
eq("lines of a closed file: at the call", tostring(select(2, pcall(f.lines, f))), CLOSED)
-- a bad argument is the caller's mistake: at the call, open or closed
eq("read('x'): at the call", cli.error_text(f.read, f, "x"), "bad argument #1 to 'read' (integer expected, got string)")
eq("write({}): at the call", cli.error_text(f.write, f, {}), "bad argument #1 to 'write' (string expected, got table)")
eq("seek('here'): at the call", cli.error_text(f.seek, f, "here"), "bad argument #1 to 'seek' (invalid option 'here')")

-- communicate(input) without a stdin pipe: the input is ignored
local proc = await(asyncio.create_subprocess_exec("echo", "hi", { stdout = sp.PIPE }))
local ok, c = pcall(proc.communicate, proc, "ignored")
check("communicate(input) without stdin: a coroutine object", ok and asyncio.iscoroutine(c), c)
if ok then
  local out, err = await(c)
  eq("communicate(input) without stdin: the output", out, "hi\n")
  eq("communicate(input) without stdin: no stderr pipe", err, nil)
end
eq("communicate(input) without stdin: exit 0", await(proc:wait()), 0)

os.remove(path)
cli.finish()
