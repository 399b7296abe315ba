-- A TaskGroup whose scope ends where nothing may suspend -- a break out of
-- the loop over an async generator (which closes it with coroutine.close),
-- coroutine.close itself, a table.sort comparator -- cannot wait for its
-- children. It cancels them (they are never left running unowned), and
-- raises a RuntimeError that says so; an error a child raises afterwards is
-- reported as never retrieved. (CPython closes an async generator left by
-- a break later, from a task of the loop's.) A timeout scope there closes
-- quietly and never fires afterwards.
local cli = require "lib.cli"
local eq, has, check, tmpfile, run = cli.eq, cli.has, cli.check, cli.tmpfile, cli.run

local closed = "RuntimeError: TaskGroup cannot wait for its tasks while its coroutine is closed (coroutine.close, " ..
  "or a break out of the loop over an async generator): 1 task still running was cancelled, and nothing waits " ..
  "for it (a coroutine closed early cannot wait: yield outside the TaskGroup's scope)"
local events = {}
local function note(s) events[#events + 1] = s end

local child = async(function(name)
  local ok, e = pcall(await, asyncio.sleep(10))
  note(name .. (ok and " finished" or " cancelled"))
  if not ok then error(e, 0) end
end)

-- a break out of the loop
local gen = asyncio.async_generator(function()
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(child("gen child"))
  for i = 1, 5 do
    await(asyncio.sleep(0.001))
    coroutine.yield(i)
  end
end)
local ok, e = pcall(function()
  for i in gen() do if i == 2 then break end end
end)
eq("break: raises", ok, false)
eq("break: says so", tostring(e), closed)
await(asyncio.sleep(0.05))
eq("break: the child was cancelled", table.concat(events, ", "), "gen child cancelled")
eq("break: no task left", #asyncio.all_tasks(), 1)

-- coroutine.close
events = {}
local co = coroutine.create(function()
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(child("co child"))
  await(asyncio.sleep(0))  -- the child starts
  coroutine.yield()
end)
coroutine.resume(co)
ok, e = coroutine.close(co)
eq("coroutine.close: fails", ok, false)
eq("coroutine.close: says so", tostring(e), closed)
await(asyncio.sleep(0))
eq("coroutine.close: the child was cancelled", table.concat(events, ", "), "co child cancelled")

-- a comparator: the scope ends inside table.sort
-- (its child never started: cancelled before its first step, it never runs)
local sort_child
ok, e = pcall(table.sort, { 2, 1 }, function(a, b)
  local tg <close> = asyncio.TaskGroup()
  sort_child = tg:create_task(child("sort child"))
  return a < b
end)
eq("table.sort: raises", ok, false)
has("table.sort: names it", tostring(e), "RuntimeError: TaskGroup cannot wait for its tasks inside 'table.sort': " ..
  "1 task still running was cancelled")
await(asyncio.sleep(0))
eq("table.sort: the child was cancelled", sort_child:cancelled(), true)

-- no child left: nothing to wait for, the scope closes as usual
local quiet = asyncio.async_generator(function()
  local tg <close> = asyncio.TaskGroup()
  for i = 1, 5 do coroutine.yield(i) end
end)
ok, e = pcall(function() for i in quiet() do if i == 2 then break end end end)
eq("a group without children: closes quietly", tostring(ok) .. " " .. tostring(e), "true nil")

-- a timeout scope left by a break closes quietly, and does not fire later
local timed = asyncio.async_generator(function()
  local _ <close> = asyncio.timeout(0.5)
  for i = 1, 5 do
    await(asyncio.sleep(0.001))
    coroutine.yield(i)
  end
end)
ok, e = pcall(function() for i in timed() do if i == 2 then break end end end)
eq("timeout: closes quietly", tostring(ok) .. " " .. tostring(e), "true nil")
ok, e = pcall(await, asyncio.sleep(1))
eq("timeout: never fires after", tostring(ok) .. " " .. tostring(e), "true nil")
eq("timeout: not cancelling", asyncio.current_task():cancelling(), 0)

-- a child that fails while cancelled after that: nobody collects its error
local script = tmpfile([[
local gen = asyncio.async_generator(function()
  local tg <close> = asyncio.TaskGroup()
  tg:spawn(function()
    pcall(await, asyncio.sleep(10))
    error("cleanup failed")
  end)
  await(asyncio.sleep(0))
  coroutine.yield(1)
end)
print(pcall(function() for i in gen() do break end end))
await(asyncio.sleep(0.1))
print("end")
]])
local out, err, code = run('"$L" ' .. script)
eq("never retrieved: status", code, 0)
has("never retrieved: the break's error", out, "false\tRuntimeError: TaskGroup cannot wait")
has("never retrieved: goes on", out, "end")
has("never retrieved: reported", err, "Task exception was never retrieved")
has("never retrieved: its error", err, "cleanup failed")
check("never retrieved: no pending task", not err:find("pending", 1, true), err)
cli.finish()
