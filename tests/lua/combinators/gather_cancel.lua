local p = require("lib.show").p
local el = require("lib.show").el

local child = async(function(name, delay)
  local ok, e = pcall(function()
    await(asyncio.sleep(delay))
    p("child done", name)
  end)
  if not ok then
    if asyncio.CancelledError:is(e) then p("child cancelled", name, e) end
    error(e)
  end
  return name
end)

local parent = async(function(tag, return_exceptions)
  local ok, e = pcall(function()
    local rs = await(asyncio.gather(
      child(tag .. "1", 0.1), child(tag .. "2", 0.3), child(tag .. "3", 0.4),
      {return_exceptions = return_exceptions}
    ))
    p("parent got (wrong)", rs.n)
  end)
  if not ok then
    if asyncio.CancelledError:is(e) then p("parent cancelled", tag, e) end
    error(e)
  end
end)

local main = async(function()
  local loop = asyncio.get_running_loop()

  -- cancelling the task that awaits a gather cancels the children still running
  for _, case in ipairs({{"a", false}, {"b", true}}) do
    local tag, return_exceptions = case[1], case[2]
    local t0 = loop:time()
    local t = asyncio.create_task(parent(tag, return_exceptions))
    await(asyncio.sleep(0.2))
    p("cancel", tag, t:cancel("stop"))
    local ok, e = pcall(function()
      await(t)
    end)
    if not ok then
      if not asyncio.CancelledError:is(e) then error(e) end
      p("task cancelled", tag, t:cancelled(), e, el(t0))
    end
  end

  -- a nested gather: cancelling the outer one reaches the innermost children
  local t0 = loop:time()
  local inner = asyncio.gather(child("n1", 0.3), child("n2", 0.3))
  local outer = asyncio.gather(inner, child("n3", 0.3))
  await(asyncio.sleep(0.1))
  p("cancel outer", outer:cancel())
  local ok, e = pcall(function()
    await(outer)
  end)
  if not ok then
    if not asyncio.CancelledError:is(e) then error(e) end
    p("outer raised CancelledError", el(t0))
  end
  p("inner done", inner:done())
end)

asyncio.run(main())
