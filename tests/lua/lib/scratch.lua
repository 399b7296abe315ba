-- A scratch file for a files test: a path in a new directory, and a value
-- that removes both when it goes out of scope (also when a check fails
-- midway): `local path, _ <close> = scratch.file("t.txt")`. And bytes as
-- hex, for comparing what was written with CPython's transcript.
local M = {}

function M.file(name)
  local d = os.tmpname()
  os.remove(d)
  await(asyncio.fs.mkdir(d))
  local path = d .. "/" .. name
  return path, setmetatable({}, { __close = function()
    os.remove(path)
    os.remove(d)
  end })
end

function M.hex(s) return (s:gsub(".", function(c) return ("%02x"):format(c:byte()) end)) end

return M
