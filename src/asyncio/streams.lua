-- StreamReader, with CPython 3.13's semantics and messages (read, readline,
-- readuntil, readexactly, at_eof, the limit, pausing its source above twice
-- the limit), and asyncio.stdin(): the script's standard input as one.
--
-- A reader's source calls feed_data, feed_eof and set_exception, and gives
-- set_transport an object with pause_reading() and resume_reading().
-- Invariant: at most one task waits for data (_waiter), as in CPython.
local errors = require "luasync.errors"
local future = require "luasync.future"
local task = require "luasync.task"
local core = require "luasync.core"
local loopmod = require "luasync.loop"
local coro_maker = require("luasync.waiters").coro_maker

local await = task.await
local type, tostring, setmetatable, pcall, error = type, tostring, setmetatable, pcall, error
local find, sub, concat = string.find, string.sub, table.concat
local math_type = math.type

local M = {}

local DEFAULT_LIMIT = 2 ^ 16 // 1 -- 64 KiB, as asyncio's _DEFAULT_LIMIT

local StreamReader = { __name = "StreamReader" }
StreamReader.__index = StreamReader
M.StreamReader = StreamReader

StreamReader.__tostring = function(self)
  local info = { "<StreamReader" }
  if #self._buffer > 0 then info[#info + 1] = " " .. #self._buffer .. " bytes" end
  if self._eof then info[#info + 1] = " eof" end
  if self._limit ~= DEFAULT_LIMIT then info[#info + 1] = " limit=" .. self._limit end
  if self._waiter then info[#info + 1] = " waiter=" .. tostring(self._waiter) end
  if self._exception then info[#info + 1] = " exception=" .. tostring(self._exception) end
  if self._paused then info[#info + 1] = " paused" end
  return concat(info) .. ">"
end

local function check(self, fname)
  if getmetatable(self) ~= StreamReader then
    errors.arg_error(1, fname, "StreamReader expected; call it as reader:" .. fname .. "(...)", 3)
  end
end

-- StreamReader([{limit = n}])
function M.new(opts)
  local limit = DEFAULT_LIMIT
  if opts ~= nil then
    if type(opts) ~= "table" then errors.bad_argument(1, "StreamReader", "table", opts, true) end
    local problem = errors.options_problem(opts, { "limit" })
    if problem then errors.arg_error(1, "StreamReader", problem) end
    if opts.limit ~= nil then
      limit = opts.limit
      if math_type(limit) ~= "integer" or limit <= 0 then
        error(errors.ValueError("Limit cannot be <= 0"), 2)
      end
    end
  end
  return setmetatable({ _buffer = "", _limit = limit, _eof = false, _waiter = nil, _exception = nil,
    _transport = nil, _paused = false }, StreamReader)
end

local function wakeup_waiter(self)
  local w = self._waiter
  if w then
    self._waiter = nil
    if not w:cancelled() then w:set_result(nil) end
  end
end

local function maybe_resume(self)
  if self._paused and #self._buffer <= self._limit then
    self._paused = false
    self._transport.resume_reading()
  end
end

function StreamReader:exception()
  check(self, "exception")
  return self._exception
end

function StreamReader:set_exception(exc)
  check(self, "set_exception")
  self._exception = exc
  local w = self._waiter
  if w then
    self._waiter = nil
    if not w:cancelled() then w:set_exception(exc) end
  end
end

function StreamReader:set_transport(transport)
  check(self, "set_transport")
  if self._transport ~= nil then error(errors.RuntimeError("Transport already set"), 2) end
  self._transport = transport
end

function StreamReader:feed_eof()
  check(self, "feed_eof")
  self._eof = true
  wakeup_waiter(self)
end

function StreamReader:at_eof()
  check(self, "at_eof")
  return self._eof and #self._buffer == 0
end

function StreamReader:feed_data(data)
  check(self, "feed_data")
  if type(data) ~= "string" then errors.bad_argument(1, "feed_data", "string", data, true) end
  if self._eof then error(errors.RuntimeError("feed_data after feed_eof"), 2) end
  if data == "" then return end
  self._buffer = self._buffer .. data
  wakeup_waiter(self)
  if self._transport ~= nil and not self._paused and #self._buffer > 2 * self._limit then
    self._paused = true
    self._transport.pause_reading()
  end
end

-- Waits until feed_data or feed_eof is called; raises in the second task
-- that would wait at once.
local function wait_for_data(self, fname)
  if self._waiter ~= nil then
    error(errors.RuntimeError(fname .. "() called while another coroutine is already waiting for incoming data"), 0)
  end
  if self._paused then
    self._paused = false
    self._transport.resume_reading()
  end
  local w = future.new()
  self._waiter = w
  local ok, e = pcall(await, w)
  self._waiter = nil
  if not ok then error(e, 0) end
end

local function take(self, n)
  local data = sub(self._buffer, 1, n)
  self._buffer = sub(self._buffer, n + 1)
  maybe_resume(self)
  return data
end

local function read(self, n)
  if self._exception ~= nil then error(self._exception, 0) end
  if n == 0 then return "" end
  if n < 0 then
    -- Until end of file, in blocks of the limit, so the source can pause.
    local blocks = {}
    while true do
      local block = read(self, self._limit)
      if block == "" then break end
      blocks[#blocks + 1] = block
    end
    return concat(blocks)
  end
  if self._buffer == "" and not self._eof then wait_for_data(self, "read") end
  return take(self, n)
end

local function readuntil(self, sep)
  local seplen = #sep
  if seplen == 0 then error(errors.ValueError("Separator should be at least one-byte string"), 0) end
  if self._exception ~= nil then error(self._exception, 0) end
  local offset, isep = 0, nil
  while true do
    local buflen = #self._buffer
    if buflen - offset >= seplen then
      isep = find(self._buffer, sep, offset + 1, true)
      if isep then break end
      offset = buflen + 1 - seplen
      if offset > self._limit then
        error(errors.LimitOverrunError("Separator is not found, and chunk exceed the limit", offset), 0)
      end
    end
    if self._eof then
      local chunk = self._buffer
      self._buffer = ""
      error(errors.IncompleteReadError(chunk, nil), 0)
    end
    wait_for_data(self, "readuntil")
  end
  if isep - 1 > self._limit then
    error(errors.LimitOverrunError("Separator is found, but chunk is longer than limit", isep - 1), 0)
  end
  return take(self, isep - 1 + seplen)
end

local function readline(self)
  local ok, r = pcall(readuntil, self, "\n")
  if ok then return r end
  local cls = getmetatable(r)
  if cls == errors.IncompleteReadError then return r.partial end
  if cls == errors.LimitOverrunError then
    if sub(self._buffer, r.consumed + 1, r.consumed + 1) == "\n" then
      self._buffer = sub(self._buffer, r.consumed + 2)
    else
      self._buffer = ""
    end
    maybe_resume(self)
    error(errors.ValueError(r.message), 0)
  end
  error(r, 0)
end

local function readexactly(self, n)
  if n < 0 then error(errors.ValueError("readexactly size can not be less than zero"), 0) end
  if self._exception ~= nil then error(self._exception, 0) end
  if n == 0 then return "" end
  while #self._buffer < n do
    if self._eof then
      local incomplete = self._buffer
      self._buffer = ""
      error(errors.IncompleteReadError(incomplete, n), 0)
    end
    wait_for_data(self, "readexactly")
  end
  return take(self, n)
end

local read_coro = coro_maker(read, "StreamReader.read")
local readline_coro = coro_maker(readline, "StreamReader.readline")
local readuntil_coro = coro_maker(readuntil, "StreamReader.readuntil")
local readexactly_coro = coro_maker(readexactly, "StreamReader.readexactly")

local function check_count(fname, n, present)
  if math_type(n) ~= "integer" then errors.bad_argument(1, fname, "integer", n, present, 4) end
end

-- read([n]): up to n bytes (n < 0 or none: until end of file); "" at the end.
function StreamReader:read(...)
  check(self, "read")
  local n = ...
  if n == nil then n = -1 end
  check_count("read", n, select("#", ...) > 0)
  return read_coro(self, n)
end

-- readline(): a line with its "\n"; the last one without; "" at the end.
function StreamReader:readline()
  check(self, "readline")
  return readline_coro(self)
end

-- readuntil([separator]): the data up to and with separator ("\n").
function StreamReader:readuntil(...)
  check(self, "readuntil")
  local sep = ...
  if sep == nil then sep = "\n" end
  if type(sep) ~= "string" then errors.bad_argument(1, "readuntil", "string", sep, true) end
  return readuntil_coro(self, sep)
end

-- readexactly(n): n bytes, or IncompleteReadError at the end.
function StreamReader:readexactly(...)
  check(self, "readexactly")
  local n = ...
  check_count("readexactly", n, select("#", ...) > 0)
  return readexactly_coro(self, n)
end

-- for line in reader:lines() do ... end, inside a task: Python's `async for
-- line in reader`, with Lua's file:lines() formats: "l" (the default) drops
-- the "\n", "L" keeps it.
function StreamReader:lines(fmt)
  check(self, "lines")
  if fmt ~= nil and fmt ~= "l" and fmt ~= "L" then
    errors.arg_error(1, "lines", "invalid format (expected \"l\" or \"L\")")
  end
  local keep = fmt == "L"
  return function()
    local line = await(readline_coro(self))
    if line == "" then return nil end
    if not keep and sub(line, -1) == "\n" then line = sub(line, 1, -2) end
    return line
  end
end

---------------------------------------------------------------------------
-- asyncio.stdin(): one StreamReader for the standard input, fed from the loop
-- (a pipe, a terminal or a socket through a descriptor watch; a regular file
-- or /dev/null, which cannot be watched and never block, a block per
-- iteration), so reading it leaves the other tasks running.

local STDIN = 0
local stdin_reader

local function open_stdin()
  local who = loopmod.reserved_fds[STDIN]
  if who then
    error(errors.RuntimeError("asyncio.stdin() cannot read the standard input: it is in use by " .. who), 3)
  end
  local kind = core.fd_kind(STDIN)
  local reader = M.new()
  local loop = loopmod.loop
  local chunk = reader._limit
  local reading = false
  local function on_readable()
    local ok, data = pcall(core.fd_read, STDIN, chunk)
    if not ok then
      loop:remove_reader(STDIN)
      reading = false
      reader:set_exception(data)
    elseif data == "" then
      loop:remove_reader(STDIN)
      reading = false
      reader:feed_eof()
    elseif data ~= nil then
      reader:feed_data(data)
    end
  end
  local transport
  if kind == "file" or kind == "char" or kind == nil then
    -- Never blocks: read a block at each iteration while reading.
    local function pump()
      if not reading then return end
      on_readable()
      if reading then loop:call_soon(pump) end
    end
    transport = {
      pause_reading = function() reading = false end,
      resume_reading = function()
        if not reading and not reader._eof then
          reading = true
          loop:call_soon(pump)
        end
      end,
    }
  else
    if kind ~= "tty" then core.fd_set_nonblocking(STDIN) end
    transport = {
      pause_reading = function()
        if reading then
          reading = false
          loop:remove_reader(STDIN)
        end
      end,
      resume_reading = function()
        if not reading and not reader._eof then
          reading = true
          loop:add_reader(STDIN, on_readable)
        end
      end,
    }
  end
  reader:set_transport(transport)
  transport.resume_reading()
  return reader
end

-- asyncio.stdin() -> the StreamReader of the standard input (the same one
-- at every call).
function M.stdin(...)
  if select("#", ...) > 0 then errors.arg_error(1, "stdin", "no value expected, got " .. type((...))) end
  if stdin_reader == nil then stdin_reader = open_stdin() end
  return stdin_reader
end

return M
