-- Printing helpers shared by the behaviour tests, matching
-- lib/_luastyle.py's p() and el() so both sides print the same
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

-- expect(cls, pcall(f, ...)) -> the error, which must be an instance of the
-- error class cls; anything else (no error, another error) fails the test.
function M.expect(cls, ok, e)
  if ok or not cls:is(e) then error("expected " .. tostring(cls) .. ", got " .. tostring(e), 2) end
  return e
end

-- A queue's size and state, as the queue tests print it.
function M.queue_state(q)
  return ("qsize=%d empty=%s full=%s"):format(q:qsize(), tostring(q:empty()), tostring(q:full()))
end

return M
