-- Small writes queued behind a write in flight gather in one block instead
-- of a request each (~250 bytes apiece: a million queued writes held
-- 146 MB); the bytes, their order, get_write_buffer_size() and drain()'s
-- high and low water marks (64 KiB, 16 KiB) stay as they were. A child
-- `cat` echoes what it is given; its pipes take ~128 KiB before it blocks,
-- so a first 1 MB write stays queued, and each small write after it adds
-- exactly its length to the buffer. Then a write of 64 KiB or more (a
-- request of its own, after the gathered bytes), write_eof() (after them
-- too), and the echo must be every byte in order.
local sp = asyncio.subprocess
local p = await(asyncio.create_subprocess_exec("cat", { stdin = sp.PIPE, stdout = sp.PIPE }))
local w = p.stdin
local function statm_kb()
  local h = io.open("/proc/self/statm")
  local _, pages = h:read("n", "n")
  h:close()
  return pages * 4
end

local sent = { ("A"):rep(1000000) }
w:write(sent[1])
local size = w.transport:get_write_buffer_size()
assert(size > 1000000 - 300000, size)
local N = 200000
for i = 1, N do sent[#sent + 1] = ("%07d\n"):format(i) end  -- made before: the count is of the writes
collectgarbage()
local before = statm_kb()
for i = 1, N do
  local piece = sent[i + 1]
  w:write(piece)
  size = size + #piece
  if i % 997 == 0 or i == N then
    local got = w.transport:get_write_buffer_size()
    if got ~= size then error(("after write %d: get_write_buffer_size() %d, expected %d"):format(i, got, size)) end
  end
end
collectgarbage()
local each = (statm_kb() - before) * 1024 / N
local big = ("B"):rep(100000)
sent[#sent + 1] = big
w:write(big)
size = size + #big
assert(w.transport:get_write_buffer_size() == size)
w:write_eof()
print(("resident bytes a queued 8-byte write costs: %.1f"):format(each))

local echo = {}
local reader = asyncio.create_task(async(function()
  while true do
    local d = await(p.stdout:read(65536))
    if d == "" then break end
    echo[#echo + 1] = d
  end
end)())

-- drain() returns once the buffer is at or under the low water mark.
await(w:drain())
local left = w.transport:get_write_buffer_size()
assert(left <= 16384, left)
await(reader)
assert(await(p:wait()) == 0)
local want, got = table.concat(sent), table.concat(echo)
assert(#got == #want, ("%d bytes echoed, %d written"):format(#got, #want))
assert(got == want, "the echo differs from what was written")
assert(each < 64, "a queued small write costs more than 64 bytes")
print("ok")
