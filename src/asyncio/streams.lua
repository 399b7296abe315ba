-- StreamReader, with CPython 3.13's semantics and messages (read, readline,
-- readuntil, readexactly, at_eof, the limit, pausing its source above twice
-- the limit), and asyncio.stdin(): the script's standard input as one.
--
-- A reader's source calls feed_data, feed_eof and set_exception, and gives
-- set_transport an object with pause_reading() and resume_reading().
-- Invariant: at most one task waits for data (_waiter), as in CPython;
-- it waits on the reader itself (core.wait_field), where CPython's waits on a
-- Future the reader makes for it: the same wake-ups, one table fewer.
local errors = require "luasync.errors"
local future = require "luasync.future"
local task = require "luasync.task"
local core = require "luasync.core"
local byte, format, match = string.byte, string.format, string.match
local loopmod = require "luasync.loop"
local coro_maker = require("luasync.waiters").coro_maker
local report = require "luasync.report"
local make_coro = task.make_coro
local strerror = require("luasync.errno").strerror
local wait = require "luasync.wait"
local sched = require "luasync.scheduler"
local wait_field, wake_field = core.wait_field, core.wake_field

local await = task.await
local type, tostring, setmetatable, pcall, error = type, tostring, setmetatable, pcall, error
-- the metatable as it is (a class check; getmetatable also looks up __metatable)
local getmetatable = require("luasync.std").class_of
local join = require("luasync.std").join
-- (loaded at the first read that answers "": eof_warning.lua)
local function empty_read(reader, fname) require("luasync.eof_warning").empty_read(reader, fname) end
local find, sub, lower, concat, sort = string.find, string.sub, string.lower, table.concat, table.sort
local gsub = string.gsub
local math_type = math.type

local M = {}

local DEFAULT_LIMIT = 2 ^ 16 // 1 -- 64 KiB, as asyncio's _DEFAULT_LIMIT

local StreamReader = { __name = "StreamReader" }
StreamReader.__index = StreamReader
M.StreamReader = StreamReader

-- The bytes not read yet are _buffer[_pos + 1 ..] and then the strings of
-- _more, _more_len bytes in all, fed since _buffer was made. A read moves
-- _pos (the rest is not copied) and data fed joins _more (what waits is not
-- copied); a read that needs more than _buffer holds joins them (flat).
-- Why: with one string, each readline copied what was left and each feed
-- all that waited, so reading many lines from a large buffer, or feeding
-- many chunks that nobody read yet, was quadratic (200,000 lines read one by
-- one from one buffer: 34 s). Each byte is now copied at most once by a
-- feed's join, and once by what a read returns.
local function buffered(self) return #self._buffer - self._pos + self._more_len end

-- _buffer[_pos + 1 ..] becomes every byte not read yet.
local function flat(self)
  if self._more_len == 0 then return end
  local more = self._more
  local n = #more
  table.move(more, 1, n, 2)
  more[1] = sub(self._buffer, self._pos + 1)
  self._buffer = concat(more, "", 1, n + 1)
  self._pos = 0
  self._more, self._more_len = {}, 0
end

-- Drops every byte not read yet; answers them.
local function take_all(self)
  flat(self)
  local data = sub(self._buffer, self._pos + 1)
  self._buffer, self._pos = "", 0
  return data
end

StreamReader.__tostring = function(self)
  local info = { "<StreamReader" }
  local size = buffered(self)
  if size > 0 then info[#info + 1] = " " .. size .. " bytes" end
  if self._eof then info[#info + 1] = " eof" end
  if self._limit ~= DEFAULT_LIMIT then info[#info + 1] = " limit=" .. self._limit end
  if self._waiter then info[#info + 1] = " waiter=<Future pending cb=[Task.task_wakeup()]>" end
  if self._exception then info[#info + 1] = " exception=" .. report.safe_repr(self._exception) end
  if self._paused then info[#info + 1] = " paused" end
  return concat(info) .. ">"
end

local function check(self, fname)
  if getmetatable(self) ~= StreamReader then
    errors.arg_error(1, fname, "StreamReader expected; call it as reader:" .. fname .. "(...)")
  end
end

-- The limit as an integer, or nil when it is refused (not a positive
-- number). A float counts, as in Python: rounded down, and one beyond the
-- integers (1e300, math.huge) is the largest. NaN is no limit: CPython's
-- check (limit <= 0) lets it through, and every comparison with it is
-- false, so no line is ever too long and reading never pauses.
local function limit_of(limit)
  if limit ~= limit then return math.maxinteger end
  if type(limit) ~= "number" or not (limit > 0) then return nil end
  if math_type(limit) == "integer" then return limit end
  if limit >= 2 ^ 63 then return math.maxinteger end
  return math.max(1, math.floor(limit))
end

-- A limit that is not a number is a wrong argument (Python's comparison
-- with 0 raises TypeError); one that is not positive is a ValueError,
-- raised where CPython makes the reader.
local function check_limit_type(fname, argn, opts)
  local limit = opts.limit
  if limit ~= nil and type(limit) ~= "number" then
    errors.arg_error(argn, fname, "field 'limit' must be a number, got " .. type(limit))
  end
end
M.check_limit_type = check_limit_type

-- StreamReader([{limit = n}])
function M.new(opts)
  local limit = DEFAULT_LIMIT
  if opts ~= nil then
    if type(opts) ~= "table" then errors.bad_argument(1, "StreamReader", "table", opts, true) end
    local problem = errors.options_problem(opts, { "limit" })
    if problem then errors.arg_error(1, "StreamReader", problem) end
    check_limit_type("StreamReader", 1, opts)
    if opts.limit ~= nil then
      limit = limit_of(opts.limit)
      if not limit then error(errors.ValueError("Limit cannot be <= 0"), 2) end
    end
  end
  return setmetatable({ _buffer = "", _pos = 0, _more = {}, _more_len = 0, _limit = limit, _eof = false,
    _waiter = nil, _exception = nil, _transport = nil, _paused = false }, StreamReader)
end

local function wakeup_waiter(self)
  if self._waiter then wake_field(self, "_waiter") end
end

local function maybe_resume(self)
  if self._paused and buffered(self) <= self._limit then
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
  if self._waiter then wake_field(self, "_waiter", exc) end
end

-- A transport's pause_reading and resume_reading are called when the buffer
-- passes twice the limit and falls back (CPython fails there, with an
-- AttributeError in feed_data, on a transport without them).
local function check_transport(transport)
  if transport == nil then return end
  local ty = type(transport)
  if ty ~= "table" and ty ~= "userdata" then
    errors.bad_argument(1, "set_transport", "transport (table with pause_reading and resume_reading)", transport, true)
  end
  for _, name in ipairs({ "pause_reading", "resume_reading" }) do
    if type(transport[name]) ~= "function" then
      errors.arg_error(1, "set_transport", "field '" .. name .. "' must be a function, got " .. type(transport[name]))
    end
  end
end

function StreamReader:set_transport(transport)
  check(self, "set_transport")
  check_transport(transport)
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
  return self._eof and buffered(self) == 0
end

-- feed_data of a non-empty string to a reader not at its end (the
-- transport's data after a user's own feed_eof is dropped: CPython's
-- protocol would fail on its assertion instead).
local function feed(self, data)
  local more = self._more
  more[#more + 1] = data
  self._more_len = self._more_len + #data
  wakeup_waiter(self)
  if self._transport ~= nil and not self._paused and buffered(self) > 2 * self._limit then
    self._paused = true
    self._transport.pause_reading()
  end
end

function StreamReader:feed_data(data)
  check(self, "feed_data")
  if type(data) ~= "string" then errors.bad_argument(1, "feed_data", "string", data, true) end
  if self._eof then error(errors.RuntimeError("feed_data after feed_eof"), 2) end
  if data ~= "" then feed(self, data) end
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
  local exc = wait_field(self, "_waiter")
  if exc ~= nil then error(exc, 0) end
end

-- A task waiting for data is cancelled at once (wait_field releases
-- _waiter when it resumes), as cancelling CPython's waiter future does.
-- Its repr shows that Future's, as an op's wait does (task.lua).
StreamReader.__waits_as_future = true
wait.register(StreamReader, function() return wait.ABORTED end)

-- The first n bytes not read yet (all of them, if fewer).
local function take(self, n)
  if #self._buffer - self._pos < n then flat(self) end
  local buf, pos = self._buffer, self._pos
  local data
  if n >= #buf - pos then
    data = pos == 0 and buf or sub(buf, pos + 1) -- nothing read from it yet: the string itself, no copy
    self._buffer, self._pos = "", 0
  else
    data = sub(buf, pos + 1, pos + n)
    self._pos = pos + n
  end
  maybe_resume(self)
  return data
end

local function read(self, n)
  if self._exception ~= nil then error(self._exception, 0) end
  if n == 0 then return "" end
  if n < 0 then
    -- Until end of file: every string fed goes as it is into blocks, joined
    -- once at the end, and the reader is empty after each (so its source
    -- pauses only while this task waits its turn, as with CPython's blocks of
    -- the limit). Why: taking blocks of the limit joined what was fed into
    -- the buffer first and cut blocks out of it, two copies of every byte
    -- that waited for the collector, and table.concat's doubling buffer
    -- a third: reading 100 MB peaked at 420 MB resident, now at twice the
    -- data (the blocks and their join: std.join). An error set meanwhile
    -- is raised at the next block, as CPython's next read(limit) raises it.
    local blocks, nb = {}, 0
    while true do
      if self._exception ~= nil then error(self._exception, 0) end
      if buffered(self) == 0 then
        if self._eof then break end
        wait_for_data(self, "read")
      end
      local buf, pos = self._buffer, self._pos
      if pos < #buf then
        nb = nb + 1
        blocks[nb] = pos == 0 and buf or sub(buf, pos + 1)
      end
      local more = self._more
      for i = 1, #more do blocks[nb + i] = more[i] end
      nb = nb + #more
      self._buffer, self._pos = "", 0
      if #more > 0 then self._more, self._more_len = {}, 0 end
      maybe_resume(self)
    end
    if nb == 0 then
      empty_read(self, "StreamReader.read")
      return ""
    end
    if self._empty_reads then self._empty_reads = nil end
    if nb == 1 then return blocks[1] end
    return join(blocks, nb)
  end
  if buffered(self) == 0 and not self._eof then wait_for_data(self, "read") end
  local data = take(self, n)
  -- ("" only at the end: the Lua trap of `if not data`, eof_warning.lua)
  if data == "" then
    empty_read(self, "StreamReader.read")
  elseif self._empty_reads then
    self._empty_reads = nil
  end
  return data
end

-- Where sep first begins among the bytes not read yet (counted from the
-- first of them), looking no earlier than offset needs (a separator cannot
-- begin before it: readuntil looked there), or nil. The chunks of _more are
-- searched one by one, each after the last #sep - 1 bytes before it, so
-- nothing is joined to search: a line that comes in many chunks costs one
-- look at each, not a join of all of them at each chunk.
-- A search that found nothing leaves where it stopped in self._scan, which
-- the next search for the same separator resumes from while the buffer, the
-- read position and _more are the ones it searched (flat makes a new _more):
-- a line fed a byte at a time costs one look at each byte, not at every
-- chunk again at each feed.
local function find_sep(self, sep, offset)
  local buf, pos, more = self._buffer, self._pos, self._more
  local seplen = #sep
  local scan = self._scan
  local first, base, tail
  if scan and scan.more == more and scan.buf == buf and scan.pos == pos and scan.sep == sep then
    first, base, tail = scan.chunks + 1, scan.base, scan.tail
  else
    local i = find(buf, sep, pos + offset + 1, true)
    if i then return i - pos end
    first = 1
    base = #buf - pos -- the bytes not read before the chunk at hand
    tail = seplen > 1 and sub(buf, math.max(pos + 1, #buf - seplen + 2)) or ""
  end
  for c = first, #more do
    local chunk = more[c]
    if base + #chunk > offset then
      local j = find(tail == "" and chunk or tail .. chunk, sep, 1, true)
      if j then return base - #tail + j end
    end
    if seplen > 1 then tail = #chunk >= seplen - 1 and sub(chunk, 1 - seplen) or sub(tail .. chunk, 1 - seplen) end
    base = base + #chunk
  end
  if not scan then
    scan = {}
    self._scan = scan
  end
  scan.more, scan.buf, scan.pos, scan.sep, scan.chunks, scan.base, scan.tail = more, buf, pos, sep, #more, base, tail
  return nil
end

local function readuntil(self, sep)
  local seplen = #sep
  if seplen == 0 then error(errors.ValueError("Separator should be at least one-byte string"), 0) end
  if self._exception ~= nil then error(self._exception, 0) end
  local offset, isep = 0, nil
  while true do
    -- offset and isep count from the first byte not read yet.
    local buflen = buffered(self)
    if buflen - offset >= seplen then
      isep = find_sep(self, sep, offset)
      if isep then break end
      offset = buflen + 1 - seplen
      if offset > self._limit then
        error(errors.LimitOverrunError("Separator is not found, and chunk exceed the limit", offset), 0)
      end
    end
    if self._eof then
      error(errors.IncompleteReadError(take_all(self), nil), 0)
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
  if ok then
    if self._empty_reads then self._empty_reads = nil end
    return r
  end
  local cls = getmetatable(r)
  if cls == errors.IncompleteReadError then
    if r.partial == "" then
      empty_read(self, "StreamReader.readline")
    elseif self._empty_reads then
      self._empty_reads = nil
    end
    return r.partial
  end
  if cls == errors.LimitOverrunError then
    flat(self)
    local pos = self._pos
    if sub(self._buffer, pos + r.consumed + 1, pos + r.consumed + 1) == "\n" then
      self._pos = pos + r.consumed + 1
    else
      self._buffer, self._pos = "", 0
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
  while buffered(self) < n do
    if self._eof then
      error(errors.IncompleteReadError(take_all(self), n), 0)
    end
    wait_for_data(self, "readexactly")
  end
  return take(self, n)
end

-- read([n]): up to n bytes (n < 0 or none: until end of file); "" at the end.
-- readline(): a line with its "\n"; the last one without; "" at the end.
-- readuntil([separator]): the data up to and with separator ("\n").
-- readexactly(n): n bytes, or IncompleteReadError at the end.
-- Each is a C function (asyncio/reader_ops.cpp) that checks its arguments
-- and returns an op running the body above; the bodies are named for
-- tracebacks and tasks() as coroutine objects' functions are.
for name, body in pairs { read = read, readline = readline, readuntil = readuntil, readexactly = readexactly } do
  coro_maker(body, "StreamReader." .. name)
end
do
  local methods = core.reader_methods(StreamReader, read, readline, readuntil, readexactly)
  StreamReader.read, StreamReader.readline = methods.read, methods.readline
  StreamReader.readuntil, StreamReader.readexactly = methods.readuntil, methods.readexactly
end
local reader_readline = StreamReader.readline

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
    local line = await(reader_readline(self))
    if line == "" then return nil end
    if not keep and sub(line, -1) == "\n" then line = sub(line, 1, -2) end
    return line
  end
end

---------------------------------------------------------------------------
-- Transports: the Lua half of a stream (io/stream.cpp), as CPython's socket
-- transport and StreamReaderProtocol together. A connection's transport
-- feeds its reader, keeps its writer's flow control, and reports the loss of
-- the connection once (connection_lost).

local transports = {} -- stream userdata -> transport
local HIGH_WATER, LOW_WATER = 65536, 16384

local stream_take, stream_close, stream_write = core.stream_take, core.stream_close, core.stream_write

-- The OSError of a libuv error on a stream (errno), with Python's classes
-- (ConnectionResetError, BrokenPipeError...).
local function os_error(errno, text)
  return errors.OSError(errno, text or strerror(errno))
end

local function connection_lost(t, exc)
  if t.lost then return end
  t.lost = exc or true
  -- (A socket's writes are dropped from here on, counted from 1 as after a
  -- close with nothing queued: CPython's _conn_lost stays 0 after a close
  -- that flushed its buffer, and its next write fails on the socket gone.)
  if not t.fifo and not t.conn_lost then t.conn_lost = 1 end
  transports[t.ud] = nil
  local reader = t.reader
  if reader then
    if exc then reader:set_exception(exc) elseif not reader._eof then reader:feed_eof() end
  end
  local waiters = t.drain_waiters
  t.drain_waiters = {}
  for i = 1, #waiters do
    local w = waiters[i]
    if not w:done() then
      if exc then w:set_exception(exc) else w:set_result(nil) end
    end
  end
  local closed = t.closed
  if not closed:done() then
    if exc then
      closed:set_exception(exc)
      -- nobody need retrieve it (CPython marks it retrieved)
      future.disarm(closed)
    else
      closed:set_result(nil)
    end
  end
  if t.server then t.server:_detach(t) end
  if t.on_lost then t.on_lost(t) end
end

local function resume_writing(t)
  if t.paused and core.stream_write_size(t.ud) <= LOW_WATER then
    t.paused = false
    local waiters = t.drain_waiters
    t.drain_waiters = {}
    for i = 1, #waiters do
      if not waiters[i]:done() then waiters[i]:set_result(nil) end
    end
  end
end

local function force_close(t, exc)
  stream_close(t.ud, true)
  connection_lost(t, exc)
end

-- A transport over stream ud. readable false: a pipe we only write to (a
-- child's stdin), which has no reader.
local function new_transport(ud, limit, readable)
  local t = { ud = ud, drain_waiters = {}, paused = false, closing = false, eof_written = false,
    closed = future.new() }
  transports[ud] = t
  if readable == false then return t end
  local reader = M.new { limit = limit }
  t.reader = reader
  reader:set_transport {
    pause_reading = function() if not t.closing then core.stream_read(ud, false) end end,
    resume_reading = function() if not t.closing then core.stream_read(ud, true) end end,
  }
  core.stream_read(ud, true)
  return t
end
M.new_transport = new_transport

---------------------------------------------------------------------------
-- StreamWriter

local StreamWriter = { __name = "StreamWriter" }
StreamWriter.__index = StreamWriter
M.StreamWriter = StreamWriter

StreamWriter.__tostring = function(w)
  return "<StreamWriter transport=<" .. (w._t.lost and "closed" or w._t.closing and "closing" or "open") ..
    "> reader=" .. tostring(w._t.reader) .. ">"
end

local function wcheck(self, fname)
  if getmetatable(self) ~= StreamWriter then
    errors.arg_error(1, fname, "StreamWriter expected; call it as writer:" .. fname .. "(...)")
  end
end

-- A connection's address (peername, sockname), asked of the socket once and
-- kept: a path, {host, port}, or false (none).
local function extra_name(t, name)
  local names = t.names
  if not names then
    names = {}
    t.names = names
  end
  local v = names[name]
  if v == nil then
    local host, port = core.stream_name(t.ud, name)
    if host == nil then
      v = false
    elseif port == nil then
      v = host
    else
      v = { host, port }
    end
    names[name] = v
  end
  return v
end

-- A connection's addresses, read when it is made: they stay known after it
-- closes, as CPython's transport keeps its extra info.
local function remember_names(t)
  extra_name(t, "peername")
  extra_name(t, "sockname")
  return t
end

---------------------------------------------------------------------------
-- Transport: writer.transport, the part of CPython's transport API that
-- ported code calls on it (writer.transport.abort() above all). It is a
-- view of the same transport table the writer uses, so both see one state.

local Transport = { __name = "Transport" }
Transport.__index = Transport
M.Transport = Transport

local function tcheck(self, fname)
  errors.check_self(self, Transport, fname, "Transport", "writer.transport")
end

Transport.__tostring = function(tr)
  local t = tr._t
  return "<Transport " .. (t.lost and "closed" or t.closing and "closing" or "open") .. ">"
end

-- close(): the data already written goes out first, then the connection
-- closes (writer:close() and server:close_clients()). As CPython's socket
-- transport: with nothing queued the connection counts as lost at once
-- (conn_lost: writes from here on are dropped), else writes go on joining
-- what is queued, and are sent before it closes. (A pipe's writes are
-- dropped from its close on: t.fifo.)
local function close_transport(t)
  if t.closing or t.lost then return end
  t.closing = true
  if not t.fifo and core.stream_write_size(t.ud) == 0 then t.conn_lost = (t.conn_lost or 0) + 1 end
  core.stream_read(t.ud, false)
  -- As CPython's transport: the socket closes and connection_lost runs one
  -- iteration later (or once the writes in flight are done: a closed event).
  loopmod.call_soon(function()
    if stream_close(t.ud) then connection_lost(t, nil) end
  end)
end

M.close_transport = close_transport

-- abort(): closes at once, dropping what is queued and not yet taken by
-- the system, as CPython's _force_close(None): the handle closes now (libuv
-- cancels the writes in flight; nothing more goes out or comes in), and
-- connection_lost(nil) runs one iteration later, so the reader sees its
-- end, wait_closed returns and drain waiters wake without an error. The
-- socket is closed plainly, as CPython's (no SO_LINGER, no
-- uv_tcp_close_reset): the peer reads the end of the stream, or
-- ECONNRESET if this side left bytes unread, as the system decides.
-- After an earlier close() still flushing, it drops the rest (CPython's
-- too). Invariant: t.aborted is set once, with the handle closed; the
-- stream's events after it are taken (stream_take releases what it must)
-- and ignored.
local function abort_transport(t)
  if t.lost or t.aborted then return end
  t.aborted = true
  t.closing = true
  t.conn_lost = t.conn_lost or 1
  stream_close(t.ud, true)
  loopmod.call_soon(connection_lost, t, nil)
end

-- get_extra_info(name[, default]) of a transport: its addresses.
local function extra_info(t, name, default)
  if name == "peername" or name == "sockname" then
    local v = extra_name(t, name)
    if not v then return default end
    if type(v) == "table" then return { v[1], v[2] } end
    return v
  end
  return default
end

function Transport:abort()
  tcheck(self, "abort")
  abort_transport(self._t)
end

function Transport:close()
  tcheck(self, "close")
  close_transport(self._t)
end

function Transport:is_closing()
  tcheck(self, "is_closing")
  return self._t.closing or self._t.lost ~= nil
end

function Transport:get_extra_info(name, default)
  tcheck(self, "get_extra_info")
  return extra_info(self._t, name, default)
end

-- get_write_buffer_size(): the bytes written and not yet taken by the
-- system (libuv's queue: CPython's buffer), 0 once closed.
function Transport:get_write_buffer_size()
  tcheck(self, "get_write_buffer_size")
  local t = self._t
  if t.lost or t.aborted then return 0 end
  return core.stream_write_size(t.ud)
end

-- A writer nobody holds any more closes its connection, as CPython's
-- StreamWriter.__del__ does (the transport does not hold its writer). The
-- finalizer is a guard's, which holds only the stream userdata: a finalized
-- object is kept one more cycle with all it holds, and a writer holds its
-- transport, reader and buffers -- for every connection closed as it
-- should be, a third of what it allocated, which with the collector's pause
-- made a server's heap grow with its churn (a stream's transport is found
-- through `transports` while it is open, and has nothing to close after).
local WriterGuard = {
  __gc = function(g)
    local t = transports[g.ud]
    if t and not t.closing and not t.lost then
      t.closing = true
      pcall(core.stream_read, t.ud, false)
      if stream_close(t.ud) then connection_lost(t, nil) end
    end
  end,
}

local function new_writer(t)
  return setmetatable({ _t = t, transport = setmetatable({ _t = t }, Transport),
    _guard = setmetatable({ ud = t.ud }, WriterGuard) }, StreamWriter)
end
M.new_writer = new_writer

-- write(data, ...): queues data; never waits (await(w:drain()) does).
-- Several strings are queued one after another, as Lua's file:write writes
-- them (Python's write takes one: w:write("a", "b") queued "a" alone).
function StreamWriter:write(data, ...)
  wcheck(self, "write")
  if type(data) ~= "string" then errors.bad_argument(1, "write", "string", data, true) end
  local n = select("#", ...)
  if n > 0 then
    local parts = { data, ... }
    for i = 2, n + 1 do
      if type(parts[i]) ~= "string" then errors.bad_argument(i, "write", "string", parts[i], true) end
    end
    data = table.concat(parts, "", 1, n + 1)
  end
  local t = self._t
  if t.eof_written then error(errors.RuntimeError("Cannot call write() after write_eof()"), 2) end
  if data == "" then return end
  local queued, err
  -- A socket's write after its close, while what was queued before is
  -- still going out, joins it (stream_write answers false once the stream
  -- closed after those writes, its connection_lost on its way).
  if not (t.lost or t.conn_lost or (t.fifo and t.closing)) then queued, err = stream_write(t.ud, data) end
  if not queued then
    -- Dropped, as CPython's transport drops it, counting each write since
    -- the connection was lost (for a socket, a close with nothing queued
    -- or the loss counts once; a pipe's close does not): from the count of
    -- 5 on (LOG_THRESHOLD_FOR_CONNLOST_WRITES) each one is logged, so a
    -- program that goes on writing to a connection gone learns it.
    local n = t.conn_lost or (t.fifo and 0 or 1)
    if n >= 5 then
      report.stderr(t.fifo and "pipe closed by peer or os.write(pipe, data) raised exception." or
        "socket.send() raised exception.")
    end
    t.conn_lost = n + 1
    return
  end
  if err then
    -- As CPython's transport: closing at once, the connection lost (with
    -- the error) one iteration later, so drain() raises.
    t.closing = true
    t.conn_lost = 1
    loopmod.call_soon(force_close, t, os_error(err))
    return
  end
  if queued > HIGH_WATER then t.paused = true end
end

function StreamWriter:writelines(list)
  wcheck(self, "writelines")
  if type(list) ~= "table" then errors.bad_argument(1, "writelines", "table", list, true) end
  for i = 1, #list do
    if type(list[i]) ~= "string" then
      errors.arg_error(1, "writelines", "item " .. i .. ": string expected, got " .. type(list[i]))
    end
  end
  local t = self._t
  if t.eof_written then error(errors.RuntimeError("Cannot call writelines() after write_eof()"), 2) end
  -- (CPython's socket transport buffers the list of one whose connection
  -- is lost, which never sends it: dropped without write's count and log;
  -- its pipe transport writes the list joined, counted and logged as one
  -- write once closing)
  if t.fifo then
    if (t.lost or t.closing) and #list > 0 then
      self:write(table.concat(list))
      return
    end
  elseif t.lost or t.conn_lost then
    return
  end
  for i = 1, #list do self:write(list[i]) end
end

function StreamWriter:can_write_eof()
  wcheck(self, "can_write_eof")
  return true -- (a pipe's write_eof closes it)
end

function StreamWriter:write_eof()
  wcheck(self, "write_eof")
  local t = self._t
  if t.eof_written or t.closing or t.lost then return end
  if t.fifo then
    -- A pipe has no half-close: its end is its close, as CPython's write
    -- pipe transport does it (writes after it are dropped and counted,
    -- as after its close: CPython's raise only on a socket).
    self:close()
    return
  end
  t.eof_written = true
  core.stream_shutdown(t.ud)
end

function StreamWriter:is_closing()
  wcheck(self, "is_closing")
  return self._t.closing or self._t.lost ~= nil
end

-- close(): the data already written goes out first, then the connection closes.

function StreamWriter:close()
  wcheck(self, "close")
  close_transport(self._t)
end

function StreamWriter:get_extra_info(name, default)
  wcheck(self, "get_extra_info")
  return extra_info(self._t, name, default)
end

local function drain(self)
  local t = self._t
  local exc = t.reader and t.reader._exception
  if exc ~= nil then error(exc, 0) end
  -- As CPython's drain: a transport that is closing, or closed already,
  -- lets the loop turn once (sleep(0)) before it answers, so that a
  -- `write(); drain()` loop gives connection_lost its turn; then the error.
  if t.closing or t.lost ~= nil then await(task.sleep(0)) end
  -- (A socket's error is its reader's, raised above; a child's stdin has
  -- no reader: CPython's drain then says only this.)
  if t.lost then error(errors.ConnectionResetError("Connection lost"), 0) end
  if not t.paused then return end
  local w = future.new()
  t.drain_waiters[#t.drain_waiters + 1] = w
  await(w)
end
local drain_coro = coro_maker(drain, "StreamWriter.drain")

-- drain(): waits while more than the high-water mark (64 KiB) is queued,
-- until it is back under the low-water mark (16 KiB).
function StreamWriter:drain()
  wcheck(self, "drain")
  return drain_coro(self)
end

-- (A connection lost to an error raises it, as CPython 3.13's does: its
-- StreamReaderProtocol sets the error on the close waiter.)
local function wait_closed(self)
  await(self._t.closed)
end
local wait_closed_coro = coro_maker(wait_closed, "StreamWriter.wait_closed")

function StreamWriter:wait_closed()
  wcheck(self, "wait_closed")
  return wait_closed_coro(self)
end

StreamWriter.__close = function(self)
  errors.check_metamethod_self(self, StreamWriter, "__close", "StreamWriter")
  self:close()
end


---------------------------------------------------------------------------
-- The events of every stream (io/stream.cpp's deliver).

local servers = {} -- listening stream userdata -> Server

core.provide("stream_event", function(ud, bytes)
  if ud == nil then return end
  if bytes then -- only bytes read to report (stream.cpp's deliver)
    local t = transports[ud]
    if t and not t.aborted and not t.reader._eof then feed(t.reader, bytes) end
    return
  end
  local data, eof, err, connected, accepts, written, closed = stream_take(ud)
  local server = servers[ud]
  if server then
    -- (err: the watch failed (POLLERR), and libuv stopped it. A selector
    -- reports such a descriptor readable, so CPython's loop runs its
    -- accept, whose outcome says what is wrong: so does this.)
    local served = 0
    if accepts > 0 or err ~= 0 then served = server:_accept(ud) end
    if err ~= 0 then server:_watch_failed(ud, served) end
    return
  end
  local t = transports[ud]
  -- (An aborted transport's news was recorded before its abort: its
  -- connection_lost(nil) is on its way, as CPython's _read_ready ignores a
  -- transport whose connection is lost.)
  if not t or t.aborted then return end
  if connected ~= nil then
    local f = t.connecting
    t.connecting = nil
    if f and not f:done() then f:set_result(connected) end
  end
  if data and not t.reader._eof then feed(t.reader, data) end
  if err ~= 0 then
    force_close(t, os_error(err))
    return
  end
  if eof and not t.reader._eof then
    t.reader:feed_eof()
    -- A pipe from a child is done at its end, as CPython's read pipe
    -- transport: it closes and reports the connection lost.
    if t.close_on_eof then
      t.closing = true
      stream_close(t.ud)
      loopmod.call_soon(connection_lost, t, nil)
      return
    end
  end
  if written then resume_writing(t) end
  if closed then connection_lost(t, nil) end
end)

---------------------------------------------------------------------------
-- DNS: loop:getaddrinfo

local lookups = {} -- request userdata -> Future

-- The error of a lookup that failed with getaddrinfo's `name` (EAI_NONAME):
-- Python's socket.gaierror for the common cases, its text and its .errno
-- (glibc's EAI_ number) and .strerror; luasync has no gaierror class: it
-- is an OSError, for a host as for a service.
local function lookup_error(name, text)
  local py = ({ EAI_NONAME = { -2, "Name or service not known" }, EAI_AGAIN = { -3,
    "Temporary failure in name resolution" }, EAI_SERVICE = { -8, "Servname not supported for ai_socktype" } })[name]
  local e
  if py then
    e = errors.OSError(py[1], py[2])
  else
    e = errors.OSError(name .. ": " .. text)
  end
  e.code = name
  return e
end

core.provide("addrinfo_done", function(req)
  local f = lookups[req]
  if not f then return end
  lookups[req] = nil
  local list, name, text = core.addrinfo_take(req)
  if f:done() then return end
  if list then
    f:set_result(list)
  else
    f:set_exception(lookup_error(name, text))
  end
end)

-- getaddrinfo(host, port[, passive]) -> list of {host, port, family = "inet"|"inet6"}
local function getaddrinfo(host, port, passive)
  -- No name to look up (libuv would say EINVAL): the system's answer, as
  -- Python gives it. (A passive lookup of no host is the wildcard address.)
  if host == "" or (host == nil and port == nil) then error(lookup_error("EAI_NONAME"), 0) end
  -- A service name with a NUL byte is no service (the C string would end
  -- there and name another one): Python's answer.
  if type(port) == "string" and find(port, "\0", 1, true) then error(lookup_error("EAI_SERVICE"), 0) end
  local f = future.new()
  local req = core.getaddrinfo(host, port ~= nil and tostring(port) or nil, passive)
  lookups[req] = f
  return await(f)
end

-- The number a port string is for Python's int() ("80", " 80 ", "+80",
-- "8_0"), or nil: "80.0", "0x50" and "8e1", which Lua's tonumber takes,
-- are no number to CPython but service names, which the resolver does not
-- know (socket.gaierror: "[Errno -8] Servname not supported for
-- ai_socktype").
local function int_port(s)
  local digits = match(s, "^%s*[+-]?(%d[%d_]*)%s*$")
  if not digits or find(digits, "__", 1, true) or find(digits, "_$") then return nil end
  return tonumber((gsub(s, "_", "")))
end

-- The addresses to try for host: a numeric address as it is, else the
-- resolver's answers (as CPython's: "256.1.1.1" is a name, which the
-- resolver does not know). A port that is a string goes to the resolver as
-- it is, as CPython hands it to getaddrinfo: a service name ("http"), or a
-- number by the C library's rule (" 80" is, "8_0" and "80 " are not); for a
-- numeric address, one that is a number for Python's int() is that port,
-- as CPython's _ipaddr_info takes it without a lookup.
local function resolve(host, port)
  local number = port
  if type(port) == "string" then number = int_port(port) end
  local family = number and core.ip_family(host)
  if family then return { { host, number, family = family } } end
  return getaddrinfo(host, port)
end

local function addr_repr(a)
  if a.family == "inet6" then return "('" .. a[1] .. "', " .. a[2] .. ", 0, 0)" end
  return "('" .. a[1] .. "', " .. a[2] .. ")"
end

-- The limit of the readers a connection will have: refused before any
-- socket exists (as CPython makes the StreamReader first).
local function check_limit(opts)
  local limit = opts and opts.limit
  if limit ~= nil and not limit_of(limit) then error(errors.ValueError("Limit cannot be <= 0"), 0) end
end
M.check_limit = check_limit

-- A port: a number as luaL_checkinteger takes an integer (2.0 too), within
-- a port's range: what connect/bind get (uv_ip4_addr would wrap 70000 to
-- another port); answered as an integer. A string is answered as it is
-- (resolve reads it), and refused here only when it is a number for
-- Python's int() out of the range (CPython raises OverflowError at the
-- connect; the C library's resolver would wrap it). Any other string is a
-- service name ("http", also "80.0" and "0x50", as for CPython) that
-- getaddrinfo looks up when the coroutine runs (an unknown one raises
-- there: "[Errno -8] Servname not supported for ai_socktype").
local function check_port(fname, argn, port, present)
  local n = port
  if type(n) == "string" then
    n = int_port(n)
    if n == nil then return port end
    -- (digits beyond an integer's range)
    if math_type(n) ~= "integer" then errors.arg_error(argn, fname, "port must be 0-65535") end
  end
  if type(n) ~= "number" then errors.bad_argument(argn, fname, "integer", port, present) end
  n = math.tointeger(n)
  if not n then errors.arg_error(argn, fname, "number has no integer representation") end
  if n < 0 or n > 65535 then errors.arg_error(argn, fname, "port must be 0-65535") end
  if type(port) == "string" then return port end
  return n
end

-- A Unix socket's path, checked at the call: the system takes it as a C
-- string (libuv 1.44 has no abstract names, which start with a NUL byte).
local function check_unix_path(fname, argn, path, present)
  if type(path) ~= "string" then errors.bad_argument(argn, fname, "string", path, present) end
  if find(path, "\0", 1, true) then
    errors.arg_error(argn, fname, byte(path, 1) == 0 and "abstract socket names are not supported" or
      "embedded null byte")
  end
end

-- A Unix socket's path, checked before the socket is made: libuv would cut
-- a longer one to the 108 bytes of sockaddr_un's sun_path (and reach, or
-- bind, another path); Python's error.
local function check_unix_length(path)
  if #path >= 108 then error(errors.OSError("AF_UNIX path too long"), 0) end
end

-- Connects to one address: a transport, or raises the OSError of the connect.
local function connect_one(a, limit)
  local ud = core.tcp_connect(a[1], a[2])
  local t = { ud = ud }
  transports[ud] = t
  local f = future.new()
  t.connecting = f
  local ok, status = pcall(await, f)
  if not ok then
    -- Cancelled: the socket is closed, as CPython closes it.
    transports[ud] = nil
    stream_close(ud)
    error(status, 0)
  end
  if status ~= 0 then
    transports[ud] = nil
    stream_close(ud)
    error(os_error(status, "Connect call failed " .. addr_repr(a)), 0)
  end
  transports[ud] = nil
  return remember_names(new_transport(ud, limit))
end

local function open_connection(host, port, opts)
  check_limit(opts)
  local limit = opts and opts.limit
  local addrs = resolve(host, port)
  local failures = {}
  for _, a in ipairs(addrs) do
    local ok, t = pcall(connect_one, a, limit)
    if ok then return t.reader, new_writer(t) end
    if not errors.OSError:is(t) then error(t, 0) end
    failures[#failures + 1] = t
  end
  if #failures == 0 then error(errors.OSError("getaddrinfo() returned empty list"), 0) end
  local model = tostring(failures[1])
  for i = 2, #failures do
    if tostring(failures[i]) ~= model then
      local texts = {}
      for j = 1, #failures do texts[j] = failures[j].message end
      error(errors.OSError("Multiple exceptions: " .. concat(texts, ", ")), 0)
    end
  end
  error(failures[1], 0)
end

local function open_unix_connection(path, opts)
  check_limit(opts)
  check_unix_length(path)
  local ud = core.pipe_connect(path)
  local t = { ud = ud }
  transports[ud] = t
  local f = future.new()
  t.connecting = f
  local ok, status = pcall(await, f)
  transports[ud] = nil
  if not ok or status ~= 0 then
    stream_close(ud)
    if not ok then error(status, 0) end
    error(os_error(status), 0)
  end
  t = remember_names(new_transport(ud, opts and opts.limit))
  return t.reader, new_writer(t)
end

local function check_opts(fname, opts, allowed, argn)
  if opts == nil then return end
  if type(opts) ~= "table" then errors.bad_argument(argn, fname, "table", opts, true) end
  local problem = errors.options_problem(opts, allowed)
  if problem then errors.arg_error(argn, fname, problem) end
  check_limit_type(fname, argn, opts)
  local backlog = opts.backlog
  if backlog ~= nil and (math_type(backlog) ~= "integer" or backlog < 0) then
    errors.arg_error(argn, fname, "field 'backlog' must be a non-negative integer")
  end
  for _, field in ipairs { "start_serving", "cleanup_socket" } do
    if opts[field] ~= nil and type(opts[field]) ~= "boolean" then
      errors.arg_error(argn, fname, "field '" .. field .. "' must be a boolean")
    end
  end
end


-- open_connection(host, port[, {limit = n}]) -> reader, writer
function M.open_connection(...)
  local host, port, opts = ...
  if type(host) ~= "string" then errors.bad_argument(1, "open_connection", "string", host, select("#", ...) > 0) end
  port = check_port("open_connection", 2, port, select("#", ...) > 1)
  check_opts("open_connection", opts, { "limit" }, 3)
  return make_coro(open_connection, "open_connection", host, port, opts)
end

-- open_unix_connection(path[, {limit = n}]) -> reader, writer
function M.open_unix_connection(...)
  local path, opts = ...
  check_unix_path("open_unix_connection", 1, path, select("#", ...) > 0)
  check_opts("open_unix_connection", opts, { "limit" }, 2)
  return make_coro(open_unix_connection, "open_unix_connection", path, opts)
end

---------------------------------------------------------------------------
-- Server

local Server = { __name = "Server" }
Server.__index = Server
M.Server = Server

local Socket = { __name = "socket" }
Socket.__index = Socket
function Socket:getsockname()
  errors.check_self(self, Socket, "getsockname", "socket", "sock")
  return core.stream_name(self._ud, "sockname")
end
-- Python's TransportSocket repr: the descriptor (-1 once the server
-- closed), the socket's family, type and protocol numbers (_kind: taken
-- when the server was made), and its address while open.
Socket.__tostring = function(s)
  local fd = core.stream_socket(s._ud)
  local k = s._kind
  local text = format("<asyncio.TransportSocket fd=%d, family=%d, type=%d, proto=%d", fd or -1, k[2], k[3], k[4])
  if fd == nil then return text .. ">" end
  local host, port = s:getsockname()
  if port == nil then return text .. ", laddr=" .. tostring(host) .. ">" end
  return text .. ", laddr=" .. addr_repr({ host, port, family = core.ip_family(host) }) .. ">"
end

-- Python's, whose `sockets` is a tuple: "(a,)" for one socket.
Server.__tostring = function(s)
  local parts = {}
  for i, sock in ipairs(s.sockets) do parts[i] = tostring(sock) end
  return "<Server sockets=(" .. concat(parts, ", ") .. (#parts == 1 and ",)>" or ")>")
end

local function scheck(self, fname)
  if getmetatable(self) ~= Server then
    errors.arg_error(1, fname, "Server expected; call it as server:" .. fname .. "(...)")
  end
end

-- A handler that returns without closing its writer: CPython closes the
-- connection as the writer's last reference goes (StreamWriter.__del__),
-- at once, so the client reads its end and server:wait_closed() returns;
-- here it would go whenever the collector next finds the writer, which in
-- a quiet program may be never. So such a handler's end is followed by a
-- collection (sched.collect_soon: one answers however many end together;
-- it runs in slices while the loop has nothing else to do), and so is a
-- wait_closed() that finds connections left: a handler that closes its
-- writer costs nothing.
local collect_soon = sched.collect_soon

-- A connection's task: cb(reader, writer), a plain or an async function. An
-- error in it is reported (CPython's "Unhandled exception in
-- client_connected_cb") and the connection closed.
local function on_connection_done(writer)
  return function(tk)
    if tk:cancelled() then return end
    local e = tk:exception()
    if e ~= nil then
      report.call_exception_handler({
        message = "Unhandled exception in client_connected_cb", exception = e, transport = writer,
      }, tk._tb)
      writer:close()
    elseif not writer._t.closing and not writer._t.lost then
      -- (after this callback, which holds the writer; the guard is what
      -- is to be finalized)
      collect_soon(writer._guard)
    end
  end
end

function Server:_serve(ud)
  local t = remember_names(new_transport(ud, self._limit))
  t.server = self
  self._serial = self._serial + 1
  self._clients[t] = self._serial
  local writer = new_writer(t)
  local tk = task.spawn(self._cb, t.reader, writer)
  tk:add_done_callback(on_connection_done(writer))
end

-- asyncio's ACCEPT_RETRY_DELAY, and the errors that pause accepting for it.
local ACCEPT_RETRY_DELAY = 1
local OUT_OF_RESOURCE = { EMFILE = true, ENFILE = true, ENOBUFS = true, ENOMEM = true }
-- The errors of one connection, not of the listener: a network error that
-- was pending on it (Linux's accept(2) passes them on, "treat them like
-- EAGAIN by retrying"), a firewall's refusal (EPERM). The connection is
-- gone, the next one may be fine: never a rest for them.
local PER_CONNECTION = { ENETDOWN = true, EPROTO = true, ENOPROTOOPT = true, EHOSTDOWN = true, ENONET = true,
  EHOSTUNREACH = true, EOPNOTSUPP = true, ENETUNREACH = true, EPERM = true }
-- The callback CPython's report of another accept error names.
local ACCEPT_CALLBACK = "BaseSelectorEventLoop._accept_connection"

local function socket_of(self, listener)
  for _, sock in ipairs(self.sockets) do
    if sock._ud == listener then return sock end
  end
end

local function resume_accepting(self, listener)
  self._retry[listener] = nil
  if servers[listener] == self then core.stream_accepting(listener, true) end
end

-- Connections wait on `listener`: up to backlog + 1 of them are accepted
-- this turn, as CPython's _accept_connection (3.13's takes backlog, so a
-- server with backlog 0 never accepted and kept the loop spinning; later
-- ones take one more); -> how many were. A connection aborted before its
-- accept (ECONNABORTED) ends the turn quietly, as an empty backlog does
-- (stream_accept answers nil for both), as CPython's.
function Server:_accept(listener)
  local served = 0
  for _ = 1, self._backlog + 1 do
    if self._retry[listener] or servers[listener] ~= self then break end
    local ud, err = core.stream_accept(listener)
    if ud == nil then
      if err then
        self:_accept_error(listener, err)
      else
        self._failing[listener] = nil
      end
      break
    end
    self._failing[listener] = nil
    served = served + 1
    self:_serve(ud)
  end
  return served
end

-- The listener rests for ACCEPT_RETRY_DELAY on the loop's clock: its
-- watch stops, and the connections wait in the backlog meanwhile.
function Server:_rest(listener)
  if self._retry[listener] or servers[listener] ~= self then return end
  core.stream_accepting(listener, false)
  self._retry[listener] = loopmod.loop:call_later(ACCEPT_RETRY_DELAY, resume_accepting, self, listener)
end

-- An accept failed (errno `err`). When the system has no descriptor (or
-- memory) for a connection, the loop's exception handler is told ("socket.
-- accept() out of system resource", with the server's socket) and the
-- listener rests, as CPython's; the connections are served once
-- descriptors are free. (CPython 3.13 goes on through its backlog count,
-- so one burst is reported a hundred times; gh-151615 stops at the first.)
-- Another error is what CPython's accept raises out of its reader
-- callback: its loop reports "Exception in callback
-- BaseSelectorEventLoop._accept_connection()" with that handle (no socket),
-- and keeps the reader, so the next connection is tried at the next turn.
-- An error that stays (EINVAL: the socket was shut down and listens no
-- more) makes CPython's loop spin, reporting thousands of times a second;
-- here a listener whose accept fails again, with no connection accepted
-- between, rests as for a resource error: told about once a second. An
-- error of one connection (PER_CONNECTION) never rests the listener: it
-- took a connection off the queue, as an accept that succeeds, and the
-- next is tried at the next turn, as CPython's.
function Server:_accept_error(listener, err)
  local e = os_error(err)
  local context
  if OUT_OF_RESOURCE[e.code] then
    context = { message = "socket.accept() out of system resource", exception = e, socket = socket_of(self, listener) }
    self:_rest(listener)
  else
    context = { message = "Exception in callback " .. ACCEPT_CALLBACK .. "()", exception = e,
      handle = setmetatable({ _repr = "<Handle " .. ACCEPT_CALLBACK .. "()>", _n = 0 }, loopmod.Handle) }
    if PER_CONNECTION[e.code] then
      self._failing[listener] = nil
    else
      if self._failing[listener] then self:_rest(listener) end
      self._failing[listener] = true
    end
  end
  report.call_exception_handler(context)
end

-- libuv stopped the watch of `listener` on an error (POLLERR; never seen
-- on Linux, whose TCP and Unix listening sockets report none), after its
-- accept turn (served: the connections it accepted). Watched again at once
-- when a connection came, else after ACCEPT_RETRY_DELAY: a selector keeps
-- such a descriptor, but one stuck in error would wake the loop at every
-- turn for nothing (CPython's loop spins there).
function Server:_watch_failed(listener, served)
  if servers[listener] ~= self or self._retry[listener] then return end
  if served > 0 then
    core.stream_accepting(listener, true)
  else
    self:_rest(listener)
  end
end

function Server:_detach(t)
  self._clients[t] = nil
  self:_wakeup()
end

function Server:_wakeup()
  if self._listeners == nil and next(self._clients) == nil then
    local ws = self._waiters
    self._waiters = {}
    for i = 1, #ws do if not ws[i]:done() then ws[i]:set_result(nil) end end
  end
end

-- The sockets listen only from here, as CPython's _start_serving calls
-- listen(): before, a connect is refused. (A listen that fails raises its
-- OSError, as CPython's, with the server marked serving.) On a closed
-- server it raises CPython 3.13's error, its loop over the sockets (None
-- once closed) failing, and leaves the server marked serving as CPython's
-- does: a second call returns quietly, and is_serving() is true.
local function start_serving(self)
  if self._serving then return end
  self._serving = true
  if self._listeners == nil then error(errors.TypeError("'NoneType' object is not iterable"), 0) end
  local ls = self._listeners
  for i = 1, #ls do core.stream_listen(ls[i], self._backlog) end
end

-- start_serving(): a coroutine object, as Python's async method, which also
-- lets the loop turn once after starting.
local start_serving_coro = coro_maker(function(self)
  start_serving(self)
  await(task.sleep(0))
end, "Server.start_serving")

function Server:start_serving()
  scheck(self, "start_serving")
  return start_serving_coro(self)
end

function Server:is_serving()
  scheck(self, "is_serving")
  return self._serving
end

function Server:get_loop()
  scheck(self, "get_loop")
  return loopmod.loop
end

-- close(): stops listening; the connections already made go on.
function Server:close()
  scheck(self, "close")
  local ls = self._listeners
  if ls == nil then return end
  self._listeners = nil
  self._serving = false
  self.sockets = {}  -- (CPython's: () once closed)
  for i = 1, #ls do
    servers[ls[i]] = nil
    local retry = self._retry[ls[i]]
    if retry then retry:cancel() end
    stream_close(ls[i])
  end
  self._retry = {}
  self._failing = {}
  local file = self._unix_file
  if file then
    self._unix_file = nil
    core.pipe_unlink(file[1], file[2], file[3])
  end
  if self._forever and not self._forever:done() then self._forever:cancel() end
  self:_wakeup()
end

-- `local srv <close> = ...` is Python's `async with srv:`, whose __aexit__
-- closes, then awaits wait_closed() (since 3.12: until every connection
-- ended). Where nothing may suspend (outside a task, in a finalizer, across
-- a C call: task.wait_refused) it only closes.
Server.__close = function(self)
  errors.check_metamethod_self(self, Server, "__close", "Server")
  self:close()
  if task.wait_refused() == nil then task.await(self:wait_closed()) end
end

-- The connections alive now, in the order they were accepted (a copy:
-- closing one detaches it from _clients).
local function clients_now(self)
  local list = {}
  for t in pairs(self._clients) do list[#list + 1] = t end
  local serial = self._clients
  sort(list, function(a, b) return serial[a] < serial[b] end)
  return list
end

-- close_clients(), abort_clients(): Python 3.13's. Each connection the
-- server accepted and that is still open closes (after what it has queued)
-- or aborts (dropping it); the server itself goes on listening unless it
-- was closed, and the handlers' tasks are not cancelled: their readers see
-- the end, their writes are ignored. wait_closed() returns once they are
-- lost and the server is closed.
function Server:close_clients()
  scheck(self, "close_clients")
  local list = clients_now(self)
  for i = 1, #list do close_transport(list[i]) end
end

function Server:abort_clients()
  scheck(self, "abort_clients")
  local list = clients_now(self)
  for i = 1, #list do abort_transport(list[i]) end
end

local function server_wait_closed(self)
  if self._listeners == nil and next(self._clients) == nil then return end
  local w = future.new()
  self._waiters[#self._waiters + 1] = w
  -- The writers of handlers that ended already and that nobody holds.
  if next(self._clients) ~= nil then collect_soon() end
  await(w)
end
local server_wait_closed_coro = coro_maker(server_wait_closed, "Server.wait_closed")

-- wait_closed(): waits until the server is closed and its connections are.
function Server:wait_closed()
  scheck(self, "wait_closed")
  return server_wait_closed_coro(self)
end

local function serve_forever(self)
  if self._forever ~= nil then
    error(errors.RuntimeError("server " .. tostring(self) .. " is already being awaited on serve_forever()"), 0)
  end
  if self._listeners == nil then error(errors.RuntimeError("server " .. tostring(self) .. " is closed"), 0) end
  start_serving(self)
  local f = future.new()
  self._forever = f
  local ok, e = pcall(await, f)
  self._forever = nil
  -- Cancelled (or closed): the server closes, as CPython's.
  self:close()
  server_wait_closed(self)
  if not ok then error(e, 0) end
end
local serve_forever_coro = coro_maker(serve_forever, "Server.serve_forever")

function Server:serve_forever()
  scheck(self, "serve_forever")
  return serve_forever_coro(self)
end

local function new_server(cb, listeners, opts)
  -- _clients: transport -> its accept serial, for each connection served
  -- and not yet lost; connection_lost detaches it.
  local s = setmetatable({ _cb = cb, _listeners = listeners, _serving = false, _waiters = {},
    _backlog = opts and opts.backlog or 100, _limit = opts and opts.limit, sockets = {}, _clients = {},
    _serial = 0, _retry = {}, _failing = {} }, Server)
  for i, ud in ipairs(listeners) do
    servers[ud] = s
    s.sockets[i] = setmetatable({ _ud = ud, _kind = { core.stream_socket(ud) } }, Socket)
  end
  return s
end

-- A new server's last step, as CPython's create_server and
-- create_unix_server: one serving at once lets the loop turn once
-- (sleep(0)) before it is returned. Cancelled then, it closes: nobody will
-- hold it (CPython's would go on serving).
local function started(s, opts)
  if opts and opts.start_serving == false then return s end
  local ok, e = pcall(start_serving, s)
  if ok then ok, e = pcall(await, task.sleep(0)) end
  if not ok then
    s:close()
    error(e, 0)
  end
  return s
end

local function start_server(cb, host, port, opts)
  check_limit(opts)
  local addrs
  if host == nil or host == "" then
    addrs = getaddrinfo(nil, port, true)
  elseif core.ip_family(host) then
    -- CPython looks each host up in a task of its own, gathered: for an
    -- address, which needs no lookup, the loop turns 3 times before any
    -- socket is made (a cancellation then leaves nothing behind).
    for _ = 1, 3 do await(task.sleep(0)) end
    addrs = resolve(host, port)
  else
    addrs = resolve(host, port)
  end
  local listeners = {}
  for _, a in ipairs(addrs) do
    local ok, ud = pcall(core.tcp_bind, a[1], a[2])
    if ok then
      listeners[#listeners + 1] = ud
    elseif not (errors.OSError:is(ud) and ud.code == "EADDRNOTAVAIL") then
      for i = 1, #listeners do stream_close(listeners[i]) end
      local e = ud
      if errors.OSError:is(e) and e.errno then
        e = errors.OSError(e.errno, "error while attempting to bind on address " .. addr_repr(a) .. ": " ..
          lower(tostring(e.message)))
      end
      error(e, 0)
    end
    -- (An address this host does not have is skipped, as CPython skips it:
    -- its family may be disabled.)
  end
  if #listeners == 0 then
    local reprs = {}
    for i, a in ipairs(addrs) do reprs[i] = addr_repr(a) end
    error(errors.OSError("could not bind on any address out of [" .. concat(reprs, ", ") .. "]"), 0)
  end
  return started(new_server(cb, listeners, opts), opts)
end

local function start_unix_server(cb, path, opts)
  check_limit(opts)
  check_unix_length(path)
  local ok, ud, dev, ino = pcall(core.pipe_bind, path)
  if not ok then
    if errors.OSError:is(ud) and ud.code == "EADDRINUSE" then
      ud = errors.OSError(ud.errno, "Address " .. errors.repr_string(path) .. " is already in use")
    end
    error(ud, 0)
  end
  local s = new_server(cb, { ud }, opts)
  -- Removed at close if still this socket's (Python 3.13's cleanup_socket).
  if not (opts and opts.cleanup_socket == false) then s._unix_file = { path, dev, ino } end
  return started(s, opts)
end

local function check_cb(fname, cb, present)
  if type(cb) ~= "function" then errors.bad_argument(1, fname, "function", cb, present) end
end

-- start_server(cb, host, port[, {limit =, backlog =, start_serving =}]) -> Server
function M.start_server(...)
  local cb, host, port, opts = ...
  check_cb("start_server", cb, select("#", ...) > 0)
  if host ~= nil and type(host) ~= "string" then errors.bad_argument(2, "start_server", "string or nil", host, true) end
  port = check_port("start_server", 3, port, select("#", ...) > 2)
  check_opts("start_server", opts, { "limit", "backlog", "start_serving" }, 4)
  return make_coro(start_server, "start_server", cb, host, port, opts)
end

-- start_unix_server(cb, path[, {limit =, backlog =, start_serving =, cleanup_socket =}]) -> Server
function M.start_unix_server(...)
  local cb, path, opts = ...
  check_cb("start_unix_server", cb, select("#", ...) > 0)
  check_unix_path("start_unix_server", 2, path, select("#", ...) > 1)
  check_opts("start_unix_server", opts, { "limit", "backlog", "start_serving", "cleanup_socket" }, 3)
  return make_coro(start_unix_server, "start_unix_server", cb, path, opts)
end

-- loop:getaddrinfo(host, port) -> coroutine object giving a list of
-- {host, port, family = "inet"|"inet6"}
function M.loop_getaddrinfo(self, ...)
  local host, port = ...
  if host ~= nil and type(host) ~= "string" then errors.bad_argument(1, "getaddrinfo", "string or nil", host, true) end
  if port ~= nil and type(port) ~= "string" and math_type(port) ~= "integer" then
    errors.bad_argument(2, "getaddrinfo", "integer, string or nil", port, true)
  end
  return make_coro(getaddrinfo, "getaddrinfo", host, port)
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
  -- What io.read left in C stdio's buffer comes first (read from the
  -- descriptor, it would be lost).
  local early = core.stdin_take_buffered()
  if early ~= "" then reader:feed_data(early) end
  transport.resume_reading()
  return reader
end

-- asyncio.stdin() -> the StreamReader of the standard input (the same one
-- at every call).
function M.stdin(...)
  errors.no_more_arguments(1, "stdin", ...)
  if stdin_reader == nil then stdin_reader = open_stdin() end
  return stdin_reader
end

-- (asyncio.iscoroutinefunction)
task.mark_async(StreamReader, "read", "readline", "readuntil", "readexactly")
task.mark_async(StreamWriter, "drain", "wait_closed")
task.mark_async(Server, "wait_closed", "serve_forever", "start_serving")

return M
