-- Error class hierarchy (Class:is), tostring formats, .message, and
-- classes kept through await.
-- Reference: reference/errors_classes.py

local classes = {
  {"BaseException", asyncio.BaseException},
  {"Exception", asyncio.Exception},
  {"CancelledError", asyncio.CancelledError},
  {"TimeoutError", asyncio.TimeoutError},
  {"InvalidStateError", asyncio.InvalidStateError},
  {"QueueEmpty", asyncio.QueueEmpty},
  {"QueueFull", asyncio.QueueFull},
  {"KeyboardInterrupt", asyncio.KeyboardInterrupt},
  {"RuntimeError", asyncio.RuntimeError},
  {"ValueError", asyncio.ValueError},
  {"TypeError", asyncio.TypeError},
}

local main = async(function()
  -- which classes each instance belongs to
  for _, entry in ipairs(classes) do
    local name, cls = entry[1], entry[2]
    local e = cls("m")
    local base = tostring(asyncio.BaseException:is(e))
    local exc = tostring(asyncio.Exception:is(e))
    print(("%s: BaseException=%s Exception=%s"):format(name, base, exc))
  end

  print(("CancelledError is TimeoutError: %s"):format(tostring(asyncio.TimeoutError:is(asyncio.CancelledError()))))
  print(("InvalidStateError is CancelledError: %s"):format(tostring(asyncio.CancelledError:is(asyncio.InvalidStateError()))))
  print(("TimeoutError is TimeoutError: %s"):format(tostring(asyncio.TimeoutError:is(asyncio.TimeoutError()))))

  -- string forms
  print(tostring(asyncio.TimeoutError()))
  print(tostring(asyncio.CancelledError()))
  print(tostring(asyncio.CancelledError("msg")))
  print(tostring(asyncio.InvalidStateError("Result is not set.")))
  print(tostring(asyncio.ValueError("bad value")))

  -- the message
  print(asyncio.CancelledError("bye").message)
  print(asyncio.TimeoutError("too late").message)

  -- raising and catching
  local ok, e = pcall(function() error(asyncio.TimeoutError("late")) end)
  if ok or not asyncio.Exception:is(e) then error(e, 0) end
  print(("caught %s is TimeoutError=%s"):format(tostring(e), tostring(asyncio.TimeoutError:is(e))))

  ok, e = pcall(function() error(asyncio.CancelledError("gone")) end)
  if ok or not asyncio.BaseException:is(e) then error(e, 0) end
  print(("caught %s is Exception=%s"):format(tostring(e), tostring(asyncio.Exception:is(e))))

  -- ExceptionGroup's arguments are checked as CPython's
  for _, args in ipairs({ { "m", {} }, { "m" }, {}, { "m", { asyncio.ValueError() }, 3 }, { "m", 5 },
    { "m", { asyncio.CancelledError() } } }) do
    ok, e = pcall(asyncio.ExceptionGroup, table.unpack(args, 1, #args))
    print(("ExceptionGroup(%d arguments): %s"):format(#args, tostring(e)))
  end

  -- errors raised inside a task keep their class through await
  local raiser = async(function(cls, msg)
    await(asyncio.sleep(0))
    error(cls(msg))
  end)

  for i = 3, #classes do
    local name, cls = classes[i][1], classes[i][2]
    if cls ~= asyncio.KeyboardInterrupt then  -- it would stop the loop
      local t = asyncio.create_task(raiser(cls, ("from %s"):format(name)))
      ok, e = pcall(await, t)
      if ok or not asyncio.BaseException:is(e) then error(e, 0) end
      print(("%s: caught %s is %s=%s"):format(name, tostring(e), name, tostring(cls:is(e))))
    end
  end
end)

asyncio.run(main())
