-- Subprocesses as CPython's: communicate with stdout, stderr and the exit
-- status, input through stdin, STDOUT and DEVNULL, lines read as they come,
-- a child that exits before its output is read, terminate and kill (negative
-- returncodes, ProcessLookupError after), cwd and env, a missing program.
-- Reference: reference/subprocess_basics.py
local sp = asyncio.subprocess

local p = require("lib.show").p
local function show(data) return data and (data:gsub("\n", "\\n")) end

local main = async(function()
  -- communicate: stdout and stderr, the exit status (the child waits a
  -- little first: no status yet right after it started, even on a busy machine)
  local proc = await(asyncio.create_subprocess_exec("sh", "-c", "sleep 0.2; echo out; echo err >&2; exit 3",
    { stdout = sp.PIPE, stderr = sp.PIPE }))
  p("returncode before", proc.returncode)
  local out, err = await(proc:communicate())
  p("communicate", show(out), show(err), proc.returncode)

  -- input through stdin; stderr into stdout; DEVNULL
  proc = await(asyncio.create_subprocess_exec("tr", "a-z", "A-Z", { stdin = sp.PIPE, stdout = sp.PIPE }))
  out, err = await(proc:communicate("shout\n"))
  p("tr", show(out), show(err), proc.returncode)
  proc = await(asyncio.create_subprocess_shell("echo a; echo b >&2", { stdout = sp.PIPE, stderr = sp.STDOUT }))
  out, err = await(proc:communicate())
  p("STDOUT", show(out), show(err))
  proc = await(asyncio.create_subprocess_shell("echo hidden", { stdout = sp.DEVNULL }))
  p("DEVNULL", await(proc:wait()))

  -- reading lines as they come, while another task runs
  proc = await(asyncio.create_subprocess_shell("for i in 1 2 3; do echo line $i; sleep 0.2; done",
    { stdout = sp.PIPE }))
  local t = asyncio.create_task(function()
    for _ = 1, 3 do await(asyncio.sleep(0.2)) end
  end)
  for line in proc.stdout:lines("L") do p("got", show(line)) end
  p("exit", await(proc:wait()))
  await(t)

  -- a child that exits before its output is read loses nothing
  proc = await(asyncio.create_subprocess_shell("head -c 300000 /dev/zero; exit 5", { stdout = sp.PIPE }))
  await(asyncio.sleep(0.5))
  local data = await(proc.stdout:read())
  p("late read", #data, await(proc:wait()))

  -- signals: terminate and kill give -SIGTERM, -SIGKILL
  proc = await(asyncio.create_subprocess_exec("sleep", "10"))
  proc:terminate()
  p("terminate", await(proc:wait()))
  proc = await(asyncio.create_subprocess_exec("sleep", "10"))
  proc:kill()
  p("kill", await(proc:wait()))
  local ok, e = pcall(proc.kill, proc) -- after the exit
  if not ok and asyncio.ProcessLookupError:is(e) then p("kill again:", e) end
  p("returncode", proc.returncode)

  -- cwd and env
  proc = await(asyncio.create_subprocess_shell("pwd; echo $GREETING",
    { cwd = "/tmp", env = { GREETING = "hi" }, stdout = sp.PIPE }))
  out = await(proc:communicate())
  p("cwd env", show(out))

  -- a program that does not exist
  ok, e = pcall(await, asyncio.create_subprocess_exec("no-such-program-xyz"))
  if not ok then p(getmetatable(e).__name, e) end
end)

asyncio.run(main())
