-- Many small writes queued before drain(): a client writes N 10-byte pieces
-- to a server that reads nothing until they are all written; what the
-- queue holds (resident bytes a write) and what writing them took, then
-- drain() and the bytes the server read. Compare N and 10*N (N = 1,000,000:
-- the kernel's socket buffers take the first ~400,000, one send each).
--   luasync write_queue.lua [N]
-- CPython sends each piece while its buffer is empty (one syscall each):
-- at a million it had not finished in 60 s on the machine of the figures.
local N = math.tointeger(tonumber(arg[1])) or 1000000
local now = time.perf_counter
local function rss_kb()
  local h = io.open("/proc/self/statm")
  local _, pages = h:read("n", "n")
  h:close()
  return pages * 4
end

local go, done, got = asyncio.Event(), asyncio.Event(), 0
local server = await(asyncio.start_server(function(r, w)
  await(go:wait())
  while true do
    local d = await(r:read(1 << 20))
    if d == "" then break end
    got = got + #d
  end
  w:close()
  done:set()
end, "127.0.0.1", 0))
local _, port = server.sockets[1]:getsockname()
local _, w = await(asyncio.open_connection("127.0.0.1", port))
await(asyncio.sleep(0.05))
collectgarbage()
local r0, t0 = rss_kb(), now()
for _ = 1, N do w:write("0123456789") end
local wall = now() - t0
local queued = w.transport:get_write_buffer_size()
local held = (rss_kb() - r0) * 1024 / N
go:set()
await(w:drain())
w:close()
await(done:wait())
assert(got == 10 * N, got)
server:close()
print(("RESULT peer=luasync N=%d write_s=%.4f queued_bytes=%d rss_bytes_per_write=%.1f"):format(N, wall, queued, held))
