-- A gather with return_exceptions that is cancelled raises, once its
-- children are done, the CancelledError of its last child in the
-- arguments' order, as CPython's: no message when that child finished
-- without being cancelled, the message otherwise.
-- Reference: reference/gather_cancel_message.py
local quick = async(function() return 1 end)
local slow = async(function() await(asyncio.sleep(1)) end)

local main = async(function()
  for _, order in ipairs({ "slow,quick", "quick,slow" }) do
    local g
    if order == "slow,quick" then
      g = asyncio.gather(slow(), quick(), { return_exceptions = true })
    else
      g = asyncio.gather(quick(), slow(), { return_exceptions = true })
    end
    await(asyncio.sleep(0))
    g:cancel("bye")
    local _, e = pcall(await, g)
    print(order, e)
  end
end)
asyncio.run(main())
