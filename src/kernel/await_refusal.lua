-- Why an await cannot suspend where it was called, as words for its error:
-- outside a task, or across a C function (table.sort's comparator, a C
-- module's callback, require, a finalizer). Loaded the first time one is
-- refused (task.lua's stand-ins): a start pays for every module it loads
-- (bench W6).
local errors = require "luasync.errors"
local tasks = require "luasync.task"
local core = require "luasync.core"

-- (the originals, before a script may replace them)
local getinfo, getupvalue, getregistry = debug.getinfo, debug.getupvalue, debug.getregistry
local pcall, xpcall, dofile, next = pcall, xpcall, dofile, next
local type, select, rawget, sort = type, select, rawget, table.sort
local K, current = core.K, core.current_task

local M = {}

-- The name a traceback gives the C function f: "sort" is table.sort, a
-- global is its name alone (lauxlib's pushglobalfuncname); nil if no
-- loaded module has it.
local function global_name(f)
  local loaded = getregistry()._LOADED
  if type(loaded) ~= "table" then return nil end
  local g = rawget(loaded, "_G")
  if type(g) == "table" then
    for k, v in next, g do
      if v == f and type(k) == "string" then return k end
    end
  end
  local names = {}
  for name, mod in next, loaded do
    if type(name) == "string" and name ~= "_G" and type(mod) == "table" then names[#names + 1] = name end
  end
  sort(names)
  for i = 1, #names do
    for k, v in next, loaded[names[i]] do
      if v == f and type(k) == "string" then return names[i] .. "." .. k end
    end
  end
end

-- The name of the C function across which an await at the stack level
-- `level` (of the caller) cannot suspend: the first C frame above it that
-- is none of the runtime's own (its bindings, whose first upvalue is K,
-- await among them) nor one that a yield crosses (pcall, xpcall, dofile).
-- "__gc" for a finalizer's frame; nil when no such frame is in this
-- coroutine (a coroutine that C code resumed) or Lua cannot name it.
local function c_boundary(level)
  level = level + 1
  while true do
    local info = getinfo(level, "Sfn")
    if not info then return nil end
    if info.what == "C" then
      local f = info.func
      if f ~= pcall and f ~= xpcall and f ~= dofile then
        local name = global_name(f)
        -- (a binding named require: a package module of the runtime's own
        -- would be as unyielding as Lua's)
        if name == "require" or select(2, getupvalue(f, 1)) ~= K then
          return name or info.name
        end
      end
    elseif info.namewhat == "metamethod" and info.name == "__gc" then
      return "__gc"  -- a finalizer: the collector called it, from no frame of its own
    end
    level = level + 1
  end
end

-- Why an await in the __close of a scope that has to wait (TaskGroup's)
-- cannot suspend the current task, as words for its error: nil when it can.
-- A coroutine being closed (coroutine.close; a break out of the loop over
-- an async generator closes the generator) has no frame left below the
-- __close: Lua unwound them before running it.
function M.wait_refused()
  if current() == nil then return "outside a task" end
  -- (1: here, 2: the __close, 3: what it closes)
  if not getinfo(3, "S") then
    return "while its coroutine is closed (coroutine.close, or a break out of the loop over an async generator)"
  end
  local name = c_boundary(2)
  if name == "__gc" then return "inside a finalizer (__gc)" end
  return name and ("inside '" .. name .. "'") or "here"
end

function M.outside_task(awaited)
  if awaited ~= nil then tasks.close_coro(awaited) end
  if current() ~= nil then
    -- In a task, but a C function (table.sort's comparator, a C module's
    -- callback, string.gsub's replacement, require's module body...)
    -- stands between here and it. Refused also when nothing would have to
    -- wait (a done Future, a free Lock): whether await works does not hang
    -- on timing (see check_can_wait).
    local name = c_boundary(2)
    if name == "__gc" then
      error(errors.RuntimeError(
        "await() cannot suspend inside a finalizer (__gc): attempt to yield across a C-call boundary " ..
        "(the collector called it, in whichever task was running; a finalizer cannot wait)"), 3)
    elseif name == "require" then
      error(errors.RuntimeError(
        "await() cannot suspend inside 'require': attempt to yield across a C-call boundary " ..
        "(a module's body cannot await: start a task from it, or await in a function it exports)"), 3)
    elseif name then
      error(errors.RuntimeError("await() cannot suspend inside '" .. name ..
        "': attempt to yield across a C-call boundary (a C function called this code; " ..
        "await outside that callback instead)"), 3)
    end
    error(errors.RuntimeError(
      "await() cannot suspend here: attempt to yield across a C-call boundary " ..
      "(a C function called this code; await outside that callback instead)"), 3)
  end
  error(errors.RuntimeError(
    "await() called outside a task: run the code in a task, e.g. asyncio.run(main()) " ..
    "or asyncio.create_task(...), or type it at the luasync prompt"), 3)
end

return M
