-- cancel: task:cancel() makes the task's pending await raise CancelledError inside it.
-- The task may clean up, should re-raise, and whoever awaits the task then gets
-- CancelledError too. (The example from the asyncio docs for Task.cancel.)
-- Note: pcall catches CancelledError like any error, so re-raise it with error(err, 0).
-- Python twin: python/cancel.py
local cancel_me = async(function()
  print("cancel_me(): before sleep")
  local okay, err = pcall(function() await(asyncio.sleep(3600)) end)
  if not okay and asyncio.CancelledError:is(err) then
    print("cancel_me(): cancel sleep")
  end
  print("cancel_me(): after sleep") -- the `finally:` part runs either way
  if not okay then error(err, 0) end -- re-raise
end)

local main = async(function()
  local task = asyncio.create_task(cancel_me())
  await(asyncio.sleep(1))
  task:cancel()
  local okay, err = pcall(function() await(task) end)
  if not okay and asyncio.CancelledError:is(err) then
    print("main(): cancel_me is cancelled now")
  end
  print(("task.cancelled(): %s"):format(task:cancelled() and "yes" or "no"))
end)

asyncio.run(main())
