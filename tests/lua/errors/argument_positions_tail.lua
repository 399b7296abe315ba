-- A bad argument names the user's line also when the user's function
-- tail-calls asyncio's (`return asyncio.wait_for(nil, 1)`): Lua replaces the
-- frame of a Lua caller that tail-calls a Lua function, so the module's
-- functions written in Lua lost the position that its C functions
-- (asyncio.sleep) kept. They are entered through a binding now, as those
-- are (asyncio.lua's entry). Every function of asyncio, asyncio.fs and
-- asyncio.http, and async.
local function tail(f, ...) return f(...) end -- the line every message must name
local HERE = debug.getinfo(1, "S").short_src .. ":" .. debug.getinfo(tail, "S").linedefined .. ": "

local checked, wrong = 0, {}
local function check(label, f, ...)
  local ok, e = pcall(tail, f, ...)
  if ok then
    if asyncio.iscoroutine(e) then e:close() end  -- a call that was right: nothing to report
    return
  end
  e = tostring(e)
  if not e:find("bad argument", 1, true) then return end
  checked = checked + 1
  if e:sub(1, #HERE) ~= HERE then wrong[#wrong + 1] = label .. ": " .. e end
end
local function with_upvalue() return check end
local function try_all(label, f)
  check(label .. "()", f)
  check(label .. "(true)", f, true)
  check(label .. "(true, true)", f, true, true)
  check(label .. "(fn, {bad = 1})", f, with_upvalue, { bad = 1 })
end

-- What a right call would leave open or print: their bad arguments only.
local effects = { timeout = true, timeout_at = true, TaskGroup = true, print_call_graph = true, stdin = true }
for name, v in pairs(asyncio) do
  if type(v) == "function" then
    if effects[name] then
      check(name .. "(true)", v, true)
      check(name .. "(nil, true)", v, nil, true)
    else
      try_all(name, v)
    end
  end
end
for name, v in pairs(asyncio.fs) do try_all("fs." .. name, v) end
for name, v in pairs(asyncio.http) do
  if type(v) == "function" then try_all("http." .. name, v) end
end
try_all("async", async)

local function named(name, f, ...)
  local ok, e = pcall(tail, f, ...)
  if ok or tostring(e):sub(1, #HERE) ~= HERE then wrong[#wrong + 1] = name .. ": " .. tostring(e) end
end
named("wait_for(nil, 1)", asyncio.wait_for, nil, 1)
named("timeout(\"x\")", asyncio.timeout, "x")
named("timeout_at(\"x\")", asyncio.timeout_at, "x")
named("async(5)", async, 5)
named("capture_call_graph(5)", asyncio.capture_call_graph, 5)
named("stdin(5)", asyncio.stdin, 5)

print(checked > 100 and "many bad arguments checked" or ("only " .. checked .. " bad arguments checked"))
print(#wrong == 0 and "each names the caller's line" or table.concat(wrong, "\n"))
