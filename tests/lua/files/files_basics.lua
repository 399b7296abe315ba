-- Files on the loop: asyncio.open (write, readline, lines, seek, read,
-- append, "x" mode, close) and asyncio.fs (exists, stat, listdir, rename,
-- remove, mkdir, rmdir), with Python's values and error texts.
-- Reference: reference/files_basics.py (Python's own file functions, which
-- aiofiles wraps)
local fs = asyncio.fs

local p = require("lib.show").p
local function show(s) return (s:gsub("\n", "\\n")) end

local main = async(function()
  local d = os.tmpname()
  os.remove(d)
  await(fs.mkdir(d))
  local function rel(s) return (s:gsub(d:gsub("%p", "%%%0"), "DIR")) end
  local function fail(e) p(getmetatable(e).__name, rel(e.message)) end
  local path = d .. "/a.txt"
  local ok, e
  do
    local f <close> = await(asyncio.open(path, "w"))
    p("write", await(f:write("line 1\nline 2\n")), await(f:write("end")))
  end
  local f = await(asyncio.open(path))
  p("readline", show(await(f:readline())))
  for line in f:lines() do p("line", line) end
  p("seek", await(f:seek("set", 5)), show(await(f:read(3))), f:tell())
  ok, e = pcall(await, f:seek("cur", -100))
  if not ok then p("seek before the start:", getmetatable(e).__name, e, f:tell()) end
  p("seek end", await(f:seek("end")), #await(f:read()))
  await(f:close())
  ok, e = pcall(await, f:read())
  if not ok then p("closed:", getmetatable(e).__name, e) end
  p("exists", await(fs.exists(path)), await(fs.exists(d .. "/nope")))
  p("stat", await(fs.stat(path)).size)
  p("listdir", table.concat(await(fs.listdir(d)), ","))
  await(fs.rename(path, d .. "/b.txt"))
  ok, e = pcall(await, asyncio.open(path))
  if not ok then fail(e) end
  do
    local af <close> = await(asyncio.open(d .. "/b.txt", "a"))
    await(af:write("!"))
  end
  do
    local rf <close> = await(asyncio.open(d .. "/b.txt"))
    p("appended", show(await(rf:read())))
  end
  for _, name in ipairs { "x", "y", "z" } do
    local wf <close> = await(asyncio.open(d .. "/" .. name, "w"))
    await(wf:write(name:rep(3)))
  end
  p("listdir", table.concat(await(fs.listdir(d)), ","))
  ok, e = pcall(await, asyncio.open(d .. "/x", "x"))
  if not ok then fail(e) end
  ok, e = pcall(await, fs.rmdir(d))
  if not ok then fail(e) end
  for _, name in ipairs { "b.txt", "x", "y", "z" } do await(fs.remove(d .. "/" .. name)) end
  ok, e = pcall(await, fs.remove(d .. "/x"))
  if not ok then fail(e) end
  await(fs.rmdir(d))
  p("exists", await(fs.exists(d)))
  ok, e = pcall(await, asyncio.open(d .. "/sub/file", "w"))
  if not ok then fail(e) end
  ok, e = pcall(await, asyncio.open("/tmp", "w"))
  if not ok then p(getmetatable(e).__name, e) end
end)

asyncio.run(main())
