-- asyncio.async_generator(fn): Python's async generators as Lua generic-for
-- iterators.
--
--   local ticks = asyncio.async_generator(function(n)
--     for i = 1, n do await(asyncio.sleep(1)); coroutine.yield(i) end
--   end)
--   for i in ticks(3) do ... end        -- async for i in ticks(3): ...
--
-- Calling the result makes a generator: a coroutine running fn(...) whose
-- awaits suspend the enclosing task (coroutine.resume forwards them, see
-- kernel/coroutines.cpp), and whose yields are the loop's values. The 4th value of
-- the generic for is a closing value: when the loop ends early (break,
-- return, error), the suspended generator is closed with coroutine.close, so
-- its pending <close> variables run (synchronously: they cannot await,
-- like a sync generator's close(); a TaskGroup there cancels its children
-- and says so). A generator that returns ends the loop; one that fails
-- (its own error, a CancelledError at one of its awaits) unwinds inside its
-- coroutine, under a pcall, where its <close> variables may await (a
-- TaskGroup waits for its cancelled children, as CPython's async with does
-- in an async generator), then its error propagates to the loop.
local errors = require "luasync.errors"

local co_create, co_status, co_close = coroutine.create, coroutine.status, coroutine.close
local select, error, setmetatable, unpack, pcall = select, error, setmetatable, table.unpack, pcall

local M = {}

local Closer = { __name = "async_generator" }
Closer.__index = Closer
-- (A generator that another task runs, suspended in one of its awaits, is
-- "normal" to coroutine.status: kernel/coroutines.cpp.)
local function running_elsewhere(what)
  error(errors.RuntimeError(what .. "(): asynchronous generator is already running"), 3)
end

Closer.__close = function(self)
  local co = self.co
  if co and co_status(co) == "normal" then running_elsewhere("aclose") end
  if co and co_status(co) == "suspended" then
    self.co = nil
    local ok, err = co_close(co)
    if not ok then error(err, 0) end
  end
end
Closer.__tostring = function(self) return "<async_generator " .. self.name .. ">" end

-- The generator's function runs under a pcall inside the coroutine: Lua
-- lets a __close handler yield while an error unwinds only there, and it
-- runs no <close> of a coroutine that failed without one until
-- coroutine.close, which cannot wait.
local function body_end(ok, ...)
  if not ok then error((...), 0) end
  return ...
end
local function body(fn, ...) return body_end(pcall(fn, ...)) end

-- A generator that fails is closed before the error goes on (what is still
-- open after the error unwound: nothing, unless the pcall failed itself).
local function step(co, ok, ...)
  if not ok then
    local closed, err = co_close(co)
    if closed then err = ... end
    error(err, 0)
  end
  if co_status(co) == "dead" then return nil end
  return ...
end

-- The generators made, for call graphs (graph.lua): their iterator ->
-- their Closer, which has their coroutine and function.
local generators = setmetatable({}, { __mode = "k" })
M.generators = generators

function M.async_generator(fn)
  if type(fn) ~= "function" then errors.bad_argument(1, "async_generator", "function", fn, true) end
  local info = debug.getinfo(fn, "S")
  local name = info.short_src .. ":" .. info.linedefined
  local call_name  -- the name it is first called by (`ticks` in ticks(3)), as async() names
  return function(...)
    if call_name == nil then
      local called = debug.getinfo(1, "n")
      call_name = called and called.name or false
    end
    local co = co_create(body)
    local n, args = select("#", ...), { fn, ... }
    n = n + 1
    local resume = coroutine.resume  -- the forwarding one (kernel/coroutines.cpp)
    local started = false
    local function iter()
      if not started then
        started = true
        local a = args
        args = nil
        return step(co, resume(co, unpack(a, 1, n)))
      end
      local status = co_status(co)
      if status == "dead" then return nil end
      if status == "normal" then running_elsewhere("anext") end
      return step(co, resume(co))
    end
    local closer = setmetatable({ co = co, name = name, fn = fn, call_name = call_name }, Closer)
    generators[iter] = closer
    return iter, nil, nil, closer
  end
end

return M
