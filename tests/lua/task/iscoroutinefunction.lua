-- asyncio.iscoroutinefunction(f), CPython 3.13's: true for an async
-- function and for the module's own functions that give a coroutine object
-- (CPython's are async def); false for a plain function, for one that
-- returns a coroutine object, for a coroutine object, for anything else.
-- Reference: reference/iscoroutinefunction.py
local fetch = async(function() return 1 end)
local function plain() return 1 end
local function returns_coro() return fetch() end
local c = fetch()
for _, case in ipairs({
  { "async function", fetch },
  { "asyncio.sleep", asyncio.sleep },
  { "asyncio.wait_for", asyncio.wait_for },
  { "asyncio.to_thread", asyncio.to_thread },
  { "asyncio.open_connection", asyncio.open_connection },
  { "plain function", plain },
  { "returns a coroutine", returns_coro },
  { "coroutine object", c },
  { "print", print },
  { "nil", nil },
}) do
  print(case[1], asyncio.iscoroutinefunction(case[2]))
end
print(await(c))
