-- Ready-queue order: due timers join after the callbacks already ready, a
-- cancelled handle never runs, a task created in a callback starts on the
-- next iteration, timers run in time order.
-- Reference: reference/loop_scheduling.py

local function say(text)
  print(text)
end

local w = async(function(n)
  print(("task %s"):format(n))
end)

local main = async(function()
  -- timers already due join the ready queue after what is already there;
  -- a cancelled handle never runs; a task created in a callback starts on
  -- the next iteration
  local loop = asyncio.get_running_loop()
  loop:call_later(0, say, "later0")
  loop:call_at(loop:time() - 1, say, "at past")
  loop:call_soon(say, "soon1")
  local h = loop:call_soon(say, "soon cancelled")
  loop:call_soon(function() asyncio.create_task(w("from callback")) end)
  loop:call_soon(say, "soon2")
  h:cancel()
  print(("cancelled %s"):format(tostring(h:cancelled())))
  await(asyncio.sleep(0))
  print("main 1")
  await(asyncio.sleep(0))
  print("main 2")
  await(asyncio.sleep(0))
  print("main 3")

  -- a timer cancelled before it is due never runs; time order wins over
  -- creation order
  local t0 = loop:time()
  local a = loop:call_later(0.2, say, "a (cancelled)")
  loop:call_later(0.3, say, "b at 0.3")
  loop:call_later(0.1, function() a:cancel() end)
  loop:call_later(0.1, say, "c at 0.1")
  await(asyncio.sleep(0.4))
  print(("main at %.1f"):format(loop:time() - t0))
end)

asyncio.run(main())
