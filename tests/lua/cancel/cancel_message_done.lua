-- cancel(msg) of a task, a Future or a gather that is already done answers
-- false without looking at msg, as CPython's: a msg whose __tostring raises
-- changes nothing (cancel() made it text first, and raised its error). Also
-- a gather whose only child is done while the gather waits for its
-- callback: no child takes the cancel, so it answers false.
-- Reference: reference/cancel_message_done.py
local bad = setmetatable({}, { __tostring = function() error("cm", 0) end })

local t = asyncio.create_task(asyncio.sleep(0, "done"))
await(t)
print("done task:", t:cancel(bad), t:cancelled(), t:result())

local failed = asyncio.create_task(async(function() error(asyncio.ValueError("x")) end)())
await(asyncio.sleep(0))
print("failed task:", failed:cancel(bad), getmetatable(failed:exception()).__name)

local c = asyncio.create_task(asyncio.sleep(1))
c:cancel()
pcall(await, c)
print("cancelled task:", c:cancel(bad))

local f = asyncio.get_running_loop():create_future()
f:set_result(1)
print("done future:", f:cancel(bad), f:result())

local g = asyncio.gather(asyncio.sleep(0, "g"))
await(g)
print("done gather:", g:cancel(bad), g:result()[1])

local child = asyncio.get_running_loop():create_future()
g = asyncio.gather(child)
child:set_result("c")
print("gather of a done child:", g:done(), g:cancel(bad), await(g)[1])
