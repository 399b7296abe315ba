-- What a future shows and reports of itself: its repr, the parts of it a
-- task's repr shares, the repr of the handle that runs one of its done
-- callbacks, the reports of a callback's error and of an error nobody
-- retrieved, and debug mode's records of where its callbacks were
-- scheduled. Loaded at the first use (future.lua's stand-ins): most runs
-- never ask, and a start pays for every module it loads (bench W6).
local errors = require "luasync.errors"
local future = require "luasync.future"
local std = require "luasync.std"
local driver = require "luasync.driver"
local report = std.lazy_module("luasync.report")

local type, rawget, setmetatable = type, rawget, setmetatable
local getmetatable = std.class_of
local concat = table.concat
local lower, match = string.lower, string.match
local callable_of, internal = future.callable_of, future.internal
local FINISHED, SOURCE_FRAMES = future.FINISHED, future.SOURCE_FRAMES

-- future.lua's slots: one `local <const>` each, as Lua makes only the last
-- name of a list a compile-time constant.
local STATE <const> = 1
local CB <const> = 3

local M = {}

-- The report of an error that nobody retrieved from fut (a `kind`: Task,
-- Future, _GatheringFuture or a subclass's name), made when its sentinel
-- is collected (future.lua's report_unretrieved, which says what it can
-- if this raises).
function M.report_unretrieved(fut, kind)
  report.call_exception_handler({
    message = kind .. " exception was never retrieved", exception = future.exception_of(fut), future = fut,
    source_traceback = fut._source_traceback,  -- debug mode's, as CPython's
  }, fut._tb)
end

---------------------------------------------------------------------------
-- Debug mode's records

-- Where each user done callback was scheduled (the set_result, the cancel,
-- an add_done_callback on a future done), as CPython's Handle of its
-- call_soon keeps it: the handle's "created at", and its
-- _source_traceback (the source_traceback of the callback's error, the
-- handle_traceback of a report made while it runs). fut -> the records
-- {cb, where, tb} of its callbacks not yet run, in the order scheduled,
-- which is the order they run (from `first`). (The callbacks of a task
-- that ended, which kernel/finish.cpp schedules, have none: CPython's
-- frames there are the loop's own.)
local scheduled_from = setmetatable({}, { __mode = "k" })

-- Tail-called by future.lua's note_scheduled: the frames taken start at
-- that one's caller (schedule_one, add_done_callback: the runtime's, which
-- frames() leaves out), as they did there.
function M.note_scheduled(fut, cb)
  local list = scheduled_from[fut]
  if not list then
    list = { first = 1 }
    scheduled_from[fut] = list
  end
  list[#list + 1] = { cb = cb, where = report.user_where(), tb = report.frames(nil, 2, SOURCE_FRAMES) }
end

-- The record of callback cb of fut, which runs now (taken off its list),
-- or nil.
local function take_scheduled(fut, cb)
  local list = scheduled_from[fut]
  local rec = list and list[list.first]
  if not rec or rec.cb ~= cb then return nil end
  list[list.first] = nil
  list.first = list.first + 1
  if list[list.first] == nil then scheduled_from[fut] = nil end
  return rec
end

-- The done callback that ran last, its future and where it was scheduled
-- (debug mode), while debug.lua's slow-step report may ask for its repr;
-- weak, not to keep the future.
local last_ran = setmetatable({}, { __mode = "v" })

-- Before run_callback runs cb(fut), once a callback was scheduled in debug
-- mode: its record (nil when it has none) and the loop's current handle
-- it replaces while it runs (leave_callback puts that back).
function M.enter_callback(cb, fut)
  local rec = take_scheduled(fut, cb)
  if rec then
    last_ran.cb, last_ran.fut, last_ran.where = cb, fut, rec.where
    local rep = require "luasync.report"  -- (the module itself: `report` is a proxy, which reads only)
    local outer = rep.current_handle
    rep.current_handle = { _source_traceback = rec.tb }
    return rec, outer
  elseif last_ran.cb then
    last_ran.cb, last_ran.fut, last_ran.where = nil, nil, nil
  end
  return nil
end

function M.leave_callback(outer)
  require("luasync.report").current_handle = outer
end

---------------------------------------------------------------------------
-- Callbacks

-- The repr of the handle that runs done callback cb of fut, as CPython's:
-- in debug mode with its argument, the future, and where it was scheduled.
function M.callback_handle_repr(cb, fut)
  local fn = callable_of[cb] or cb
  local where = last_ran.cb == cb and last_ran.fut == fut and last_ran.where
  return "<Handle " .. report.callback_source(fn, future.debug_on and { fut } or nil, 1) ..
    (where and (" created at " .. where) or "") .. ">"
end

-- A SystemExit or KeyboardInterrupt that a user's callback raised leaves
-- the loop, as CPython's Handle._run lets those two out (any other error,
-- a CancelledError too, is reported and the loop goes on): the driver's
-- client takes it with its on_base_exit(e) hook (the script runner's, and
-- asyncio.run's under stock Lua: the main task is cancelled, its cleanup
-- runs, then the program ends with the exception's status; the REPL's: a
-- SystemExit ends the session, a KeyboardInterrupt is a Ctrl-C). True when
-- one took it; with no such hook the callback's error is reported.
-- `frames`: where the callback raised it (report.capture's). (loop.lua's
-- handles ask it too.)
function M.callback_base_exit(e, frames)
  if not (errors.SystemExit:is(e) or errors.KeyboardInterrupt:is(e)) then return false end
  local hook = driver.client().on_base_exit
  return hook ~= nil and hook(e, frames) == true
end

-- What the error `captured` (report.capture's) that done callback cb of fut
-- raised does: it leaves the loop (callback_base_exit), or it is reported
-- (rec: the callback's debug mode record, or nil).
function M.callback_failed(cb, fut, captured, rec)
  if M.callback_base_exit(captured[1], captured[2]) then return end
  local fn = callable_of[cb] or cb
  local args = future.debug_on and { fut } or nil
  local shown = M.callback_handle_repr(cb, fut)
  local handle = setmetatable({}, { __name = "Handle", __tostring = function() return shown end })
  report.callback_error(fn, handle, captured, args, 1, rec and rec.tb)
end

---------------------------------------------------------------------------
-- Reprs

-- " created at src:line" for a future or task made in debug mode (the
-- first of its _source_traceback's frames, the innermost), else "".
function M.format_created(fut)
  local tb = rawget(fut, "_source_traceback")
  local where = tb and match(tb, "^\t([^\n]-): in ")
  return where and (" created at " .. where) or ""
end

-- Every registered done callback, in order, as a new list.
local function callback_list(fut)
  local list = {}
  if fut[CB] then list[1] = fut[CB] end
  local cbs = fut._callbacks
  if cbs then
    for i = 1, #cbs do list[#list + 1] = cbs[i] end
  end
  return list
end

-- " cb=[...]" part of a repr, as asyncio's _format_callbacks.
function M.format_callbacks(fut)
  local cbs = callback_list(fut)
  if #cbs == 0 then return "" end
  local function name(cb)
    if type(cb) == "table" then return "Task.task_wakeup()" end
    if type(internal[cb]) == "string" then return internal[cb] end
    return report.callback_source(callable_of[cb] or cb)
  end
  local parts
  if #cbs <= 2 then
    parts = {}
    for i = 1, #cbs do parts[i] = name(cbs[i]) end
  else
    parts = { name(cbs[1]), "<" .. (#cbs - 2) .. " more>", name(cbs[#cbs]) }
  end
  return " cb=[" .. concat(parts, ", ") .. "]"
end

-- The " result=..." / " exception=..." part of a finished future's repr.
-- (A repr never raises: the value's own __tostring may, so it is shown
-- by its type then.)
function M.format_outcome(fut)
  if fut[STATE] ~= FINISHED then return "" end
  if fut._failed then return " exception=" .. report.safe_repr(fut._exception) end
  return " result=" .. report.safe_repr(future.first_result(fut))
end

-- A Future's __tostring (a Task has its own: task_views.lua).
function M.repr(fut)
  local state = lower(fut[STATE] or "PENDING")
  return "<" .. getmetatable(fut).__name .. " " .. state .. M.format_outcome(fut) .. M.format_callbacks(fut) ..
    M.format_created(fut) .. ">"
end

return M
