-- What the tasks did, drawn: --timeline on stderr at the end (fitted to
-- COLUMNS, plain on a pipe, in colour on a terminal), --trace=FILE.json
-- (Chrome trace events: a track per task, spans for steps and for waits
-- named by what they waited on, arrows from parents and wakers) and
-- --trace=FILE.html (one page, an SVG row per task, no script). The
-- virtual clock makes the picture exact.
local cli = require "lib.cli"
local eq, check, has = cli.eq, cli.check, cli.has

local script = cli.tmpfile([[
local worker = async(function(name, n)
  for i = 1, n do await(asyncio.sleep(0.5)) end
  return name
end)
local failing = async(function()
  await(asyncio.sleep(1))
  error(asyncio.ValueError("bad"))
end)
local main = async(function()
  local a = asyncio.create_task(worker("a", 4), { name = "worker-a" })
  local b = asyncio.create_task(worker("b", 2), { name = "worker-b" })
  local f = asyncio.create_task(failing(), { name = "failing" })
  local s = asyncio.create_task(worker("s", 100), { name = "sleeper" })
  await(asyncio.gather(a, b))
  pcall(await, f)
  s:cancel()
  pcall(await, s)
  print("main done")
end)
asyncio.run(main())
]])

local out, err, code = cli.run("COLUMNS=72 $L --clock=virtual --timeline " .. script)
eq("status", code, 0)
eq("the program's own output", out, "main done\n")
eq("the timeline", err, [[
Task-1   █────────────────────────────────────────█  done
worker-a █─────────█──────────█─────────█─────────█  done
worker-b █─────────█──────────█                      done
failing  █────────────────────█                      failed: ValueError
sleeper  █─────────█──────────█─────────█─────────█  cancelled
         0s        0.5s       1s        1.5s     2s
█ running  ─ waiting   (2s in all; 5 tasks)
]])

-- On a terminal: in colour.
local _, tty_err = cli.run("unset NO_COLOR; COLUMNS=72 TERM=xterm script -qec \"$L --clock=virtual --timeline " .. script ..
  " 2>&1 >/dev/null\" /dev/null")
has("colour on a terminal", tty_err .. _, "\27[32m█\27[0m")

-- Chrome trace events
local json = cli.tmpfile()
os.remove(json)
json = json .. ".json"
out, err, code = cli.run("$L --clock=virtual --trace=" .. json .. " " .. script)
eq("json: status", code, 0)
eq("json: no timeline", err, "")
local text = cli.slurp(json)
os.remove(json)
local tracks = {}
for name in text:gmatch('"name":"thread_name","ph":"M","pid":1,"tid":%d+,"args":{"name":"([^"]*)"}') do
  tracks[#tracks + 1] = name
end
eq("a track per task", table.concat(tracks, ","), "Task-1,worker-a,worker-b,failing,sleeper")
local _, steps = text:gsub('"name":"step","cat":"step","ph":"X"', "")
check("a span per step", steps >= 12, steps)
has("waits named by what they wait on", text, '"name":"wait sleep","cat":"wait","ph":"X"')
has("waits on a gather", text, '"name":"wait gather"')

-- A sleep is one wait between two steps, as in CPython (its timer's wake-up
-- is a callback, not a step of the task); sleep(0) is a wait named so.
do
local sleeper = cli.tmpfile([[
local w = async(function() await(asyncio.sleep(1)); await(asyncio.sleep(0)) return 1 end)
await(asyncio.create_task(w(), { name = "worker" }))
]])
local _, _, status = cli.run("$L --clock=virtual --trace=" .. json .. " " .. sleeper)
eq("a sleeper: status", status, 0)
local text = cli.slurp(json)
os.remove(json)
local worker_tid = text:match('"tid":(%d+),"args":{"name":"worker"}')
local spans = {}
for name, tid, ts, dur in text:gmatch('"name":"([^"]+)","cat":"[stepwai]+","ph":"X","pid":1,"tid":(%d+),"ts":([%d.]+),"dur":([%d.]+)') do
  if tid == worker_tid then spans[#spans + 1] = ("%s %g %g"):format(name, tonumber(ts) / 1e6, tonumber(dur) / 1e6) end
end
eq("a sleeper: its steps and waits", table.concat(spans, ", "),
  "step 0 0, step 1 0, step 1 0, wait sleep 0 1, wait sleep(0) 1 0")
end

-- A TaskGroup's child that fails wakes the group's task through a done
-- callback: the wake arrow comes from that child (and from the last child
-- to end, cancelled, which wakes it again).
do
  local group = cli.tmpfile([[
local leaf = async(function(n) await(asyncio.sleep(n)) if n == 2 then error(asyncio.ValueError("bad")) end end)
pcall(function()
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(leaf(1), { name = "leaf-1" })
  tg:create_task(leaf(2), { name = "leaf-2" })
  tg:create_task(leaf(5), { name = "leaf-5" })
end)
]])
  local _, _, status = cli.run("$L --clock=virtual --trace=" .. json .. " " .. group)
  eq("a group: status", status, 0)
  local text = cli.slurp(json)
  os.remove(json)
  local names = {}
  for tid, name in text:gmatch('"tid":(%d+),"args":{"name":"([^"]+)"}') do names[tid] = name end
  local arrows = {}
  for ph, tid, ts in text:gmatch('"name":"wake","cat":"wake","ph":"([sf])",[^\n]-"tid":(%d+),"ts":([%d.]+)') do
    arrows[#arrows + 1] = ("%s %s %g"):format(ph, names[tid], tonumber(ts) / 1e6)
  end
  eq("a group: its wake arrows", table.concat(arrows, ", "), "s leaf-2 2, f Task-1 2, s leaf-5 2, f Task-1 2")
end
has("arrows from the parent", text, '"name":"create","cat":"create","ph":"s"')
has("a failed task marked", text, '"name":"failed: ValueError","cat":"end","ph":"i"')
has("a cancelled one", text, '"name":"cancelled","cat":"end","ph":"i"')
check("well formed at both ends", text:find('^{"traceEvents":%[\n') and text:find('\n%],"displayTimeUnit":"ms"}\n$'))

-- HTML
local html = cli.tmpfile()
os.remove(html)
html = html .. ".html"
out, err, code = cli.run("$L --clock=virtual --trace=" .. html .. " " .. script)
eq("html: status", code, 0)
text = cli.slurp(html)
local _, groups = text:gsub('<g class="task"', "")
eq("an SVG row per task", groups, 5)
check("no script, no network", not text:find("<script", 1, true) and not text:find("http", 1, true)
  or text:find('xmlns="http://www.w3.org/2000/svg"', 1, true) and not text:find("<script", 1, true))
has("hover details", text, "<title>worker-a waits on sleep: 0s to 0.5s</title>")
has("the failed task marked", text, "failed: ValueError")

-- The page in a real browser: it loads without console errors, and the
-- screenshot has one row per task (its rows are where the DOM says).
local shot = html:gsub("%.html$", ".png")
local _, log = cli.run(("chromium --headless --disable-gpu --no-sandbox --enable-logging=stderr --v=0 " ..
  "--screenshot=%s --window-size=1300,330 file://%s"):format(shot, html), nil, 60)
check("no console error", not log:find("CONSOLE", 1, true) and not log:find("Uncaught", 1, true), log)
local png = io.open(shot, "rb")
check("a screenshot", png ~= nil)
if png then
  local head = png:read(24)
  png:close()
  check("a PNG of the window's size", head:sub(2, 4) == "PNG" and string.unpack(">I4", head, 17) == 1300)
end
local dom = cli.run(("chromium --headless --disable-gpu --no-sandbox --dump-dom file://%s"):format(html), nil, 60)
local _, rows = dom:gsub('<g class="task"', "")
eq("the browser's DOM has a row per task", rows, 5)
os.remove(shot)
os.remove(html)

-- timeline() at the REPL: what ran since it started, then afresh.
out = cli.run("$L -i --clock=virtual", [[
t = asyncio.create_task(asyncio.sleep(2), { name = "sleepy" })
await(asyncio.sleep(1))
timeline()
await(t)
timeline()
]])
local first, second = out:match("> timeline%(%)\n(.-)\n> await%(t%)\n> timeline%(%)\n(.-)\n> ")
check("two timelines", first and second, out)
if first then
  has("the first: sleepy waits", first, "sleepy ")
  has("still pending", first:match("sleepy[^\n]*"), "pending")
  has("the second: it is done", second:match("sleepy[^\n]*") or "", "done")
  has("the first spans a second", first, "(1s in all;")
end

-- The REPL's recording stops after its first 100,000 events (steps and
-- tasks made), and says so: a task made or ended later adds nothing (each
-- added a row, so that a long session's memory grew without end).
out = cli.run("$L -i --clock=virtual", [[
ts = {} for i = 1, 30000 do ts[i] = asyncio.spawn(function() for _ = 1, 3 do await(asyncio.sleep(0)) end end) end
for i = 1, #ts do await(ts[i]) end
late = asyncio.create_task(asyncio.sleep(1), { name = "late" })
await(late)
timeline(true)
]])
has("a long session: recording stopped", out, "; recording stopped after 100000 events")
check("a task made after it is not drawn", not out:find("\nlate ", 1, true), out:sub(-300))
check("timeline(true) draws every row", select(2, out:gsub("\nTask%-%d+ ", "")) > 10000, #out)

-- A script's recording stops after its first 100,000 events too, and the
-- picture and the trace file say so: 150,000 tasks made at once took 700 MB
-- traced (a row each), 80 MB without; what the record holds at the end
-- was 222 MB, 107 MB now, beside the tasks' own 39 MB.
local big = cli.tmpfile([[
local ts = {}
for i = 1, 150000 do ts[i] = asyncio.spawn(function() await(asyncio.sleep(0)) end) end
await(asyncio.gather(table.unpack(ts)))
late = asyncio.create_task(asyncio.sleep(1), { name = "late" })
await(late)
collectgarbage()
print(("%.0f MB"):format(collectgarbage("count") / 1024))
]])
local json = os.tmpname()
-- About 3 s in the release build, 9 s under ASan on a quiet machine: the
-- limit is for a hang, not for speed.
local script_out, script_err, script_status = cli.run("$L --clock=virtual --timeline --trace=" .. json .. " " .. big, nil, 60)
eq("a script: ends in time, status 0", script_status, 0)
has("a script: the timeline says recording stopped", script_err, "; recording stopped after 100000 events)")
check("a script: the record holds what it kept only", tonumber(script_out:match("^(%d+) MB")) < 160, script_out)
check("a script: a task made after it is not drawn", not script_err:find("\nlate ", 1, true), script_err:sub(-300))
local f = assert(io.open(json))
local text = f:read("a")
f:close()
os.remove(json)
has("a script: the trace file says so", text, '"name":"recording stopped after 100000 events (steps and tasks made)"')

-- timeline() draws the first 100 tasks, and says how many more there were;
-- the count in its last line is of them all.
out = cli.run("$L -i --clock=virtual", [[
for i = 1, 150 do asyncio.spawn(function() await(asyncio.sleep(1)) end) end
await(asyncio.sleep(2))
timeline()
]])
local drawn = out:match("> timeline%(%)\n(.-)\n> ")
check("a timeline of 150 tasks", drawn, out)
if drawn then
  eq("rows drawn", select(2, drawn:gsub("\nTask%-%d+ ", "")) + (drawn:find("^Task%-%d+ ") and 1 or 0), 100)
  local more = tonumber(drawn:match("\n%.%.%. %((%d+) more tasks: timeline%(true%) draws them all%)\n"))
  local total = tonumber(drawn:match("%(2s in all; (%d+) tasks%)"))
  check("what was left out, and the count of them all", more and total and total >= 150, drawn:sub(-300))
  if more and total then eq("drawn and left out are them all", 100 + more, total) end
end

-- Names that take two columns a character (a class names its tasks in
-- Japanese): the bars start in one column, a long name is cut to the
-- column's width with an ellipsis.
local wide = cli.tmpfile([[
local a = asyncio.create_task(asyncio.sleep(1), { name = "ダウンロード" })
local b = asyncio.create_task(asyncio.sleep(0.5), { name = "とても長い名前のタスクです本当に" })
await(asyncio.gather(a, b))
]])
out, err, code = cli.run("COLUMNS=60 $L --clock=virtual --timeline " .. wide)
eq("wide names", err, [[
Task-1               █──────────────────────────────█  done
ダウンロード         █──────────────────────────────█  done
とても長い名前のタ…  █───────────────█                 done
                     0s              0.5s          1s
█ running  ─ waiting   (1s in all; 3 tasks)
]])

-- A narrow terminal: every row fits (the name, then the status, cut with
-- "…"), the end of the span is labelled though no tick falls on it, a name
-- with a tab stays on its row.
local narrow = cli.tmpfile([[
local leaf = async(function(n) await(asyncio.sleep(n)) if n == 2 then error(asyncio.ValueError("bad")) end end)
pcall(function()
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(leaf(1), { name = "外側グループの長い名前のタスク" })
  tg:create_task(leaf(2), { name = "leaf\tTAB" })
  tg:create_task(leaf(5.5), { name = "leaf-5" })
end)
error(asyncio.ExceptionGroup("x", { asyncio.ValueError("y") }))
]])
out, err, code = cli.run("COLUMNS=40 $L --clock=virtual --timeline " .. narrow)
eq("narrow: the timeline", err:match("\n(Task%-1 .*)$"), [[
Task-1     █──────────█  failed: Excep…
外側グル…  █─────█       done
leaf\tTAB  █──────────█  failed: Value…
leaf-5     █──────────█  cancelled
           0s        2s
█ running  ─ waiting
(2s in all; 4 tasks)
]])

-- A task failed with an error text of two lines: its row stays one line.
do
  local two_lines = cli.tmpfile('local t = asyncio.create_task(async(function() error("line one\\nline two", 0) end)(), ' ..
    '{ name = "breaker" })\npcall(await, t)\n')
  local _, drawn = cli.run("COLUMNS=80 $L --clock=virtual --timeline " .. two_lines)
  cli.matches("a two-line error: one row", drawn, "\nbreaker █ +failed: line one\\nline two\n")
end

-- luasync -i lesson.lua: the first timeline() at the prompt draws the
-- lesson, its main task as what it was (done, with its last step), and not
-- the REPL that the main task runs next.
do
  local lesson = cli.tmpfile('await(asyncio.create_task(asyncio.sleep(1), { name = "lesson-task" }))\n')
  local drawn = cli.run("COLUMNS=50 $L -i --clock=virtual " .. lesson, "timeline()\n")
  has("-i: the lesson's tasks", drawn, [[
> timeline()
Task-1      █─────────────────────────────█  done
lesson-task █─────────────────────────────█  done
            0s             0.5s          1s
█ running  ─ waiting   (1s in all; 2 tasks)
]])
end

-- The REPL's own tasks (its console, the inputs' tasks) are not drawn, as
-- tasks() does not list them; a trace written from the REPL leaves them
-- out too.
do
  local drawn = cli.run("COLUMNS=50 $L -i --clock=virtual", [[
t = asyncio.create_task(asyncio.sleep(2), { name = "sleepy" })
await(asyncio.sleep(1))
timeline()
await(t)
timeline()
]])
  has("the REPL: only the user's task", drawn, [[
> timeline()
sleepy █────────────────────────────────  pending
       0s              0.5s           1s
█ running  ─ waiting   (1s in all; 1 task)
> await(t)
> timeline()
sleepy                                    █  done
       0s                0.5s            1s
█ running  ─ waiting   (1s in all; 1 task)
]])
  local json = os.tmpname() .. ".json"
  cli.run("$L -i --clock=virtual --trace=" .. json, "await(asyncio.create_task(asyncio.sleep(1), { name = 'typed' }))\n")
  local text = cli.slurp(json)
  os.remove(json)
  local tracks = {}
  for name in text:gmatch('"name":"thread_name","ph":"M","pid":1,"tid":%d+,"args":{"name":"([^"]*)"}') do
    tracks[#tracks + 1] = name
  end
  eq("the REPL's trace: the user's task only", table.concat(tracks, ","), "typed")
  check("no arrow from a task left out", not text:find('"ph":"s"', 1, true), text)
end

-- Bad uses
out, err, code = cli.run("$L --trace= -e 'print(1)'")
eq("--trace= needs a name", code, 1)
has("its message", err, "luasync: '--trace=' needs a file name")
out, err, code = cli.run("$L --trace=/nonexistent/dir/x.json -e 'print(1)'")
eq("an unwritable trace file: status", code, 1)
has("its message", err, "luasync: cannot write the trace: /nonexistent/dir/x.json: No such file or directory")
-- Said before the program runs: a lesson of minutes would lose its trace at the end.
eq("the program did not run", out, "")
-- A file that exists keeps its text until the end writes the trace anew.
local kept = os.tmpname()
local kf = assert(io.open(kept, "w")); kf:write("old"); kf:close()
out, err, code = cli.run("$L --trace=" .. kept .. " -e 'local f = io.open(\"" .. kept .. "\"); print(f:read(\"a\")); f:close()'")
eq("an existing trace file: kept while the program runs", out, "old\n")
kf = assert(io.open(kept)); local text = kf:read("a"); kf:close(); os.remove(kept)
check("an existing trace file: the trace written at the end", text:find('"traceEvents"', 1, true), text:sub(1, 200))
cli.finish()
