-- Queue: maxsize, qsize/empty/full, put_nowait/get_nowait with QueueFull and
-- QueueEmpty, put() and get() waiting in FIFO order, the immediate paths not
-- yielding, cancelled getters and putters losing nothing, PriorityQueue and
-- LifoQueue order.
-- Reference: reference/queue_basic.py

local p = require("lib.show").p

local state = require("lib.show").queue_state

local expect = require("lib.show").expect

local main = async(function()
  local q = asyncio.Queue(2)
  p("1 maxsize", q.maxsize, state(q))
  q:put_nowait("x")
  q:put_nowait("y")
  p("1", state(q))
  local e = expect(asyncio.QueueFull, pcall(q.put_nowait, q, "z"))
  p("1 put_nowait:", e, "is Exception", asyncio.Exception:is(e))
  p("1 got", q:get_nowait(), q:get_nowait(), state(q))
  p("1 get_nowait:", expect(asyncio.QueueEmpty, pcall(q.get_nowait, q)))

  -- 2. put() on a full queue waits for room; putters are served in order
  local producer = async(function(name, item)
    p("2", name, "puts", item)
    await(q:put(item))
    p("2", name, "put done", item)
  end)

  q:put_nowait(1)
  q:put_nowait(2)
  local ts = { asyncio.create_task(producer("p3", 3)), asyncio.create_task(producer("p4", 4)) }
  await(asyncio.sleep(0))
  p("2 producers blocked", state(q))
  p("2 got", q:get_nowait())
  await(asyncio.sleep(0))
  p("2", state(q))
  p("2 got", await(q:get()), await(q:get()))
  await(asyncio.gather(table.unpack(ts)))
  p("2 got", await(q:get()), state(q))

  -- 3. get() on an empty queue waits; getters are served in order
  local consumer = async(function(name)
    p("3", name, "waits")
    local item = await(q:get())
    p("3", name, "got", item)
  end)

  ts = {}
  for _, n in ipairs({ "c1", "c2", "c3" }) do ts[#ts + 1] = asyncio.create_task(consumer(n)) end
  await(asyncio.sleep(0))
  q:put_nowait("a")
  q:put_nowait("b")
  p("3 put a, b", state(q))
  await(asyncio.sleep(0))
  await(q:put("c"))
  await(asyncio.gather(table.unpack(ts)))

  -- 4. a put() or get() that can complete at once does not yield
  local order = {}

  local marker = async(function()
    order[#order + 1] = "marker"
  end)

  local t = asyncio.create_task(marker())
  await(q:put("now"))
  order[#order + 1] = "put"
  local item = await(q:get())
  order[#order + 1] = "get " .. item
  p("4 order", table.concat(order, ","))
  await(t)

  -- 5. a getter cancelled after put_nowait() woke it loses nothing: the
  --    item goes to the next getter
  ts = { asyncio.create_task(consumer("c4")), asyncio.create_task(consumer("c5")) }
  await(asyncio.sleep(0))
  q:put_nowait("only")
  ts[1]:cancel()
  await(asyncio.gather(ts[1], ts[2], { return_exceptions = true }))
  p("5 cancelled", ts[1]:cancelled(), ts[2]:cancelled(), state(q))

  -- 6. a getter cancelled while the queue stays empty: later items are not lost
  t = asyncio.create_task(consumer("c6"))
  await(asyncio.sleep(0))
  t:cancel()
  await(asyncio.gather(t, { return_exceptions = true }))
  q:put_nowait("kept")
  p("6", state(q), "got", q:get_nowait())

  -- 7. a putter cancelled while waiting for room does not add its item
  q:put_nowait(1)
  q:put_nowait(2)
  t = asyncio.create_task(producer("p5", 5))
  await(asyncio.sleep(0))
  t:cancel()
  await(asyncio.gather(t, { return_exceptions = true }))
  p("7 cancelled", t:cancelled(), "got", q:get_nowait(), q:get_nowait(), state(q))

  -- 8. maxsize 0 (the default) is unbounded
  local u = asyncio.Queue()
  for i = 0, 99 do u:put_nowait(i) end
  p("8 maxsize", u.maxsize, state(u))

  -- 9. PriorityQueue gives the smallest first, LifoQueue the newest
  local pq = asyncio.PriorityQueue()
  for _, x in ipairs({ 5, 1, 4, 2, 3, 1 }) do pq:put_nowait(x) end
  local got = {}
  for i = 1, 6 do got[i] = tostring(pq:get_nowait()) end
  p("9 priority", table.concat(got, " "))
  pq = asyncio.PriorityQueue()
  for _, x in ipairs({ "pear", "apple", "fig" }) do await(pq:put(x)) end
  got = {}
  for i = 1, 3 do got[i] = await(pq:get()) end
  p("9 priority", table.concat(got, " "))
  local lq = asyncio.LifoQueue(3)
  for _, x in ipairs({ 1, 2, 3 }) do lq:put_nowait(x) end
  got = {}
  local full = lq:full()
  for i = 1, 3 do got[i] = tostring(lq:get_nowait()) end
  p("9 lifo full", full, "->", table.concat(got, " "))
  p("9 lifo", expect(asyncio.QueueEmpty, pcall(lq.get_nowait, lq)))
  p("9 priority", expect(asyncio.QueueEmpty, pcall(pq.get_nowait, pq)))

  -- 10. getters cancelled while waiting: a wake-up drops them from the
  --     queue (its repr stops counting them) and passes over them; a task
  --     whose wait was cancelled, then whose turn came and which was
  --     cancelled before it ran, passes that turn on
  local w = asyncio.Queue()
  local log = {}
  local getter = async(function(name)
    local ok, v = pcall(function() return await(w:get()) end)
    if not ok then
      log[#log + 1] = name .. " cancelled"
      error(v, 0)
    end
    log[#log + 1] = name .. " got " .. v
  end)
  local twice = async(function(name)
    if not pcall(function() await(w:get()) end) then log[#log + 1] = name .. " cancelled while waiting" end
    await(getter(name))
  end)
  local g = {}
  for i, n in ipairs({ "g1", "g2", "g3" }) do g[i] = asyncio.create_task(getter(n)) end
  await(asyncio.sleep(0))
  g[1]:cancel()
  g[2]:cancel()
  p("10 after cancel", w)
  w:put_nowait("a")
  p("10 after put", w)
  await(asyncio.sleep(0))
  local a = asyncio.create_task(twice("t"))
  await(asyncio.sleep(0))
  a:cancel()
  await(asyncio.sleep(0))
  local b = asyncio.create_task(getter("b"))
  await(asyncio.sleep(0))
  w:put_nowait("b")
  a:cancel()
  await(asyncio.gather(g[1], g[2], g[3], a, b, { return_exceptions = true }))
  p("10", table.concat(log, ", "))
  p("10 end", w, a:cancelled(), b:cancelled())
end)

asyncio.run(main())
