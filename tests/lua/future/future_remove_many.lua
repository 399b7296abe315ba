-- remove_done_callback removes every registration of its function (or
-- callable object) and the others keep their order, wherever the removed
-- ones sit: the first entry (future.lua's CB), the list behind it, several
-- in a row, the last. On a future with a million registrations it works
-- in place: it copied the list three times per call (a quadratic cost over
-- many removes, five times CPython's) and raised "too many results to
-- unpack" past a million kept entries.
-- Reference: reference/future_remove_many.py

local loop = asyncio.get_running_loop()
local function cb(name) return function() print("cb", name) end end
local a, b, c, d = cb("a"), cb("b"), cb("c"), cb("d")
local o = setmetatable({}, { __call = function() print("cb", "o") end })

local f = loop:create_future()
for _, fn in ipairs({ a, b, a, c, o, b, d, o, a }) do f:add_done_callback(fn) end
print(f:remove_done_callback(b), f:remove_done_callback(o), f:remove_done_callback(a), f:remove_done_callback(a))
f:add_done_callback(a)
f:set_result(1)
await(asyncio.sleep(0))

local g = loop:create_future()
for _, fn in ipairs({ a, b, c, d }) do g:add_done_callback(fn) end
print(g:remove_done_callback(a), g:remove_done_callback(d))
g:add_done_callback(a)
print(g:remove_done_callback(b), g:remove_done_callback(c))
g:add_done_callback(d)
g:set_result(2)
await(asyncio.sleep(0))

local ticks = 0
local function tick() ticks = ticks + 1 end
local h = loop:create_future()
h:add_done_callback(a)
for i = 1, 1000000 do
  h:add_done_callback(tick)
  if i == 500000 then h:add_done_callback(b) end
end
h:add_done_callback(c)
print(h:remove_done_callback(b), h:remove_done_callback(a), h:remove_done_callback(c))
for _ = 1, 10 do h:add_done_callback(d) end
print(h:remove_done_callback(tick))
h:add_done_callback(c)
h:set_result(3)
await(asyncio.sleep(0))
print("ticks", ticks)
