-- Subprocesses under load and when things go wrong, each ending with the
-- descriptors back where they started and no zombie left: 10 MB through a
-- child and back, a pipeline of two children fed by a task, a cancelled
-- wait and communicate, a child that does not read its input, a child
-- killed by a signal from outside, bad arguments.
local cli = require "lib.cli"
local check = cli.check
local sp = asyncio.subprocess


local fds = require "lib.fds"
local fd_count, zombies = fds.count, fds.zombies
-- (libuv keeps one descriptor for the loop's life from its first stream on:
-- /dev/null, held in reserve for when descriptors run out)
await(await(asyncio.create_subprocess_exec("true", { stdout = sp.PIPE })):communicate())
local fds_at_start = fd_count()

-- 10 MB through cat and back: nothing lost
do
  local block = {}
  for i = 1, 1024 do block[i] = string.char((i * 7) % 256) end
  block = table.concat(block)
  local proc = await(asyncio.create_subprocess_exec("cat", { stdin = sp.PIPE, stdout = sp.PIPE }))
  local writer = asyncio.spawn(function()
    for _ = 1, 10 * 1024 do
      proc.stdin:write(block)
      await(proc.stdin:drain())
    end
    proc.stdin:close()
  end)
  local n, same = 0, true
  while true do
    local data = await(proc.stdout:read(65536))
    if data == "" then break end
    -- each chunk continues the repeating block where the last one ended
    local off = n % 1024
    local expect = (block .. block):sub(off + 1, off + math.min(#data, 1024))
    if data:sub(1, #expect) ~= expect then same = false end
    n = n + #data
  end
  await(writer)
  check("10 MB: every byte back", n == 10 * 1024 * 1024, n)
  check("10 MB: in order", same)
  check("10 MB: exit 0", await(proc:wait()) == 0)
end

-- a pipeline: seq | grep 7 | wc -l, with a task carrying the bytes between
do
  local a = await(asyncio.create_subprocess_exec("seq", "1", "1000", { stdout = sp.PIPE }))
  local b = await(asyncio.create_subprocess_exec("grep", "7", { stdin = sp.PIPE, stdout = sp.PIPE }))
  local pump = asyncio.spawn(function()
    while true do
      local data = await(a.stdout:read(4096))
      if data == "" then break end
      b.stdin:write(data)
      await(b.stdin:drain())
    end
    b.stdin:close()
  end)
  local out = await(b.stdout:read()) -- (communicate would close b's stdin under the pump)
  await(pump)
  await(b:wait())
  local lines = select(2, out:gsub("\n", ""))
  check("pipeline: grep's lines", lines == 271, lines)
  check("pipeline: both exited", await(a:wait()) == 0 and b.returncode == 0)
end

-- cancelled wait and communicate: the children are reaped all the same
do
  local proc = await(asyncio.create_subprocess_exec("sleep", "0.3"))
  local ok, e = pcall(await, asyncio.wait_for(proc:wait(), 0.05))
  check("cancelled wait: TimeoutError", not ok and asyncio.TimeoutError:is(e), e)
  local proc2 = await(asyncio.create_subprocess_shell("sleep 0.3; echo done", { stdout = sp.PIPE }))
  ok, e = pcall(await, asyncio.wait_for(proc2:communicate(), 0.05))
  check("cancelled communicate: TimeoutError", not ok and asyncio.TimeoutError:is(e), e)
  await(asyncio.sleep(0.6))
  check("cancelled: the exits were taken", proc.returncode == 0 and proc2.returncode == 0,
    tostring(proc.returncode) .. " " .. tostring(proc2.returncode))
  check("cancelled: no zombie", zombies() == 0)
end

-- a child that does not read its input: communicate still answers
do
  local proc = await(asyncio.create_subprocess_exec("true", { stdin = sp.PIPE, stdout = sp.PIPE }))
  local out = await(proc:communicate(string.rep("x", 1000000)))
  check("unread input: no error, empty output", out == "", out)
  check("unread input: exit 0", proc.returncode == 0)
end

-- a child that closed its stdin and goes on: the write that finds the pipe
-- without a reader closes the writer at once, and drain() raises, as
-- CPython's write() (which finds it sooner: it polls the pipe)
do
  local proc = await(asyncio.create_subprocess_exec("sh", "-c", "exec 0<&-; echo closed; exec sleep 10",
    { stdin = sp.PIPE, stdout = sp.PIPE }))
  check("closed stdin: the child says so", await(proc.stdout:readline()) == "closed\n")
  proc.stdin:write("x")
  check("closed stdin: closing after the write", proc.stdin:is_closing())
  local ok, e = pcall(await, proc.stdin:drain())
  check("closed stdin: drain raises ConnectionResetError: Connection lost",
    not ok and tostring(e) == "ConnectionResetError: Connection lost", e)
  proc:kill()
  check("closed stdin: killed", await(proc:wait()) == -9)
end

-- write_eof on a child's stdin ends its input (a pipe closes: it has no
-- half-close), as CPython's write pipe transport
do
  local proc = await(asyncio.create_subprocess_exec("wc", "-c", { stdin = sp.PIPE, stdout = sp.PIPE }))
  check("pipe: can_write_eof", proc.stdin:can_write_eof())
  proc.stdin:write("12345")
  local ok, e = pcall(proc.stdin.write_eof, proc.stdin)
  check("pipe: write_eof", ok, e)
  check("pipe: the child saw the end", (await(proc.stdout:read()):gsub("%s", "")) == "5")
  check("pipe: exit 0", await(proc:wait()) == 0)
end

-- a child killed from outside: returncode -SIGKILL
do
  local proc = await(asyncio.create_subprocess_exec("sleep", "10"))
  os.execute("kill -9 " .. proc.pid)
  check("killed from outside: -9", await(proc:wait()) == -9)
end

-- bad arguments, at the call
do
  local ok, e = pcall(asyncio.create_subprocess_exec, "ls", {})
  check("an empty options table is fine", ok, e)
  if ok then e:close() end
  ok, e = pcall(asyncio.create_subprocess_exec, "ls", { stout = sp.PIPE })
  check("a misspelt option", not ok and tostring(e):find("stout", 1, true), e)
  ok, e = pcall(asyncio.create_subprocess_exec, "ls", { stdin = sp.STDOUT })
  check("STDOUT for stdin", not ok and tostring(e):find("stdin must be", 1, true), e)
  ok, e = pcall(asyncio.create_subprocess_exec, "echo", "a", "b", { stdout = 5 })
  check("a bad stream option names the options' position",
    not ok and tostring(e):find("bad argument #4 to 'create_subprocess_exec' (stdout must be", 1, true), e)
  ok, e = pcall(asyncio.create_subprocess_exec, "echo", "a", "b", { cwd = 5 })
  check("a bad cwd names the options' position",
    not ok and tostring(e):find("bad argument #4 to 'create_subprocess_exec' (cwd must be", 1, true), e)
  ok, e = pcall(asyncio.create_subprocess_shell, "true", { stderr = 5 })
  check("shell: a bad stream option is argument #2",
    not ok and tostring(e):find("bad argument #2 to 'create_subprocess_shell' (stderr must be", 1, true), e)
  ok, e = pcall(asyncio.create_subprocess_exec, "ls", true)
  check("a boolean argument", not ok and tostring(e):find("bad argument #2 to 'create_subprocess_exec'", 1, true), e)
  ok, e = pcall(asyncio.create_subprocess_shell)
  check("no command", not ok and tostring(e):find("bad argument #1 to 'create_subprocess_shell'", 1, true), e)
end

collectgarbage()
await(asyncio.sleep(0.05))
check("the descriptors are back where they started", fd_count() == fds_at_start, fd_count() .. " vs " .. fds_at_start)
check("no zombie at the end", zombies() == 0)

cli.finish()
