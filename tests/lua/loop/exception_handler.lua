-- The loop's exception handler: told of a callback's error, of a task's
-- error never retrieved and of what call_exception_handler passes it; an
-- error in the handler does not stop the loop; nil puts back the default
-- (reference/exception_handler.py; "at FILE:LINE" is shown as "at HERE").
-- Then, with the binary, what the default handler and a broken handler
-- write on stderr.
local function norm(s) return (s:gsub(" at [^ ]+:%d+", " at HERE")) end
-- print with spaces between the values, as the reference's p()
local function p(...)
  local parts = table.pack(...)
  for i = 1, parts.n do parts[i] = tostring(parts[i]) end
  print(table.concat(parts, " ", 1, parts.n))
end

local function boom() error(asyncio.ValueError("boom")) end

local loop = asyncio.get_running_loop()
p("default:", loop:get_exception_handler())
local seen = {}

local function handler(lp, ctx)
  seen[#seen + 1] = ctx
  local keys = {}
  for k in pairs(ctx) do
    if k ~= "message" and k ~= "exception" then keys[#keys + 1] = k end
  end
  table.sort(keys)
  p("handler:", lp == loop, norm(ctx.message), tostring(ctx.exception), table.concat(keys, " "))
end

loop:set_exception_handler(handler)
p("set:", loop:get_exception_handler() == handler)
loop:call_soon(boom)
await(asyncio.sleep(0))

local function fails() error(asyncio.ValueError("lost")) end
local t = asyncio.spawn(fails)
await(asyncio.sleep(0))
t = nil
collectgarbage()
collectgarbage()
await(asyncio.sleep(0))

local ctx = { message = "from the user", detail = 42 }
loop:call_exception_handler(ctx)
p("same table:", seen[#seen] == ctx)

local function broken() error(asyncio.RuntimeError("handler broke")) end
loop:set_exception_handler(broken)
loop:call_soon(boom)
await(asyncio.sleep(0))
p("after a broken handler")
local ok, e = pcall(loop.set_exception_handler, loop, 1)
p("refused:", not ok and asyncio.TypeError:is(e) and "TypeError" or tostring(e))
loop:set_exception_handler(nil)
p("back to the default:", loop:get_exception_handler())

-- stderr, from scripts of their own (with the binary: not under stock Lua,
-- where this test also runs through the module).
if os.getenv("LUASYNC") then
  local cli = require "lib.cli"
  local function check(what, got, want)
    if got ~= want then error(("%s: got %q, want %q"):format(what, got, want), 2) end
  end
  local script = cli.tmpfile("asyncio.get_running_loop():default_exception_handler({ message = 'something odd', " ..
    "detail = 42, where = 'here' })\n" ..
    "asyncio.get_running_loop():call_exception_handler({ exception = asyncio.ValueError('plain') })\n" ..
    -- (an empty message is none, as CPython's `if not message`)
    "asyncio.get_running_loop():call_exception_handler({ message = '', exception = asyncio.ValueError('e') })\n")
  local _, err = cli.run('"$L" ' .. cli.quote(script))
  check("the default handler", err, "something odd\ndetail: 42\nwhere: 'here'\n" ..
    "Unhandled exception in event loop\nValueError: plain\n" ..
    "Unhandled exception in event loop\nValueError: e\n")
  script = cli.tmpfile("local function boom()\n  error(asyncio.ValueError('boom'))\nend\n" ..
    "local loop = asyncio.get_running_loop()\n" ..
    "loop:set_exception_handler(function() error(asyncio.RuntimeError('handler broke')) end)\n" ..
    "loop:call_soon(boom)\nawait(asyncio.sleep(0))\nprint('after')\n")
  local out
  out, err = cli.run('"$L" ' .. cli.quote(script))
  check("a broken handler: the loop goes on", out, "after\n")
  check("a broken handler: stderr", err:match("^[^\n]*\n[^\n]*\n"), "Unhandled error in exception handler\n" ..
    "context: {'message': 'Exception in callback boom() at " .. script .. ":1', 'exception': ValueError('boom'), " ..
    "'handle': <Handle boom() at " .. script .. ":1>}\n")
  check("a broken handler: its error", err:match("\nRuntimeError: handler broke\n") ~= nil and "found" or err, "found")
  -- A handler set in an asyncio.run() is that run's loop's, as in CPython:
  -- told of the run's shutdown errors and of its task collected after the
  -- run, gone in the next run (CPython prints the same lines, with None).
  script = cli.tmpfile([[
local sets = async(function()
  asyncio.get_running_loop():set_exception_handler(function(_, ctx) print("run's handler:", ctx.message, ctx.exception) end)
  asyncio.create_task(async(function()
    local _ <close> = setmetatable({}, { __close = function() error(asyncio.ValueError("left")) end })
    await(asyncio.sleep(10))
  end)())
  await(asyncio.sleep(0))
  late = asyncio.create_task(async(function() error(asyncio.ValueError("late")) end)())
  await(asyncio.sleep(0))
end)
asyncio.run(sets())
late = nil
collectgarbage()
collectgarbage()
asyncio.run(async(function() print("next run:", asyncio.get_running_loop():get_exception_handler()) end)())
]])
  out, err = cli.run('"$L" ' .. cli.quote(script))
  cli.cleanup()
  check("one run's handler", out, "run's handler:\tunhandled exception during asyncio.run() shutdown\tValueError: left\n" ..
    "run's handler:\tTask exception was never retrieved\tValueError: late\nnext run:\tnil\n")
  check("one run's handler: stderr", err, "")
end
