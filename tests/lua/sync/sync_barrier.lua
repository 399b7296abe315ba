-- Barrier: parties, n_waiting, broken; wait() returns the arrival index and
-- releases everyone at the parties-th arrival; abort() and reset() raise
-- BrokenBarrierError in the waiters; a cancelled waiter leaves the count.
-- Reference: reference/sync_barrier.py

local p = require("lib.show").p

local main = async(function()
  local b = asyncio.Barrier(3)
  p("1 parties", b.parties, "n_waiting", b.n_waiting, "broken", b.broken)

  -- 2. the parties-th arrival releases everyone; wait() returns the arrival
  --    index; the barrier can be used again at once
  local party = async(function(name, rounds)
    for r = 0, (rounds or 1) - 1 do
      p("2", name, "arrives, round", r)
      local i = await(b:wait())
      p("2", name, "passes with index", i)
    end
  end)

  local ts = {}
  for _, n in ipairs({ "a", "b", "c" }) do ts[#ts + 1] = asyncio.create_task(party(n, 2)) end
  await(asyncio.sleep(0))
  p("2 n_waiting", b.n_waiting)
  await(asyncio.gather(table.unpack(ts)))
  p("2 n_waiting", b.n_waiting, "broken", b.broken)

  -- 3. abort(): the waiters and later arrivals get BrokenBarrierError
  local waiter = async(function(name)
    local ok, e = pcall(await, b:wait())
    if not ok then
      if not asyncio.BrokenBarrierError:is(e) then error(e, 0) end
      p("3", name, "got", e)
    end
  end)

  ts = { asyncio.create_task(waiter("a")), asyncio.create_task(waiter("b")) }
  await(asyncio.sleep(0))
  p("3 n_waiting", b.n_waiting)
  await(b:abort())
  p("3 broken", b.broken, "n_waiting", b.n_waiting)
  await(asyncio.gather(table.unpack(ts)))
  local ok, e = pcall(await, b:wait())
  if ok or not asyncio.BrokenBarrierError:is(e) then error("expected BrokenBarrierError, got " .. tostring(e)) end
  p("3 late arrival got", e, "is Exception", asyncio.Exception:is(e))

  -- 4. reset() repairs it
  await(b:reset())
  p("4 broken", b.broken, "n_waiting", b.n_waiting)
  local rs = await(asyncio.gather(b:wait(), b:wait(), b:wait()))
  p("4 indexes", table.concat(rs, ","))

  -- 5. reset() while tasks wait: they get BrokenBarrierError, the barrier
  --    is usable afterwards
  ts = { asyncio.create_task(waiter("c")), asyncio.create_task(waiter("d")) }
  await(asyncio.sleep(0))
  await(b:reset())
  await(asyncio.gather(table.unpack(ts)))
  p("5 broken", b.broken)
  rs = await(asyncio.gather(b:wait(), b:wait(), b:wait()))
  p("5 indexes", table.concat(rs, ","))

  -- 6. a cancelled waiter leaves the count
  local t = asyncio.create_task(b:wait())
  await(asyncio.sleep(0))
  p("6 n_waiting", b.n_waiting)
  t:cancel()
  await(asyncio.gather(t, { return_exceptions = true }))
  p("6 cancelled", t:cancelled(), "n_waiting", b.n_waiting, "broken", b.broken)

  -- 7. parties must be positive
  ok, e = pcall(asyncio.Barrier, 0)
  if ok or not asyncio.ValueError:is(e) then error("expected ValueError, got " .. tostring(e)) end
  p("7", e)

  -- 8. parties, n_waiting and broken cannot be assigned (Python's properties
  -- have no setter)
  for _, name in ipairs({ "parties", "n_waiting", "broken" }) do
    p("8 refused", name, not pcall(function() b[name] = 7 end))
  end
  p("8 unchanged", b.parties, b.n_waiting, b.broken)
end)

asyncio.run(main())
