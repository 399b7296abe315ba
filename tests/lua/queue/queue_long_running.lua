-- A queue that is never empty of waiters or of items for a long time keeps
-- its order and does not grow: two consumers taking turns on one queue
-- (its getters never all leave), and a queue that always holds a backlog
-- (its items never all leave). 100000 rounds of each must not leave more
-- than a few pages of memory behind, and every item arrives once, in order.

local function check(what, ok)
  if not ok then error(what, 2) end
end

local ROUNDS = 100000

local function kib()
  collectgarbage("collect")
  return collectgarbage("count")
end

local main = async(function()
  -- 1. two consumers wait in turn on q: its run of getters never empties.
  local q = asyncio.Queue()
  local got, last, in_order = 0, 0, true
  local consumer = async(function()
    while true do
      local v = await(q:get())
      if v == nil then return end
      if v ~= last + 1 then in_order = false end
      last = v
      got = got + 1
    end
  end)
  local a = asyncio.create_task(consumer())
  local b = asyncio.create_task(consumer())
  await(asyncio.sleep(0))
  local before = kib()
  for i = 1, ROUNDS do
    q:put_nowait(i)
    await(asyncio.sleep(0))
  end
  local grown = kib() - before
  q:put_nowait(nil)
  q:put_nowait(nil)
  await(asyncio.gather(a, b))
  check("1: every item taken once", got == ROUNDS)
  check("1: items taken in order", in_order)
  check(("1: two consumers left %.0f KiB behind"):format(grown), grown < 64)

  -- 2. a backlog of 3 items that never drains: its run of items never empties.
  local r = asyncio.Queue()
  for i = 1, 3 do r:put_nowait(i) end
  local fifo = true
  before = kib()
  for i = 4, ROUNDS + 3 do
    r:put_nowait(i)
    if r:get_nowait() ~= i - 3 then fifo = false end
  end
  grown = kib() - before
  check("2: the backlog stays 3 items", r:qsize() == 3)
  check("2: first in, first out", fifo and r:get_nowait() == ROUNDS + 1)
  check(("2: a backlog left %.0f KiB behind"):format(grown), grown < 64)
end)

asyncio.run(main())
