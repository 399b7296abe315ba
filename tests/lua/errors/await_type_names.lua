-- await() of a value that is not awaitable names its class, or else Lua's
-- type of it, as docs/api.md says: nil is "nil" (Python would say NoneType).
local function message(v)
  local ok, e = pcall(await, v)
  assert(not ok)
  return tostring(e)
end
for _, case in ipairs({ { nil, "nil" }, { 42, "number" }, { "s", "string" }, { {}, "table" }, { true, "boolean" } }) do
  local want = "TypeError: object " .. case[2] .. " can't be used in 'await' expression"
  local got = message(case[1])
  if got ~= want then error(("await(%s): %q, expected %q"):format(tostring(case[1]), got, want)) end
end
-- A value with a class, the metatable's __name (Lua's luaL_typeerror reads
-- the same field), is named by it, as CPython names a value by its class:
-- "object Lock can't be used". A metatable without a string __name leaves
-- Lua's type.
local named = {
  { asyncio.Lock(), "Lock" }, { asyncio.Queue(), "Queue" }, { asyncio.ValueError("x"), "ValueError" },
  { setmetatable({}, { __name = "Point" }), "Point" }, { setmetatable({}, {}), "table" },
  { setmetatable({}, { __name = 42 }), "table" },
  { setmetatable({}, { __index = function() return "Liar" end }), "table" },
}
for _, case in ipairs(named) do
  local want = "TypeError: object " .. case[2] .. " can't be used in 'await' expression"
  local got = message(case[1])
  if got ~= want then error(("await(%s): %q, expected %q"):format(tostring(case[1]), got, want)) end
end
-- A value whose __await gives something not awaitable: the error is
-- __await's, not the value's (it said "object number can't be used", and the
-- REPL's hint blamed the function that made the value). CPython:
-- TypeError: __await__() returned non-iterator of type 'int'
local odd = setmetatable({}, { __await = function() return 42 end })
local got = message(odd)
if got ~= "TypeError: __await returned non-awaitable of type 'number'" then
  error(("await of an __await that gives 42: %q"):format(got))
end
local fine = setmetatable({}, { __await = function() return asyncio.sleep(0, "slept") end })
if await(fine) ~= "slept" then error("await of an __await that gives a coroutine object") end
-- and the documentation says the same
local f = assert(io.open("../../../docs/api.md"))
local doc = f:read("a")
f:close()
if doc:find("NoneType` for nil", 1, true) then error("docs/api.md still says await(nil) names NoneType") end
if not doc:find("`nil`...), where Python says", 1, true) then error("docs/api.md no longer names Lua's nil") end
print("ok")
