-- Python's reading loop `if not data: break` copied into Lua never ends:
-- read() and readline() answer "" at the end (Python's b''), and "" is
-- true in Lua. The values stay CPython's; a reader (StreamReader, File)
-- that answers "" 1,000 times in a row, each soon after the last, warns
-- once on stderr, at the reading line, naming the test to write. A loop
-- that stops at "" or polls with a sleep between reads gets no warning.
-- (No CPython reference: each snippet runs in a subprocess, stopped by its
-- own counter, and the test asserts what it printed.)
local cli = require "lib.cli"

-- (60 s: the loop that polls with a sleep between reads waits 2,000 x
-- 10 ms of real time, a connection open keeping the virtual clock from
-- jumping)
local function run(source)
  local out, err, code = cli.run('"$L" --clock=virtual ' .. cli.quote(cli.tmpfile(source)), nil, 60)
  return out, (err:gsub("[^\n]*/lua_%w+:", "SCRIPT:")), code
end

local function check(what, cond, out, err, code)
  if not cond then
    error(("%s\n--- exit %s\n--- stdout\n%s--- stderr\n%s"):format(what, tostring(code), out, err), 2)
  end
end

local CONNECTION = [[
local srv = await(asyncio.start_server(function(r, w) w:write("hello"); w:close() end, "127.0.0.1", 0))
local reader, writer = await(asyncio.open_connection(srv.sockets[1]:getsockname()))
]]

local function warning(fname)
  return 'RuntimeWarning: ' .. fname .. '() answered "" (the end) 1000 times in a row: "" is true in Lua ' ..
    "(Python's b'' is false), so `if not data then break end` never stops; test " ..
    '`if data == "" then break end`\n'
end

-- The stream: the trap warns once (the loop goes on: the values are CPython's).
local out, err, code = run(CONNECTION .. [[
local n = 0
while true do
  local data = await(reader:read(100))
  if not data then break end
  n = n + 1
  if n == 5000 then break end
end
print(n)
]])
check("stream read", out == "5000\n" and code == 0 and err == "SCRIPT:5: " .. warning("StreamReader.read"), out,
  err, code)

out, err, code = run(CONNECTION .. [[
local n = 0
while true do
  local line = await(reader:readline())
  if not line then break end
  n = n + 1
  if n == 3000 then break end
end
print(n)
]])
check("stream readline", out == "3000\n" and err == "SCRIPT:5: " .. warning("StreamReader.readline"), out, err,
  code)

-- A file: read(n) and read() answer "" at the end too.
out, err, code = run([[
local path = os.tmpname()
local w = io.open(path, "w"); w:write("abcdefghij"); w:close()
local f <close> = await(asyncio.open(path))
local n = 0
while true do
  local chunk = await(f:read(4))
  if not chunk then break end
  n = n + 1
  if n == 2000 then break end
end
os.remove(path)
print(n)
]])
check("file read", out == "2000\n" and err == "SCRIPT:6: " .. warning("File.read"), out, err, code)

-- The right loop, and a loop that polls: no warning.
out, err, code = run(CONNECTION .. [[
local got = {}
while true do
  local data = await(reader:read(100))
  if data == "" then break end
  got[#got + 1] = data
end
local polls = 0
for _ = 1, 2000 do
  if await(reader:read(100)) == "" then polls = polls + 1 end
  await(asyncio.sleep(0.01))
end
print(table.concat(got), polls)
]])
check("no warning", out == "hello\t2000\n" and err == "", out, err, code)
print("ok")
cli.finish()
