-- What a REPL session keeps per input line: 20,000 lines of `x = {}`
-- through a pipe leave the Lua heap about where it was, but for the source
-- text each input keeps for its tracebacks (report.add_source, as CPython's
-- REPL keeps its inputs: docs/repl.md). Before, each line kept ~1.15 KiB
-- more (23 MB for these lines, up to 115 MB in a long session): the task
-- each input runs in is the REPL's own, and the always-on timeline record
-- gave it a row, two arrows and an event against its 100,000-event limit,
-- though timeline() draws none of it ("timeline: no task ran"). So after
-- 100,000 lines the record had stopped, and timeline() drew nothing of a
-- task started then ("timeline: no task ran"); it is drawn now.
local cli = require("lib.cli")

local LINES, MORE = 20000, 80000
local lines = {}
local function add(line, n)
  for _ = 1, n or 1 do lines[#lines + 1] = line end
end
add("x = {}", 200)  -- (a warm-up: the first inputs load what the REPL loads once)
add('do collectgarbage() collectgarbage() heap0 = collectgarbage("count") end')
add("x = {}", LINES)
add("do collectgarbage() collectgarbage() print(('grew %.3f KiB a line'):format(" ..
  "(collectgarbage('count') - heap0) / " .. LINES .. ")) end")
add("x = {}", MORE)
add('t = asyncio.create_task(asyncio.sleep(1), { name = "sleepy" })')
add("await(t)")
add("timeline()")
add("timeline()")

local out, err, status = cli.run('"$L" -i --clock=virtual', table.concat(lines, "\n") .. "\n", 50)
cli.eq("exit status", status, 0)
cli.eq("no errors", err, "")
local grew = tonumber(out:match("grew (%-?[%d.]+) KiB a line"))
cli.check("heap growth measured", grew, out:sub(-500))
-- (the kept source text of `x = {}` and its chunk's name is ~0.1 KiB)
if grew then cli.check("the heap grows by less than 0.3 KiB a line", grew < 0.3, grew .. " KiB a line") end
local last = out:match("> await%(t%)\n> timeline%(%)\n(.-)\n> timeline%(%)\n")
cli.check("the timeline after 100,000 lines", last, out:sub(-500))
if last then
  cli.has("it draws the task started at the prompt", last, "sleepy ")
  cli.has("and it is done", last:match("sleepy[^\n]*") or "", "done")
  cli.check("it draws the REPL's tasks no more than before", not last:find("\nTask", 1, true), last)
end
cli.has("the next timeline(): no task ran", out, "> timeline()\ntimeline: no task ran\n> ")
cli.finish()
