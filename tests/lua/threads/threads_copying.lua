-- What a job may take into a worker thread and bring back (DESIGN §2
-- "Worker threads"): nil, booleans, numbers, strings, tables of these
-- (nested, shared and cyclic ones keep their shape), functions whose only
-- upvalues are _ENV or themselves, the standard library's C functions by
-- name. Anything else is refused at the call, with the argument's number,
-- the path to the value and why.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check

local function refused(what, want, ...) eq(what, cli.error_text(asyncio.to_thread, ...), want) end

-- Values go and come back unchanged.
local t = { 1, 2.5, "three", true, false, nested = { deeper = { "x" } }, [10] = "ten", ["a key"] = 1 }
local back = await(asyncio.to_thread(function(v) return v end, t))
check("a table comes back as a copy", back ~= t)
eq("array", table.concat({ back[1], back[2], back[3], tostring(back[4]), tostring(back[5]) }, " "),
  "1 2.5 three true false")
eq("nested", back.nested.deeper[1], "x")
eq("sparse key", back[10], "ten")
eq("string key", back["a key"], 1)
eq("integer stays integer", math.type(await(asyncio.to_thread(function(n) return n * 2 end, 21))), "integer")
eq("float stays float", await(asyncio.to_thread(function(n) return n end, 0.1)), 0.1)
eq("huge integer", await(asyncio.to_thread(function(n) return n end, math.maxinteger)), math.maxinteger)
local s = string.rep("\0\255abc", 100000)
eq("binary string", await(asyncio.to_thread(function(x) return x end, s)), s)

-- Shared and cyclic tables keep their shape, in both directions.
local shared = { "shared" }
local cyc = { a = shared, b = shared }
cyc.self = cyc
local r = await(asyncio.to_thread(function(c)
  return c.a == c.b, c.self == c, c
end, cyc))
check("shared inside the worker", r == true)
local same, self_ok, c2 = await(asyncio.to_thread(function(c) return c.a == c.b, c.self == c, c end, cyc))
check("cyclic inside the worker", same and self_ok)
check("shape kept on the way back", c2.a == c2.b and c2.self == c2 and c2.a[1] == "shared")

-- Multiple results, with nils kept.
local a, b, c, d = await(asyncio.to_thread(function() return nil, 2, nil, "four" end))
check("nil holes in the results", a == nil and b == 2 and c == nil and d == "four")
eq("no results", select("#", await(asyncio.to_thread(function() end))), 0)

-- Functions: local recursion, functions as arguments, the standard
-- library's C functions by name, and functions coming back.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
eq("self-recursive local function", await(asyncio.to_thread(fib, 20)), 6765)
eq("function as an argument", await(asyncio.to_thread(function(f, x) return f(x) end, fib, 10)), 55)
eq("C function by name", await(asyncio.to_thread(string.rep, "ab", 3)), "ababab")
eq("C function inside a table",
  await(asyncio.to_thread(function(lib) return lib.upper("x") end, { upper = string.upper })), "X")
local sq = await(asyncio.to_thread(function() return function(x) return x * x end end))
eq("a function comes back", sq(7), 49)
eq("a global read in the job is the worker's", await(asyncio.to_thread(function() return type(print) end)),
  "function")

-- Refusals, at the call, before anything runs.
local up = 5
refused("upvalue", "bad argument #1 to 'to_thread' (a function with upvalues cannot be sent to a thread " ..
  "(upvalue 'up': define it inside the function, or pass it as an argument))", function() return up end)
refused("path in an argument", "bad argument #2 to 'to_thread' (.cfg.cb: a function with upvalues cannot be " ..
  "sent to a thread (upvalue 'up': define it inside the function, or pass it as an argument))",
  print, { cfg = { cb = function() return up end } })
refused("metatable", "bad argument #3 to 'to_thread' ([2]: a table with a metatable cannot be sent to a thread)",
  print, 1, { 1, setmetatable({}, {}) })
refused("userdata", "bad argument #2 to 'to_thread' (a FILE* (userdata) cannot be sent to a thread)", print, io.stdout)
refused("coroutine", "bad argument #2 to 'to_thread' ([\"a b\"]: a coroutine cannot be sent to a thread)",
  print, { ["a b"] = coroutine.create(print) })
refused("C function of a module", "bad argument #2 to 'to_thread' (.f: a C function cannot be sent to a thread " ..
  "(only the standard library's))", print, { f = asyncio.sleep })
refused("a key", "bad argument #2 to 'to_thread' ([a table key]: a key: a table with a metatable cannot be " ..
  "sent to a thread)", print, { [setmetatable({}, {})] = 1 })
local own_env
do
  local _ENV = { secret = 7 }
  own_env = function() return secret end
end
refused("an _ENV of its own", "bad argument #1 to 'to_thread' (a function with an _ENV of its own cannot be sent " ..
  "to a thread)", own_env)
inflight = require("luasync.core").threads_in_flight
refused("a C function stored in a global", "bad argument #1 to 'to_thread' (a C function cannot be sent to a " ..
  "thread (only the standard library's))", inflight)
local deep = {}
local node = deep
for _ = 1, 150 do node.next = {}; node = node.next end
-- (the path's inner end, after "...": the whole would repeat .next a hundred times)
refused("depth", "bad argument #2 to 'to_thread' (..." .. string.rep(".next", 13) ..
  ": tables nested too deeply to be sent to a thread)", print, deep)
refused("not a function", "bad argument #1 to 'to_thread' (function expected, got number)", 42)
refused("nothing", "bad argument #1 to 'to_thread' (function expected, got no value)")

-- A result that cannot come back fails the awaiting task with TypeError.
local ok, e = pcall(await, asyncio.to_thread(function() return 1, coroutine.create(print) end))
check("a result that cannot come back fails", not ok and asyncio.TypeError:is(e), e)
eq("its text", tostring(e), "TypeError: result 2: a coroutine cannot be sent back from a thread")
ok, e = pcall(await, asyncio.to_thread(function() return { io.stdout } end))
eq("its path", tostring(e), "TypeError: result 1 [1]: a FILE* (userdata) cannot be sent back from a thread")

cli.finish()
