-- A program that takes the strings' methods away (every string function
-- removed, the string metatable's __index gone) still gets asyncio's
-- behaviour and errors from asyncio's own code: it holds its own string
-- functions. Before, the first call that used one failed inside the runtime
-- (luasync:files:236: attempt to index a string value).
local cli = require "lib.cli"

local script = cli.tmpfile([[
for k in pairs(string) do string[k] = nil end
getmetatable("").__index = nil
local path = os.tmpname()
local f = io.open(path, "w"); f:write("line one\nline two\n"); f:close()
local af = await(asyncio.open(path, "r", { encoding = "utf-8" }))
io.write(await(af:readline()))
await(af:close())
os.remove(path)
local server = await(asyncio.start_server(function(r, w) w:write(await(r:readline())); w:close() end, "127.0.0.1", 0))
local r, w = await(asyncio.open_connection(server.sockets[1]:getsockname()))
w:write("ping\n")
io.write(await(r:readline()))
w:close()
server:close()
print(tostring(asyncio.Lock()) ~= nil, tostring(asyncio.Queue()) ~= nil, tostring(server.sockets[1]) ~= nil)
local t = asyncio.spawn(function() await(asyncio.sleep(1)) end)
await(asyncio.sleep(0))
print(#asyncio.format_call_graph(t) > 0)
print(pcall(function() asyncio.get_running_loop():add_signal_handler(9, print) end))
print(await(asyncio.to_thread(function(a) return a + 1 end, 41)))
local p = await(asyncio.create_subprocess_exec("echo", "hi", { stdout = asyncio.subprocess.PIPE }))
io.write((await(p:communicate())))
t:cancel()
print(pcall(asyncio.Event().wait))
print("done")
]])
local out, err, code = cli.run('"$L" ' .. script, nil, 30)
cli.eq("status", code, 0)
cli.eq("stdout", out, "line one\nping\ntrue\ttrue\ttrue\ntrue\nfalse\tRuntimeError: sig 9 cannot be caught\n42\nhi\n" ..
  "false\tbad argument #1 to 'wait' (Event expected; call it as ev:wait(...))\ndone\n")
cli.eq("stderr", err, "")
cli.finish()
