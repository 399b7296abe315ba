-- Printing helpers shared by the behaviour tests, matching
-- reference/_luastyle.py's p() and el() so both sides print the same
-- transcript.
local M = {}

-- Prints the values' tostring, separated by spaces (nil included).
function M.p(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  print(table.concat(t, " ", 1, t.n))
end

-- Seconds since t0 on the running loop's clock, one decimal.
function M.el(t0)
  return string.format("%.1f", asyncio.get_running_loop():time() - t0)
end

return M
