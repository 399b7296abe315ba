-- A hint's code, typed as shown, works: the call a hint writes is Lua's
-- whole call, not Python's arguments copied. await q.get() is told
-- await(q:get()) (but await a.fetch(1), a function of a's class that takes
-- no self, await(a.fetch(1))), wait_for(aw, timeout=1) await(asyncio.wait_for(aw, 1)),
-- gather(*ts, return_exceptions=True) the list of the tasks and the options
-- (table.unpack before another argument gives its first item only: the
-- hint for gather(table.unpack(ts), return_exceptions=True) says so, not
-- an options table after it); a keyword argument after two assigned names
-- still gets its hint, wait_for's timeout= inside a pcall too; signal.SIGTERM is "SIGTERM"; 1 != 2 alone is ~=.
-- Each hinted line is then typed as shown, and does what was meant.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local LAST = "table.unpack(list) gives all its items only as the last argument, so the items and what follows " ..
  "go in one list: "
local LIST = "local args = {table.unpack(ts)}; args[#args + 1] = { return_exceptions = true }; "

-- gather after table.unpack: the hint, then its code.
local out, err, code = cli.run('"$L" -i', table.concat({
  'ts = {asyncio.sleep(0, "a"), asyncio.sleep(0, "b"), asyncio.sleep(0, "c")}',
  'r = await(asyncio.gather(table.unpack(ts), return_exceptions=True))',
  'r = await(asyncio.gather(*ts, return_exceptions=True))',
  'await asyncio.gather(*ts, return_exceptions=True)',
  LIST .. 'r = await(asyncio.gather(table.unpack(args)))',
  'print(r.n, r[1], r[2], r[3])',
  '',
}, "\n"))
eq("gather: exit status", code, 0)
has("gather(table.unpack(ts), k=v)", err, "stdin#2:1: ')' expected near '='\nhint: Lua has no keyword arguments; " ..
  LAST .. LIST .. "r = await(asyncio.gather(table.unpack(args)))\n")
has("await(gather(*ts, k=v))", err, "stdin#3:1: unexpected symbol near '*'\nhint: Lua has no *args; " ..
  LAST .. LIST .. "r = await(asyncio.gather(table.unpack(args)))\n")
has("await gather(*ts, k=v)", err, "stdin#4:1: syntax error near 'asyncio'\nhint: await is a function in Lua, " ..
  "and Lua has no *args; " .. LAST .. LIST .. "await(asyncio.gather(table.unpack(args)))\n")
has("the hinted code gathers the three", out, "> print(r.n, r[1], r[2], r[3])\n3\ta\tb\tc\n")

-- await X: the call as Lua writes it.
out, err, code = cli.run('"$L" -i', table.concat({
  'ts = {asyncio.sleep(0, 1), asyncio.sleep(0, 2)}',
  'await asyncio.gather(*ts)',
  'await asyncio.wait_for(asyncio.sleep(2), timeout=1)',
  'q = asyncio.Queue()',
  'q:put_nowait(7)',
  'x = await q.get()',
  'await q.join()',
  'p = await asyncio.create_subprocess_exec("echo", "hi", stdout=PIPE)',
  'print(await(asyncio.gather(table.unpack(ts))).n)',
  'print(pcall(await, asyncio.wait_for(asyncio.sleep(2), 1)))',
  'print(await(q:get()))',
  'p = await(asyncio.create_subprocess_exec("echo", "hi", { stdout = asyncio.subprocess.PIPE }))',
  'io.write(await(p.stdout:read()))',
  '',
}, "\n"))
eq("await: exit status", code, 0)
has("await gather(*ts)", err, "stdin#2:1: syntax error near 'asyncio'\nhint: await is a function in Lua, and Lua has " ..
  "no *args: write await(asyncio.gather(table.unpack(ts)))\n")
has("await wait_for(aw, timeout=1)", err, "stdin#3:1: syntax error near 'asyncio'\nhint: await is a function in " ..
  "Lua: write await(asyncio.wait_for(asyncio.sleep(2), 1))\n")
has("x = await q.get()", err, "stdin#6:1: Lua reads 'await q.get()' as the value await, then q.get() as a " ..
  "statement of its own: nothing would be awaited (not run)\nhint: await is a function in Lua: write await(q:get())\n")
has("await q.join()", err, "stdin#7:1: syntax error near 'q'\nhint: await is a function in Lua: write await(q:join())\n")
has("create_subprocess_exec(..., stdout=PIPE)", err, "hint: await is a function in Lua: write " ..
  "await(asyncio.create_subprocess_exec(\"echo\", \"hi\", { stdout = asyncio.subprocess.PIPE }))\n")
has("gather's hinted code", out, "> print(await(asyncio.gather(table.unpack(ts))).n)\n2\n")
has("wait_for's hinted code times out", out, "\nfalse\tTimeoutError")
has("q:get()'s hinted code", out, "> print(await(q:get()))\n7\n")
has("create_subprocess_exec's hinted code", out, "\nhi\n")

-- await a.fetch(1) on an object of the user's class: a function of the class
-- that takes no self (A.fetch(n)) keeps its '.', a method declared with
-- self (A:get()) is told with ':'; each hinted line runs.
out, err, code = cli.run('"$L" -i', table.concat({
  'A = {}; A.__index = A; function A.new() return setmetatable({}, A) end',
  'function A.fetch(n) return asyncio.sleep(0, n) end; function A:get() return asyncio.sleep(0, "got") end',
  'a = A.new()',
  'x = await a.fetch(1)',
  'y = await a.get()',
  'print(await(a.fetch(1)), await(a:get()))',
  '',
}, "\n"))
eq("class functions: exit status", code, 0)
has("await a.fetch(1)", err, "hint: await is a function in Lua: write await(a.fetch(1))\n")
has("await a.get()", err, "hint: await is a function in Lua: write await(a:get())\n")
has("the hinted lines run", out, "\n1\tgot\n")

-- In a script: line = await reader.readline(), on a stream the hints
-- cannot see (a local), is told reader:readline(); the hinted line reads.
local script = cli.tmpfile('local reader = asyncio.stdin()\nlocal line = await reader.readline()\nprint(line)\n')
out, err, code = cli.run('"$L" ' .. cli.quote(script), "first\n")
eq("script: status", code, 1)
has("script: reader.readline()", err, script .. ":2: Lua reads 'await reader.readline()' as the value await, then " ..
  "reader.readline() as a statement of its own: nothing would be awaited (not run)\nhint: await is a function in " ..
  "Lua: write await(reader:readline())\n")
local fixed = cli.tmpfile('local reader = asyncio.stdin()\nlocal line = await(reader:readline())\nio.write(line)\n')
out, err, code = cli.run('"$L" ' .. cli.quote(fixed), "first\n")
eq("script: the hinted line reads", out, "first\n")

-- A keyword argument after two assigned names, an option of
-- open_connection, a signal's name, != in an expression typed alone.
out, err, code = cli.run('"$L" -i', table.concat({
  'ts = {asyncio.create_task(asyncio.sleep(0.1))}',
  'done, pending = await(asyncio.wait(ts, timeout=1))',
  'r, w = await(asyncio.open_connection("127.0.0.1", 1, limit=10))',
  'p = await(asyncio.create_subprocess_exec("sleep", "5"))',
  'p:send_signal(signal.SIGTERM)',
  'p:send_signal("SIGTERM")',
  'print(await(p:wait()))',
  '1 != 2',
  '1 ~= 2',
  'ok, r = pcall(asyncio.wait_for, asyncio.sleep(2), timeout=1)',
  'ok, r = pcall(await, asyncio.wait_for(asyncio.sleep(2), 1))',
  'print("pcall:", ok, r)',
  'x = await(asyncio.sleep(delay=0.1, result=3))',
  'x = await(asyncio.sleep(0.1, 3))',
  'print("slept:", x)',
  '',
}, "\n"))
eq("more: exit status", code, 0)
has("done, pending = wait(ts, timeout=1)", err, "stdin#2:1: ')' expected near '='\nhint: Lua has no keyword " ..
  "arguments; luasync's functions take options in a table: asyncio.wait(ts, { timeout = ... })\n")
has("open_connection(..., limit=10)", err, "stdin#3:1: ')' expected near '='\nhint: Lua has no keyword arguments; " ..
  "luasync's functions take options in a table: asyncio.open_connection(\"127.0.0.1\", 1, { limit = ... })\n")
has("signal.SIGTERM", err, "stdin#5:1: attempt to index a nil value (global 'signal')")
has("signal.SIGTERM: its hint", err, "hint: luasync names a signal by a string: p:send_signal(\"SIGTERM\")\n")
has("the hinted signal ends the process", out, "> print(await(p:wait()))\n-15\n")
has("1 != 2 alone", err, "stdin#8:1: unexpected symbol near '1'\nhint: Lua's not-equal is ~=: 1 ~= 2\n")
has("its hinted code", out, "> 1 ~= 2\ntrue\n")
-- (pcall(asyncio.wait_for, aw, 1) would give the coroutine object, never
-- awaited: pcall awaits the call.)
has("pcall(wait_for, aw, timeout=1)", err, "stdin#10:1: ')' expected near '='\nhint: Lua has no keyword arguments: " ..
  "pass timeout by position, and let pcall await the call: pcall(await, asyncio.wait_for(asyncio.sleep(2), 1))\n")
has("the hinted pcall times out", out, "\npcall:\tfalse\tTimeoutError\n")
-- sleep's delay and result are both positional.
has("sleep(delay=, result=)", err, "stdin#13:1: ')' expected near '='\nhint: Lua has no keyword arguments: " ..
  "pass result by position, asyncio.sleep(0.1, 3)\n")
has("the hinted sleep", out, "\nslept:\t3\n")

-- A method of an object reached by a path (self.queue.get) is called with
-- ':' at its end; a module's function by a path (asyncio.http.get) keeps '.'.
out, err, code = cli.run('"$L" -i', table.concat({
  'item = await self.queue.get()',
  'r = await asyncio.http.get(url)',
  'self = {queue = asyncio.Queue()}; self.queue:put_nowait(7)',
  'item = await(self.queue:get())',
  'print("item:", item)',
  '',
}, "\n"))
eq("paths: exit status", code, 0)
has("self.queue.get()", err, "hint: await is a function in Lua: write await(self.queue:get())\n")
has("asyncio.http.get(url)", err, "hint: await is a function in Lua: write await(asyncio.http.get(url))\n")
has("the hinted method call", out, "\nitem:\t7\n")
cli.finish()
