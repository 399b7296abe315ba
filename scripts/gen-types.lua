-- Writes the type definitions for lua-language-server (types/*.lua, ---@meta
-- files) from what the runtime documents: help()'s entries (their signatures
-- and texts become the parameters and hovers), the error classes' parents
-- and the names of asyncio.http, asyncio.fs and asyncio.subprocess as the
-- runtime has them. tests/lua/docs/editor_types.lua checks that the files
-- are what this writes and that they name exactly the runtime's public names.
--   build/luasync scripts/gen-types.lua [folder]   (default: types/ beside scripts/)
local dir = arg[1] or ((arg[0]:match("^(.*)/scripts/[^/]*$") or ".") .. "/types")
local entries = require "luasync.help_module"
local methods = require "luasync.help_methods"
local errors = require "luasync.errors"

local out
local function w(...) out[#out + 1] = table.concat({ ... }) end

-- The hover text of an entry: its paragraph, wrapped, then its Python twin.
local function doc(e)
  local lines, line = {}, ""
  for word in e.text:gmatch("%S+") do
    if #line + #word + 1 > 96 then
      lines[#lines + 1] = line
      line = word
    else
      line = line == "" and word or (line .. " " .. word)
    end
  end
  if line ~= "" then lines[#lines + 1] = line end
  for _, l in ipairs(lines) do w("--- ", l) end
  if e.python then
    w("---")
    w("--- Python: `", e.python, "`")
  end
end

-- A parameter's type, from its name (the signatures name them consistently).
local NUMBER = { delay = 1, timeout = 1, when = 1, seconds = 1, delay_or_nil = 1 }
local INTEGER = { n = 1, maxsize = 1, value = 1, parties = 1, limit = 1, max_workers = 1, fd = 1,
  errno = 1, consumed = 1, expected = 1, pid = 1, offset = 1, size = 1, code = 1 }
local STRING = { name = 1, host = 1, path = 1, program = 1, cmd = 1, mode = 1, sep = 1, separator = 1, data = 1,
  message = 1, strerror = 1, filename = 1, msg = 1, partial = 1, src = 1, dst = 1, input = 1, s = 1, url = 1 }
local FUNCTION = { fn = 1, cb = 1, callback = 1, client_connected_cb = 1, func = 1 }
local function param_type(name)
  if NUMBER[name] then return "number" end
  if INTEGER[name] then return "integer" end
  if STRING[name] then return "string" end
  if FUNCTION[name] then return "function" end
  if name == "on" or name == "wait" or name == "cancel_futures" then return "boolean" end
  if name == "sig" then return "string|integer" end
  if name == "port" then return "integer|string" end  -- a service name ("http") too, as getaddrinfo takes it
  if name == "aws" or name == "list" or name == "lines" or name == "opts" then return "table" end
  if name == "lock" then return "asyncio.Lock" end
  if name == "executor" then return "asyncio.ThreadPoolExecutor?" end
  return "any"
end

-- The parameters of a signature "f(a, b[, {opts}])": {name, type, optional}.
local function params_of(sig)
  local inner = sig:match("%b()")
  if not inner then return nil end
  inner = inner:sub(2, -2)
  local ps, optional, depth, cur = {}, false, 0, ""
  local function flush()
    local p = cur:gsub("^%s+", ""):gsub("%s+$", "")
    cur = ""
    if p == "" then return end
    local opt = optional
    if p:sub(1, 1) == "[" then
      opt, optional, p = true, true, p:sub(2)
    end
    p = p:gsub("%]+$", "")
    if p:sub(1, 1) == "{" then
      ps[#ps + 1] = { "opts", "table", true }
    elseif p:match("^%.%.%.") then
      ps[#ps + 1] = { "...", "any", true }
    else
      local name = p:match("^([%a_][%w_]*)")
      if name then
        if name == "executor" then opt = true end
        -- "limit | {limit=}": the value, or the options table that holds it
        local t = param_type(name)
        if t ~= "any" and p:find("|", 1, true) and p:find("{", 1, true) then t = t .. "|table" end
        ps[#ps + 1] = { name, t, opt }
      end
    end
  end
  for ch in inner:gmatch(".") do
    if ch == "{" or ch == "(" then depth = depth + 1 elseif ch == "}" or ch == ")" then depth = depth - 1 end
    if ch == "[" and depth == 0 then
      flush()
      optional = true
    elseif ch == "," and depth == 0 then
      flush()
    else
      cur = cur .. ch
    end
  end
  flush()
  -- unique names (the same name twice: aw1, aw2 ... become one vararg)
  -- unique names (aw1, aw2, ... become one vararg), and nothing after a
  -- vararg (an options table there is one of its values)
  local seen, uniq = {}, {}
  for _, p in ipairs(ps) do
    if p[1]:match("^aw%d$") then p = { "...", "any", true } end
    if not seen[p[1]] then
      seen[p[1]] = true
      uniq[#uniq + 1] = p
    end
    if p[1] == "..." then break end
  end
  return uniq
end

-- What a signature's "-> X" says, as a type.
local CLASS_RESULTS = { "Task", "Future", "Lock", "Event", "Condition", "Semaphore", "BoundedSemaphore", "Barrier",
  "Queue", "PriorityQueue", "LifoQueue", "StreamReader", "StreamWriter", "Server", "Process", "File", "Handle",
  "TimerHandle", "ThreadPoolExecutor" }
local function return_type(sig)
  local r = sig:match("%->%s*(.-)%s*$")
  if not r then return nil end
  if r:match("^coroutine object") or r:match("^async") then return "asyncio.Coroutine" end
  if r == "boolean" or r == "true" or r == "false" then return "boolean" end
  if r == "seconds" or r:match("^number") then return "number" end
  if r == "nil" or r == "nothing" then return nil end
  if r == "loop" then return "asyncio.EventLoop" end
  if r:match("^task group") then return "asyncio.TaskGroup" end
  if r:match("^timeout scope") then return "asyncio.Timeout" end
  if r == "future" then return "asyncio.Future" end
  if r == "iterator" then return "fun(): asyncio.Coroutine" end
  if r:match("^Task or nil") then return "asyncio.Task?" end
  if r:match("^list of Tasks") then return "asyncio.Task[]" end
  if r == "error class" then return "asyncio.ErrorClass" end
  if r:match("^Task or Future") then return "asyncio.Future" end
  if r:match("^Future") then return "asyncio.Future" end
  for _, c in ipairs(CLASS_RESULTS) do
    if r == c then return "asyncio." .. (c == "TimerHandle" and "Handle" or c) end
  end
  for name in pairs(errors) do
    if r:match("^" .. name .. "%f[^%w]") then return "asyncio.Error" end
  end
  return "any"
end

-- A function: its hover, parameters, result, and the stub line.
local function func(e, lhs, sep)
  doc(e)
  w("---")
  w("--- `", e.sig, "`")
  local ps = params_of(e.sig) or {}
  local names = {}
  for _, p in ipairs(ps) do
    if p[1] == "..." then
      w("---@param ... any")
    else
      w("---@param ", p[1], p[3] and "?" or "", " ", p[2])
    end
    names[#names + 1] = p[1]
  end
  local r = return_type(e.sig)
  if r then w("---@return ", r == "any" and "any ..." or r) end
  w("function ", lhs, sep or ".", e.key, "(", table.concat(names, ", "), ") end")
  w("")
end

local function header(name, what)
  out = {}
  w("---@meta", name and (" " .. name) or "")
  w("-- ", what, " Written by scripts/gen-types.lua from the runtime's help(): do not edit.")
  w("")
end

local function write(file)
  local f = assert(io.open(dir .. "/" .. file, "w"))
  f:write(table.concat(out, "\n"), "\n")
  f:close()
end

local by_name = {}
for _, e in ipairs(entries) do by_name[e.name] = e end

---------------------------------------------------------------------------
-- globals.lua: async, await, time
header(nil, "The globals of luasync: async, await and the time module.")
doc(by_name.async)
w("---@param fn fun(...): ...")
w("---@return fun(...): asyncio.Coroutine")
w("function async(fn) end")
w("")
doc(by_name.await)
w("---@param aw any a coroutine object, a Task or a Future")
w("---@return any ...")
w("function await(aw) end")
w("")
w("--- Clocks and blocking sleep, as Python's time module (time.sleep blocks the whole loop: use")
w("--- await(asyncio.sleep(s)) in a task).")
w("time = {}")
local TIME = {
  { "time", "number", "Seconds since the epoch (wall clock)." },
  { "monotonic", "number", "Seconds of a clock that never goes back." },
  { "perf_counter", "number", "Seconds of the highest-resolution clock." },
  { "time_ns", "integer", "Nanoseconds since the epoch." },
  { "monotonic_ns", "integer", "time.monotonic in nanoseconds." },
  { "perf_counter_ns", "integer", "time.perf_counter in nanoseconds." },
}
for _, t in ipairs(TIME) do
  w("--- ", t[3])
  w("---@return ", t[2])
  w("function time.", t[1], "() end")
end
w("--- Blocks the whole program (every task) for s seconds, as Python's time.sleep.")
w("---@param s number")
w("function time.sleep(s) end")
write("globals.lua")

---------------------------------------------------------------------------
-- asyncio.lua: the module, its error classes and its sub-modules
header("asyncio", "The asyncio module of luasync (a global; require \"asyncio\" gives it too).")
w("---@class asyncio.Coroutine a coroutine object: await it, or wrap it in a task")
w("")
w("---@class asyncio.Error an error object of asyncio's classes (tostring gives \"Name: message\")")
w("---@field message string")
w("---@field errno integer? OSError and its subclasses: the error number")
w("---@field code string? OSError and its subclasses: the system's name, as \"ECONNREFUSED\"")
w("---@field partial string? IncompleteReadError")
w("---@field expected integer? IncompleteReadError")
w("---@field consumed integer? LimitOverrunError")
w("---@field exceptions table? ExceptionGroup")
w("---@field name string? AttributeError: the name that was read")
w("---@field obj any AttributeError: what it was read from")
w("")
w("---@class asyncio.ErrorClass an error class: call it to make an error, Class:is(e) to test one")
w("---@overload fun(...): asyncio.Error")
w("local ErrorClass = {}")
for _, e in ipairs(methods) do
  local c, k = e.name:match("^(%w+)%.([%w_]+)$")
  if c == "BaseException" then
    e.key = k
    func(e, "ErrorClass", ":")
  end
end
w("asyncio = {}")
w("")
local module_names = {}
for k in pairs(asyncio) do module_names[#module_names + 1] = k end
table.sort(module_names)
local aliases = {}
for _, e in ipairs(entries) do
  for _, a in ipairs(e.aliases or {}) do aliases[a] = e end
end
for _, k in ipairs(module_names) do
  local v = asyncio[k]
  local e = by_name[k] or aliases[k]
  if getmetatable(v) and rawget(getmetatable(v), "__call") and errors[k] then
    doc(e)
    w("---")
    w("--- `", e.sig, "`")
    w("---@type asyncio.ErrorClass")
    w("asyncio.", k, " = nil")
    w("")
  elseif type(v) == "string" then
    doc(e)
    w("---@type string")
    w("asyncio.", k, " = ", string.format("%q", v))
    w("")
  elseif k == "Task" then
    doc(e)
    w("---@type asyncio.Task")
    w("asyncio.Task = nil")
    w("")
  elseif type(v) == "function" then
    e = setmetatable({ key = k }, { __index = e })
    func(e, "asyncio")
  elseif k == "fs" or k == "subprocess" or k == "http" then
    doc(e)
    w("asyncio.", k, " = {}")
    w("")
  end
end
-- The sub-modules' names: help() has one entry for each module; their
-- functions are documented in docs/io.md and docs/http.md.
local fs_names = {}
for k in pairs(asyncio.fs) do fs_names[#fs_names + 1] = k end
table.sort(fs_names)
for _, k in ipairs(fs_names) do
  w("--- asyncio.fs.", k, ": as Python's os.", k, " (aiofiles.os), awaited (docs/io.md)")
  w("---@return asyncio.Coroutine")
  w("function asyncio.fs.", k, "(...) end")
end
for _, k in ipairs { "DEVNULL", "PIPE", "STDOUT" } do
  w("--- asyncio.subprocess.", k, ", as Python's")
  w("asyncio.subprocess.", k, " = ", string.format("%q", asyncio.subprocess[k]))
end
local http = asyncio.http
local _ = http.get -- loads it
local http_names = {}
for k in pairs(http) do http_names[#http_names + 1] = k end
table.sort(http_names)
for _, k in ipairs(http_names) do
  local v = http[k]
  if type(v) == "function" and k ~= "Session" then
    w("--- asyncio.http.", k, "(url[, opts]): an HTTP ", k == "request" and "request (method, url[, opts])" or
      k:upper() .. " request, as aiohttp's (docs/http.md)")
    w("---@return asyncio.Coroutine")
    w("function asyncio.http.", k, "(...) end")
  elseif k == "Session" then
    w("--- asyncio.http.Session{base_url=, headers=, timeout=, limit=}: aiohttp's ClientSession (docs/http.md)")
    w("---@param opts table?")
    w("---@return asyncio.http.Session")
    w("function asyncio.http.Session(opts) end")
  elseif k == "null" then
    w("--- asyncio.http.null: JSON's null (lua-cjson's)")
    w("asyncio.http.null = nil")
  else
    w("--- asyncio.http.", k, ": aiohttp's ", k, " (docs/http.md)")
    w("---@type ", k == "Response" and "asyncio.http.Response" or k == "Headers" and "table" or "asyncio.ErrorClass")
    w("asyncio.http.", k, " = nil")
  end
end
-- The classes of the HTTP client, by the runtime's method names.
local http_classes = { { "Session", getmetatable(http.Session()) }, { "Response", http.Response } }
for _, c in ipairs(http_classes) do
  local cname, cls = c[1], c[2]
  w("")
  w("---@class asyncio.http.", cname, " aiohttp's Client", cname, " (docs/http.md)")
  w("local Http", cname, " = {}")
  local names = {}
  for k, v in pairs(cls) do
    if type(k) == "string" and type(v) == "function" and not k:match("^_") then names[#names + 1] = k end
  end
  table.sort(names)
  for _, k in ipairs(names) do
    w("--- ", cname, ":", k, ", as aiohttp's (docs/http.md)")
    w("function Http", cname, ":", k, "(...) end")
  end
end
w("")
w("return asyncio")
write("asyncio.lua")

---------------------------------------------------------------------------
-- classes.lua: the methods of asyncio's classes
header(nil, "The classes of luasync's asyncio and their methods.")
local CLASS = { loop = "EventLoop" }
local PARENT = { Task = "Future", PriorityQueue = "Queue", LifoQueue = "Queue", BoundedSemaphore = "Semaphore" }
-- The fields a class's objects carry, beside their methods.
local FIELDS = { StreamWriter = { "transport asyncio.Transport the connection's transport (w.transport:abort())" } }
local order, by_class = {}, {}
for _, e in ipairs(methods) do
  local c, k = e.name:match("^(%w+)%.([%w_]+)$")
  if c and c ~= "BaseException" then
    if not by_class[c] then
      by_class[c] = {}
      order[#order + 1] = c
    end
    local list = by_class[c]
    list[#list + 1] = setmetatable({ key = k }, { __index = e })
  end
end
for _, extra in ipairs { "PriorityQueue", "LifoQueue" } do
  if not by_class[extra] then
    by_class[extra] = {}
    order[#order + 1] = extra
  end
end
for _, c in ipairs(order) do
  local cname = CLASS[c] or c
  local parent = PARENT[c]
  w("---@class asyncio.", cname, parent and (" : asyncio." .. parent) or "")
  for _, f in ipairs(FIELDS[c] or {}) do w("---@field ", f) end
  w("local ", cname, " = {}")
  w("")
  for _, e in ipairs(by_class[c]) do func(e, cname, ":") end
end
write("classes.lua")
