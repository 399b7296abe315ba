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
-- like a sync generator's close()). A generator that returns ends the loop;
-- one that fails is closed too, then its error propagates to the loop.
local errors = require "luasync.errors"

local co_create, co_status, co_close = coroutine.create, coroutine.status, coroutine.close
local select, error, setmetatable, unpack = select, error, setmetatable, table.unpack

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

-- A generator that fails (its own error, or a CancelledError delivered at
-- one of its awaits) is closed before the error goes on: Lua does not unwind
-- a coroutine that failed, so its <close> variables run here.
local function step(co, ok, ...)
  if not ok then
    local closed, err = co_close(co)
    if closed then err = ... end
    error(err, 0)
  end
  if co_status(co) == "dead" then return nil end
  return ...
end

function M.async_generator(fn)
  if type(fn) ~= "function" then errors.bad_argument(1, "async_generator", "function", fn, true) end
  local info = debug.getinfo(fn, "S")
  local name = info.short_src .. ":" .. info.linedefined
  return function(...)
    local co = co_create(fn)
    local n, args = select("#", ...), { ... }
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
    return iter, nil, nil, setmetatable({ co = co, name = name }, Closer)
  end
end

return M
