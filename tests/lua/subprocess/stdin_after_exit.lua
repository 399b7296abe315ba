-- A child's stdin once the child is gone, as CPython's: closed when the
-- process is finished (even while a grandchild holds the pipe), so writes
-- are dropped and drain() raises ConnectionResetError('Connection lost'); a
-- child that goes away while drain() waits gives the write's BrokenPipeError,
-- and wait_closed() says it too; communicate(input) drops input nobody reads.
-- Reference: reference/stdin_after_exit.py
local sp = asyncio.subprocess
local p = require("lib.show").p

local function attempt(label, aw)
  local ok, e = pcall(await, aw)
  if ok then
    p(label, "ok", e)
  elseif asyncio.BrokenPipeError:is(e) then
    p(label, "BrokenPipeError")  -- (the class alone: see the reference)
  else
    p(label, e)
  end
end

-- a child that exited: its stdin is closed once the process is finished;
-- writes are dropped and drain raises ConnectionResetError('Connection lost').
-- (The children live a little, so that wait() is called before they exit:
-- CPython's order is fixed only then; luasync's always is.)
local proc = await(asyncio.create_subprocess_exec("sleep", "0.1", { stdin = sp.PIPE }))
p("exit", await(proc:wait()))
p("closing", proc.stdin:is_closing())
proc.stdin:write(string.rep("x", 200000))
p("closing after write", proc.stdin:is_closing())
attempt("drain", proc.stdin:drain())
proc.stdin:write("y")
attempt("drain again", proc.stdin:drain())
proc.stdin:close()
attempt("wait_closed", proc.stdin:wait_closed())

-- the same when a grandchild still holds the pipe: the process finished
proc = await(asyncio.create_subprocess_exec("sh", "-c", "sleep 30 >/dev/null 2>&1 & echo $!; sleep 0.1",
  { stdin = sp.PIPE, stdout = sp.PIPE }))
local grandchild = math.tointeger(tonumber(await(proc.stdout:readline())))
p("exit", await(proc:wait()))
p("grandchild holds stdin: closing", proc.stdin:is_closing())
proc.stdin:write("x")
attempt("drain", proc.stdin:drain())
os.execute("kill -9 " .. grandchild)

-- a child that goes away while drain waits: the write's BrokenPipeError,
-- then the connection is lost
proc = await(asyncio.create_subprocess_exec("head", "-c", "1", { stdin = sp.PIPE, stdout = sp.DEVNULL }))
proc.stdin:write(string.rep("x", 1000000))
p("closing", proc.stdin:is_closing())
attempt("drain", proc.stdin:drain())
p("closing", proc.stdin:is_closing())
attempt("drain again", proc.stdin:drain())
p("exit", await(proc:wait()))

-- closed with data queued that the child never reads: wait_closed says why
proc = await(asyncio.create_subprocess_exec("head", "-c", "1", { stdin = sp.PIPE, stdout = sp.DEVNULL }))
proc.stdin:write(string.rep("x", 1000000))
proc.stdin:close()
attempt("wait_closed", proc.stdin:wait_closed())
p("exit", await(proc:wait()))

-- communicate(input) to an exited child: the input is dropped quietly
proc = await(asyncio.create_subprocess_exec("sleep", "0.1", { stdin = sp.PIPE, stdout = sp.PIPE }))
await(proc:wait())
local out, err = await(proc:communicate(string.rep("x", 200000)))
p("communicate after exit", out == "", err)
