-- Shared by the I/O tests: this process's open descriptors and zombie
-- children, to check that a test leaves none behind. Loaded with
-- require("lib.fds").
local M = {}

local f = assert(io.open("/proc/self/stat"))
M.pid = f:read("n")
f:close()

-- The number of descriptors open in this process. A listing can see both
-- ends of its own popen's pipe: the write end is this process's until
-- popen closes it, which may come after the shell's ls read the folder
-- (one more, now and then; as the count before a step, one less after
-- it). The listing never sees fewer than there are: the least of three.
function M.count()
  local least
  for _ = 1, 3 do
    local p = assert(io.popen("ls /proc/" .. M.pid .. "/fd | wc -l"))
    local n = p:read("n")
    p:close()
    least = least and math.min(least, n) or n
  end
  return least - 1 -- the listing's own pipe
end

-- The number of this process's children that exited and were not reaped.
function M.zombies()
  local p = assert(io.popen("ps -o stat= --ppid " .. M.pid .. " | grep -c '^Z' || true"))
  local n = p:read("n")
  p:close()
  return n
end

-- The number of this process's children named sleep, read from /proc
-- (pgrep and ps hang under the sanitizer build's LD_PRELOAD).
function M.sleeping_children()
  local f = io.open("/proc/" .. M.pid .. "/task/" .. M.pid .. "/children")
  local list = f and f:read("a") or ""
  if f then f:close() end
  local n = 0
  for child in list:gmatch("%d+") do
    local c = io.open("/proc/" .. child .. "/comm")
    if c then
      if c:read("l") == "sleep" then n = n + 1 end
      c:close()
    end
  end
  return n
end

return M
