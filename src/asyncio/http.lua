-- asyncio.http: an HTTP/HTTPS client with aiohttp's names, on libcurl's
-- multi interface driven by the loop (http/http.cpp, http/multi.cpp).
--
-- A request is one curl transfer. Its task waits for the response head
-- (status, headers), then reads the body as it comes: the C++ side keeps at
-- most about 1 MiB unread and pauses the transfer beyond, so a large body
-- streamed with read(n) or iter_chunks() takes flat memory.
--
-- Invariants:
-- - `live[transfer]` is the record of a transfer that has not ended: the
--   Future its task waits on for news (nil when none waits), its session,
--   the deadline of its timeout, and `failed`, the error that ended it from
--   outside (its timeout, its session's close). http_event wakes it. A
--   Response holds its transfer; collecting the Response stops the transfer
--   (its connection is closed, not returned half-read). A session's _live
--   counts its transfers in `live`.
-- - A request whose task is cancelled (or times out in wait_for) stops its
--   transfer at once.
-- - A request's timeout counts from its start to the end of its body, the
--   wait for a free connection of its session (curl's own timeout does not
--   count that one) included, as aiohttp's total timeout.
local errors = require "luasync.errors"
local core = require "luasync.core"
local future = require "luasync.future"
local task = require "luasync.task"
local strerror = require("luasync.errno").strerror
local sched = require "luasync.scheduler"
local cjson = require "luasync.cjson"
local float_repr = require("luasync.report").float_repr

local await = task.await
local type, pairs, ipairs, tostring, setmetatable, getmetatable, error, pcall, next =
  type, pairs, ipairs, tostring, setmetatable, getmetatable, error, pcall, next
local lower, format, gsub, byte, find, sub, gmatch = string.lower, string.format, string.gsub, string.byte,
  string.find, string.sub, string.gmatch
local match, upper = string.match, string.upper
local concat, sort, pack, unpack = table.concat, table.sort, table.pack, table.unpack
local select = select
local math_type, tointeger, huge, math_max = math.type, math.tointeger, math.huge, math.max
local utf8_len = utf8.len

local M = {}

---------------------------------------------------------------------------
-- Errors: aiohttp's classes

local ClientError = errors.Exception:subclass("ClientError")
local ClientResponseError = ClientError:subclass("ClientResponseError")
local ClientPayloadError = ClientError:subclass("ClientPayloadError")
local ClientConnectionError = ClientError:subclass("ClientConnectionError")
local ServerDisconnectedError = ClientConnectionError:subclass("ServerDisconnectedError")
local TooManyRedirects = ClientResponseError:subclass("TooManyRedirects")
-- As Python's ssl.SSLCertVerificationError, an OSError.
local SSLCertVerificationError = errors.OSError:subclass("SSLCertVerificationError")
M.ClientError, M.ClientResponseError, M.ClientPayloadError = ClientError, ClientResponseError, ClientPayloadError
M.ServerDisconnectedError, M.TooManyRedirects = ServerDisconnectedError, TooManyRedirects
M.ClientConnectionError = ClientConnectionError
M.SSLCertVerificationError = SSLCertVerificationError

-- curl's result codes this module tells apart (curl/curl.h).
local CURLE = {
  UNSUPPORTED_PROTOCOL = 1, URL_MALFORMAT = 3, COULDNT_RESOLVE_HOST = 6, COULDNT_CONNECT = 7,
  PARTIAL_FILE = 18, OPERATION_TIMEDOUT = 28, TOO_MANY_REDIRECTS = 47, GOT_NOTHING = 52, SEND_ERROR = 55,
  RECV_ERROR = 56, SSL_CONNECT_ERROR = 35, PEER_FAILED_VERIFICATION = 60, SSL_CACERT_BADFILE = 77,
}

-- host:port of a URL, for the messages.
local function host_port(url)
  local scheme, rest = match(url, "^(%a+)://([^/?#]*)")
  if not rest then return url end
  rest = gsub(rest, "^.*@", "")
  if find(rest, ":%d+$") or find(rest, "^%[.*%]:%d+$") then return rest end
  return rest .. ":" .. ((lower(scheme) == "https") and "443" or "80")
end

-- The error of transfer t that ended with curl's result `code`. url is the
-- URL asked for (timeouts and TooManyRedirects name it, as aiohttp's do);
-- the others name where the redirects followed led, final_url.
local function transfer_error(t, code, text, os_errno, url, final_url, socket_errno)
  if code == CURLE.OPERATION_TIMEDOUT then
    return errors.TimeoutError("timed out after the request's timeout: " .. url)
  elseif code == CURLE.TOO_MANY_REDIRECTS then
    local e = TooManyRedirects(text .. ": " .. url)
    e.url = url
    return e
  end
  url = final_url ~= "" and final_url or url
  if code == CURLE.COULDNT_CONNECT and (os_errno ~= 0 or socket_errno ~= 0) then
    -- The address tried, as asyncio.open_connection names it; else the URL's.
    local host, port = core.http_peer(t)
    if not host then
      local hp = host_port(url)
      host, port = match(hp, "^%[?(.-)%]?:(%d+)$")
      host, port = host or hp, port or "?"
    end
    local addr = find(host, ":", 1, true) and format("('%s', %s, 0, 0)", host, port) or
      format("('%s', %s)", host, port)
    if os_errno == 0 then
      -- No socket to connect with: the process (EMFILE) or the system
      -- (ENFILE) is out of descriptors. Python's socket() says so.
      local e = errors.OSError(socket_errno, strerror(socket_errno))
      e.message = e.message .. " (connecting to " .. addr .. ")"
      return e
    end
    return errors.OSError(os_errno, "Connect call failed " .. addr)
  elseif code == CURLE.COULDNT_RESOLVE_HOST then
    -- (as a stream's lookup: Python's socket.gaierror, .errno -2)
    local e = errors.OSError(-2, "Name or service not known")
    e.message = e.message .. ": " .. host_port(url)
    e.code = "EAI_NONAME"
    return e
  elseif code == CURLE.PEER_FAILED_VERIFICATION or code == CURLE.SSL_CACERT_BADFILE then
    local e = SSLCertVerificationError("certificate verify failed: " .. text .. " (" .. host_port(url) .. ")")
    return e
  elseif code == CURLE.SSL_CONNECT_ERROR then
    return SSLCertVerificationError("TLS handshake failed: " .. text .. " (" .. host_port(url) .. ")")
  elseif code == CURLE.PARTIAL_FILE then
    return ClientPayloadError("Response payload is not completed: " .. text)
  elseif code == CURLE.GOT_NOTHING then
    return ServerDisconnectedError("Server disconnected")
  elseif code == CURLE.RECV_ERROR or code == CURLE.SEND_ERROR then
    if os_errno ~= 0 then return errors.OSError(os_errno, strerror(os_errno)) end
    return ServerDisconnectedError("Server disconnected: " .. text)
  elseif code == CURLE.UNSUPPORTED_PROTOCOL and find(text, "HTTP/0.9", 1, true) then
    -- (the URL was fine: what came back is not HTTP)
    local e = ClientResponseError("not an HTTP response: " .. text .. ", url=" .. errors.repr_string(url))
    e.url = url
    return e
  elseif code == CURLE.URL_MALFORMAT or code == CURLE.UNSUPPORTED_PROTOCOL then
    return errors.ValueError("invalid URL " .. errors.repr_string(url) .. ": " .. text)
  end
  -- (the system's word for curl's errno, when it has one)
  if os_errno ~= 0 then text = text .. " [" .. strerror(os_errno) .. "]" end
  return ClientError(text .. " (" .. url .. ")")
end

---------------------------------------------------------------------------
-- Transfers

-- transfer -> { wake =, session =, deadline =, url =, failed =, heard =,
-- news_first =, head = }. heard: news woke the waiting task, which has not
-- resumed yet; news_first: its Session closed in that window (the news is
-- taken first, head the response head kept for it).
local live = {}

-- t ends: no more news for its record, and its deadline goes.
local function forget(t, rec)
  local was = live[t]
  if was then
    live[t] = nil
    was.session._live = was.session._live - 1
  end
  if rec and rec.deadline then
    sched.cancel_at(rec.deadline, rec)
    rec.deadline = nil
  end
end

-- rec's transfer fails from outside with error e (made when raised): its
-- waiting task wakes to raise it.
local function fail_from_outside(rec, e)
  if rec.failed then return end
  rec.failed = e
  local f = rec.wake
  if f then
    rec.wake = nil
    if not f:done() then f:set_result(true) end
  end
end

local function on_deadline(rec)
  rec.deadline = nil
  fail_from_outside(rec, function() return errors.TimeoutError("timed out after the request's timeout: " .. rec.url) end)
end

core.provide("http_event", function(t)
  local rec = t and live[t]
  if not rec then return end
  local f = rec.wake
  if f then
    rec.wake = nil
    rec.heard = true
    if not f:done() then f:set_result(true) end
  end
end)

-- Waits for the transfer's next news. A cancellation stops the transfer;
-- so does a failure from outside, which is raised. News that woke the task
-- before its Session closed (in the same turn, before the task resumed) is
-- taken first, and the close raised at the next wait, as aiohttp's queue
-- gives what its protocol had fed before the connection was lost: a
-- response whose head had come is answered. (A deadline still wins, as a
-- timeout's cancel of a task already woken does.)
local function wait_news(t, rec)
  if not rec.failed then
    local f = future.new()
    rec.wake, rec.heard = f, false
    local ok, e = pcall(await, f)
    rec.heard = false
    if not ok then
      rec.wake = nil
      forget(t, rec)
      core.http_stop(t)
      error(e, 0)
    end
    if rec.news_first then
      rec.news_first = nil
      return
    end
  end
  if rec.failed then
    forget(t, rec)
    core.http_stop(t)
    error(rec.failed(), 0)
  end
end

-- Raises the error of a transfer that ended badly; nothing when it ended well.
local function check_end(t, url)
  local state, code, text, os_errno, final_url, socket_errno = core.http_state(t)
  if state == "done" then
    forget(t, live[t])
    if code ~= 0 then error(transfer_error(t, code, text, os_errno, url, final_url, socket_errno), 0) end
    return true
  end
  return false
end

---------------------------------------------------------------------------
-- Headers: a case-insensitive multi-map, as aiohttp's CIMultiDictProxy

local Headers = { __name = "Headers" }
local HeadersMethods = {}

Headers.__index = function(h, key)
  local m = HeadersMethods[key]
  if m then return m end
  if type(key) ~= "string" then return nil end
  local values = h._by[lower(key)]
  return values and values[1]
end

-- headers:getall(name) -> every value of that header, in order ({} if none).
function HeadersMethods.getall(h, name)
  errors.check_self(h, Headers, "getall", "Headers", "headers")
  local values = h._by[lower(tostring(name))]
  local copy = {}
  for i = 1, values and #values or 0 do copy[i] = values[i] end
  return copy
end

-- headers:items() -> a list of {name, value} as they came.
function HeadersMethods.items(h)
  errors.check_self(h, Headers, "items", "Headers", "headers")
  local copy = {}
  for i, it in ipairs(h._items) do copy[i] = { it[1], it[2] } end
  return copy
end

Headers.__pairs = function(h)
  local i = 0
  return function()
    i = i + 1
    local it = h._items[i]
    if it then return it[1], it[2] end
  end, h, nil
end

Headers.__len = function(h) return #h._items end

Headers.__tostring = function(h)
  local parts = {}
  for i, it in ipairs(h._items) do parts[i] = format("'%s': '%s'", it[1], it[2]) end
  return "<Headers(" .. concat(parts, ", ") .. ")>"
end

local function parse_headers(head)
  local h = setmetatable({ _items = {}, _by = {} }, Headers)
  for line in gmatch(head, "[^\r\n]+") do
    local name, value = match(line, "^([^:%s][^:]*):%s*(.-)%s*$")
    if name then
      h._items[#h._items + 1] = { name, value }
      local key = lower(name)
      local list = h._by[key]
      if list then list[#list + 1] = value else h._by[key] = { value } end
    end
  end
  return h
end

---------------------------------------------------------------------------
-- Response

local Response = { __name = "ClientResponse" }
Response.__index = Response

local function check_response(r, fname)
  if getmetatable(r) ~= Response then
    errors.arg_error(1, fname, "ClientResponse expected; call it as response:" .. fname .. "(...)")
  end
end

-- Up to n bytes of the body (n nil: the rest), waiting for some; "" at its end.
local function read_some(r, n)
  local t = r._t
  if not t then
    -- (aiohttp's, for a body read after the response was closed)
    if r._closed then error(ClientConnectionError("Connection closed"), 0) end
    return ""
  end
  local rec = live[t]
  while true do
    local s = core.http_take(t, n)
    if s ~= "" then return s end
    if not rec or check_end(t, r.url) then
      r._t = nil
      return ""
    end
    local ok, e = pcall(wait_news, t, rec)
    if not ok then
      -- Cancelled, timed out or its session closed: the transfer stopped
      -- (its buffers freed), the response is closed. A later read raises
      -- (the rest of the body will not come), as after r:close().
      r._t, r._closed, r._guard.t = nil, true, nil
      error(e, 0)
    end
  end
end

local function read_all(r)
  local parts = {}
  while true do
    local s = read_some(r, nil)
    if s == "" then break end
    parts[#parts + 1] = s
  end
  return concat(parts)
end

local function body(r)
  if r._body == nil then r._body = read_all(r) end
  return r._body
end

-- read() is aiohttp's ClientResponse.read(): the rest of the body, kept, so
-- read(), text() and json() after it give it again. read(n) is aiohttp's
-- r.content.read(n), the stream: once the body is kept the stream is at its
-- end, so it gives "" (and leaves the kept body whole).
local read_coro = require("luasync.waiters").coro_maker(function(r, n)
  if n == nil then return body(r) end
  -- (read(0) is "" at once, as aiohttp's StreamReader.read(0): read_some
  -- would wait for the end of the body, 0 bytes at a time, and drop it)
  if r._body ~= nil or n == 0 then return "" end
  return read_some(r, n)
end, "ClientResponse.read")

local text_coro = require("luasync.waiters").coro_maker(body, "ClientResponse.text")

-- lua-cjson gives every number as a float: a JSON integer becomes a Lua
-- integer again (so {"id": 7} reads 7, not 7.0), as Python's json does.
local function integers(v)
  if type(v) == "table" then
    for k, x in next, v do
      if type(x) == "number" then
        local i = tointeger(x)
        if i then v[k] = i end
      elseif type(x) == "table" then
        integers(x)
      end
    end
  elseif type(v) == "number" then
    return tointeger(v) or v
  end
  return v
end

local json_coro = require("luasync.waiters").coro_maker(function(r)
  local b = body(r)
  local ok, v = pcall(cjson.decode, b)
  if not ok then
    error(errors.ValueError("the response is not JSON: " .. gsub(tostring(v), "^.-: ", "")), 0)
  end
  return integers(v)
end, "ClientResponse.json")

-- await(r:read([n])): up to n bytes of the body as they come ("" at its
-- end); without n, the rest of it, kept as text() keeps it.
function Response:read(n)
  check_response(self, "read")
  if n ~= nil then
    n = errors.check_integer(1, "read", n, true, "non-negative integer")
    if n < 0 then errors.bad_argument(1, "read", "non-negative integer", n, true) end
  end
  return read_coro(self, n)
end

-- await(r:text()): the whole body (kept: text() and json() may be called again).
function Response:text()
  check_response(self, "text")
  return text_coro(self)
end

-- await(r:json()): the body decoded as JSON (null is asyncio.http.null).
function Response:json()
  check_response(self, "json")
  return json_coro(self)
end

-- for chunk in r:iter_chunks() do: the body as it comes, inside a task.
function Response:iter_chunks(size)
  check_response(self, "iter_chunks")
  if size ~= nil then
    size = errors.check_integer(1, "iter_chunks", size, true, "positive integer")
    if size <= 0 then errors.bad_argument(1, "iter_chunks", "positive integer", size, true) end
  end
  return function()
    local s = await(read_coro(self, size or 65536))
    if s == "" then return nil end
    return s
  end
end

-- r:raise_for_status(): ClientResponseError for a status of 400 or more.
function Response:raise_for_status()
  check_response(self, "raise_for_status")
  if self.status >= 400 then
    local e = ClientResponseError(format("%d, message=%s, url=%s", self.status, errors.repr_string(self.reason),
      errors.repr_string(self.url)))
    e.status, e.reason, e.url = self.status, self.reason, self.url
    error(e, 2)
  end
  return self
end

-- r:close(): drops what is left of the body (the connection is closed if
-- the response was not read to its end).
function Response:close()
  check_response(self, "close")
  local t = self._t
  if t then
    self._t = nil
    self._closed = true
    self._guard.t = nil
    forget(t, live[t])
    core.http_stop(t)
  end
end

Response.__close = Response.close

-- A response nobody holds any more stops its transfer, as aiohttp's does
-- at its last reference. The finalizer is a guard's, which holds only the
-- transfer (and nothing once the response is closed): a finalized object
-- is kept one more collection with all it holds, and a response holds its
-- headers and its body (streams.lua's WriterGuard says why that matters).
local ResponseGuard = {
  __gc = function(g)
    local t = g.t
    if t then
      forget(t, live[t])
      core.http_stop(t)
    end
  end,
}
Response.__tostring = function(r)
  return format("<ClientResponse(%s) [%d %s]>", r.url, r.status, r.reason)
end

---------------------------------------------------------------------------
-- Requests

local function percent(c) return format("%%%02X", byte(c)) end

-- A field's value as aiohttp sends it: Python's str(), so a float is its
-- repr (0.30000000000000004, 1000000000000000.0), not Lua's 14 digits.
local function field_text(v)
  if math_type(v) == "float" then return float_repr(v) end
  return tostring(v)
end

local function plus_or_percent(c)
  if c == " " then return "+" end
  return percent(c)
end

-- A quote function: what `unsafe` matches is percent-encoded, a space as
-- "+". A form's names and values as aiohttp's urlencoded FormData (Python's
-- quote_plus: all but letters, digits and "_.-~"); a query's as yarl's
-- (aiohttp's params), which keeps "!$'()*," and "/?:@" too (not "&", "=",
-- "+", ";").
local function quoter(unsafe)
  return function(v) return (gsub(field_text(v), unsafe, plus_or_percent)) end
end
local form_quote = quoter("[^A-Za-z0-9_.~-]")
local query_quote = quoter("[^A-Za-z0-9_.~!$'()*,/?:@-]")

-- The order of a table's fields (a Lua table has none of its own): number
-- keys first, as numbers (a list {"a", "b"} is 1=a&2=b, and 10 comes after
-- 2), then the others by their text.
local function field_order(a, b)
  local na, nb = type(a) == "number", type(b) == "number"
  if na ~= nb then return na end
  if na then return a < b end
  return tostring(a) < tostring(b)
end

-- Whether fields is a list of {name, value} pairs, as aiohttp takes
-- [("a", 1), ("b", 2)] for data and params: a list (keys 1..n only, n >= 1)
-- of tables that each hold exactly two values, the first not a table. (So
-- {{"a", 1}} is a=1, not 1=a&1=1: a one-element list of a two-element list
-- is read as a pair.)
local function is_pair_list(fields)
  local n = #fields
  if n == 0 then return false end
  local count = 0
  for _, e in pairs(fields) do
    count = count + 1
    if type(e) ~= "table" or e[1] == nil or type(e[1]) == "table" or e[2] == nil then return false end
    local keys = 0
    for _ in pairs(e) do keys = keys + 1 end
    if keys ~= 2 then return false end
  end
  return count == n
end

-- A table of fields as a query string or a form body (each quoted with
-- quote): a list of pairs in its own order, names repeating as they come;
-- else keys in field_order. A list value repeats its name.
local function encode_fields(fields, quote)
  local parts = {}
  local function add(k, v)
    if type(v) == "table" then
      for _, item in ipairs(v) do parts[#parts + 1] = quote(k) .. "=" .. quote(item) end
    else
      parts[#parts + 1] = quote(k) .. "=" .. quote(v)
    end
  end
  if is_pair_list(fields) then
    for _, e in ipairs(fields) do add(e[1], e[2]) end
    return concat(parts, "&")
  end
  local keys = {}
  for k in pairs(fields) do keys[#keys + 1] = k end
  sort(keys, field_order)
  for _, k in ipairs(keys) do add(k, fields[k]) end
  return concat(parts, "&")
end

local OPTIONS = { "headers", "params", "data", "json", "timeout", "follow_redirects", "max_redirects", "cafile",
  "verify" }
local SESSION_OPTIONS = { "base_url", "headers", "timeout", "limit", "cafile", "verify", "follow_redirects" }
local METHODS = { GET = true, POST = true, PUT = true, DELETE = true, HEAD = true, PATCH = true, OPTIONS = true }
local user_agent  -- "luasync/0.1.0 libcurl/7.88.1", made at the first request (it loads libcurl)

local function check_headers(h, n, fname)
  if h == nil then return end
  if type(h) ~= "table" then errors.bad_argument(n, fname, "table", h, true) end
  for k, v in pairs(h) do
    if type(k) ~= "string" or (type(v) ~= "string" and type(v) ~= "number") then
      errors.arg_error(n, fname, "headers must map names to strings")
    end
    if find(k, "[\r\n:]") or find(tostring(v), "[\r\n]") then
      errors.arg_error(n, fname, "a header name or value has a line break or a colon in it")
    end
  end
end

local function check_timeout(v, n, fname, what)
  if v ~= nil and (type(v) ~= "number" or v ~= v or v <= 0 or v == huge) then
    errors.arg_error(n, fname, (what or "field 'timeout'") .. " must be a positive number of seconds")
  end
end

-- A table of fields maps names to strings or numbers, or to lists of them
-- (the name repeats), as yarl takes str, int and float for params (a
-- boolean, NaN or an infinity it refuses, and a name that is not a str);
-- data, a form, takes booleans too, and numbers and booleans as names
-- (aiohttp sends any name or value as its str(): {[1] = "x"} is 1=x, as
-- {1: "x"}; true is "true" here).
local function check_fields(fields, n, fname, what)
  if type(fields) ~= "table" then return end
  local booleans = what == "data"
  local function scalar(v)
    local tv = type(v)
    if tv == "number" then return booleans or (v == v and v ~= huge and v ~= -huge) end
    return tv == "string" or (booleans and tv == "boolean")
  end
  local function check(k, v)
    local name = type(k) == "string" or (booleans and scalar(k))
    local fine = name and scalar(v)
    if name and type(v) == "table" then
      fine = true
      for i, item in pairs(v) do
        if math_type(i) ~= "integer" or i < 1 or i > #v or not scalar(item) then fine = false end
      end
    end
    if not fine then
      errors.arg_error(n, fname, "field '" .. what .. "' must map names to " ..
        (booleans and "strings, numbers or booleans" or "strings or finite numbers") .. ", or to lists of them")
    end
  end
  if is_pair_list(fields) then
    for _, e in ipairs(fields) do check(e[1], e[2]) end
  else
    for k, v in pairs(fields) do check(k, v) end
  end
end

local function check_boolean(v, n, fname, what)
  if v ~= nil and type(v) ~= "boolean" then
    errors.arg_error(n, fname, "field '" .. what .. "' must be a boolean")
  end
end

-- Checks a request's options at the call (argument n of fname).
local function check_options(opts, n, fname)
  if opts == nil then return end
  if type(opts) ~= "table" then errors.bad_argument(n, fname, "table", opts, true) end
  errors.check_options(opts, n, fname, OPTIONS)
  check_headers(opts.headers, n, fname)
  if opts.params ~= nil and type(opts.params) ~= "table" then
    errors.arg_error(n, fname, "field 'params' must be a table")
  end
  check_fields(opts.params, n, fname, "params")
  if opts.data ~= nil and type(opts.data) ~= "string" and type(opts.data) ~= "table" then
    errors.arg_error(n, fname, "field 'data' must be a string or a table")
  end
  check_fields(opts.data, n, fname, "data")
  local m = opts.max_redirects
  if m ~= nil and (math_type(m) ~= "integer" or m < 0) then
    errors.arg_error(n, fname, "field 'max_redirects' must be a non-negative integer")
  end
  check_boolean(opts.follow_redirects, n, fname, "follow_redirects")
  check_boolean(opts.verify, n, fname, "verify")
  if opts.data ~= nil and opts.json ~= nil then
    errors.arg_error(n, fname, "data and json cannot be given together")
  end
  check_timeout(opts.timeout, n, fname)
  if opts.cafile ~= nil and type(opts.cafile) ~= "string" then
    errors.arg_error(n, fname, "field 'cafile' must be a file name")
  end
end

local function join_url(base, url)
  if base == nil or find(url, "^%a[%w+.-]*://") then return url end
  if sub(url, 1, 1) == "/" then
    local origin = match(base, "^(%a[%w+.-]*://[^/]*)")
    return (origin or base) .. url
  end
  return (gsub(base, "/*$", "")) .. "/" .. url
end

-- What each part of a URL keeps as it is, as yarl's quoters (and '%' for
-- the escapes already there): unreserved characters and sub-delimiters,
-- '/' ':' '@' in a path, also '?' in a query or a fragment.
local PATH_KEEPS = "[^A-Za-z0-9%-._~!$'()*,+&=;@:/%%]"
local QUERY_KEEPS = "[^A-Za-z0-9%-._~!$'()*,+&=;@:/?%%]"

-- s with every byte that its part of a URL may not hold percent-encoded
-- (a space is a '+' in a query), and each '%' that starts no valid escape
-- as "%25"; valid escapes stay as they are.
local function quote_part(s, keeps, space)
  s = gsub(s, "%%(%x?%x?)", function(hex)
    if #hex < 2 then return "%25" .. hex end
  end)
  return (gsub(s, keeps, function(c)
    if c == " " then return space end
    return percent(c)
  end))
end

-- url percent-encoded as yarl encodes a URL given as text (a space, a
-- letter beyond ASCII...), which curl would refuse; its scheme and host
-- stay as they are.
local function quote_url(url)
  local origin, rest = match(url, "^(%a[%w+.-]*://[^/?#]*)(.*)$")
  if not origin then return url end
  local path, query, hash, fragment = match(rest, "^([^?#]*)(%??[^#]*)(#?)(.*)$")
  return origin .. quote_part(path, PATH_KEEPS, "%20") .. quote_part(query, QUERY_KEEPS, "+") .. hash ..
    quote_part(fragment, QUERY_KEEPS, "%20")
end

-- url with the query string q added, as yarl's extend_query: after the
-- URL's own query (if any), before its #fragment.
local function add_query(url, q)
  if q == "" then return url end
  local hash = find(url, "#", 1, true)
  local before, fragment = url, ""
  if hash then before, fragment = sub(url, 1, hash - 1), sub(url, hash) end
  local mark = find(before, "?", 1, true)
  if not mark then return before .. "?" .. q .. fragment end
  if mark == #before then return before .. q .. fragment end
  return before .. "&" .. q .. fragment
end

-- The transfer options of a request of session s.
local function transfer_options(s, method, url, opts)
  opts = opts or {}
  url = join_url(s._base_url, url)
  if opts.params then url = add_query(url, encode_fields(opts.params, query_quote)) end
  url = quote_url(url)
  local names, headers = {}, {}
  local function add(k, v)
    local key = lower(k)
    if names[key] then headers[names[key]] = k .. ": " .. tostring(v) return end
    headers[#headers + 1] = k .. ": " .. tostring(v)
    names[key] = #headers
  end
  for k, v in pairs(s._headers or {}) do add(k, v) end
  local body = nil
  if opts.json ~= nil then
    local ok, encoded = pcall(cjson.encode, opts.json)
    if not ok then error(errors.TypeError("json: " .. gsub(tostring(encoded), "^.-: ", "")), 4) end
    body = encoded
    add("Content-Type", "application/json")
  elseif type(opts.data) == "table" then
    body = encode_fields(opts.data, form_quote)
    add("Content-Type", "application/x-www-form-urlencoded")
  elseif opts.data ~= nil then
    body = opts.data
    -- aiohttp's types for a str and a bytes body (curl would say a form)
    add("Content-Type", utf8_len(body) and "text/plain; charset=utf-8" or "application/octet-stream")
  end
  -- (the body's own type: a redirect that drops the body drops it too)
  local body_type = names["content-type"] and headers[names["content-type"]]
  for k, v in pairs(opts.headers or {}) do add(k, v) end
  -- No "Expect: 100-continue" wait before a large body: aiohttp sends at once.
  if body ~= nil and not names["expect"] then headers[#headers + 1] = "Expect:" end
  if body_type ~= headers[names["content-type"]] then body_type = nil end  -- (the user's own: kept)
  local follow = opts.follow_redirects
  if follow == nil then follow = s._follow end
  local verify = opts.verify
  if verify == nil then verify = s._verify end
  return {
    url = url, method = method, headers = headers, body = body, body_type = body_type,
    timeout = opts.timeout or s._timeout, follow = follow ~= false, max_redirects = opts.max_redirects or 10,
    cafile = opts.cafile or s._cafile, verify = verify ~= false, user_agent = user_agent,
  }
end

-- The statuses whose Location is followed, as aiohttp's.
local REDIRECTS = { [301] = true, [302] = true, [303] = true, [307] = true, [308] = true }

-- scheme://host:port of an absolute URL, lowercased (for a redirect that
-- leaves it).
local function origin_of(url)
  return lower(host_port(url)) .. " " .. lower(match(url, "^(%a[%w+.-]*):") or "")
end

-- One transfer of request o, its timeout ending at `deadline` (or none),
-- up to its response head: the response, and where it redirects to (nil
-- when it does not). `asked` is the URL the request was made for, which a
-- timeout names.
local function one_transfer(s, o, deadline, asked)
  -- (a redirect's next hop, after its Session closed)
  if s._closed then error(ClientConnectionError("Session is closed"), 0) end
  if deadline then o.timeout = math_max(deadline - sched.now(), 0.001) end
  local t = core.http_start(s._multi, o)
  local rec = { session = s, url = asked }
  live[t] = rec
  s._live = s._live + 1
  if deadline then rec.deadline = sched.call_at(deadline, on_deadline, rec) end
  while true do
    local status, reason, final_url, head, location = core.http_head(t)
    if not status and rec.head then status, reason, final_url, head, location = unpack(rec.head, 1, 5) end
    rec.head = nil
    if status then
      local r = setmetatable({
        -- url without the #fragment (never sent), as aiohttp's; real_url with it
        status = status, reason = reason, url = (gsub(final_url, "#.*", "", 1)), real_url = final_url,
        method = o.method, headers = parse_headers(head),
        ok = status < 400, _t = t, _guard = setmetatable({ t = t }, ResponseGuard),
      }, Response)
      if o.method == "HEAD" then
        r:close()
        r._body = ""  -- a HEAD response has no body to read
      end
      return r, location
    end
    if check_end(t, asked) then
      -- Ended without a head (a transfer curl finished without one).
      error(ServerDisconnectedError("Server disconnected without a response"), 0)
    end
    wait_news(t, rec)
  end
end

-- Redirects are followed here, not by curl, to change the method as
-- aiohttp does: a 303 (but for a HEAD) and a POST's 301 or 302 go on as a
-- GET without the body; the others keep the method and the body (curl
-- keeps a custom method, PUT, DELETE..., even on a 303, and drops its body
-- on a 301 or 302). A redirect to another origin drops the Authorization
-- header, as aiohttp's does. The timeout counts over the whole chain.
local function do_request(s, method, url, opts)
  if s._closed then error(errors.RuntimeError("Session is closed"), 0) end  -- (aiohttp's words, at the call)
  local o = transfer_options(s, method, url, opts)
  if not find(o.url, "^%a[%w+.-]*://") then
    -- (curl would guess http:// and take the first word for a host name)
    error(errors.ValueError("invalid URL " .. errors.repr_string(o.url) .. ": it has no scheme (http:// or " ..
      "https://)"), 0)
  end
  local follow, max = o.follow, o.max_redirects
  -- A request beyond the session's limit waits for a connection that
  -- another gives back, and a response dropped unread gives its back only
  -- when collected (aiohttp's goes at its last reference): a collection
  -- comes first.
  if s._limit > 0 and s._live >= s._limit then sched.collect_soon() end
  local asked = o.url
  local deadline = o.timeout and sched.now() + o.timeout
  local redirects = 0
  -- The redirect responses followed, earliest first: the final response's
  -- history, as aiohttp's resp.history (each closed, with a history of its
  -- own that is empty).
  local history = {}
  while true do
    local r, location = one_transfer(s, o, deadline, asked)
    r.history = {}
    if follow and not location and REDIRECTS[r.status] and r._t and r.headers["Location"] then
      -- curl says where a redirect leads once its transfer is done: a 3xx
      -- with a body (most servers send a page) is read to its end first
      -- (dropped as it comes), then asked again.
      local t = r._t
      while r._t and read_some(r, nil) ~= "" do end
      location = select(5, core.http_head(t))
    end
    if not (follow and location and REDIRECTS[r.status]) then
      r.history = history
      return r
    end
    history[#history + 1] = r
    if redirects >= max then
      r:close()
      r._closed, r._body = true, nil  -- (read to its end, or a HEAD's: reading it raises too)
      local e = TooManyRedirects(format("Maximum (%d) redirects followed: %s", max, asked))
      e.url, e.history = asked, history
      error(e, 0)
    end
    redirects = redirects + 1
    -- Its body read to its end (and dropped as it comes), its connection
    -- serves the next hop. It stays in the history closed: reading its body
    -- raises ClientConnectionError, as aiohttp's.
    while r._t and read_some(r, nil) ~= "" do end
    r._guard.t = nil
    r._closed, r._body = true, nil
    local status = r.status
    if (status == 303 and o.method ~= "HEAD") or ((status == 301 or status == 302) and o.method == "POST") then
      o.method, o.body = "GET", nil
      local kept = {}
      for _, h in ipairs(o.headers) do
        if h ~= o.body_type and h ~= "Expect:" then kept[#kept + 1] = h end
      end
      o.headers = kept
    end
    location = quote_url(location)
    if origin_of(location) ~= origin_of(o.url) then
      local kept = {}
      for _, h in ipairs(o.headers) do
        if not find(lower(h), "^authorization:") then kept[#kept + 1] = h end
      end
      o.headers = kept
    end
    o.url = location
  end
end

-- The options and their body (a large upload's string) live only as long
-- as the request runs, though its coroutine object may live on (a task's
-- get_coro()): the object lets go of its arguments when it starts, and the
-- tail call leaves the list to nothing.
local request_coro = require("luasync.waiters").coro_maker(function(s, args)
  return do_request(s, args[1], args[2], args[3])
end, "request")

---------------------------------------------------------------------------
-- Session

local Session = { __name = "ClientSession" }
Session.__index = Session

local function new_session(opts, fname)
  if opts ~= nil and type(opts) ~= "table" then errors.bad_argument(1, fname, "table", opts, true) end
  opts = opts or {}
  errors.check_options(opts, 1, fname, SESSION_OPTIONS)
  if opts.base_url ~= nil and type(opts.base_url) ~= "string" then
    errors.arg_error(1, fname, "field 'base_url' must be a string")
  end
  check_headers(opts.headers, 1, fname)
  check_timeout(opts.timeout, 1, fname)
  check_boolean(opts.follow_redirects, 1, fname, "follow_redirects")
  check_boolean(opts.verify, 1, fname, "verify")
  if opts.cafile ~= nil and type(opts.cafile) ~= "string" then
    errors.arg_error(1, fname, "field 'cafile' must be a file name")
  end
  local limit = opts.limit
  if limit ~= nil and (math_type(limit) ~= "integer" or limit < 0) then
    errors.arg_error(1, fname, "field 'limit' must be a non-negative integer (0: no limit)")
  end
  user_agent = user_agent or ("luasync/" .. (core.versions()) .. " " .. core.http_curl_version())
  local s = setmetatable({
    _base_url = opts.base_url, _headers = opts.headers, _timeout = opts.timeout, _cafile = opts.cafile,
    _verify = opts.verify, _follow = opts.follow_redirects,
    _limit = limit or 100, _live = 0, -- (its transfers in `live`)
  }, Session)
  s._multi = core.http_multi(s._limit)
  return s
end

function M.Session(opts) return new_session(opts, "Session") end

local function check_session(s, fname)
  if getmetatable(s) ~= Session then
    errors.arg_error(1, fname, "Session expected; call it as session:" .. fname .. "(...)")
  end
end

local function check_url(url, n, fname)
  if type(url) ~= "string" then errors.bad_argument(n, fname, "string", url, true) end
  if not find(url, "^%a[%w+.-]*://") and not find(url, "^/") and url == "" then
    errors.arg_error(n, fname, "empty URL")
  end
end

-- session:request(method, url[, opts]) -> coroutine object giving a ClientResponse
function Session.request(s, method, url, opts)
  check_session(s, "request")
  if type(method) ~= "string" or not METHODS[upper(method)] then
    errors.arg_error(1, "request", "method must be one of GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS")
  end
  check_url(url, 2, "request")
  check_options(opts, 3, "request")
  return request_coro(s, { upper(method), url, opts })
end

for _, m in ipairs({ "get", "post", "put", "delete", "head", "patch" }) do
  local method = upper(m)
  Session[m] = function(s, url, opts)
    check_session(s, m)
    check_url(url, 1, m)
    check_options(opts, 2, m)
    return request_coro(s, { method, url, opts })
  end
end

local function session_closed() return ClientConnectionError("Session is closed") end

-- session:close(): no more requests; those under way fail
-- (ClientConnectionError: Session is closed), and its connections close at
-- once, the idle (keep-alive) ones too, as aiohttp's close closes its
-- connector's: not when the session is collected. A response's body that
-- had come but was not read yet is still read, as aiohttp's: a finished
-- one whole, an unfinished one up to what came (read(n), iter_chunks),
-- then the read raises. Closing again does nothing.
function Session:close()
  check_session(self, "close")
  if self._closed then return end
  self._closed = true
  for t, rec in pairs(live) do
    if rec.session == self then
      -- (news delivered before the close is taken first: wait_news; the
      -- stop frees the head of an unfinished transfer, so it is kept here)
      if rec.heard then rec.news_first, rec.head = true, pack(core.http_head(t)) end
      core.http_stop(t, true)
      fail_from_outside(rec, session_closed)
    end
  end
  core.http_close(self._multi)
end
Session.__close = Session.close
Session.__tostring = function(s)
  return "<ClientSession" .. (s._base_url and (" " .. s._base_url) or "") .. (s._closed and " closed" or "") .. ">"
end

-- The module's own functions go through one shared session.
local shared
local function shared_session()
  if not shared then shared = new_session(nil, "Session") end
  return shared
end

for _, m in ipairs({ "get", "post", "put", "delete", "head", "patch" }) do
  local method = upper(m)
  M[m] = function(url, opts)
    check_url(url, 1, m)
    check_options(opts, 2, m)
    return request_coro(shared_session(), { method, url, opts })
  end
end

function M.request(method, url, opts)
  if type(method) ~= "string" or not METHODS[upper(method)] then
    errors.arg_error(1, "request", "method must be one of GET, POST, PUT, DELETE, HEAD, PATCH, OPTIONS")
  end
  check_url(url, 2, "request")
  check_options(opts, 3, "request")
  return request_coro(shared_session(), { upper(method), url, opts })
end

M.Response = Response
M.Headers = Headers
-- JSON's null, as r:json() gives it and the json option takes it.
M.null = cjson.null

-- (asyncio.iscoroutinefunction)
task.mark_async(M, "get", "post", "put", "delete", "head", "patch", "request")
task.mark_async(Session, "get", "post", "put", "delete", "head", "patch", "request")
task.mark_async(Response, "read", "text", "json")

return M
