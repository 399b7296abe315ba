-- Files (asyncio.open): what N open Files hold once each read a line (the
-- read-ahead, bytes a File from the heap), a file of N lines read with
-- lines() and with read(100), and one 30 MB line read with readline() (its
-- chunks grow, so it is copied a bounded number of times). Compare N and
-- 10*N.
--   luasync files.lua [N]   (writes its files under os.tmpname())
-- The same in Python (aiofiles' files are Python's buffered files, 8 KiB
-- of buffer each): [open(p, "rb") for _ in range(N)], each f.readline().
local N = math.tointeger(tonumber(arg[1])) or 1000
local now = time.perf_counter
local function heap_kb()
  collectgarbage()
  collectgarbage()
  return collectgarbage("count")
end

local path = os.tmpname()
local out = assert(io.open(path, "w"))
for i = 1, N * 100 do out:write("line ", i, " ", ("y"):rep(i % 80), "\n") end
out:close()

local files, before = {}, heap_kb()
for i = 1, N do
  files[i] = await(asyncio.open(path))
  await(files[i]:readline())
end
local held = (heap_kb() - before) * 1024 / N
for i = 1, N do await(files[i]:close()) end

local t0 = now()
local f = await(asyncio.open(path))
local n = 0
for _ in f:lines() do n = n + 1 end
await(f:close())
assert(n == N * 100)
local lines = now() - t0

-- The same file read 100 bytes at a time (each read copied the rest of the
-- read-ahead twice: twenty times lines_s; now about its time).
t0 = now()
f = await(asyncio.open(path))
local bytes = 0
while true do
  local s = await(f:read(100))
  if s == "" then break end
  bytes = bytes + #s
end
await(f:close())
local small = now() - t0

out = assert(io.open(path, "w"))
out:write(("x"):rep(30000000), "\n")
out:close()
t0 = now()
f = await(asyncio.open(path))
assert(#await(f:readline()) == 30000001)
await(f:close())
local long = now() - t0
os.remove(path)
print(("RESULT peer=luasync N=%d bytes_per_open_file=%.0f lines=%d lines_s=%.4f read100_s=%.4f long_line_s=%.4f"):format(
  N, held, n, lines, small, long))
