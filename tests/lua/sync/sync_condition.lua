-- Condition: notify(n) and notify_all() wake waiters in FIFO order holding the
-- lock, wait_for re-checks its predicate and returns its value, misuse errors,
-- a cancelled waiter re-acquires the lock, a Condition over a shared Lock.
-- Reference: reference/sync_condition.py

local p = require("lib.show").p

local expect = require("lib.show").expect

local main = async(function()
  local cond = asyncio.Condition()
  p("1 locked", cond:locked())

  -- 2. notify(n) wakes the n first waiters, notify_all() the rest, in order;
  --    each one returns from wait() holding the lock
  local waiter = async(function(name)
    local _ <close> = await(cond:acquire())
    p("2", name, "waits")
    local r = await(cond:wait())
    p("2", name, "notified, wait returned", r, "locked", cond:locked())
    await(asyncio.sleep(0))
    p("2", name, "leaves")
  end)

  local ts = {}
  for _, n in ipairs({ "a", "b", "c", "d" }) do ts[#ts + 1] = asyncio.create_task(waiter(n)) end
  await(asyncio.sleep(0))
  do
    local _ <close> = await(cond:acquire())
    p("2 main notifies 1")
    cond:notify()
  end
  await(asyncio.sleep(0.01))
  do
    local _ <close> = await(cond:acquire())
    p("2 main notifies 2")
    cond:notify(2)
  end
  await(asyncio.sleep(0.01))
  do
    local _ <close> = await(cond:acquire())
    p("2 main notifies all")
    cond:notify_all()
  end
  await(asyncio.gather(table.unpack(ts)))

  -- 3. notify() with nobody waiting does nothing
  do
    local _ <close> = await(cond:acquire())
    cond:notify()
    cond:notify_all()
  end
  p("3 ok")

  -- 4. wait_for(predicate) re-checks after every notification and returns
  --    the predicate's value
  local state = { n = 0 }

  local watcher = async(function()
    local _ <close> = await(cond:acquire())
    local r = await(cond:wait_for(function() return state.n >= 3 and "enough" end))
    p("4 watcher sees n =", state.n, "wait_for returned", r)
  end)

  local t = asyncio.create_task(watcher())
  await(asyncio.sleep(0))
  for _ = 1, 4 do
    do
      local _ <close> = await(cond:acquire())
      state.n = state.n + 1
      p("4 n =", state.n)
      cond:notify_all()
    end
    await(asyncio.sleep(0))
  end
  await(t)

  -- 5. a true predicate returns at once
  do
    local _ <close> = await(cond:acquire())
    local r = await(cond:wait_for(function() return 42 end))
    p("5 wait_for returned", r)
  end

  -- 6. misuse
  p("6", expect(asyncio.RuntimeError, pcall(await, cond:wait())))
  p("6", expect(asyncio.RuntimeError, pcall(function() cond:notify() end)))
  p("6", expect(asyncio.RuntimeError, pcall(function() cond:notify_all() end)))

  -- 7. a cancelled waiter re-acquires the lock before the error leaves wait()
  local cancelled_waiter = async(function()
    local _ <close> = await(cond:acquire())
    local ok, e = pcall(await, cond:wait())
    if not ok then
      if asyncio.CancelledError:is(e) then p("7 cancelled, locked", cond:locked()) end
      error(e, 0)
    end
  end)

  t = asyncio.create_task(cancelled_waiter())
  await(asyncio.sleep(0))
  t:cancel()
  await(asyncio.gather(t, { return_exceptions = true }))
  p("7 cancelled", t:cancelled(), "locked", cond:locked())

  -- 8. a Condition over a shared Lock
  local lock = asyncio.Lock()
  local cond2 = asyncio.Condition(lock)
  do
    local _ <close> = await(lock:acquire())
    p("8 cond2 locked", cond2:locked())
  end
  p("8 cond2 locked", cond2:locked())
end)

asyncio.run(main())
