-- The example of docs/lua-users.md's section on `require "asyncio"` in
-- lua5.4, run as that section shows it, under lua5.4, with what it prints.
--   LUASYNC_MODULE_DIR=build/module lua5.4 tests/module/docs_example.lua DOCS.md
local doc = assert(io.open(arg[1])):read("a")
local section = assert(doc:match('\n## From `lua5%.4`: `require "asyncio"`(.-)\n## ') or
  doc:match('\n## From `lua5%.4`: `require "asyncio"`(.*)$'), "no section on require \"asyncio\"")
local code = assert(section:match("```lua%-norun\n(.-)```"), "no example in the section")
local dir = assert(os.getenv("LUASYNC_MODULE_DIR"), "LUASYNC_MODULE_DIR is not set")
local file = os.tmpname()
local f = assert(io.open(file, "w"))
f:write(("package.cpath = %q .. package.cpath\n"):format(dir .. "/?.so;"), code)
f:close()
local p = assert(io.popen("lua5.4 " .. file .. " 2>&1"))
local out = p:read("a")
local ok = p:close()
os.remove(file)
local want = "hello\tlua5.4\nworld\n"
if not ok or out ~= want then
  io.stderr:write(("FAIL: the example printed\n%s\nwant:\n%s\n"):format(out, want))
  os.exit(1)
end
print("ok")
