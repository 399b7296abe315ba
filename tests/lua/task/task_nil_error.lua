-- A task that fails with a nil error (error(), error(nil)) has failed, and
-- every path says so: exception() gives the text lua.c prints for it, "(error
-- object is a nil value)", never nil (nil means no error); gather's
-- return_exceptions puts that text in the results; the repr says
-- exception=nil; the report of an error nobody retrieved shows the text and
-- the frames. Raising it (await, result()) gives the nil itself, as any plain
-- Lua error passes through unchanged; so does gather without
-- return_exceptions. Python has no nil to raise (`raise None` is a
-- TypeError), so there is no CPython reference: the checks are asserted.
local cli = require "lib.cli"
local eq, has, check = cli.eq, cli.has, cli.check
local NIL_TEXT = "(error object is a nil value)"

local t = asyncio.spawn(function() error(nil) end)
local t2 = asyncio.spawn(function() error() end)
await(asyncio.sleep(0))
eq("done()", t:done(), true)
eq("cancelled()", t:cancelled(), false)
eq("exception() of error(nil)", t:exception(), NIL_TEXT)
eq("exception() of error()", t2:exception(), NIL_TEXT)
has("the repr says it failed", tostring(t), "finished")
has("the repr shows the value raised", tostring(t), " exception=nil>")
local ok, e = pcall(await, t)
eq("await raises: fails", ok, false)
eq("await raises the nil itself", e, nil)
ok, e = pcall(t.result, t)
eq("result() raises the nil itself", ok == false and e, nil)

-- gather: with return_exceptions the failure is in the results (not a nil
-- that reads as a success); without, the gather fails with the nil.
local r = await(asyncio.gather(asyncio.spawn(function() error(nil) end),
  asyncio.spawn(function() return 1 end), { return_exceptions = true }))
eq("gather return_exceptions: count", r.n, 2)
eq("gather return_exceptions: the failure", r[1], NIL_TEXT)
eq("gather return_exceptions: the success", r[2], 1)
local g = asyncio.gather(asyncio.spawn(function() error() end))
ok, e = pcall(await, g)
eq("gather: fails", ok, false)
eq("gather: raises the nil itself", e, nil)
eq("gather: exception()", g:exception(), NIL_TEXT)

-- A done callback that asks exception() sees the failure.
local seen
local t3 = asyncio.spawn(function() error(nil) end)
t3:add_done_callback(function(f) seen = f:exception() end)
await(asyncio.sleep(0))
await(asyncio.sleep(0))
eq("a done callback's exception()", seen, NIL_TEXT)

-- asyncio.wait(FIRST_EXCEPTION) stops at it.
local slow = asyncio.spawn(function() await(asyncio.sleep(10)) end)
local done, pending = await(asyncio.wait({ asyncio.spawn(function() error(nil) end), slow },
  { return_when = asyncio.FIRST_EXCEPTION }))
eq("wait FIRST_EXCEPTION: done", #done, 1)
eq("wait FIRST_EXCEPTION: pending", #pending, 1)
slow:cancel()

-- Nobody retrieves it: reported at exit with the text and the frames.
local script = cli.tmpfile([[
local t = asyncio.spawn(function()
  error(nil)
end)
await(asyncio.sleep(0))
t = nil
collectgarbage()
collectgarbage()
print("end")
]])
local out, err, code = cli.run("$L " .. cli.quote(script))
eq("never retrieved: the script goes on", out, "end\n")
eq("never retrieved: status", code, 0)
has("never retrieved: reported", err, "Task exception was never retrieved")
has("never retrieved: the text", err, "\n" .. NIL_TEXT .. "\nstack traceback:\n")
has("never retrieved: the frames", err, ":2: in function")

-- Left failing at the end of a script: the same report.
script = cli.tmpfile([[
local keep = asyncio.spawn(function() error() end)
await(asyncio.sleep(0))
]])
out, err, code = cli.run("$L " .. cli.quote(script))
has("at exit: reported", err, "Task exception was never retrieved")
has("at exit: the text", err, "\n" .. NIL_TEXT .. "\n")
check("at exit: exit status 0", code == 0, code)

cli.finish()
