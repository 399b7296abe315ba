-- Queue shutdown(immediate): waiting getters and putters get QueueShutDown,
-- put raises from then on, queued items stay available unless immediate,
-- shutdown(true) drops them and releases join(); PriorityQueue and LifoQueue;
-- immediate also as Python's keyword, shutdown({immediate = false}).
-- Reference: reference/queue_shutdown.py

local p = require("lib.show").p

local state = require("lib.show").queue_state

local expect = require("lib.show").expect

local main = async(function()
  -- 1. shutdown() wakes waiting getters with QueueShutDown; put() and
  --    put_nowait() raise it from then on
  local q = asyncio.Queue()

  local getter = async(function(name)
    local ok, e = pcall(await, q:get())
    if ok then
      p("1", name, "got", e)
    else
      expect(asyncio.QueueShutDown, ok, e)
      p("1", name, "got", e, "is Exception", asyncio.Exception:is(e))
    end
  end)

  local ts = { asyncio.create_task(getter("g1")), asyncio.create_task(getter("g2")) }
  await(asyncio.sleep(0))
  q:shutdown()
  p("1 shut down")
  await(asyncio.gather(table.unpack(ts)))
  p("1 put_nowait:", expect(asyncio.QueueShutDown, pcall(q.put_nowait, q, 1)))
  p("1 put:", expect(asyncio.QueueShutDown, pcall(await, q:put(1))))
  p("1 get_nowait:", expect(asyncio.QueueShutDown, pcall(q.get_nowait, q)))
  q:shutdown()
  p("1 second shutdown is harmless")

  -- 2. without immediate, items already queued can still be taken, then
  --    get() raises QueueShutDown
  q = asyncio.Queue()
  for _, x in ipairs({ "a", "b" }) do q:put_nowait(x) end
  q:shutdown()
  p("2", state(q))
  p("2 got", await(q:get()), q:get_nowait(), state(q))
  p("2 get on an empty shut-down queue:", expect(asyncio.QueueShutDown, pcall(await, q:get())))
  p("2 get_nowait:", expect(asyncio.QueueShutDown, pcall(q.get_nowait, q)))

  -- 3. putters blocked on a full queue are woken with QueueShutDown
  q = asyncio.Queue(1)
  q:put_nowait("first")

  local putter = async(function(name)
    local ok, e = pcall(await, q:put(name))
    if ok then
      p("3", name, "put")
    else
      expect(asyncio.QueueShutDown, ok, e)
      p("3", name, "got", e)
    end
  end)

  ts = { asyncio.create_task(putter("p1")), asyncio.create_task(putter("p2")) }
  await(asyncio.sleep(0))
  q:shutdown()
  await(asyncio.gather(table.unpack(ts)))
  p("3", state(q), "got", q:get_nowait())

  -- 4. shutdown(true) drops the items, counts them as done so join()
  --    returns, and get() raises at once
  q = asyncio.Queue()
  for x = 0, 2 do q:put_nowait(x) end
  q:get_nowait()

  local joiner = async(function()
    await(q:join())
    p("4 joiner released")
  end)

  local j = asyncio.create_task(joiner())
  await(asyncio.sleep(0))
  q:shutdown(true)
  p("4 after shutdown(immediate)", state(q))
  p("4 get_nowait:", expect(asyncio.QueueShutDown, pcall(q.get_nowait, q)))
  await(asyncio.sleep(0))
  p("4 joiner done", j:done(), "(one item was taken but not finished)")
  q:task_done()
  await(j)
  p("4", expect(asyncio.ValueError, pcall(q.task_done, q)))

  -- 5. shutdown(true) wakes waiting getters too
  q = asyncio.Queue()
  ts = { asyncio.create_task(getter("g3")), asyncio.create_task(getter("g4")) }
  await(asyncio.sleep(0))
  q:shutdown(true)
  await(asyncio.gather(table.unpack(ts)))

  -- 6. the same for a PriorityQueue and a LifoQueue
  for _, c in ipairs({ { "PriorityQueue", asyncio.PriorityQueue }, { "LifoQueue", asyncio.LifoQueue } }) do
    local name, cls = c[1], c[2]
    q = cls()
    q:put_nowait(2)
    q:put_nowait(1)
    q:shutdown()
    p("6", name, q:get_nowait(), q:get_nowait())
    p("6", name, expect(asyncio.QueueShutDown, pcall(await, q:get())))
  end

  -- 7. immediate as a keyword, {immediate = ...}: false keeps the items,
  --    true drops them, for each kind of queue (a table is truthy: it once
  --    dropped them either way)
  for _, c in ipairs({ { "Queue", asyncio.Queue }, { "PriorityQueue", asyncio.PriorityQueue },
    { "LifoQueue", asyncio.LifoQueue } }) do
    local name, cls = c[1], c[2]
    for _, immediate in ipairs({ false, true }) do
      q = cls()
      q:put_nowait(2)
      q:put_nowait(1)
      q:shutdown({ immediate = immediate })
      p("7", name, "immediate=" .. tostring(immediate), state(q))
      if not immediate then p("7", name, "got", q:get_nowait(), q:get_nowait()) end
    end
  end
end)

asyncio.run(main())
