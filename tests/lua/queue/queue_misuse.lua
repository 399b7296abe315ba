-- Queue misuse loses nothing and crashes nothing: wrong self values raise
-- Lua's bad-argument errors, a PriorityQueue item that does not compare is
-- refused with the queue left as it was, and items whose __lt calls back
-- into the same queue leave it consistent. The script asserts its own
-- expectations.

local function check(what, got, want)
  if got ~= want then error(("%s: expected %s, got %s"):format(what, tostring(want), tostring(got)), 2) end
end

local function fails(f, ...)
  local ok, e = pcall(f, ...)
  assert(not ok, "expected an error")
  return tostring(e)
end

local Q = getmetatable(asyncio.Queue())

-- 1. Wrong self values, including tables that pretend to be queues (with
-- the runtime's other userdata where a queue keeps its core).
local op = asyncio.sleep(0)
local ex = asyncio.ThreadPoolExecutor(1)
for _, m in ipairs({ "get", "put", "get_nowait", "put_nowait", "qsize", "empty", "full", "task_done", "shutdown",
  "join" }) do
  check(m .. "(5)", fails(Q[m], 5), "bad argument #1 to '" .. m .. "' (Queue expected; call it as q:" .. m .. "(...))")
  check(m .. "{}", fails(Q[m], {}), "bad argument #1 to '" .. m .. "' (Queue expected; call it as q:" .. m .. "(...))")
  for what, ud in pairs({ ["io.stdout"] = io.stdout, ["a sleep"] = op, ["an executor's"] = ex._core }) do
    check(m .. "{" .. what .. "}", fails(Q[m], { ud }), "bad argument #1 to '" .. m .. "' (Queue expected; call it as q:" .. m .. "(...))")
    check(m .. "{_core=" .. what .. "}", fails(Q[m], { _core = ud }),
      "bad argument #1 to '" .. m .. "' (Queue expected; call it as q:" .. m .. "(...))")
  end
end
await(op)
ex:shutdown()
check("Queue('x')", fails(asyncio.Queue, "x"), "bad argument #1 to 'Queue' (number expected, got string)")
print("1 bad self ok")

-- 2. A PriorityQueue item that does not compare is refused; the queue keeps
-- its items, count and unfinished tasks.
local pq = asyncio.PriorityQueue()
pq:put_nowait(3)
pq:put_nowait(1)
local _, e = pcall(pq.put_nowait, pq, "x")
check("refusal: a TypeError", asyncio.TypeError:is(e), true)
check("refusal: its text", tostring(e), "TypeError: '<' not supported between instances of 'string' and 'number'")
check("qsize after refusal", pq:qsize(), 2)
check("repr after refusal", tostring(pq), "<PriorityQueue maxsize=0 _queue=[1, 3] tasks=2>")
pq:put_nowait(2)
check("order", table.concat({ pq:get_nowait(), pq:get_nowait(), pq:get_nowait() }, " "), "1 2 3")
print("2 priority refusal ok")

-- 3. An __lt that changes the same PriorityQueue while its items are being
-- compared raises RuntimeError (the operation that compared fails); every
-- item stays in the queue exactly once.
local rq = asyncio.PriorityQueue()
local action
local Item = {}
Item.__lt = function(a, b)
  local f = action
  action = nil
  if f then f() end
  return a.v < b.v
end
local function item(v) return setmetatable({ v = v }, Item) end
for _, v in ipairs({ 5, 3, 4 }) do rq:put_nowait(item(v)) end
local changed = "RuntimeError: PriorityQueue changed during a comparison of its items"
action = function() rq:put_nowait(item(100)) end
check("put inside a put", fails(rq.put_nowait, rq, item(1)), changed)
check("size after", rq:qsize(), 3)
action = function() rq:get_nowait() end
check("get inside a put", fails(rq.put_nowait, rq, item(2)), changed)
action = function() rq:shutdown(true) end
check("shutdown(true) inside a put", fails(rq.put_nowait, rq, item(2)), changed)
rq:put_nowait(item(1))
action = function() rq:put_nowait(item(100)) end
-- A get whose comparison fails loses the item it took (1), as with heapq;
-- the others stay, once each (their order is no longer guaranteed).
check("put inside a get", fails(rq.get_nowait, rq), changed)
local seen = {}
while not rq:empty() do seen[#seen + 1] = rq:get_nowait().v end
table.sort(seen)
check("items left", table.concat(seen, " "), "3 4 5")
print("3 reentrant comparison ok")

-- 4. A get waiting while the queue is dropped by shutdown(true), and a put
-- refused after it: the waiter raises QueueShutDown, the count stays right.
local q = asyncio.Queue(1)
q:put_nowait("a")
local putter = asyncio.create_task(q:put("b"))
local getter_q = asyncio.Queue()
local getter = asyncio.create_task(getter_q:get())
await(asyncio.sleep(0))
q:shutdown(true)
getter_q:shutdown(true)
local ok1, e1 = pcall(await, putter)
local ok2, e2 = pcall(await, getter)
check("putter", ok1 or tostring(e1), "QueueShutDown")
check("getter", ok2 or tostring(e2), "QueueShutDown")
check("dropped", tostring(q), "<Queue maxsize=1 shutdown>")
print("4 shutdown ok")

-- 5. nil items show in the repr, in order.
local nq = asyncio.Queue()
nq:put_nowait(nil); nq:put_nowait(1); nq:put_nowait(nil)
check("repr with nils", tostring(nq), "<Queue maxsize=0 _queue=[nil, 1, nil] tasks=3>")
local lq = asyncio.LifoQueue()
lq:put_nowait(1); lq:put_nowait(nil)
check("lifo repr with nil", tostring(lq), "<LifoQueue maxsize=0 _queue=[1, nil] tasks=2>")
print("5 nil items ok")

-- 6. A task made done behind its back (Future.set_result applied to it) is
-- not resumed by a later wake-up, and the item stays in the queue.
local wq = asyncio.Queue()
local t = asyncio.create_task(async(function() await(wq:get()); return "body" end)())
await(asyncio.sleep(0))
getmetatable(asyncio.Future()).set_result(t, "forced")
wq:put_nowait("item")
await(asyncio.sleep(0)); await(asyncio.sleep(0))
check("result", t:result(), "forced")
check("item kept", wq:qsize(), 1)
-- and it is done, so all_tasks() no longer lists it, started or not
local unstarted = asyncio.create_task(async(function() return "body" end)())
getmetatable(asyncio.Future()).cancel(unstarted)
for _, listed in ipairs(asyncio.all_tasks()) do
  check("all_tasks lists no done task", listed == t or listed == unstarted, false)
end
await(asyncio.sleep(0))
check("the unstarted one is cancelled", unstarted:cancelled(), true)
print("6 done task ok")

-- 7. A put that ended keeps nothing alive: once its item left the queue,
-- the item can be collected within the same step (as CPython frees it),
-- also when the put was not awaited right after it was made, when the
-- script still holds the put, and when the put was closed unstarted.
local gq = asyncio.Queue()
local weak = setmetatable({}, { __mode = "v" })
do
  local item = {}
  weak[1] = item
  await(gq:put(item))
end
gq:get_nowait()
local held, closed
do
  local item, other = {}, {}
  weak[2], weak[3] = item, other
  held = gq:put(item)
  local get = gq:get()
  await(held)
  await(get)
  closed = gq:put(other)
  closed:close()
end
collectgarbage()
collectgarbage()
check("item collected", weak[1], nil)
check("item of a held put collected", weak[2], nil)
check("item of a closed put collected", weak[3], nil)
check("the puts are still held", tostring(held) .. " " .. tostring(closed), "<coroutine Queue.put> <coroutine Queue.put>")
print("7 item released ok")

-- 8. shutdown takes a boolean, nil, or Python's keyword as an options table
-- ({immediate = false}): anything else is refused before the queue changes.
-- (A table and a string are truthy: shutdown({immediate = false}) and
-- shutdown("false") used to drop every item.)
for _, cls in ipairs({ "Queue", "PriorityQueue", "LifoQueue" }) do
  local sq = asyncio[cls]()
  sq:put_nowait(1)
  local refused = {
    { "false", "bad argument #1 to 'shutdown' (boolean expected, got string)" },
    { 0, "bad argument #1 to 'shutdown' (boolean expected, got number)" },
    { asyncio.Queue(), "bad argument #1 to 'shutdown' (boolean expected, got table)" },
    { { immediate = "false" }, "bad argument #1 to 'shutdown' (field 'immediate' must be a boolean or nil)" },
    { { immediat = true }, "bad argument #1 to 'shutdown' (unknown option 'immediat'; the options are: immediate)" },
    { { true }, "bad argument #1 to 'shutdown' (options expected, got a list)" },
  }
  for _, r in ipairs(refused) do
    check(cls .. ":shutdown(" .. tostring(r[1]) .. ")", fails(sq.shutdown, sq, r[1]), r[2])
  end
  check(cls .. " refused: not shut down", tostring(sq), "<" .. cls .. " maxsize=0 _queue=[1] tasks=1>")
  -- a wrong self is named first, as for every method
  check(cls .. " shutdown of a wrong self", fails(sq.shutdown, {}, "false"),
    "bad argument #1 to 'shutdown' (Queue expected; call it as q:shutdown(...))")
  sq:shutdown({})
  check(cls .. ":shutdown({}) keeps the items", tostring(sq), "<" .. cls .. " maxsize=0 _queue=[1] tasks=1 shutdown>")
  sq:shutdown(nil)
  sq:shutdown({ immediate = true })
  check(cls .. ":shutdown({immediate = true})", tostring(sq), "<" .. cls .. " maxsize=0 shutdown>")
end
print("8 shutdown arguments ok")

-- 9. await of a queue (it has no __await): the TypeError names its class,
-- as CPython's "object Queue can't be used in 'await' expression" does.
for _, cls in ipairs({ "Queue", "PriorityQueue", "LifoQueue" }) do
  check("await(" .. cls .. "())", fails(await, asyncio[cls]()),
    "TypeError: object " .. cls .. " can't be used in 'await' expression")
end
print("9 await of a queue ok")

-- 10. A queue constructor given more than maxsize refuses it (Python:
-- "Queue.__init__() takes from 1 to 2 positional arguments but 3 were
-- given"); it used to ignore it.
for _, cls in ipairs({ "Queue", "PriorityQueue", "LifoQueue" }) do
  check(cls .. "(1, 2)", fails(asyncio[cls], 1, 2), "bad argument #2 to '" .. cls .. "' (no value expected, got number)")
  check(cls .. "(nil, nil)", fails(asyncio[cls], nil, nil), "bad argument #2 to '" .. cls .. "' (no value expected, got nil)")
  check(cls .. "('x', 2): the first named first", fails(asyncio[cls], "x", 2),
    "bad argument #1 to '" .. cls .. "' (number expected, got string)")
  check(cls .. "(nil)", tostring(asyncio[cls](nil)), "<" .. cls .. " maxsize=0>")
end
print("10 constructor arguments ok")

-- 11. {priority, data} items whose elements do not compare: the same
-- TypeError as for plain items, found past a tie on the first element too;
-- a refused put leaves the queue as it was, a get that fails loses only the
-- item it took (as heapq). Elements with an __lt, tables whose metatable
-- gives their elements (__index, no __lt), and NaN priorities (neither is
-- smaller: the next element decides) keep their order.
local tq = asyncio.PriorityQueue()
tq:put_nowait({ 1, 2 })
check("tie, then string vs number", fails(tq.put_nowait, tq, { 1, "a" }),
  "TypeError: '<' not supported between instances of 'string' and 'number'")
check("string vs number first", fails(tq.put_nowait, tq, { "x", 1 }),
  "TypeError: '<' not supported between instances of 'string' and 'number'")
check("table vs number", fails(tq.put_nowait, tq, { { 1 }, 1 }),
  "TypeError: '<' not supported between instances of 'table' and 'number'")
check("number vs table", fails(tq.put_nowait, tq, 5),
  "TypeError: '<' not supported between instances of 'number' and 'table'")
check("refused puts: size", tq:qsize(), 1)
tq = asyncio.PriorityQueue()
tq:put_nowait({ 1, 1 })
tq:put_nowait({ 2, "a" })
tq:put_nowait({ 2, 5 })  -- compared with {1, 1} only
check("a get that meets them", fails(tq.get_nowait, tq),
  "TypeError: '<' not supported between instances of 'number' and 'string'")
local left = {}
while not tq:empty() do left[#left + 1] = tostring(tq:get_nowait()[2]) end
table.sort(left)
check("a failed get: the others stay", table.concat(left, " "), "5 a")
local V = { __lt = function(a, b) return a.v < b.v end }
local Rec = { __index = function(_, k) return ({ 7, "rec" })[k] end, __len = function() return 2 end }
local nan = 0 / 0
tq = asyncio.PriorityQueue()
for _, x in ipairs({ { 1, setmetatable({ v = 3 }, V), "v3" }, { 1, setmetatable({ v = 2 }, V), "v2" },
  setmetatable({}, Rec), { 7, "aaa" }, { 7, "zzz" } }) do
  tq:put_nowait(x)
end
local got = {}
while not tq:empty() do
  local x = tq:get_nowait()
  got[#got + 1] = x[3] or x[2]
end
check("__lt elements, __index records", table.concat(got, " "), "v2 v3 aaa rec zzz")
tq = asyncio.PriorityQueue()
for _, x in ipairs({ { nan, 3 }, { 1, 9 }, { nan, 2 }, { nan, 1 } }) do tq:put_nowait(x) end
got = {}
while not tq:empty() do got[#got + 1] = tostring(tq:get_nowait()[2]) end
check("NaN priorities", table.concat(got, " "), "1 2 3 9")
print("11 priority items that do not compare ok")
