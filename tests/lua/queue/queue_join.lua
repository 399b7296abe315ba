-- Queue join()/task_done(): join() returns at once when nothing is
-- unfinished, waits until task_done() was called once per item, wakes every
-- joiner; get() alone does not finish an item; task_done() too many times.
-- Reference: reference/queue_join.py

local p = require("lib.show").p

local expect = require("lib.show").expect

local main = async(function()
  local q = asyncio.Queue()

  -- 1. join() on a queue with no unfinished items returns at once
  local order = {}

  local marker = async(function()
    order[#order + 1] = "marker"
  end)

  local t = asyncio.create_task(marker())
  await(q:join())
  order[#order + 1] = "joined"
  p("1 order", table.concat(order, ","))
  await(t)

  -- 2. join() waits until task_done() was called once per item put
  local worker = async(function(name)
    while true do
      local item = await(q:get())
      p("2", name, "works on", item)
      await(asyncio.sleep(0.01 * item))
      p("2", name, "done with", item)
      q:task_done()
    end
  end)

  local joiner = async(function(name)
    await(q:join())
    p("2", name, "sees the queue joined, qsize", q:qsize())
  end)

  for _, i in ipairs({ 1, 2, 3, 1 }) do q:put_nowait(i) end
  local workers = { asyncio.create_task(worker("w1")), asyncio.create_task(worker("w2")) }
  local joiners = { asyncio.create_task(joiner("j1")), asyncio.create_task(joiner("j2")) }
  await(q:join())
  p("2 main joined")
  await(asyncio.gather(table.unpack(joiners)))
  for _, w in ipairs(workers) do w:cancel() end
  await(asyncio.gather(workers[1], workers[2], { return_exceptions = true }))

  -- 3. get() alone does not finish an item
  q:put_nowait(9)
  p("3 got", await(q:get()))
  t = asyncio.create_task(joiner("j3"))
  await(asyncio.sleep(0.1))
  p("3 j3 done", t:done())
  q:task_done()
  p("3 task_done called, j3 done", t:done())
  await(t)

  -- 4. task_done() without a matching put
  p("4", expect(asyncio.ValueError, pcall(q.task_done, q)))
  q:put_nowait("x")
  q:get_nowait()
  q:task_done()
  p("4", expect(asyncio.ValueError, pcall(q.task_done, q)))
end)

asyncio.run(main())
