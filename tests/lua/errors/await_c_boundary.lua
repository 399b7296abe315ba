-- An await under a C function that cannot let it yield (table.sort's
-- comparator, string.gsub's replacement, tostring's __tostring, require's
-- module body, a finalizer) raises a RuntimeError naming that function,
-- also when nothing would have had to wait (a done Future, a finished Task,
-- a set Event, a free Lock, a non-empty Queue), taking nothing. pcall,
-- xpcall and dofile let an await through.
local cli = require "lib.cli"
local eq, has, tmpfile, quote, run = cli.eq, cli.has, cli.tmpfile, cli.quote, cli.run

local function inside(name)
  return "RuntimeError: await() cannot suspend inside '" .. name ..
    "': attempt to yield across a C-call boundary (a C function called this code; await outside that callback instead)"
end
local function err(ok, e)
  eq("raised", ok, false)
  return tostring(e)
end

local done = asyncio.Future()
done:set_result("x")
local finished = asyncio.spawn(function() return "T" end)
await(asyncio.sleep(0))
local ev = asyncio.Event()
ev:set()
local lock = asyncio.Lock()
local q = asyncio.Queue()
q:put_nowait(1)
local quick = async(function() return "q" end)

local readies = {
  { "a done Future", function() return done end },
  { "a finished Task", function() return finished end },
  { "a set Event", function() return ev:wait() end },
  { "a free Lock", function() return lock:acquire() end },
  { "a non-empty Queue", function() return q:get() end },
  { "an async function that returns", quick },
}
for _, r in ipairs(readies) do
  eq("gsub, " .. r[1], err(pcall(string.gsub, "a", ".", function() return await(r[2]()) end)), inside("string.gsub"))
  eq("sort, " .. r[1], err(pcall(table.sort, { 2, 1 }, function(a, b) await(r[2]()) return a < b end)),
    inside("table.sort"))
end
eq("the lock was not taken", lock:locked(), false)
eq("the item was not taken", q:qsize(), 1)

-- named as a traceback names it, also when called by a local name, and
-- through a pcall inside the callback
local mysort = table.sort
eq("sort by a local name", err(pcall(function() mysort({ 2, 1 }, function() return await(done) end) end)),
  inside("table.sort"))
eq("pcall inside the callback",
  err(pcall(string.gsub, "a", ".", function() local _, e = pcall(await, done) error(e, 0) end)), inside("string.gsub"))
local obj = setmetatable({}, { __tostring = function() return await(done) end })
eq("__tostring", err(pcall(tostring, obj)), inside("tostring"))

-- a finalizer
local seen
setmetatable({}, { __gc = function() seen = select(2, pcall(await, done)) end })
collectgarbage()
collectgarbage()
eq("a finalizer", tostring(seen), "RuntimeError: await() cannot suspend inside a finalizer (__gc): attempt to " ..
  "yield across a C-call boundary (the collector called it, in whichever task was running; a finalizer cannot wait)")

-- what lets an await through
eq("pcall", select(2, pcall(await, asyncio.sleep(0.1, "p"))), "p")
local df = tmpfile("return await(asyncio.sleep(0.1, 'dofile'))")
eq("dofile", dofile(df), "dofile")

-- require: a module's body
local dir = tmpfile()
os.remove(dir)
assert(os.execute("mkdir " .. quote(dir)))
local f = assert(io.open(dir .. "/awaiting_mod.lua", "w"))
f:write("await(asyncio.sleep(0.01))\nreturn {}\n")
f:close()
local in_require = "RuntimeError: await() cannot suspend inside 'require': attempt to yield across a C-call " ..
  "boundary (a module's body cannot await: start a task from it, or await in a function it exports)"
package.path = dir .. "/?.lua;" .. package.path
eq("require", err(pcall(require, "awaiting_mod")), in_require)
local _, stderr, code = run("cd " .. quote(dir) .. ' && "$L" -l awaiting_mod -e "print(1)"')
eq("-l mod: status", code, 1)
has("-l mod: message", stderr, in_require)
os.remove(dir .. "/awaiting_mod.lua")
os.remove(dir)
cli.finish()
