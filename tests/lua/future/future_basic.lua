-- Future states, result/exception/cancel, InvalidStateError texts, and
-- futures resolved or failed by another task.
-- Reference: reference/future_basic.py

local function attempt(label, fn)
  local ok, v = pcall(fn)
  if ok then
    print(("%s -> %s"):format(label, tostring(v)))
  else
    print(("%s raised %s"):format(label, tostring(v)))
  end
end

local main = async(function()
  local f = asyncio.Future()
  print(tostring(f))
  print(("done=%s cancelled=%s"):format(tostring(f:done()), tostring(f:cancelled())))
  attempt("result()", function() return f:result() end)
  attempt("exception()", function() return f:exception() end)
  f:set_result(7)
  print(tostring(f))
  print(("done=%s cancelled=%s"):format(tostring(f:done()), tostring(f:cancelled())))
  attempt("result()", function() return f:result() end)
  attempt("exception()", function() return f:exception() end)
  attempt("set_result again", function() return f:set_result(8) end)
  attempt("set_exception after result", function() return f:set_exception(asyncio.ValueError("x")) end)
  attempt("cancel finished", function() return f:cancel() end)
  print(("await finished -> %s"):format(tostring(await(f))))

  local g = asyncio.Future()
  g:set_exception(asyncio.ValueError("bad value"))
  print(("done=%s cancelled=%s"):format(tostring(g:done()), tostring(g:cancelled())))
  print(("exception() -> %s"):format(tostring(g:exception())))
  attempt("result()", function() return g:result() end)
  local ok, e = pcall(await, g)
  if not ok and asyncio.ValueError:is(e) then
    print(("await raised %s"):format(tostring(e)))
  else
    error(e)
  end

  -- any Lua value may be the error, but not nil (Python's None)
  local n = asyncio.Future()
  attempt("set_exception(nil)", function() return n:set_exception(nil) end)
  print(tostring(n))

  local h = asyncio.Future()
  print(("cancel -> %s"):format(tostring(h:cancel())))
  print(("cancel again -> %s"):format(tostring(h:cancel())))
  print(tostring(h))
  print(("done=%s cancelled=%s"):format(tostring(h:done()), tostring(h:cancelled())))
  attempt("result()", function() return h:result() end)
  attempt("exception()", function() return h:exception() end)
  attempt("set_result on cancelled", function() return h:set_result(1) end)

  local m = asyncio.Future()
  m:cancel("with message")
  ok, e = pcall(await, m)
  if not ok and asyncio.CancelledError:is(e) then
    print(("await cancelled raised %s"):format(tostring(e)))
  else
    error(e)
  end

  -- a future resolved by another task
  local loop = asyncio.get_running_loop()
  local fut = loop:create_future()

  local producer = async(function()
    print("producer sleeping")
    await(asyncio.sleep(0.05))
    print("producer sets result")
    fut:set_result("payload")
    print("producer after set_result")
  end)

  local consumer = async(function(name)
    print(("%s waiting"):format(name))
    local v = await(fut)
    print(("%s got %s"):format(name, v))
  end)

  local c1 = asyncio.create_task(consumer("c1"))
  local c2 = asyncio.create_task(consumer("c2"))
  local p = asyncio.create_task(producer())
  await(asyncio.sleep(0))
  print("main waits")
  await(p)
  print("producer finished")
  await(c1)
  await(c2)

  -- a future failed by another task
  local fut2 = loop:create_future()

  local failer = async(function()
    await(asyncio.sleep(0.01))
    fut2:set_exception(asyncio.RuntimeError("failed remotely"))
  end)

  asyncio.create_task(failer())
  ok, e = pcall(await, fut2)
  if not ok and asyncio.RuntimeError:is(e) then
    print(("main caught %s"):format(tostring(e)))
  else
    error(e)
  end

  print(("isfuture(fut)=%s isfuture(1)=%s"):format(tostring(asyncio.isfuture(fut)), tostring(asyncio.isfuture(1))))
end)

asyncio.run(main())
