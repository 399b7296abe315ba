-- Running out of memory is an ordinary "not enough memory" error in the task
-- that took the memory: pcall catches it, <close> handlers run, the other
-- tasks are cancelled at the end with their cleanup, and the program ends in
-- seconds with a clear message -- never an abort, a hang or an internal
-- error. Under LUASYNC_MEMORY_LIMIT (any build) and under `ulimit -v` (not
-- under AddressSanitizer, which cannot start with an address-space limit).
-- Each case runs in a subprocess (bash -c, 60 s timeout: 124 is a hang).
local cli = require "lib.cli"
local tmpfile, run, eq, has, fail, finish = cli.tmpfile, cli.run, cli.eq, cli.has, cli.fail, cli.finish

-- Tasks that each hold a little memory and a <close> handler (it writes
-- "@" to stderr) are spawned until memory runs out; the spawner's pcall
-- reports, then the script ends and the tasks are cancelled.
local spawner_source = [[
local registered, spawned = 0, 0
local ok, e = pcall(function()
  while true do
    asyncio.spawn(function()
      local hold = { string.rep("y", 200) .. spawned }
      local _ <close> = setmetatable({}, { __close = function() io.stderr:write("@") end })
      registered = registered + 1
      await(asyncio.sleep(3600))
      return hold
    end)
    spawned = spawned + 1
    if spawned % 500 == 0 then await(asyncio.sleep(0)) end
  end
end)
print("pcall:", ok, e)
io.stderr:write("registered ", registered, "\n")
]]
local spawner = tmpfile(spawner_source)

local function check_spawner(what, out, err, code, ms)
  eq(what .. ": status", code, 0)
  eq(what .. ": the spawner's pcall caught it", out, "pcall:\tfalse\tnot enough memory\n")
  local registered = tonumber(err:match("registered (%d+)"))
  local cleaned = select(2, err:gsub("@", ""))
  if not registered or registered < 1000 then fail(what .. ": tasks spawned", tostring(registered)) end
  eq(what .. ": every task's <close> handler ran", cleaned, registered)
  if err:find("internal error", 1, true) then fail(what .. ": internal error", err:sub(1, 300)) end
  if ms > 30000 then fail(what .. ": elapsed", ("%d ms"):format(ms)) end
end

local out, err, code, ms = run('LUASYNC_MEMORY_LIMIT=16 "$L" --clock=virtual ' .. spawner, nil, 60)
check_spawner("memory limit", out, err, code, ms)

-- Small tasks, many of them: cancelling them at the end needs memory for
-- each (its CancelledError, its ready entry, its cleanup) before any of them
-- frees what it held. The runtime then goes beyond the limit by its reserve
-- (an eighth): every task is cancelled, its <close> handler runs, and none
-- of them fails in its cleanup (this ended in an internal error, with one
-- handler run of 8,000).
local small_source, replaced = spawner_source:gsub('local hold = { string.rep%("y", 200%) .. spawned }', "local hold = spawned")
eq("small tasks: the script", replaced, 1)
local small = tmpfile(small_source)
out, err, code, ms = run('LUASYNC_MEMORY_LIMIT=16 "$L" --clock=virtual ' .. small, nil, 60)
check_spawner("small tasks", out, err, code, ms)
eq("small tasks: no cleanup failed", select(2, err:gsub("unhandled exception", "")), 0)

-- What runs away at the end still stops: a task whose cleanup allocates
-- without end when it is cancelled at exit is refused at the limit and its
-- reserve (an eighth), and the run ends. Under `ulimit -v` where it can
-- (not ASan), so that a cleanup that is not stopped fails the test instead
-- of taking the machine's memory.
local runaway = tmpfile([[
asyncio.spawn(function()
  local _ <close> = setmetatable({}, { __close = function()
    local t = {}
    local _, e = pcall(function() while true do t[#t + 1] = { #t } end end)
    local kb = collectgarbage("count")  -- where it was stopped; then what it took goes
    t = nil
    collectgarbage()
    io.stderr:write("cleanup: ", tostring(e), " at ", kb // 1024, " MB\n")
  end })
  await(asyncio.sleep(3600))
end)
await(asyncio.sleep(0))
]])
-- An ASan build cannot start under an address-space limit.
local probe = run('ulimit -v 150000; "$L" -e "print(1)" 2>&1', nil, 60)
local asan = probe:find("AddressSanitizer", 1, true) or probe:find("ReserveShadowMemoryRange", 1, true)
local limit_as = asan and "" or "ulimit -v 1000000; "
out, err, code, ms = run(limit_as .. 'LUASYNC_MEMORY_LIMIT=16 "$L" --clock=virtual ' .. runaway, nil, 60)
eq("runaway cleanup: status", code, 0)
local mb = tonumber(err:match("cleanup: not enough memory at (%d+) MB"))
if not mb or mb > 18 then fail("runaway cleanup: stopped at the limit and its reserve", err:sub(1, 300)) end
if err:find("internal error", 1, true) then fail("runaway cleanup: internal error", err:sub(1, 300)) end

-- A task that never waits and keeps allocating: refused, its <close>
-- handler runs, the script reports the error and exits 1.
local hog = tmpfile([[
local _ <close> = setmetatable({}, { __close = function() io.stderr:write("closed\n") end })
local t, i = {}, 0
while true do i = i + 1; t[i] = { i } end
]])
out, err, code = run('LUASYNC_MEMORY_LIMIT=32 "$L" ' .. hog, nil, 60)
eq("a hog: status", code, 1)
eq("a hog: its <close> handler, then the error", err, "closed\nluasync: not enough memory\n")

-- The same, with what it took still held (a global) when the runner reports
-- the error: the report needs no more memory than there is left.
local holder = tmpfile([[
hold = {}
while true do hold[#hold + 1] = string.rep("x", 1000) .. #hold end
]])
out, err, code = run('LUASYNC_MEMORY_LIMIT=16 "$L" ' .. holder, nil, 60)
eq("a hog that holds on: status", code, 1)
eq("a hog that holds on: the error", err, "luasync: not enough memory\n")

-- A task that dies of it, its error never retrieved, while what it took is
-- still held at the end: its report is still written, if only its first
-- line (making the rest needs memory there is no more of). The report
-- must not need anything loaded then: report.lua loads at first use (and
-- in a release build nothing has loaded it here yet).
local unretrieved = tmpfile([[
local hold = {}
asyncio.spawn(function()
  while true do hold[#hold + 1] = string.rep("x", 1000) .. #hold end
end)
await(asyncio.sleep(0.01))
print("main done", #hold > 0)
]])
out, err, code = run('LUASYNC_MEMORY_LIMIT=16 "$L" ' .. unretrieved, nil, 60)
eq("unretrieved: status", code, 0)
eq("unretrieved: the script ran", out, "main done\ttrue\n")
has("unretrieved: the report", err, "Task exception was never retrieved\n")

-- An allocation refused in the task raises there, and pcall catches it:
-- that is the error for this overrun, delivered. The waits after it do not
-- raise it again (they did: the overrun's flag for "the next wait" was still
-- set, and the next wait failed with under 1 MB in use; a to_thread awaited
-- there failed while its job ran on). A task that goes on holding memory
-- beyond the limit and waits still gets it at its wait.
local caught = tmpfile([[
local t = {}
print(pcall(function() for i = 1, 1e9 do t[i] = string.rep("z", 4096) .. i end end))
t = nil; collectgarbage()
print(pcall(await, asyncio.sleep(0.01)))
print(pcall(await, asyncio.sleep(0.01)))
print(pcall(function() local u = {} for i = 1, 1e9 do u[i] = { i, i, i, i } end end))
print(pcall(await, asyncio.sleep(0.01)))
print(pcall(await, asyncio.to_thread(function() return "thread" end)))
local p = await(asyncio.create_subprocess_exec("true"))
print(pcall(await, p:wait()))
local hold = {}
print(pcall(function()
  while true do
    hold[#hold + 1] = string.rep("x", 1000) .. #hold
    if #hold % 100 == 0 then await(asyncio.sleep(0)) end
  end
end))
]])
out, err, code = run('LUASYNC_MEMORY_LIMIT=24 "$L" ' .. caught, nil, 60)
eq("caught: status", code, 0)
eq("caught: what the script saw", out, "false\tnot enough memory\ntrue\ntrue\n" ..
  "false\tnot enough memory\ntrue\ntrue\tthread\ntrue\t0\nfalse\tnot enough memory\n")
eq("caught: stderr", err, "")

-- The collector's pace (docs/lua-users.md): a pause of 400% at start, 100%
-- while memory is short, 400% again once it is not. The pause under
-- pressure is read by the hog itself, in the step where its memory error
-- reached it (read later, by another task, it depends on whether a
-- collection has found the hog's garbage meanwhile: timing).
local pace = tmpfile([[
print("at start", collectgarbage("setpause", 400))
local hog = asyncio.spawn(function()
  local t = {}
  print(pcall(function()
    while true do
      t[#t + 1] = string.rep("x", 1000) .. #t
      if #t % 100 == 0 then await(asyncio.sleep(0)) end
    end
  end))
  print("under pressure", collectgarbage("setpause", 100))
end)
await(hog)
collectgarbage()
await(asyncio.sleep(0))
print("after relief", collectgarbage("setpause", 400))
]])
out, err, code = run('LUASYNC_MEMORY_LIMIT=32 "$L" ' .. pace, nil, 60)
eq("pace: status", code, 0)
eq("pace: the pauses", out, "at start\t400\nfalse\tnot enough memory\nunder pressure\t100\nafter relief\t400\n")

-- In the REPL: an input that uses up memory fails, the REPL goes on.
local input = tmpfile([[
local t = {} for i = 1, 1e9 do t[i] = { i } end
print("the REPL goes on")
]])
out, err, code = run('LUASYNC_MEMORY_LIMIT=32 "$L" -i < ' .. input, nil, 60)
eq("REPL: status", code, 0)
has("REPL: the input's error", err, "not enough memory")
has("REPL: the next input runs", out, "the REPL goes on\n")

-- First steps wait while memory is short: 40,000 tasks that each sleep a
-- second do not fit in 32 MB at once. The first start and sleep; the rest
-- wait, then start in the order they were made once the first have ended,
-- and none fails. One cancelled while it waits ends at once, cancelled.
-- (Each first coroutine was the runtime's memory: the first steps took the
-- reserve, the tasks failed with "not enough memory", then the runtime did,
-- with an internal error.)
local waiting_source = [[
local N = 40000
local started, done, in_order, last = 0, 0, true, 0
local tasks = {}
for i = 1, N do
  tasks[i] = asyncio.spawn(function()
    if i < last then in_order = false end
    last = i
    started = started + 1
    local _ <close> = setmetatable({}, { __close = function() done = done + 1 end })
    await(asyncio.sleep(1))
  end)
end
await(asyncio.sleep(0))
print("some wait to start", started < N // 2)
tasks[N]:cancel()
await(asyncio.sleep(0.5))
print("one of them cancelled before it started", tasks[N]:cancelled(), started < N // 2)
for i = 1, N - 1 do await(tasks[i]) end
print("the others ran, in order", started == N - 1, done == N - 1, in_order)
]]
local waiting = tmpfile(waiting_source)
out, err, code = run('LUASYNC_MEMORY_LIMIT=32 "$L" --clock=virtual ' .. waiting, nil, 60)
eq("first steps wait: status", code, 0)
eq("first steps wait: what the script saw", out, "some wait to start\ttrue\n" ..
  "one of them cancelled before it started\ttrue\ttrue\nthe others ran, in order\ttrue\ttrue\ttrue\n")
eq("first steps wait: stderr", err, "")

-- A memory deadlock: the tasks that started wait for a future that only a
-- task still waiting to start would set. The loop stalls; the runner says
-- so, and why, and the run ends (starting the waiting tasks anyway took the
-- runtime's reserve: an internal error).
local deadlock = tmpfile([[
local N = 40000
local f = asyncio.get_running_loop():create_future()
local tasks = {}
for i = 1, N - 1 do
  tasks[i] = asyncio.spawn(function()
    local _ <close> = setmetatable({}, { __close = function() end })
    await(f)
  end)
end
tasks[N] = asyncio.spawn(function() f:set_result(true) end)
await(tasks[N])
]])
out, err, code = run('LUASYNC_MEMORY_LIMIT=32 "$L" --clock=virtual ' .. deadlock, nil, 60)
eq("memory deadlock: status", code, 1)
has("memory deadlock: the report", err, "luasync: deadlock: the main task waits at ")
has("memory deadlock: why", err, " tasks wait to start until memory is freed: the memory limit is too low for them)")
if err:find("internal error", 1, true) then fail("memory deadlock: internal error", err:sub(1, 300)) end

-- The same in debug mode, where each task also keeps where it was made,
-- with twice as many tasks: the main task runs out of memory, and the
-- runner, whose list of the tasks to cancel needs memory too, reports it
-- (this list was refused: an internal error). (40,000 fit since a task
-- records its frames in C, without a getinfo table per level to collect.)
local waiting_more = tmpfile((waiting_source:gsub("local N = 40000", "local N = 80000")))
out, err, code = run('LUASYNC_MEMORY_LIMIT=32 "$L" --debug --clock=virtual ' .. waiting_more, nil, 60)
if asan and code == 0 then
  -- (An ASan build's blocks are malloc's, counted at their size, not at
  -- the slab heap's size classes: after the full collection an overrun
  -- runs first, the tasks fit. Then the script must have seen all of it.)
  eq("debug mode, memory short (ASan: it fitted): what the script saw", out, "some wait to start\ttrue\n" ..
    "one of them cancelled before it started\ttrue\ttrue\nthe others ran, in order\ttrue\ttrue\ttrue\n")
  eq("debug mode, memory short (ASan: it fitted): stderr", err, "")
else
  eq("debug mode, memory short: status", code, 1)
  -- (Making 80,000 tasks is one step of real time, which debug mode reports
  -- as slow when it takes 0.1 s or more, under the virtual clock too.)
  local slow = "^Executing <Task finished name='Task%-1' [^\n]*> took %d+%.%d+ seconds\n"
  eq("debug mode, memory short: stderr", (err:gsub(slow, "")), "luasync: not enough memory\n")
end

-- In the REPL: an input spawns more tasks than memory holds once they have
-- started. The REPL goes on, as do the inputs after it, and it cancels the
-- tasks when it ends (this was an internal error, the REPL gone).
local spawning = tmpfile([[
for i = 1, 20000 do asyncio.spawn(function() local _ <close> = setmetatable({}, {__close = function() end}) await(asyncio.sleep(3600)) end) end
await(asyncio.sleep(0.1))
print("the next input runs")
collectgarbage()
print("and the one after")
]])
out, err, code = run('LUASYNC_MEMORY_LIMIT=32 "$L" -i < ' .. spawning, nil, 60)
eq("REPL, spawning: status", code, 0)
has("REPL, spawning: the next input", out, '> print("the next input runs")\nthe next input runs\n')
has("REPL, spawning: the one after", out, '> print("and the one after")\nand the one after\n')
has("REPL, spawning: the tasks cancelled at the end", out, "cancelled 20000 pending tasks\n")
eq("REPL, spawning: stderr", err, "")

-- Under an address-space limit: luasync keeps its Lua state within it, so
-- malloc does not fail under C++ or libuv first.
if asan then
  io.stderr:write("out_of_memory: an ASan build: the ulimit -v case runs in the release build only\n")
else
  for _, kib in ipairs({ 100000, 150000 }) do
    out, err, code, ms = run('ulimit -v ' .. kib .. '; "$L" --clock=virtual ' .. spawner, nil, 60)
    check_spawner("ulimit -v " .. kib, out, err, code, ms)
  end
end
finish()
