-- A method called with Python's dot (h.cancel(), loop.set_debug(true),
-- tm.when(), c.close()) or on another value raises Lua's `bad argument #1
-- to 'm' (...)` at the caller's line, for every method of every object the
-- library gives: never an error inside the runtime's own chunks
-- ("luasync:loop:83: attempt to index a nil value"), and never nothing;
-- and every class says the same: `(Queue expected; call it as q:get(...))`.
-- (Python-style dot calls are what a translated lesson does first.)
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check
local sp = asyncio.subprocess

local function call(f, ...) local r = f(...) return r end -- the line every message must name
local HERE = debug.getinfo(1, "S").short_src .. ":" .. debug.getinfo(call, "S").linedefined .. ": "

-- The methods that need no object, as in Python (fut.get_loop() is the
-- running loop either way; a Task refuses set_result whatever it is given).
local no_self = { get_loop = true, is_running = true, is_closed = true, set_result = true, set_exception = true }

local wrong, checked = {}, 0
local function probe(label, obj)
  local seen, idx = {}, getmetatable(obj).__index
  if type(idx) == "function" then idx = getmetatable(obj) end  -- the loop's: a field beside the methods
  if label == "headers" then idx = { getall = obj.getall, items = obj.items } end  -- the rest are the headers
  while type(idx) == "table" and not seen[idx] do
    seen[idx] = true
    for m, f in pairs(idx) do
      if type(f) == "function" and m:sub(1, 1) ~= "_" and not no_self[m] then
        for _, self in ipairs { "nothing", 5 } do
          local ok, e
          if self == "nothing" then ok, e = pcall(call, f) else ok, e = pcall(call, f, self) end
          e = tostring(e)
          checked = checked + 1
          local want = HERE .. "bad argument #1 to '" .. m .. "' ("
          if ok then
            wrong[#wrong + 1] = label .. "." .. m .. "(" .. (self == 5 and "5" or "") .. "): raised nothing"
          elseif e:sub(1, #want) ~= want or not e:find(" expected; call it as [%w_.]+:" .. m .. "%(%.%.%.%)%)$") then
            -- (each class says how to call it, the same way: a Queue as a
            -- StreamWriter, not "(Queue expected, got number)")
            wrong[#wrong + 1] = label .. "." .. m .. "(" .. (self == 5 and "5" or "") .. "): " .. e
          end
        end
      end
    end
    local mt = getmetatable(idx)
    idx = mt and mt.__index
  end
end

local loop = asyncio.get_running_loop()
local http_server = require("lib.http_server").start()
local server = await(asyncio.start_server(function(_, w) w:close() end, "127.0.0.1", 0))
local reader, writer = await(asyncio.open_connection(server.sockets[1]:getsockname()))
local proc = await(asyncio.create_subprocess_exec("true", { stdin = sp.PIPE }))
local file = await(asyncio.open(debug.getinfo(1, "S").short_src))
local session = asyncio.http.Session()
local response = await(session:get(http_server.base .. "/hello"))
local gathering = asyncio.gather(asyncio.sleep(0))
local objects = {
  loop = loop, handle = loop:call_soon(print), timer_handle = loop:call_later(100, print),
  timeout = asyncio.timeout(100), gathering = gathering, shield = asyncio.shield(asyncio.sleep(0)),
  coroutine = (async(function() end))(), sleep = asyncio.sleep(1), queue_get = asyncio.Queue():get(),
  queue = asyncio.Queue(), priority_queue = asyncio.PriorityQueue(), lock = asyncio.Lock(),
  event = asyncio.Event(), condition = asyncio.Condition(), semaphore = asyncio.Semaphore(),
  barrier = asyncio.Barrier(2), future = loop:create_future(), task = asyncio.spawn(function() end),
  taskgroup = asyncio.TaskGroup(), executor = asyncio.ThreadPoolExecutor(1), stream_reader = asyncio.StreamReader(),
  reader = reader, writer = writer, server = server, socket = server.sockets[1], process = proc,
  process_stdin = proc.stdin, file = file, session = session, response = response, headers = response.headers,
}
for label, obj in pairs(objects) do probe(label, obj) end

check("many methods probed", checked > 300, checked)
table.sort(wrong)
eq("every dot call is a bad argument at the caller's line", table.concat(wrong, "\n"), "")

-- The texts say how to call it.
local function text(f, ...) return select(2, pcall(call, f, ...)) end
local h, tm = objects.timer_handle, objects.timeout
eq("h.cancel()", text(h.cancel), HERE .. "bad argument #1 to 'cancel' (Handle expected; call it as handle:cancel(...))")
eq("loop.set_debug(true)", text(loop.set_debug, true),
  HERE .. "bad argument #1 to 'set_debug' (loop expected; call it as loop:set_debug(...))")
eq("tm.reschedule(nil)", text(tm.reschedule, nil),
  HERE .. "bad argument #1 to 'reschedule' (Timeout expected; call it as timeout:reschedule(...))")
eq("c.close() (a coroutine object)", text(objects.coroutine.close),
  HERE .. "bad argument #1 to 'close' (coroutine expected; call it as coro:close(...))")
eq("c.close() (sleep's)", text(objects.sleep.close),
  HERE .. "bad argument #1 to 'close' (coroutine expected; call it as coro:close(...))")
check("nothing was cancelled or closed", not h:cancelled() and loop:get_debug() == false and tm:when() ~= nil)

-- Called with ':' they still work.
h:cancel()
check("h:cancel()", h:cancelled())
for _, c in ipairs { objects.coroutine, objects.sleep, objects.queue_get } do c:close() end

gathering:cancel()
pcall(await, gathering)
objects.task:cancel()
writer:close()
server:close()
await(proc:wait())
await(file:close())
response:close()
session:close()
objects.executor:shutdown()
http_server.stop()
tm:reschedule(nil)
local _ <close> = tm
local _ <close> = objects.taskgroup
cli.finish()
