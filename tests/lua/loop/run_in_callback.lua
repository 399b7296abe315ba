-- asyncio.run and loop:run_until_complete called by a callback of the
-- running loop raise CPython's RuntimeError: no task could await there.
-- (They said "asyncio.run() needs the luasync loop: run the script with
-- luasync" and "await() called outside a task".) In a task both await, a
-- documented deviation (docs/api.md). Reference: reference/run_in_callback.py

local main = async(function()
  -- asyncio.run and loop.run_until_complete called by a callback of the
  -- running loop: no task could await there, and both refuse at once
  local loop = asyncio.get_running_loop()

  local function cb()
    for _, case in ipairs {
      { "run", function() return asyncio.run(asyncio.sleep(0)) end },
      { "run_until_complete", function() return loop:run_until_complete(asyncio.sleep(0)) end },
      { "run_until_complete(None)", function() return loop:run_until_complete(nil) end },
    } do
      local ok, e = pcall(case[2])
      if ok then
        print(case[1] .. " returned")
      elseif asyncio.RuntimeError:is(e) then
        print(case[1] .. " RuntimeError: " .. e.message)
      else
        print(case[1] .. " other error: " .. tostring(e))
      end
    end
  end

  loop:call_soon(cb)
  await(asyncio.sleep(0))
  print("main goes on")
end)

asyncio.run(main())
