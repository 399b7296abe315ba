-- PriorityQueue order for {priority, data} items, compared as Python
-- compares tuples: ties on the priority broken by the next element, a
-- shorter prefix first, 1 and 1.0 equal, nested tables, strings; gets
-- interleaved with puts, so the heap's own order (heapq's) shows, and every
-- item comes out once. The heap's sift and the common comparisons are C++
-- (asyncio/priority_heap.cpp), the rest queues.lua's: both orders here.
-- Reference: reference/priority_order.py
local p = require("lib.show").p

local function show(x)
  if type(x) == "table" then
    local parts = {}
    for i = 1, #x do parts[i] = show(x[i]) end
    return "{" .. table.concat(parts, ",") .. "}"
  end
  return tostring(x)
end

-- 1. numbers: 200 items, priorities with many ties, ids break them
local q = asyncio.PriorityQueue()
local early = {}
for i = 1, 200 do
  q:put_nowait({ (i * 37) % 7, i })
  if i % 5 == 0 then
    local item = q:get_nowait()
    early[#early + 1] = item[1] .. ":" .. item[2]
  end
end
p("1 early", table.concat(early, " "))
local out = {}
while not q:empty() do
  local item = q:get_nowait()
  out[#out + 1] = item[1] .. ":" .. item[2]
end
p("1 rest", table.concat(out, " "))

-- 2. mixed shapes: shorter prefix first, int and float equal, nested
local flat = { { 2, "b" }, { 1 }, { 1, "z" }, { 1.0, "a" }, { 2 }, { 1, "a", 0 }, { 0.5, "half" }, { -1, "neg" },
  { 2, "a" }, { 1, "a" } }
local nested = { { { 1, 2 }, "n" }, { { 1, 1 }, "m" }, { { 1 }, "l" } }
for _, group in ipairs({ flat, nested }) do
  q = asyncio.PriorityQueue()
  for _, x in ipairs(group) do await(q:put(x)) end
  out = {}
  while not q:empty() do out[#out + 1] = show(await(q:get())) end
  p("2", table.concat(out, " "))
end

-- 3. string priorities, then a second key
q = asyncio.PriorityQueue()
for i, name in ipairs({ "pear", "apple", "fig", "apple", "Fig", "pear", "", "apple" }) do
  q:put_nowait({ name, 9 - i })
end
out = {}
while not q:empty() do out[#out + 1] = show(q:get_nowait()) end
p("3", table.concat(out, " "))
