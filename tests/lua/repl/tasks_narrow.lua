-- tasks() (and luasync ps) in a narrow terminal: names that differ only at
-- their end stay apart. Other columns give way first, and the waiting-on
-- cell goes below its row, before a name is cut; a name that must be cut
-- and would then read as another's is cut in its middle instead
-- ("worke…mber-1"), never into "worker-numb…" three times.
local cli = require "lib.cli"
local eq = cli.eq
local format = require("luasync.listing").format

local HEADER = { "TASK", "STATE", "WHERE", "WAITING ON" }
local rows = {}
for i = 1, 3 do rows[i] = { "worker-number-" .. i, "pending", "-", ("sleep 10%d.0 s left"):format(i) } end

eq("40 columns: the names whole, what they wait on below", format(HEADER, rows, 40), table.concat({
  "TASK             STATE    WHERE",
  "    WAITING ON",
  "worker-number-1  pending  -",
  "    sleep 101.0 s left",
  "worker-number-2  pending  -",
  "    sleep 102.0 s left",
  "worker-number-3  pending  -",
  "    sleep 103.0 s left",
}, "\n"))
eq("28 columns: the names cut in their middle", format(HEADER, rows, 28), table.concat({
  "TASK          STATE    WHERE",
  "    WAITING ON",
  "worke…mber-1  pending  -",
  "    sleep 101.0 s left",
  "worke…mber-2  pending  -",
  "    sleep 102.0 s left",
  "worke…mber-3  pending  -",
  "    sleep 103.0 s left",
}, "\n"))
-- Names apart at their start are cut at their end, as before; the file's
-- name gives up its start before the name is cut.
local other = {
  { "alpha-task-name-long", "pending", "/home/u/dir/lesson_file.lua:12", "sleep 1.0 s left" },
  { "beta", "pending", "/home/u/dir/lesson_file.lua:13", "sleep 1.0 s left" },
}
eq("60 columns: one line each", format(HEADER, other, 60), table.concat({
  "TASK                 STATE    WHERE         WAITING ON",
  "alpha-task-name-lo…  pending  …file.lua:12  sleep 1.0 s left",
  "beta                 pending  …file.lua:13  sleep 1.0 s left",
}, "\n"))
eq("40 columns", format(HEADER, other, 40), table.concat({
  "TASK              STATE    WHERE",
  "    WAITING ON",
  "alpha-task-name…  pending  …file.lua:12",
  "    sleep 1.0 s left",
  "beta              pending  …file.lua:13",
  "    sleep 1.0 s left",
}, "\n"))
cli.finish()
