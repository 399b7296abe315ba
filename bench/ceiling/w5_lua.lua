-- The two sides of a connection in w5_lua.c: read() yields until bytes
-- arrive (nil at the end), write(data) writes them.
local SIZE = 1024
local msg = string.rep("x", SIZE)

function server()
  while true do
    local d = read()
    if not d then break end
    write(d)
  end
end

function client(per)
  for _ = 1, per do
    write(msg)
    local got = 0
    while got < SIZE do got = got + #read() end
  end
  client_done()
end
