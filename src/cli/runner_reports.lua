-- The script runner's cold half (cli/runner.lua): its report of a
-- deadlock, the hint under the error that ended the main task, its
-- messages for a chunk that does not compile or that it refuses, and for a
-- Python name read as a global. Loaded at the first of these: a program
-- that ends well does not load it (bench W6).
local core = require "luasync.core"
local std = require("luasync.std")  -- std.stderr: looked up at each call, the unit tests replace it
local report = std.lazy_module("luasync.report")  -- errors only

local format, match = string.format, string.match

local M = {}

-- The hints for Python habits are loaded when an error needs one: most runs
-- have none, and loading them is a tenth of the runtime's startup (W6).
-- Nil when they cannot be loaded (no memory left): the error goes unhinted.
local function hints()
  local ok, h = pcall(require, "luasync.hints")
  return ok and h or nil
end

-- stalled_report(main): says that the main task waits for what nothing
-- left can do (the loop has nothing ready, no timer, no I/O).
function M.stalled_report(main)
  local where = main:get_stack()[1]
  local parked = core.parked_tasks()
  std.stderr("luasync: deadlock: the main task waits" .. (where and (" at " .. where) or "") ..
    " for something that nothing left can do (no ready task, timer or I/O" ..
    (parked > 0 and format("; %d task%s wait to start until memory is freed: the memory limit is too low for them",
      parked, parked == 1 and "" or "s") or "") .. ")")
end

-- hint(e, text, current): the hint under the error e that ended the main
-- task, whose report is text, or nil (runner.lua's hint_for). `current`:
-- the action that raised it.
function M.hint(e, text, current)
  local h = hints()
  if not h then return nil end
  -- An -e chunk's lines, for the hint to read (a script's come from its file).
  if current and current.source then report.add_source("=(command line)", current.source) end
  -- The hint reads the line from the script: the message's position,
  -- or for an error object the traceback's innermost frame.
  return h.hint(report.message(e), nil, h.where_in(text), text)
end

-- Why each of Python's names that the runner guards (runner.lua's
-- guard_python_names) is not defined in Lua.
local PYTHON_NAMES = {
  True = "Lua's booleans are true and false",
  False = "Lua's booleans are true and false",
  None = "Lua's None is nil",
  __name__ = "a script's body is its main: drop the if __name__ == \"__main__\" test and call " ..
    "asyncio.run(main()) at the script's end",
}

-- python_name(name): raises the error of a read of the global `name`, one
-- of PYTHON_NAMES, at the reader's line.
function M.python_name(name)
  -- The reader: the first frame that is not the runtime's (the REPL's
  -- environment reads _G from its own metamethod).
  local where = report.user_where()
  error((where and (where .. ": ") or "") .. name .. " is not defined in Lua (hint: " .. PYTHON_NAMES[name] .. ")", 0)
end

-- load_error(msg[, source]): runner.lua's.
function M.load_error(msg, source)
  local kind = match(msg, "^cannot open ([^:]*):")
  if kind == "ps" or kind == "pstree" then
    return msg .. "\nTo list the tasks of a running luasync (started with --inspect): luasync " .. kind .. " PID"
  end
  local h = hints()
  if h and source then report.add_source("=(command line)", source) end
  return h and h.with_hint(msg) or msg
end

-- refused(source, chunkname): runner.lua's, for a source that may await
-- the Python way.
function M.refused(source, chunkname)
  local h = hints()
  return h and h.await_keyword(source, chunkname)
end

return M
