-- A StreamReader's limit of NaN is no limit, as in CPython, whose check
-- (limit <= 0) lets it through: a line of any length is read whole, over
-- a connection too. It was refused as "Limit cannot be <= 0", which NaN
-- is not. A limit of 0 is still refused.
-- Reference: reference/reader_limit_nan.py
local p = require("lib.show").p
local NAN = 0 / 0
local LONG = ("x"):rep(200000) .. "\n"

local r = asyncio.StreamReader { limit = NAN }
r:feed_data(LONG)
r:feed_eof()
p("readline of a long line", #await(r:readline()))

local srv <close> = await(asyncio.start_server(function(_, w)
  w:write(LONG)
  w:close()
end, "127.0.0.1", 0, { limit = NAN }))
local _, port = srv.sockets[1]:getsockname()
local cr, cw = await(asyncio.open_connection("127.0.0.1", port, { limit = NAN }))
p("readline over a connection", #await(cr:readline()))
cw:close()
await(cw:wait_closed())

local ok, e = pcall(asyncio.StreamReader, { limit = 0 })
p("limit 0", ok, e)
