-- tostring of a Task or Future never raises, as CPython's repr of a Task
-- copes with any exception: an error object, a result or an awaited value
-- whose own __tostring raises is shown by its type (it raised "bad
-- tostring" from tostring(task); the never-retrieved report coped already).
local BAD = { __tostring = function() error("bad tostring") end }
local failures = 0
local function check(what, ok, detail)
  if not ok then
    failures = failures + 1
    io.stderr:write("FAIL: ", what, ": ", tostring(detail), "\n")
  end
end
local function repr(v)
  local ok, s = pcall(tostring, v)
  return ok and s or ("raised: " .. tostring(s))
end

local failed = asyncio.spawn(function() error(setmetatable({}, BAD)) end)
local returned = asyncio.spawn(function() return setmetatable({}, BAD) end)
local odd = setmetatable({}, {
  __tostring = BAD.__tostring,
  __await = function() return asyncio.sleep(3600) end,
})
local waiting = asyncio.spawn(function() await(odd) end)
await(asyncio.sleep(0))
local s = repr(failed)
check("failed task", s:find("^<Task finished name='Task%-2' .* exception=table %(its __tostring failed%)>$"), s)
s = repr(returned)
check("returned", s:find("^<Task finished name='Task%-3' .* result=table %(its __tostring failed%)>$"), s)
s = repr(waiting)
check("waiting", s:find("^<Task pending name='Task%-4' "), s)
local fut = asyncio.Future()
fut:set_exception(setmetatable({}, BAD))
s = repr(fut)
check("future", s == "<Future finished exception=table (its __tostring failed)>", s)
fut:exception() -- retrieved
pcall(await, failed)
waiting:cancel()
pcall(await, waiting)
if failures > 0 then error(failures .. " check(s) failed") end
print("ok")
