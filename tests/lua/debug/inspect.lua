-- clock: real
-- run: serial (it times an answer: not beside other tests)
-- luasync ps PID and luasync pstree PID list the tasks of a luasync started
-- with --inspect (or LUASYNC_INSPECT=1), through a socket only this user may
-- open; while a task blocks the loop in time.sleep the answer still comes
-- (within about 100 ms), naming the task and the call, with the tasks as
-- the loop last listed them, saying how long ago, their sleeps counted to
-- now and the blocking task's row "running"; clear errors for a process
-- that is not luasync, one that is not inspectable, and no process at all;
-- the socket is gone once the program ends. A listing of 20,000 tasks,
-- longer than 100 ms, is waited for. (inspect_busy.lua: the other ways a
-- loop is busy.)
local cli = require "lib.cli"
local eq, has, check, matches = cli.eq, cli.has, cli.check, cli.matches

local script = cli.tmpfile([[
local leaf = async(function(s) await(asyncio.sleep(s)) end)
local main = async(function()
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(leaf(30), { name = "long-sleeper" })
  tg:create_task(async(function() await(asyncio.sleep(1)); io.open(arg[0] .. ".blocks", "w"):close(); time.sleep(2) end)(), { name = "blocker" })
end)
asyncio.run(main())
]])
local name = script:match("[^/]+$")
local out, err, code = cli.run(([[
cd %s
$L --inspect %s & p=$!
sleep 0.5
echo "== ps"; $L ps $p
echo "== pstree"; $L pstree $p
sock=$(ls ${XDG_RUNTIME_DIR:-/tmp/luasync-$(id -u)}/luasync-$p.sock)
echo "== mode $(stat -c %%a $sock)"
while [ ! -e %s.blocks ]; do sleep 0.05; done; rm %s.blocks
sleep 0.3
s=$(date +%%s%%N); $L pstree $p; e=$(date +%%s%%N)
echo "== busy answer in $(( (e - s) / 1000000 )) ms"
echo "== busy ps"; $L ps $p
kill -INT $p; wait $p
echo "== status $?"
test -e $sock && echo "== socket left" || echo "== socket gone"
]]):format(cli.quote(script:match("^(.*)/")), name, name, name), nil, 20)
local pid = out:match("luasync process (%d+):")
check("answered", pid, out .. err)
local raw = out
out = out:gsub("luasync process %d+:", "luasync process PID:"):gsub("sleep %d+%.%d s left", "sleep N s left")
-- (Columns are aligned to their widest cell; compared with single spaces.)
local first = (out:match("^(== ps\n.-)== mode") or ""):gsub(" +", " ")
eq("ps and pstree", first, (table.concat({
  "== ps",
  "luasync process PID: 3 tasks",
  "TASK          STATE    WHERE      WAITING ON      AWAITED BY",
  "Task-1        pending  " .. name .. ":6  TaskGroup",
  "long-sleeper  pending  " .. name .. ":1  sleep N s left  Task-1",
  "blocker       pending  " .. name .. ":5  sleep N s left  Task-1",
  "== pstree",
  "luasync process PID: 3 tasks",
  "TASK             STATE    WHERE      WAITING ON",
  "Task-1           pending  " .. name .. ":6  TaskGroup",
  "├─ long-sleeper  pending  " .. name .. ":1  sleep N s left",
  "└─ blocker       pending  " .. name .. ":5  sleep N s left",
  "",
}, "\n"):gsub(" +", " ")))
has("only this user may open the socket", out, "== mode 600\n")
-- Busy: the task, how long, the call and its line; the tasks as the loop
-- listed them for the ps above, their sleeps counted to now.
local busy_tree = (out:match("== mode 600\n(.-)== busy answer") or ""):gsub("%d+%.%d s", "N s")
matches("a busy loop still answers, naming the task and its call", busy_tree,
  "^luasync process PID: the loop is busy: task 'blocker' has been running for N s without a pause, in " ..
  "time%.sleep%(2%) at " .. name:gsub("%p", "%%%0") .. ":5\n")
has("with the tasks as the loop last listed them", busy_tree,
  "\n3 tasks as they were N s ago, when the loop last listed them (sleeps counted to now)\n")
has("the blocking task running, the sleeps counted again", busy_tree:gsub(" +", " "), table.concat({
  "TASK STATE WHERE WAITING ON",
  "Task-1 pending " .. name .. ":6 TaskGroup",
  "├─ long-sleeper pending " .. name .. ":1 sleep N s left",
  "└─ blocker running " .. name .. ":5",
  ""}, "\n"))
local left = tonumber(raw:match("== busy ps\n.-long%-sleeper +pending +[^ ]+ +sleep (%d+%.%d) s left"))
check("the sleep counted to now (30 s less the 1.3 s gone, and some)", left and left > 25 and left < 28.8, left)
-- Each kind keeps its own snapshot: a busy ps is still a table with its
-- AWAITED BY column, after a pstree.
local busy_ps = (out:match("== busy ps\n(.-)== status") or ""):gsub(" +", " ")
has("a busy ps answers as ps", busy_ps, " when the loop last listed them (sleeps counted to now)\n" ..
  "TASK STATE WHERE WAITING ON AWAITED BY\n")
has("its blocking task's row", busy_ps, "\nblocker running " .. name .. ":5 Task-1\n")
local ms = tonumber(out:match("== busy answer in (%d+) ms"))
check("within about 100 ms (luasync ps's own start included)", ms and ms < 400, ms)
has("Ctrl-C ends it", out, "== status 130\n")
has("and its socket goes", out, "== socket gone\n")

-- Errors
out, err, code = cli.run("$L ps 999999")
eq("no process: status", code, 1)
eq("no process", err, "luasync ps: no process 999999\n")
-- Without a PID (and no script of that name), the usage is said.
out, err, code = cli.run("cd /tmp && $L pstree")
eq("no PID: status", code, 1)
eq("no PID", err, "luasync: cannot open pstree: No such file or directory\n" ..
  "To list the tasks of a running luasync (started with --inspect): luasync pstree PID\n")
out, err, code = cli.run("sleep 2 & p=$!; sleep 0.3; $L pstree $p; kill $p")  -- (time for the shell to exec sleep)
eq("not luasync: status", code, 0)  -- (the shell's status: kill's)
has("not luasync", err, "luasync pstree: process ")
has("not luasync, named", err, " is not luasync (it is sleep)\n")
out, err = cli.run("$L -e 'await(asyncio.sleep(1))' & p=$!; sleep 0.3; $L ps $p; wait $p")
matches("not inspectable", err, "^luasync ps: luasync process %d+ cannot be inspected: start it with %-%-inspect " ..
  "%(or LUASYNC_INSPECT=1%)\n$")
out, err = cli.run("LUASYNC_INSPECT=1 $L -e 'await(asyncio.sleep(1))' & p=$!; sleep 0.3; $L ps $p; wait $p")
matches("LUASYNC_INSPECT=1", out, "^luasync process %d+: 1 task\n")

-- The rows fit the asker's width (COLUMNS, else its terminal's): a long
-- path gives up its directories; then, when that lets a row fit on one
-- line, the start of its file name, then a long name is cut; else the end
-- of a row goes on a line below, and the cells before it are cut as little
-- as they must (pstree keeps the name whole).
do
  local dir = os.tmpname()
  os.remove(dir)
  local long = dir .. "/a_rather_long_directory_name_for_lessons"
  os.execute("mkdir -p " .. cli.quote(long))
  local f = assert(io.open(long .. "/lesson_with_long_name.lua", "w"))
  f:write([[
local leaf = async(function(s) await(asyncio.sleep(s)) end)
local main = async(function()
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(leaf(3), { name = "ダウンロード（画像）" })
  tg:create_task(leaf(3), { name = "abc" })
end)
asyncio.run(main())
]])
  f:close()
  out = cli.run(("cd %s; LUASYNC_INSPECT=1 $L a_rather_long_directory_name_for_lessons/lesson_with_long_name.lua " ..
    "& p=$!; sleep 0.5; COLUMNS=50 $L ps $p; echo ==; COLUMNS=50 $L pstree $p; kill -INT $p; wait $p"):format(
    cli.quote(dir)), nil, 10)
  os.execute("rm -rf " .. cli.quote(dir))
  local width = require "luasync.width"
  for line in out:gmatch("[^\n]+") do
    check("a row fits 50 columns: " .. line, width.of(line) <= 50 or line:match("^luasync process"))
  end
  has("ps: the file and line kept, the parent below", out, "\nabc          pending  …_name.lua:1  sleep 2.5 s …\n    Task-1\n")
  has("pstree: the name whole, what it waits on below", out,
    "\n├─ ダウンロード（画像）  pending  …ong_name.lua:1\n    sleep ")
end

-- Many tasks: their listing takes longer than the 100 ms a busy loop gets
-- (~0.2 s for 20,000), and the loop is not busy: the whole answer comes.
out, err = cli.run("LUASYNC_INSPECT=1 $L -e 'for i = 1, 20000 do asyncio.spawn(function() " ..
  "await(asyncio.sleep(3)) end) end await(asyncio.sleep(2))' & p=$!; sleep 1; $L ps $p | head -3; wait $p", nil, 20)
matches("20,000 tasks listed", out, "^luasync process %d+: 20001 tasks\nTASK +STATE +WHERE +WAITING ON +AWAITED BY\n" ..
  "Task%-1 +pending +%(command line%):1 +sleep %d%.%d s left *\n$")
cli.finish()
