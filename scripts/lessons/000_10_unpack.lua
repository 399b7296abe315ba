-- Lesson 000 (concepts), python block 10 (NOTE on the `*` unpacking operator; plain Python).
-- Python's add(*numbers) is table.unpack in Lua. It prints nothing, like the original.
local function add(a, b, c)
  return a + b + c
end

local numbers = { 1, 2, 3 }
local result = add(table.unpack(numbers))  -- add(1, 2, 3) と同等
