-- A path with a NUL byte is refused before any system call, with Python's
-- ValueError: the system would read the path up to the NUL, so open(...,
-- "w") truncated the file named by the part before it and fs.remove
-- deleted it; an encoding's name (iconv's C string) is refused likewise.
-- fs.exists answers false, as os.path.exists does. The files named by the
-- prefixes are still there, whole, afterwards.
-- Reference: reference/files_nul_path.py (Python's open and os functions,
-- which aiofiles wraps)
local fs = asyncio.fs
local p = require("lib.show").p

local d = os.tmpname()
os.remove(d)
await(fs.mkdir(d))
local keep, dir = d .. "/keep", d .. "/sub"
do
  local f <close> = await(asyncio.open(keep, "w"))
  await(f:write("precious"))
end
await(fs.mkdir(dir))

local function try(what, aw)
  local ok, e = pcall(await, aw)
  if ok then p(what, "done", e) else p(what, e) end
end
try("open w", asyncio.open(keep .. "\0.new", "w"))
try("open a", asyncio.open(keep .. "\0.log", "a"))
try("open r", asyncio.open(keep .. "\0"))
-- (an encoding's name goes to iconv as a C string: refused at the call,
-- before it is looked up, also when it would name a codec without its NUL
-- ("utf-8\0" and "latin\0-1" opened the file); the errors' name likewise,
-- and in a binary mode)
local function open_with(what, mode, opts)
  local ok, e = pcall(asyncio.open, d .. "/enc", mode, opts)
  if ok then
    await(await(e):close())
    p(what, "done")
  else
    p(what, e)
  end
end
open_with("open encoding", "w", { encoding = "latin-1\0.x" })
open_with("open encoding", "w", { encoding = "utf-8\0" })
open_with("open encoding", "r", { encoding = "latin\0-1" })
open_with("open encoding", "rb", { encoding = "utf-8\0" })
open_with("open errors", "w", { errors = "strict\0x" })
open_with("open errors", "w", { encoding = "utf-8", errors = "replace\0" })
open_with("open errors", "rb", { errors = "strict\0" })
p("exists", await(fs.exists(keep .. "\0.bak")), await(fs.exists(keep)))
try("stat", fs.stat(keep .. "\0.bak"))
try("remove", fs.remove(keep .. "\0.bak"))
try("rename src", fs.rename(keep .. "\0.bak", d .. "/moved"))
try("rename dst", fs.rename(keep, d .. "/moved\0.bak"))
try("mkdir", fs.mkdir(dir .. "\0.new"))
try("rmdir", fs.rmdir(dir .. "\0.old"))
try("listdir", fs.listdir(dir .. "\0.old"))

local f = await(asyncio.open(keep))
p("keep still holds", await(f:read()))
await(f:close())
p("the directory holds", table.concat(await(fs.listdir(d)), ","))
await(fs.remove(keep))
await(fs.rmdir(dir))
await(fs.rmdir(d))
