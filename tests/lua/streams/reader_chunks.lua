-- A StreamReader fed in many chunks (asyncio/streams.lua keeps what was
-- fed apart from what it read from, and joins them when a read needs
-- both): every read method across chunk boundaries gives what CPython's
-- gives for the same feeds (the same scenarios in Python printed the
-- values in reader_chunks.out, bytes shown as Lua strings). And many chunks:
-- 20,000 lines fed one by one, then read back in order; one buffer of
-- 20,000 lines read line by line.
local r = asyncio.StreamReader()
for _, c in ipairs { "ab", "c\nde", "f\n", "gh" } do r:feed_data(c) end
print(1, await(r:readline()), await(r:readline()), tostring(r))
r:feed_eof()
print(1, await(r:readline()), await(r:readline()), r:at_eof())

r = asyncio.StreamReader()
r:feed_data("aX")
r:feed_data("Yb")
r:feed_eof()
print(2, await(r:readuntil("XY")), await(r:read()))

r = asyncio.StreamReader()
for _, c in ipairs { "ab", "cd", "efg" } do r:feed_data(c) end
print(3, await(r:readexactly(5)), await(r:read(10)))

r = asyncio.StreamReader()
r:feed_data("abc")
local a = await(r:read(2))
r:feed_data("def")
print(4, a, await(r:read(3)), await(r:read(10)))

r = asyncio.StreamReader({ limit = 4 })
r:feed_data("ab")
r:feed_data("cdefg\nxy\n")
local ok, e = pcall(await, r:readline())
print(5, ok, e)
print(5, await(r:readline()))

r = asyncio.StreamReader()
r:feed_data("ab")
r:feed_data("cd")
r:feed_eof()
ok, e = pcall(await, r:readexactly(10))
print(6, e.partial, e.expected, e)

r = asyncio.StreamReader()
r:feed_data("ab")
r:feed_data("cd")
print(8, r)
await(r:read(1))
print(8, r)

r = asyncio.StreamReader()
r:feed_data("ab")
r:feed_data("cd")
r:feed_eof()
ok, e = pcall(await, r:readuntil("Z"))
print(9, e.partial, e.expected)

-- A reader waiting for the rest of a line that comes in pieces.
r = asyncio.StreamReader()
local t = asyncio.create_task(r:readline())
for _, c in ipairs { "wa", "it", "ed", "\nafter" } do
  await(asyncio.sleep(0))
  r:feed_data(c)
end
print(10, await(t), await(r:read(100)))

-- readuntil waiting while its separator comes split over three feeds,
-- and a line of 200 chunks (each looked at once: streams.lua's find_sep).
r = asyncio.StreamReader()
t = asyncio.create_task(r:readuntil("XYZ"))
for _, c in ipairs { "one", "X", "Y", "Zand", " after" } do
  await(asyncio.sleep(0))
  r:feed_data(c)
end
print(10.5, await(t), await(r:read(100)))
r = asyncio.StreamReader({ limit = 1 << 20 })
t = asyncio.create_task(r:readuntil("\r\n"))
for i = 1, 200 do
  await(asyncio.sleep(0))
  r:feed_data(("%03d"):format(i) .. (i == 200 and "\r" or ""))
end
r:feed_data("\nrest")
local long = await(t)
print(10.6, #long, long:sub(1, 9), long:sub(-5) == "200\r\n", await(r:read(100)))

local n = 20000
r = asyncio.StreamReader({ limit = 1 << 30 })
for i = 1, n do r:feed_data("line " .. i .. "\n") end
r:feed_eof()
local count, bad = 0, nil
for line in r:lines() do
  count = count + 1
  if line ~= "line " .. count then bad = bad or line end
end
print(11, count, bad)

local lines = {}
for i = 1, n do lines[i] = "line " .. i end
r = asyncio.StreamReader({ limit = 1 << 30 })
r:feed_data(table.concat(lines, "\n") .. "\n")
r:feed_eof()
count, bad = 0, nil
while true do
  local line = await(r:readline())
  if line == "" then break end
  count = count + 1
  if line ~= lines[count] .. "\n" then bad = bad or line end
end
print(12, count, bad, r:at_eof())
