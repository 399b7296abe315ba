-- The parts of the module table (asyncio.lua) that most programs never
-- call, loaded at the first call of one of them (bench W6): wrap_future,
-- the stand-in of asyncio.http until http.lua loads, and the module for
-- stock Lua's refusals outside a running loop.
local errors = require "luasync.errors"
local future = require "luasync.future"
local task = require "luasync.task"

local M = {}

-- asyncio.wrap_future(fut): what an executor's submit gives is already an
-- asyncio Future (threads.lua), so it comes back as it is, as CPython's
-- wrap_future gives back a Future of asyncio's.
function M.wrap_future(...)
  local fut = ...
  if not future.is_future(fut) then errors.bad_argument(1, "wrap_future", "Future", fut, select("#", ...) > 0) end
  return fut
end

-- The metamethods of asyncio.http (t) until its first lookup loads
-- http.lua, whose fields it then holds under the module's guard.
function M.http_index(t, key)
  -- (require first: when it fails -- no descriptor left to load a
  -- library with --, the next use tries again)
  local http = require("luasync.http")
  setmetatable(t, getmetatable(require("luasync.asyncio")))  -- (the guard of asyncio.lua)
  for k, v in pairs(http) do rawset(t, k, v) end
  return t[key]
end
function M.http_tostring()
  return "<module asyncio.http, loaded at its first use: get, post, put, delete, head, patch, request, " ..
    "Session...; help(asyncio.http)>"
end

-- Under lua5.4 (src/module/) the loop runs only inside asyncio.run: outside
-- it, making a task raises CPython's RuntimeError 'no running event loop'
-- (also ensure_future and gather of a coroutine, which CPython 3.13 still
-- lets make a task on a loop that its asyncio.run never runs), and so do
-- current_task and all_tasks, as CPython's. A refused coroutine object is
-- closed. (In luasync the loop always runs: nothing to check.)
-- check_running_loop(M, entry): wraps those functions of the module table M
-- (core.entry makes a wrapper a binding, as they are).
function M.check_running_loop(mod, entry)
  local loopmod
  -- Raises unless the loop runs, closing the coroutine objects among the
  -- arguments; `any`: only when there is one (gather of futures makes no task).
  local function check_running(any, ...)
    loopmod = loopmod or require("luasync.loop")
    if loopmod.loop:is_running() then return end
    local coros = false
    for i = 1, select("#", ...) do
      local aw = select(i, ...)
      if task.iscoroutine(aw) then
        coros = true
        task.close_coro(aw)
      end
    end
    if coros or not any then loopmod.check_running() end
  end
  local function wrap(name, any)
    local fn = mod[name]
    mod[name] = entry(function(...)
      check_running(any, ...)
      return fn(...)
    end)
  end
  for _, name in ipairs({ "create_task", "spawn", "current_task", "all_tasks" }) do wrap(name, false) end
  for _, name in ipairs({ "ensure_future", "gather" }) do wrap(name, true) end
end

return M
