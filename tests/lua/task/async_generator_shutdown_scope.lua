-- Which async generators asyncio.run closes at its end (CPython's
-- shutdown_asyncgens closes those first iterated on its own loop): those
-- started during the run, not one started before it -- at the REPL neither,
-- where each input runs as a task and asyncio.run behaves as in a script;
-- the REPL's exit closes none, as python -m asyncio's; nor one that a task
-- made before the run and still running started (a background task at the
-- REPL, which may go on using it). The list is weak: a
-- started generator nobody references may be collected (CPython's is a
-- WeakSet). A program without async generators never loads their module.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check

local events = {}
local function note(...) events[#events + 1] = table.concat({ ... }, " ") end

local gen = asyncio.async_generator(function(name)
  local _ <close> = setmetatable({}, { __close = function()
    note(name, "cleanup starts")
    await(asyncio.sleep(0))
    note(name, "cleanup ends")
  end })
  coroutine.yield(name)
end)

-- 1. started before the run, or outside it: left alone; started inside
--    (in a nested run too): closed at the end of the run it started in
local before = gen("before")
note("got", before())
asyncio.run(async(function()
  local inside = gen("inside")
  note("got", inside())
  asyncio.run(async(function()
    local nested = gen("nested")
    note("got", nested())
  end)())
  note("nested run returned")
end)())
note("run returned")
eq("what asyncio.run closes", table.concat(events, "\n"), table.concat({
  "got before",
  "got inside",
  "got nested",
  "nested cleanup starts",
  "nested cleanup ends",
  "nested run returned",
  "inside cleanup starts",
  "inside cleanup ends",
  "run returned",
}, "\n"))
-- "before" was left suspended at its yield: it goes on from there
events = {}
note("before's next value:", tostring(before()))
eq("before goes on after the run", table.concat(events, "\n"),
  "before cleanup starts\nbefore cleanup ends\nbefore's next value: nil")
events = {}

-- 2. the list does not keep a started generator alive
local seen = setmetatable({}, { __mode = "k" })
asyncio.run(async(function()
  local dropped = gen("dropped")
  note("got", dropped())
  seen[dropped] = true
  dropped = nil
  collectgarbage()
  collectgarbage()
  check("a generator nobody references is collected", next(seen) == nil)
end)())
eq("a collected generator is not closed", table.concat(events, "\n"), "got dropped")

-- 3. a task made before the run and still running at its end keeps the
--    generators it started during the run: it may go on using them
events = {}
local go_on = asyncio.Event()
local background = asyncio.spawn(function()
  await(asyncio.sleep(0.1))
  local g = gen("background's")
  note("got", g())
  await(go_on:wait())
  note("background's next value:", tostring(g()))
end)
asyncio.run(async(function() await(asyncio.sleep(0.2)) end)())
note("run returned")
go_on:set()
await(background)
eq("a generator of a task still running", table.concat(events, "\n"), table.concat({
  "got background's",
  "run returned",
  "background's cleanup starts",
  "background's cleanup ends",
  "background's next value: nil",
}, "\n"))

-- 4. at the REPL: asyncio.run closes what it started, not what earlier
--    inputs did; leaving the REPL closes nothing
local input = table.concat({
  'gen = asyncio.async_generator(function(name) local _ <close> = setmetatable({}, {__close = function() ' ..
    'print(name, "cleanup starts"); await(asyncio.sleep(0)); print(name, "cleanup ends") end}); ' ..
    'coroutine.yield(name) end)',
  'before = gen("before"); print(before())',
  'main = async(function() inside = gen("inside"); print(inside()) end)',
  'asyncio.run(main())',
  'print("after run")',
  'later = gen("later"); print(later())',
}, "\n") .. "\n"
local out, err, code = cli.run('"$L" -i --clock=virtual 2>&1', input)
eq("REPL status", code, 0)
eq("REPL stderr", err, "")
local printed = {}
for line in out:gmatch("[^\n]+") do
  if not line:find("^>") and not line:find("^luasync ") and not line:find("^Use ") and not line:find("^Type ") then
    printed[#printed + 1] = line
  end
end
eq("REPL transcript", table.concat(printed, "\n"), table.concat({
  "before",
  "inside",
  "inside\tcleanup starts",
  "inside\tcleanup ends",
  "after run",
  "later",
}, "\n"))

-- 5. nothing to pay without async generators
out = cli.run([["$L" -e 'asyncio.run(async(function() await(asyncio.sleep(0)) end)())
print(package.loaded["luasync.agen"] == nil)']])
eq("no async generator module loaded", out, "true\n")
cli.finish()
