-- The loop object: get_running_loop, call_soon/call_later/call_at ordering
-- relative to tasks, handle cancel, time() advancing, create_future,
-- create_task.
-- Reference: reference/loop_methods.py

local worker = async(function(name)
  print(("%s step 1"):format(name))
  await(asyncio.sleep(0))
  print(("%s step 2"):format(name))
end)

local function cb(label, ...)
  local args = table.pack(...)
  local s = ("callback %s args=%d"):format(label, args.n)
  for i = 1, args.n do
    s = s .. " " .. tostring(args[i])
  end
  print(s)
end

local main = async(function()
  local loop = asyncio.get_running_loop()
  print(("same loop: %s"):format(tostring(loop == asyncio.get_running_loop())))

  -- call_soon callbacks and task steps share one FIFO queue
  loop:call_soon(cb, "a")
  local t = asyncio.create_task(worker("w"))
  loop:call_soon(cb, "b", 1, 2)
  print("scheduled")
  await(asyncio.sleep(0))
  print("main after sleep(0)")
  await(t)

  -- time advances with sleep
  local t0 = loop:time()
  await(asyncio.sleep(0.1))
  print(("slept %.1f"):format(loop:time() - t0))
  await(asyncio.sleep(0.2))
  print(("slept %.1f"):format(loop:time() - t0))

  -- call_later and call_at run in time order, independent of creation order
  t0 = loop:time()

  local function at(label)
    print(("%s at %.1f"):format(label, loop:time() - t0))
  end

  loop:call_later(0.3, at, "later 0.3")
  loop:call_later(0.1, at, "later 0.1")
  loop:call_at(t0 + 0.2, at, "call_at 0.2")
  local h = loop:call_later(0.25, at, "cancelled 0.25")
  h:cancel()
  print(("handle cancelled: %s"):format(tostring(h:cancelled())))
  await(asyncio.sleep(0.4))
  print(("main at %.1f"):format(loop:time() - t0))

  -- create_future resolved by a timer
  local fut = loop:create_future()
  loop:call_later(0.05, function() fut:set_result("timer result") end)
  print(("future done before: %s"):format(tostring(fut:done())))
  print(await(fut))

  -- loop:create_task
  local answer = async(function()
    return 42
  end)

  t = loop:create_task(answer())
  print(("loop.create_task -> %d name=%s"):format(await(t), t:get_name()))
  t = loop:create_task(answer(), {name = "named"})
  print(("named task -> %d name=%s"):format(await(t), t:get_name()))

  -- call_soon from inside a callback runs on the next iteration
  local function outer_cb()
    print("outer callback")
    loop:call_soon(cb, "nested")
  end

  loop:call_soon(outer_cb)
  loop:call_soon(cb, "sibling")
  await(asyncio.sleep(0))
  print("main after one sleep(0)")
  await(asyncio.sleep(0))
  print("main end")
end)

asyncio.run(main())
