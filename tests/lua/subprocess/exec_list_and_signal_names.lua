-- clock: real
-- Two habits at the call: Python's list form of a command,
-- create_subprocess_exec({"echo", "hi"}), is refused as the program it
-- stands for (string expected, got table), with the Lua call to write;
-- signal names are taken in any case ("SIGINT", "INT", "sigint" as luv
-- names them, "int"), by send_signal and add_signal_handler alike, and an
-- unknown name is a ValueError.
-- (No CPython reference: Python has no signal names as strings.)
local sp = asyncio.subprocess

local function check(what, cond, detail)
  if not cond then error(what .. ": " .. tostring(detail), 2) end
end

local ok, e = pcall(asyncio.create_subprocess_exec, { "echo", "hi" })
check("a list alone", not ok and tostring(e):find("bad argument #1 to 'create_subprocess_exec' (string " ..
  "expected, got table; the program and its arguments are separate arguments in Lua: " ..
  "create_subprocess_exec(table.unpack(cmd)) or create_subprocess_exec(\"echo\", \"hi\"))", 1, true), e)
ok, e = pcall(asyncio.create_subprocess_exec, { "echo", "hi" }, { stdout = sp.PIPE })
-- (the options kept: table.unpack(cmd) before them would give its first item only)
check("a list and options", not ok and tostring(e):find("(string expected, got table; the program and its " ..
  "arguments are separate arguments in Lua: create_subprocess_exec(\"echo\", \"hi\", opts) or local args = " ..
  "{table.unpack(cmd)}; args[#args + 1] = opts; create_subprocess_exec(table.unpack(args)))", 1, true), e)
ok, e = pcall(asyncio.create_subprocess_exec, { stdout = sp.PIPE })
check("options alone", not ok and tostring(e):find("bad argument #1 to 'create_subprocess_exec' (string " ..
  "expected, got table)", 1, true), e)
-- (the Lua form runs)
local cmd = { "echo", "hi" }
cmd[#cmd + 1] = { stdout = sp.PIPE }
local p = await(asyncio.create_subprocess_exec(table.unpack(cmd)))
check("unpacked", await(p:communicate()) == "hi\n")

for _, name in ipairs { "SIGTERM", "TERM", "sigterm", "term", "SigTerm" } do
  local sleeper = await(asyncio.create_subprocess_exec("sleep", "10"))
  ok, e = pcall(sleeper.send_signal, sleeper, name)
  check(name, ok, e)
  check(name .. " ended it", await(sleeper:wait()) == -15)
end
local sleeper = await(asyncio.create_subprocess_exec("sleep", "10"))
ok, e = pcall(sleeper.send_signal, sleeper, "sigbogus")
check("an unknown name", not ok and tostring(e) == "ValueError: invalid signal: sigbogus", e)
sleeper:kill()
await(sleeper:wait())

local loop = asyncio.get_running_loop()
local got = asyncio.Future()
loop:add_signal_handler("sigusr1", function() got:set_result("usr1") end)
local stat = assert(io.open("/proc/self/stat"))
local pid = stat:read("n")
stat:close()
local killer = await(asyncio.create_subprocess_exec("kill", "-USR1", tostring(pid)))
await(killer:wait())
check("a handler for \"sigusr1\"", await(asyncio.wait_for(got, 5)) == "usr1")
check("removed by another case", loop:remove_signal_handler("SIGUSR1") == true)
print("ok")
