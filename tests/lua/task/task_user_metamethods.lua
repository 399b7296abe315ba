-- The runtime never dies of, nor is steered by, a metamethod of a user's
-- value that flows through it: a task's result or error whose __eq raises
-- or says yes to anything, a __tostring that raises, a __len that raises.
-- Results are compared raw (a result whose __eq says yes was lost: await
-- gave nothing); reprs and reports fall back to the plain text of the value
-- ("table: 0x...", "table (its __tostring failed)"); an error object's
-- .message or an ExceptionGroup's .exceptions set by hand to such a value
-- is shown all the same.
local cli = require "lib.cli"
local eq, has, check, matches = cli.eq, cli.has, cli.check, cli.matches

local function raising() error("metamethod ran", 0) end
local hostile = setmetatable({}, { __tostring = raising, __eq = raising, __lt = raising, __le = raising,
  __len = raising, __concat = raising })
local agreeable = setmetatable({}, { __eq = function() return true end })

-- Results: given back as they are.
local t = asyncio.spawn(function() return agreeable end)
check("a result whose __eq says yes", rawequal(await(t), agreeable))
t = asyncio.spawn(function() return hostile end)
check("a result whose __eq raises", rawequal(await(t), hostile))
check("through shield", rawequal(await(asyncio.shield(asyncio.spawn(function() return hostile end))), hostile))
check("through wait_for", rawequal(await(asyncio.wait_for(asyncio.spawn(function() return hostile end), 1)), hostile))
local f = asyncio.Future()
asyncio.get_running_loop():call_soon(function() f:set_result(agreeable) end)
check("a Future's result", rawequal(await(f), agreeable))
local tg_child
do
  local tg <close> = asyncio.TaskGroup()
  tg_child = tg:spawn(function() return hostile end)
end
check("a TaskGroup child's result()", rawequal(tg_child:result(), hostile))

-- Reprs: never raise.
eq("the repr of a task with such a result", tostring(t),
  "<Task finished name='" .. t:get_name() .. "' coro=<" .. "task_user_metamethods.lua:20() done, " ..
  "defined at task_user_metamethods.lua:20> result=table (its __tostring failed)>")
local q = asyncio.Queue()
q:put_nowait(hostile)
eq("a Queue holding one", tostring(q), "<Queue maxsize=0 _queue=[table (its __tostring failed)] tasks=1>")

-- Errors: the one raised is the one caught, even after awaiting a future
-- that failed with a value whose __eq raises.
local failed = asyncio.Future()
failed:set_exception(hostile)
local other = setmetatable({}, { __eq = raising })
t = asyncio.spawn(function()
  pcall(await, failed)
  error(other)
end)
local ok, e = pcall(await, t)
check("the error raised after awaiting one that failed", ok == false and rawequal(e, other), e)

-- A bare coroutine.yield of such a value: the task's RuntimeError.
t = asyncio.spawn(function() coroutine.yield(hostile) end)
ok, e = pcall(await, t)
eq("a bad yield", tostring(e), "RuntimeError: Task got bad yield: table (its __tostring failed)")

-- Error objects whose fields were set by hand: tostring never raises.
local ve = asyncio.ValueError("x")
ve.message = hostile
matches("an error's .message set by hand", tostring(ve), "^ValueError: table: 0x%x+$")
local eg = asyncio.ExceptionGroup("m", { asyncio.ValueError("v") })
eg.exceptions = hostile
eq("an ExceptionGroup's .exceptions set by hand", tostring(eg), "ExceptionGroup: m (0 sub-exceptions)")

-- Uncaught, their reports: the script's error, not the runtime's death.
for _, case in ipairs({
  { "an error's .message", 'local e = asyncio.ValueError("x"); e.message = H; error(e)', "luasync: ValueError: table: 0x" },
  { "a group's .exceptions", 'local eg = asyncio.ExceptionGroup("m", {asyncio.ValueError("v")}); eg.exceptions = H; error(eg)',
    "luasync: ExceptionGroup: m (0 sub-exceptions)\n" },
  { "a gather cancelled", 'local g = asyncio.gather(asyncio.sleep(1)); pcall(g.cancel, g, H); await(asyncio.sleep(0.01)); ' ..
    'error("end")', ":2: end\n" },
}) do
  local script = cli.tmpfile('H = setmetatable({}, { __tostring = function() error("TS") end, ' ..
    '__len = function() error("LEN") end })\n' .. case[2] .. "\n")
  local _, err, code = cli.run("$L " .. cli.quote(script))
  eq(case[1] .. ": status", code, 1)
  check(case[1] .. ": no internal error", not err:find("internal error", 1, true), err)
  has(case[1] .. ": the report", err, case[3])
end

cli.finish()
