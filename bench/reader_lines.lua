-- Reading lines from a StreamReader: N lines fed one chunk each, then read
-- back with r:lines(); N lines fed as one buffer, read with readline(); one
-- long line fed in many chunks.
-- Not one of issue 17's workloads: a measure of what a read and a feed cost
-- when much waits in the buffer (a subprocess's output read line by line, a
-- large response).  luasync reader_lines.lua [N]
-- The same in Python, for a side-by-side figure:
--   r = asyncio.StreamReader(limit=1 << 30)
--   for i in range(N): r.feed_data(b"line %d\n" % i)
--   r.feed_eof(); async for l in r: ...
--   (and one feed_data of the N lines joined, then readline() until b"";
--   and one 16 MiB line fed in 64 KiB chunks, one each iteration; and one
--   100,000-byte line fed a byte at a time)
local N = math.tointeger(tonumber(arg[1])) or 200000
local now = time.perf_counter

local t0 = now()
local r = asyncio.StreamReader({ limit = 1 << 30 })
for i = 1, N do r:feed_data("line " .. i .. "\n") end
r:feed_eof()
local n = 0
for _ in r:lines() do n = n + 1 end
assert(n == N)
local chunks = now() - t0

local lines = {}
for i = 1, N do lines[i] = "line " .. i end
local text = table.concat(lines, "\n") .. "\n"
t0 = now()
r = asyncio.StreamReader({ limit = 1 << 30 })
r:feed_data(text)
r:feed_eof()
n = 0
while await(r:readline()) ~= "" do n = n + 1 end
assert(n == N)
local one = now() - t0
-- One line of 16 MiB that comes in 256 chunks of 64 KiB, a feed at each
-- loop iteration, read with readline() under a limit raised to take it.
local piece = ("x"):rep(65536)
t0 = now()
r = asyncio.StreamReader({ limit = 1 << 30 })
asyncio.spawn(function()
  for _ = 1, 256 do
    r:feed_data(piece)
    await(asyncio.sleep(0))
  end
  r:feed_data("\n")
end)
assert(#await(r:readline()) == 256 * 65536 + 1)
local long = now() - t0
-- One line of 100,000 bytes that comes a byte at a time (a slow peer, a
-- line typed): each feed wakes the reader, which must not search the whole
-- line again (it did: 100 s; CPython ~1 s).
t0 = now()
r = asyncio.StreamReader({ limit = 1 << 30 })
asyncio.spawn(function()
  for _ = 1, 100000 do
    r:feed_data("x")
    await(asyncio.sleep(0))
  end
  r:feed_data("\n")
end)
assert(#await(r:readline()) == 100001)
local bytes = now() - t0
print(("RESULT peer=luasync N=%d chunks_s=%.4f one_buffer_s=%.4f long_line_s=%.4f byte_line_s=%.4f"):format(N, chunks,
  one, long, bytes))
