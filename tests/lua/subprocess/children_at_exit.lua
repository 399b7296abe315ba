-- The program's end leaves none of its children running, as CPython's
-- subprocess transport kills its child when it is closed or collected:
-- a script that ends, one that fails, the REPL's exit() and its Ctrl-D.
-- A child already reaped is left be; os.exit(n) leaves at once, as
-- Python's os._exit, and its children with it.
local cli = require "lib.cli"
local eq, fail = cli.eq, cli.fail

-- Whether the process is running: not gone, and not a zombie its new
-- parent has yet to reap.
local function running(pid)
  local f = io.open("/proc/" .. pid .. "/stat")
  if not f then return false end
  local stat = f:read("a")
  f:close()
  return stat:match("^%d+ %b() (%a)") ~= "Z"
end

local left = {}
local function check(what, out, code, want_code, want_running)
  eq(what .. ": exit status", code, want_code)
  local pid = out:match("pid (%d+)")
  if not pid then return fail(what .. ": no pid printed", out) end
  local alive = running(pid)
  for _ = 1, 40 do
    if alive == want_running then break end
    os.execute("sleep 0.05")
    alive = running(pid)
  end
  if alive then left[#left + 1] = pid end
  eq(what .. ": child running after the end", alive, want_running)
end

local start = 'local p = await(asyncio.create_subprocess_exec("sleep", "30")); print("pid " .. p.pid)'
local script = cli.tmpfile(start .. "\n")
local out, _, code = cli.run('"$L" ' .. cli.quote(script))
check("a script that ends", out, code, 0, false)

script = cli.tmpfile(start .. '\nerror("boom")\n')
out, _, code = cli.run('"$L" ' .. cli.quote(script))
check("a script that fails", out, code, 1, false)

out, _, code = cli.run('"$L" -i', start .. "\nexit()\n")
check("the REPL's exit()", out, code, 0, false)

out, _, code = cli.run('"$L" -i', start .. "\n")
check("the REPL's end of input", out, code, 0, false)

-- A child that ended by itself is not signalled (its status stays its own).
script = cli.tmpfile('local p = await(asyncio.create_subprocess_exec("true")); print("pid " .. p.pid, await(p:wait()))\n')
out, _, code = cli.run('"$L" ' .. cli.quote(script))
eq("a child that ended: its status", out:match("pid %d+\t(%-?%d+)"), "0")

script = cli.tmpfile(start .. "\nos.exit(3)\n")
out, _, code = cli.run('"$L" ' .. cli.quote(script))
check("os.exit(3)", out, code, 3, true)

for _, pid in ipairs(left) do os.execute("kill -9 " .. pid .. " 2>/dev/null") end
cli.finish()
