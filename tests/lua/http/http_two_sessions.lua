-- clock: real
-- Two Sessions with requests in flight at once: each has its own curl multi
-- handle and its own timeout deadline in the loop. The deadlines due in one
-- turn were released before their callbacks ran, so a callback that set a
-- new deadline took the id of another still in the batch (lost: a hang) or
-- of a task's timer still to be woken (a stray wake-up: SEGV). Ten rounds of
-- two, three and four Sessions at once, each answered.
local cli = require "lib.cli"
local eq = cli.eq

local server <close> = await(asyncio.start_server(function(r, w)
  repeat local h = await(r:readline()) until h == "\r\n" or h == ""
  w:write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\nConnection: close\r\n\r\nok")
  await(w:drain())
  w:close()
end, "127.0.0.1", 0))
local _, port = server.sockets[1]:getsockname()
local url = "http://127.0.0.1:" .. port .. "/"

for round = 1, 10 do
  local n = 2 + round % 3
  local sessions, gets = {}, {}
  for i = 1, n do
    sessions[i] = asyncio.http.Session()
    gets[i] = sessions[i]:get(url)
  end
  local rs = await(asyncio.wait_for(asyncio.gather(table.unpack(gets, 1, n)), 10))
  local statuses = {}
  for i = 1, n do
    statuses[i] = rs[i].status
    sessions[i]:close()
  end
  eq(("round %d: %d sessions' statuses"):format(round, n), table.concat(statuses, " "),
    string.rep("200", n, " "))
end
cli.finish()
print("http_two_sessions: all checks passed")
