-- What a user sees of a server: its tostring (Python's TransportSocket
-- reprs in a tuple: "(a,)" for one socket; the descriptors and ports differ
-- from run to run and are shown as N and PORT), and the errors of a bind:
-- an address in use (TCP: the address and the lowered error text, as
-- CPython's; Unix: the path), a missing directory, a path too long.
-- Reference: reference/server_texts.py
local p = require("lib.show").p

local DIR = os.tmpname()
os.remove(DIR)
assert(os.execute("mkdir " .. DIR))

local function masked(text)
  text = text:gsub("fd=%d+", "fd=N"):gsub("(, )%d%d%d%d%d?%f[%D]", "%1PORT"):gsub("(: )%d%d%d%d%d?%f[%D]", "%1PORT")
  local from = text:find(DIR, 1, true)
  if from then text = text:sub(1, from - 1) .. "DIR" .. text:sub(from + #DIR) end
  return text
end

-- A server on every address (host nil): its sockets in the order of their
-- families (getaddrinfo's order is the system's; CPython's is a set's).
local function by_family(text)
  local parts = {}
  for part in text:gmatch("<asyncio%.TransportSocket [^>]*>") do parts[#parts + 1] = part end
  table.sort(parts, function(a, b) return tonumber(a:match("family=(%d+)")) < tonumber(b:match("family=(%d+)")) end)
  return "<Server sockets=(" .. table.concat(parts, ", ") .. ")>"
end

local function fails(name, make)
  local ok, srv = pcall(make)
  if not ok then
    p(name, srv.__name, srv.errno, masked(srv.message))
    return
  end
  p(name, "made", masked(tostring(srv)))
  srv:close()
  await(srv:wait_closed())
end

local function cb(_, w) w:close() end

local main = async(function()
  local srv = await(asyncio.start_server(cb, "127.0.0.1", 0))
  p(masked(tostring(srv)))
  local sock = srv.sockets[1]
  p(masked(tostring(sock)))
  srv:close()
  p(tostring(srv))
  p(masked(tostring(sock)))

  local both = await(asyncio.start_server(cb, nil, 0))
  p(by_family(masked(tostring(both))))
  both:close()

  local path = DIR .. "/s.sock"
  local unix = await(asyncio.start_unix_server(cb, path))
  p(masked(tostring(unix)))

  local busy = await(asyncio.start_server(cb, "127.0.0.1", 0))
  local port = select(2, busy.sockets[1]:getsockname())
  fails("tcp in use", function() return await(asyncio.start_server(cb, "127.0.0.1", port)) end)
  fails("tcp in use, not serving",
    function() return await(asyncio.start_server(cb, "127.0.0.1", port, { start_serving = false })) end)
  busy:close()
  await(busy:wait_closed())
  assert(io.open(DIR .. "/file", "w")):close()
  fails("unix on a file", function() return await(asyncio.start_unix_server(cb, DIR .. "/file")) end)
  fails("unix on a directory", function() return await(asyncio.start_unix_server(cb, DIR)) end)
  fails("unix missing directory", function() return await(asyncio.start_unix_server(cb, DIR .. "/no/s.sock")) end)
  fails("unix too long", function() return await(asyncio.start_unix_server(cb, DIR .. "/" .. ("x"):rep(120))) end)
  unix:close()
  await(unix:wait_closed())
  assert(os.remove(DIR .. "/file"))
  assert(os.remove(DIR))
  p("done")
end)

asyncio.run(main())
