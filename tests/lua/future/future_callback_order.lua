-- Done callbacks keep the order they were added in through removals and a
-- waiting task among them: the first entry is kept apart from the rest
-- (future.lua: _cb, then the list _callbacks), and an entry added after the
-- first was removed must still come after the ones that remain.
-- Reference: reference/future_callback_order.py

local loop = asyncio.get_running_loop()
local f = loop:create_future()
local function cb(n) return function() print("cb", n) end end
local c1, c2, c3, c4 = cb(1), cb(2), cb(3), cb(4)
f:add_done_callback(c1); f:add_done_callback(c2)
print(f:remove_done_callback(c1))
f:add_done_callback(c3)
local w = asyncio.spawn(function() await(f) print("waiter woke") end)
await(asyncio.sleep(0))
f:add_done_callback(c1)
print(f:remove_done_callback(c2))
f:add_done_callback(c4)
f:set_result(1)
await(asyncio.sleep(0)) await(asyncio.sleep(0))
local g = loop:create_future()
g:add_done_callback(c1)
print(g:remove_done_callback(c1), g:remove_done_callback(c1))
g:add_done_callback(c2)
g:set_result(2)
await(asyncio.sleep(0))
