-- The coroutine objects of lock:acquire(), event:wait(), sem:acquire(),
-- q:get() and q:put() run at most once (docs/api.md), even when the
-- primitive is used again in between, and each call makes a new one.
local function once(name, make)
  local a = make()
  await(a)
  local b = make()
  assert(a ~= b, name .. ": a second call returned the same coroutine object")
  local ok, e = pcall(await, a)
  assert(not ok and tostring(e) == "RuntimeError: cannot reuse already awaited coroutine",
    name .. ": awaiting it again gave " .. tostring(e))
  await(b)
  print(name .. " ok")
end

local lock = asyncio.Lock()
once("Lock.acquire", function() if lock:locked() then lock:release() end return lock:acquire() end)
local ev = asyncio.Event()
ev:set()
once("Event.wait", function() return ev:wait() end)
local sem = asyncio.Semaphore(5)
once("Semaphore.acquire", function() return sem:acquire() end)
local q = asyncio.Queue()
once("Queue.put", function() return q:put(1) end)
once("Queue.get", function() return q:get() end)
local c = q:get()
assert(tostring(c) == "<coroutine Queue.get>", tostring(c))
c:close()
