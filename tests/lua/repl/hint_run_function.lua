-- asyncio.run(main), an async function where its coroutine object was
-- expected (Python fails alike: "a coroutine was expected, got <function
-- main>"): the hint writes the call, at the prompt and in a script; so for
-- wait_for and loop:run_until_complete, whose message says "got function".
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local out, err, code = cli.run('"$L" -i', table.concat({
  'main = async(function() print("main ran") end)',
  'asyncio.run(main)',
  'await(asyncio.wait_for(main, 1))',
  'asyncio.get_running_loop():run_until_complete(main)',
  'asyncio.run(main())',
  '',
}, "\n"))
eq("REPL: exit status", code, 0)
cli.matches("asyncio.run(main): the error", err, "ValueError: a coroutine was expected, got function: 0x%x+\n")
has("asyncio.run(main): the hint", err, "\tstdin#2:1: in main chunk\n" ..
  "hint: main is a function: pass the coroutine object its call gives, asyncio.run(main())\n")
has("wait_for(main, 1)", err, "stdin#3:1: bad argument #1 to 'wait_for' (awaitable expected, got function)")
has("wait_for(main, 1): the hint", err,
  "hint: main is a function: pass the coroutine object its call gives, asyncio.wait_for(main(), 1)\n")
has("run_until_complete(main): the hint", err, "hint: main is a function: pass the coroutine object its call " ..
  "gives, asyncio.get_running_loop():run_until_complete(main())\n")
has("the hinted call runs", out, "> asyncio.run(main())\nmain ran\n")

local script = cli.tmpfile("local main = async(function() print('ran') end)\nasyncio.run(main)\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: status", code, 1)
eq("script: nothing ran", out, "")
has("script: the hint", err,
  "hint: main is a function: pass the coroutine object its call gives, asyncio.run(main())\n")
cli.finish()
