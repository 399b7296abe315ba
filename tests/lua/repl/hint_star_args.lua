-- Python's f(*args) is a syntax error in Lua: the hint writes the call with
-- table.unpack(args), which runs (gather's results come back); with
-- Python's await before it, one hint says both. f(**kwargs) passes the
-- table itself; 2 ** 3 is still the power operator's hint.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local out, err, code = cli.run('"$L" -i', table.concat({
  'f = async(function(i) await(asyncio.sleep(i)) return i * 10 end)',
  'tasks = {asyncio.create_task(f(1)), asyncio.create_task(f(2))}',
  'asyncio.gather(*tasks)',
  'results = await asyncio.gather(*tasks)',
  'print(1, *tasks)',
  'asyncio.wait(tasks, **opts)',
  'print(2 ** 3)',
  'results = await(asyncio.gather(table.unpack(tasks)))',
  'print(results[1], results[2], results.n)',
  '',
}, "\n"))
eq("REPL: exit status", code, 0)
has("gather(*tasks)", err, "stdin#3:1: unexpected symbol near '*'\nhint: Lua has no *args: write " ..
  "asyncio.gather(table.unpack(tasks)) (table.unpack gives a list's items)\n")
has("await gather(*tasks)", err, "stdin#4:1: unexpected symbol near '*'\nhint: await is a function in Lua, and " ..
  "Lua has no *args: write await(asyncio.gather(table.unpack(tasks)))\n")
has("*args after another argument", err, "hint: Lua has no *args: write print(1, table.unpack(tasks))")
has("**kwargs", err, "stdin#6:1: unexpected symbol near '*'\nhint: Lua has no **kwargs: luasync's functions take " ..
  "their options in a table, passed as it is: asyncio.wait(tasks, opts)\n")
has("2 ** 3", err, "stdin#7:1: unexpected symbol near '*'\nhint: Lua's power operator is ^: 2 ^ 3\n")
has("the hinted code runs", out, "> print(results[1], results[2], results.n)\n10\t20\t2\n")

-- With arguments after *tasks (gather's options): table.unpack(tasks) there
-- would pass only the first task, without an error; the hint builds one
-- list, and the code it gives runs.
out, err, code = cli.run('"$L" -i', table.concat({
  'ts = {asyncio.sleep(0, 1), asyncio.sleep(0, 2)}',
  'r = await asyncio.gather(*ts, return_exceptions=True)',
  'p = asyncio.create_subprocess_exec(*cmd, "-l", stdout=asyncio.subprocess.PIPE, cwd=d)',
  'local args = {table.unpack(ts)}; args[#args + 1] = { return_exceptions = true }; ' ..
    'r = await(asyncio.gather(table.unpack(args)))',
  'print(r.n, r[1], r[2])',
  '',
}, "\n"))
local LAST = "table.unpack(list) gives all its items only as the last argument, so the items and what follows " ..
  "go in one list: "
has("await gather(*ts, option)", err, "stdin#2:1: unexpected symbol near '*'\nhint: await is a function in Lua, " ..
  "and Lua has no *args; " .. LAST .. "local args = {table.unpack(ts)}; args[#args + 1] = { return_exceptions = true }; " ..
  "r = await(asyncio.gather(table.unpack(args)))\n")
has("f(*cmd, arg, options)", err, "stdin#3:1: unexpected symbol near '*'\nhint: Lua has no *args; " .. LAST ..
  'local args = {table.unpack(cmd)}; args[#args + 1] = "-l"; ' ..
  "args[#args + 1] = { stdout = asyncio.subprocess.PIPE, cwd = d }; asyncio.create_subprocess_exec(table.unpack(args))\n")
has("the hinted code runs", out, "> print(r.n, r[1], r[2])\n2\t1\t2\n")

local script = cli.tmpfile("local tasks = {}\nlocal results = await asyncio.gather(*tasks)\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: status", code, 1)
eq("script: the error and the hint", err, "luasync: " .. script .. ":2: unexpected symbol near '*'\n" ..
  "hint: await is a function in Lua, and Lua has no *args: write await(asyncio.gather(table.unpack(tasks)))\n")
cli.finish()
