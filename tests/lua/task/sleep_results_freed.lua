-- A sleep op that ended lets go of the results it gave back, as CPython's
-- finished coroutine drops its frame: an op the program still holds
-- (a list of them, a task's get_coro()) keeps none alive. Before, the op
-- held them as long as it was referenced. So does one cancelled.
local function eq(what, got, want)
  if got ~= want then error(("%s: expected %s, got %s"):format(what, tostring(want), tostring(got)), 2) end
end

local weak = setmetatable({}, { __mode = "v" })
local function collected(key)
  collectgarbage()
  collectgarbage()
  return weak[key] == nil
end

-- one result, awaited inline
local op = asyncio.sleep(0, {})
weak.one = select(1, await(op))
eq("one result: given back", type(weak.one), "table")
eq("one result: freed once the sleep ended", collected("one"), true)

-- several results, a delay, through a task
local op3 = asyncio.sleep(0.1, {}, {}, "x")
local t = asyncio.create_task(op3)
local a, b, c = await(t)
eq("several results: given back", c, "x")
weak.a, weak.b = a, b
a, b = nil, nil
t = nil  -- (the task keeps its results; op3 is held below)
local kept = { op = op, op3 = op3 }
eq("several results: freed", collected("a") and collected("b"), true)

-- cancelled while it sleeps
local big = {}
weak.big = big
local op2 = asyncio.sleep(10, big)
big = nil
local t2 = asyncio.create_task(op2)
await(asyncio.sleep(0))
t2:cancel()
eq("cancelled: raises", pcall(await, t2), false)
t2 = nil
eq("cancelled: freed", collected("big"), true)
eq("ops still held", kept.op ~= nil and op2 ~= nil, true)
print("ok")
