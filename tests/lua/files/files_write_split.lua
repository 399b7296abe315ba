-- A write is split into requests of at most 1 GiB (a request's length is an
-- unsigned int in libuv: 4 GiB + 5 bytes wrapped to 5, and the write
-- reported 5). The cap is lowered to 7 bytes here so that a 100-byte write
-- is split as a 5 GiB one would be: every byte lands, in order, in each
-- mode, and write answers the whole length.
local core = require "luasync.core"

local function check(what, got, want)
  if got ~= want then error(("%s: expected %s, got %s"):format(what, tostring(want), tostring(got)), 2) end
end

local path = os.tmpname()
local data = {}
for i = 1, 100 do data[i] = string.char(32 + i % 90) end
data = table.concat(data)

local before = core.fs_write_cap(7)
local ok, e = pcall(function()
  local f = await(asyncio.open(path, "w"))
  check("write", await(f:write(data)), 100)
  check("tell", f:tell(), 100)
  check("write after", await(f:write("!")), 1)
  await(f:close())
  f = await(asyncio.open(path, "a"))
  check("append", await(f:write(data)), 100)
  await(f:close())
  f = await(asyncio.open(path, "r+"))
  await(f:seek("set", 3))
  check("write at 3", await(f:write(data:sub(1, 20))), 20)
  await(f:close())
end)
core.fs_write_cap(before)
if not ok then
  os.remove(path)
  error(e, 0)
end
local h = assert(io.open(path, "rb"))
local got = h:read("a")
h:close()
os.remove(path)
local want = data:sub(1, 3) .. data:sub(1, 20) .. data:sub(24) .. "!" .. data
check("the file's length", #got, #want)
check("the file", got, want)
check("the cap restored", core.fs_write_cap(), 1 << 30)
print("ok")
