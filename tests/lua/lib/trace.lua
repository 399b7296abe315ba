-- Shared by the tracing tests (tests/lua/debug/trace_*.lua): run a script
-- with --trace=FILE.json under the virtual clock and read its events back
-- per track. Loaded with require("lib.trace").
local cli = require "lib.cli"
local cjson = require "cjson"
local eq, check = cli.eq, cli.check

local json = cli.tmpfile()
os.remove(json)
json = json .. ".json"

-- trace_of(what, source[, options[, status]]): the trace of the script
-- `source` run with `options` (0 its exit status unless said), as
-- {track name = {spans = "step 0 0, wait sleep 0 1", marks = "cancel requested 1",
-- arrows = "wake from producer 0.5"}} (times in seconds), and its text.
local function trace_of(what, source, options, want_status)
  local script = cli.tmpfile(source)
  local _, err, status = cli.run("$L --clock=virtual " .. (options or "") .. " --trace=" .. json .. " " .. script)
  eq(what .. ": status", status, want_status or 0)
  local f = io.open(json, "rb")
  if not f then
    cli.fail(what .. ": no trace", err)
    return {}
  end
  local text = f:read("a")
  f:close()
  os.remove(json)
  check(what .. ": valid UTF-8", utf8.len(text) ~= nil)
  local events = cjson.decode(text).traceEvents
  local names, tracks = {}, {}
  for _, e in ipairs(events) do
    if e.name == "thread_name" then
      names[e.tid] = e.args.name
      tracks[e.args.name] = { spans = {}, marks = {}, arrows = {} }
    end
  end
  local starts = {}
  for _, e in ipairs(events) do
    local tr = tracks[names[e.tid]] or { spans = {}, marks = {}, arrows = {} }  -- (tid 0: the process's own)
    local s = function(us) return ("%g"):format(tonumber(us) / 1e6) end
    if e.ph == "X" then
      tr.spans[#tr.spans + 1] = ("%s %s %s"):format(e.name, s(e.ts), s(e.dur))
    elseif e.ph == "i" then
      tr.marks[#tr.marks + 1] = ("%s %s"):format(e.name, s(e.ts))
    elseif e.ph == "s" then
      starts[e.id] = names[e.tid]
    elseif e.ph == "f" and e.name ~= "create" then
      tr.arrows[#tr.arrows + 1] = ("%s from %s %s"):format(e.name, starts[e.id], s(e.ts))
    end
  end
  for _, tr in pairs(tracks) do
    tr.spans = table.concat(tr.spans, ", ")
    tr.marks = table.concat(tr.marks, ", ")
    tr.arrows = table.concat(tr.arrows, ", ")
  end
  return tracks, text
end

return { trace_of = trace_of }
