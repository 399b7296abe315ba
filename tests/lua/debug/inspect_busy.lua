-- clock: real
-- run: serial (it times a loop that blocks: not beside other tests)
-- luasync ps PID while a step blocks the loop (inspect.lua: one in
-- time.sleep): a loop of Lua code that never awaits is asked from inside,
-- and answers with the line it is at and the tasks as they are, its task
-- "running"; a callback likewise; a script that blocked before the loop ever
-- listed its tasks names the task and its call; asking does not change
-- what the program does, and Ctrl-C still stops it.
local cli = require "lib.cli"
local eq, has, matches, check = cli.eq, cli.has, cli.matches, cli.check

-- Runs `source` with --inspect in its folder; once it made the file
-- NAME.blocks (as its step begins to block the loop for 2 s), waits 0.3 s
-- and asks `asks` (ps, pstree...). Answers what each printed, in order,
-- and the program's output and status.
local function ask_while_blocked(source, asks, after)
  local script = cli.tmpfile(source)
  local dir, name = script:match("^(.*)/([^/]+)$")
  local lines = {}
  for _, kind in ipairs(asks) do lines[#lines + 1] = ("echo '== %s'; $L %s $p"):format(kind, kind) end
  local out, err = cli.run(([[
cd %s
$L --inspect %s >%s.out 2>&1 & p=$!
while [ ! -e %s.blocks ]; do sleep 0.05; done; rm %s.blocks
sleep 0.3
%s
%s
wait $p
echo "== status $?"
echo "== output"; cat %s.out; rm %s.out
]]):format(cli.quote(dir), name, name, name, name, table.concat(lines, "\n"), after or "", name, name), nil, 20)
  local esc = name:gsub("%p", "%%%0")
  return out:gsub("luasync process %d+:", "PID:"):gsub("%d+%.%d s", "N s"):gsub(esc, "x.lua"), err
end

-- A loop of Lua code: the answer comes from inside it, with its line.
local out, err = ask_while_blocked([[
local main = async(function()
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(async(function() await(asyncio.sleep(3)) end)(), { name = "sleeper" })
  tg:create_task(async(function()
    await(asyncio.sleep(0.2))
    io.open(arg[0] .. ".blocks", "w"):close()
    local t = time.monotonic()
    while time.monotonic() - t < 2 do end
    print("spun")
  end)(), { name = "spinner" })
  await(asyncio.sleep(2.5))
end)
asyncio.run(main())
]], { "ps", "pstree" })
eq("a loop of Lua code", out:gsub(" +", " "), table.concat({
  "== ps",
  "PID: the loop is busy: task 'spinner' has been running for N s without a pause, at x.lua:8 now",
  "3 tasks",
  "TASK STATE WHERE WAITING ON AWAITED BY",
  "Task-1 pending x.lua:11 sleep N s left",
  "sleeper pending x.lua:3 sleep N s left Task-1",
  "spinner running x.lua:8 Task-1",
  "== pstree",
  "PID: the loop is busy: task 'spinner' has been running for N s without a pause, at x.lua:8 now",
  "3 tasks",
  "TASK STATE WHERE WAITING ON",
  "Task-1 pending x.lua:11 sleep N s left",
  "├─ sleeper pending x.lua:3 sleep N s left",
  "└─ spinner running x.lua:8",
  "== status 0",
  "== output",
  "spun",
  "",
}, "\n"))
eq("(stderr)", err, "")

-- A callback: likewise; then Ctrl-C, asked during the same loop, stops it.
out = ask_while_blocked([[
asyncio.get_running_loop():call_soon(function()
  io.open(arg[0] .. ".blocks", "w"):close()
  local t = time.monotonic()
  while time.monotonic() - t < 2 do end
end)
await(asyncio.sleep(5))
]], { "ps" }, "kill -INT $p")
matches("a callback", out, "^== ps\nPID: the loop is busy: a callback has been running for N s without a " ..
  "pause, at x%.lua:4 now\n1 task\nTASK +STATE +WHERE +WAITING ON +AWAITED BY\nTask%-1 +pending +x%.lua:6 +sleep N s left\n")
has("Ctrl-C after it", out, "== status 130\n")

-- A hook the program set (debug.sethook: a profiler, a coverage tool)
-- survives the question: ps's own hook is put back to the program's.
out = ask_while_blocked([[
local calls = 0
local function count() calls = calls + 1 end
debug.sethook(count, "", 1000)
io.open(arg[0] .. ".blocks", "w"):close()
local t = time.monotonic()
while time.monotonic() - t < 1.5 do end
local before = calls
for _ = 1, 100000 do end
print(debug.gethook() == count, calls > before)
]], { "ps" })
has("the program's hook after ps", out, "== status 0\n== output\ntrue\ttrue\n")

-- Blocked in C before the loop ever listed its tasks (a script that makes
-- none): what runs, its call and its line.
out = ask_while_blocked([[
print("before")
io.open(arg[0] .. ".blocks", "w"):close()
time.sleep(2)
print("after")
]], { "ps" })
eq("blocked before any listing", out, table.concat({
  "== ps",
  "PID: the loop is busy: task 'Task-1' has been running for N s without a pause, in time.sleep(2) at x.lua:3",
  "(the loop has not listed its tasks yet)",
  "== status 0",
  "== output",
  "before",
  "after",
  "",
}, "\n"))
-- The rows fit the asker's width (COLUMNS), as a listing between two steps
-- does (inspect.lua): from inside a loop of Lua code and, laid out alike,
-- by the thread while the step is in a C function.
local tables = {}
for _, block in ipairs({ "local t = time.monotonic(); while time.monotonic() - t < 2 do end", "time.sleep(2)" }) do
  out = ask_while_blocked(([[
local main = async(function()
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(async(function() await(asyncio.sleep(3)) end)(), { name = "ダウンロード（画像）" })
  tg:create_task(async(function()
    await(asyncio.sleep(0.2))
    io.open(arg[0] .. ".blocks", "w"):close()
    %s
  end)(), { name = "a_blocking_task_with_a_long_name" })
end)
asyncio.run(main())
]]):format(block), {}, "echo '== ps'; COLUMNS=50 $L ps $p; echo '== pstree'; COLUMNS=50 $L pstree $p")
  local width = require "luasync.width"
  for line in out:gmatch("[^\n]+") do
    check("a row fits 50 columns: " .. line, width.of(line) <= 50 or line:match("^PID:") or line:match("^%d tasks"))
  end
  tables[#tables + 1] = out:gsub("\nPID:[^\n]*\n[^\n]*\n", "\n"):gsub(" +", " ")
end
eq("fitted: a loop of Lua code", tables[1], table.concat({
  "== ps",
  "TASK STATE WHERE WAITING ON",
  " AWAITED BY",
  "Task-1 pending x.lua:9 TaskGroup",
  "ダウンロー… pending x.lua:3 sleep N s…",
  " Task-1",
  "a_blocking_… running x.lua:7",
  " Task-1",
  "== pstree",
  "TASK STATE WHERE",
  " WAITING ON",
  "Task-1 pending x.lua:9",
  " TaskGroup",
  "├─ ダウンロード（画像） pending x.lua:3",
  " sleep N s left",
  "└─ a_blocking_task_with_a… running x.lua:7",
  "== status 0",
  "== output",
  "",
}, "\n"))
eq("fitted: in C, as in Lua", tables[2], tables[1])
cli.finish()
