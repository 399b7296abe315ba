-- Signal names as Python's signal module has them: every name it knows on
-- Linux is known here (SIGSEGV was "unknown signal name"), with its number.
-- CPython 3.13:
--   loop.add_signal_handler(signal.SIGSEGV, print)   -> None (installed)
--   loop.add_signal_handler(signal.SIGKILL, print)   -> RuntimeError: sig 9 cannot be caught
--   [(s.name, s.value) for s in signal.Signals]      -> the numbers below (and signal.SIGCLD, 17)
local loop = asyncio.get_running_loop()
local numbers = {
  SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGIOT = 6, SIGBUS = 7,
  SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14,
  SIGTERM = 15, SIGSTKFLT = 16, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21,
  SIGTTOU = 22, SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28,
  SIGIO = 29, SIGPOLL = 29, SIGPWR = 30, SIGSYS = 31, SIGRTMIN = 34, SIGRTMAX = 64, SIGCLD = 17,
}
local failures = 0
local function check(what, ok, detail)
  if not ok then
    failures = failures + 1
    io.stderr:write("FAIL: ", what, ": ", tostring(detail), "\n")
  end
end
for name, n in pairs(numbers) do
  -- remove_signal_handler names the signal as add does: false, none set
  local ok, e = pcall(loop.remove_signal_handler, loop, name)
  check(name .. " known", ok and e == false, e)
  ok, e = pcall(loop.remove_signal_handler, loop, name:sub(4))
  check(name:sub(4) .. " known", ok and e == false, e)
  -- the same signal by name and by number: a handler set by one is removed by the other
  if n ~= 9 and n ~= 19 and n ~= 32 and n ~= 33 then
    loop:add_signal_handler(n, print)
    check(name .. " is " .. n, loop:remove_signal_handler(name) == true)
  end
end
loop:add_signal_handler("SIGSEGV", print)
check("SIGSEGV removed", loop:remove_signal_handler("SIGSEGV") == true)
local ok, e = pcall(loop.add_signal_handler, loop, "SIGKILL", print)
check("SIGKILL", not ok and tostring(e) == "RuntimeError: sig 9 cannot be caught", e)
ok, e = pcall(loop.add_signal_handler, loop, "SIGNOPE", print)
check("unknown", not ok and tostring(e) == "ValueError: unknown signal name: SIGNOPE", e)
-- A name with a NUL byte is no signal's (it was read up to the NUL: SIGTERM).
ok, e = pcall(loop.add_signal_handler, loop, "SIGTERM\0x", print)
check("a name with a NUL", not ok and tostring(e) == "ValueError: unknown signal name: SIGTERM\0x", e)
-- A signal that is neither a number nor a name is the call's bad argument,
-- at the caller's line (it was the runtime's own 'signal_number''s).
for _, bad in ipairs({ "nil", "table" }) do
  local value = bad == "table" and {} or nil
  local line = debug.getinfo(1, "l").currentline
  local add_ok, add_e = pcall(function() loop:add_signal_handler(value, print) end)
  local remove_ok, remove_e = pcall(function() loop:remove_signal_handler(value) end)
  local at = "signal_names.lua:" .. (line + 1) .. ": "
  check("add " .. bad, not add_ok and add_e == at .. "bad argument #1 to 'add_signal_handler' " ..
    "(signal number or name expected, got " .. bad .. ")", add_e)
  at = "signal_names.lua:" .. (line + 2) .. ": "
  check("remove " .. bad, not remove_ok and remove_e == at .. "bad argument #1 to 'remove_signal_handler' " ..
    "(signal number or name expected, got " .. bad .. ")", remove_e)
end
if failures > 0 then error(failures .. " check(s) failed") end
print("ok")
