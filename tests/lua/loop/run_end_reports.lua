-- A task that failed and that nobody awaited is reported when asyncio.run
-- ends, before the script goes on (CPython reports it when the run drops
-- its last reference), not at the end of the program.
local cli = require "lib.cli"
local check, finish = cli.check, cli.finish

local script = cli.tmpfile([[
local bad = async(function() error(asyncio.ValueError("nobody looks")) end)
local main = async(function()
  asyncio.create_task(bad())
  await(asyncio.sleep(0.1))
  print("main ends")
end)
asyncio.run(main())
print("after the run")
await(asyncio.sleep(0.1))
print("the end")
]])
local out, _, code = cli.run("$L --clock=virtual " .. cli.quote(script) .. " 2>&1")
check("status", code == 0, code)
local report = out:find("Task exception was never retrieved", 1, true)
local after = out:find("after the run", 1, true)
check("reported once", report ~= nil and not out:find("Task exception was never retrieved", report + 1, true), out)
check("before the script goes on", report and after and report < after, out)
finish()
