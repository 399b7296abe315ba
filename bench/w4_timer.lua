-- W4 timer accuracy on luasync: T tasks each await asyncio.sleep(0.01) I times in sequence;
-- lateness per wake-up = measured elapsed - 10 ms, on the high-resolution monotonic clock.
-- Same arguments and RESULT keys as shared/peers/luv/w4_timer.lua:  luasync w4_timer.lua [T [I]]
local T = math.tointeger(tonumber(arg[1])) or 1000
local I = math.tointeger(tonumber(arg[2])) or 50
local DT = 0.01
local now = (rawget(_G, "time") and time.perf_counter) or function() return asyncio.get_running_loop():time() end

local lat = {}
local sleep = asyncio.sleep
local function ticker()
  for _ = 1, I do
    local t = now()
    await(sleep(DT))
    lat[#lat + 1] = now() - t - DT
  end
end

local ts = {}
for i = 1, T do ts[i] = asyncio.spawn(ticker) end
await(asyncio.gather(table.unpack(ts, 1, T)))
table.sort(lat)
local n = #lat
assert(n == T * I)
local s, early = 0, 0
for i = 1, n do
  s = s + lat[i]
  if lat[i] < 0 then early = early + 1 end
end
local function ms(x) return ("%.3f"):format(x * 1000) end
print(("RESULT peer=luasync tasks=%d iters=%d mean_ms=%s p99_ms=%s max_ms=%s min_ms=%s early_pct=%.1f")
  :format(T, I, ms(s / n), ms(lat[math.ceil(0.99 * n)]), ms(lat[n]), ms(lat[1]), 100 * early / n))
