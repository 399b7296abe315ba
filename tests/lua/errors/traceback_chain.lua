-- An uncaught error's traceback names the task where it was raised and each
-- task that awaited it, shows the user's frames, and hides the runtime's.
local luasync = os.getenv("LUASYNC")

local function run(code)
  local file = os.tmpname()
  local f = assert(io.open(file, "w"))
  f:write(code)
  f:close()
  local p = io.popen(luasync .. " --clock=virtual " .. file .. " 2>&1")
  local out = p:read("a")
  local _, _, status = p:close()
  os.remove(file)
  return out:gsub(file:gsub("%p", "%%%0"), "script.lua"), status
end

local out, status = run([[
local fetch = async(function(url)
  await(asyncio.sleep(0.1))
  error(asyncio.ValueError("bad url " .. url))
end)
local worker = async(function()
  local t = asyncio.create_task(fetch("x"), {name = "fetcher"})
  local r = await(t)
  return r
end)
local main = async(function()
  await(asyncio.create_task(worker()))
end)
asyncio.run(main())
]])
local expected = [[
luasync: ValueError: bad url x
stack traceback:
  task 'fetcher':
	script.lua:3: in function 'fetch'
  awaited by task 'Task-2':
	script.lua:7: in function 'worker'
  awaited by task 'Task-1':
	script.lua:11: in function 'main'
	script.lua:13: in main chunk
]]
assert(status == 1, "exit status " .. tostring(status))
if out ~= expected then
  error("traceback differs:\n--- expected\n" .. expected .. "--- actual\n" .. out)
end
assert(not out:find("luasync:%a+:%d"), "a runtime-internal frame leaked into the traceback")

-- A plain string error keeps its position and is reported unchanged.
out, status = run([[
local f = async(function() error("inner " .. 1) end)
await(asyncio.create_task(f()))
]])
expected = [[
luasync: script.lua:1: inner 1
stack traceback:
  task 'Task-2':
	script.lua:1: in function 'f'
  awaited by task 'Task-1':
	script.lua:2: in main chunk
]]
assert(status == 1)
if out ~= expected then
  error("traceback differs:\n--- expected\n" .. expected .. "--- actual\n" .. out)
end

-- A deep stack of async calls: the 12 innermost frames, the count of the
-- frames left out between, the 10 outermost (42 frames: 41 calls of deep
-- and the main chunk). The count is of the user's frames, not of Lua's
-- levels, which await's own C frames would double.
out, status = run([[
local deep
deep = async(function(n) if n == 0 then error("bottom") end return 1 + await(deep(n - 1)) end)
await(deep(40))
]])
local frame = "\tscript.lua:2: in function 'deep'\n"
expected = "luasync: script.lua:2: bottom\nstack traceback:\n  task 'Task-1':\n" .. frame:rep(12) ..
  "\t...\t(skipping 20 levels)\n" .. frame:rep(9) .. "\tscript.lua:3: in main chunk\n"
assert(status == 1)
if out ~= expected then
  error("deep traceback differs:\n--- expected\n" .. expected .. "--- actual\n" .. out)
end
print("ok")
