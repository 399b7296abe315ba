-- Shared by the asyncio.http tests: starts lib/http_server.py (CPython's
-- http.server, HTTP/1.1 keep-alive, on 127.0.0.1) as a child process and
-- stops it. Loaded with require("lib.http_server").
--   local server = http_server.start([{ tls = { cert, key } }])
--   server.base  -- "http://127.0.0.1:PORT" (https:// with tls)
--   server:stop()
local M = {}

local here = assert(package.searchpath("lib.http_server", package.path)):match("^(.*)/[^/]*$")
local python = os.getenv("LUASYNC_TEST_PYTHON") or "python3"

function M.start(opts)
  local args = { here .. "/http_server.py" }
  if opts and opts.tls then
    args[#args + 1] = "--tls"
    args[#args + 1] = opts.tls[1]
    args[#args + 1] = opts.tls[2]
  end
  args[#args + 1] = { stdin = asyncio.subprocess.PIPE, stdout = asyncio.subprocess.PIPE }
  local p = await(asyncio.create_subprocess_exec(python, table.unpack(args)))
  local line = await(p.stdout:readline())
  local port = assert(line:match("^PORT (%d+)"), "the test server did not start: " .. line)
  local server = { port = tonumber(port), process = p }
  server.base = ((opts and opts.tls) and "https" or "http") .. "://127.0.0.1:" .. port
  -- Stops it: its stdin closes, it exits; killed if it does not.
  function server.stop()
    p.stdin:close()
    local ok = pcall(await, asyncio.wait_for(p:wait(), 5))
    if not ok then
      p:kill()
      await(p:wait())
    end
  end
  return server
end

return M
