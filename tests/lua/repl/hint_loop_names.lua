-- CPython's names for managing the loop, which luasync leaves out on
-- purpose (its one loop is always running): loop:run_forever(), stop(),
-- close(), asyncio.new_event_loop(), set_event_loop(), asyncio.Runner() get a hint that says
-- what to do instead, not a near name (loop:serve_forever is a Server's,
-- asyncio.get_event_loop gives the same loop). The loop is recognised by
-- its name (loop, event_loop, get_running_loop()) or, at the prompt, as the
-- value of the name; another object's missing stop() gets no such hint.
-- docs/api.md names them beside the loop's methods.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local RUNNING = "hint: luasync's one loop is always running (your code runs as tasks on it): "
local out, err, code = cli.run('"$L" -i', table.concat({
  'loop = asyncio.get_running_loop()',
  'loop:run_forever()',
  'asyncio.get_event_loop().run_forever()',
  'loop:stop()',
  'loop:close()',
  'asyncio.new_event_loop()',
  'asyncio.set_event_loop(loop)',
  'ev = loop',
  'ev:stop()',
  'q = asyncio.Queue()',
  'q:stop()',
  'print(loop:run_until_complete(asyncio.sleep(0, "still there")))',
  'runner = asyncio.Runner()',
  '',
}, "\n"))
eq("REPL: exit status", code, 0)
local RUN_FOREVER = RUNNING .. "it has no run_forever(); await what must finish: await(t), " ..
  "await(server:serve_forever())\n"
has("loop:run_forever()", err, "stdin#2:1: attempt to call a nil value (method 'run_forever')\nstack traceback:\n" ..
  "  task 'stdin#2':\n\tstdin#2:1: in main chunk\n" .. RUN_FOREVER)
has("get_event_loop().run_forever()", err, "stdin#3:1: in main chunk\n" .. RUN_FOREVER)
has("loop:stop()", err, "stdin#4:1: in main chunk\n" .. RUNNING ..
  "it has no stop(); t:cancel() stops a task, os.exit(status) the program\n")
has("loop:close()", err, "stdin#5:1: in main chunk\n" .. RUNNING ..
  "it has no close(); it closes when the program ends\n")
has("asyncio.new_event_loop()", err, "stdin#6:1: in main chunk\n" .. RUNNING ..
  "there is no asyncio.new_event_loop(); " ..
  "asyncio.get_running_loop() gives the loop; asyncio.run(main()) runs main on it\n")
has("asyncio.set_event_loop()", err, "stdin#7:1: in main chunk\n" .. RUNNING ..
  "there is no asyncio.set_event_loop(); " ..
  "asyncio.get_running_loop() gives the loop\n")
has("the loop under another name", err, "stdin#9:1: in main chunk\n" .. RUNNING .. "it has no stop();")
has("a queue's stop()", err, "stdin#11:1: attempt to call a nil value (method 'stop')")
cli.check("a queue's stop(): no hint", not err:find("stdin#11:1: in main chunk\nhint", 1, true), err)
cli.check("no near name suggested", not err:find("did you mean", 1, true), err)
has("run_until_complete is there", out, "\nstill there\n")
has("asyncio.Runner()", err, "stdin#13:1: in main chunk\n" .. RUNNING ..
  "there is no asyncio.Runner(); asyncio.run(main()) runs main on it, in place of each runner.run(main())\n")

-- In a script, a local named loop.
local script = cli.tmpfile("local loop = asyncio.get_event_loop()\nloop:run_forever()\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: status", code, 1)
has("script: the hint", err, RUN_FOREVER)

-- CPython's task factories: luasync has none, and says what makes tasks.
out, err = cli.run('"$L" -i', table.concat({
  "asyncio.get_running_loop():set_task_factory(asyncio.eager_task_factory)",
  "loop = asyncio.get_running_loop()",
  "print(loop:get_task_factory())",
  "",
}, "\n"))
local NO_FACTORY = "hint: luasync has no task factories: asyncio.create_task(coro) and asyncio.spawn(fn, ...) " ..
  "make every task, and a task's first step runs at the loop's next turn (there is no eager start)\n"
has("set_task_factory", err, "stdin#1:1: in main chunk\n" .. NO_FACTORY)
has("get_task_factory", err, "stdin#3:1: in main chunk\n" .. NO_FACTORY)

-- docs/api.md says so beside the loop's methods.
local f = assert(io.open("../../../docs/api.md"))
local api = f:read("a")
f:close()
has("docs/api.md", api, "CPython's `loop.run_forever()`, `loop.stop()`, `loop.close()`, " ..
  "`asyncio.new_event_loop()` and\n" ..
  "`asyncio.set_event_loop()` are left out on purpose")
cli.finish()
