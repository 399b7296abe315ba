-- clock: real
-- A job that starts a worker thread has started when submit returns, as in
-- CPython, whose new thread runs the job while the loop goes on: cancelling
-- its Future right after cannot take it back, and a script that ends right
-- after waits for it. (The worker used to take the job only once its Lua
-- state was made, milliseconds later: until then a cancel took the job out
-- of the queue, and the script's end dropped a job that CPython runs.)
local loop = asyncio.get_running_loop()

local function job(name)
  time.sleep(0.05)
  print(name .. " ran")
  return name
end

-- A background to_thread task that the end of asyncio.run cancels at once.
local main = async(function()
  asyncio.create_task(asyncio.to_thread(job, "background job"))
  await(asyncio.sleep(0))
  print("main ends")
end)
asyncio.run(main())

-- run_in_executor into a new pool, its Future cancelled at once.
local pool = asyncio.ThreadPoolExecutor(1)
local f = loop:run_in_executor(pool, job, "cancelled job")
f:cancel()
pool:shutdown(true)
print("cancelled " .. tostring(f:cancelled()))
