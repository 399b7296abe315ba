-- clock: real
-- Other tasks keep running while a large file is written and read (the
-- system calls run on libuv's threads), fifty files go through at once, and
-- the descriptors come back to where they started.
local cli = require "lib.cli"
local check = cli.check
local fs = asyncio.fs

local fd_count = require("lib.fds").count
local fds_at_start = fd_count()

local dir = os.tmpname()
os.remove(dir)
await(fs.mkdir(dir))

-- 32 MB written and read back while a ticker ticks every millisecond
local ticks = 0
local ticker = asyncio.spawn(function()
  while true do
    ticks = ticks + 1
    await(asyncio.sleep(0.001))
  end
end)
local chunk = string.rep("0123456789abcdef", 65536) -- 1 MB
local big = dir .. "/big"
do
  local f <close> = await(asyncio.open(big, "w"))
  for _ = 1, 32 do await(f:write(chunk)) end
end
local before_read = ticks
local data
do
  local f <close> = await(asyncio.open(big))
  data = await(f:read())
end
check("32 MB: every byte", #data == 32 * 1024 * 1024 and data:sub(-16) == "0123456789abcdef", #data)
check("32 MB: the ticker ran while the files were written and read", ticks > 5 and ticks > before_read,
  ticks .. " ticks")
data = nil
ticker:cancel()

-- fifty files at once
local writers = {}
for i = 1, 50 do
  writers[i] = asyncio.spawn(function()
    local f <close> = await(asyncio.open(dir .. "/f" .. i, "w"))
    await(f:write(("file %d\n"):format(i):rep(i)))
  end)
end
await(asyncio.gather(table.unpack(writers)))
local readers = {}
for i = 1, 50 do
  readers[i] = asyncio.spawn(function()
    local f <close> = await(asyncio.open(dir .. "/f" .. i))
    local n = 0
    for line in f:lines() do if line == "file " .. i then n = n + 1 end end
    return n
  end)
end
local counts = await(asyncio.gather(table.unpack(readers)))
local right = 0
for i = 1, 50 do if counts[i] == i then right = right + 1 end end
check("fifty files at once", right == 50, right)
check("listdir", #await(fs.listdir(dir)) == 51)

-- opens cancelled while their request runs: their descriptors are closed
for _ = 1, 50 do
  local t = asyncio.create_task(asyncio.open(dir .. "/f1"))
  await(asyncio.sleep(0))
  t:cancel()
end
await(asyncio.sleep(0.2))

for _, name in ipairs(await(fs.listdir(dir))) do await(fs.remove(dir .. "/" .. name)) end
await(fs.rmdir(dir))
collectgarbage()
-- (Under load a cancelled open's request may still be running in a worker
-- past the 0.2 s above: its descriptor is closed when it ends. A leak stays.)
local fds = fd_count()
for _ = 1, 100 do
  if fds == fds_at_start then break end
  await(asyncio.sleep(0.05))
  fds = fd_count()
end
check("the descriptors are back where they started", fds == fds_at_start, fds .. " vs " .. fds_at_start)

cli.finish()
