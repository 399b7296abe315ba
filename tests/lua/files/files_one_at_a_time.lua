-- The operations of one File run one at a time, in the order they began,
-- as a Python file's own lock orders aiofiles' threads: reads gathered read
-- the next pieces (not the same one three times), writes gathered all land;
-- a close waits for the operations begun before it, and those begun after
-- it find the file closed. Append mode keeps the position at the end, as
-- Python's open and Lua's io.open do; a directory is refused at open
-- (IsADirectoryError, as Python's open); a read of more than the file holds
-- gives what it holds.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check

local path = cli.tmpfile("0123456789")

local f = await(asyncio.open(path))
local rs = await(asyncio.gather(f:read(3), f:read(3), f:read(3)))
eq("gathered reads: the next pieces", table.concat(rs, ","), "012,345,678")
eq("gathered reads: the position", f:tell(), 9)
rs = await(asyncio.gather(f:readline(), f:seek("set", 2), f:read(2)))
eq("readline, seek, read in turn", table.concat(rs, ","), "9,2,23")
await(f:close())

f = await(asyncio.open(path, "w"))
local ws = await(asyncio.gather(f:write("aaa"), f:write("bbb"), f:write("ccc")))
eq("gathered writes: their counts", table.concat(ws, ","), "3,3,3")
eq("gathered writes: the position", f:tell(), 9)
-- a close begun after writes waits for them; an operation begun after it
-- finds the file closed
local w, c = f:write("ddd"), f:close()
local late = f:read(1)  -- (f:read checks at the call: f is still open)
local res = await(asyncio.gather(w, c, late, { return_exceptions = true }))
eq("the write before the close", res[1], 3)
eq("a read begun after the close", tostring(res[3]), "ValueError: I/O operation on closed file.")
local g <close> = await(asyncio.open(path))
eq("gathered writes: all landed, in order", await(g:read()), "aaabbbcccddd")

-- Append mode: the position is the end of the file, before and after writes.
local a = await(asyncio.open(path, "a"))
eq("append: the position at open", a:tell(), 12)
await(a:write("e"))
eq("append: after a write", a:tell(), 13)
eq("append: seek cur", await(a:seek("cur")), 13)
await(a:close())
local ap <close> = await(asyncio.open(path, "a+"))
eq("a+: read at open", await(ap:read()), "")
await(ap:write("f"))
eq("a+: read after a write", await(ap:read()), "")
await(ap:seek("set", 12))
eq("a+: read after a seek", await(ap:read()), "ef")

-- A read of far more than the file holds.
local big <close> = await(asyncio.open(path))
eq("read(1 << 40)", await(big:read(1 << 40)), "aaabbbcccdddef")

-- A directory: refused at open, as Python's open(dir) is.
local dir = os.tmpname()
os.remove(dir)
await(asyncio.fs.mkdir(dir))
local ok, e = pcall(await, asyncio.open(dir))
check("a directory: refused", not ok and asyncio.IsADirectoryError:is(e), e)
eq("a directory: the message", e.message, "[Errno 21] Is a directory: '" .. dir .. "'")
await(asyncio.fs.rmdir(dir))

-- Closed by its <close> (which cannot wait) while a read of a large file is
-- between two requests: that read raises ValueError, not a bad argument.
local large = cli.tmpfile(string.rep("x", 3 * 1048576))
local reader
do
  local lf <close> = await(asyncio.open(large))
  reader = asyncio.create_task(function() return await(lf:read()) end)
  await(asyncio.sleep(0))
end
ok, e = pcall(await, reader)
check("closed mid-read: raises", not ok, "read " .. tostring(e and #tostring(e)))
eq("closed mid-read: the error", tostring(e), "ValueError: I/O operation on closed file.")

-- A write cancelled while its request runs: the request lands all the same
-- (as a write in a thread that goes on), the next operation waits for it
-- and writes after it, as CPython's to_thread write then write.
local cw_path = cli.tmpfile("")
local cw = await(asyncio.open(cw_path, "w"))
local writer = asyncio.create_task(function() return await(cw:write(string.rep("A", 4 * 1048576))) end)
await(asyncio.sleep(0))
writer:cancel()
ok = pcall(await, writer)
check("the write's task: cancelled", not ok and writer:cancelled(), writer)
await(cw:write("B"))
eq("after it: the position", cw:tell(), 4 * 1048576 + 1)
await(cw:close())
local cw_in <close> = assert(io.open(cw_path, "rb"))
local cw_data = cw_in:read("a")
eq("after it: the file", #cw_data .. " " .. cw_data:sub(1, 2) .. " " .. cw_data:sub(-2), "4194305 AA AB")

-- lines() of a file closed in the loop: ValueError, as Python's iteration.
local lines = cli.tmpfile("a\nb\nc\n")
local lf = await(asyncio.open(lines))
local seen = {}
ok, e = pcall(function()
  for line in lf:lines() do
    seen[#seen + 1] = line
    if line == "b" then await(lf:close()) end
  end
end)
eq("lines() after a close: the lines before", table.concat(seen, ","), "a,b")
eq("lines() after a close: the error", tostring(e), "ValueError: I/O operation on closed file.")
cli.finish()
