-- clock: real
-- wait() after the child's exit is known returns its code at once, without
-- yielding, as CPython's Process.wait (base_subprocess._wait): even while
-- its output is unread beyond the point where the reader stops reading, or
-- while a grandchild holds its stdout. Called before the exit, it waits
-- until the process is finished: the child exited and its output pipes
-- ended (here they never do: nobody reads them).
-- Reference: reference/wait_after_exit.py
local sp = asyncio.subprocess
local p = require("lib.show").p

local function yields(aw)
  local events = {}
  asyncio.create_task(async(function() events[#events + 1] = "other" end)())
  local r = await(aw)
  events[#events + 1] = "wait"
  return r, events[1] == "other" and "yields" or "does not yield"
end

-- 180,000 bytes unread: the child wrote them all and exited, the reader
-- stopped reading at twice its limit, so the pipe has not ended
local proc = await(asyncio.create_subprocess_exec("head", "-c", "180000", "/dev/zero", { stdout = sp.PIPE }))
await(asyncio.sleep(0.5))
p("returncode", proc.returncode)
do
  local _ <close> = asyncio.timeout(2)
  p("wait", yields(proc:wait()))
end
p("read", #await(proc.stdout:read()), await(proc:wait()))

-- a grandchild holds stdout for a second; the child exited at once
local t0 = time.monotonic()
proc = await(asyncio.create_subprocess_shell("sleep 1 &", { stdout = sp.PIPE }))
await(asyncio.sleep(0.3))
p("returncode", proc.returncode)
p("wait", await(proc:wait()), "before the grandchild's end:", time.monotonic() - t0 < 0.9)
p("read", ("%q"):format(await(proc.stdout:read())), "at the grandchild's end:", time.monotonic() - t0 > 0.9)

-- called while the child runs: wait() waits for the output's end as well
proc = await(asyncio.create_subprocess_shell("head -c 180000 /dev/zero; sleep 0.2", { stdout = sp.PIPE }))
p("returncode", proc.returncode)
local ok, e = pcall(function()
  local _ <close> = asyncio.timeout(1)
  return await(proc:wait())
end)
p("wait", ok, e, proc.returncode)
p("read", #await(proc.stdout:read()), await(proc:wait()))
