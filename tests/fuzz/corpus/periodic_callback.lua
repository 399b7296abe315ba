-- A callback that schedules itself again until a count is reached.
local loop = asyncio.get_running_loop()
local done = loop:create_future()
local count = 0
local function tick(limit)
  count = count + 1
  if count >= limit then
    done:set_result(count)
  else
    loop:call_later(0.5, tick, limit)
  end
end
loop:call_soon(tick, 5)
print("ticked", await(done))
local h
h = loop:call_later(1, function() print("cancelled handle ran") end)
h:cancel()
await(asyncio.sleep(2))
print(count, h:cancelled())
