-- The URL a request goes to, as aiohttp (yarl) builds it: `params` join the
-- URL's own query, before its #fragment (which is not sent); what a URL may
-- not hold as it is (a space, a byte beyond ASCII) is percent-encoded, and
-- escapes already there stay as they are.
local cli = require "lib.cli"
local eq = cli.eq
local http = asyncio.http
local server = require("lib.http_server").start()
local base = server.base

-- What the server saw (path and query) and the response's real_url (url
-- is the same without the #fragment, as aiohttp's).
local function get(url, opts)
  local r = await(http.get(base .. url, opts))
  local j = await(r:json())
  eq("url is real_url without its fragment: " .. url, r.url, (r.real_url:gsub("#.*", "")))
  return j.path .. " " .. j.query .. " " .. r.real_url:sub(#base + 1)
end

eq("params", get("/echo", { params = { b = 2 } }), "/echo b=2 /echo?b=2")
eq("params after the URL's query", get("/echo?a=1", { params = { b = 2 } }), "/echo a=1&b=2 /echo?a=1&b=2")
eq("a fragment", get("/echo#frag"), "/echo  /echo#frag")
eq("a fragment: url", (await(http.get(base .. "/echo#frag"))).url, base .. "/echo")
eq("params before the fragment", get("/echo#frag", { params = { b = 2 } }), "/echo b=2 /echo?b=2#frag")
eq("params after the query, before the fragment", get("/echo?a=1#frag", { params = { b = 2 } }),
  "/echo a=1&b=2 /echo?a=1&b=2#frag")
eq("a ? in the fragment is the fragment's", get("/echo#frag?x", { params = { b = 2 } }),
  "/echo b=2 /echo?b=2#frag?x")
eq("an empty query", get("/echo?#frag", { params = { b = 2 } }), "/echo b=2 /echo?b=2#frag")

eq("a space and a letter beyond ASCII in the path", get("/echo/ü space"),
  "/echo/%C3%BC%20space  /echo/%C3%BC%20space")
eq("escapes stay as they are", get("/echo/a%20b%2fc%C3%BC"), "/echo/a%20b%2fc%C3%BC  /echo/a%20b%2fc%C3%BC")
eq("a % that starts no escape", get("/echo/100%/%zz/%4"), "/echo/100%25/%25zz/%254  /echo/100%25/%25zz/%254")
eq("what yarl encodes in a path", get([[/echo/{x}|"<y>"^`\]]),
  "/echo/%7Bx%7D%7C%22%3Cy%3E%22%5E%60%5C  /echo/%7Bx%7D%7C%22%3Cy%3E%22%5E%60%5C")
eq("what a path keeps", get("/echo/a-b._~!$'()*,+&=;@:"), "/echo/a-b._~!$'()*,+&=;@:  /echo/a-b._~!$'()*,+&=;@:")
eq("the query: a space is a +", get("/echo?q=a b&r=ü/?:@"), "/echo q=a+b&r=%C3%BC/?:@ /echo?q=a+b&r=%C3%BC/?:@")
eq("the fragment", get("/echo#a b?ü"), "/echo  /echo#a%20b?%C3%BC")
eq("with params", get("/echo/ü?a=ü#ü", { params = { b = "ü" } }),
  "/echo/%C3%BC a=%C3%BC&b=%C3%BC /echo/%C3%BC?a=%C3%BC&b=%C3%BC#%C3%BC")
do
  local s <close> = http.Session { base_url = base .. "/echo/" }
  local j = await((await(s:get("ü x"))):json())
  eq("a Session's base_url and a relative URL", j.path, "/echo/%C3%BC%20x")
end

server.stop()
cli.finish()
