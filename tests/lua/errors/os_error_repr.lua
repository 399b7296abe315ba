-- An OSError made of (errno, strerror) shows those two in its repr, as
-- Python's repr shows its args: ConnectionResetError(104, 'Connection reset
-- by peer'), a filename left out; its str is "[Errno 104] ...". One made of a
-- message alone shows the message. (The repr as a future's shows it.)
-- Reference: reference/os_error_repr.py
local function show(e)
  local f = asyncio.Future()
  f:set_exception(e)
  f:exception()
  print(tostring(f), tostring(e))
end
show(asyncio.ConnectionResetError(104, "Connection reset by peer"))
show(asyncio.OSError(2, "No such file or directory", "x.txt"))
show(asyncio.OSError(2, "No such file or directory", "a", nil, "b"))
show(asyncio.OSError(32, "it's broken"))
show(asyncio.OSError("text"))
show(asyncio.OSError())
show(asyncio.TimeoutError())
show(asyncio.IncompleteReadError("ab", 5))
local ok, e = pcall(function() return await(asyncio.open("/nonexistent/x", "r")) end)
assert(not ok)
show(e)
