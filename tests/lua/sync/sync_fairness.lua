-- Fairness and leftovers: a waiter woken by release() keeps its turn against
-- a newcomer (Lock, Semaphore); a newcomer takes a lock whose waiters are all
-- cancelled; a Condition waiter cancelled after notify() passes it on; a
-- Queue getter is only woken, so get_nowait() by another task can take the
-- item first; timeouts around wait(), get() and acquire() leave nothing behind.
-- Reference: reference/sync_fairness.py

local p = require("lib.show").p

local expect = require("lib.show").expect

local main = async(function()
  -- 1. Lock: a task woken by release() keeps its turn; a newcomer that
  --    calls acquire() before it runs waits behind it
  local lock = asyncio.Lock()
  await(lock:acquire())

  local taker = async(function(name)
    local _ <close> = await(lock:acquire())
    p("1", name, "has the lock")
    await(asyncio.sleep(0))
  end)

  local a = asyncio.create_task(taker("a"))
  await(asyncio.sleep(0))
  lock:release()
  p("1 released, locked", lock:locked())
  local b = asyncio.create_task(taker("b"))
  await(asyncio.sleep(0))
  await(lock:acquire())
  p("1 main has the lock")
  lock:release()
  await(asyncio.gather(a, b))

  -- 2. Lock: when every waiter is cancelled, a newcomer takes the free lock
  --    at once
  await(lock:acquire())
  local w = asyncio.create_task(lock:acquire())
  await(asyncio.sleep(0))
  w:cancel()
  lock:release()
  await(lock:acquire())
  p("2 main took the lock past a cancelled waiter, locked", lock:locked())
  lock:release()
  await(asyncio.gather(w, { return_exceptions = true }))

  -- 3. Semaphore: a woken waiter keeps its turn too; locked() is true
  --    while a waiter is pending
  local sem = asyncio.Semaphore(1)
  await(sem:acquire())

  local sem_taker = async(function(name)
    local _ <close> = await(sem:acquire())
    p("3", name, "in")
    await(asyncio.sleep(0))
  end)

  a = asyncio.create_task(sem_taker("a"))
  await(asyncio.sleep(0))
  sem:release()
  p("3 released, locked", sem:locked())
  await(sem:acquire())
  p("3 main in")
  sem:release()
  await(a)

  -- 4. Condition: a waiter cancelled after notify() passes the
  --    notification to the next waiter
  local cond = asyncio.Condition()

  local cwaiter = async(function(name)
    local _ <close> = await(cond:acquire())
    local ok, e = pcall(await, cond:wait())
    if not ok then
      if asyncio.CancelledError:is(e) then p("4", name, "cancelled") end
      error(e, 0)
    end
    p("4", name, "notified")
  end)

  local ts = { asyncio.create_task(cwaiter("a")), asyncio.create_task(cwaiter("b")) }
  await(asyncio.sleep(0))
  do
    local _ <close> = await(cond:acquire())
    cond:notify(1)
  end
  ts[1]:cancel()
  await(asyncio.gather(ts[1], ts[2], { return_exceptions = true }))
  p("4 cancelled", ts[1]:cancelled(), ts[2]:cancelled())

  -- 5. Queue: a getter is only woken by put_nowait(); whoever calls
  --    get_nowait() first takes the item, and the woken getter waits again
  local q = asyncio.Queue()

  local getter = async(function()
    local item = await(q:get())
    p("5 getter got", item)
  end)

  local g = asyncio.create_task(getter())
  await(asyncio.sleep(0))
  q:put_nowait("first")
  p("5 main took", q:get_nowait())
  await(asyncio.sleep(0))
  p("5 getter still waiting", not g:done())
  q:put_nowait("second")
  await(g)

  -- 6. timeouts around waits leave nothing behind
  local ev = asyncio.Event()
  local e = expect(asyncio.TimeoutError, pcall(await, asyncio.wait_for(ev:wait(), 0.05)))
  p("6 event wait timed out:", getmetatable(e).__name)
  ev:set()
  p("6 set, wait returns", await(asyncio.wait_for(ev:wait(), 0.05)))
  expect(asyncio.TimeoutError, pcall(function()
    local _ <close> = asyncio.timeout(0.05)
    await(q:get())
  end))
  p("6 get timed out, qsize", q:qsize())
  q:put_nowait("x")
  p("6 got", await(asyncio.wait_for(q:get(), 0.05)))
  await(lock:acquire())
  expect(asyncio.TimeoutError, pcall(await, asyncio.wait_for(lock:acquire(), 0.05)))
  p("6 lock acquire timed out, locked", lock:locked())
  lock:release()
  p("6 lock free again", not lock:locked())
end)

asyncio.run(main())
