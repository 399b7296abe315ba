-- A task cancelled at any point while create_subprocess_exec makes a child
-- leaves no child behind, as CPython's: once it started, the child is
-- killed, its pipes are closed and its end is awaited before the
-- CancelledError goes on; no descriptor stays open and no zombie is left.
local cli = require "lib.cli"
local eq = cli.eq
local fds = require "lib.fds"
local sp = asyncio.subprocess

-- (Children of this process named sleep: `sh -c` would leave its own sleep
-- behind when killed, holding the test's output for 30 s.)
local children = fds.sleeping_children

-- (The first child, and the first with pipes, open descriptors that stay
-- open for good, libuv's to learn of SIGCHLD among them: made here, before
-- the counts.)
await((await(asyncio.create_subprocess_exec("true", { stdin = sp.PIPE, stdout = sp.PIPE, stderr = sp.PIPE }))):communicate())

for _, piped in ipairs({ false, true }) do
  local opts = piped and { stdin = sp.PIPE, stdout = sp.PIPE, stderr = sp.PIPE } or {}
  local what = piped and "piped" or "not piped"
  local cancelled, returned = 0, 0
  for n = 0, 9 do
    local before = fds.count()
    local t = asyncio.create_task(asyncio.create_subprocess_exec("sleep", "30", opts))
    for _ = 1, n do await(asyncio.sleep(0)) end
    t:cancel()
    local ok, proc = pcall(await, t)
    if ok then
      returned = returned + 1
      proc:kill()
      await(proc:communicate())
    else
      cancelled = cancelled + 1
      eq(what .. ": cancelled after " .. n .. " turns", t:cancelled(), true)
    end
    await(asyncio.sleep(0.05))  -- (a pipe's descriptor is closed in a later iteration)
    eq(what .. ": children left after a cancel at turn " .. n, children(), 0)
    eq(what .. ": descriptors left after a cancel at turn " .. n, fds.count() - before, 0)
    eq(what .. ": zombies after a cancel at turn " .. n, fds.zombies(), 0)
  end
  -- (2 turns, and 2 per pipe, before the process is returned; cancelled
  -- before its first step too, when no child exists yet)
  eq(what .. ": cancelled at every turn before it returned", cancelled, piped and 9 or 3)
  eq(what .. ": returned", returned, piped and 1 or 7)
end
cli.finish()
