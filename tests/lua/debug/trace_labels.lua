-- A trace names a wait as ps and tasks() name it (one source:
-- listing.operation): Lock.acquire, Event.wait, Semaphore.acquire,
-- Condition.wait, Barrier.wait (not the Condition.wait it is built on),
-- Queue.get, TaskGroup, to_thread; a Future of the user's is "Future".
-- Queue hand-offs draw wake arrows, as Futures' completions do: from the
-- task whose put released a get, and whose get released a put.
local cli = require "lib.cli"
local trace_of = require("lib.trace").trace_of
local listing = require "luasync.listing"
local eq, has = cli.eq, cli.has

local tr, text = trace_of("labels", [[
local lock, ev, sem, cond, q, bar = asyncio.Lock(), asyncio.Event(), asyncio.Semaphore(0), asyncio.Condition(),
  asyncio.Queue(), asyncio.Barrier(2)
await(lock:acquire())
local function named(name, fn) return asyncio.create_task(async(fn)(), { name = name }) end
local ts = {
  named("lock", function() local _ <close> = await(lock:acquire()) end),
  named("event", function() await(ev:wait()) end),
  named("semaphore", function() await(sem:acquire()) end),
  named("condition", function() local _ <close> = await(cond:acquire()); await(cond:wait()) end),
  named("queue", function() await(q:get()) end),
  named("barrier", function() await(bar:wait()) end),
  named("future", function()
    local f = asyncio.get_running_loop():create_future()
    asyncio.get_running_loop():call_later(0.3, function() f:set_result(1) end)
    await(f)
  end),
  named("wait_for", function() await(asyncio.wait_for(ev:wait(), 5)) end),
  named("group", function()
    local tg <close> = asyncio.TaskGroup()
    tg:create_task(asyncio.sleep(0.5))
  end),
}
await(asyncio.sleep(0.2))
lock:release(); ev:set(); sem:release(); q:put_nowait(1); await(bar:wait())
do local _ <close> = await(cond:acquire()); cond:notify_all() end
await(asyncio.gather(table.unpack(ts)))
]])
local function first_wait(name)
  return tr[name] and tr[name].spans:match("wait ([^,]-) [%d.]+ [%d.]+") or "(none)"
end
for name, label in pairs({ lock = "Lock.acquire", event = "Event.wait", semaphore = "Semaphore.acquire",
  condition = "Condition.wait", queue = "Queue.get", barrier = "Barrier.wait", future = "Future",
  wait_for = "Event.wait", group = "TaskGroup" }) do
  eq("the wait of " .. name, first_wait(name), label)
end
eq("the main task's", first_wait("Task-1"), "sleep")

-- The HTML's hover text names them so too.
local html = os.tmpname() .. ".html"
local script = cli.tmpfile([[
local ev = asyncio.Event()
local t = asyncio.create_task(async(function() await(ev:wait()) end)(), { name = "waiter" })
await(asyncio.sleep(1))
ev:set()
await(t)
]])
cli.run("$L --clock=virtual --trace=" .. html .. " " .. script)
has("the hover of a wait on an Event", cli.slurp(html), "<title>waiter waits on Event.wait: 0s to 1s</title>")
os.remove(html)

-- ps and tasks() say Barrier.wait too, and TaskGroup.
local bar = asyncio.Barrier(2)
local b = asyncio.create_task(async(function() await(bar:wait()) end)(), { name = "at-barrier" })
local g = asyncio.create_task(async(function()
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(asyncio.sleep(0.5))
end)(), { name = "in-group" })
await(asyncio.sleep(0.1))
local waits = {}
for _, row in ipairs(listing.rows()) do waits[#waits + 1] = row[1] .. ": " .. row[4] end
has("ps: a Barrier", table.concat(waits, "\n"), "at-barrier: Barrier.wait")
has("ps: a TaskGroup", table.concat(waits, "\n"), "in-group: TaskGroup")
await(bar:wait())
await(b)
await(g)

-- Queue hand-offs: a put_nowait that releases a get, a get that releases
-- a put (a Queue of one), and an Event's set, each draws its arrow.
tr = trace_of("queue arrows", [[
local q = asyncio.Queue(1)
local ev = asyncio.Event()
local c = asyncio.create_task(async(function()
  await(q:get()); await(asyncio.sleep(0.5)); await(q:get())
end)(), { name = "consumer" })
local p = asyncio.create_task(async(function()
  await(asyncio.sleep(0.5)); q:put_nowait(1); await(q:put(2)); await(q:put(3))
end)(), { name = "producer" })
local w = asyncio.create_task(async(function() await(ev:wait()) end)(), { name = "ev-waiter" })
local s = asyncio.create_task(async(function() await(asyncio.sleep(0.2)); ev:set() end)(), { name = "setter" })
await(asyncio.gather(c, p, w, s))
]])
eq("the consumer is woken by the producer", tr.consumer and tr.consumer.arrows, "wake from producer 0.5")
eq("the producer by the consumer", tr.producer and tr.producer.arrows, "wake from consumer 0.5, wake from consumer 1")
eq("the Event's waiter by its setter", tr["ev-waiter"] and tr["ev-waiter"].arrows, "wake from setter 0.2")
eq("the waits of the consumer", tr.consumer and tr.consumer.spans:match("wait .*"),
  "wait Queue.get 0 0.5, wait sleep 0.5 0.5")
eq("the waits of the producer", tr.producer and tr.producer.spans:match("wait .*"),
  "wait sleep 0 0.5, wait Queue.put 0.5 0, wait Queue.put 0.5 0.5")

cli.finish()
