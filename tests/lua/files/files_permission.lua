-- A file that may not be read: PermissionError with Python's text and the
-- file's name, for asyncio.open and asyncio.fs. (The suite may run as root,
-- who may read anything: then the reading luasync runs as nobody.)
local cli = require "lib.cli"
local run, eq, quote, tmpfile = cli.run, cli.eq, cli.quote, cli.tmpfile

local secret = tmpfile("secret\n")
assert(os.execute("chmod 000 " .. quote(secret)))
local dir = tmpfile()
os.remove(dir)
assert(os.execute("mkdir " .. quote(dir) .. " && chmod 000 " .. quote(dir)))

local as_root = io.popen("id -u"):read("n") == 0
local prefix = as_root and "runuser -u nobody -- " or ""
local script = [[
print(pcall(await, asyncio.open(arg[1])))
print(pcall(await, asyncio.open(arg[1], "a")))
print(pcall(await, asyncio.fs.listdir(arg[2])))
print(pcall(await, asyncio.open(arg[2] .. "/new", "w")))
]]
local file = tmpfile(script)
assert(os.execute("chmod 644 " .. quote(file)))
local out, err, code = run(prefix .. [["$L" ]] .. quote(file) .. " " .. quote(secret) .. " " .. quote(dir))
eq("status", code, 0)
eq("stderr", err, "")
local function denied(path) return "false\tPermissionError: [Errno 13] Permission denied: '" .. path .. "'\n" end
eq("stdout", out, denied(secret) .. denied(secret) .. denied(dir) .. denied(dir .. "/new"))
os.execute("chmod 700 " .. quote(dir) .. " && rmdir " .. quote(dir))
cli.finish()
