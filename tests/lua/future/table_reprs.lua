-- A plain table in a repr shows its items, as Python's reprlib shows a
-- list there (CPython: <_GatheringFuture finished result=[None, 5]>): at
-- most six, two levels deep; gather's results with their nils.
local function eq(what, got, want)
  if got ~= want then error(("%s:\n  got  %s\n  want %s"):format(what, got, want), 2) end
end

local g = asyncio.gather(asyncio.sleep(0), asyncio.sleep(0, 5))
await(g)
eq("gather's results", tostring(g), "<_GatheringFuture finished result={nil, 5}>")

local f = asyncio.Future()
f:set_result({ 1, "two", { 3, { 4 } } })
eq("nested lists", tostring(f), "<Future finished result={1, 'two', {3, {...}}}>")

f = asyncio.Future()
f:set_result({ 1, 2, 3, 4, 5, 6, 7, 8 })
eq("a long list", tostring(f), "<Future finished result={1, 2, 3, 4, 5, 6, ...}>")

f = asyncio.Future()
f:set_result({ name = "x" })
eq("a record", tostring(f), "<Future finished result={name='x'}>")

local q = asyncio.Queue()
q:put_nowait({ 1, "a" })
eq("a queue's items", tostring(q), "<Queue maxsize=0 _queue=[{1, 'a'}] tasks=1>")

-- a record's keys in a repeatable order; an n that is not a list's count
f = asyncio.Future()
f:set_result({ z = 1, n = 42, a = 2, name = "x" })
eq("sorted keys, n among them", tostring(f), "<Future finished result={a=2, n=42, name='x', z=1}>")

-- a result that holds its own task or future: shown once, then {...}
local t = asyncio.create_task(async(function() return { me = asyncio.current_task() } end)())
await(t)
local ok, text = pcall(tostring, t)
eq("a task in its own result", tostring(ok), "true")
eq("... shown once", select(2, text:gsub("result=", "")), 2)
eq("... then {...}", text:match("result={me=<Task [^\n]-result=({%.%.%.})>}>$"), "{...}")
f = asyncio.Future()
f:set_result({ f })
eq("a future in its own result", tostring(f), "<Future finished result={<Future finished result={...}>}>")

-- a table with a metatable keeps its own tostring
f = asyncio.Future()
f:set_result(setmetatable({}, { __tostring = function() return "custom" end }))
eq("a class's tostring", tostring(f), "<Future finished result=custom>")
