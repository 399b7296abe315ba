-- An error raised by a loop callback or a done callback is reported (on
-- stderr) and the loop, the task and the other callbacks go on.
-- Reference: reference/loop_callback_errors.py

local main = async(function()
  -- an error in a callback is reported (on stderr) and the loop goes on
  local loop = asyncio.get_running_loop()

  local function bad()
    print("bad callback runs")
    error(asyncio.ValueError("callback failure"))
  end

  local function good(label)
    print(("good callback %s"):format(label))
  end

  loop:call_soon(good, 1)
  loop:call_soon(bad)
  loop:call_soon(good, 2)
  await(asyncio.sleep(0))
  print("main after sleep(0)")

  loop:call_later(0.05, bad)
  loop:call_later(0.1, good, 3)
  await(asyncio.sleep(0.2))
  print("main after timers")

  -- an error in a done callback does not disturb the task or the others
  local work = async(function()
    await(asyncio.sleep(0.01))
    return "work result"
  end)

  local t = asyncio.create_task(work())
  t:add_done_callback(function(f) good("before") end)
  t:add_done_callback(function(f) bad() end)
  t:add_done_callback(function(f) good("after") end)
  print(await(t))
  await(asyncio.sleep(0))
  print(("task ok: done=%s result=%s"):format(tostring(t:done()), t:result()))
  print("main end")
end)

asyncio.run(main())
