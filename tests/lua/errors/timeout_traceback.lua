-- An uncaught TimeoutError shows where the awaiting code was and its cause,
-- as Python chains them: the CancelledError that interrupted the code (with
-- the line of the await that was waiting), "The above exception was the
-- direct cause of the following exception:", then the TimeoutError at the
-- line that entered the scope (the wait_for, or the timeout's <close>).
local cli = require "lib.cli"
local eq = cli.eq

local script = cli.tmpfile([[
local work = async(function(name, d)
  await(asyncio.sleep(d))
  return name
end)
local main = async(function()
  print(await(asyncio.wait_for(work("slow", 3), 1)))
end)
asyncio.run(main())
]])
local name = script
local out, err, code = cli.run('"$L" --clock=virtual ' .. cli.quote(script))
eq("wait_for: exit status", code, 1)
eq("wait_for: the report", err, ([[
luasync: CancelledError
stack traceback:
  task 'Task-1':
	%s:2: in function 'work'
	%s:6: in function 'main'
	%s:8: in main chunk

The above exception was the direct cause of the following exception:

TimeoutError
stack traceback:
  task 'Task-1':
	%s:6: in function 'main'
]]):format(name, name, name, name))

script = cli.tmpfile([[
local main = async(function()
  local _ <close> = asyncio.timeout(1)
  await(asyncio.sleep(3))
end)
asyncio.run(main())
]])
out, err, code = cli.run('"$L" --clock=virtual ' .. cli.quote(script))
eq("timeout: exit status", code, 1)
eq("timeout: the report", err, ([[
luasync: CancelledError
stack traceback:
  task 'Task-1':
	%s:3: in function 'main'
	%s:5: in main chunk

The above exception was the direct cause of the following exception:

TimeoutError
stack traceback:
  task 'Task-1':
	%s:2: in function 'main'
]]):format(script, script, script))
cli.finish()
