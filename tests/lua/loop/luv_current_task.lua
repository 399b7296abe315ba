-- asyncio.current_task() in Lua that a C library runs on the main thread in
-- the middle of a task's step: luv keeps the main thread (luv_kept_state.lua)
-- and runs its callbacks there when the task calls uv.run. The callback, and
-- a coroutine it resumes, see the task, as in CPython code a library calls
-- back from a task sees that task; so does the task after uv.run returns.
-- Between steps (a loop callback stepping luv) there is none.
-- Needs Debian's lua-luv (scripts/bootstrap installs it for the tests).
local uv = require "luv"
local seen = {}
local function record(label)
  local t = asyncio.current_task()
  seen[#seen + 1] = label .. ": " .. (t ~= nil and t:get_name() or "none")
end

local worker = async(function()
  local timer = uv.new_timer()
  timer:start(0, 0, function()
    record("luv's callback")
    local co = coroutine.create(function() record("a coroutine the callback resumes") end)
    assert(coroutine.resume(co))
    -- the callback's own frames hold other values where the step keeps the task
    local t = { asyncio.current_task() }
    record("the callback again, " .. #t .. " value")
    timer:close()
  end)
  uv.run("nowait")
  record("the task after uv.run")
  await(asyncio.sleep(0))
  record("the task after an await")
end)

await(asyncio.create_task(worker(), { name = "worker" }))

local loop = asyncio.get_running_loop()
local between = loop:create_future()
local timer = uv.new_timer()
timer:start(0, 0, function()
  record("luv's callback between steps")
  timer:close()
  between:set_result(true)
end)
loop:call_soon(function() uv.run("nowait") end)
await(between)

local want = {
  "luv's callback: worker",
  "a coroutine the callback resumes: worker",
  "the callback again, 1 value: worker",
  "the task after uv.run: worker",
  "the task after an await: worker",
  "luv's callback between steps: none",
}
for i, w in ipairs(want) do
  if seen[i] ~= w then error(("line %d: got %q, want %q"):format(i, tostring(seen[i]), w)) end
end
assert(#seen == #want, #seen)
print("ok")
