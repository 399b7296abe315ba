-- Subprocesses as CPython's asyncio: create_subprocess_exec and
-- create_subprocess_shell give a Process whose stdin is a StreamWriter and
-- whose stdout and stderr are StreamReaders (io/process.cpp spawns; the
-- pipes are streams of io/stream.cpp).
--
-- Invariant, as CPython's: a Process is finished once the child exited and
-- each pipe it reads from reached its end; a wait() that found the child
-- running returns then. One that finds its exit known (returncode set)
-- returns at once, pipes or not (base_subprocess._wait).
local errors = require "luasync.errors"
local future = require "luasync.future"
local task = require "luasync.task"
local core = require "luasync.core"
local streams = require "luasync.streams"
local loopmod = require "luasync.loop"
local coro_maker = require("luasync.waiters").coro_maker

local await, sleep = task.await, task.sleep
local type, tostring, setmetatable, pcall, error, select, rawget = type, tostring, setmetatable, pcall, error, select, rawget
local math_type, find = math.type, string.find

local M = {}

local PIPE, STDOUT, DEVNULL = -1, -2, -3
M.PIPE, M.STDOUT, M.DEVNULL = PIPE, STDOUT, DEVNULL

local Process = { __name = "Process" }
Process.__index = Process
M.Process = Process

Process.__tostring = function(p) return "<Process " .. p.pid .. ">" end

local by_handle = {} -- process userdata -> Process

local function pcheck(self, fname)
  if getmetatable(self) ~= Process then
    errors.arg_error(1, fname, "Process expected; call it as proc:" .. fname .. "(...)")
  end
end

-- Finished, the child's stdin closes too (what is queued still goes out,
-- to a grandchild that holds it), as CPython closes its subprocess
-- transport's pipes: later writes are dropped and drain() raises
-- ConnectionResetError('Connection lost').
local function try_finish(p)
  if p.returncode == nil or p._open_pipes > 0 or p._finished then return end
  p._finished = true
  if p.stdin then p.stdin:close() end
  local ws = p._exit_waiters
  p._exit_waiters = {}
  for i = 1, #ws do
    if not ws[i]:done() then ws[i]:set_result(p.returncode) end
  end
end

core.provide("process_exit", function(ud)
  if ud == nil then return end
  local p = by_handle[ud]
  local exited, status, sig = core.process_take(ud)
  if not p or not exited then return end
  by_handle[ud] = nil
  p.returncode = sig ~= 0 and -sig or status
  try_finish(p)
end)

local function pipe_lost(p)
  return function()
    p._open_pipes = p._open_pipes - 1
    try_finish(p)
  end
end

-- opts.stdin/stdout/stderr -> spawn's kind
local KINDS = { [PIPE] = "pipe", [DEVNULL] = "devnull", [STDOUT] = "stdout" }

-- (optn: the options table's position in the call, for the error)
local function kind_of(fname, optn, which, v)
  if v == nil then return "inherit" end
  local k = KINDS[v]
  if not k or (v == STDOUT and which ~= "stderr") then
    errors.arg_error(optn, fname, which .. " must be asyncio.subprocess.PIPE, DEVNULL" ..
      (which == "stderr" and ", STDOUT" or "") .. " or nil")
  end
  return k
end

local OPTIONS = { "stdin", "stdout", "stderr", "cwd", "env", "limit" }

-- A string the system gets as a C string: one with a NUL byte would be cut
-- there, so it is refused, as Python refuses it.
local function no_nul(s)
  if find(s, "\0", 1, true) then error(errors.ValueError("embedded null byte"), 4) end
  return s
end

-- The error of a table where the program is due: Python's list form,
-- create_subprocess_exec({"echo", "hi"}), with the call Lua takes.
local function list_error(fname, n, t, opts)
  local hint = ""
  if rawget(t, 1) ~= nil then
    local shown = {}
    for i = 1, #t do
      local v = t[i]
      if i > 6 or (type(v) ~= "string" and not math_type(v)) then
        shown = nil
        break
      end
      shown[i] = type(v) == "string" and string.format("%q", v) or tostring(v)
    end
    -- (With options after it, table.unpack(cmd) would give its first item
    -- only: the options go at the list's end.)
    if opts then
      hint = "; the program and its arguments are separate arguments in Lua: " ..
        (shown and (fname .. "(" .. table.concat(shown, ", ") .. ", opts) or ") or "") ..
        "local args = {table.unpack(cmd)}; args[#args + 1] = opts; " .. fname .. "(table.unpack(args))"
    else
      hint = "; the program and its arguments are separate arguments in Lua: " .. fname ..
        "(table.unpack(cmd))" .. (shown and (" or " .. fname .. "(" .. table.concat(shown, ", ") .. ")") or "")
    end
  end
  errors.arg_error(n, fname, "string expected, got table" .. hint)
end

-- Checks the arguments at the call, as every asyncio function does: argv
-- (its n strings, from argument `first`; numbers become strings) and the
-- options table (argument `optn`); answers what spawn needs.
local function prepare(fname, argv, n, first, opts, optn)
  local given = opts
  if opts ~= nil then
    local problem = errors.options_problem(opts, OPTIONS)
    if problem then errors.arg_error(optn, fname, problem) end
    streams.check_limit_type(fname, optn, opts)
  else
    opts = {}
  end
  for i = 1, n do
    local a = argv[i]
    if math_type(a) then a = tostring(a) end
    if i == 1 and first == 1 and type(a) == "table" then list_error(fname, 1, a, given) end
    if type(a) ~= "string" then errors.bad_argument(first + i - 1, fname, "string", a, true) end
    argv[i] = no_nul(a)
  end
  local env
  if opts.env ~= nil then
    if type(opts.env) ~= "table" then errors.arg_error(optn, fname, "env must be a table of strings") end
    env = {}
    for k, v in pairs(opts.env) do
      if type(k) ~= "string" or (type(v) ~= "string" and not math_type(v)) then
        errors.arg_error(optn, fname, "env must be a table of strings")
      end
      -- (Python's words for a name the system would read otherwise)
      if k == "" or find(k, "=", 1, true) then error(errors.ValueError("illegal environment variable name"), 3) end
      env[#env + 1] = no_nul(k .. "=" .. tostring(v))
    end
    table.sort(env)
  end
  if opts.cwd ~= nil and type(opts.cwd) ~= "string" then
    errors.arg_error(optn, fname, "cwd must be a string")
  end
  if opts.cwd ~= nil then no_nul(opts.cwd) end
  return {
    argv = argv, env = env, cwd = opts.cwd, limit = opts.limit,
    kinds = { kind_of(fname, optn, "stdin", opts.stdin), kind_of(fname, optn, "stdout", opts.stdout),
      kind_of(fname, optn, "stderr", opts.stderr) },
  }
end

-- The error of a spawn that failed: libuv does not say whether the program
-- or the directory to run it in was missing; Python names the directory.
local function spawn_error(e, spec)
  if spec.cwd and errors.FileNotFoundError:is(e) then
    local f, _, code = io.open(spec.cwd)
    if f then f:close() end
    if code == e.errno then e = errors.OSError(e.errno, e.strerror, spec.cwd) end  -- (ENOENT: it is missing)
  end
  error(e, 0)
end

local function wait(p)
  -- (CPython's rule, lopsided as it is: output unread beyond the reader's
  -- pause point, or a grandchild holding stdout, holds up a wait() called
  -- before the exit, never one called after it.)
  if p.returncode ~= nil then return p.returncode end
  local w = future.new()
  p._exit_waiters[#p._exit_waiters + 1] = w
  return await(w)
end

-- A Process the creating task gave up on (cancelled while it was made),
-- as CPython's transport close(): its pipes close and a child still running
-- gets SIGKILL.
local function discard(p)
  if p.stdin then p.stdin:close() end
  for i = 1, #p._pipes do streams.close_transport(p._pipes[i]) end
  if p.returncode == nil then core.process_kill(p._ud, core.signal_number("SIGKILL")) end
end

local function spawn(spec)
  streams.check_limit(spec)  -- before any child exists
  local k = spec.kinds
  local started, ud, pid, fd_in, fd_out, fd_err = pcall(core.spawn, spec.argv[1], spec.argv, k[1], k[2], k[3],
    spec.cwd, spec.env)
  if not started then spawn_error(ud, spec) end
  local p = setmetatable({ pid = pid, returncode = nil, _ud = ud, _exit_waiters = {}, _open_pipes = 0,
    _finished = false, _pipes = {} }, Process)
  by_handle[ud] = p
  -- The descriptors become streams; if one cannot (memory), the ones not
  -- yet wrapped are closed, so the child does not block on a pipe nobody has.
  local fds = { fd_in, fd_out, fd_err }
  local ok, e = pcall(function()
    if fd_in then
      local t = streams.new_transport(core.pipe_open(fd_in), nil, false)
      fds[1] = nil
      t.fifo = true
      p.stdin = streams.new_writer(t)
    end
    for i, name in ipairs { "stdout", "stderr" } do
      if fds[i + 1] then
        local s = core.pipe_open(fds[i + 1])
        fds[i + 1] = nil
        local t = streams.new_transport(s, spec.limit)
        t.close_on_eof = true
        t.on_lost = pipe_lost(p)
        p._open_pipes = p._open_pipes + 1
        p._pipes[#p._pipes + 1] = t
        p[name] = t.reader
      end
    end
  end)
  if not ok then
    for i = 1, 3 do if fds[i] then core.fs_close_now(fds[i]) end end
    error(e, 0)
  end
  -- The creating task resumes as CPython's does: 2 loop iterations after
  -- the child started, plus 2 for each pipe (base_subprocess connects them
  -- one after the other in a task of its own, _connect_pipes), so that the
  -- other tasks' events come in the same order around it.
  local turns = 2
  for i = 1, 3 do if k[i] == "pipe" then turns = turns + 2 end end
  ok, e = pcall(function() for _ = 1, turns do await(sleep(0)) end end)
  if not ok then
    -- Cancelled meanwhile: as CPython's _make_subprocess_transport, the
    -- child nobody will hold is killed and its end awaited (no zombie, no
    -- pipe left open) before the cancellation goes on. (A second
    -- cancellation during that wait raises from it; the child's exit is
    -- still taken when it comes.)
    discard(p)
    wait(p)
    error(e, 0)
  end
  return p
end

-- The coroutines of create_subprocess_exec and create_subprocess_shell, a
-- function each (not a tail call: the frame stays), so that a task in one
-- is named by what the user called (tasks(), the traces: the turns of the
-- loop spawn gives are create_subprocess_shell's, not a sleep(0) of the
-- user's).
local function spawn_exec(spec)
  local p = spawn(spec)
  return p
end
local function spawn_shell(spec)
  local p = spawn(spec)
  return p
end

-- create_subprocess_exec(program, ...args[, opts]) -> Process
function M.create_subprocess_exec(...)
  local n = select("#", ...)
  local opts
  local argv = { ... }
  if n > 0 and type(argv[n]) == "table" then
    opts = argv[n]
    argv[n] = nil
    n = n - 1
  end
  if n == 0 then
    -- (the table was the only argument: no options table, but the list form)
    if opts ~= nil then list_error("create_subprocess_exec", 1, opts) end
    errors.bad_argument(1, "create_subprocess_exec", "string", nil, false)
  end
  local spec = prepare("create_subprocess_exec", argv, n, 1, opts, n + 1)
  return task.make_coro(spawn_exec, "create_subprocess_exec", spec)
end

-- create_subprocess_shell(cmd[, opts]) -> Process (/bin/sh -c cmd)
function M.create_subprocess_shell(...)
  local cmd, opts = ...
  if type(cmd) ~= "string" then
    errors.bad_argument(1, "create_subprocess_shell", "string", cmd, select("#", ...) > 0)
  end
  if opts ~= nil and type(opts) ~= "table" then
    errors.bad_argument(2, "create_subprocess_shell", "table", opts, true)
  end
  local spec = prepare("create_subprocess_shell", { "/bin/sh", "-c", cmd }, 3, -1, opts, 2)
  return task.make_coro(spawn_shell, "create_subprocess_shell", spec)
end

local wait_coro = coro_maker(wait, "Process.wait")

-- wait() -> returncode: at once if the child's exit is known, else once the
-- child exited and its output pipes ended.
function Process:wait()
  pcheck(self, "wait")
  return wait_coro(self)
end

local function feed_stdin(p, input)
  local w = p.stdin
  if input ~= nil and input ~= "" then
    w:write(input)
    local ok, e = pcall(await, w:drain())
    -- As CPython: a child that does not read its input is not an error.
    if not ok and not (errors.BrokenPipeError:is(e) or errors.ConnectionResetError:is(e)) then error(e, 0) end
  end
  w:close()
end

local function read_all(reader) return await(reader:read()) end

local function communicate(p, input)
  local parts = {}
  if p.stdin then parts[#parts + 1] = task.make_coro(feed_stdin, "Process._feed_stdin", p, input) end
  local out_i, err_i
  if p.stdout then
    parts[#parts + 1] = task.make_coro(read_all, "Process._read_stream", p.stdout)
    out_i = #parts
  end
  if p.stderr then
    parts[#parts + 1] = task.make_coro(read_all, "Process._read_stream", p.stderr)
    err_i = #parts
  end
  local res = await(require("luasync.combinators").gather(table.unpack(parts, 1, #parts)))
  wait(p)
  return out_i and res[out_i] or nil, err_i and res[err_i] or nil
end
local communicate_coro = coro_maker(communicate, "Process.communicate")

-- communicate([input]) -> stdout, stderr (nil for a stream not piped)
function Process:communicate(input)
  pcheck(self, "communicate")
  if input ~= nil and type(input) ~= "string" then errors.bad_argument(1, "communicate", "string", input, true) end
  -- (Without stdin = PIPE the input is ignored, as CPython ignores it.)
  return communicate_coro(self, input)
end

-- Sends signal n; ProcessLookupError once the child was reaped, as CPython.
local function signal(p, n)
  if p.returncode ~= nil or not core.process_kill(p._ud, n) then error(errors.ProcessLookupError(), 3) end
end

-- send_signal(sig): a number or a name in any case ("SIGTERM", "TERM",
-- "sigterm" as luv names it).
function Process:send_signal(...)
  pcheck(self, "send_signal")
  local sig = ...
  if math_type(sig) ~= "integer" and type(sig) ~= "string" then
    errors.bad_argument(1, "send_signal", "integer or string", sig, select("#", ...) > 0)
  end
  local n = core.signal_number(sig)
  if not n then error(errors.ValueError("invalid signal: " .. tostring(sig)), 2) end
  signal(self, n)
end

function Process:terminate()
  pcheck(self, "terminate")
  signal(self, core.signal_number("SIGTERM"))
end

function Process:kill()
  pcheck(self, "kill")
  signal(self, core.signal_number("SIGKILL"))
end

task.mark_async(Process, "wait", "communicate")  -- (asyncio.iscoroutinefunction)

return M
