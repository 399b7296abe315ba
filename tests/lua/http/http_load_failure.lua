-- The first use of asyncio.http loads lua-cjson and libcurl. When that
-- fails because the process is out of descriptors (EMFILE), the error says
-- so, without the advice to install a package that is installed (it said
-- "install Debian's lua-cjson"), and the next use, once descriptors are
-- free again, loads them (the failure was kept: "attempt to call a nil
-- value (field 'get')").
local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local tmpfile, run, eq, has, check = cli.tmpfile, cli.run, cli.eq, cli.has, cli.check

local script = tmpfile([[
local files = {}
while true do
  local f = io.open("/dev/null")
  if not f then break end
  files[#files + 1] = f
end
local ok, e = pcall(function() return await(asyncio.http.get("http://127.0.0.1:9/")) end)
print(ok, e)
for _, f in ipairs(files) do f:close() end
ok, e = pcall(function() return await(asyncio.http.get("http://127.0.0.1:9/")) end)
print(ok, getmetatable(e) and getmetatable(e).__name or e)
]])
local out, err, code = run('ulimit -n 40; "$L" ' .. script, nil, 30)
eq("status", code, 0)
eq("stderr", err, "")
has("the cause", out, "false\tliblua5.4-cjson.so.0 cannot be loaded: ")
has("the system's words", out, "Too many open files\n")
check("no install advice", not out:find("install", 1, true), out)
eq("the next use loads it", out:match("\n(.*)$"), "false\tConnectionRefusedError\n")
cli.finish()
