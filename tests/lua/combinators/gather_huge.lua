-- gather of very many arguments: a Lua stack holds a million values, and
-- gather passes its arguments on; each call inside it makes one copy of
-- them at a time, so table.unpack of ~499,000 awaitables still gathers
-- (docs/api.md). It failed with "stack overflow" from ~330,000 when the
-- trailing options table was found by a helper given the arguments.
-- The same task given N times keeps it cheap: it counts once, and its
-- result comes back at each of its places.
local show = require "lib.show"
local p = show.p

local N = 480000
local t = asyncio.spawn(function() return 7 end)
local list = {}
for i = 1, N do list[i] = t end

local rs = await(asyncio.gather(table.unpack(list, 1, N)))
p("plain", rs.n, rs[1], rs[N])

-- With the options table after them.
list[N + 1] = { return_exceptions = true }
local f = asyncio.spawn(function() error("boom", 0) end)
list[N] = f
rs = await(asyncio.gather(table.unpack(list, 1, N + 1)))
p("options", rs.n, rs[1], rs[N - 1], rs[N])
