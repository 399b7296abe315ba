-- Accept errors that concern one connection (a network error pending on
-- it, which Linux's accept passes on: EPROTO, EHOSTUNREACH, ENETUNREACH...;
-- a firewall's EPERM) are reported as CPython's selector loop reports them
-- ("Exception in callback BaseSelectorEventLoop._accept_connection()"),
-- and the next connection is accepted at the next turn, every time: they
-- never rest the server (luasync rested it 1 s after two in a row, the
-- rest meant for an error that stays, server_accept_error, or a lack of
-- descriptors, server_accept_emfile). A connection aborted before its
-- accept (ECONNABORTED) is skipped quietly, as CPython's.
-- The loopback gives none of these errors: the scenario runs in a child
-- under tests/cmodule/accept_fault.c (LD_PRELOAD; ctest sets
-- LUASYNC_ACCEPT_FAULT to the built shim, else it is looked for beside the
-- binary), whose accept4 takes each connection ACCEPT_FAULTS lists off the
-- queue, closes it and fails with that errno.
-- Reference: reference/server_accept_per_connection.py
local FAULTS = "ECONNABORTED,EPROTO,EHOSTUNREACH,EPERM,ENETUNREACH"

local scenario = [[
local loop = asyncio.get_running_loop()
local t0 = loop:time()
local function el() return ("%.1f"):format(loop:time() - t0) end
local function p(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  print(table.concat(t, " "))
end
loop:set_exception_handler(function(_, ctx) p(el(), ctx.message, tostring(ctx.exception)) end)
local srv = await(asyncio.start_server(function(_, w)
  w:write("hi")
  w:close()
end, "127.0.0.1", 0))
local _, port = srv.sockets[1]:getsockname()
for i = 1, 6 do
  local r, w = await(asyncio.open_connection("127.0.0.1", port))
  local data = await(r:read())
  p(el(), "client", i, "'" .. data .. "'")
  w:close()
end
srv:close()
await(srv:wait_closed())
]]

local binary = os.getenv("LUASYNC")
local module_dir = os.getenv("LUASYNC_MODULE_DIR")
local shim = os.getenv("LUASYNC_ACCEPT_FAULT") or
  ((binary or module_dir or "."):match("^(.*)/[^/]*$") or ".") .. "/preload/accept_fault.so"
assert(io.open(shim), "the accept shim is missing: " .. shim .. " (set LUASYNC_ACCEPT_FAULT)"):close()

local path = os.tmpname()
local _ <close> = setmetatable({}, { __close = function() os.remove(path) end })
local f = assert(io.open(path, "w"))
f:write(scenario)
f:close()
-- (the binary, or under stock Lua the module's host, as this test runs;
-- a preload already there, the sanitizers' runtime, stays first)
local command = binary and ("%q --clock=virtual %q"):format(binary, path)
  or ("lua5.4 ../../module/host.lua %q virtual"):format(path)
local preload = os.getenv("LD_PRELOAD")
if binary and not (preload and preload ~= "") then
  -- The sanitizer build's binary needs its runtime first in the list of
  -- libraries (else ASan stops the child): preloaded before the shim.
  local p = assert(io.popen(("ldd %q 2>/dev/null"):format(binary)))
  preload = p:read("a"):match("=> (/%S*libasan%.so[%.%d]*)")
  p:close()
end
preload = (preload and preload ~= "" and preload .. ":" or "") .. shim
local sp = asyncio.subprocess
local child = await(asyncio.create_subprocess_shell(("LD_PRELOAD=%q ACCEPT_FAULTS=%s exec %s"):format(preload,
  FAULTS, command), { stdout = sp.PIPE, stderr = sp.PIPE }))
local out, err = await(child:communicate())
io.write(out)
assert(child.returncode == 0 and err == "", ("the child: status %s, stderr %q"):format(child.returncode, err))
