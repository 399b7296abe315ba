-- Files on the loop, as aiofiles gives them to Python: asyncio.open and the
-- asyncio.fs functions run their system calls on libuv's thread pool
-- (io/fs.cpp), so the other tasks keep running meanwhile.
--
-- A File keeps its position and a read-ahead buffer here: it reads and
-- writes at explicit offsets (pread/pwrite), but in append mode, where the
-- system appends.
--
-- Invariant: the operations of a File (read, readline, write, seek, close,
-- each line of lines()) run one at a time, in the order they began, under
-- the File's turns (_busy, _turns), as a Python file's own lock orders
-- aiofiles' threads: two at once would both read, or write, at the same
-- position. An asyncio Lock would do it too, but a line of lines() taken
-- from the read-ahead would then cost four times what it does.
local errors = require "luasync.errors"
local future = require "luasync.future"
local task = require "luasync.task"
local core = require "luasync.core"
local coro_maker = require("luasync.waiters").coro_maker

local await = task.await
local type, tostring, setmetatable, error, select = type, tostring, setmetatable, error, select
local find, sub, gmatch, concat = string.find, string.sub, string.gmatch, table.concat
local utf8_offset = utf8.offset
local math_type = math.type
local O = core.O
local now = core.now

local M = {}
-- The read-ahead's request: FIRST_CHUNK at a File's first read (CPython's
-- buffer size), twice the last one at each next, up to CHUNK. A file read a
-- little holds a little (each File held 64 KiB after a read(10): ~100 KB of
-- resident memory a File); one read through soon asks for CHUNK a request.
local FIRST_CHUNK, CHUNK = 8192, 65536

-- Requests in libuv's hands: request userdata -> { fut = Future, op =, file
-- = the File it works on, or nil }. Every request is taken (fs_take) when it
-- finishes, also when its task was cancelled meanwhile: its buffer goes, and
-- a descriptor that an open gave back is closed.
local requests = {}

local pass_turn  -- (the File's turns, below)

-- A File is closed for good only once no request on its descriptor is in
-- flight: closing it earlier would let a stale write land in whatever file
-- reuses the number. Likewise the next operation's turn comes only then
-- (an operation cancelled with a request in flight left it waiting).
local function release(file)
  file._inflight = file._inflight - 1
  if file._inflight == 0 and file._close_fd then
    local fd = file._close_fd
    file._close_fd = nil
    core.fs_close_now(fd)
  end
  if file._inflight == 0 and file._turn_waits then
    file._turn_waits = nil
    pass_turn(file)
  end
end

-- Takes a finished request (entry r) whose operation was given up: its
-- buffer goes, a descriptor an open gave back is closed.
local function discard(req, r)
  local res, pos = core.fs_take(req)
  if r.op == "open" and math_type(res) == "integer" then core.fs_close_now(res) end
  -- A write whose task was cancelled landed all the same: the position is
  -- after it, as after a write run in a thread that went on.
  if r.op == "write" and math_type(res) == "integer" then
    if r.at and r.at >= 0 then
      r.file._pos = math.max(r.file._pos, r.at + res)
    elseif r.file._append and pos then
      r.file._pos = pos
    end
  end
end

core.provide("fs_done", function(req)
  if req == nil then return end
  local r = requests[req]
  if not r then
    -- (submit raised, out of memory, before it noted the request)
    core.fs_take(req)
    return
  end
  requests[req] = nil
  if r.fut:done() then
    discard(req, r)
  else
    r.fut:set_result(req)
  end
  if r.file then release(r.file) end
end)

-- Runs one request (on file's descriptor, when file is given) and answers
-- its result (a write at the descriptor's position: and the position after
-- it); raises the OSError (with the path, as Python names it).
local function submit(file, op, ...)
  local req = core.fs(op, ...)
  local f = future.new()
  local entry = { fut = f, op = op, file = file, at = op == "write" and select(3, ...) or nil }
  requests[req] = entry
  if file then file._inflight = file._inflight + 1 end
  -- The wait may raise before it begins (the task's memory error, put off
  -- to its next wait: kernel/wait.cpp) and leave f pending: f is cancelled,
  -- so that fs_done takes the request and its buffer goes (a cancelled
  -- task's future is cancelled already). Or the request finished in the
  -- turn the task's cancellation came (a wait_for's timeout): fs_done gave
  -- f its result, which no one will take but this.
  local ok, e = pcall(await, f)
  if not ok then
    if not f:done() then
      f:cancel()
    elseif not f:cancelled() then
      discard(req, entry)
    end
    error(e, 0)
  end
  local r, errno_or_pos, path = core.fs_take(req)
  if r == nil and errno_or_pos then
    -- (a rename names both paths, as Python's: 'from' -> 'to')
    local path2 = op == "rename" and select(2, ...) or nil
    local errno = errno_or_pos
    error(errors.OSError(errno, require("luasync.errno").strerror(errno), path, nil, path2), 0)
  end
  return r, errno_or_pos
end

local function fs(op, ...) return submit(nil, op, ...) end

---------------------------------------------------------------------------
-- File

local File = { __name = "File" }
File.__index = File
M.File = File

File.__tostring = function(f)
  return "<File name=" .. errors.repr_string(f.name) .. " mode=" .. errors.repr_string(f.mode) ..
    (f._fd and "" or " closed") .. ">"
end

local function closed_error() return errors.ValueError("I/O operation on closed file.") end

-- A method's self; open unless awaited: the methods that give a coroutine
-- object find a closed file when awaited (in_turn), as aiofiles' do, so
-- pcall(await, f:read()) catches it. (tell and lines act at the call.)
local function fcheck(self, fname, awaited)
  if getmetatable(self) ~= File then
    errors.arg_error(1, fname, "File expected; call it as f:" .. fname .. "(...)")
  end
  if not awaited and not self._fd then error(closed_error(), 3) end
end

-- The descriptor of f, for its next request: f's <close> (which cannot
-- wait for its turn) may have closed it while an operation was between two
-- requests.
local function fd_of(f)
  local fd = f._fd
  if not fd then error(closed_error(), 0) end
  return fd
end

-- The turns: f._busy while an operation runs; f._turns, the Futures of
-- those waiting, first in first out.
function pass_turn(f)
  local turns = f._turns
  while turns and #turns > 0 do
    local w = table.remove(turns, 1)
    if not w:done() then
      w:set_result(true)  -- f stays busy: the turn goes to w's operation
      return
    end
  end
  f._busy = false
end

local function wait_turn(f)
  if not f._busy then
    f._busy = true
    return
  end
  local turns = f._turns
  if not turns then
    turns = {}
    f._turns = turns
  end
  local w = future.new()
  turns[#turns + 1] = w
  local ok, e = pcall(await, w)
  if not ok then
    if w:done() and not w:cancelled() then
      pass_turn(f)  -- given the turn, then cancelled before it ran
    else
      for i = #turns, 1, -1 do
        if turns[i] == w then table.remove(turns, i) end
      end
    end
    error(e, 0)
  end
end

-- (An operation that ends, cancelled, with a request still in flight
-- passes the turn when that request is done: release.)
local Turn = {
  __close = function(t)
    local f = t[1]
    if f._inflight > 0 then f._turn_waits = true else pass_turn(f) end
  end,
}

-- impl(f, ...) in f's turn (see the invariant above); one that began before
-- a close and waited for it finds f closed.
local function in_turn(impl, even_closed)
  return function(f, ...)
    wait_turn(f)
    local _ <close> = f._turn
    if not even_closed and not f._fd then error(closed_error(), 0) end
    return impl(f, ...)
  end
end

-- Modes as Lua's io.open takes them ("b" allowed and ignored), in any
-- order, as Python's open takes them ("+r"), with its "t" (text, the
-- default: also ignored, bytes are read as they are).
local MODES = {
  r = { O.RDONLY, true, false }, w = { O.WRONLY | O.CREAT | O.TRUNC, false, true },
  a = { O.WRONLY | O.CREAT | O.APPEND, false, true }, x = { O.WRONLY | O.CREAT | O.EXCL, false, true },
  ["r+"] = { O.RDWR, true, true }, ["w+"] = { O.RDWR | O.CREAT | O.TRUNC, true, true },
  ["a+"] = { O.RDWR | O.CREAT | O.APPEND, true, true }, ["x+"] = { O.RDWR | O.CREAT | O.EXCL, true, true },
}

-- The key of MODES for mode ("rb+" -> "r+"), or raises Python's ValueError
-- for one it refuses, with its text.
local function mode_key(mode)
  local kind, plus, seen = nil, "", {}
  for c in gmatch(mode, ".") do
    -- (an unknown letter, or one twice)
    if not find("xrwa+bt", c, 1, true) or seen[c] then
      error(errors.ValueError("invalid mode: " .. errors.repr_string(mode)), 3)
    end
    seen[c] = true
    if seen.b and seen.t then error(errors.ValueError("can't have text and binary mode at once"), 3) end
    if c == "+" then
      plus = "+"
    elseif c ~= "b" and c ~= "t" then
      if kind then error(errors.ValueError("must have exactly one of create/read/write/append mode"), 3) end
      kind = c
    end
  end
  if not kind then
    error(errors.ValueError("Must have exactly one of create/read/write/append mode and at most one plus"), 3)
  end
  return kind .. plus
end

---------------------------------------------------------------------------
-- Text encodings (opts.encoding, opts.errors): a File opened with an
-- encoding holds in its read-ahead the text decoded to UTF-8, and encodes
-- what it writes, as Python's text mode (file_codec.lua, with iconv:
-- io/text_codec.cpp); one opened without reads and writes bytes as they
-- are (its _codec is nil, and the paths below cost it a field test). The
-- codec table c (file_codec.new) has raw, the file position of the next
-- read request, and tail, bytes read that end in an incomplete character,
-- decoded with the next chunk.

local OPEN_OPTIONS = { "encoding", "errors" }
local ERRORS = { strict = true, replace = true, ignore = true, backslashreplace = true, surrogateescape = true,
  xmlcharrefreplace = true }

-- The conversions, loaded at the first encoding (a program without one
-- does not hold them).
local function file_codec() return require "luasync.file_codec" end

-- Checks asyncio.open's options table (argument 3) as Python's argument
-- parsing does, before the mode is read: its kinds, and a NUL in either
-- name (Python's ValueError; the name would be looked up without it, or
-- cut at it: "utf-8\0" opened the file as UTF-8).
local function check_option_values(opts)
  if opts == nil then return end
  if type(opts) ~= "table" then errors.bad_argument(3, "open", "table", opts, true) end
  errors.check_options(opts, 3, "open", OPEN_OPTIONS)
  local enc, errs = opts.encoding, opts.errors
  if enc ~= nil and type(enc) ~= "string" then errors.arg_error(3, "open", "encoding must be a string") end
  if (enc and find(enc, "\0", 1, true)) or (type(errs) == "string" and find(errs, "\0", 1, true)) then
    error(errors.ValueError("embedded null character"), 3)
  end
end

-- What the File's codec needs (file_codec.spec), or nil for no encoding;
-- opts passed check_option_values and mode mode_key.
local function check_open_options(opts, mode)
  if opts == nil then return nil end
  local enc, errs = opts.encoding, opts.errors
  if errs ~= nil and not ERRORS[errs] then
    errors.arg_error(3, "open", "errors must be 'strict', 'replace', 'ignore', 'backslashreplace', " ..
      "'surrogateescape' or 'xmlcharrefreplace'")
  end
  -- (Python's ValueErrors)
  if find(mode, "b", 1, true) then
    if enc ~= nil then error(errors.ValueError("binary mode doesn't take an encoding argument"), 3) end
    if errs ~= nil then error(errors.ValueError("binary mode doesn't take an errors argument"), 3) end
  end
  if enc == nil then return nil end
  local spec, why, instead = file_codec().spec(enc, errs or "strict")
  if why == "marked" then
    errors.arg_error(3, "open", "encoding " .. enc .. " is not supported (its byte order mark); use " .. instead)
  elseif why == "binary" then
    error(errors.LookupError(errors.repr_string(enc) .. " is not a text encoding"), 3)
  elseif why == "unsupported" then
    error(errors.LookupError("unknown encoding: " .. enc .. " (a codec of Python's that glibc's iconv lacks)"), 3)
  elseif why then
    error(errors.LookupError("unknown encoding: " .. enc), 3)
  end
  return spec
end

-- The file position of the File's read point: with an encoding, where the
-- next request reads, less the undecoded tail and what the unread text
-- read ahead came from (encoded again: exact for text that decoded without
-- replacements).
local function raw_pos(f)
  local c = f._codec
  if not c then return f._pos end
  local unread = #f._buf > f._bpos and file_codec().encode(c, sub(f._buf, f._bpos + 1)) or ""
  return c.raw - #c.tail - #unread
end

-- A read (or a chunk of the read-ahead) begins: a decode error's position
-- counts from the first byte it decodes, as Python's, which names a
-- position in the bytes of one call of its decoder (the rest of the file
-- for read(), a chunk for readline and read(n)).
local function decoding_begins(c) c.origin = c.raw - #c.tail end

-- The read-ahead is dropped (a write, a seek): the decoder starts afresh at
-- the position pos.
local function restart_codec(f, pos)
  local c = f._codec
  c.raw, c.tail = pos, ""
  file_codec().reset(c)
end

local function open(path, mode, text)
  local m = MODES[mode_key(mode)]
  local codec = text and file_codec().new(text)
  local fd = fs("open", path, m[1], 438) -- 0666, less the umask
  local f = setmetatable({ name = path, mode = mode, _fd = fd, _pos = 0, _buf = "", _bpos = 0, _inflight = 0,
    _readable = m[2], _writable = m[3], _append = (m[1] & O.APPEND) ~= 0, _busy = false, _codec = codec }, File)
  f._turn = setmetatable({ f }, Turn)
  -- As Python's open: a directory is refused here, not at the first read;
  -- in append mode the position starts at the end.
  local ok, st = pcall(submit, f, "fstat", fd)
  if not ok or st.type == "directory" then
    f:__close()
    if not ok then error(st, 0) end
    local errno = require "luasync.errno"
    error(errors.OSError(errno.EISDIR, errno.strerror(errno.EISDIR), path), 0)
  end
  if f._append then f._pos = st.size end
  if codec then codec.raw = f._pos end
  -- A FIFO, a terminal, a socket: read and written where it stands (a read
  -- at an offset, pread, fails there with ESPIPE).
  f._stream = st.type == "other"
  -- (a FIFO, a socket, a terminal: tell and seek raise ESPIPE, as
  -- Python's unbuffered file; /dev/null seeks)
  f._seekable = st.seekable
  return f
end

-- asyncio.open(path[, mode[, opts]]) -> coroutine object giving a File;
-- opts: encoding (Python's names: "shift_jis", "cp932", "latin-1"...),
-- errors ("strict", "replace", "ignore").
function M.open(...)
  local path, mode, opts = ...
  if type(path) ~= "string" then errors.bad_argument(1, "open", "string", path, select("#", ...) > 0) end
  if mode == nil then mode = "r" end
  if type(mode) ~= "string" then errors.bad_argument(2, "open", "string", mode, true) end
  check_option_values(opts)
  mode_key(mode)
  return task.make_coro(open, "open", path, mode, check_open_options(opts, mode))
end

-- The read-ahead: _buf[_bpos + 1 ..] is the file from _pos on. A read
-- moves _bpos, so a line taken does not copy the rest of the chunk (which
-- made reading a file line by line cost a copy of up to 64 KiB a line).

-- The size of the File's next read-ahead request (FIRST_CHUNK, CHUNK).
local function chunk(f)
  local c = f._chunk
  if not c then
    c = FIRST_CHUNK
  elseif c < CHUNK then
    c = c * 2
  end
  f._chunk = c
  return c
end

-- The next chunk of the file, from at (a stream: from where it stands);
-- with an encoding, from the codec's position, decoded ("" only at the end).
local function next_chunk(f, want, at)
  local c = f._codec
  if not c then return submit(f, "read", fd_of(f), want, f._stream and -1 or at) end
  while true do
    local at = c.raw
    local data = submit(f, "read", fd_of(f), want, f._stream and -1 or at)
    c.raw = at + #data
    local text = file_codec().decode(c, c.tail .. data, data == "", at - #c.tail)
    if text ~= "" or data == "" then return text end
  end
end

-- The next chunk from the file into the read-ahead buffer; false at the end.
-- A chunk at least as long as what is there already (up to 16 MiB), so
-- that a long line, which joins each chunk to the rest, is copied a bounded
-- number of times in all, not once per chunk (a 30 MB line took 27 s).
local function fill(f)
  -- (Python's readline and read(n) decode a chunk at a time)
  if f._codec then decoding_begins(f._codec) end
  local want = math.min(math.max(chunk(f), #f._buf - f._bpos), 16777216)
  local data = next_chunk(f, want, f._pos + #f._buf - f._bpos)
  if data == "" then return false end
  f._buf = sub(f._buf, f._bpos + 1) .. data
  f._bpos = 0
  return true
end

-- The next n bytes of the read-ahead (all of it, if fewer).
local function take(f, n)
  local buf, bpos = f._buf, f._bpos
  local data
  if bpos + n >= #buf then
    -- (all of a buffer nothing was taken from: the string itself, no copy)
    data = bpos == 0 and buf or sub(buf, bpos + 1)
    f._buf, f._bpos = "", 0
  else
    data = sub(buf, bpos + 1, bpos + n)
    f._bpos = bpos + n
  end
  f._pos = f._pos + #data
  return data
end

local function read(f, n)
  if not f._readable then error(errors.UnsupportedOperation("not readable"), 0) end
  local have = #f._buf - f._bpos
  -- n bytes the read-ahead holds are taken from it alone: joining the rest
  -- of it with nothing copied up to 64 KiB twice a read (a file read 100
  -- bytes at a time cost 24 us a read, ten times a line of lines()).
  if n ~= nil and n >= 0 and have >= n then return take(f, n) end
  -- The pieces go in a list, joined once: appending to one string would
  -- copy it at every chunk.
  local parts = { sub(f._buf, f._bpos + 1) }
  local at = f._pos + have
  while n == nil or n < 0 or have < n do
    -- (at most 1 MiB a request: n may be far more than the file holds)
    local want = (n == nil or n < 0) and 1048576 or math.min(math.max(n - have, chunk(f)), 1048576)
    local data = next_chunk(f, want, at)
    if data == "" then break end
    parts[#parts + 1] = data
    have = have + #data
    at = at + #data
  end
  f._buf, f._bpos = concat(parts), 0
  return take(f, (n == nil or n < 0) and have or n)
end

-- read(n) with an encoding: n characters, as Python's text files count.
local function read_text(f, n)
  if n == nil or n < 0 then return read(f, n) end
  if not f._readable then error(errors.UnsupportedOperation("not readable"), 0) end
  while true do
    local e = utf8_offset(f._buf, n + 1, f._bpos + 1)
    if e then return take(f, e - f._bpos - 1) end
    if not fill(f) then return take(f, #f._buf - f._bpos) end
  end
end

-- ("" only at the end: the Lua trap of `if not data`, eof_warning.lua.
-- A read that gives data pays two field tests: no call is added.)
local function note_empty(f, fname, n, began)
  if n ~= 0 then require("luasync.eof_warning").empty_read(f, fname, began or nil) end
end

local function read_file(f, n)
  -- (a read after an empty one: when it began, as the streak counts)
  local began = f._empty_reads and now()
  local data
  if f._codec then
    decoding_begins(f._codec)
    data = read_text(f, n)
  else
    data = read(f, n)
  end
  if data == "" then
    note_empty(f, "File.read", n, began)
  elseif f._empty_reads then
    f._empty_reads = nil
  end
  return data
end

local function readline(f)
  if not f._readable then error(errors.UnsupportedOperation("not readable"), 0) end
  local searched = 0 -- bytes of the read-ahead known to hold no "\n"
  while true do
    local i = find(f._buf, "\n", f._bpos + searched + 1, true)
    if i then return take(f, i - f._bpos) end
    searched = #f._buf - f._bpos
    if not fill(f) then return take(f, searched) end
  end
end

local function write(f, data)
  if not f._writable then error(errors.UnsupportedOperation("not writable"), 0) end
  local c = f._codec
  local given = #data
  if c then
    -- (at the read point: the read-ahead ran past it)
    f._pos = raw_pos(f)
    data = file_codec().encode(c, data, f._pos == 0)
  end
  f._buf, f._bpos = "", 0 -- (a write after reads: the read-ahead is stale)
  local total = 0
  -- (a short write goes on with the rest, as a buffered file would; a
  -- request takes at most 1 GiB, io/fs.cpp)
  while true do
    local n, pos = submit(f, "write", fd_of(f), data, (f._append or f._stream) and -1 or f._pos, total + 1)
    -- In append mode the system wrote at the end of the file, also past
    -- what another writer appended meanwhile: the position is where the
    -- write left the descriptor's (pos, read as the write finished, so
    -- without a second request), as Python's tell() says after a write.
    if f._append then
      if pos then f._pos = pos end
    else
      f._pos = f._pos + n
    end
    total = total + n
    if total >= #data or n == 0 then break end
  end
  if c then
    restart_codec(f, f._pos)
    return given  -- (what was given, as Python counts the text)
  end
  return total
end

local function seek(f, whence, offset)
  if not f._seekable then
    local errno = require "luasync.errno"
    error(errors.OSError(errno.ESPIPE, errno.strerror(errno.ESPIPE)), 0)
  end
  local base
  if whence == "set" then
    base = 0
  elseif whence == "cur" then
    base = raw_pos(f)
  else
    base = submit(f, "fstat", fd_of(f)).size
  end
  -- Before the start: lseek's error, as Lua's seek returns it (nil,
  -- "Invalid argument", 22), and the position stays.
  if base + offset < 0 then
    local errno = require "luasync.errno"
    error(errors.OSError(errno.EINVAL, errno.strerror(errno.EINVAL)), 0)
  end
  f._buf, f._bpos = "", 0
  f._pos = base + offset
  if f._codec then restart_codec(f, f._pos) end
  return f._pos
end

local function close(f)
  local fd = f._fd
  if not fd then return end
  f._fd = nil
  if f._inflight > 0 then
    f._close_fd = fd -- the last request in flight closes it
  else
    fs("close", fd)
  end
end

local readline_in_turn = in_turn(readline)
local readline_counted = in_turn(function(f)
  local began = f._empty_reads and now()
  local line = readline(f)
  if line == "" then
    note_empty(f, "File.readline", nil, began)
  elseif f._empty_reads then
    f._empty_reads = nil
  end
  return line
end)
local read_coro = coro_maker(in_turn(read_file), "File.read")
local readline_coro = coro_maker(readline_counted, "File.readline")
local write_coro = coro_maker(in_turn(write), "File.write")
local close_coro = coro_maker(in_turn(close, true), "File.close")
local seek_in_turn = in_turn(seek)
-- (Writes are not buffered here: a flush has nothing to do, but to find the
-- file open.)
local flush_coro = coro_maker(in_turn(function() end), "File.flush")

-- read([n]): up to n bytes; without n, the rest of the file; "" at the end.
function File:read(...)
  fcheck(self, "read", true)
  local n = ...
  if n ~= nil then n = errors.check_integer(1, "read", n, true) end
  return read_coro(self, n)
end

-- readline(): the next line with its "\n"; "" at the end.
function File:readline()
  fcheck(self, "readline", true)
  return readline_coro(self)
end

-- write(s, ...) -> the number of bytes written. Several strings (or
-- numbers) are written one after another, as Lua's file:write writes them
-- (aiofiles takes one: f:write("a", "b") wrote "a" alone, losing the rest).
function File:write(...)
  fcheck(self, "write", true)
  local n = select("#", ...)
  local s = ...
  if n > 1 then
    local parts = { ... }
    for i = 1, n do
      local v = parts[i]
      if math_type(v) then
        parts[i] = tostring(v)
      elseif type(v) ~= "string" then
        errors.bad_argument(i, "write", "string", v, true)
      end
    end
    s = table.concat(parts, "", 1, n)
  elseif math_type(s) then
    s = tostring(s)
  end
  if type(s) ~= "string" then errors.bad_argument(1, "write", "string", s, n > 0) end
  return write_coro(self, s)
end

-- seek([whence[, offset]]) -> the new position, as Lua's file:seek
-- ("set", "cur", "end"; "cur" and 0 by default).
function File:seek(whence, offset)
  fcheck(self, "seek", true)
  whence = whence or "cur"
  offset = offset or 0
  if whence ~= "set" and whence ~= "cur" and whence ~= "end" then
    errors.arg_error(1, "seek", "invalid option '" .. tostring(whence) .. "'")
  end
  offset = errors.check_integer(2, "seek", offset, true)
  return task.make_coro(seek_in_turn, "File.seek", self, whence, offset)
end

-- tell() -> the position; on what cannot seek (a FIFO, a terminal) the
-- OSError of Python's unbuffered file's tell() (and seek()), lseek's
-- ESPIPE.
function File:tell()
  fcheck(self, "tell")
  if not self._seekable then
    local errno = require "luasync.errno"
    error(errors.OSError(errno.ESPIPE, errno.strerror(errno.ESPIPE)), 2)
  end
  return raw_pos(self)
end

-- for line in f:lines() do, inside a task: each line without its "\n" ("L"
-- keeps it), as Lua's file:lines().
function File:lines(fmt)
  fcheck(self, "lines")
  if fmt ~= nil and fmt ~= "l" and fmt ~= "L" then
    errors.arg_error(1, "lines", "invalid format (expected \"l\" or \"L\")")
  end
  return function()
    if not self._fd then error(closed_error(), 2) end
    -- A line the read-ahead holds is taken at once when no operation runs
    -- (nothing suspends meanwhile, so none can begin either).
    local i = not self._busy and find(self._buf, "\n", self._bpos + 1, true)
    local line = i and take(self, i - self._bpos) or readline_in_turn(self)
    if line == "" then return nil end
    if fmt ~= "L" and sub(line, -1) == "\n" then line = sub(line, 1, -2) end
    return line
  end
end

function File:flush()
  fcheck(self, "flush", true)
  return flush_coro(self)
end

function File:close()
  fcheck(self, "close", true)
  return close_coro(self)
end

-- local f <close> = await(asyncio.open(...)): closed at the end of the block,
-- at once (also the finalizer, which cannot wait), so close(2) runs here on
-- the loop's thread; await(f:close()) goes through the pool.
File.__close = function(self)
  errors.check_metamethod_self(self, File, "__close", "file")
  local fd = self._fd
  if fd then
    self._fd = nil
    if self._inflight > 0 then
      self._close_fd = fd -- the last request in flight closes it
    else
      core.fs_close_now(fd)
    end
  end
end
File.__gc = File.__close

---------------------------------------------------------------------------
-- asyncio.fs

local FS = {}
M.fs = FS

local function check_path(fname, path, present)
  if type(path) ~= "string" then errors.bad_argument(1, fname, "string", path, present) end
end

-- (false for any OSError, as Python's os.path.exists, and for a path with a
-- NUL byte, which names no file: Python's is false for its ValueError; a
-- cancellation goes on)
local function exists(path)
  if find(path, "\0", 1, true) then return false end
  local ok, e = pcall(fs, "stat", path)
  if not ok and not errors.OSError:is(e) then error(e, 0) end
  return ok
end

local function listdir(path)
  local names = fs("scandir", path)
  table.sort(names)
  return names
end

local function simple(fname, op, impl)
  return function(...)
    check_path(fname, (...), select("#", ...) > 0)
    return task.make_coro(impl or fs, "fs." .. fname, op, ...)
  end
end

FS.stat = simple("stat", "stat")
FS.remove = simple("remove", "unlink")
FS.rmdir = simple("rmdir", "rmdir")
function FS.mkdir(...)
  local path, mode = ...
  check_path("mkdir", path, select("#", ...) > 0)
  if mode ~= nil then mode = errors.check_integer(2, "mkdir", mode, true) end
  return task.make_coro(fs, "fs.mkdir", "mkdir", path, mode or 511)
end
function FS.rename(...)
  local from, to = ...
  check_path("rename", from, select("#", ...) > 0)
  if type(to) ~= "string" then errors.bad_argument(2, "rename", "string", to, select("#", ...) > 1) end
  return task.make_coro(fs, "fs.rename", "rename", from, to)
end
function FS.exists(...)
  check_path("exists", (...), select("#", ...) > 0)
  return task.make_coro(exists, "fs.exists", (...))
end
function FS.listdir(...)
  check_path("listdir", (...), select("#", ...) > 0)
  return task.make_coro(listdir, "fs.listdir", (...))
end

task.mark_async(File, "read", "readline", "write", "seek", "flush", "close")  -- (asyncio.iscoroutinefunction)

return M
