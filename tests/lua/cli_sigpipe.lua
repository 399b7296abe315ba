-- SIGPIPE never kills luasync, and a script printing into a closed pipe
-- (`luasync x.lua | head -1`) ends promptly and cleanly: status 0, nothing
-- on stderr. Each case runs in a subprocess (bash -c, 3 s timeout: 124
-- means it kept running).

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

local function pipe_case(what, source, want_status)
  local s = tmpfile(source)
  local out, err, code, ms = run('"$L" ' .. s .. ' | head -1\necho "statuses ${PIPESTATUS[0]} ${PIPESTATUS[1]}"', nil, 3)
  eq(what .. ": the pipeline ended (124: timed out)", code, 0)
  eq(what .. ": stdout (head's line, then the statuses)", out, "line 1\nstatuses " .. want_status .. " 0\n")
  eq(what .. ": stderr", err, "")
  if ms > 2000 then fail(what .. ": elapsed", ("took %d ms"):format(ms)) end
end

-- print forever, yielding to the loop between prints
pipe_case("print + sleep(0)", [[
local i = 0
while true do
  i = i + 1
  print("line " .. i)
  await(asyncio.sleep(0))
end
]], 0)

-- print forever from another task, the main task waiting for it
pipe_case("print in a task", [[
local t = asyncio.spawn(function()
  local i = 0
  while true do
    i = i + 1
    print("line " .. i)
    await(asyncio.sleep(0))
  end
end)
await(t)
]], 0)

-- print forever without ever yielding
pipe_case("print, no await", [[
local i = 0
while true do
  i = i + 1
  print("line " .. i)
end
]], 0)

-- io.write forever (Lua's other way to print), yielding between writes
pipe_case("io.write + sleep(0)", [[
local i = 0
while true do
  i = i + 1
  io.write("line ", i, "\n")
  await(asyncio.sleep(0))
end
]], 0)

-- SIGPIPE itself is ignored: writing to a closed pipe reports EPIPE to the script
local out, err, code = run([["$L" -e 'local f = io.popen("exec true", "w") os.execute("sleep 0.1") ]] ..
  [[local ok, e = f:write(string.rep("x", 1 << 20)) if ok then ok, e = f:flush() end print(ok, e)']], nil, 3)
eq("write to a closed pipe: status", code, 0)
eq("write to a closed pipe: stdout", out, "nil\tBroken pipe\n")
eq("write to a closed pipe: stderr", err, "")

finish()
