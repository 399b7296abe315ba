-- Awaitables of one as_completed awaited at the same time (CPython's
-- test_as_completed_concurrent): each takes one result, in the order they
-- started waiting.
local p = require("lib.show").p
local el = require("lib.show").el

local main = async(function()
  local loop = asyncio.get_running_loop()

  -- two awaitables awaited at the same time each get one result, in order
  local t0 = loop:time()
  local aws = {}
  for aw in asyncio.as_completed({asyncio.sleep(0.2, "a"), asyncio.sleep(0.1, "b")}) do aws[#aws + 1] = aw end
  local t1 = asyncio.ensure_future(aws[1])
  local t2 = asyncio.ensure_future(aws[2])
  p("1 got", await(t1), await(t2), el(t0))

  -- gather over all the awaitables: the results in completion order
  t0 = loop:time()
  aws = {}
  for aw in asyncio.as_completed({asyncio.sleep(0.3, "c"), asyncio.sleep(0.1, "d"), asyncio.sleep(0.2, "e")}) do
    aws[#aws + 1] = aw
  end
  local rs = await(asyncio.gather(table.unpack(aws)))
  p("2 got", rs[1], rs[2], rs[3], el(t0))

  -- a waiter cancelled after it was woken passes the result to the next
  t0 = loop:time()
  local first = asyncio.create_task(asyncio.sleep(0.1, "f"))
  aws = {}
  for aw in asyncio.as_completed({first, asyncio.sleep(0.2, "g")}) do aws[#aws + 1] = aw end
  t1 = asyncio.ensure_future(aws[1])
  t2 = asyncio.ensure_future(aws[2])
  first:add_done_callback(function() p("3 cancel t1", t1:cancel()) end)
  local r2 = await(t2)
  p("3 t2 got", r2, el(t0))
  local ok, e = pcall(await, t1)
  if ok or not asyncio.CancelledError:is(e) then error("expected CancelledError, got " .. tostring(e)) end
  p("3 t1 cancelled", t1:cancelled(), el(t0))
end)

asyncio.run(main())
