-- Reading lines from a StreamReader: N lines fed one chunk each, then read
-- back with r:lines(); and N lines fed as one buffer, read with readline().
-- Not one of issue 17's workloads: a measure of what a read and a feed cost
-- when much waits in the buffer (a subprocess's output read line by line, a
-- large response).  luasync reader_lines.lua [N]
-- The same in Python, for a side-by-side figure:
--   r = asyncio.StreamReader(limit=1 << 30)
--   for i in range(N): r.feed_data(b"line %d\n" % i)
--   r.feed_eof(); async for l in r: ...
--   (and one feed_data of the N lines joined, then readline() until b"")
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
print(("RESULT peer=luasync N=%d chunks_s=%.4f one_buffer_s=%.4f"):format(N, chunks, one))
