-- order: any
-- Lesson 004, example 4: the blocking functions in a thread pool's workers run at the same
-- time (the two "started" lines, then the two "finished" ones; which of a pair comes first
-- is up to the threads). The functions are copied into the workers' own Lua states.
local function func1()
  print("func1() started")
  time.sleep(1)
  print("func1() finished")
end

local function func2()
  print("func2() started")
  time.sleep(1)
  print("func2() finished")
end

local main = async(function()
  local loop = asyncio.get_running_loop()
  do
    local pool <close> = asyncio.ThreadPoolExecutor()
    local task1 = loop:run_in_executor(pool, func1)
    local task2 = loop:run_in_executor(pool, func2)
    await(task1)
    await(task2)
  end
end)

asyncio.run(main())
