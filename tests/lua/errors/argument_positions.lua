-- A bad argument names the user's line that called into the runtime, for
-- every function of asyncio and asyncio.fs and every method of its objects,
-- however many of the runtime's own functions (Lua, or a C binding handing
-- a case to Lua) lie between: `file:line: bad argument #n to 'f' (...)`.
-- Called straight from pcall, Lua's rule holds: no position (as for
-- string.rep). A function added to asyncio is covered without listing it.
local function call(f, ...) local r = f(...) return r end -- the line every message must name
local HERE = debug.getinfo(1, "S").short_src .. ":7: "

local checked, wrong = 0, {}
local function check(label, f, ...)
  local ok, e = pcall(call, f, ...)
  if ok then
    if asyncio.iscoroutine(e) then e:close() end  -- a call that was right: nothing to report
    return
  end
  e = tostring(e)
  if not e:find("bad argument", 1, true) then return end
  checked = checked + 1
  if e:sub(1, #HERE) ~= HERE then wrong[#wrong + 1] = label .. ": " .. e end
end

-- A function with an upvalue: what no worker thread takes.
local function with_upvalue() return check end
local function try_all(label, f, ...)
  check(label .. "()", f, ...)
  check(label .. "(true)", f, ..., true)
  check(label .. "(true, true)", f, ..., true, true)
  check(label .. "(fn)", f, ..., with_upvalue)
  check(label .. "(fn, {bad = 1})", f, ..., with_upvalue, { bad = 1 })
end

-- What a right call would leave open or print: their bad arguments only.
local effects = { timeout = true, timeout_at = true, TaskGroup = true, print_call_graph = true, stdin = true }
for name, v in pairs(asyncio) do
  if type(v) == "function" then
    if effects[name] then
      check(name .. "(true)", v, true)
      check(name .. "(nil, true)", v, nil, true)
    else
      try_all(name, v)
    end
  end
end
for name, v in pairs(asyncio.fs) do try_all("fs." .. name, v) end
for name, v in pairs(asyncio.http) do
  if type(v) == "function" then try_all("http." .. name, v) end
end

local loop = asyncio.get_running_loop()
local server = await(asyncio.start_server(function(_, w) w:close() end, "127.0.0.1", 0))
local reader, writer = await(asyncio.open_connection(server.sockets[1]:getsockname()))
local proc = await(asyncio.create_subprocess_exec("true"))
local file = await(asyncio.open(debug.getinfo(1, "S").short_src))
local session = asyncio.http.Session()
local objects = {
  loop = loop, queue = asyncio.Queue(), priority_queue = asyncio.PriorityQueue(), lock = asyncio.Lock(),
  event = asyncio.Event(), condition = asyncio.Condition(), semaphore = asyncio.Semaphore(),
  barrier = asyncio.Barrier(2), future = loop:create_future(), task = asyncio.spawn(function() end),
  executor = asyncio.ThreadPoolExecutor(1), stream_reader = asyncio.StreamReader(), reader = reader,
  writer = writer, server = server, process = proc, file = file, session = session,
}
local skip = { close = true, shutdown = true, __close = true, __gc = true, cancel = true, kill = true,
  terminate = true, set_result = true, set_exception = true, release = true, set = true, clear = true,
  put_nowait = true, write = true, writelines = true, write_eof = true, feed_data = true, feed_eof = true,
  abort = true, reset = true, notify = true, notify_all = true, task_done = true, print_call_graph = true,
  run_forever = true, run_until_complete = true, stop = true, add_done_callback = true, call_soon = true,
  call_later = true, call_at = true, create_task = true, add_signal_handler = true, remove_signal_handler = true,
  add_reader = true, add_writer = true, set_exception_handler = true, set_debug = true,
  call_exception_handler = true, default_exception_handler = true, uncancel = true, print_stack = true }
for oname, o in pairs(objects) do
  local seen, idx = {}, getmetatable(o).__index
  while type(idx) == "table" and not seen[idx] do
    seen[idx] = true
    for m, f in pairs(idx) do
      if type(f) == "function" and not skip[m] and m:sub(1, 1) ~= "_" then
        try_all(oname .. ":" .. m, f, o)
        check(oname .. "." .. m .. "()", f)
        check(oname .. "." .. m .. "(5)", f, 5)
      end
    end
    local mt = getmetatable(idx)
    idx = mt and mt.__index
  end
end

-- Straight from pcall: no position, as Lua's own functions.
local direct = {
  { asyncio.sleep, "x" }, { asyncio.to_thread, with_upvalue }, { asyncio.wait_for },
  { objects.queue.put }, { asyncio.fs.stat },
}
for i, c in ipairs(direct) do
  local ok, e = pcall(table.unpack(c))
  if ok or not tostring(e):find("^bad argument") then wrong[#wrong + 1] = "direct #" .. i .. ": " .. tostring(e) end
end

print(checked > 300 and "many bad arguments checked" or ("only " .. checked .. " bad arguments checked"))
print(#wrong == 0 and "each names the caller's line" or table.concat(wrong, "\n"))
objects.task:cancel()
writer:close()
server:close()
await(proc:wait())
await(file:close())
session:close()
objects.executor:shutdown()
