-- Getters and putters of a Queue leave the middle of a long line at a small
-- cost. Each left by a search of its run and a shift of the run's tail
-- (queue_core.cpp), so cancelling every other one of 40,000 getters took
-- 11 s (CPython 3.13, whose deque.remove searches too: 4 s); now 0.2 s.
-- Here 100,000 getters (putters of a full queue), every other one
-- cancelled in batches, must leave within a limit of CPU time (os.clock,
-- not the machine's load) that the quadratic version (some 70 s for all
-- of them) overruns before a fifth have left; then the rest are served in
-- order.
-- The order of events as CPython's: waiters_cancelled_middle.lua.

local LIMIT = 10 -- seconds of CPU; ~0.4 s in the release build

for _, kind in ipairs { "getters", "putters" } do
  local n = 100000
  local q = asyncio.Queue(kind == "getters" and 0 or 1)
  if kind == "putters" then q:put_nowait(0) end
  local ts = {}
  for i = 1, n do ts[i] = asyncio.create_task(kind == "getters" and q:get() or q:put(i)) end
  await(asyncio.sleep(0))
  local t0 = os.clock()
  for i = 2, n, 2 do
    ts[i]:cancel()
    if i % 1000 == 0 then
      await(asyncio.sleep(0)) -- the cancelled ones leave the line
      local spent = os.clock() - t0
      if spent > LIMIT then
        error(("%s: %d of %d cancelled from the middle took %.1f s of CPU"):format(kind, i // 2, n // 2, spent), 0)
      end
    end
  end
  io.stderr:write(("%s: %d of %d cancelled from the middle in %.2f s of CPU\n"):format(kind, n // 2, n, os.clock() - t0))
  assert(tostring(q):find(("_%s%%[%d%%]"):format(kind, n // 2)), tostring(q))
  -- The survivors are served in the order they came: getter 2k - 1 gets
  -- item k; putter 2k - 1's item is the (k + 1)th out.
  local out = {}
  if kind == "getters" then
    for k = 1, n // 2 do q:put_nowait(k) end
  else
    for _ = 1, n // 2 + 1 do out[#out + 1] = await(q:get()) end
  end
  for i = 1, n do
    local ok, v = pcall(await, ts[i])
    if i % 2 == 0 then
      assert(not ok and asyncio.CancelledError:is(v), kind .. " " .. i .. " was not cancelled")
    else
      assert(ok, v)
      local k = (i + 1) // 2
      if kind == "getters" then
        assert(v == k, ("getter %d got %s, not %d"):format(i, tostring(v), k))
      else
        assert(out[k + 1] == i, ("item %d out was %s, not %d"):format(k + 1, tostring(out[k + 1]), i))
      end
    end
  end
  assert(q:empty() and not tostring(q):find("_" .. kind), tostring(q))
end
print("waiters leave the middle of a long line at a small cost")
