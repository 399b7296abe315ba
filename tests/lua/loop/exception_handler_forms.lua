-- Two forms of CPython 3.13's call_exception_handler, on stderr:
-- - an exception handed to it anew (a handler passing on
--   {message = ..., exception = ctx.exception}) is shown with the
--   traceback of where it was raised, as Python's carries __traceback__;
-- - a function assigned to loop.default_exception_handler (Python's
--   monkeypatch of the method) is what the loop calls when no handler is
--   set, and when a handler fails, as loop:default_exception_handler(ctx);
--   an error in it is reported with its traceback
--   ("Exception in default exception handler").
local cli = require "lib.cli"
local eq = cli.eq

local function run(text)
  local path = cli.tmpfile(text)
  local out, err, code = cli.run("$L --clock=virtual " .. path)
  local pattern = path:gsub("%p", "%%%0")
  return (out:gsub(pattern, "x.lua")), (err:gsub(pattern, "x.lua")), code
end

local out, err, code = run([[
local loop = asyncio.get_running_loop()
loop:set_exception_handler(function(lp, ctx)
  lp:set_exception_handler(nil)
  lp:call_exception_handler({ message = "passed on: " .. ctx.message, exception = ctx.exception })
end)
local function boom() error(asyncio.RuntimeError("cb failed")) end
loop:call_soon(boom)
await(asyncio.sleep(0))
]])
eq("passed on: status", code, 0)
eq("passed on: the traceback", err,
  "passed on: Exception in callback boom() at x.lua:6\n" ..
  "RuntimeError: cb failed\n" ..
  "stack traceback:\n" ..
  "\tx.lua:6: in function <x.lua:6>\n")

out, err, code = run([[
local loop = asyncio.get_running_loop()
local original = loop.default_exception_handler
loop.default_exception_handler = function(self, ctx)
  print("override", self == loop, ctx.message)
  original(self, ctx)
end
loop:call_soon(function() error("cb boom", 0) end)
await(asyncio.sleep(0))
loop:call_exception_handler({ message = "direct" })
loop:set_exception_handler(function() error("handler broke", 0) end)
loop:call_exception_handler({ message = "via a broken handler" })
loop:set_exception_handler(nil)
loop.default_exception_handler = function(self, ctx) error("default broke", 0) end
loop:call_exception_handler({ message = "x" })
loop.default_exception_handler = nil
loop:call_exception_handler({ message = "restored" })
]])
eq("override: status", code, 0)
eq("override: called", out,
  "override\ttrue\tException in callback function() at x.lua:7\n" ..
  "override\ttrue\tdirect\n" ..
  "override\ttrue\tUnhandled error in exception handler\n")
eq("override: reports", err,
  "Exception in callback function() at x.lua:7\n" ..
  "handle: <Handle function() at x.lua:7>\n" ..
  "cb boom\n" ..
  "stack traceback:\n" ..
  "\tx.lua:7: in function <x.lua:7>\n" ..
  "direct\n" ..
  "Unhandled error in exception handler\n" ..
  "context: {'message': 'via a broken handler'}\n" ..
  "handler broke\n" ..
  "stack traceback:\n" ..
  "\tx.lua:10: in function <x.lua:10>\n" ..
  "\tx.lua:11: in main chunk\n" ..
  "Exception in default exception handler\n" ..
  "default broke\n" ..
  "stack traceback:\n" ..
  "\tx.lua:13: in function <x.lua:13>\n" ..
  "\tx.lua:14: in main chunk\n" ..
  "restored\n")

cli.finish()
