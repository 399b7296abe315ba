-- SIGPIPE never kills luasync, and a script printing into a closed pipe
-- (`luasync x.lua | head -1`) ends promptly and cleanly: status 0, nothing
-- on stderr. Each case runs in a subprocess (bash -c, 3 s timeout: 124
-- means it kept running).

local LUASYNC = assert(os.getenv("LUASYNC"), "LUASYNC is not set")

local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local quote, tmpfile, slurp, run, show, fail = cli.quote, cli.tmpfile, cli.slurp, cli.run, cli.show, cli.fail
local eq, has, matches, finish = cli.eq, cli.has, cli.matches, cli.finish

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
