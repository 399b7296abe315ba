-- params and a form (data = {...}) encoded as aiohttp 3.8 encodes them
-- (what it sent to a server, by the lines below): a form as Python's
-- urlencode (quote_plus: only letters, digits and "_.-~" stay), params as
-- yarl's query (it keeps "!$'()*," and "/?:@" too); in both a space is a
-- "+", and "+", "&", "=" and "%" are escaped. A boolean in params is refused
-- at the call (aiohttp: TypeError "Invalid variable type"), as are NaN and
-- the infinities (ValueError); a form takes it as its text.
local cli = require "lib.cli"
local eq, msg = cli.eq, cli.error_text
local http = asyncio.http
local server = require("lib.http_server").start()
local base = server.base

local fields = {
  a = "x y", b = "1+2", c = "k&v=w", d = "ü", e = "~-._*!'()", f = "a/b?c:d@e", g = "%41", h = "$,;[]",
  i = 1.5, j = 3, k = "a\tb\n#", ["n a&=/?ü+"] = "v",
}
local j = await((await(http.get(base .. "/echo", { params = fields }))):json())
eq("params", j.query,
  "a=x+y&b=1%2B2&c=k%26v%3Dw&d=%C3%BC&e=~-._*!'()&f=a/b?c:d@e&g=%2541&h=$,%3B%5B%5D&i=1.5&j=3&k=a%09b%0A%23" ..
  "&n+a%26%3D/?%C3%BC%2B=v")
j = await((await(http.post(base .. "/echo", { data = fields }))):json())
eq("a form", j.body,
  "a=x+y&b=1%2B2&c=k%26v%3Dw&d=%C3%BC&e=~-._%2A%21%27%28%29&f=a%2Fb%3Fc%3Ad%40e&g=%2541&h=%24%2C%3B%5B%5D&i=1.5" ..
  "&j=3&k=a%09b%0A%23&n+a%26%3D%2F%3F%C3%BC%2B=v")
eq("a form's type", j.headers["content-type"], "application/x-www-form-urlencoded")

j = await((await(http.get(base .. "/echo?x=a b+c", { params = { k = "v w" } }))):json())
eq("params after a query of the URL's own", j.query, "x=a+b+c&k=v+w")
j = await((await(http.post(base .. "/echo", { data = { t = true, f = false, l = { 1, true } } }))):json())
eq("booleans in a form", j.body, "f=false&l=1&l=true&t=true")
-- Floats as Python's str() of them (aiohttp 3.8 and yarl 1.8 sent exactly
-- these), integers as integers.
local floats = { a = 1 / 3, b = 1e15, c = 2.0 ^ 53, d = 1e100, e = 0.1 + 0.2, i = 7 }
local float_text = "a=0.3333333333333333&b=1000000000000000.0&c=9007199254740992.0&d=1e%2B100&e=0.30000000000000004&i=7"
j = await((await(http.get(base .. "/echo", { params = floats }))):json())
eq("floats in params", j.query, float_text)
j = await((await(http.post(base .. "/echo", { data = floats }))):json())
eq("floats in a form", j.body, float_text)

-- A form's names may be numbers and booleans too, as aiohttp's FormData
-- takes {1: "x"} (1=x) and [(1, "x"), ("a", 2)] (1=x&a=2): it sends any
-- name as its str(). Number names come first, in numeric order (Python's
-- dict keeps its order; a Lua table has none), then the others by text.
j = await((await(http.post(base .. "/echo", { data = { [1] = "x" } }))):json())
eq("an integer name in a form", j.body, "1=x")
j = await((await(http.post(base .. "/echo", { data = { "c", "b", [10] = "a", z = 1, [1.5] = 2, [true] = 3 } }))):json())
eq("names of every kind in a form", j.body, "1=c&1.5=2&2=b&10=a&true=3&z=1")
j = await((await(http.post(base .. "/echo", { data = { [7] = { "a", 1 } } }))):json())
eq("a list under an integer name repeats it", j.body, "7=a&7=1")
-- A list of {name, value} pairs, as aiohttp's data=[("a", 1), ("b", 2)]
-- and params=[...]: sent in the list's order, a name as often as it comes
-- (a list value repeats it too, as urlencode's doseq).
local pairs_list = { { "b", 1 }, { "a", "x y" }, { "b", 2 }, { "c", { 3, 4 } } }
j = await((await(http.post(base .. "/echo", { data = pairs_list }))):json())
eq("a form given as a list of pairs", j.body, "b=1&a=x+y&b=2&c=3&c=4")
j = await((await(http.post(base .. "/echo", { data = { { 1, true }, { false, 0.5 } } }))):json())
eq("a form's pairs with number and boolean names", j.body, "1=true&false=0.5")
j = await((await(http.post(base .. "/echo", { data = { { "a", 1 } } }))):json())
eq("one pair", j.body, "a=1")
j = await((await(http.get(base .. "/echo", { params = pairs_list }))):json())
eq("params given as a list of pairs", j.query, "b=1&a=x+y&b=2&c=3&c=4")
eq("a pair whose value is a table of tables is refused", msg(http.post, base, { data = { { "a", { {} } } } }),
  "bad argument #2 to 'post' (field 'data' must map names to strings, numbers or booleans, or to lists of them)")
eq("a number name in params' pairs is refused", msg(http.get, base, { params = { { 1, "x" } } }),
  "bad argument #2 to 'get' (field 'params' must map names to strings or finite numbers, or to lists of them)")

eq("a table name in a form is refused", msg(http.post, base, { data = { [{}] = "x" } }),
  "bad argument #2 to 'post' (field 'data' must map names to strings, numbers or booleans, or to lists of them)")
-- (params keep yarl's rule: a name is a string; aiohttp raises TypeError
-- "Argument should be str" for {1: "x"})

local refused = "field 'params' must map names to strings or finite numbers, or to lists of them)"
eq("true in params", msg(http.get, base, { params = { k = true } }), "bad argument #2 to 'get' (" .. refused)
eq("false in a list in params", msg(http.get, base, { params = { k = { "a", false } } }),
  "bad argument #2 to 'get' (" .. refused)
eq("NaN in params", msg(http.get, base, { params = { k = 0 / 0 } }), "bad argument #2 to 'get' (" .. refused)
eq("an infinity in params", msg(http.get, base, { params = { k = -math.huge } }),
  "bad argument #2 to 'get' (" .. refused)
local s <close> = http.Session()
eq("a Session's get", msg(s.get, s, base, { params = { k = true } }), "bad argument #2 to 'get' (" .. refused)
eq("an integer name in params", msg(http.get, base, { params = { [1] = "x" } }), "bad argument #2 to 'get' (" .. refused)

server.stop()
cli.finish()
