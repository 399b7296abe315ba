-- clock: real
-- A job that ends while the loop thread blocks (time.sleep in a task,
-- busy code, an executor's shutdown(true)) is queued when it ends, as
-- CPython's call_soon_threadsafe queues it: before what the blocked step
-- queues after that, so its Future is done after one sleep(0), not two.
-- (The completion waited for the loop's next poll, behind the step's own
-- entries.)
local loop = asyncio.get_running_loop()

local function quick(n) return n end

local function watch(label, fut)
  fut:add_done_callback(function() print(label .. ": done callback") end)
  loop:call_soon(print, label .. ": call_soon before the block")
end

local function after_block(label, fut)
  loop:call_soon(print, label .. ": call_soon after the block")
  print(label .. ": after the block, done " .. tostring(fut:done()))
  await(asyncio.sleep(0))
  print(label .. ": after one sleep(0), done " .. tostring(fut:done()))
  await(asyncio.sleep(0))
  print(label .. ": after two, done " .. tostring(fut:done()))
end

-- time.sleep on the loop thread
local fut = loop:run_in_executor(nil, quick, 1)
watch("time.sleep", fut)
time.sleep(0.5)
after_block("time.sleep", fut)

-- busy code
fut = loop:run_in_executor(nil, quick, 2)
watch("busy", fut)
local t0 = time.monotonic()
while time.monotonic() - t0 < 0.5 do end
after_block("busy", fut)

-- an executor's shutdown(true)
local pool = asyncio.ThreadPoolExecutor(1)
fut = loop:run_in_executor(pool, quick, 3)
watch("shutdown", fut)
pool:shutdown(true)
after_block("shutdown", fut)

-- a to_thread task awaited after the block: it goes on after one sleep(0)
-- too
local t = asyncio.create_task(asyncio.to_thread(quick, 4))
await(asyncio.sleep(0))  -- (the task submits its job)
time.sleep(0.5)
await(asyncio.sleep(0))
print("to_thread task: after one sleep(0), done " .. tostring(t:done()))
