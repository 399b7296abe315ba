-- Which stream the REPL writes what to (issue 3 / DESIGN.md §3), with stdin
-- a pipe (`luasync -i`): the banner, prompts with the echoed input, values
-- and the exit summary on stdout; errors, tracebacks and the report of a
-- background task's unretrieved error on stderr.

local LUASYNC = assert(os.getenv("LUASYNC"), "LUASYNC is not set")

-- helpers (the same in every tests/lua/cli_*.lua) ---------------------------
local function quote(s) return "'" .. s:gsub("'", [['\'']]) .. "'" end
local temps = {}
local function tmpfile(text)
  local path = os.tmpname()
  temps[#temps + 1] = path
  if text then
    local f = assert(io.open(path, "wb"))
    f:write(text)
    f:close()
  end
  return path
end
local function slurp(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end
-- Runs `script` with bash (stdin from `stdin` text or /dev/null) under a
-- timeout; answers stdout, stderr, exit status (124: timed out), elapsed ms.
local function run(script, stdin, limit)
  local out, err, st = tmpfile(), tmpfile(), tmpfile()
  local inp = stdin and tmpfile(stdin) or "/dev/null"
  local body = "unset LUA_INIT LUA_INIT_5_4 LUA_PATH LUA_PATH_5_4 LUA_CPATH LUA_CPATH_5_4\nexport L=" ..
    quote(LUASYNC) .. "\n" .. script
  os.execute(("s=$(date +%%s%%N); timeout -k 1 %d bash -c %s <%s >%s 2>%s; c=$?; e=$(date +%%s%%N); " ..
    "echo $c $(( (e - s) / 1000000 )) >%s"):format(limit or 10, quote(body), inp, out, err, st))
  local code, ms = slurp(st):match("(%d+) (%d+)")
  return slurp(out), slurp(err), tonumber(code), tonumber(ms)
end
local failures = 0
local function show(s)
  local shown = s:gsub("[^\n]*\n?", function(l) return l ~= "" and "  |" .. l or "" end)
  if s ~= "" and s:sub(-1) ~= "\n" then shown = shown .. "\n  (no newline at end)\n" end
  return shown
end
local function fail(what, detail)
  failures = failures + 1
  io.stderr:write("FAIL: ", what, "\n", detail, "\n")
end
local function eq(what, got, want)
  if got ~= want then
    if type(got) == "string" and type(want) == "string" then
      fail(what, "--- expected\n" .. show(want) .. "--- actual\n" .. show(got) .. "--- end")
    else
      fail(what, ("expected %s, got %s"):format(tostring(want), tostring(got)))
    end
  end
end
local function has(what, got, needle)
  if not got:find(needle, 1, true) then
    fail(what, "--- expected to contain\n" .. show(needle) .. "--- actual\n" .. show(got) .. "--- end")
  end
end
local function matches(what, got, pattern)
  if not got:find(pattern) then
    fail(what, "--- expected to match " .. pattern .. "\n--- actual\n" .. show(got) .. "--- end")
  end
end
local function finish()
  for _, p in ipairs(temps) do os.remove(p) end
  if failures > 0 then error(failures .. " check(s) failed (see above)", 0) end
  print("ok")
end
-------------------------------------------------------------------------------

local BANNER2 = "Use await(...) directly instead of asyncio.run(). Type help() for a tour, exit() or Ctrl-D to leave.\n"
local version = io.popen(LUASYNC .. " -v"):read("l")

local input = table.concat({
  '1 + 1',
  'error("boom")',
  'asyncio.spawn(function() await(asyncio.sleep(1)) error("bg boom") end)',
  'await(asyncio.sleep(2))',
  'waiter = asyncio.spawn(function() await(asyncio.sleep(60)) end)',
}, "\n") .. "\n"
local out, err, code = run('"$L" -i --clock=virtual', input)
eq("status", code, 0)
eq("stdout", out, version .. "\n" .. BANNER2 ..
  "> 1 + 1\n2\n" ..
  '> error("boom")\n' ..
  '> asyncio.spawn(function() await(asyncio.sleep(1)) error("bg boom") end)\n' ..
  "<Task pending name='Task-5' coro=<stdin:1() running at stdin:1> wait_for=<Future pending cb=[Task.task_wakeup()]>>\n" ..
  "> await(asyncio.sleep(2))\n" ..
  "> waiter = asyncio.spawn(function() await(asyncio.sleep(60)) end)\n" ..
  "> \n" ..
  "cancelled 1 pending task\n")
matches("stderr: the error, then the background report", err,
  "^stdin:1: boom\nstack traceback:\n.*Task exception was never retrieved\nfuture: <Task finished name='Task%-5'.*bg boom")
eq("stderr: the background report once", select(2, err:gsub("Task exception was never retrieved", "")), 1)

-- The same with a terminal-less stdin and no -i: a script, not the REPL.
out, err, code = run('"$L"', 'print(1 + 1)\n')
eq("no -i: a script: status", code, 0)
eq("no -i: a script: stdout", out, "2\n")
eq("no -i: a script: stderr", err, "")

finish()
