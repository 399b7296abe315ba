-- A ticker task that loops until cancelled; a repeat loop in the main task.
local loop = asyncio.get_running_loop()
local ticks = 0
local ticker = asyncio.spawn(function(period)
  while true do
    await(asyncio.sleep(period))
    ticks = ticks + 1
  end
end, 0.25)

local rounds = 0
repeat
  await(asyncio.sleep(1))
  rounds = rounds + 1
until rounds == 3
print("ticks after 3 s", ticks)

local ok, e = pcall(function()
  local _ <close> = asyncio.timeout(1)
  await(ticker)
end)
print(ok, e, ticker:cancelled(), loop:time() > 0)
