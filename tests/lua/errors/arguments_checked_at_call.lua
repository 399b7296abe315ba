-- Every public function of asyncio checks its arguments when it is called,
-- as Python does, instead of returning a coroutine object that fails only
-- when awaited: called with its required argument missing, or with a value
-- of the wrong type, it raises at once. A function added to asyncio must be
-- listed here.
local function raises(what, fn, ...)
  local ok, r = pcall(fn, ...)
  if ok then
    local kind = asyncio.iscoroutine(r) and "a coroutine object" or tostring(r)
    error(what .. " raised nothing: it returned " .. kind, 2)
  end
  return tostring(r)
end

-- name -> what a call with no argument does: "raises", or "ok" when no
-- argument is needed; and a wrong-typed first argument: "raises" or "ok"
-- (any value is accepted).
local spec = {
  sleep = { "raises", "raises" }, create_task = { "raises", "raises" }, spawn = { "raises", "raises" },
  gather = { "ok", "raises" }, wait_for = { "raises", "raises" }, timeout = { "raises", "raises" },
  timeout_at = { "raises", "raises" }, shield = { "raises", "raises" }, wait = { "raises", "raises" },
  as_completed = { "raises", "raises" }, ensure_future = { "raises", "raises" }, run = { "raises", "raises" },
  current_task = { "ok", "ok" }, all_tasks = { "ok", "ok" }, iscoroutine = { "ok", "ok" },
  isfuture = { "ok", "ok" }, iscoroutinefunction = { "ok", "ok" }, get_running_loop = { "ok", "ok" },
  get_event_loop = { "ok", "ok" },
  Future = { "ok", "raises" }, TaskGroup = { "ok", "raises" }, Lock = { "ok", "raises" }, Event = { "ok", "raises" },
  Condition = { "ok", "raises" }, Semaphore = { "ok", "raises" }, BoundedSemaphore = { "ok", "raises" },
  Barrier = { "raises", "raises" }, Queue = { "ok", "raises" }, PriorityQueue = { "ok", "raises" },
  LifoQueue = { "ok", "raises" }, async_generator = { "raises", "raises" },
  StreamReader = { "ok", "raises" }, stdin = { "ok", "raises" },
  open_connection = { "raises", "raises" }, start_server = { "raises", "raises" },
  open_unix_connection = { "raises", "raises" }, start_unix_server = { "raises", "raises" },
  create_subprocess_exec = { "raises", "raises" }, create_subprocess_shell = { "raises", "raises" },
  open = { "raises", "raises" }, to_thread = { "raises", "raises" },
  print_call_graph = { "ok", "raises" }, format_call_graph = { "ok", "raises" }, capture_call_graph = { "ok", "raises" }, ThreadPoolExecutor = { "ok", "raises" },
  wrap_future = { "raises", "raises" },
}

local seen = {}
for name, v in pairs(asyncio) do
  if type(v) == "function" then
    seen[name] = true
    local s = spec[name]
    if not s then error("asyncio." .. name .. " is not listed in this test: say what its arguments are") end
    if s[1] == "raises" then
      local msg = raises(name .. "()", v)
      if not (msg:find("bad argument #1 to '" .. name .. "'", 1, true) or msg:find("Error", 1, true)) then
        error(name .. "(): unexpected error " .. msg)
      end
    end
    if s[2] == "raises" then raises(name .. "(true)", v, true) end
  end
end
-- asyncio.fs's functions: a path is required
for name, fn in pairs(asyncio.fs) do
  local msg = raises("fs." .. name .. "()", fn)
  if not msg:find("bad argument #1 to '" .. name .. "'", 1, true) then error("fs." .. name .. "(): " .. msg) end
  raises("fs." .. name .. "(true)", fn, true)
end

for name in pairs(spec) do
  if not seen[name] then error("asyncio." .. name .. " is listed here but is not in asyncio") end
end

-- The messages of the ones issue 11 found late.
local function eq(got, want) if got ~= want then error(("%q, expected %q"):format(got, want), 2) end end
eq(raises("wait_for()", asyncio.wait_for), "bad argument #1 to 'wait_for' (awaitable expected, got no value)")
eq(raises("wait_for(5)", asyncio.wait_for, 5), "bad argument #1 to 'wait_for' (awaitable expected, got number)")
-- luasync's error (a class raises an instance) is named as Lua's is
eq(raises("error('x', {})", error, "x", {}), "bad argument #2 to 'error' (number expected, got table)")
-- (its timeout has no default, as CPython's; an explicit nil waits for good)
local f = asyncio.Future()
eq(raises("wait_for(f)", asyncio.wait_for, f), "bad argument #2 to 'wait_for' (number or nil expected, got no value)")
eq(raises("timeout()", asyncio.timeout), "bad argument #1 to 'timeout' (number or nil expected, got no value)")
-- Constructors that take nothing refuse an argument (Python's "takes no
-- positional arguments"), as a Lua check: asyncio.Future(loop) is a slip.
eq(raises("Future(42)", asyncio.Future, 42), "bad argument #1 to 'Future' (no value expected, got number)")
eq(raises("Event(nil)", asyncio.Event, nil), "bad argument #1 to 'Event' (no value expected, got nil)")
-- (and set_exception wants its error: nil is a TypeError, none a bad argument)
eq(raises("f:set_exception()", f.set_exception, f), "bad argument #1 to 'set_exception' (value expected)")
-- and the valid forms still are
local _ <close> = asyncio.timeout(nil)
print(await(asyncio.wait_for(asyncio.sleep(0, "ok"), nil)))
