-- What open_connection, start_server, the Unix socket functions and the
-- subprocess functions refuse, and when: a port out of 0-65535 (libuv would
-- wrap 70000 to 4464 and connect there), a Unix path libuv would cut to
-- 108 bytes (and so reach another socket) or hand to C with a NUL, a
-- missing directory (ENOENT, not libuv's EACCES), a limit <= 0 before any
-- socket or child exists, server options of the wrong type, arguments
-- counted as the user wrote them, NUL bytes and Python's illegal variable
-- names, a missing cwd named as the missing thing. And what is accepted as
-- Lua's luaL_checkinteger accepts an integer: 2.0 and "8080"; another
-- string is a service name ("http"), as CPython's getaddrinfo takes it.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check
local msg = cli.error_text
local PIPE = asyncio.subprocess.PIPE
local h = function(_, w) w:close() end
local function pid()
  local f <close> = assert(io.open("/proc/self/stat"))
  return f:read("n")
end

-- Ports.
eq("port 70000", msg(asyncio.open_connection, "127.0.0.1", 70000),
  "bad argument #2 to 'open_connection' (port must be 0-65535)")
eq("port -1", msg(asyncio.open_connection, "127.0.0.1", -1), "bad argument #2 to 'open_connection' (port must be 0-65535)")
eq("port 2.5", msg(asyncio.open_connection, "127.0.0.1", 2.5),
  "bad argument #2 to 'open_connection' (number has no integer representation)")
eq("port {}", msg(asyncio.open_connection, "127.0.0.1", {}),
  "bad argument #2 to 'open_connection' (integer expected, got table)")
eq("server port 65536", msg(asyncio.start_server, h, "127.0.0.1", 65536),
  "bad argument #3 to 'start_server' (port must be 0-65535)")
local server <close> = await(asyncio.start_server(h, "127.0.0.1", 0))
local _, port = server.sockets[1]:getsockname()
local r = await(asyncio.open_connection("127.0.0.1", tostring(port)))
eq("a port as a string", await(r:read()), "")
r = await(asyncio.open_connection("127.0.0.1", port + 0.0))
eq("a port as a float with an integer value", await(r:read()), "")

-- A service name is a port, as CPython's getaddrinfo takes it (the system's
-- services: "http" is 80/tcp, "http-alt" 8080/tcp), for a numeric host too;
-- an unknown one raises Python's socket.gaierror text when awaited, as
-- CPython 3.13 does (open_connection('127.0.0.1', 'nosuchservice'): "[Errno -8]
-- Servname not supported for ai_socktype"), a NUL in it too.
local function outcome(aw)
  local ok, a, b = pcall(await, aw)
  if not ok then return tostring(a) end
  if getmetatable(b) then b:close() end
  return "ok"
end
local http = outcome(asyncio.open_connection("127.0.0.1", "http"))
check("open_connection(host, 'http') goes to port 80", http == "ok" or
  http == "ConnectionRefusedError: [Errno 111] Connect call failed ('127.0.0.1', 80)", http)
local SERVNAME = "OSError: [Errno -8] Servname not supported for ai_socktype"
for _, name in ipairs({ "nosuchservice", "8080x", "80.5.1", "ht\0tp" }) do
  local coro = asyncio.open_connection("127.0.0.1", name)  -- a name is checked by the lookup, when awaited
  eq("open_connection: service " .. ("%q"):format(name), outcome(coro), SERVNAME)
  eq("start_server: service " .. ("%q"):format(name), outcome(asyncio.start_server(h, "127.0.0.1", name)), SERVNAME)
end
local ok, e = pcall(await, asyncio.open_connection("127.0.0.1", "nosuchservice"))
eq("an unknown service: its code", not ok and e.code, "EAI_SERVICE")
local alt = outcome(asyncio.start_server(h, "127.0.0.1", "http-alt"))
check("start_server(cb, host, 'http-alt') binds 8080 (or finds it taken)", alt == "ok" or alt ==
  "OSError: [Errno 98] error while attempting to bind on address ('127.0.0.1', 8080): address already in use", alt)

-- Options.
eq("backlog", msg(asyncio.start_server, h, "127.0.0.1", 0, { backlog = "x" }),
  "bad argument #4 to 'start_server' (field 'backlog' must be a non-negative integer)")
eq("start_serving", msg(asyncio.start_server, h, "127.0.0.1", 0, { start_serving = "no" }),
  "bad argument #4 to 'start_server' (field 'start_serving' must be a boolean)")
-- a limit that is not a number: a wrong argument, at the call, as the other
-- options' types (not the ValueError of a limit <= 0)
eq("limit 'x': StreamReader", msg(asyncio.StreamReader, { limit = "x" }),
  "bad argument #1 to 'StreamReader' (field 'limit' must be a number, got string)")
eq("limit 'x': open_connection", msg(asyncio.open_connection, "127.0.0.1", 1, { limit = "x" }),
  "bad argument #3 to 'open_connection' (field 'limit' must be a number, got string)")
eq("limit {}: start_server", msg(asyncio.start_server, h, "127.0.0.1", 0, { limit = {} }),
  "bad argument #4 to 'start_server' (field 'limit' must be a number, got table)")
eq("limit true: exec", msg(asyncio.create_subprocess_exec, "true", { limit = true }),
  "bad argument #2 to 'create_subprocess_exec' (field 'limit' must be a number, got boolean)")
-- a limit <= 0: ValueError at the await, before any socket: nothing leaks
-- (The least of three: a listing may see the write end of its own pipe,
-- which popen closes after the shell started: lib/fds.lua.)
local function fds()
  local least
  for _ = 1, 3 do
    local n = 0
    local ls <close> = assert(io.popen("ls /proc/" .. pid() .. "/fd"))
    for _ in ls:lines() do n = n + 1 end
    least = least and math.min(least, n) or n
  end
  return least
end
pcall(await, asyncio.open_connection("127.0.0.1", port, { limit = 0 }))
local before = fds()
for _ = 1, 20 do
  local ok, e = pcall(await, asyncio.open_connection("127.0.0.1", port, { limit = 0 }))
  check("limit 0: refused", not ok and tostring(e) == "ValueError: Limit cannot be <= 0", e)
end
eq("limit 0: no socket left open", fds(), before)

-- Serving later: start_serving() is awaited, as Python's async method.
local later <close> = await(asyncio.start_server(h, "127.0.0.1", 0, { start_serving = false }))
eq("not serving yet", later:is_serving(), false)
local starting = later:start_serving()
check("start_serving gives a coroutine object", asyncio.iscoroutine(starting), starting)
await(starting)
eq("serving", later:is_serving(), true)

-- Unix sockets.
local dir = os.tmpname()
os.remove(dir)
await(asyncio.fs.mkdir(dir))
local long = dir .. "/" .. string.rep("a", 120)
local ok, e = pcall(await, asyncio.start_unix_server(h, long))
eq("a path over 107 bytes: server", tostring(e), "OSError: AF_UNIX path too long")
ok, e = pcall(await, asyncio.open_unix_connection(long))
eq("a path over 107 bytes: connection", tostring(e), "OSError: AF_UNIX path too long")
eq("no socket made", #await(asyncio.fs.listdir(dir)), 0)
eq("an abstract name", msg(asyncio.start_unix_server, h, "\0name"),
  "bad argument #2 to 'start_unix_server' (abstract socket names are not supported)")
eq("a NUL in the path", msg(asyncio.open_unix_connection, dir .. "/a\0b"),
  "bad argument #1 to 'open_unix_connection' (embedded null byte)")
ok, e = pcall(await, asyncio.start_unix_server(h, dir .. "/missing/sock"))
eq("a missing directory", tostring(e), "FileNotFoundError: [Errno 2] No such file or directory")
-- As CPython 3.13's: a socket file left at the path is replaced; at close
-- the path is removed only if it is still the server's socket.
local sock = dir .. "/sock"
local first = await(asyncio.start_unix_server(h, sock))
local second = await(asyncio.start_unix_server(h, sock))
first:close()
eq("a socket file left there: replaced, and kept by the other's close", await(asyncio.fs.exists(sock)), true)
second:close()
eq("closed: the socket file is removed", await(asyncio.fs.exists(sock)), false)
local third = await(asyncio.start_unix_server(h, sock))
os.remove(sock)
local other <close> = assert(io.open(sock, "w"))
other:write("not a socket")
other:flush()
third:close()
eq("a file put at the path since: kept", (assert(io.open(sock))):read("a"), "not a socket")
os.remove(sock)
await(asyncio.fs.rmdir(dir))

-- Subprocesses.
eq("shell: its options are argument #2", msg(asyncio.create_subprocess_shell, "true", { bogus = 1 }),
  "bad argument #2 to 'create_subprocess_shell' (unknown option 'bogus'; the options are: stdin, stdout, stderr, " ..
  "cwd, env, limit)")
eq("exec: a nil among the arguments", msg(asyncio.create_subprocess_exec, "echo", nil, { stdout = PIPE }),
  "bad argument #2 to 'create_subprocess_exec' (string expected, got nil)")
eq("exec: a NUL in an argument", msg(asyncio.create_subprocess_exec, "echo", "a\0b"), "ValueError: embedded null byte")
eq("exec: '=' in a variable's name", msg(asyncio.create_subprocess_exec, "true", { env = { ["A=B"] = "1" } }),
  "ValueError: illegal environment variable name")
ok, e = pcall(await, asyncio.create_subprocess_exec("true", { cwd = dir .. "/nowhere" }))
eq("a missing cwd is named", tostring(e), "FileNotFoundError: [Errno 2] No such file or directory: '" .. dir ..
  "/nowhere'")
ok, e = pcall(await, asyncio.create_subprocess_exec(dir .. "-no-such-program", { cwd = "/" }))
eq("a missing program is named", tostring(e), "FileNotFoundError: [Errno 2] No such file or directory: '" .. dir ..
  "-no-such-program'")
ok, e = pcall(await, asyncio.create_subprocess_exec("sleep", "41", { stdout = PIPE, limit = 0 }))
eq("exec: limit 0", tostring(e), "ValueError: Limit cannot be <= 0")
local pgrep <close> = assert(io.popen("pgrep -f 'sleep 4[1]' -P " .. pid()))
check("exec: limit 0: no child started", not pgrep:read("l"), "a child")

-- loop:getaddrinfo: a numeric address as it is; nothing to look up is
-- Python's gaierror, not libuv's EINVAL.
local loop = asyncio.get_running_loop()
local infos = await(loop:getaddrinfo("127.0.0.1", 80))
eq("getaddrinfo of an address", infos[1][1] .. " " .. infos[1][2] .. " " .. infos[1].family, "127.0.0.1 80 inet")
for _, args in ipairs({ { nil, nil }, { "", 80 } }) do
  ok, e = pcall(await, loop:getaddrinfo(args[1], args[2]))
  eq("getaddrinfo(" .. tostring(args[1]) .. ", " .. tostring(args[2]) .. ")", tostring(e),
    "OSError: [Errno -2] Name or service not known")
  eq("its errno and strerror, as socket.gaierror's", e.errno .. " " .. e.strerror, "-2 Name or service not known")
end

-- writelines names itself and the item.
local w
r, w = await(asyncio.open_connection("127.0.0.1", port))
eq("writelines of a number", msg(w.writelines, w, { "a", 2 }),
  "bad argument #1 to 'writelines' (item 2: string expected, got number)")
w:close()
cli.finish()
