-- Lock: a free lock is taken without yielding, waiters get it in FIFO order,
-- a waiter cancelled before its turn leaves the queue, one cancelled after
-- release() woke it passes the wake-up to the next, misuse errors, and the
-- <close> guard releases on error.
-- Reference: reference/sync_lock.py

local p = require("lib.show").p

local main = async(function()
  local lock = asyncio.Lock()
  p("1 locked", lock:locked())

  -- 2. a free lock is taken without yielding: a task created just before
  --    does not run in between
  local order = {}

  local marker = async(function()
    order[#order + 1] = "marker"
  end)

  local t = asyncio.create_task(marker())
  local r = await(lock:acquire())
  order[#order + 1] = "acquired"
  p("2 order", table.concat(order, ","), "acquire returned", not not r, "locked", lock:locked())
  await(t)
  lock:release()
  p("2 released, locked", lock:locked())

  -- 3. waiters get the lock in FIFO order
  local worker = async(function(name)
    p("3", name, "waiting")
    local _ <close> = await(lock:acquire())
    p("3", name, "got the lock")
    await(asyncio.sleep(0))
    p("3", name, "releases")
  end)

  await(lock:acquire())
  local ts = {}
  for _, n in ipairs({ "a", "b", "c", "d" }) do ts[#ts + 1] = asyncio.create_task(worker(n)) end
  await(asyncio.sleep(0))
  p("3 main releases")
  lock:release()
  await(asyncio.gather(table.unpack(ts)))
  p("3 locked", lock:locked())

  -- 4. a waiter cancelled before its turn leaves the queue
  local waiter = async(function(name)
    local ok, e = pcall(await, lock:acquire())
    if not ok then
      if asyncio.CancelledError:is(e) then p("4", name, "cancelled while waiting") end
      error(e, 0)
    end
    p("4", name, "got the lock")
    lock:release()
  end)

  await(lock:acquire())
  local a = asyncio.create_task(waiter("a"))
  local b = asyncio.create_task(waiter("b"))
  local c = asyncio.create_task(waiter("c"))
  await(asyncio.sleep(0))
  b:cancel()
  await(asyncio.sleep(0))
  p("4 main releases")
  lock:release()
  await(asyncio.gather(a, b, c, { return_exceptions = true }))
  p("4 cancelled", a:cancelled(), b:cancelled(), c:cancelled())

  -- 5. a waiter cancelled after release() woke it passes the wake-up on
  await(lock:acquire())
  a = asyncio.create_task(waiter("a"))
  b = asyncio.create_task(waiter("b"))
  await(asyncio.sleep(0))
  lock:release()
  a:cancel()
  p("5 released and cancelled a, locked", lock:locked())
  await(asyncio.gather(a, b, { return_exceptions = true }))
  p("5 cancelled", a:cancelled(), b:cancelled(), "locked", lock:locked())

  -- 6. release of an unlocked lock, and a release inside the guarded block
  local ok, e = pcall(function() lock:release() end)
  if ok or not asyncio.RuntimeError:is(e) then error("expected RuntimeError, got " .. tostring(e)) end
  p("6", e)
  ok, e = pcall(function()
    local _ <close> = await(lock:acquire())
    lock:release()
    p("6 released inside the block, locked", lock:locked())
  end)
  if ok or not asyncio.RuntimeError:is(e) then error("expected RuntimeError, got " .. tostring(e)) end
  p("6 at block end:", e)

  -- 7. the lock is released when the block fails
  ok, e = pcall(function()
    local _ <close> = await(lock:acquire())
    error(asyncio.ValueError("oops"))
  end)
  if ok or not asyncio.ValueError:is(e) then error("expected ValueError, got " .. tostring(e)) end
  p("7", e, "locked", lock:locked())
end)

asyncio.run(main())
