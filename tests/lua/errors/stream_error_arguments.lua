-- asyncio.IncompleteReadError(partial, expected) and
-- asyncio.LimitOverrunError(message, consumed) require both arguments, as
-- CPython's ("IncompleteReadError.__init__() missing 2 required positional
-- arguments: 'partial' and 'expected'"), in Lua's form for a bad call; nil
-- stands for None. Raising the class itself is the same call without
-- arguments (CPython: `raise IncompleteReadError` is that TypeError).
local cli = require "lib.cli"
local eq = cli.eq
local function err(fn, ...)
  local ok, e = pcall(fn, ...)
  if ok then return "no error" end
  return (tostring(e):gsub("^[^:]+:%d+: ", ""))
end
local IRE, LOE = asyncio.IncompleteReadError, asyncio.LimitOverrunError

eq("IncompleteReadError()", err(IRE), "bad argument #1 to 'IncompleteReadError' (value expected)")
eq("IncompleteReadError(partial)", err(IRE, "ab"), "bad argument #2 to 'IncompleteReadError' (value expected)")
eq("IncompleteReadError(partial, expected, extra)", err(IRE, "ab", 5, 6),
  "bad argument #3 to 'IncompleteReadError' (no value expected, got number)")
eq("LimitOverrunError()", err(LOE), "bad argument #1 to 'LimitOverrunError' (value expected)")
eq("LimitOverrunError(message)", err(LOE, "x"), "bad argument #2 to 'LimitOverrunError' (value expected)")
eq("raise IncompleteReadError", err(error, IRE), "bad argument #1 to 'IncompleteReadError' (value expected)")
-- the call names the user's line
local line = debug.getinfo(1, "l").currentline + 1
local ok, e = pcall(function() local x = IRE(); return x end)
eq("blamed line", not ok and tostring(e):match("^[^:]+:(%d+):"), tostring(line))

local e1 = IRE("ab", nil)
eq("expected None", tostring(e1), "IncompleteReadError: 2 bytes read on a total of undefined expected bytes")
eq("partial", e1.partial, "ab")
local e2 = IRE("ab", 5)
eq("expected 5", e2.message, "2 bytes read on a total of 5 expected bytes")
eq("EOFError", asyncio.EOFError:is(e2), true)
local e3 = LOE("x", 3)
eq("LimitOverrunError", tostring(e3), "LimitOverrunError: x")
eq("consumed", e3.consumed, 3)
cli.finish()
