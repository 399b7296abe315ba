-- Finalizers that lua_close runs at the program's end come after the loop
-- closed (close_runtime, then lua_close): there a call that would open a
-- libuv handle, start a request or submit a worker job raises CPython's
-- RuntimeError "Event loop is closed" instead of touching the closed loop
-- (it crashed) or making an object that lua_close never finalizes (its C++
-- side leaked: the sanitizer build reports leaks as a failed run).
--
-- As in lua5.4 (and as for any other error in a finalizer), an error
-- raised in a finalizer is a warning, shown only with warn("@on"): the
-- program ends with status 0 and nothing on stderr. CPython prints
-- "Exception ignored in: ..." for an error in __del__ at shutdown; luasync
-- follows Lua's rule here.

local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local tmpfile, run, eq, has = cli.tmpfile, cli.run, cli.eq, cli.has

local function quiet_end(what, body, opts)
  local out, err, code = run('"$L" ' .. (opts or "") .. tmpfile(body .. '\nprint("end")\n'))
  eq(what .. ": status", code, 0)
  eq(what .. ": stdout", out, "end\n")
  eq(what .. ": stderr", err, "")
end

quiet_end("http.Session", 'G = setmetatable({}, {__gc = function() asyncio.http.Session() end})')
quiet_end("add_signal_handler",
  'G = setmetatable({}, {__gc = function() asyncio.get_running_loop():add_signal_handler("SIGUSR1", print) end})')
quiet_end("ThreadPoolExecutor and submit",
  'G = setmetatable({}, {__gc = function() asyncio.ThreadPoolExecutor(2):submit(function() return 1 end) end})')
quiet_end("add_reader",
  'G = setmetatable({}, {__gc = function() asyncio.get_running_loop():add_reader(0, print) end})')
quiet_end("to_thread", 'G = setmetatable({}, {__gc = function() asyncio.to_thread(function() return 1 end) end})')
-- An executor made before the end, used in a finalizer.
quiet_end("submit to an executor made before",
  'local pool = asyncio.ThreadPoolExecutor(1)\n' ..
  'G = setmetatable({}, {__gc = function() pool:submit(function() return 1 end) end})')
-- os.exit(code, true) closes the state too, before the loop.
local out, err, code = run('"$L" ' .. tmpfile(
  'G = setmetatable({}, {__gc = function() asyncio.to_thread(function() return 1 end) end})\nos.exit(3, true)\n'))
eq("os.exit(3, true): status", code, 3)
eq("os.exit(3, true): stderr", err, "")
-- The REPL ends the same way.
out, err, code = run('"$L" -i',
  'G = setmetatable({}, {__gc = function() asyncio.http.Session() end})\n1\n')
eq("REPL: status", code, 0)
eq("REPL: stderr", err, "")
has("REPL: the input ran", out, "\n1\n")

-- What the finalizer sees, caught: the error of a closed loop, from every
-- kind of handle, request and job -- also when it runs the first step of a
-- coroutine object itself, which would open a stream or start a process.
-- (start_server's first step, for an address, lets the loop turn before it
-- makes a socket, as CPython's: outside a task that await is the error.)
out, err, code = run('"$L" ' .. tmpfile([[
G = setmetatable({}, {__gc = function()
  local function try(name, f)
    local ok, e = pcall(function()
      local co = f()
      if type(co) == "table" and co.fn then return co.fn(table.unpack(co, 1, co.n)) end
    end)
    print(name, ok, tostring(e))
  end
  try("Session", function() return asyncio.http.Session() end)
  try("signal", function() asyncio.get_running_loop():add_signal_handler("SIGUSR2", print) end)
  try("reader", function() asyncio.get_running_loop():add_reader(0, print) end)
  try("executor", function() return asyncio.ThreadPoolExecutor(1) end)
  try("to_thread", function() return asyncio.to_thread(print) end)
  try("open", function() return asyncio.open("/dev/null") end)
  try("open_connection", function() return asyncio.open_connection("127.0.0.1", 9) end)
  try("start_server", function() return asyncio.start_server(print, "127.0.0.1", 0) end)
  try("subprocess", function() return asyncio.create_subprocess_exec("true") end)
  try("fs.stat", function() return asyncio.fs.stat("/") end)
end})
]]))
eq("caught: status", code, 0)
eq("caught: stderr", err, "")
eq("caught: stdout", out, [[
Session	false	RuntimeError: Event loop is closed
signal	false	RuntimeError: Event loop is closed
reader	false	RuntimeError: Event loop is closed
executor	false	RuntimeError: Event loop is closed
to_thread	false	RuntimeError: Event loop is closed
open	false	RuntimeError: Event loop is closed
open_connection	false	RuntimeError: Event loop is closed
start_server	false	RuntimeError: await() called outside a task: run the code in a task, e.g. asyncio.run(main()) or asyncio.create_task(...), or type it at the luasync prompt
subprocess	false	RuntimeError: Event loop is closed
fs.stat	false	RuntimeError: Event loop is closed
]])

-- start_unix_server's first step raises before it touches anything: the
-- socket file was bound (and a stale one removed) and its descriptor leaked
-- before the closed loop was found. (CPython raises the same error, after
-- binding.)
local sockdir = os.tmpname()
os.remove(sockdir)
assert(os.execute("mkdir " .. sockdir))
out, err, code = run('"$L" ' .. tmpfile([[
G = setmetatable({}, {__gc = function()
  local function fds()
    local stat = io.open("/proc/self/stat")
    local pid = stat:read("n")
    stat:close()
    -- (the least of three: a listing may see the write end of its own
    -- pipe, which popen closes after the shell started: lib/fds.lua)
    local least
    for _ = 1, 3 do
      local p = io.popen("ls /proc/" .. pid .. "/fd")
      local n = #p:read("a"):gsub("[^\n]", "")
      p:close()
      least = least and math.min(least, n) or n
    end
    return least
  end
  local before = fds()
  local co = asyncio.start_unix_server(print, "]] .. sockdir .. [[/s.sock")
  print(pcall(co.fn, table.unpack(co, 1, co.n)))
  print("descriptors left", fds() - before)
end})
]]))
eq("start_unix_server: status", code, 0)
eq("start_unix_server: stderr", err, "")
eq("start_unix_server: stdout", out, "false\tRuntimeError: Event loop is closed\ndescriptors left\t0\n")
eq("start_unix_server: no socket file", os.execute("test -e " .. sockdir .. "/s.sock"), nil)
os.remove(sockdir .. "/s.sock")
assert(os.remove(sockdir))

-- With warnings on, the uncaught one is Lua's warning about the finalizer
-- (which shows only a string's text: the error is a RuntimeError object).
out, err, code = run('"$L" ' .. tmpfile(
  'warn("@on")\nG = setmetatable({}, {__gc = function() asyncio.http.Session() end})\n'))
eq("warning: status", code, 0)
has("warning: stderr", err, "Lua warning: error in __gc")

cli.finish()
