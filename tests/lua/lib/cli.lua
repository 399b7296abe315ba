-- Shared by tests/lua/cli_*.lua: run the binary ($LUASYNC) in a subprocess
-- and compare what it printed. Loaded with require("lib.cli") from tests/lua.
local LUASYNC = assert(os.getenv("LUASYNC"), "LUASYNC is not set")

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
-- The first line where two texts differ, for a short hint under the full texts.
local function first_difference(want, got)
  local n = 1
  local wl, gl = {}, {}
  for l in (want .. "\n"):gmatch("(.-)\n") do wl[#wl + 1] = l end
  for l in (got .. "\n"):gmatch("(.-)\n") do gl[#gl + 1] = l end
  while wl[n] == gl[n] and n <= math.max(#wl, #gl) do n = n + 1 end
  return ("first difference at line %d:\n  expected: %s\n  actual:   %s"):format(
    n, wl[n] and ("%q"):format(wl[n]) or "(end)", gl[n] and ("%q"):format(gl[n]) or "(end)")
end
local function eq(what, got, want)
  if got ~= want then
    if type(got) == "string" and type(want) == "string" then
      fail(what, "--- expected\n" .. show(want) .. "--- actual\n" .. show(got) .. "--- " ..
        first_difference(want, got))
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
-- check(what, ok[, detail]): a failure unless ok; detail says what was seen.
local function check(what, ok, detail)
  if not ok then fail(what, detail ~= nil and tostring(detail) or "(false)") end
end
-- error_text(f, ...): the text of the error f(...) raises, without the
-- "file:line: " it starts with; a failure when it raises nothing.
local function error_text(f, ...)
  local ok, e = pcall(f, ...)
  check("raises", not ok, "it raised nothing")
  return (tostring(e):gsub("^[^:]*:%d+: ", ""))
end
-- Removes the temporary files made so far (finish does too).
local function cleanup()
  for _, p in ipairs(temps) do os.remove(p) end
  temps = {}
end
local function finish()
  cleanup()
  if failures > 0 then error(failures .. " check(s) failed (see above)", 0) end
  print("ok")
end

return {
  quote = quote, tmpfile = tmpfile, slurp = slurp, run = run, show = show, fail = fail,
  eq = eq, has = has, matches = matches, check = check, error_text = error_text, finish = finish, cleanup = cleanup,
}
