-- clock: real
-- asyncio.open on a FIFO: opening waits in a worker thread for the other
-- end (the loop goes on), and reads and writes go where the stream stands
-- (a read at an offset, pread, fails on a FIFO with ESPIPE).
local dir = os.tmpname()
os.remove(dir)
assert(os.execute("mkdir " .. dir .. " && mkfifo " .. dir .. "/in " .. dir .. "/out"))
local ticks = 0
local ticker = asyncio.create_task(async(function()
  while true do
    await(asyncio.sleep(0.02))
    ticks = ticks + 1
  end
end)())
-- A writer that comes late, and a reader of what we write.
local writer = io.popen("sleep 0.3; printf 'one\\ntwo\\nthree' > " .. dir .. "/in; cat " .. dir .. "/out")
local f = await(asyncio.open(dir .. "/in"))
print("opened; the loop went on while it waited:", ticks > 5)
print("readline", await(f:readline()))
for line in f:lines() do print("line", line) end
await(f:close())
local w = await(asyncio.open(dir .. "/out", "w"))
print("write", await(w:write("back\n")), await(w:write("again\n")))
await(w:close())
io.write(writer:read("a"))
writer:close()
ticker:cancel()
os.execute("rm -r " .. dir)
