-- busy loop in the main task, caught by pcall, then keeps going
local n = 0
local ok, e = pcall(function() while true do n = n + 1 end end)
print("main busy caught:", ok, e)
local ok2, e2 = pcall(await, asyncio.sleep(0.2))
print("next await:", ok2, e2)
print("end")
