-- The trap of Python's reading loop in Lua: `if not data then break end`
-- never breaks, because "" -- what read() and readline() answer at the end
-- of a stream or file, as Python's b'' -- is true in Lua. Such a loop
-- spins at full CPU (a stream's read at its end does not even let the
-- other tasks run). The values stay CPython's; the trap is made visible: a
-- reader that answers "" many times in a row, each soon after the last,
-- writes once (per reader) a warning on stderr naming the test to write.
--
-- Cost: nothing on a read that gives data but a look at a field that is
-- nil unless the last read gave ""; an empty read counts, and looks at the
-- clock (a File's read after an empty one also when it begins).
local report = require "luasync.report"
local core = require "luasync.core"

local now = core.now

local M = {}

-- The streak that warns: LIMIT empty reads in a row, each begun at most GAP
-- seconds after the one before ended (a loop that polls a growing file with
-- a sleep between reads is not one that spins; a spinning loop begins its
-- next read at once, however long a file's read takes on the thread pool).
local LIMIT, GAP = 1000, 0.001

-- Notes that reader (a StreamReader or a File) answered "" from fname
-- ("StreamReader.read"), in a read begun at loop time `began` (nil: now,
-- for a read that did not wait); the LIMITth empty read of a streak warns,
-- once per reader. (reader._empty_reads: the streak's length, nil after a
-- read that gave data, false once warned; reader._empty_at: when the last
-- empty read ended.)
function M.empty_read(reader, fname, began)
  local n = reader._empty_reads
  if n == false then return end
  local t = now()
  if n == nil or (began or t) - reader._empty_at > GAP then n = 0 end
  reader._empty_at = t
  n = n + 1
  if n < LIMIT then
    reader._empty_reads = n
    return
  end
  reader._empty_reads = false
  local where = report.user_where()
  report.stderr((where and (where .. ": ") or "") .. "RuntimeWarning: " .. fname .. "() answered \"\" (the end) " ..
    LIMIT .. " times in a row: \"\" is true in Lua (Python's b'' is false), so `if not data then break end` " ..
    "never stops; test `if data == \"\" then break end`")
end

return M
