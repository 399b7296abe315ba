-- A name read from what lacks it raises AttributeError, as Python's, where
-- Lua would read nil: a field of a coroutine object (a forgotten await,
-- with the await it lacks in the message), of an op (asyncio.sleep(0)),
-- and a name asyncio's modules lack ("Did you mean", as CPython 3.13's
-- traceback shows it; none for the loop names luasync leaves out on
-- purpose). The runtime's own reads of a coroutine object's fields, and
-- rawget, still see nil.
local function fails(f)
  local ok, e = pcall(f)
  assert(not ok, "no error")
  assert(asyncio.AttributeError:is(e), "not an AttributeError: " .. tostring(e))
  assert(asyncio.Exception:is(e))
  return e
end
local function eq(what, got, want)
  if got ~= want then error(what .. ":\n  got:  " .. tostring(got) .. "\n  want: " .. tostring(want), 2) end
end

local fetch = async(function() return { status = 200 } end)
local r = fetch()
local e = fails(function() return r.status == 200 end)
eq("coroutine object", e.message, "'coroutine' object has no attribute 'status' " ..
  "(hint: forgot an await? local r = await(fetch()) runs it and gives its result)")
eq(".name", e.name, "status")
eq(".obj", e.obj, r)
eq("tostring", tostring(e), "AttributeError: " .. e.message)
e = fails(function() return r:read() end)
eq("a method call", e.message:match("^[^(]*"), "'coroutine' object has no attribute 'read' ")
e = fails(function() r:clse() end)
eq("did you mean close", e.message, "'coroutine' object has no attribute 'clse'. Did you mean: 'close'?")
eq("an index that is no name reads nil", r[1], nil)
eq("awaited, it gives its result", (await(r)).status, 200)

local s = asyncio.sleep(0)
e = fails(function() return s.result end)
eq("an op", e.message, "'coroutine' object has no attribute 'result' (hint: forgot an await? this is the " ..
  "coroutine object of sleep(), which runs when awaited: await(...) gives its result)")
await(s)
eq("a task of one still runs", await(asyncio.create_task(fetch())).status, 200)
eq("gather of them", #await(asyncio.gather(fetch(), asyncio.sleep(0, 1))), 2)

e = fails(function() return asyncio.slep end)
eq("asyncio.slep", e.message, "module 'asyncio' has no attribute 'slep'. Did you mean: 'sleep'?")
eq("asyncio.slep .name", e.name, "slep")
eq("asyncio.slep .obj", e.obj, asyncio)
eq("asyncio.subprocess", fails(function() return asyncio.subprocess.PIPEE end).message,
  "module 'asyncio.subprocess' has no attribute 'PIPEE'. Did you mean: 'PIPE'?")
eq("asyncio.fs", fails(function() return asyncio.fs.exist end).message,
  "module 'asyncio.fs' has no attribute 'exist'. Did you mean: 'exists'?")
eq("nothing close", fails(function() return asyncio.xyzzy end).message, "module 'asyncio' has no attribute 'xyzzy'")
eq("a loop name: no near name", fails(function() return asyncio.new_event_loop end).message,
  "module 'asyncio' has no attribute 'new_event_loop'")
eq("rawget reads nil", rawget(asyncio, "slep"), nil)
eq("a name it has", asyncio.subprocess.PIPE, -1)
asyncio.my_field = 1  -- assigning still works
eq("assigned", asyncio.my_field, 1)
asyncio.my_field = nil
print("ok")
