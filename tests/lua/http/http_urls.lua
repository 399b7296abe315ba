-- The URL a request goes to, as aiohttp (yarl) builds it: `params` join the
-- URL's own query, before its #fragment (which is not sent).
local cli = require "lib.cli"
local eq = cli.eq
local http = asyncio.http
local server = require("lib.http_server").start()
local base = server.base

-- What the server saw (path and query) and the response's url.
local function get(url, opts)
  local r = await(http.get(base .. url, opts))
  local j = await(r:json())
  return j.path .. " " .. j.query .. " " .. r.url:sub(#base + 1)
end

eq("params", get("/echo", { params = { b = 2 } }), "/echo b=2 /echo?b=2")
eq("params after the URL's query", get("/echo?a=1", { params = { b = 2 } }), "/echo a=1&b=2 /echo?a=1&b=2")
eq("a fragment", get("/echo#frag"), "/echo  /echo#frag")
eq("params before the fragment", get("/echo#frag", { params = { b = 2 } }), "/echo b=2 /echo?b=2#frag")
eq("params after the query, before the fragment", get("/echo?a=1#frag", { params = { b = 2 } }),
  "/echo a=1&b=2 /echo?a=1&b=2#frag")
eq("a ? in the fragment is the fragment's", get("/echo#frag?x", { params = { b = 2 } }),
  "/echo b=2 /echo?b=2#frag?x")
eq("an empty query", get("/echo?#frag", { params = { b = 2 } }), "/echo b=2 /echo?b=2#frag")

server.stop()
cli.finish()
