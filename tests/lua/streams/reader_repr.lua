-- A StreamReader's repr shows its error as Python's repr of it
-- (RuntimeError(), RuntimeError('message')), and IncompleteReadError is an
-- EOFError, as asyncio's IncompleteReadError(EOFError).
local show = require "lib.show"
local p = show.p

local r = asyncio.StreamReader()
r:set_exception(asyncio.RuntimeError())
p(tostring(r))
r = asyncio.StreamReader()
r:set_exception(asyncio.RuntimeError("message"))
p(tostring(r))
r = asyncio.StreamReader({ limit = 7 })
r:feed_data("chunk3\n")
r:set_exception(asyncio.ValueError("it's \"quoted\""))
p(tostring(r))

r = asyncio.StreamReader()
r:feed_data("ab")
r:feed_eof()
local ok, e = pcall(await, r:readexactly(5))
p(ok, e)
p("EOFError", asyncio.EOFError:is(e), "Exception", asyncio.Exception:is(e))
p("an EOFError is not an IncompleteReadError", asyncio.IncompleteReadError:is(asyncio.EOFError("end")))
p(asyncio.EOFError("end"))
