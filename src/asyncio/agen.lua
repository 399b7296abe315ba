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
-- coroutine, under an xpcall, where its <close> variables may await (a
-- TaskGroup waits for its cancelled children, as CPython's async with does
-- in an async generator), then its error propagates to the loop.
--
-- As CPython's loop, which keeps the generators first iterated on it (its
-- firstiter hook) and closes them at the end of asyncio.run
-- (shutdown_asyncgens), this module keeps the generators started and not
-- finished (`started`), and asyncio.run's end closes those it started:
-- M.shutdown. Closing one throws GeneratorExit at the yield where it
-- waits (aclose), so it unwinds in its coroutine, where its cleanup may
-- await.
local errors = require "luasync.errors"
local core = require "luasync.core"

local co_create, co_status, co_close = coroutine.create, coroutine.status, coroutine.close
local co_resume = coroutine.resume  -- the forwarding one (kernel/coroutines.cpp)
local select, error, setmetatable, unpack, xpcall, rawget = select, error, setmetatable, table.unpack, xpcall, rawget
local pairs, ipairs, sort = pairs, ipairs, table.sort
local YIELD_THROW = core.YIELD_THROW

local M = {}

-- The generators started and not finished (Python's loop._asyncgens): their
-- Closer -> the order they started in (started_count then). Weak, as
-- CPython's WeakSet: one nobody references any more may be collected, its
-- cleanup not run. One that returns, fails or is closed leaves it.
local started = setmetatable({}, { __mode = "k" })
local started_count = 0
-- Closer -> the task that started it (weakly: no generator keeps a task).
local starters = setmetatable({}, { __mode = "kv" })
local current_task = core.current_task

-- How many generators have started so far: asyncio.run closes at its end
-- those that started after the count it read at its beginning.
function M.started_count() return started_count end

-- Whether a generator that started after the since-th is not finished (or
-- not collected yet).
function M.any_open(since)
  for _, seq in pairs(started) do
    if seq > since then return true end
  end
  return false
end

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
    started[self] = nil
    local ok, err = co_close(co)
    if not ok then error(err, 0) end
  end
end
Closer.__tostring = function(self) return "<async_generator " .. self.name .. ">" end

-- The generator's function runs under an xpcall inside the coroutine: Lua
-- lets a __close handler yield while an error unwinds only there, and it
-- runs no <close> of a coroutine that failed without one until
-- coroutine.close, which cannot wait.
local function body_end(ok, ...)
  if not ok then error((...), 0) end
  return ...
end
local function body(msgh, fn, ...) return body_end(xpcall(fn, msgh, ...)) end

-- The message handler of a generator's body: an error object raised in it
-- keeps the generator's frames where it was raised (as CPython's traceback
-- shows the generator's), under which the task that gets it adds its own
-- (task.lua's msgh). One that came with a traceback keeps it; the
-- GeneratorExit that aclose throws needs none.
local report = require("luasync.std").lazy_module("luasync.report")  -- errors only
local function where_raised(closer, e)
  if errors.is_instance(e) and rawget(e, "traceback") == nil and not errors.GeneratorExit:is(e) then
    local frames = report.frames(nil, 2)
    if frames ~= "" then
      e.traceback = "  async generator '" .. (closer.call_name or closer.name) .. "':\n" .. frames
    end
  end
  return e
end

-- A generator that fails is closed before the error goes on (what is still
-- open after the error unwound: nothing, unless the pcall failed itself).
-- One that fails or returns is finished: no longer started.
local function step(closer, co, ok, ...)
  if not ok then
    started[closer] = nil
    local closed, err = co_close(co)
    if closed then err = ... end
    error(err, 0)
  end
  if co_status(co) == "dead" then
    started[closer] = nil
    return nil
  end
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
    local closer = setmetatable({ co = co, name = name, fn = fn, call_name = call_name }, Closer)
    local n, args = select("#", ...), { function(e) return where_raised(closer, e) end, fn, ... }
    n = n + 2
    local function iter()
      if args then
        local a = args
        args = nil
        started_count = started_count + 1
        started[closer] = started_count
        starters[closer] = current_task()
        return step(closer, co, co_resume(co, unpack(a, 1, n)))
      end
      local status = co_status(co)
      if status == "dead" then return nil end
      if status == "normal" then running_elsewhere("anext") end
      return step(closer, co, co_resume(co))
    end
    generators[iter] = closer
    return iter, nil, nil, closer
  end
end

-- Python's aclose(), in the running task: GeneratorExit is thrown at the
-- yield where the generator waits, so it unwinds in its coroutine (its
-- <close> variables and pcall handlers run, and may await); it is closed
-- when it ends by that error or returns. One that yields again instead is
-- closed as it stands, and that is an error, as in Python. Its own error
-- is raised. (A generator not started or finished: nothing to do.)
local function aclose(closer)
  started[closer] = nil
  local co = closer.co
  if co == nil then return end
  local status = co_status(co)
  if status == "normal" then running_elsewhere("aclose") end
  if status ~= "suspended" then return end
  closer.co = nil
  local ok, err = co_resume(co, YIELD_THROW, errors.GeneratorExit())
  if ok and co_status(co) == "dead" then return end
  co_close(co)  -- what is still open (an error in a <close> handler's own unwinding)
  if ok then error(errors.RuntimeError("async generator ignored GeneratorExit"), 0) end
  if not errors.GeneratorExit:is(err) then error(err, 0) end
end

-- Whether a task that asyncio.run did not make and that is still running
-- started the generator: a task made before the run (a background task of
-- the REPL's), which may go on using it. (CPython's run has a loop of its
-- own, where no such task runs.)
local function kept_by_another(closer, me)
  local starter = starters[closer]
  return starter ~= nil and starter ~= me and not starter:done()
end

-- shutdown(since): CPython's loop.shutdown_asyncgens(), awaited in the
-- running task: the generators that started after the since-th and are not
-- finished are closed together, each by a task of its own (as CPython's
-- gather of their aclose()), in the order they started (CPython's is its
-- WeakSet's, which no program can rely on); not one that a task still
-- running started (kept_by_another). An error one of them raises (not a
-- BaseException) goes to the loop's exception handler.
function M.shutdown(since)
  local list = {}
  local me = current_task()
  for closer, seq in pairs(started) do
    if seq > since and not kept_by_another(closer, me) then list[#list + 1] = closer end
  end
  if #list == 0 then return end
  sort(list, function(a, b) return started[a] < started[b] end)
  local task = require "luasync.task"
  local tasks = {}
  for i, closer in ipairs(list) do tasks[i] = task.spawn(aclose, closer) end
  tasks[#tasks + 1] = { return_exceptions = true }
  local results = task.await(require("luasync.combinators").gather(unpack(tasks, 1, #list + 1)))
  for i, closer in ipairs(list) do
    local e = results[i]  -- (nil: closed; aclose gives nothing back)
    if e ~= nil and (errors.Exception:is(e) or not errors.BaseException:is(e)) then
      require("luasync.report").call_exception_handler({
        message = "an error occurred during closing of asynchronous generator " .. tostring(closer),
        exception = e, asyncgen = closer,
      }, tasks[i]._tb)
    end
  end
end

-- At the end of a run (runner.lua, asyncio.run), outside any task: the
-- generators shutdown would close are closed by a task of the runtime's,
-- the loop driven until it ends. Returns false when Ctrl-C cut it short,
-- before_cut() called then, as the runner's cancel_all.
function M.close_open(since, before_cut)
  if not M.any_open(since) then return true end
  local task, driver, std = require "luasync.task", require "luasync.driver", require "luasync.std"
  local PENDING, STATE = require("luasync.future").PENDING, 1  -- (future.lua's field)
  local interrupted = false
  local client = { on_interrupt = function() interrupted = true end }
  driver.attach(client)
  -- The runtime's: no picture draws it (its aclose tasks are the program's)
  local trace = std.modules["luasync.trace"]
  local closing = trace and trace.own_new(task.spawn, M.shutdown, since) or task.spawn(M.shutdown, since)
  task.hide(closing)
  driver.run_until(function() return interrupted or closing[STATE] ~= PENDING end)
  driver.detach(client)
  if interrupted then
    if before_cut then before_cut() end
    std.stderr("KeyboardInterrupt")
    return false
  end
  return true
end

return M
