-- What an open File holds in the Lua heap after a little reading: its
-- read-ahead asks for 8 KiB at the first read (CPython's buffer size),
-- twice as much at each next, up to 64 KiB. Every File held a 64 KiB chunk
-- after a read(10) or a short readline() (~66 KB of heap, ~100 KB of
-- resident memory a File); now ~9 KB. A File read through still reads
-- 64 KiB a request: the lines and bytes it gives are the same (the whole
-- file read back line by line, and by read(n) of growing sizes).
local heap_kb = require "lib.heap"
local path = os.tmpname()
local parts = {}
for i = 1, 20000 do parts[i] = ("y"):rep(i % 80) .. i .. "\n" end
local text = table.concat(parts)
local out = assert(io.open(path, "w"))
out:write(text)
out:close()

local function held_each(read)
  local files = {}
  local before = heap_kb()
  for i = 1, 200 do
    files[i] = await(asyncio.open(path))
    read(files[i])
  end
  local each = (heap_kb() - before) * 1024 / 200
  for i = 1, 200 do await(files[i]:close()) end
  return each
end
local after_read = held_each(function(f) assert(await(f:read(10)) == text:sub(1, 10)) end)
local after_line = held_each(function(f) assert(await(f:readline()) == parts[1]) end)
print(("bytes a File holds: %.0f after read(10), %.0f after readline()"):format(after_read, after_line))
assert(after_read < 16384 and after_line < 16384, "a File holds more than 16 KiB after reading a line")

local f <close> = await(asyncio.open(path))
local i = 0
for line in f:lines("L") do
  i = i + 1
  assert(line == parts[i], i)
end
assert(i == #parts)
await(f:seek("set", 0))
local got, n = {}, 1
while true do
  local s = await(f:read(n))
  if s == "" then break end
  got[#got + 1] = s
  n = n * 3
end
assert(table.concat(got) == text)
os.remove(path)
print("ok")
