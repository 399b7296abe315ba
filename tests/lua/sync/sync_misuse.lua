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
end)

asyncio.run(main())
