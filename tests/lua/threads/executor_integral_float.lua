-- ThreadPoolExecutor(max_workers) takes a float with an integral value, as
-- CPython takes ThreadPoolExecutor(2.0) and as Lua's integer arguments take
-- 2.0; a fraction is Lua's "number has no integer representation". 2.0 was
-- refused with "integer expected, got number".
local cli = require "lib.cli"
local eq = cli.eq

local pool <close> = asyncio.ThreadPoolExecutor(2.0)
eq("2.0 workers", tostring(pool), "<ThreadPoolExecutor max_workers=2>")
eq("it runs jobs", await(pool:submit(function(x) return x * 2 end, 21)), 42)
eq("a fraction", cli.error_text(asyncio.ThreadPoolExecutor, 2.5),
  "bad argument #1 to 'ThreadPoolExecutor' (number has no integer representation)")
eq("0.0 as 0", tostring(select(2, pcall(asyncio.ThreadPoolExecutor, 0.0))),
  "ValueError: max_workers must be greater than 0")
cli.finish()
