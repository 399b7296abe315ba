-- read(n) of a few bytes takes them from the read-ahead alone. It joined
-- the rest of the read-ahead (up to 64 KiB) with nothing and took its n
-- bytes from the join, so each read(100) copied up to 128 KiB: a 52 MB file
-- read 100 bytes at a time took 13 s, twenty times its lines() (now 0.6 s).
-- Counted here without a clock: the heap, the collector stopped, grows by
-- what the reads allocate, ~200 bytes a read(100) (it was ~60 KB). The
-- bytes are the file's, in order, with the reads that cross a chunk's end.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check

local parts = {}
for i = 1, 20000 do parts[i] = ("%07d%s\n"):format(i, ("z"):rep(i % 50)) end
local text = table.concat(parts)
local path = cli.tmpfile(text)

local f <close> = await(asyncio.open(path))
eq("the first bytes", await(f:read(10)), text:sub(1, 10))
local got, at = {}, 10
collectgarbage()
collectgarbage("stop")
local before = collectgarbage("count")
for i = 1, 2000 do
  got[i] = await(f:read(100))
end
local each = (collectgarbage("count") - before) * 1024 / 2000
collectgarbage("restart")
eq("2000 reads of 100 bytes", table.concat(got), text:sub(at + 1, at + 200000))
check("a read(100) allocates less than 2 KB", each < 2048, ("%.0f bytes a read"):format(each))

-- n larger than what the read-ahead holds, the rest of the file, the end.
eq("read(70000)", await(f:read(70000)), text:sub(200011, 270010))
eq("the rest", await(f:read()), text:sub(270011))
eq("at the end", await(f:read(100)), "")
await(f:seek("set", 0))
eq("the whole file", await(f:read()), text)
eq("read(0)", await(f:read(0)), "")
cli.finish()
