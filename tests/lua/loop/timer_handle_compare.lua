-- A TimerHandle's repr shows its when in full (Python's repr of the float),
-- and TimerHandles compare as CPython's: ordered by when, equal when their
-- when, callback, arguments and cancelled state are. A plain Handle is
-- equal only to itself.
-- Reference: reference/timer_handle_compare.py
local function norm(r) return (r:gsub(" at [^ >%],]+:%d+", " at HERE")) end
local function tick() end

local loop = asyncio.get_running_loop()
local h1 = loop:call_at(12345.678901234, tick, 1)
local h2 = loop:call_at(0.1 + 0.2, tick, 1)
local h3 = loop:call_at(12345.678901234, tick, 1)
local h4 = loop:call_at(12345.678901234, tick, 2)
print(norm(tostring(h1)))
print(norm(tostring(h2)))
print("h1 == h3", h1 == h3, "h1 ~= h3", h1 ~= h3, "h1 == h4", h1 == h4)
print("h2 < h1", h2 < h1, "h1 < h2", h1 < h2, "h1 <= h3", h1 <= h3, "h1 >= h3", h1 >= h3, "h1 > h2", h1 > h2)
h3:cancel()
print(norm(tostring(h3)))
print("cancelled: h1 == h3", h1 == h3, "h1 <= h3", h1 <= h3, "h1 < h3", h1 < h3)
local s1, s2 = loop:call_soon(tick), loop:call_soon(tick)
print("handles: s1 == s1", s1 == s1, "s1 == s2", s1 == s2, "s1 == h1", s1 == h1)
print("h1 < s1", (select(2, pcall(function() return h1 < s1 end)):gsub("^.-:%d+: ", "")))
-- (the error names the caller's line, not the runtime's)
local function refused(f) return (select(2, pcall(f)):gsub("^[^:]*timer_handle_compare[^:]*:%d+: ", "")) end
print("h1 < 5", refused(function() return h1 < 5 end))
print("5 < h1", refused(function() return 5 < h1 end))
print("h1 <= 'x'", refused(function() return h1 <= "x" end))
for _, h in ipairs({ h1, h2, h4, s1, s2 }) do h:cancel() end
