-- clock: real
-- A read that fails for want of memory frees its request: the buffer of up
-- to 1 MiB that libuv filled lives outside the Lua heap (and its limit), so
-- one kept until the program ends is a leak that grows with every failure.
-- The memory error comes either while the bytes are pushed (fs_take: the
-- request kept its buffer then) or at the read's wait, put off from where
-- the task took the memory (the request was never taken). A subprocess
-- under LUASYNC_MEMORY_LIMIT=8 fills the heap to various heights below the
-- limit and reads 1 MiB, many times; its resident memory must not grow by
-- a MiB a failure.
local cli = require "lib.cli"

local data = cli.tmpfile(string.rep("0123456789abcdef", 2 * 65536)) -- 2 MiB
local script = cli.tmpfile(([[
local f = await(asyncio.open(%q, "r"))
local function rss()
  local h = io.open("/proc/self/statm")
  local _, pages = h:read("n", "n")
  h:close()
  return pages * 4
end
local fails, r0 = 0, nil
for round = 1, 60 do
  if round == 13 then r0 = rss() end -- (after a first pass over the heights)
  -- (KiB; below 7 MiB: the loop that fills never waits, and the heap it
  -- holds, counted by the allocator's spans, must stay under the ceiling
  -- where such a task is refused at once -- at 7,100 KiB it was reached or
  -- not by how the runtime's own objects happened to lie)
  local target = 5900 + (round %% 12) * 90
  local keep, i = {}, 0
  collectgarbage()
  while collectgarbage("count") < target - 64 do
    i = i + 1
    keep[i] = string.rep(string.char(65 + i %% 26), 16 * 1024 - 32)
  end
  local ok = pcall(function() return #await(f:read(1048576)) end)
  if not ok then fails = fails + 1 end
  keep = nil
  collectgarbage()
  await(f:seek("set", 0))
end
print(fails, rss() - r0)
]]):format(data))

local out, err, code = cli.run("ASAN_OPTIONS=quarantine_size_mb=0:${ASAN_OPTIONS:-} LUASYNC_MEMORY_LIMIT=8 $L " ..
  script, nil, 60)
cli.eq("status", code, 0)
local fails, growth = out:match("^(%d+)\t(%-?%d+)\n$")
fails, growth = tonumber(fails), tonumber(growth)
cli.check("the reads failed (out of memory) in most rounds", fails and fails >= 30, out .. err)
cli.check("resident memory grew by less than 8 MiB over 48 rounds", growth and growth < 8192, out .. err)
cli.finish()
