-- coroutine.resume and coroutine.wrap give what Lua's own give (lua5.4's
-- lcorolib), inside a task too: no extra nil when a coroutine returns or
-- yields nothing, the values of resuming the running coroutine in Lua's
-- order, an error of a __close handler as the error of a wrapped coroutine,
-- with the caller's position on a string error. And an async function
-- awaited inline ten thousand deep (each level awaiting the next) works:
-- those are Lua calls, not C ones.
local function eq(what, got, want)
  if got ~= want then error(("%s: %s, expected %s"):format(what, tostring(got), tostring(want)), 2) end
end

eq("resume of a coroutine returning nothing: value count",
  select("#", coroutine.resume(coroutine.create(function() end))), 1)
eq("wrap of a coroutine returning nothing: value count", select("#", coroutine.wrap(function() end)()), 0)
eq("yield of nothing: value count", select("#", coroutine.resume(coroutine.create(function() coroutine.yield() end))), 1)

local co
co = coroutine.create(function() return coroutine.resume(co) end)
local ok, a, b = coroutine.resume(co)
eq("resuming the running coroutine: outer ok", ok, true)
eq("resuming the running coroutine: inner ok", a, false)
eq("resuming the running coroutine: message", b, "cannot resume non-suspended coroutine")

local f = coroutine.wrap(function()
  local x <close> = setmetatable({}, { __close = function() error("@YYY") end })
  error(200)
end)
local ok2, e2 = pcall(f)  -- (called from pcall, a C function: no position to add)
eq("wrap: the __close handler's error wins", ok2, false)
eq("wrap: the handler's error", e2, "coroutines_like_lua.lua:25: @YYY")
local h = coroutine.wrap(function() error("plain", 0) end)
local function call_h() local r = h() return r end
local _, e4 = pcall(call_h)
eq("wrap: a string error gets its caller's position", e4, "coroutines_like_lua.lua:32: plain")
local g = coroutine.wrap(function() error({ code = 1 }) end)
local _, e3 = pcall(g)
eq("wrap: a table error passes unchanged", type(e3) == "table" and e3.code, 1)

-- awaits pass through wrap and resume
local gen = coroutine.wrap(function() for i = 1, 3 do await(asyncio.sleep(0)); coroutine.yield(i) end end)
eq("await inside wrap", gen() + gen() + gen(), 6)

local deep
deep = async(function(n)
  if n == 0 then return 0 end
  return 1 + await(deep(n - 1))
end)
eq("inline awaits 10000 deep", await(deep(10000)), 10000)
-- The same inside coroutines of the user's, which await through.
local in_wrap = coroutine.wrap(function() coroutine.yield(await(deep(10000))) end)
eq("inline awaits 10000 deep in a wrap", in_wrap(), 10000)
local in_co = coroutine.create(function() return await(deep(10000)) end)
local ok_co, n_co = coroutine.resume(in_co)
eq("inline awaits 10000 deep in a coroutine", ok_co and n_co, 10000)
print("ok")
