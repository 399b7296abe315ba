-- The REPL's bad input (issue 3, "Bad input"), with stdin a pipe
-- (`luasync -i`): runaway recursion, an error object whose __tostring fails,
-- binary garbage, a 1 MB line, running out of memory (LUASYNC_MEMORY_LIMIT),
-- a reader of stdout that goes away. Each gets a clear message, or a clean
-- exit for the closed stdout, and the REPL neither crashes nor hangs: the
-- input `"alive"` that follows still prints, the session exits 0.

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

-- Feeds `input` (text, or a path with `from_file`) to `luasync -i`, then
-- `"alive"`; checks the message, the next input, the status and the time.
local function session(what, input, needle, env)
  local path = tmpfile(input .. '\n"alive"\n')
  local out, err, code, ms = run((env or "") .. ' "$L" -i <' .. quote(path), nil, 10)
  local all = out .. err
  eq(what .. ": status (124: hung)", code, 0)
  has(what .. ": the message", all, needle)
  has(what .. ": the next input runs", out, '> "alive"\n"alive"\n> \n')
  if ms > 8000 then fail(what .. ": elapsed", ("took %d ms"):format(ms)) end
end

session("runaway recursion", "function f() return 1 + f() end\nf()", "stack overflow")
session("an error object whose __tostring fails",
  [[error(setmetatable({}, {__tostring = function() error("bad tostring") end}))]], "__tostring")
session("binary garbage", "\1\2\255\254 garbage \0 here", "stdin:1:")
session("a 1 MB line", 'x = "' .. ("a"):rep(1 << 20) .. '"\n#x', "> #x\n1048576\n")
session("running out of memory",
  't = {} for i = 1, 1e9 do t[i] = ("x"):rep(1000) .. i end\nt = nil collectgarbage()',
  "not enough memory", "LUASYNC_MEMORY_LIMIT=64")

-- stdout's reader goes away while an input prints forever: a clean exit.
do
  local path = tmpfile('while true do print("line") end\n')
  local out, err, code, ms = run('"$L" -i <' .. quote(path) .. ' | head -1\necho "statuses ${PIPESTATUS[0]} ${PIPESTATUS[1]}"', nil, 5)
  eq("closed stdout: the pipeline ended (124: timed out)", code, 0)
  matches("closed stdout: head's line, then the statuses", out, "^luasync [^\n]*\nstatuses 0 0\n$")
  eq("closed stdout: stderr", err, "")
  if ms > 3000 then fail("closed stdout: elapsed", ("took %d ms"):format(ms)) end
end

finish()
