-- r.history, as aiohttp's resp.history: the redirect responses followed on
-- the way to r, earliest first, each with its status, reason, url, method
-- and headers, closed (reading its body raises ClientConnectionError:
-- Connection closed) and with an empty history of its own. A response not
-- redirected to has an empty one; TooManyRedirects carries the redirects
-- followed, the last one included.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check
local http = asyncio.http
local server = require("lib.http_server").start()
local base = server.base
local s <close> = http.Session()

-- "status reason url-path method Location #history", one per entry.
local function show(history)
  local lines = {}
  for i, h in ipairs(history) do
    lines[i] = ("%d %s %s %s %s %d"):format(h.status, h.reason, h.url:sub(#base + 1), h.method,
      h.headers["location"], #h.history)
  end
  return table.concat(lines, "\n")
end

local r = await(s:get(base .. "/redirect/3"))
eq("a chain of three", show(r.history),
  "302 Found /redirect/3 GET /redirect/2 0\n302 Found /redirect/2 GET /redirect/1 0\n302 Found /redirect/1 GET /redirect/0 0")
eq("the final response", r.status .. " " .. r.url:sub(#base + 1) .. " " .. await(r:text()), "200 /redirect/0 redirected")
local ok, e = pcall(await, r.history[1]:read())
eq("a history response's body", tostring(e), "ClientConnectionError: Connection closed")
check("a ClientConnectionError", http.ClientConnectionError:is(e), e)
ok, e = pcall(await, r.history[3]:text())
eq("its text", tostring(e), "ClientConnectionError: Connection closed")
check("its headers", r.history[2].headers["content-length"] == "0", r.history[2].headers)
eq("a response in it", tostring(r.history[1]), "<ClientResponse(" .. base .. "/redirect/3) [302 Found]>")

r = await(s:get(base .. "/hello"))
eq("no redirect: an empty history", type(r.history) .. " " .. #r.history, "table 0")
r = await(s:get(base .. "/redirect/1", { follow_redirects = false }))
eq("a redirect not followed", r.status .. " " .. #r.history, "302 0")
r:close()

-- 3xx with pages, read to their end before the next hop; a POST going on
-- as a GET; a HEAD.
r = await(s:get(base .. "/redirect-body/2"))
eq("3xx with bodies", show(r.history),
  "302 Found /redirect-body/2 GET /redirect-body/1 0\n302 Found /redirect-body/1 GET /redirect/0 0")
ok, e = pcall(await, r.history[1]:read(10))
eq("a page in the history", tostring(e), "ClientConnectionError: Connection closed")
r = await(s:post(base .. "/redirect-as/301", { data = "x" }))
eq("a POST's 301", show(r.history) .. " -> " .. r.method, "301 Moved Permanently /redirect-as/301 POST /echo 0 -> GET")
r = await(s:put(base .. "/redirect-as/307", { data = "x" }))
eq("a PUT's 307", show(r.history) .. " -> " .. r.method, "307 Temporary Redirect /redirect-as/307 PUT /echo 0 -> PUT")
r = await(s:head(base .. "/redirect/1"))
eq("a HEAD", show(r.history), "302 Found /redirect/1 HEAD /redirect/0 0")
ok, e = pcall(await, r.history[1]:read())
eq("a HEAD's history response's body", tostring(e), "ClientConnectionError: Connection closed")

-- TooManyRedirects
ok, e = pcall(await, s:get(base .. "/redirect/3", { max_redirects = 2 }))
check("TooManyRedirects", not ok and http.TooManyRedirects:is(e), e)
eq("its history", show(e.history),
  "302 Found /redirect/3 GET /redirect/2 0\n302 Found /redirect/2 GET /redirect/1 0\n302 Found /redirect/1 GET /redirect/0 0")
ok, e = pcall(await, s:head(base .. "/redirect/1", { max_redirects = 0 }))
eq("max_redirects = 0: its history", show(e.history), "302 Found /redirect/1 HEAD /redirect/0 0")
ok, e = pcall(await, e.history[1]:read())
eq("a HEAD's body in it", tostring(e), "ClientConnectionError: Connection closed")

-- The history holds no transfer: a Session of one connection goes on.
do
  local one <close> = http.Session { limit = 1 }
  local kept = {}
  for i = 1, 3 do
    local ri = await(one:get(base .. "/redirect/2", { timeout = 5 }))
    kept[i] = ri
    eq("limit 1: request " .. i, await(ri:text()) .. " " .. #ri.history, "redirected 2")
  end
end

server.stop()
cli.finish()
