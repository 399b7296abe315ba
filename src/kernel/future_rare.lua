-- The Future methods most programs never call, or call only to misuse
-- them: set_exception, remove_done_callback, and add_done_callback given a
-- callable object. Loaded at the first use (future.lua's stand-ins, which
-- call these: the user's frame is a level further than in the method
-- itself); a start pays for every module it loads (bench W6).
local errors = require "luasync.errors"
local future = require "luasync.future"
local std = require "luasync.std"

local type, select, error = type, select, error
local is_future, callable_of = future.is_future, future.callable_of
local PENDING = future.PENDING

-- future.lua's slots: one `local <const>` each, as Lua makes only the last
-- name of a list a compile-time constant.
local STATE <const> = 1
local CB <const> = 3

local M = {}

local function check_self(fut, name)
  if not is_future(fut) then
    errors.self_error(name, "Future", "f")
  end
end

-- Future:set_exception(exc). Any Lua value may be the error (error() takes
-- strings and tables), but not nil: CPython refuses None, and a failure
-- whose error is nil reads as a success to `if f:exception() then`.
function M.set_exception(self, ...)
  local exc = ...
  check_self(self, "set_exception")
  if select("#", ...) == 0 then errors.arg_error(1, "set_exception", "value expected") end
  if self[STATE] ~= PENDING then
    error(errors.InvalidStateError("invalid state"), 3)
  end
  if exc == nil then error(errors.TypeError("invalid exception object"), 3) end
  if errors.is_class(exc) then exc = exc() end  -- as CPython's: an instance of a class given
  future.set_failure(self, exc)
  future.abandon(self)
end

-- The done callback that stands for fn, a callable object (a table or
-- userdata with __call), given to add_done_callback: a function that calls
-- it (future.lua's callable_of); anything else is refused.
function M.callable_callback(fn)
  if not std.is_callable(fn) then errors.bad_argument(1, "add_done_callback", "function", fn, true) end
  local obj = fn
  fn = function(f) obj(f) end  -- not a tail call: no "(...tail calls...)" in its traceback
  callable_of[fn] = obj
  return fn
end

-- Future:remove_done_callback(fn). One pass over the entries, which closes
-- the gaps in place: no copy of the list (it made three: a quadratic cost
-- over many removes, five times CPython's, and an error past a million
-- entries, table.unpack's limit). The entries before the first match stay
-- where they are; a kept entry moves to CB when CB is left empty, as
-- future.lua's add_waiter wants.
function M.remove_done_callback(self, fn)
  check_self(self, "remove_done_callback")
  -- A wrapper of a callable object stands for it (callable_of); a function
  -- matches only itself.
  local wrapped = type(fn) ~= "function"
  local first, cbs, removed = self[CB], self._callbacks, 0
  if first and (first == fn or (wrapped and callable_of[first] == fn)) then
    removed, first = 1, nil
  end
  if cbs then
    local n, from = #cbs, 1
    if first then
      from = n + 1
      for i = 1, n do
        local cb = cbs[i]
        if cb == fn or (wrapped and callable_of[cb] == fn) then
          from = i
          break
        end
      end
    end
    local kept = from - 1
    for i = from, n do
      local cb = cbs[i]
      if cb == fn or (wrapped and callable_of[cb] == fn) then
        removed = removed + 1
      elseif not first then
        first = cb
      else
        kept = kept + 1
        cbs[kept] = cb
      end
    end
    for i = kept + 1, n do cbs[i] = nil end
    if kept == 0 then self._callbacks = nil end
  end
  if removed > 0 then self[CB] = first end
  return removed
end

return M
