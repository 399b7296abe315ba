-- A child of a TaskGroup that fails with a nil error (error(), error(nil))
-- has failed: its siblings and the body are cancelled and the scope raises
-- the ExceptionGroup, whose sub-exception is the text lua.c prints for a nil
-- error. (Collected as nil, it was lost: the group exited normally.) A
-- child's error(false) is collected as false, as before. Python has no nil
-- to raise, so the checks are asserted.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local events = {}
local function note(s) events[#events + 1] = s end

local function group_with(failing)
  local ok, e = pcall(function()
    local tg <close> = asyncio.TaskGroup()
    tg:spawn(failing)
    tg:spawn(function()
      local done, err = pcall(await, asyncio.sleep(1))
      note(done and "sibling finished" or ("sibling " .. tostring(err)))
      if not done then error(err, 0) end
    end)
    local done, err = pcall(await, asyncio.sleep(1))
    note(done and "body finished" or "body cancelled")
    if not done then error(err, 0) end
  end)
  note("after the group")
  return ok, e
end

local ok, e = group_with(function() error(nil) end)
eq("error(nil): the scope raises", ok, false)
eq("error(nil): an ExceptionGroup", asyncio.ExceptionGroup:is(e), true)
eq("error(nil): one sub-exception", e and e.exceptions and #e.exceptions, 1)
eq("error(nil): the sub-exception", e and e.exceptions and e.exceptions[1], "(error object is a nil value)")
eq("error(nil): the order", table.concat(events, ", "),
  "sibling CancelledError, body cancelled, after the group")  -- (CPython's order, with a ValueError)

events = {}
ok, e = group_with(function() error() end)
eq("error(): the scope raises", ok, false)
eq("error(): the sub-exception", e and e.exceptions and e.exceptions[1], "(error object is a nil value)")

events = {}
ok, e = group_with(function() error(false) end)
eq("error(false): the scope raises", ok, false)
eq("error(false): the sub-exception", e and e.exceptions and e.exceptions[1], false)

-- Uncaught, the report shows the sub-exception and its frames.
local script = cli.tmpfile([[
local tg <close> = asyncio.TaskGroup()
tg:spawn(function()
  error(nil)
end)
]])
local out, err, code = cli.run("$L " .. cli.quote(script))
eq("uncaught: status", code, 1)
eq("uncaught: nothing on stdout", out, "")
has("uncaught: the group", err, "luasync: ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception)")
has("uncaught: the sub-exception", err,
  "--- sub-exception 1 of 1:\n(error object is a nil value)\nstack traceback:\n  task 'Task-2':\n")
has("uncaught: its frame", err, ":3: in function")

cli.finish()
