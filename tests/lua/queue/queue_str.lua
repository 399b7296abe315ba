-- tostring() of the queues is Python's str(): maxsize, the items (as repr),
-- waiting getters and putters, unfinished tasks, shutdown.
-- Reference: reference/queue_str.py

local p = require("lib.show").p

local main = async(function()
  local q = asyncio.Queue()
  p("1", tostring(q))
  q:put_nowait(1)
  q:put_nowait("two")
  q:put_nowait(3.5)
  p("2", tostring(q))
  q:get_nowait()
  q:task_done()
  p("3", tostring(q))
  q:get_nowait()
  q:get_nowait()
  p("4", tostring(q))
  local g = asyncio.create_task(q:get())
  await(asyncio.sleep(0))
  p("5", tostring(q))
  q:put_nowait(4)
  await(g)
  q:shutdown()
  p("6", tostring(q))

  local b = asyncio.Queue(1)
  b:put_nowait(0)
  local t = asyncio.create_task(b:put("x"))
  await(asyncio.sleep(0))
  p("7", tostring(b))
  b:shutdown(true)
  await(asyncio.gather(t, { return_exceptions = true }))
  p("8", tostring(b))

  local pq = asyncio.PriorityQueue(3)
  for _, x in ipairs({ 3, 1, 2 }) do pq:put_nowait(x) end
  p("9", tostring(pq))
  local lq = asyncio.LifoQueue()
  for _, x in ipairs({ "a", "b" }) do lq:put_nowait(x) end
  p("10", tostring(lq))
end)

asyncio.run(main())
