-- A port given as a string, as CPython takes it. For a numeric host, a
-- string that is a number for Python's int() (" 80 ", "+80", "8_0",
-- "080") is that port; anything else, "80.0", "0x50" and "8e0" too (which
-- Lua's tonumber takes: luasync connected to port 80), is a service name,
-- which the resolver does not know: OSError (Python's socket.gaierror)
-- "[Errno -8] Servname not supported for ai_socktype", with .errno -8,
-- when awaited. For a host name the string goes to the resolver as it is,
-- as CPython hands it to getaddrinfo, and the C library's rule decides.
-- Reference: reference/port_strings.py
local function p(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  print(table.concat(t, " "))
end

local function outcome(coro)
  local ok, r, w = pcall(await, coro)
  if ok then
    w:close()
    return "ok"
  end
  if not asyncio.OSError:is(r) then error(r, 0) end
  return "OSError " .. tostring(r.errno) .. " " .. r.message
end

local function forms(port)
  local s = tostring(port)
  return { { s, "PORT" }, { " " .. s .. " ", " PORT " }, { "+" .. s, "+PORT" },
    { s:sub(1, 1) .. "_" .. s:sub(2), "P_ORT" }, { "0" .. s, "0PORT" }, { s .. ".0", "PORT.0" },
    { s .. "e0", "PORTe0" }, { ("0x%x"):format(port), "0xPORT" }, { s .. "_", "PORT_" },
    { s:sub(1, 1) .. "__" .. s:sub(2), "P__ORT" } }
end

local srv <close> = await(asyncio.start_server(function(_, w) w:close() end, "127.0.0.1", 0))
local _, port = srv.sockets[1]:getsockname()
for _, f in ipairs(forms(port)) do
  p(f[2], outcome(asyncio.open_connection("127.0.0.1", f[1])))
end
for i = 1, 4 do
  local f = forms(port)[i]
  p("localhost", f[2], outcome(asyncio.open_connection("localhost", f[1])))
end
p("localhost", "' PORT'", outcome(asyncio.open_connection("localhost", " " .. port)))
for _, text in ipairs({ "80.0", "0x50" }) do
  local ok, e = pcall(await, asyncio.start_server(function(_, w) w:close() end, "127.0.0.1", text))
  if ok then
    e:close()
    p("start_server", text, "ok")
  else
    p("start_server", text, "OSError " .. tostring(e.errno) .. " " .. e.message)
  end
end
srv:close()
await(srv:wait_closed())
