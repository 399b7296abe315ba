-- clock: real
-- Redirects change the method and the body as aiohttp's do: a 303 (but
-- for a HEAD) and a POST's 301 or 302 go on as a GET without the body (and
-- without the body's own Content-Type); every other redirect keeps the
-- method and the body. libcurl, when it followed them, sent a PUT or a
-- DELETE on after a 303 as it was, and dropped a PUT's body on a 301/302.
-- Also: a chain goes on one connection, Authorization is dropped when a
-- redirect leaves the origin, max_redirects is how many are followed
-- (as httpx's and requests' limits; aiohttp follows one fewer), a URL
-- without a scheme is a ValueError (curl guessed http:// and looked up
-- its first word as a host), and the fields curl never checked are checked
-- at the call (max_redirects, follow_redirects, the values of params and
-- data).
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check
local http = asyncio.http
local cjson = require "luasync.cjson"
local server = require("lib.http_server").start()
local base = server.base

-- What aiohttp 3.8 sends to /echo after each redirect (checked with it):
-- {method, body} for a request made with data = "body" ("" for HEAD).
local expected = {
  [301] = { GET = "GET body", POST = "GET ", PUT = "PUT body", DELETE = "DELETE body", PATCH = "PATCH body" },
  [302] = { GET = "GET body", POST = "GET ", PUT = "PUT body", DELETE = "DELETE body", PATCH = "PATCH body" },
  [303] = { GET = "GET ", POST = "GET ", PUT = "GET ", DELETE = "GET ", PATCH = "GET " },
  [307] = { GET = "GET body", POST = "POST body", PUT = "PUT body", DELETE = "DELETE body", PATCH = "PATCH body" },
  [308] = { GET = "GET body", POST = "POST body", PUT = "PUT body", DELETE = "DELETE body", PATCH = "PATCH body" },
}
local s <close> = http.Session()
for _, code in ipairs({ 301, 302, 303, 307, 308 }) do
  for _, method in ipairs({ "GET", "POST", "PUT", "DELETE", "PATCH" }) do
    local r = await(s:request(method, base .. "/redirect-as/" .. code, { data = "body" }))
    local j = await(r:json())
    eq(code .. " " .. method, r.status .. " " .. j.method .. " " .. j.body, "200 " .. expected[code][method])
    if j.body == "" then
      eq(code .. " " .. method .. ": no Content-Type without the body", j.headers["content-type"], nil)
    end
  end
  local r = await(s:head(base .. "/redirect-as/" .. code))
  eq(code .. " HEAD stays HEAD", r.status .. " " .. r.url, "200 " .. base .. "/echo")
end

-- A 303 after a DELETE without a body: a GET, not a second DELETE.
local j = await((await(s:delete(base .. "/redirect-as/303"))):json())
eq("303 after a DELETE", j.method, "GET")
-- A Content-Type of the user's own stays, as aiohttp keeps the headers given.
j = await((await(s:put(base .. "/redirect-as/303", { data = "x", headers = { ["Content-Type"] = "text/x" } }))):json())
eq("the user's Content-Type stays", j.method .. " " .. j.headers["content-type"], "GET text/x")
-- json= on a 307 goes on with its body and type.
j = await((await(s:post(base .. "/redirect-as/307", { json = { a = 1 } }))):json())
eq("json on a 307", j.method .. " " .. j.body .. " " .. j.headers["content-type"], 'POST {"a":1} application/json')

-- A chain of redirects goes on one connection.
await((await(s:get(base .. "/connections"))):text())
local r = await(s:get(base .. "/redirect/3"))
eq("a chain followed", r.status .. " " .. await(r:text()), "200 redirected")
eq("on one connection", await((await(s:get(base .. "/connections"))):text()), "1")

-- Authorization goes to the same origin only.
local other = "http://localhost:" .. server.port .. "/echo"
j = await((await(s:get(base .. "/offsite?to=" .. base .. "/echo",
  { headers = { Authorization = "Bearer x" } }))):json())
eq("Authorization, same origin", j.headers["authorization"], "Bearer x")
j = await((await(s:get(base .. "/offsite?to=" .. other, { headers = { Authorization = "Bearer x" } }))):json())
eq("Authorization, another origin", j.headers["authorization"], nil)

-- Redirects whose 3xx has a body (a page, its head first and its body a
-- moment later): followed as the others, a POST going on as a GET.
r = await(s:get(base .. "/redirect-body/3"))
eq("a chain of 302s with bodies: status", r.status, 200)
eq("a chain of 302s with bodies: the end's body", await(r:text()), "redirected")
eq("a chain of 302s with bodies: its url", r.url, base .. "/redirect/0")
r = await(s:post(base .. "/redirect-body/1", { data = "x" }))
eq("a POST's 302 with a body goes on as a GET", r.status, 200)
local ok, e = pcall(await, s:get(base .. "/redirect-body/3", { max_redirects = 2 }))
check("redirects with bodies count toward max_redirects", not ok and http.TooManyRedirects:is(e), e)

-- max_redirects: that many are followed, one more is TooManyRedirects.
r = await(s:get(base .. "/redirect/2", { max_redirects = 2 }))
eq("max_redirects = 2, 2 redirects", r.status, 200)
ok, e = pcall(await, s:get(base .. "/redirect/3", { max_redirects = 2 }))
check("max_redirects = 2, 3 redirects", not ok and http.TooManyRedirects:is(e), e)
eq("its text", tostring(e), "TooManyRedirects: Maximum (2) redirects followed: " .. base .. "/redirect/3")
ok, e = pcall(await, s:get(base .. "/redirect/1", { max_redirects = 0 }))
check("max_redirects = 0", not ok and http.TooManyRedirects:is(e), e)

-- The request's timeout counts over the whole chain, and the chain's end
-- is read as usual.
r = await(s:get(base .. "/redirect/2", { timeout = 5 }))
eq("a timeout over a chain", await(r:text()), "redirected")
local asked = base .. "/offsite?to=" .. base .. "/slow?delay=2"
local t0 = time.monotonic()
ok, e = pcall(await, s:get(asked, { timeout = 0.5 }))
eq("a timeout after a redirect", tostring(e), "TimeoutError: timed out after the request's timeout: " .. asked)
check("at its time", time.monotonic() - t0 < 1.5, time.monotonic() - t0)

-- A URL without a scheme.
ok, e = pcall(await, s:get("127.0.0.1:" .. server.port .. "/hello"))
eq("no scheme", tostring(e), "ValueError: invalid URL '127.0.0.1:" .. server.port ..
  "/hello': it has no scheme (http:// or https://)")
ok, e = pcall(await, http.get("http//example"))
check("no scheme: a ValueError", not ok and asyncio.ValueError:is(e), e)

-- Fields checked at the call.
local msg = cli.error_text
eq("max_redirects", msg(s.get, s, base, { max_redirects = "5" }),
  "bad argument #2 to 'get' (field 'max_redirects' must be a non-negative integer)")
eq("max_redirects < 0", msg(http.get, base, { max_redirects = -1 }),
  "bad argument #2 to 'get' (field 'max_redirects' must be a non-negative integer)")
eq("follow_redirects", msg(http.get, base, { follow_redirects = "no" }),
  "bad argument #2 to 'get' (field 'follow_redirects' must be a boolean)")
eq("Session's follow_redirects", msg(http.Session, { follow_redirects = 0 }),
  "bad argument #1 to 'Session' (field 'follow_redirects' must be a boolean)")
eq("params: a table in a table", msg(http.get, base, { params = { a = { b = 1 } } }),
  "bad argument #2 to 'get' (field 'params' must map names to strings or finite numbers, or to lists of them)")
eq("params: a list", msg(http.get, base, { params = { "a", "b" } }),
  "bad argument #2 to 'get' (field 'params' must map names to strings or finite numbers, or to lists of them)")
eq("data: a function", msg(http.post, base, { data = { f = print } }),
  "bad argument #2 to 'post' (field 'data' must map names to strings, numbers or booleans, or to lists of them)")
-- (still fine: a list value repeats its name)
j = await((await(s:get(base .. "/echo", { params = { l = { "a", 2 }, n = 1 } }))):json())
eq("params with a list", j.query, "l=a&l=2&n=1")

s:close()
server.stop()
cli.finish()
