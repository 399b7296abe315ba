-- gather_exceptions: what gather does when a child fails.
-- By default the first error propagates to whoever awaits the gather (the other children
-- keep running). With {return_exceptions = true} every child runs to the end and errors
-- come back as values in the result list, in argument order.
-- Python twin: python/gather_exceptions.py
local ok = async(function(x, delay)
  await(asyncio.sleep(delay))
  print(("ok(%d): done"):format(x))
  return x
end)

local fail = async(function(msg, delay)
  await(asyncio.sleep(delay))
  print(("fail(%s): raising"):format(msg))
  error(asyncio.ValueError(msg))
end)

local main = async(function()
  local t0 = time.perf_counter()
  local okay, e = pcall(function()
    return await(asyncio.gather(ok(1, 1), fail("boom", 0.5), ok(3, 2)))
  end)
  if not okay then
    if not asyncio.ValueError:is(e) then error(e, 0) end -- only handle ValueError
    print(("gather raised %s at %.2f s"):format(tostring(e), time.perf_counter() - t0))
  end
  await(asyncio.sleep(2)) -- let the children of the first gather finish

  print("--- with return_exceptions ---")
  t0 = time.perf_counter()
  local results = await(asyncio.gather(ok(1, 1), fail("bang", 0.5), ok(3, 2),
                                       { return_exceptions = true }))
  for i = 1, results.n do
    local r = results[i]
    if asyncio.ValueError:is(r) then
      print(("result %d: error %s"):format(i, tostring(r)))
    else
      print(("result %d: %s"):format(i, r))
    end
  end
  print(("finished in %.2f s"):format(time.perf_counter() - t0))
end)

asyncio.run(main())
