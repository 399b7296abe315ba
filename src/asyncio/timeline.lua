-- Drawing a trace record (asyncio/trace.lua): in the terminal (`luasync
-- --timeline`, timeline() at the REPL), as Chrome trace events (Perfetto,
-- chrome://tracing) and as one self-contained HTML page with an SVG.
local floor, max, min = math.floor, math.max, math.min
local format, rep, concat = string.format, string.rep, table.concat
local byte, gsub, sub = string.byte, string.gsub, string.sub
local ipairs = ipairs
local width_of = require "luasync.width"  -- names in columns (a Japanese name takes two a character)
local valid = width_of.valid  -- JSON and HTML are UTF-8: a name's stray bytes are shown as "�"

local M = {}

-- Times are differences of the loop's clock, whose origin is any
-- instant: 0.3 s may come out as 0.29999999999563 or 0.30000000000291.
-- Comparisons and roundings allow for that much, so that the picture of a
-- run under the virtual clock is the same at every run.
local kSlack = 1e-9

-- A tick step for the axis: 1, 2 or 5 times a power of ten, so that ticks
-- stand at least `min_cols` columns apart.
local function tick_step(span, cols, min_cols)
  local want = span * min_cols / max(cols, 1) * (1 - kSlack)
  local p = 10 ^ floor(math.log(max(want, 1e-9), 10) + kSlack)
  for _, m in ipairs({ 1, 2, 5, 10 }) do
    if m * p >= want then return m * p end
  end
  return 10 * p
end

-- t seconds as an axis or a tooltip shows it: in milliseconds when the
-- ticks are finer than one (step), else in seconds, without trailing zeros.
local function seconds(t, step)
  local unit, v = "s", t
  if (step or t) < 0.001 and t ~= 0 or (step and step < 0.001) then unit, v = "ms", t * 1000 end
  local s = gsub(gsub(format("%.3f", v), "0+$", ""), "%.$", "")
  return s .. unit
end

-- How a row's task ended. "unknown": it was still going when recording
-- stopped (the limit), and is no longer pending now: when and how it ended
-- nobody saw.
local function status_of(r)
  if r.state == "failed" then return "failed: " .. (r.error or "?") end
  if r.state == "exited" then return "os.exit(" .. r.exit_status .. ")" end
  if r.state == "unknown" then return "end unknown (recording stopped)" end
  return r.state or "pending"
end

-- Ready, waiting for the loop to run it: a hover's words for a ready span
-- {t0, t1, label}.
local function ready_words(label)
  if label == nil then return "ready, waiting for the loop" end
  if label == "sleep(0)" then return "ready, waiting for the loop (after sleep(0))" end
  return "ready, waiting for the loop (in " .. label .. ")"
end

-- A status ("failed: " and an error's message) takes at most this many
-- columns of a row, in the terminal and in the HTML page.
local kStatusColumns = 48

-- The record as lines of text, `width` columns wide; colour with ANSI codes.
-- max_rows (optional): draw the first max_rows tasks only, and say how many
-- more there were, and `how` to draw them all.
function M.text(rec, width, colour, max_rows, how)
  width = max(width or 80, 12)
  if #rec.rows == 0 then return "timeline: no task ran" end
  local rows, more = require("luasync.listing").cap(rec.rows, max_rows, how)
  local note = rec.truncated and ("; recording stopped after " .. rec.limit .. " events") or ""
  local name_w, status_w = 4, 4
  for _, r in ipairs(rows) do
    name_w = max(name_w, min(width_of.of(width_of.one_line(r.name)), 20))
    status_w = max(status_w, min(width_of.of(width_of.one_line(status_of(r))), kStatusColumns))
  end
  -- Rows fit the width: the bar keeps at least kMinBar columns; the name
  -- gives way first (down to 10 columns), then the status, then the name
  -- again (cut with "…"). Narrower than that (under 30 columns), a row's
  -- status goes on a line of its own below it, and the name takes at most
  -- a third of the width.
  local kMinBar = 12
  local spare = width - kMinBar - 4  -- (a row leaves the last column free: some terminals wrap there)
  if name_w + status_w > spare then name_w = max(spare - status_w, min(name_w, 10)) end
  if name_w + status_w > spare then status_w = max(spare - name_w, 8) end
  if name_w + status_w > spare then name_w = max(spare - status_w, 6) end
  local below = name_w + status_w > spare
  local bar_w
  if below then
    name_w = min(name_w, (width - 2) // 3)
    status_w = width - 3
    bar_w = width - name_w - 2
  else
    bar_w = width - name_w - status_w - 4
  end
  local t_start, t_stop = rec.start, rec.stop
  local span = t_stop - t_start
  local function col(t)
    if span <= 0 then return 1 end
    return min(bar_w, floor((t - t_start) / span * (bar_w - 1) + 0.5 + kSlack) + 1)
  end
  local function paint(s, code) return colour and ("\27[" .. code .. "m" .. s .. "\27[0m") or s end
  -- A ready span is drawn when it lasted at least half a column (a wake-up
  -- a millisecond late under the real clock is no picture of a task held
  -- back); the step it ends in is drawn over its last column.
  local half_column = span / max(bar_w - 1, 1) / 2
  local ready_cell = paint("░", "33")
  local any_ready = false
  local out = {}
  for _, r in ipairs(rows) do
    local cells = {}
    for i = 1, bar_w do cells[i] = " " end
    local last = r.ended or t_stop
    for i = col(r.created), col(last) do cells[i] = paint("─", "2") end
    for _, s in ipairs(r.readies or {}) do
      if s[2] - s[1] >= half_column - kSlack then
        for i = col(s[1]), col(s[2]) do cells[i] = ready_cell end
      end
    end
    for _, s in ipairs(r.steps) do
      for i = col(s[1]), col(s[2]) do cells[i] = paint("█", "32") end
    end
    for i = 1, bar_w do any_ready = any_ready or cells[i] == ready_cell end
    local status = width_of.one_line(status_of(r), status_w)  -- (an error's text may hold a newline)
    if r.state == "cancelled" then
      status = paint(status, "33")
    elseif r.state == "failed" then
      status = paint(status, "31")
    end
    local bar = width_of.pad(width_of.one_line(r.name, name_w), name_w) .. " " .. concat(cells)
    if below then
      out[#out + 1] = (gsub(bar, " +$", ""))
      out[#out + 1] = "  " .. status
    else
      out[#out + 1] = bar .. "  " .. status
    end
  end
  if more then out[#out + 1] = width_of.fit(more, width - 1) end
  -- The axis: a tick label every so often, in seconds from the start.
  local axis = {}
  for i = 1, bar_w do axis[i] = " " end
  if span > 0 then
    local step = tick_step(span, bar_w, 10)
    local t, free = 0, 1  -- free: the first column no label uses
    while t <= span + kSlack do
      local label = seconds(t, step)
      -- At its tick, or ending at the last column when it would overrun.
      local c = min(col(t_start + t), bar_w - #label + 1)
      if c >= free and c >= 1 then
        for k = 1, #label do axis[c + k - 1] = sub(label, k, k) end
        free = c + #label + 1
      end
      t = t + step
    end
    -- The end of the span is labelled too when the ticks stopped short of
    -- it and there is room (a span of 5.5 s with ticks every 10 s: "0s" only).
    local label = seconds(span, step)
    local c = bar_w - #label + 1
    if t - step < span - step / 2 and c >= free and c >= 1 then
      for k = 1, #label do axis[c + k - 1] = sub(label, k, k) end
    end
  else
    axis[1] = "0s"
  end
  out[#out + 1] = rep(" ", name_w + 1) .. gsub(concat(axis), "%s+$", "")
  -- The legend names the ready cells only when a row shows some.
  local entries = { paint("█", "32") .. " running" }
  local entry_w = { 9 }
  if any_ready then
    entries[#entries + 1] = ready_cell .. " ready, waiting for the loop"
    entry_w[#entry_w + 1] = 29
  end
  entries[#entries + 1] = paint("─", "2") .. " waiting"
  entry_w[#entry_w + 1] = 9
  local legend, legend_w = concat(entries, "  "), 0
  for _, w in ipairs(entry_w) do legend_w = legend_w + w + 2 end
  legend_w = legend_w - 2
  local summary = format("(%s in all; %d task%s%s)", seconds(span), #rec.rows, #rec.rows == 1 and "" or "s", note)
  if legend_w + 3 + width_of.of(summary) < width then
    out[#out + 1] = legend .. "   " .. summary
  elseif legend_w < width then
    out[#out + 1] = legend
    out[#out + 1] = width_of.fit(summary, width - 1)
  else
    for _, e in ipairs(entries) do out[#out + 1] = e end
    out[#out + 1] = width_of.fit(summary, width - 1)
  end
  return concat(out, "\n")
end

---------------------------------------------------------------------------
-- Chrome trace events (JSON): one track per task, a span per step and per
-- wait (named by what it waited on), flow arrows from a parent to the
-- tasks it made and from a setter to the task it woke.

local function json_string(s)
  return '"' .. gsub(valid(tostring(s)), '[%c"\\]', function(c)
    if c == '"' then return '\\"' elseif c == "\\" then return "\\\\" end
    return format("\\u%04x", byte(c))
  end) .. '"'
end

function M.chrome_json(rec)
  local ev = {}
  local function us(t) return format("%.3f", (t - rec.start) * 1e6) end
  ev[#ev + 1] = '{"name":"process_name","ph":"M","pid":1,"tid":0,"args":{"name":"luasync"}}'
  for _, r in ipairs(rec.rows) do
    ev[#ev + 1] = format('{"name":"thread_name","ph":"M","pid":1,"tid":%d,"args":{"name":%s}}', r.id,
      json_string(r.name))
    ev[#ev + 1] = format('{"name":"thread_sort_index","ph":"M","pid":1,"tid":%d,"args":{"sort_index":%d}}', r.id,
      r.id)
    for _, s in ipairs(r.steps) do
      ev[#ev + 1] = format('{"name":"step","cat":"step","ph":"X","pid":1,"tid":%d,"ts":%s,"dur":%s}', r.id,
        us(s[1]), format("%.3f", (s[2] - s[1]) * 1e6))
    end
    for _, w in ipairs(r.waits) do
      ev[#ev + 1] = format('{"name":%s,"cat":"wait","ph":"X","pid":1,"tid":%d,"ts":%s,"dur":%s,"cname":"grey"}',
        json_string("wait " .. (w[3] ~= "" and w[3] or "")), r.id, us(w[1]), format("%.3f", (w[2] - w[1]) * 1e6))
    end
    for _, w in ipairs(r.readies or {}) do
      ev[#ev + 1] = format('{"name":%s,"cat":"ready","ph":"X","pid":1,"tid":%d,"ts":%s,"dur":%s,"cname":"yellow"}',
        json_string(w[3] and ("ready (" .. w[3] .. ")") or "ready"), r.id, us(w[1]), format("%.3f", (w[2] - w[1]) * 1e6))
    end
    for _, t in ipairs(r.cancels or {}) do
      ev[#ev + 1] = format('{"name":"cancel requested","cat":"cancel","ph":"i","s":"t","pid":1,"tid":%d,"ts":%s}',
        r.id, us(t))
    end
    if r.state and r.state ~= "done" then
      ev[#ev + 1] = format('{"name":%s,"cat":"end","ph":"i","s":"t","pid":1,"tid":%d,"ts":%s}',
        json_string(status_of(r)), r.id, us(r.ended or rec.stop))
    end
  end
  for i, f in ipairs(rec.flows) do
    ev[#ev + 1] = format('{"name":"%s","cat":"%s","ph":"s","id":%d,"pid":1,"tid":%d,"ts":%s}', f.kind, f.kind, i,
      f.from, us(f.t))
    ev[#ev + 1] = format('{"name":"%s","cat":"%s","ph":"f","bp":"e","id":%d,"pid":1,"tid":%d,"ts":%s}', f.kind,
      f.kind, i, f.to, us(f.t))
  end
  if rec.truncated then
    ev[#ev + 1] = format('{"name":"recording stopped after %d events (steps and tasks made)","cat":"trace",' ..
      '"ph":"i","s":"g","pid":1,"tid":0,"ts":%s}', rec.limit, us(rec.stop))
  end
  return '{"traceEvents":[\n' .. concat(ev, ",\n") .. '\n],"displayTimeUnit":"ms"}\n'
end

---------------------------------------------------------------------------
-- One HTML page: an SVG timeline, a row per task, steps in green, waits in
-- grey, the times a task was ready and waited for the loop in amber, a ✗ where a task failed or was asked the cancel that ended it;
-- hovering anything shows its details (SVG <title>, no script at all).

local function esc(s)
  return (gsub(valid(tostring(s)), "[&<>\"]", { ["&"] = "&amp;", ["<"] = "&lt;", [">"] = "&gt;", ['"'] = "&quot;" }))
end

function M.html(rec, title)
  local rows = rec.rows
  -- The names' and the statuses' columns are as wide as their longest text
  -- (a character takes 8 px, a wide one 16), up to a limit: a longer text
  -- is cut with "…", and hovering it shows it whole.
  local kPx, kNameCols = 8, 30
  local name_cols, status_cols = 8, 9
  for _, r in ipairs(rows) do
    name_cols = min(max(name_cols, width_of.of(width_of.one_line(r.name))), kNameCols)
    status_cols = min(max(status_cols, width_of.of(width_of.one_line(status_of(r)))), kStatusColumns)
  end
  local row_h, name_w, bar_w, top = 26, name_cols * kPx + 16, 900, 40
  local function shown(s, cols)
    local line = width_of.one_line(s)
    local cut = width_of.fit(line, cols)
    if cut == line then return esc(line) end
    return esc(cut) .. "<title>" .. esc(s) .. "</title>"
  end
  local span = rec.stop - rec.start
  local function x(t)
    if span <= 0 then return name_w end
    return name_w + (t - rec.start) / span * bar_w
  end
  local h = top + #rows * row_h + 66  -- (the legend takes two lines)
  local svg = {}
  local function add(s) svg[#svg + 1] = s end
  add(format('<svg xmlns="http://www.w3.org/2000/svg" width="%d" height="%d" font-family="monospace" ' ..
    'font-size="13">', name_w + bar_w + status_cols * kPx + 16, h))
  -- axis
  local step = span > 0 and tick_step(span, bar_w / 8, 10) or 1
  local t = 0
  while span > 0 and t <= span + kSlack do
    local xx = x(rec.start + t)
    add(format('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#ddd"/>', xx, top - 10, xx, top + #rows * row_h))
    add(format('<text x="%.1f" y="%d" text-anchor="middle" fill="#555">%s</text>', xx, top - 14, seconds(t, step)))
    t = t + step
  end
  for i, r in ipairs(rows) do
    local y = top + (i - 1) * row_h
    add(format('<g class="task" data-name="%s">', esc(r.name)))
    add(format('<text x="4" y="%d">%s</text>', y + 17, shown(r.name, name_cols)))
    add(format('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="#f4f4f4"><title>%s: created at %s, %s</title>' ..
      '</rect>', x(r.created), y + 4, max(x(r.ended or rec.stop) - x(r.created), 1), row_h - 8, esc(r.name),
      seconds(r.created - rec.start), esc(status_of(r))))
    for _, w in ipairs(r.waits) do
      add(format('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="#bbb"><title>%s waits on %s: %s to %s' ..
        '</title></rect>', x(w[1]), y + 10, max(x(w[2]) - x(w[1]), 1), row_h - 20, esc(r.name), esc(w[3]),
        seconds(w[1] - rec.start), seconds(w[2] - rec.start)))
    end
    -- A ready span as wide as it lasted: under the real clock each step
    -- comes a few microseconds after its wake-up, no picture of a task held
    -- back (the JSON keeps them all).
    for _, w in ipairs(r.readies or {}) do
      if x(w[2]) - x(w[1]) >= 0.5 then
        add(format('<rect class="ready" x="%.1f" y="%d" width="%.1f" height="%d" fill="#e8a317"><title>%s %s: %s to ' ..
          '%s</title></rect>', x(w[1]), y + 7, x(w[2]) - x(w[1]), row_h - 14, esc(r.name), esc(ready_words(w[3])),
          seconds(w[1] - rec.start), seconds(w[2] - rec.start)))
      end
    end
    for _, s in ipairs(r.steps) do
      add(format('<rect x="%.1f" y="%d" width="%.1f" height="%d" fill="#2a2"><title>%s runs: %s to %s</title>' ..
        '</rect>', x(s[1]), y + 4, max(x(s[2]) - x(s[1]), 2), row_h - 8, esc(r.name), seconds(s[1] - rec.start),
        seconds(s[2] - rec.start)))
    end
    local colour = r.state == "failed" and "#c00" or r.state == "cancelled" and "#c80" or "#555"
    add(format('<text x="%d" y="%d" fill="%s">%s</text>', name_w + bar_w + 8, y + 17, colour,
      shown(status_of(r), status_cols)))
    -- A cancelled task's ✗ stands where the cancel() that ended it was
    -- asked (its last), a failed task's where it failed; a cancel() it
    -- survived (a timeout's, an uncancel()) is an orange tick.
    local cancels = r.cancels or {}
    local last_cancel = r.state == "cancelled" and cancels[#cancels] or nil
    for _, t in ipairs(cancels) do
      if t ~= last_cancel then
        add(format('<line x1="%.1f" y1="%d" x2="%.1f" y2="%d" stroke="#c80" stroke-width="2"><title>%s: cancel ' ..
          'requested at %s</title></line>', x(t), y + 4, x(t), y + row_h - 4, esc(r.name), seconds(t - rec.start)))
      end
    end
    if r.state == "failed" or r.state == "cancelled" then
      local at = last_cancel or r.ended
      local what = last_cancel and format("cancel requested at %s; %s at %s", seconds(at - rec.start),
        status_of(r), seconds(r.ended - rec.start)) or format("%s at %s", status_of(r), seconds(at - rec.start))
      add(format('<text x="%.1f" y="%d" fill="%s" font-weight="bold">✗<title>%s: %s</title></text>', x(at) - 4,
        y + 18, colour, esc(r.name), esc(what)))
    end
    add("</g>")
  end
  for _, f in ipairs(rec.flows) do
    if f.kind == "create" then
      local y1, y2 = top + (f.from - 1) * row_h + row_h / 2, top + (f.to - 1) * row_h + 4
      add(format('<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="#36c" stroke-width="1" ' ..
        'opacity="0.6"><title>created by %s</title></line>', x(f.t), y1, x(f.t), y2, esc(rows[f.from].name)))
    end
  end
  add(format('<text x="4" y="%d" fill="#555">green: running a step; amber: ready, waiting for the loop; ' ..
    'grey: waiting (hover for what on)</text>', h - 28))
  add(format('<text x="4" y="%d" fill="#555">✗ failed, or asked to cancel; %s in all%s</text>', h - 12, seconds(span),
    rec.truncated and ("; recording stopped after " .. rec.limit .. " events") or ""))
  add("</svg>")
  return '<!DOCTYPE html>\n<html><head><meta charset="utf-8"><title>' .. esc(title or "luasync timeline") ..
    '</title></head>\n<body style="margin:16px">\n<h3 style="font-family:sans-serif">' ..
    esc(title or "luasync timeline") .. '</h3>\n' .. concat(svg, "\n") .. '\n</body></html>\n'
end

return M
