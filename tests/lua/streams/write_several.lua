-- write("a", "b", "c") writes all three, in order, as Lua's file:write
-- does: a File's (the count of bytes written is the whole), a connection's
-- and a child's stdin. One argument wrote before, the rest were lost
-- silently. What is not a string is refused by its position, as before
-- (a File takes numbers, as Lua's file:write).
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

-- A File
local path = os.tmpname()
local f = await(asyncio.open(path, "w"))
eq("File: the count is the whole", await(f:write("a", "b", 42, "c\n")), 6)
await(f:write("one"))
await(f:close())
local r = assert(io.open(path)); eq("File: every piece, in order", r:read("a"), "ab42c\none"); r:close()
os.remove(path)
f = await(asyncio.open(path, "w"))
local ok, e = pcall(f.write, f, "a", {})
eq("File: a table refused", ok, false)
has("File: its position", tostring(e), "bad argument #2 to 'write' (string expected, got table)")
await(f:close())
os.remove(path)

-- A connection
local got = asyncio.Future()
local server = await(asyncio.start_server(function(reader, writer)
  got:set_result(await(reader:read()))
  writer:close()
end, "127.0.0.1", 0))
local port = select(2, server.sockets[1]:getsockname())
local _, w = await(asyncio.open_connection("127.0.0.1", port))
w:write("hello", ", ", "world")
w:write("!")
ok, e = pcall(w.write, w, "x", 5)
eq("stream: a number refused", ok, false)
has("stream: its position", tostring(e), "bad argument #2 to 'write' (string expected, got number)")
w:close()
await(w:wait_closed())
eq("stream: every piece, in order", await(got), "hello, world!")
server:close()
await(server:wait_closed())

-- A child's stdin
local p = await(asyncio.create_subprocess_exec("cat", { stdin = asyncio.subprocess.PIPE,
  stdout = asyncio.subprocess.PIPE }))
p.stdin:write("one ", "two\n")
p.stdin:close()
eq("child's stdin: both pieces", await(p.stdout:read()), "one two\n")
await(p:wait())
cli.finish()
