-- A request cancelled while its body comes (task:cancel(), or a wait_for
-- around a read that times out) frees its transfer's buffers at once: the
-- unread body (its buffer keeps its capacity, ~1 MiB or more, when taken)
-- and curl's handle. They stayed until the collector reached the
-- transfer, which a response still held kept alive (and which the collector
-- takes for a small object). The response is closed: a later read raises
-- ClientConnectionError, as after r:close(), instead of ending the body
-- short with "". RSS is the process's resident memory.
--
-- The test runs itself again with glibc's mmap threshold fixed at 128 KiB,
-- so that every buffer freed goes back to the system at once: with the
-- threshold glibc moves, a freed buffer may stay in the heap, in the RSS.
-- (ASan keeps freed memory aside for a while; in the sanitizer build it is
-- told not to.)
if not os.getenv("MALLOC_MMAP_THRESHOLD_") then
  local asan = "ASAN_OPTIONS=quarantine_size_mb=0:" .. (os.getenv("ASAN_OPTIONS") or "")
  local p = await(asyncio.create_subprocess_exec("env", "MALLOC_MMAP_THRESHOLD_=131072", asan, os.getenv("LUASYNC"),
    "--clock=virtual", arg[0]))
  local status = await(p:wait())
  if status ~= 0 then error("the test failed (status " .. status .. ")", 0) end
  return
end
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check
local http = asyncio.http
local server = require("lib.http_server").start()

local function rss_mb()
  local f = assert(io.open("/proc/self/status"))
  local s = f:read("a")
  f:close()
  return tonumber(s:match("VmRSS:%s*(%d+)")) / 1024
end

local s <close> = http.Session { base_url = server.base }
eq("a first request (libcurl loaded)", await((await(s:get("/hello"))):text()), "hello world")
collectgarbage()
collectgarbage()
local before = rss_mb()

-- N responses, each read as it comes until its server stalls halfway (after
-- 2 MiB): half wait in a plain read, cancelled by the main task; half in a
-- wait_for whose timeout cancels the read.
local N, MiB = 16, 1024 * 1024
local held, got, tasks = {}, {}, {}
for i = 1, N do
  got[i] = 0
  tasks[i] = asyncio.create_task(async(function()
    local r = await(s:get("/stall", { params = { mb = 2, delay = 10 } }))
    held[i] = r
    while true do
      local piece
      if i % 2 == 0 then
        piece = await(r:read(MiB))
      else
        piece = await(asyncio.wait_for(r:read(MiB), 3))
      end
      got[i] = got[i] + #piece
    end
  end))
end
local deadline = time.monotonic() + 20
local function all_in()
  for i = 1, N do if got[i] < 2 * MiB then return false end end
  return true
end
while not all_in() and time.monotonic() < deadline do await(asyncio.sleep(0.05)) end
check("every response got its first half", all_in(), got)
collectgarbage()
collectgarbage()
local grown = rss_mb() - before
for i = 2, N, 2 do tasks[i]:cancel() end
for i = 1, N do
  local ok, e = pcall(await, tasks[i])
  local want = i % 2 == 0 and asyncio.CancelledError or asyncio.TimeoutError
  check("task " .. i .. " ended as it was cancelled", not ok and want:is(e), e)
end
collectgarbage()
collectgarbage()
local kept = rss_mb() - before
local numbers = ("%.1f MB grown, %.1f MB kept"):format(grown, kept)
check("the buffers grew the process", grown > N * 0.75, numbers)
check("the cancelled ones' are freed", kept < grown / 4, numbers)

eq("the responses are all still held", #held, N)
local ok, e = pcall(await, held[1]:read())
eq("a later read of one (wait_for's)", tostring(e), "ClientConnectionError: Connection closed")
ok, e = pcall(await, held[2]:text())
eq("a later read of one (cancelled)", tostring(e), "ClientConnectionError: Connection closed")
held[3]:close()
eq("the session goes on", await((await(s:get("/hello"))):text()), "hello world")

-- An upload's body lives as long as its request: a task's coroutine object
-- (which the task, and the task that awaited it, keep) held it, so a
-- cancelled upload's 20 MB string stayed after every collection; and the
-- transfer's copy stayed as long as its response was held.
local SIZE = 20 * MiB
collectgarbage()
collectgarbage()
local heap, rss0 = collectgarbage("count") / 1024, rss_mb()
local upload = asyncio.create_task(s:post("/slow", { params = { delay = 2 }, data = string.rep("u", SIZE) }))
await(asyncio.sleep(0.3))
upload:cancel()
check("the upload was cancelled", not pcall(await, upload))
collectgarbage()
collectgarbage()
local numbers = ("%.1f MB of Lua heap kept, %.1f MB of RSS"):format(collectgarbage("count") / 1024 - heap,
  rss_mb() - rss0)
check("a cancelled upload's body is freed (its task still held)", collectgarbage("count") / 1024 - heap < 1, numbers)
upload = asyncio.create_task(s:post("/hello", { data = string.rep("v", SIZE) }))
local answer = await(upload)
eq("a finished upload's answer", await(answer:text()), "hello world")
collectgarbage()
collectgarbage()
numbers = ("%.1f MB of Lua heap kept, %.1f MB of RSS"):format(collectgarbage("count") / 1024 - heap, rss_mb() - rss0)
check("a finished upload's body is freed (its task and response held)",
  collectgarbage("count") / 1024 - heap < 1 and rss_mb() - rss0 < 8, numbers)

s:close()
server.stop()
cli.finish()
