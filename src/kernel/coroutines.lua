-- await inside coroutines that user code creates within a task
-- (coroutine.wrap generators, iterators): when such a coroutine awaits, the
-- AWAIT marker it yields is passed up to the task, so the task suspends, and
-- the wake-up is passed back down. coroutine.resume and coroutine.wrap are
-- replaced by versions that forward; everything else is Lua's.
local task = require "luasync.task"

local AWAIT = task.AWAIT
local raw_yield, raw_create = coroutine.yield, coroutine.create
local raw_resume = require("luasync.core").resume
local raw_isyieldable = coroutine.isyieldable

local function forward(co, ok, first, ...)
  if ok and first == AWAIT and raw_isyieldable() then
    return forward(co, raw_resume(co, raw_yield(AWAIT)))
  end
  return ok, first, ...
end

local function resume(co, ...)
  return forward(co, raw_resume(co, ...))
end

-- As Lua's own wrap: an error closes the coroutine (its pending <close>
-- variables run: a lock held inside is released) and propagates.
local function wrap_results(co, ok, ...)
  if not ok then
    local err = ...
    coroutine.close(co)
    error(err, 0)
  end
  return ...
end

local function wrap(fn)
  local co = raw_create(fn)
  return function(...)
    return wrap_results(co, resume(co, ...))
  end
end

coroutine.resume = resume
coroutine.wrap = wrap

return { resume = resume, wrap = wrap }
