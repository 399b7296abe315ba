-- await() of a value that is not awaitable names Lua's type of it, as
-- docs/api.md says: nil is "nil" (Python would say NoneType).
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
-- and the documentation says the same
local f = assert(io.open("../../../docs/api.md"))
local doc = f:read("a")
f:close()
if doc:find("NoneType` for nil", 1, true) then error("docs/api.md still says await(nil) names NoneType") end
if not doc:find("`nil`...), where Python says", 1, true) then error("docs/api.md no longer names Lua's nil") end
print("ok")
