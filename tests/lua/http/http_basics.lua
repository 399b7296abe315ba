-- asyncio.http against a real local server (lib/http_server.py): methods,
-- options (headers, params, data, json, follow_redirects), the response
-- (status, reason, url, case-insensitive headers with repeats kept, text,
-- json, read), raise_for_status, and a Session's base_url and headers.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check
local http = asyncio.http
local server = require("lib.http_server").start()
local base = server.base

local r = await(http.get(base .. "/hello"))
eq("status", r.status, 200)
eq("reason", r.reason, "OK")
eq("url", r.url, base .. "/hello")
check("ok", r.ok)
eq("header, any case", r.headers["CONTENT-type"], "text/plain")
eq("header, exact case", r.headers["Content-Type"], "text/plain")
eq("missing header", r.headers["X-Nope"], nil)
eq("text", await(r:text()), "hello world")
eq("text again (kept)", await(r:text()), "hello world")

r = await(http.get(base .. "/cookies"))
eq("repeated headers kept", table.concat(r.headers:getall("set-cookie"), ","), "a=1,b=2")
eq("the first of them", r.headers["Set-Cookie"], "a=1")
local names = {}
for name in pairs(r.headers) do names[#names + 1] = name end
check("pairs over the headers", table.concat(names, ","):find("Set-Cookie,Set-Cookie", 1, true), table.concat(names, ","))
check("items", #r.headers:items() >= 5)
await(r:text())

r = await(http.get(base .. "/json"))
j = await(r:json())
eq("json: integers stay integers", math.type(j.a) .. " " .. math.type(j.list[3]), "integer integer")
eq("json: nested", j.nested.x, "y")
j = await((await(http.post(base .. "/echo", { json = { v = http.null } }))):json())
eq("json: null", j.body, '{"v":null}')

-- read(n): up to n bytes at a time, "" at the end.
r = await(http.get(base .. "/hello"))
eq("read(0)", await(r:read(0)), "")
eq("read(5) after read(0)", await(r:read(5)), "hello")
eq("read()", await(r:read()), " world")
-- read() without n is aiohttp's ClientResponse.read(): the body is kept, so
-- read(), text() and json() give it again; the stream (read(n)) is at its end.
eq("read() again (kept)", await(r:read()), " world")
eq("text() after read()", await(r:text()), " world")
eq("read(n) once the body is kept", await(r:read(5)), "")
r = await(http.get(base .. "/json"))
eq("read() then json()", #await(r:read()) > 0 and math.type(await(r:json()).a), "integer")
r = await(http.get(base .. "/hello"))
eq("text() then read()", await(r:text()) .. "|" .. await(r:read()), "hello world|hello world")
eq("text() after text() and read()", await(r:text()), "hello world")

-- json, params, headers, a JSON body
r = await(http.post(base .. "/echo", {
  json = { name = "x", list = { 1, 2 } }, params = { q = "a b", n = 3 }, headers = { ["X-Test"] = "yes" },
}))
local j = await(r:json())
eq("method", j.method, "POST")
eq("query: sorted keys, encoded", j.query, "n=3&q=a+b")
local sent = require("luasync.cjson").decode(j.body)  -- (the keys' order is the table's)
sent.list[1], sent.list[2] = math.tointeger(sent.list[1]), math.tointeger(sent.list[2])
eq("json body", sent.name .. " " .. table.concat(sent.list, ","), "x 1,2")
eq("content type of json", j.headers["content-type"], "application/json")
eq("a header", j.headers["x-test"], "yes")
check("a user agent", j.headers["user-agent"]:find("^luasync/"), j.headers["user-agent"])

-- data: a string as it is; a table as a form
j = await((await(http.put(base .. "/echo", { data = "raw bytes\0!" }))):json())
eq("PUT", j.method, "PUT")
eq("string body", j.body, "raw bytes\0!")
eq("a string body's type, as aiohttp's for a str", j.headers["content-type"], "text/plain; charset=utf-8")
j = await((await(http.put(base .. "/echo", { data = "\255\254" }))):json())
eq("a body that is no UTF-8: aiohttp's type for bytes", j.headers["content-type"], "application/octet-stream")
j = await((await(http.put(base .. "/echo", { data = "<a/>", headers = { ["Content-Type"] = "text/xml" } }))):json())
eq("a type of the user's own", j.headers["content-type"], "text/xml")
j = await((await(http.post(base .. "/echo", { data = { b = "2", a = "x y&z" } }))):json())
eq("form body", j.body, "a=x+y%26z&b=2")
eq("form type", j.headers["content-type"], "application/x-www-form-urlencoded")
j = await((await(http.delete(base .. "/echo"))):json())
eq("DELETE", j.method, "DELETE")
j = await((await(http.request("patch", base .. "/echo", { data = "p" }))):json())
eq("request(method)", j.method .. " " .. j.body, "PATCH p")
r = await(http.head(base .. "/hello"))
eq("HEAD: status", r.status, 200)
eq("HEAD: no body", await(r:text()), "")

-- redirects: followed by default (url is where it ended), or not
r = await(http.get(base .. "/redirect/3"))
eq("followed", r.status .. " " .. r.url .. " " .. await(r:text()), "200 " .. base .. "/redirect/0 redirected")
r = await(http.get(base .. "/redirect/1", { follow_redirects = false }))
eq("not followed", r.status .. " " .. r.headers.location, "302 /redirect/0")
local ok, e = pcall(await, http.get(base .. "/redirect/5", { max_redirects = 2 }))
check("too many redirects", not ok and http.TooManyRedirects:is(e) and http.ClientError:is(e), e)

-- status errors
r = await(http.get(base .. "/status/404"))
eq("404", r.status .. " " .. r.reason, "404 Not Found")
check("not ok", not r.ok)
ok, e = pcall(r.raise_for_status, r)
check("raise_for_status raises", not ok and http.ClientResponseError:is(e), e)
eq("its text", tostring(e), "ClientResponseError: 404, message='Not Found', url='" .. base .. "/status/404'")
eq("its fields", e.status .. " " .. e.reason .. " " .. e.url, "404 Not Found " .. base .. "/status/404")
r = await(http.get(base .. "/status/200"))
eq("raise_for_status when fine", r:raise_for_status(), r)
r = await(http.get(base .. "/notjson"))
ok, e = pcall(await, r:json())
check("json of a body that is not", not ok and asyncio.ValueError:is(e), e)

-- a Session: base_url, its headers under the request's, <close>
do
  local s <close> = http.Session { base_url = base, headers = { ["X-Session"] = "s", ["X-Both"] = "session" } }
  j = await((await(s:get("/echo", { headers = { ["X-Both"] = "request" } }))):json())
  eq("base_url", j.path, "/echo")
  eq("session header", j.headers["x-session"], "s")
  eq("request header wins", j.headers["x-both"], "request")
  check("tostring", tostring(s):find("^<ClientSession http://127.0.0.1:%d+>$"), tostring(s))
  s:close()
  ok, e = pcall(await, s:get("/hello"))
  eq("closed session", tostring(e), "RuntimeError: Session is closed")
end

-- arguments are checked at the call
local msg = cli.error_text
eq("url type", msg(http.get, 42), "bad argument #1 to 'get' (string expected, got number)")
eq("unknown option", msg(http.get, base, { timeuot = 1 }),
  "bad argument #2 to 'get' (unknown option 'timeuot'; the options are: headers, params, data, json, timeout, " ..
  "follow_redirects, max_redirects, cafile, verify)")
eq("timeout", msg(http.get, base, { timeout = -1 }), "bad argument #2 to 'get' (field 'timeout' must be a " ..
  "positive number of seconds)")
eq("data and json", msg(http.post, base, { data = "x", json = {} }),
  "bad argument #2 to 'post' (data and json cannot be given together)")
eq("method", msg(http.request, "FETCH", base), "bad argument #1 to 'request' (method must be one of GET, POST, " ..
  "PUT, DELETE, HEAD, PATCH, OPTIONS)")
eq("session option", msg(http.Session, { limt = 2 }), "bad argument #1 to 'Session' (unknown option 'limt'; " ..
  "the options are: base_url, headers, timeout, limit, cafile, verify, follow_redirects)")
ok, e = pcall(await, http.get("nope://x"))
check("a URL curl cannot use", not ok and asyncio.ValueError:is(e), e)

server.stop()
cli.finish()
