-- os.exit in a job raises SystemExit (threads_errors.lua); its argument is
-- checked as Lua's os.exit checks it on the loop's thread: true, false, nil
-- or an integer (2.0 and "3" convert). It took any value, so that
-- os.exit("bye") in a job ended the program with status 1 and "bye" on
-- stderr, where os.exit("bye") outside a job is a bad argument.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check

local function exit_in_job(code)
  local ok, e = pcall(await, asyncio.to_thread(function(c) os.exit(c) end, code))
  check("the job fails", not ok)
  if asyncio.SystemExit:is(e) then return "SystemExit", e.code end
  return "error", e
end

local function same(what, code, want_code)
  local kind, c = exit_in_job(code)
  eq(what .. ": SystemExit", kind, "SystemExit")
  eq(what .. ": its code", c, want_code)
  check(what .. ": an integer code", math.type(c) == "integer", c)
end
same("nil", nil, 0)
same("true", true, 0)
same("false", false, 1)
same("3", 3, 3)
same("3.0", 3.0, 3)
same("the string 4", "4", 4)

local function refused(what, code, want)
  local kind, e = exit_in_job(code)
  eq(what, kind, "error")
  eq(what .. ": the message", (tostring(e):gsub("^.-:%d+: ", "")), want)
  -- (the same as on the loop's thread)
  eq(what .. ": as outside a job", cli.error_text(function() os.exit(code) end), want)
end
refused("a string", "bye", "bad argument #1 to 'exit' (number expected, got string)")
refused("a fraction", 1.5, "bad argument #1 to 'exit' (number has no integer representation)")
refused("a table", {}, "bad argument #1 to 'exit' (number expected, got table)")
cli.finish()
