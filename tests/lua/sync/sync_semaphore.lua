-- Semaphore and BoundedSemaphore: at most `value` holders, waiters served in
-- FIFO order, the free path does not yield, a waiter cancelled after release()
-- woke it passes the wake-up on, over-release and a negative value.
-- Reference: reference/sync_semaphore.py

local p = require("lib.show").p

local main = async(function()
  local sem = asyncio.Semaphore(2)
  p("1 locked", sem:locked())

  -- 2. two at a time, the others served in FIFO order
  local worker = async(function(name)
    p("2", name, "waiting")
    local _ <close> = await(sem:acquire())
    p("2", name, "in, locked", sem:locked())
    await(asyncio.sleep(0.01))
    p("2", name, "out")
  end)

  local cs = {}
  for _, n in ipairs({ "a", "b", "c", "d", "e" }) do cs[#cs + 1] = worker(n) end
  await(asyncio.gather(table.unpack(cs)))
  p("2 locked", sem:locked())

  -- 3. a free semaphore is taken without yielding
  local order = {}

  local marker = async(function()
    order[#order + 1] = "marker"
  end)

  local t = asyncio.create_task(marker())
  local r = await(sem:acquire())
  order[#order + 1] = "acquired"
  p("3 order", table.concat(order, ","), "acquire returned", not not r)
  await(t)
  sem:release()

  -- 4. release() wakes the first waiter; one cancelled after that wake-up
  --    passes it to the next one
  sem = asyncio.Semaphore(0)
  p("4 locked", sem:locked())

  local waiter = async(function(name)
    local ok, e = pcall(await, sem:acquire())
    if not ok then
      if asyncio.CancelledError:is(e) then p("4", name, "cancelled") end
      error(e, 0)
    end
    p("4", name, "acquired")
  end)

  local ts = {}
  for _, n in ipairs({ "a", "b", "c" }) do ts[#ts + 1] = asyncio.create_task(waiter(n)) end
  await(asyncio.sleep(0))
  sem:release()
  ts[1]:cancel()
  await(asyncio.sleep(0))
  await(asyncio.sleep(0))
  p("4 done", ts[1]:done(), ts[2]:done(), ts[3]:done())
  ts[3]:cancel()
  await(asyncio.gather(ts[1], ts[2], ts[3], { return_exceptions = true }))
  p("4 cancelled", ts[1]:cancelled(), ts[2]:cancelled(), ts[3]:cancelled(), "locked", sem:locked())

  -- 5. release() beyond the initial value is allowed for Semaphore
  sem = asyncio.Semaphore(1)
  sem:release()
  await(sem:acquire())
  await(sem:acquire())
  p("5 two acquired, locked", sem:locked())
  sem:release()
  sem:release()

  -- 6. BoundedSemaphore refuses it
  local bsem = asyncio.BoundedSemaphore(2)
  await(bsem:acquire())
  bsem:release()
  local ok, e = pcall(function() bsem:release() end)
  if ok or not asyncio.ValueError:is(e) then error("expected ValueError, got " .. tostring(e)) end
  p("6", e)
  do
    local _ <close> = await(bsem:acquire())
    p("6 in, locked", bsem:locked())
  end
  p("6 out, locked", bsem:locked())

  -- 7. a negative initial value
  ok, e = pcall(asyncio.Semaphore, -1)
  if ok or not asyncio.ValueError:is(e) then error("expected ValueError, got " .. tostring(e)) end
  p("7", e)

  -- 8. a release inside the guarded block: the block's own release follows
  --    (a Semaphore counts it, a BoundedSemaphore refuses it)
  sem = asyncio.Semaphore(1)
  do
    local _ <close> = await(sem:acquire())
    sem:release()
  end
  await(sem:acquire())
  await(sem:acquire())
  p("8 two acquired after the extra release, locked", sem:locked())
  bsem = asyncio.BoundedSemaphore(1)
  ok, e = pcall(function()
    local _ <close> = await(bsem:acquire())
    bsem:release()
  end)
  if ok or not asyncio.ValueError:is(e) then error("expected ValueError, got " .. tostring(e)) end
  p("8 bounded:", e)
end)

asyncio.run(main())
