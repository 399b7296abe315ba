-- Deadlines of NaN and infinity. A NaN delay or time is refused at once
-- with ValueError wherever one is given (asyncio.sleep at its await, as
-- CPython's coroutine: task/sleep_nan.lua): in the
-- deadline heap it would break the order every other deadline relies on --
-- the call_later(nan) of the session that found it lost a later sleep's
-- deadline and ended in a deadlock report (CPython's loop fails in select()
-- instead). Nothing is scheduled by the refused call. A deadline at minus
-- infinity is due at once; one at infinity never comes.
local loop = asyncio.get_running_loop()
local function try(label, f)
  local ok, e = pcall(f)
  print(label, ok, e)
end
try("call_later(nan)", function() loop:call_later(0 / 0, print, "never") end)
try("call_at(nan)", function() loop:call_at(0 / 0, print, "never") end)
try("wait_for(aw, nan)", function() return asyncio.wait_for(asyncio.Future(), 0 / 0) end)
try("timeout(nan)", function() local _ <close> = asyncio.timeout(0 / 0) end)
try("timeout_at(nan)", function() local _ <close> = asyncio.timeout_at(0 / 0) end)
try("reschedule(nan)", function()
  local t <close> = asyncio.timeout(10)
  local ok, e = pcall(t.reschedule, t, 0 / 0)
  print("", "still", t:when() == loop:time() + 10)
  error(e, 0)
end)
try("wait(.., {timeout = nan})", function() return asyncio.wait({ asyncio.Future() }, { timeout = 0 / 0 }) end)
try("as_completed(.., {timeout = nan})", function() return asyncio.as_completed({ asyncio.Future() }, { timeout = 0 / 0 }) end)
try("sleep(nan)", function() return await(asyncio.sleep(0 / 0)) end)

local order = {}
loop:call_at(-math.huge, function() order[#order + 1] = "call_at(-inf)" end)
local never = loop:call_later(math.huge, function() order[#order + 1] = "never" end)
local t0 = loop:time()
await(asyncio.sleep(0.25))
order[#order + 1] = "sleep(0.25) after " .. (loop:time() - t0)
try("timeout(-inf)", function()
  local _ <close> = asyncio.timeout(-math.huge)
  await(asyncio.sleep(1))
end)
never:cancel()
print(table.concat(order, ", "))
