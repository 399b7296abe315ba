-- clock: real
-- A file that cannot seek (a FIFO; also /dev/stdout when it is a pipe)
-- answers tell() and seek() with lseek's error, OSError: [Errno 29]
-- Illegal seek, as CPython's unbuffered file, in every mode: in "a" mode
-- tell() said 0 (the size of the FIFO at open) and, in "w" mode, the bytes
-- written. Writes and reads go on as before. /dev/null, a device that
-- seeks, answers 0, as Python's.
-- Reference: reference/files_not_seekable.py
local sp = asyncio.subprocess

local function p(...)
  local t = table.pack(...)
  for i = 1, t.n do t[i] = tostring(t[i]) end
  print(table.concat(t, " "))
end
local function repr(s) return "'" .. s:gsub("\n", "\\n") .. "'" end
-- tell() acts at the call, seek() when awaited.
local function attempt(what, fn)
  local ok, r = pcall(fn)
  if ok then
    p(what, r)
  else
    p(what, tostring(r), r.errno, asyncio.OSError:is(r))
  end
end

local dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir " .. dir .. " && mkfifo " .. dir .. "/fifo"))
local fifo = dir .. "/fifo"
for _, mode in ipairs({ "a", "w" }) do
  local reader = await(asyncio.create_subprocess_exec("cat", fifo, { stdout = sp.PIPE }))
  local f = await(asyncio.open(fifo, mode .. "b"))
  attempt(mode .. " tell", function() return f:tell() end)
  attempt(mode .. " seek", function() return await(f:seek("set", 0)) end)
  p(mode .. " write", await(f:write("hi\n")))
  attempt(mode .. " tell after a write", function() return f:tell() end)
  await(f:close())
  p(mode .. " the reader got", repr((await(reader:communicate()))))
end
local writer = await(asyncio.create_subprocess_exec("sh", "-c", "printf 'one\\ntwo\\n' > " .. fifo))
local f = await(asyncio.open(fifo, "rb"))
attempt("r tell", function() return f:tell() end)
p("r readline", repr(await(f:readline())))
attempt("r seek end", function() return await(f:seek("end", 0)) end)
await(f:close())
await(writer:wait())
os.execute("rm -r " .. dir)
f = await(asyncio.open("/dev/null", "ab"))
p("/dev/null tell", f:tell(), "write", await(f:write("abc")), "tell", f:tell())
await(f:close())
