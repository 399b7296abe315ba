-- Tracebacks without runtime-internal frames, Python-style reprs of values,
-- and the reports printed on stderr (unretrieved errors, warnings).
local errors = require "luasync.errors"

local std = require("luasync.std")
local M = std.new_table(0, 16)  -- its 14 functions (std.new_table)

local getinfo, getlocal, getupvalue = debug.getinfo, debug.getlocal, debug.getupvalue
local G, next, rawequal, rawget, rawlen, type, tostring, pcall = _G, next, rawequal, rawget, rawlen, type, tostring, pcall
local getmetatable = std.class_of  -- (a __metatable field hides nothing from a report)
local concat = table.concat
local gmatch, gsub, match, sub, sformat = string.gmatch, string.gsub, string.match, string.sub, string.format

-- The registries of functions named and of the runtime's own (std.lua).
M.fn_names = std.fn_names
M.runtime_fns = std.runtime_fns

-- Frames from `level` down the stack of `co` (or the running coroutine),
-- at most `max` of them (all when nil), innermost first, as lines
-- "\tsrc:line: in what", skipping frames of the runtime itself (chunks named
-- "=luasync:...") and C functions; a deep stack's middle is cut. In C
-- (lua/frames.cpp): every task that ends by an error -- each one cancelled
-- too -- has its frames taken, and a debug.getinfo table per level made that
-- most of what a cancellation cost.
local c_frames = require("luasync.frames").frames
function M.frames(co, level, max)
  -- Not a tail call: for the running coroutine, the C function counts
  -- levels from this frame, as getinfo called here would.
  local text = c_frames(co, co and level or level + 1, max, M.fn_names)
  return text
end

-- The innermost frame of the user's code that called into the runtime
-- (where a TaskGroup or a timeout was made): "src:line", and that frame as
-- a traceback line (the format of frames()); nil when there is none.
local function user_level()
  local level = 3  -- the caller of user_where/user_frame
  while true do
    local info = getinfo(level, "S")
    if not info then return nil end
    if info.what ~= "C" and sub(info.source, 1, 9) ~= "=luasync:" then return level - 1 end
    level = level + 1
  end
end

function M.user_where()
  local level = user_level()
  if not level then return nil end
  local info = getinfo(level, "Sl")
  return info.short_src .. ":" .. (info.currentline or "?")
end

local c_user_frame = require("luasync.frames").user_frame
function M.user_frame()
  local line = c_user_frame(M.fn_names)  -- not a tail call: the levels count this frame
  return line
end

-- The name `fn` goes by in the user's code that called into the runtime
-- (`work` in asyncio.spawn(work, 1)): a local of that frame, one of its
-- function's upvalues, or a global; nil if none holds it. Coroutine objects
-- are named by the function's name, as CPython names them by __name__.
function M.name_in_caller(fn)
  local level = 2
  while true do
    local info = getinfo(level, "Sf")
    if not info then return nil end
    if info.what ~= "C" and sub(info.source, 1, 9) ~= "=luasync:" then
      for i = 1, 255 do
        local name, v = getlocal(level, i)
        if name == nil then break end
        if rawequal(v, fn) and sub(name, 1, 1) ~= "(" then return name end
      end
      for i = 1, 255 do
        local name, v = getupvalue(info.func, i)
        if name == nil then break end
        if rawequal(v, fn) then return name end
      end
      for k, v in next, G do
        if rawequal(v, fn) and type(k) == "string" then return k end
      end
      return nil
    end
    level = level + 1
  end
end

-- Source lines, as Python's linecache keeps them: a script's (a regular
-- file, read when first asked for, its first MiB: not a directory, nor a
-- FIFO that would block the loop) by its chunk source "@path", and the
-- REPL's inputs ("=stdin#3"), kept for the session as CPython's REPL keeps
-- them. What is read is what the file holds then: an edit after the script
-- loaded shows, as in CPython's tracebacks.
local regular_file = require("luasync.std_c").regular_file
local MAX_SOURCE = 1 << 20
local files, file_count = {}, 0  -- path -> lines, or false when unreadable
local inputs = {}

local function split_lines(text)
  local lines = {}
  for l in gmatch(text .. "\n", "(.-)\r?\n") do lines[#lines + 1] = l end
  return lines
end

function M.add_source(chunkname, text) inputs[chunkname] = split_lines(text) end

-- The lines of the chunk whose source (debug.getinfo's) is `source`, or nil.
function M.source_lines(source)
  if inputs[source] then return inputs[source] end
  if type(source) ~= "string" or sub(source, 1, 1) ~= "@" then return nil end
  local path = sub(source, 2)
  local lines = files[path]
  if lines ~= nil then return lines or nil end
  lines = false
  if regular_file(path) then
    local f = io.open(path, "rb")
    if f then
      local text = f:read(MAX_SOURCE)
      f:close()
      if text then lines = split_lines(text) end
    end
  end
  if file_count >= 16 then files, file_count = {}, 0 end  -- a few scripts at most are asked about
  files[path], file_count = lines, file_count + 1
  return lines or nil
end

-- The name a function was declared with in its script, read from the line
-- it starts on: "boom" (`local function boom()`), "M.run" (`function
-- M:run()`, as CPython's __qualname__ writes a method), "handler"
-- (`handler = function(`); nil for an anonymous function
-- (`spawn(function() ... end)`) or a metamethod (`__call = function(`,
-- named by its object), when the line starts more than one function, and
-- for a chunk with no source kept. Reprs name a task's function with it,
-- as CPython's name a coroutine by its function.
local declared, declared_count = {}, 0  -- "source:line" -> name, or false

local function name_on(text)
  -- (A long line is data, not a declaration; the patterns below would take
  -- time on it.)
  if #text > 500 then return nil end
  text = gsub(text, "%-%-.*$", "")
  local _, count = gsub(text, "%f[%w_]function%f[^%w_]", "")
  if count ~= 1 then return nil end
  local name = match(text, "%f[%w_]function%s+([%a_][%w_%.:]*)%s*%(") or
    match(text, "([%a_][%w_%.]*)%s*=%s*function%s*%(")
  if not name or match(name, "^__") or match(name, "[.:]__[%w_]*$") then return nil end
  return (gsub(name, ":", "."))
end

local function declared_name(fn)
  local info = getinfo(fn, "S")
  if info.what ~= "Lua" or info.linedefined <= 0 then return nil end
  -- Only a file's or a REPL input's: a chunk load() made from a string has
  -- its whole text for a source, and no name to find.
  if sub(info.source, 1, 1) ~= "@" and not inputs[info.source] then return nil end
  local key = info.source .. ":" .. info.linedefined
  local name = declared[key]
  if name == nil then
    local lines = M.source_lines(info.source)
    local text = lines and lines[info.linedefined]
    name = text and name_on(text) or false
    if declared_count >= 4096 then declared, declared_count = {}, 0 end
    declared[key], declared_count = name, declared_count + 1
  end
  return name or nil
end

-- (Never raises: reprs and error reports call it.)
function M.declared_name(fn)
  local ok, name = pcall(declared_name, fn)
  return ok and name or nil
end

-- Where a suspended or running coroutine is: "src:line" of its innermost
-- user frame, or nil.
-- With fn, the line in fn's frame (its outermost one, when fn recurses), as
-- CPython's task repr says "running at" the line of the coroutine it names:
-- an inline await of another async function runs deeper on the same Lua
-- stack, and CPython shows the awaiting function's line, not the awaited
-- one's. When fn has no frame there (a tail call replaced it, `return
-- helper()`; it is the runtime's function that runs a script), the
-- outermost user frame, the nearest to it. (At most kWhereLevels levels
-- are looked at: each getinfo walks the stack from its top.)
local kWhereLevels = 1000
function M.where(co, fn)
  local found, outermost
  for i = 0, fn and kWhereLevels or 200 do
    local info = getinfo(co, i, fn and "Slf" or "Sl")
    if not info then break end
    if info.what ~= "C" and sub(info.source, 1, 9) ~= "=luasync:" then
      local here = info.short_src .. ":" .. info.currentline
      if not fn then return here end
      if rawequal(info.func, fn) then found = here end
      outermost = here
    end
  end
  return found or outermost
end

-- The name a function goes by: an async function's, the one its script
-- declares it with, else the global, or field of a standard library or of
-- asyncio, that holds it ("print", "os.exit"; when several do, the
-- shortest, then the first in sorted order); nil when none.
local LIBRARIES = { "string", "table", "math", "os", "io", "coroutine", "utf8", "time", "asyncio" }
local function known_name(fn)
  local name = M.fn_names[fn] or declared_name(fn)
  if name then return name end
  local function better(k) return name == nil or #k < #name or (#k == #name and k < name) end
  for k, v in next, G do
    if rawequal(v, fn) and type(k) == "string" and better(k) then name = k end
  end
  if name then return name end
  for _, lib in ipairs(LIBRARIES) do
    local t = rawget(G, lib)
    if type(t) == "table" then
      for k, v in next, t do
        if rawequal(v, fn) and type(k) == "string" and better(lib .. "." .. k) then name = lib .. "." .. k end
      end
    end
  end
  return name
end

-- tostring(v) that never raises: a value's own __tostring may.
local function safe_tostring(v)
  local ok, s = pcall(tostring, v)
  if ok and type(s) == "string" then return s end
  return type(v) .. " (its __tostring failed)"
end
M.safe_tostring = safe_tostring

-- M.repr(v) that never raises.
local function safe_repr(v)
  local ok, r = pcall(M.repr, v)
  if ok and type(r) == "string" then return r end
  return safe_tostring(v)
end

local function callback_source(fn, args, n)
  if fn == nil then return "nil()" end  -- a handle that cancelled itself, as CPython's None()
  local shown = {}
  for i = 1, args and n or 0 do shown[i] = safe_repr(args[i]) end
  -- A callable object (a table or userdata with __call): by tostring, and
  -- no place, as CPython shows an object that is not a function by its
  -- repr, "<Dummy>()" (a table without __tostring: "table: 0x...()", as
  -- CPython's "<__main__.Plain object at 0x...>()").
  if type(fn) ~= "function" then return safe_tostring(fn) .. "(" .. concat(shown, ", ") .. ")" end
  local info = getinfo(fn, "S")
  local call = (known_name(fn) or "function") .. "(" .. concat(shown, ", ") .. ")"
  -- The runtime's own (debug mode's wrapper of time.sleep) is shown as a C
  -- function is: where it is defined is no place of the user's.
  if info.what == "C" or sub(info.source, 1, 9) == "=luasync:" then return call end
  return call .. " at " .. info.short_src .. ":" .. info.linedefined
end

-- A callback as asyncio's reprs and reports show it (format_helpers'
-- _format_callback_source): "boom() at x.lua:3" for a function with a
-- name, "print()" for a C one, "function() at x.lua:3" for an anonymous
-- one (CPython's "<lambda>() at"); a callable object (a table or userdata
-- with __call) by tostring, "<Dummy>()". With `args` (items 1..n), the
-- arguments too, as CPython shows them in debug mode. Never raises.
function M.callback_source(fn, args, n)
  local ok, text = pcall(callback_source, fn, args, n)
  if ok then return text end
  return safe_tostring(fn)
end

-- A plain table (no metatable) in a repr, as Python's reprlib shows a list
-- or a dict there: its items, at most six then "...", two levels deep
-- ({...} below). A table with an integer `n` and no keys but n and 1..n
-- (table.pack's, gather's results) is the list of its n values, nils
-- included. A table already being shown further out (a Task's result that
-- holds the Task) is {...}: `showing` holds them.
local kReprItems, kReprDepth, kSortedKeys = 6, 2, 64
local showing = {}
local repr

local function is_packed(t, n)
  if math.type(n) ~= "integer" or n < 0 then return false end
  for k in next, t do
    if k ~= "n" and not (math.type(k) == "integer" and k >= 1 and k <= n) then return false end
  end
  return true
end

local function table_items(t, depth)
  local n = rawget(t, "n")
  local packed = is_packed(t, n)
  local len = packed and n or #t
  local parts, count = {}, 0
  for i = 1, len do
    count = count + 1
    if count > kReprItems then break end
    parts[count] = repr(rawget(t, i), depth + 1)
  end
  if count <= kReprItems then
    -- The other keys in a repeatable order (a table's own order changes
    -- from one run to the next): sorted, when there are not too many.
    local keys = {}
    for k in next, t do
      if not (math.type(k) == "integer" and k >= 1 and k <= len) and not (packed and k == "n") then
        keys[#keys + 1] = k
        if #keys > kSortedKeys then break end
      end
    end
    if #keys <= kSortedKeys then
      table.sort(keys, function(a, b)
        local ta, tb = type(a), type(b)
        if ta ~= tb then return ta < tb end
        if ta == "number" or ta == "string" then return a < b end
        return tostring(a) < tostring(b)
      end)
    end
    for _, k in ipairs(keys) do
      count = count + 1
      if count > kReprItems then break end
      local key = type(k) == "string" and match(k, "^[%a_][%w_]*$") and k or ("[" .. repr(k, depth + 1) .. "]")
      parts[count] = key .. "=" .. repr(rawget(t, k), depth + 1)
    end
  end
  if count > kReprItems then parts[kReprItems + 1] = "..." end
  return "{" .. concat(parts, ", ", 1, #parts) .. "}"
end

local function table_repr(t, depth)
  if depth >= kReprDepth or showing[t] then return "{...}" end
  showing[t] = true
  local ok, s = pcall(table_items, t, depth)
  showing[t] = nil
  if not ok then error(s, 0) end
  return s
end

-- Python's repr for the values Task and Future reprs show (depth: how deep
-- in a table's repr v is; nil for a value shown at the top).
function repr(v, depth)
  local t = type(v)
  if t == "table" and getmetatable(v) == nil then return table_repr(v, depth or 0) end
  if t == "string" then
    return errors.repr_string(v)
  elseif t == "nil" then
    return "nil"
  elseif t == "number" and (v ~= v or v == math.huge or v == -math.huge) then
    -- Python's repr (Lua's tostring says "-nan" for 0/0 on x86).
    return v ~= v and "nan" or (v > 0 and "inf" or "-inf")
  elseif errors.is_instance(v) then
    return errors.repr(v, function(arg) return repr(arg, (depth or 0) + 1) end)
  end
  return tostring(v)
end
M.repr = repr
M.safe_repr = safe_repr

-- Message handler for xpcall: keeps the error and where it was raised.
-- An error object it captured keeps its frames (raised_frames): a context
-- made anew with that exception (a handler passing it on,
-- call_exception_handler({exception = ctx.exception})) still shows where
-- it was raised, as Python's exception carries its __traceback__.
local raised_frames = setmetatable({}, { __mode = "k" })
function M.capture(e)
  local frames = M.frames(nil, 2)
  local ty = type(e)
  if ty == "table" or ty == "userdata" then raised_frames[e] = frames end
  return { e, frames }
end

---------------------------------------------------------------------------
-- The loop's exception handler (loop:set_exception_handler): what is told
-- of an error nobody else will see -- a callback's, one never retrieved,
-- one at asyncio.run()'s shutdown -- as asyncio's call_exception_handler
-- is, with a context table: message, exception, and the handle, future or
-- task. One loop, so one handler for the program.

local exception_handler  -- nil: the default
-- context -> the frames captured with its exception, for the default
-- handler's traceback (a context a handler passes on keeps them).
local context_frames = setmetatable({}, { __mode = "k" })

function M.set_exception_handler(handler) exception_handler = handler end
function M.get_exception_handler() return exception_handler end

-- A context as Python's dict repr shows it: message and exception first.
local function context_repr(context)
  if type(context) ~= "table" then return safe_repr(context) end
  local keys = {}
  for k in next, context do
    if k ~= "message" and k ~= "exception" then keys[#keys + 1] = k end
  end
  table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
  if context.exception ~= nil then table.insert(keys, 1, "exception") end
  if context.message ~= nil then table.insert(keys, 1, "message") end
  local items = {}
  for i, k in ipairs(keys) do items[i] = safe_repr(k) .. ": " .. safe_repr(context[k]) end
  return "{" .. concat(items, ", ") .. "}"
end

-- As asyncio's default_exception_handler: the message, a line "key:
-- value" for each other key in sorted order, then the exception with its
-- traceback, on stderr.
function M.default_exception_handler(context)
  if type(context) ~= "table" then context = {} end
  if context.exception ~= nil and errors.stdout_gone(context.exception) then return end
  -- (CPython's `if not message`: an empty message is none)
  local message = context.message
  local lines = { type(message) == "string" and message ~= "" and message or "Unhandled exception in event loop" }
  -- As CPython's: a report made while a handle of debug mode runs, without
  -- frames of its own, shows where that handle was made (in the context).
  -- A task's step is such a handle: its frames are where the step was
  -- scheduled (task.lua's step_origin), as CPython's Task.__step handle.
  local current = M.current_handle
  local handle_tb = current and current._source_traceback
  if current == nil then
    local task = std.modules["luasync.task"]
    local running = task and task.current_task()
    handle_tb = running and task.step_origin(running)
  end
  if context.source_traceback == nil and handle_tb then
    context.handle_traceback = handle_tb
  end
  local keys = {}
  for k in next, context do
    if type(k) == "string" and k ~= "message" and k ~= "exception" then keys[#keys + 1] = k end
  end
  table.sort(keys)
  for _, k in ipairs(keys) do
    local v = context[k]
    if k == "handle_traceback" and type(v) == "string" then
      lines[#lines + 1] = k .. ": Handle created at (most recent call first):\n" .. v
    elseif k == "source_traceback" and type(v) == "string" then
      -- (debug mode's frames where the future or task was made, as CPython's
      -- "Object created at", most recent call first as Lua's tracebacks are)
      lines[#lines + 1] = k .. ": Object created at (most recent call first):\n" .. v
    else
      lines[#lines + 1] = k .. ": " .. (k == "context" and context_repr(v) or safe_repr(v))
    end
  end
  if context.exception ~= nil then
    local e = context.exception
    local ty = type(e)
    local text = M.format(e, context_frames[context] or ((ty == "table" or ty == "userdata") and raised_frames[e]))
    lines[#lines + 1] = text
    -- The hint an uncaught error would get (a background task's error is
    -- the common one at the prompt), from the line its traceback names.
    local ok, hints = pcall(require, "luasync.hints")
    local hint = ok and hints.hint(M.message(context.exception), nil, hints.where_in(text), text)
    if hint then lines[#lines + 1] = hint end
  end
  M.stderr(concat(lines, "\n"))
end

-- Tells the handler set (handler(loop, context)), or the default one;
-- what either raises is reported, never raised. `frames`: the traceback
-- captured with the exception.
-- The default handler, as CPython's call_exception_handler calls it,
-- self.default_exception_handler(context): a function assigned to
-- loop.default_exception_handler (CPython's monkeypatch of the method) is
-- called as loop:default_exception_handler(context) in its place. When it
-- fails, `what` is reported with its error.
local function call_default(loop, context, what)
  local override = loop and rawget(loop, "default_exception_handler")
  local ok, captured
  if override ~= nil then
    ok, captured = xpcall(override, M.capture, loop, context)
  else
    ok, captured = xpcall(M.default_exception_handler, M.capture, context)
  end
  if not ok then
    -- (as CPython's logger.error(what, exc_info=True): the error after it)
    if not pcall(M.stderr, what .. "\n" .. M.format(captured[1], captured[2])) then pcall(M.stderr, what) end
  end
end

function M.call_exception_handler(context, frames)
  if frames and type(context) == "table" then context_frames[context] = frames end
  local loop_module = std.modules["luasync.loop"]
  local loop = loop_module and loop_module.loop
  if exception_handler == nil then
    call_default(loop, context, "Exception in default exception handler")
    return
  end
  local ok, captured = xpcall(exception_handler, M.capture, loop, context)
  if not ok then
    local failed = { message = "Unhandled error in exception handler", exception = captured[1], context = context }
    context_frames[failed] = captured[2]
    call_default(loop, failed,
      "Exception in default exception handler while handling an unexpected error in custom exception handler")
  end
end

-- Reports an error callback `fn` raised, as asyncio's handles do: the
-- callback (with its arguments, items 1..n of `args`, in debug mode), and
-- the handle that ran it (its __tostring is its repr).
function M.callback_error(fn, handle, captured, args, n, source_traceback)
  if errors.stdout_gone(captured[1]) then return end
  M.call_exception_handler({
    message = "Exception in callback " .. M.callback_source(fn, args, n), exception = captured[1], handle = handle,
    source_traceback = source_traceback,  -- (debug mode's: where the handle was made)
  }, captured[2])
end

-- The message line of an error value, as lua.c prints it (a number as its
-- text: lua_tostring converts it).
function M.message(e)
  if type(e) == "string" then return e end
  if type(e) == "number" then return tostring(e) end
  local mt = getmetatable(e)
  -- (an error object's __tostring is the user's own, or runs on a .message
  -- set by hand: a report never raises)
  if type(mt) == "table" and rawget(mt, "__tostring") ~= nil then
    local ok, s = pcall(tostring, e)
    if ok and type(s) == "string" then return s end
    return "(error object is a " .. type(e) .. " value whose __tostring failed)"
  end
  if e == nil then return "(error object is a nil value)" end
  return "(error object is a " .. type(e) .. " value)"
end

local CAUSE_SEPARATOR = "\n\nThe above exception was the direct cause of the following exception:\n\n"

-- A full report: the message, then the traceback sections carried by the
-- error (its own frames, then each task that awaited it). An error object
-- with a .cause is reported after its cause, as Python chains them
-- (`raise ... from cause`): a TimeoutError after the CancelledError that
-- interrupted the code. As Python's, each error is reported once: a cause
-- already in the report (e.cause = e, two errors citing each other) ends
-- the chain; so does the tenth cause.
local function format(e, tb, seen, depth)
  if type(e) == "table" then seen[e] = true end
  local out = {}
  local cause = errors.is_instance(e) and rawget(e, "cause") or nil
  if cause ~= nil and depth < 10 and not seen[cause] then
    out[1] = format(cause, nil, seen, depth + 1) .. CAUSE_SEPARATOR .. M.message(e)
  else
    out[1] = M.message(e)
  end
  tb = tb or (errors.is_instance(e) and rawget(e, "traceback"))
  if tb and tb ~= "" then
    out[#out + 1] = "stack traceback:"
    out[#out + 1] = tb
  end
  -- A group (from a TaskGroup) reports each sub-exception after it;
  -- .tracebacks[i] carries the traceback of one that is not an error object.
  -- (raw: .exceptions may have been replaced by a table of the user's)
  if errors.BaseExceptionGroup:is(e) and type(e.exceptions) == "table" then
    local subs = e.exceptions
    local n = rawlen(subs)
    for i = 1, n do
      out[#out + 1] = sformat("--- sub-exception %d of %d:", i, n)
      local sub = rawget(subs, i)
      out[#out + 1] = sub ~= nil and seen[sub] and M.message(sub) or
        format(sub, e.tracebacks and e.tracebacks[i], seen, depth)
    end
  end
  return concat(out, "\n")
end

function M.format(e, tb) return format(e, tb, {}, 0) end

function M.stderr(s) std.stderr(s) end  -- std's, looked up at each call (the unit tests replace it)

-- Python's repr of a float: the shortest digits that read back as x, in
-- fixed notation unless its exponent is below -4 or above 15 (1e+16).
local huge, srep, tonumber = math.huge, string.rep, tonumber
function M.float_repr(x)
  if x ~= x then return "nan" end
  if x == huge or x == -huge then return x > 0 and "inf" or "-inf" end
  if x == 0 then return 1 / x < 0 and "-0.0" or "0.0" end
  local s
  for p = 0, 16 do
    s = sformat("%." .. p .. "e", x)  -- correctly rounded: the first that reads back is Python's
    if tonumber(s) == x then break end
  end
  local sign, first, rest, exp = match(s, "^(-?)(%d)%.?(%d*)e([-+]%d+)$")
  local digits = gsub(first .. rest, "0+$", "")
  if digits == "" then digits = "0" end
  local point = tonumber(exp) + 1  -- digits before the decimal point
  if point < -3 or point > 16 then
    local e = point - 1
    return sign .. sub(digits, 1, 1) .. (#digits > 1 and "." .. sub(digits, 2) or "") ..
      sformat("e%s%02d", e < 0 and "-" or "+", e < 0 and -e or e)
  elseif point <= 0 then
    return sign .. "0." .. srep("0", -point) .. digits
  elseif point >= #digits then
    return sign .. digits .. srep("0", point - #digits) .. ".0"
  end
  return sign .. sub(digits, 1, point) .. "." .. sub(digits, point + 1)
end

return M
