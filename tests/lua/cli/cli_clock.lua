-- clock: real
-- Scripts run as the main task: top-level await works, a Python-shaped
-- script ending in asyncio.run(main()) runs unchanged, and the virtual clock
-- (asyncio.run(main(), {clock = "virtual"}) or --clock=virtual) makes a 100 s
-- sleep finish at once with loop:time() advanced by 100. Runs with the real
-- clock and subprocesses (bash -c, 10 s timeout) whose elapsed time it checks.

local LUASYNC = assert(os.getenv("LUASYNC"), "LUASYNC is not set")

local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local quote, tmpfile, slurp, run, show, fail = cli.quote, cli.tmpfile, cli.slurp, cli.run, cli.show, cli.fail
local eq, has, matches, finish = cli.eq, cli.has, cli.matches, cli.finish

-- a top-level await in a script (real clock: it really sleeps ~0.2 s)
local s = tmpfile([[
print("before")
local r = await(asyncio.sleep(0.2, "slept"))
print(r, asyncio.current_task():get_name())
]])
local out, err, code, ms = run('"$L" ' .. s)
eq("top-level await: status", code, 0)
eq("top-level await: stderr", err, "")
eq("top-level await: stdout", out, "before\nslept\tTask-1\n")
if ms < 190 or ms > 2000 then fail("top-level await: elapsed", ("expected ~200 ms, took %d ms"):format(ms)) end

-- a Python-shaped script: async main, tasks, gather, ending in asyncio.run(main())
s = tmpfile([[
local say_after = async(function(delay, what)
  await(asyncio.sleep(delay))
  print(what)
  return what .. "!"
end)

local main = async(function()
  local t1 = asyncio.create_task(say_after(0.2, "world"))
  local t2 = asyncio.create_task(say_after(0.1, "hello"))
  local rs = await(asyncio.gather(t1, t2))
  print(rs.n, rs[1], rs[2])
  return "main result"
end)

print(asyncio.run(main()))
]])
out, err, code, ms = run('"$L" ' .. s)
eq("asyncio.run(main()): status", code, 0)
eq("asyncio.run(main()): stderr", err, "")
eq("asyncio.run(main()): stdout", out, "hello\nworld\n2\tworld!\thello!\nmain result\n")
if ms < 190 or ms > 2000 then fail("asyncio.run(main()): elapsed", ("expected ~200 ms, took %d ms"):format(ms)) end

-- asyncio.run(main(), {clock = "virtual"}) in a script run with the real clock
local virtual_main = [[
local main = async(function()
  local loop = asyncio.get_running_loop()
  local t0 = loop:time()
  await(asyncio.sleep(100))
  print(string.format("%.1f", loop:time() - t0))
  return "done"
end)
print(asyncio.run(main()OPTS))
]]
s = tmpfile((virtual_main:gsub("OPTS", ', {clock = "virtual"}')))
for _, flags in ipairs { "", "--clock=real " } do
  out, err, code, ms = run('"$L" ' .. flags .. s)
  eq(flags .. "run(..., {clock = 'virtual'}): status", code, 0)
  eq(flags .. "run(..., {clock = 'virtual'}): stderr", err, "")
  eq(flags .. "run(..., {clock = 'virtual'}): stdout", out, "100.0\ndone\n")
  if ms > 2000 then fail(flags .. "run(..., {clock = 'virtual'}): elapsed", ("took %d ms"):format(ms)) end
end

-- --clock=virtual: the same script without the option, and a top-level sleep
s = tmpfile((virtual_main:gsub("OPTS", "")))
out, err, code, ms = run('"$L" --clock=virtual ' .. s)
eq("--clock=virtual: status", code, 0)
eq("--clock=virtual: stderr", err, "")
eq("--clock=virtual: stdout", out, "100.0\ndone\n")
if ms > 2000 then fail("--clock=virtual: elapsed", ("took %d ms"):format(ms)) end
out, err, code, ms = run([["$L" --clock=virtual -e 'loop = asyncio.get_running_loop() t0 = loop:time()' ]] ..
  [[-e 'await(asyncio.sleep(100)) print(string.format("%.1f", loop:time() - t0))']])
eq("--clock=virtual -e: status", code, 0)
eq("--clock=virtual -e: stdout", out, "100.0\n")
if ms > 2000 then fail("--clock=virtual -e: elapsed", ("took %d ms"):format(ms)) end

-- the time module follows the virtual clock too
out, err, code, ms = run([["$L" --clock=virtual -e 'local t0 = time.time() await(asyncio.sleep(3600)) print(string.format("%.2f", time.time() - t0))']])
eq("--clock=virtual time.time: status", code, 0)
eq("--clock=virtual time.time: stdout", out, "3600.00\n")
if ms > 2000 then fail("--clock=virtual time.time: elapsed", ("took %d ms"):format(ms)) end

finish()
