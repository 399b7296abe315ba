-- Quick self-checks of TaskGroup, the locks, the queues and
-- async_generator. Event orders were checked against CPython 3.13 running
-- the same scenarios (the reference tests live beside their .py files).
local log = {}
local function p(...)
  local parts = table.pack(...)
  for i = 1, parts.n do parts[i] = tostring(parts[i]) end
  log[#log + 1] = table.concat(parts, " ", 1, parts.n)
end
local function check(name, expected)
  local got = table.concat(log, "\n")
  log = {}
  if got ~= expected then
    error(("%s:\n--- expected:\n%s\n--- got:\n%s"):format(name, expected, got), 0)
  end
end
local function err(f, ...)
  local ok, e = pcall(f, ...)
  assert(not ok, "expected an error")
  return tostring(e)
end

-- Lock: FIFO, a cancelled waiter leaves its place, guards release.
do
  local lock = asyncio.Lock()
  local worker = async(function(name)
    p(name, "wants")
    do
      local _ <close> = await(lock:acquire())
      p(name, "has")
      await(asyncio.sleep(1))
    end
    p(name, "released")
  end)
  local ts = {}
  for i = 0, 3 do ts[#ts + 1] = asyncio.create_task(worker("w" .. i)) end
  await(asyncio.sleep(0.5))
  ts[3]:cancel()
  await(asyncio.gather(ts[1], ts[2], ts[3], ts[4], { return_exceptions = true }))
  p(lock:locked(), err(lock.release, lock))
  -- a waiter cancelled after it was woken passes the lock on
  await(lock:acquire())
  local t1 = asyncio.create_task(lock:acquire())
  local t2 = asyncio.create_task(lock:acquire())
  await(asyncio.sleep(0))
  lock:release()
  t1:cancel()
  await(asyncio.sleep(0))
  p(t1:cancelled(), t2:done(), lock:locked())
  p(tostring(lock):match("%[.*%]"))
end
check("Lock", [==[
w0 wants
w0 has
w1 wants
w2 wants
w3 wants
w0 released
w1 has
w1 released
w3 has
w3 released
false RuntimeError: Lock is not acquired.
true false false
[unlocked, waiters:1]]==])

-- Event, Semaphore, BoundedSemaphore
do
  local ev = asyncio.Event()
  local waiter = async(function(i) p("wait", i); p(await(ev:wait())); p("woke", i) end)
  local ws = {}
  for i = 0, 2 do ws[#ws + 1] = asyncio.create_task(waiter(i)) end
  await(asyncio.sleep(0))
  ev:set()
  p(ev:is_set(), await(ev:wait()))
  await(asyncio.gather(table.unpack(ws)))
  local sem = asyncio.Semaphore(2)
  local peak, now = 0, 0
  local s = async(function(i)
    local _ <close> = await(sem:acquire())
    now = now + 1; peak = math.max(peak, now)
    p("in", i); await(asyncio.sleep(1)); p("out", i)
    now = now - 1
  end)
  await(asyncio.gather(s(0), s(1), s(2), s(3), s(4)))
  p("peak", peak)
  local b = asyncio.BoundedSemaphore(1)
  p(err(b.release, b), err(asyncio.Semaphore, -1))
  -- a woken waiter cancelled before it runs gives its unit to the next
  local z = asyncio.Semaphore(0)
  local a1, a2 = asyncio.create_task(z:acquire()), asyncio.create_task(z:acquire())
  await(asyncio.sleep(0))
  z:release()
  a1:cancel()
  await(asyncio.sleep(0)); await(asyncio.sleep(0))
  p(a1:cancelled(), a2:done(), z:locked())
end
check("Event and Semaphore", [[
wait 0
wait 1
wait 2
true true
true
woke 0
true
woke 1
true
woke 2
in 0
in 1
out 0
out 1
in 2
in 3
out 2
out 3
in 4
out 4
peak 2
ValueError: BoundedSemaphore released too many times ValueError: Semaphore initial value must be >= 0
true true true]])

-- Condition and Barrier
do
  local cond = asyncio.Condition()
  p(err(cond.notify, cond), err(await, cond:wait()))
  local items = {}
  local consumer = async(function(i)
    local _ <close> = await(cond:acquire())
    await(cond:wait_for(function() return #items > 0 end))
    p("consumer", i, "got", table.remove(items, 1))
  end)
  local cs = {}
  for i = 0, 2 do cs[#cs + 1] = asyncio.create_task(consumer(i)) end
  await(asyncio.sleep(0))
  for _, x in ipairs({ "a", "b", "c" }) do
    do
      local _ <close> = await(cond:acquire())
      items[#items + 1] = x
      cond:notify()
    end
    await(asyncio.sleep(0))
  end
  await(asyncio.gather(table.unpack(cs)))
  local b = asyncio.Barrier(3)
  p(b.parties, b.n_waiting, b.broken)
  local bw = async(function(i)
    await(asyncio.sleep(i))
    p("arrive", i, b.n_waiting)
    p("pass", i, await(b:wait()))
  end)
  await(asyncio.gather(bw(0), bw(1), bw(2)))
  local bw2 = async(function(i)
    local ok, e = pcall(await, b:wait())
    if not ok then p("broken", i, e) end
  end)
  local ts = { asyncio.create_task(bw2(0)), asyncio.create_task(bw2(1)) }
  await(asyncio.sleep(0))
  p(b.n_waiting)
  await(b:abort())
  await(asyncio.gather(table.unpack(ts)))
  p(b.broken, err(await, b:wait()), err(asyncio.Barrier, 0))
end
check("Condition and Barrier", [[
RuntimeError: cannot notify on un-acquired lock RuntimeError: cannot wait on un-acquired lock
consumer 0 got a
consumer 1 got b
consumer 2 got c
3 0 false
arrive 0 0
arrive 1 1
arrive 2 2
pass 2 2
pass 0 0
pass 1 1
2
broken 0 BrokenBarrierError: Abort or reset of barrier
broken 1 BrokenBarrierError: Abort or reset of barrier
true BrokenBarrierError: Barrier aborted ValueError: parties must be > 0]])

-- Queues
do
  local q = asyncio.Queue(2)
  p(q, q.maxsize, q:qsize(), q:empty(), q:full())
  await(q:put(1)); q:put_nowait(2)
  p(q, q:full(), err(q.put_nowait, q, 3))
  local producer = asyncio.spawn(function() for i = 3, 4 do await(q:put(i)); p("put", i) end end)
  await(asyncio.sleep(0))
  p(q)
  for _ = 1, 4 do p("got", await(q:get())); q:task_done(); await(asyncio.sleep(0)) end
  await(producer)
  p(err(q.get_nowait, q), err(q.task_done, q))
  -- two gets at once are two coroutine objects
  q:put_nowait("a"); q:put_nowait("b")
  local rs = await(asyncio.gather(q:get(), q:get()))
  p(rs[1], rs[2])
  q:task_done(); q:task_done()
  -- join waits for task_done of every item
  local worker = async(function(n)
    while true do
      local item = await(q:get())
      await(asyncio.sleep(item))
      p(n, "processed", item)
      q:task_done()
    end
  end)
  local ws = { asyncio.create_task(worker(0)), asyncio.create_task(worker(1)) }
  for _, i in ipairs({ 1, 2, 3 }) do await(q:put(i)) end
  await(q:join())
  p("joined", q)
  for _, w in ipairs(ws) do w:cancel() end
  -- a getter cancelled after it was woken loses nothing
  local q2 = asyncio.Queue()
  local g1, g2 = asyncio.create_task(q2:get()), asyncio.create_task(q2:get())
  await(asyncio.sleep(0))
  q2:put_nowait("x")
  g1:cancel()
  await(asyncio.sleep(0)); await(asyncio.sleep(0))
  p(g1:cancelled(), g2:result(), q2:qsize())
  -- shutdown
  local q3 = asyncio.Queue()
  local g = asyncio.create_task(q3:get())
  await(asyncio.sleep(0))
  q3:shutdown()
  await(asyncio.sleep(0))
  p(g:exception(), q3, err(q3.put_nowait, q3, 1))
  local q4 = asyncio.Queue()
  q4:put_nowait(1); q4:put_nowait(2)
  local j = asyncio.create_task(q4:join())
  await(asyncio.sleep(0))
  q4:shutdown(true)
  await(asyncio.sleep(0))
  p(j:done(), q4:qsize(), q4, err(q4.get_nowait, q4))
  local pq = asyncio.PriorityQueue()
  for _, it in ipairs({ { 3, "c" }, { 1, "a" }, { 2, "b" }, { 1, "z" }, { 0, "y" } }) do pq:put_nowait(it) end
  local out = {}
  for i = 1, 5 do local it = pq:get_nowait(); out[i] = it[1] .. it[2] end
  p(table.concat(out, " "))
  local lq = asyncio.LifoQueue()
  for i = 0, 3 do lq:put_nowait(i) end
  p(lq, lq:get_nowait(), lq:get_nowait(), lq:get_nowait(), lq:get_nowait())
end
check("Queues", [[
<Queue maxsize=2> 2 0 true false
<Queue maxsize=2 _queue=[1, 2] tasks=2> true QueueFull
<Queue maxsize=2 _queue=[1, 2] _putters[1] tasks=2>
got 1
put 3
got 2
put 4
got 3
got 4
QueueEmpty ValueError: task_done() called too many times
a b
0 processed 1
1 processed 2
0 processed 3
joined <Queue maxsize=2 _getters[2]>
true x 0
QueueShutDown <Queue maxsize=0 shutdown> QueueShutDown
true 0 <Queue maxsize=0 shutdown> QueueShutDown
0y 1a 1z 2b 3c
<LifoQueue maxsize=0 tasks=4> 3 2 1 0]])

-- TaskGroup
do
  local fail = async(function(d, msg) await(asyncio.sleep(d)); error(asyncio.ValueError(msg)) end)
  local work = async(function(d, name)
    local ok, e = pcall(await, asyncio.sleep(d))
    if not ok then p(name, "cancelled"); error(e, 0) end
    p(name, "done")
    return name
  end)
  local a, b
  do
    local tg <close> = asyncio.TaskGroup()
    a = tg:create_task(work(1, "a"))
    b = tg:spawn(function(x) return x end, "b")
    p(tg)
  end
  p(a:result(), b:result())
  local me = asyncio.current_task()
  local t1, t2
  local ok, eg = pcall(function()
    local tg <close> = asyncio.TaskGroup()
    t1 = tg:create_task(fail(1, "boom"))
    t2 = tg:create_task(work(5, "t2"))
    tg:create_task(fail(1, "bang"))
    await(asyncio.sleep(10))
    p("not reached")
  end)
  p(eg, eg.exceptions[1], eg.exceptions[2])
  p("t1 cancelled?", t1:cancelled(), "t2 cancelled?", t2:cancelled(), me:cancelling())
  ok, eg = pcall(function()
    local outer <close> = asyncio.TaskGroup()
    outer:create_task(work(5, "o1"))
    local inner <close> = asyncio.TaskGroup()
    inner:create_task(fail(1, "inner"))
  end)
  p(eg.exceptions[1], eg.exceptions[1].exceptions[1])
  local tg
  do
    tg = asyncio.TaskGroup()
    local _ <close> = tg
  end
  p(err(tg.create_task, tg, work(1, "x")))
  local owner = asyncio.spawn(function()
    local g <close> = asyncio.TaskGroup()
    g:create_task(work(5, "k1"))
    g:create_task(work(5, "k2"))
    await(asyncio.sleep(10))
  end)
  await(asyncio.sleep(1))
  owner:cancel()
  p(err(await, owner), owner:cancelling(), me:cancelling())
  -- tg:cancel() from a child: every child stops, nothing is collected
  ok, eg = pcall(function()
    local g <close> = asyncio.TaskGroup()
    g:create_task(work(5, "c1"))
    g:spawn(function() await(asyncio.sleep(1)); g:cancel() end)
    await(asyncio.sleep(10))
  end)
  p(ok, eg, me:cancelling())
  -- tg:cancel() from the body, which then leaves without awaiting: quiet
  local kept
  do
    local g <close> = asyncio.TaskGroup()
    kept = g
    local c2 = g:create_task(work(5, "c2"))
    await(asyncio.sleep(0))
    g:cancel()
    g:cancel()
  end
  kept:cancel()
  p("quiet exit", me:cancelling())
  p(err(asyncio.TaskGroup().create_task, nil))
end
check("TaskGroup", [[
<TaskGroup tasks=2 entered>
a done
a b
t2 cancelled
ExceptionGroup: unhandled errors in a TaskGroup (2 sub-exceptions) ValueError: boom ValueError: bang
t1 cancelled? false t2 cancelled? true 0
o1 cancelled
ExceptionGroup: unhandled errors in a TaskGroup (1 sub-exception) ValueError: inner
RuntimeError: TaskGroup <TaskGroup entered> is finished
k1 cancelled
k2 cancelled
CancelledError 1 0
c1 cancelled
false CancelledError 0
c2 cancelled
quiet exit 0
bad argument #1 to 'create_task' (TaskGroup expected; call it as tg:create_task(...))]])

-- async_generator: break runs the generator's cleanup
do
  local ticks = asyncio.async_generator(function(n)
    local _ <close> = setmetatable({}, { __close = function() p("cleanup") end })
    for i = 1, n do
      await(asyncio.sleep(1))
      coroutine.yield(i)
    end
  end)
  for i in ticks(5) do
    p("tick", i)
    if i == 2 then break end
  end
  for i in ticks(1) do p("tick", i) end
  p(pcall(function() for _ in ticks(3) do error("body fails", 0) end end))
  local broken = asyncio.async_generator(function()
    local _ <close> = setmetatable({}, { __close = function() p("broken cleanup") end })
    coroutine.yield(1)
    await(asyncio.sleep(0))
    error("generator fails", 0)
  end)
  p(pcall(function() for x in broken() do p("got", x) end end))
end
check("async_generator", [[
tick 1
tick 2
cleanup
tick 1
cleanup
cleanup
false body fails
got 1
broken cleanup
false generator fails]])

print("sync_smoke: ok")
