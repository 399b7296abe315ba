-- A task's end reads its named fields (_callbacks, _scopes, _awaited_failure,
-- _fut_waiter) only when it has some (kernel.hpp's no_named_fields): every
-- kind of task must still end with each of them seen, whether it was made
-- with named fields (a name, spawn's arguments), got them later (its table
-- rehashed), or got one into room it was made with (spawn(fn, a, b) drops
-- _args when it starts).
local events = {}
local function note(s) events[#events + 1] = s end

local function body(tag, ...)
  local n = select("#", ...)
  await(asyncio.sleep(0))
  -- an awaited failure, caught: the task still returns plainly
  local bad = asyncio.get_running_loop():create_future()
  bad:set_exception(asyncio.RuntimeError("boom"))
  local ok = pcall(await, bad)
  assert(not ok)
  await(asyncio.sleep(0))
  return tag .. ":" .. n
end
local abody = async(body)

local kinds = {
  { "spawn(fn, x)", function() return asyncio.spawn(body, "a") end, "a:0" },
  { "spawn(fn)", function() return asyncio.spawn(function() return body("b") end) end, "b:0" },
  { "spawn(fn, x, y, z)", function() return asyncio.spawn(body, "c", 1, 2) end, "c:2" },
  { "create_task(coro)", function() return asyncio.create_task(abody("d")) end, "d:0" },
  { "create_task(coro, {name})", function() return asyncio.create_task(abody("e", 1), { name = "e" }) end, "e:1" },
  { "create_task(fn)", function() return asyncio.create_task(function() return body("f") end) end, "f:0" },
}

for _, k in ipairs(kinds) do
  local what, make, want = k[1], k[2], k[3]
  events = {}
  local t = make()
  -- Named fields added after the task was made: a second done callback
  -- (_callbacks), a new name.
  t:add_done_callback(function(f) note("cb1 " .. f:result()) end)
  t:add_done_callback(function(f) note("cb2 " .. f:result()) end)
  t:set_name("renamed " .. what)
  local r = await(t)
  await(asyncio.sleep(0))
  note("awaited " .. r)
  local got = table.concat(events, ", ")
  local expected = ("cb1 %s, cb2 %s, awaited %s"):format(want, want, want)
  assert(got == expected, what .. ": " .. got)
  for _, other in ipairs(asyncio.all_tasks()) do
    assert(other ~= t, what .. ": still listed by all_tasks")
  end
end

-- A task whose scope is still open when it returns: its end goes through
-- task.lua, which reports the forgotten <close> (a named field, _scopes,
-- added after the task was made).
local t = asyncio.spawn(function()
  local tg = asyncio.TaskGroup()  -- without <close>
  tg:create_task(asyncio.sleep(0))
  return 1
end)
local ok, err = pcall(await, t)
assert(not ok and tostring(err):find("<close>", 1, true), tostring(err))
print("ok")
