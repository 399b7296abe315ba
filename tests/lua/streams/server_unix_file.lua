-- The socket file of a Unix server, as Python 3.13's create_unix_server:
-- closing the server removes it ({cleanup_socket = true}, the default) if
-- the path still names that socket; {cleanup_socket = false} leaves it. A
-- socket file already at the path is replaced at bind (a live server's
-- too).
-- Reference: reference/server_unix_file.py
local p = require("lib.show").p

local DIR = os.tmpname()
os.remove(DIR)
assert(os.execute("mkdir " .. DIR))
local PATH = DIR .. "/s.sock"

local function exists(path) return await(asyncio.fs.exists(path)) end

local function cb(_, w)
  w:write("hi")
  w:close()
end

local function reads()
  local r, w = await(asyncio.open_unix_connection(PATH))
  local data = await(r:read())
  w:close()
  await(w:wait_closed())
  return data
end

local main = async(function()
  local srv = await(asyncio.start_unix_server(cb, PATH))
  p("default: there", exists(PATH))
  srv:close()
  await(srv:wait_closed())
  p("default: closed, there", exists(PATH))

  srv = await(asyncio.start_unix_server(cb, PATH, { cleanup_socket = false }))
  srv:close()
  await(srv:wait_closed())
  p("cleanup_socket=False: closed, there", exists(PATH))
  srv = await(asyncio.start_unix_server(cb, PATH))
  p("a left socket file is replaced, reads", reads())

  local second = await(asyncio.start_unix_server(cb, PATH))
  p("a live server's is replaced too, reads", reads())
  srv:close()
  await(srv:wait_closed())
  p("first closed, second's file there", exists(PATH))
  p("second reads", reads())
  second:close()
  await(second:wait_closed())
  p("second closed, there", exists(PATH))

  srv = await(asyncio.start_unix_server(cb, PATH))
  assert(os.remove(PATH))
  local f = assert(io.open(PATH, "w"))
  f:write("mine")
  f:close()
  srv:close()
  await(srv:wait_closed())
  f = assert(io.open(PATH))
  p("a file put in its place stays:", f:read("a"))
  f:close()
  assert(os.remove(PATH))
  assert(os.remove(DIR))
end)

asyncio.run(main())
