-- Python's libraries and blocks as luasync has them: async with
-- aiohttp.ClientSession() is asyncio.http.Session(), session.get(url)
-- await(session:get(url)), aiofiles.open asyncio.open; async with server
-- is the server's own <close> variable (docs/io.md), a lock's acquire only
-- for what is named as a lock; at the prompt the block goes in one input;
-- local f <close> = asyncio.open(p), without the await, is told to await.
-- import aiohttp, aiofiles, threading, concurrent.futures, datetime (and
-- datetime.now(), require "aiohttp") name luasync's own; await(time.sleep(1))
-- is told asyncio.sleep; if __name__ == '__main__': is told to drop the
-- test, and the script so written runs its main.
local cli = require "lib.cli"
local eq, has = cli.eq, cli.has

local AT_PROMPT = "; at the prompt a <close> local ends with its input: type the block as one input, do ... end)\n"
local out, err, code = cli.run('"$L" -i', table.concat({
  'async with aiohttp.ClientSession() as session:',
  'async with session.get(url) as response:',
  'async with aiofiles.open("f1.txt", "r") as f:',
  'async with server:',
  'async with self.lock:',
  'async with thing:',
  '',
}, "\n"))
eq("async with: exit status", code, 0)
local WITH = "hint: Lua's async with is a to-be-closed variable: "
has("aiohttp.ClientSession()", err, "stdin#1:1: syntax error near 'with'\n" .. WITH ..
  "local session <close> = asyncio.http.Session() (left at the end of its block" .. AT_PROMPT)
has("session.get(url)", err, WITH .. "local response <close> = await(session:get(url)) (left at the end of its block" ..
  AT_PROMPT)
has("aiofiles.open", err, WITH .. "local f <close> = await(asyncio.open(\"f1.txt\", \"r\")) (left at the end of its " ..
  "block" .. AT_PROMPT)
has("server", err, "hint: Lua's async with server is a to-be-closed variable where the server is made: " ..
  "local server <close> = await(asyncio.start_server(...)) (leaving its block closes the server and awaits " ..
  "wait_closed()" .. AT_PROMPT)
has("a lock", err, WITH .. "local _ <close> = await(self.lock:acquire()) (left at the end of its block" .. AT_PROMPT)
has("another object", err, WITH .. "local _ <close> = thing (left at the end of its block" .. AT_PROMPT)

-- The hinted code, as one input at the prompt: a session and a response
-- from a server of the test's own, closed at the end of the input.
out, err, code = cli.run('"$L" -i', table.concat({
  'server = await(asyncio.start_server(function(r, w) await(r:readuntil("\\r\\n\\r\\n")); ' ..
    'w:write("HTTP/1.1 200 OK\\r\\nContent-Length: 2\\r\\nConnection: close\\r\\n\\r\\nok"); ' ..
    'await(w:drain()); w:close() end, "127.0.0.1", 0))',
  'url = "http://127.0.0.1:" .. select(2, server.sockets[1]:getsockname()) .. "/"',
  'do',
  '  local session <close> = asyncio.http.Session()',
  '  local response <close> = await(session:get(url))',
  '  print(response.status, await(response:text()))',
  'end',
  'server:close()',
  '',
}, "\n"))
eq("the hinted session: exit status", code, 0)
has("the hinted session's response", out, "\n200\tok\n")
eq("the hinted session: no error", err, "")

-- A script: the block's own end.
local script = cli.tmpfile("async with aiohttp.ClientSession() as session:\n  pass\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("script: status", code, 1)
has("script: async with", err, WITH .. "local session <close> = asyncio.http.Session() (left at the end of its " ..
  "block: do ... end)\n")

script = cli.tmpfile("async with server:\n  pass\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
has("script: async with server", err, "hint: Lua's async with server is a to-be-closed variable where the server " ..
  "is made: local server <close> = await(asyncio.start_server(...)) (leaving its block closes the server and " ..
  "awaits wait_closed())\n")

-- A hint followed without its await: a coroutine object has nothing to
-- close, and the error is told to await the call; the line so written reads.
local data = cli.tmpfile("data\n")
script = cli.tmpfile("local f <close> = asyncio.open(" .. string.format("%q", data) .. ")\nio.write(await(f:read()))\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("<close> of a coroutine: status", code, 1)
has("<close> of a coroutine", err, "variable 'f' got a non-closable value\n")
has("<close> of a coroutine: its hint", err, "hint: a call of an async function gives a coroutine object, which " ..
  "has nothing to close: await it first, local f <close> = await(asyncio.open(" .. string.format("%q", data) .. "))\n")
script = cli.tmpfile("local f <close> = await(asyncio.open(" .. string.format("%q", data) .. "))\n" ..
  "io.write(await(f:read()))\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("the hinted <close> line reads", out, "data\n")

-- Imports.
out, err, code = cli.run('"$L" -i', table.concat({
  'import aiohttp', 'local aiohttp = require "aiohttp"', 'import aiofiles', 'from datetime import datetime',
  'datetime.now()', 'import threading', 'from concurrent.futures import ThreadPoolExecutor', 'import asyncio',
  'print(os.date("%Y") == os.date("%Y", math.floor(time.time())))', '',
}, "\n"))
eq("imports: exit status", code, 0)
local HTTP = "hint: luasync's aiohttp is asyncio.http, already there (docs/http.md): local session <close> = " ..
  "asyncio.http.Session(), or await(asyncio.http.get(url))\n"
local THREADS = "hint: luasync runs a function in a worker thread with asyncio.to_thread, already there " ..
  "(docs/threads.md): await(asyncio.to_thread(f, x)), or await(asyncio.get_running_loop():run_in_executor(nil, f, x))\n"
local DATE = "hint: Lua's date and time are os.date and time.time, already there: os.date(\"%Y-%m-%d %H:%M:%S\") " ..
  "gives now (Python's datetime.now()), time.time() the seconds since the epoch\n"
has("import aiohttp", err, "stdin#1:1: syntax error near 'aiohttp'\n" .. HTTP)
has("require \"aiohttp\"", err, "stdin#2:1: module 'aiohttp' not found:")
if not err:find("module 'aiohttp' not found:.-" .. HTTP:gsub("%p", "%%%0")) then
  cli.fail("require \"aiohttp\": its hint", err)
end
has("import aiofiles", err, "stdin#3:1: syntax error near 'aiofiles'\nhint: luasync's aiofiles is asyncio.open, " ..
  "already there (docs/io.md): local f <close> = await(asyncio.open(path)); await(f:read())\n")
has("from datetime import datetime", err, "stdin#4:1: syntax error near 'datetime'\n" .. DATE)
has("datetime.now()", err, "stdin#5:1: attempt to index a nil value (global 'datetime')")
has("import threading", err, "stdin#6:1: syntax error near 'threading'\n" .. THREADS)
has("from concurrent.futures import", err, "stdin#7:1: syntax error near 'concurrent'\n" .. THREADS)
has("import asyncio as it was", err, "stdin#8:1: syntax error near 'asyncio'\nhint: nothing to import: asyncio, " ..
  "async, await and time are already there (a Lua module loads with local m = require \"m\")\n")
has("the hinted date", out, "\ntrue\n")
local _, dates = err:gsub(DATE:gsub("%p", "%%%0"), "")
eq("datetime's hint, for the import and for datetime.now()", dates, 2)

-- await(time.sleep(1)): asyncio.sleep first.
out, err, code = cli.run('"$L" -i', 'await(time.sleep(0.01))\nawait(asyncio.sleep(0.01))\nprint("slept")\n')
has("await(time.sleep(...))", err, "TypeError: object nil can't be used in 'await' expression")
has("await(time.sleep(...)): its hint", err, "hint: time.sleep blocks the whole program (every task waits) and " ..
  "gives nothing to await: await(asyncio.sleep(0.01)) pauses this task only\n")
has("the hinted sleep", out, "\nslept\n")

-- if __name__ == '__main__': (Lua has no __name__: the test would never
-- hold). The script written as the hint says runs its main.
script = cli.tmpfile('local main = async(function() print("main ran") end)\n' ..
  "if __name__ == '__main__':\n    asyncio.run(main())\n")
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("__name__: status", code, 1)
eq("__name__: the error and its hint", err, "luasync: " .. script .. ":2: 'then' expected near ':'\nhint: Lua has no " ..
  "__name__: a script's body is its main, so drop the test and call asyncio.run(main()) at the script's end\n")
-- Lua's form of the test raises (Lua would read __name__ as nil and skip
-- main without a word), as a read of True does.
script = cli.tmpfile('local main = async(function() print("main ran") end)\n' ..
  'if __name__ == "__main__" then asyncio.run(main()) end\n')
out, err, code = cli.run('"$L" ' .. cli.quote(script))
eq("__name__ read: status", code, 1)
has("__name__ read: the error", err, "luasync: " .. script .. ":2: __name__ is not defined in Lua (hint: a " ..
  "script's body is its main: drop the if __name__ == \"__main__\" test and call asyncio.run(main()) at the " ..
  "script's end)\n")
script = cli.tmpfile('local main = async(function() print("main ran") end)\nasyncio.run(main())\n')
out, err, code = cli.run('"$L" ' .. cli.quote(script) .. " an argument")
eq("the hinted script runs main", out, "main ran\n")
eq("the hinted script: status", code, 0)
cli.finish()
