-- Misusing the synchronisation primitives raises what CPython raises.
-- Reference: reference/sync_misuse.py

local p = require("lib.show").p
local expect = require("lib.show").expect

local main = async(function()
  -- 1. await of a primitive (it has no __await): the TypeError names its
  --    class, as Python's does, not Lua's type ("object table")
  local objs = { { "Lock", asyncio.Lock() }, { "Event", asyncio.Event() },
    { "Condition", asyncio.Condition() }, { "Semaphore", asyncio.Semaphore() },
    { "BoundedSemaphore", asyncio.BoundedSemaphore() }, { "Barrier", asyncio.Barrier(1) } }
  for _, o in ipairs(objs) do
    p("1", o[1], expect(asyncio.TypeError, pcall(await, o[2])))
  end

  -- 2. a constructor given more arguments than it takes refuses them with
  --    Lua's bad argument (Python's TypeError: "Lock.__init__() takes 1
  --    positional argument but 2 were given"), Lock(loop), a leftover of
  --    Python before 3.10, included; it used to ignore them. It takes what
  --    it takes.
  local calls = {
    { "Lock", { 1, n = 1 }, "bad argument #1 to 'Lock' (no value expected, got number)" },
    { "Lock", { nil, n = 1 }, "bad argument #1 to 'Lock' (no value expected, got nil)" },
    { "Event", { 1, n = 1 }, "bad argument #1 to 'Event' (no value expected, got number)" },
    { "Condition", { asyncio.Lock(), 1, n = 2 }, "bad argument #2 to 'Condition' (no value expected, got number)" },
    { "Semaphore", { 1, 2, n = 2 }, "bad argument #2 to 'Semaphore' (no value expected, got number)" },
    { "BoundedSemaphore", { 1, 2, n = 2 }, "bad argument #2 to 'BoundedSemaphore' (no value expected, got number)" },
    { "Barrier", { 2, 1, n = 2 }, "bad argument #2 to 'Barrier' (no value expected, got number)" },
  }
  for _, c in ipairs(calls) do
    local ok, e = pcall(asyncio[c[1]], table.unpack(c[2], 1, c[2].n))
    if ok then
      p("2", c[1], c[2].n, "arguments taken")
    else
      if e ~= c[3] then error(("%s: %q, expected %q"):format(c[1], tostring(e), c[3])) end
      p("2", c[1], c[2].n, "arguments refused")
    end
  end
  for _, c in ipairs({ { "Lock", {} }, { "Event", {} }, { "Condition", { asyncio.Lock() } },
    { "Semaphore", { 2 } }, { "Barrier", { 2 } } }) do
    asyncio[c[1]](table.unpack(c[2]))
    p("2", c[1], #c[2], "arguments taken")
  end
  -- a wrong first argument is still named first
  local e = select(2, pcall(asyncio.Semaphore, "x", 1))
  if e ~= "bad argument #1 to 'Semaphore' (number expected, got string)" then error("Semaphore('x', 1): " .. e) end
end)

asyncio.run(main())
