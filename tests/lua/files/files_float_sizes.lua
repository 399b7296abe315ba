-- A File's read(n) and seek(whence, offset), and fs.mkdir's mode, take a
-- float with an integer value as that integer, as Lua's file:read and
-- file:seek and StreamReader:read take it (f:read(2^10): 2^10 is 1024.0);
-- a float without one is Lua's "number has no integer representation".
local cli = require "lib.cli"
local eq = cli.eq

local path = os.tmpname()
do
  local f <close> = await(asyncio.open(path, "w"))
  await(f:write("0123456789"))
end
local f <close> = await(asyncio.open(path))
eq("read(2^2)", await(f:read(2 ^ 2)), "0123")
eq("seek('set', 6.0)", await(f:seek("set", 6.0)), 6)
eq("read(2.0) after it", await(f:read(2.0)), "67")
eq("seek('cur', -1.0)", await(f:seek("cur", -1.0)), 7)
eq("read(1e3) reads to the end", await(f:read(1e3)), "789")
eq("read(1.5)", cli.error_text(f.read, f, 1.5), "bad argument #1 to 'read' (number has no integer representation)")
eq("seek('set', 0.5)", cli.error_text(f.seek, f, "set", 0.5),
  "bad argument #2 to 'seek' (number has no integer representation)")
eq("read('x') is still refused", cli.error_text(f.read, f, "x"), "bad argument #1 to 'read' (integer expected, got string)")
-- (Lua's own, for comparison: the same values and words)
local lf <close> = io.open(path)
eq("Lua's file:read(2.0)", lf:read(2.0), "01")
cli.check("Lua's read(1.5)", select(2, pcall(lf.read, lf, 1.5)):find("(number has no integer representation)", 1, true))

local dir = path .. ".d"
await(asyncio.fs.mkdir(dir, 448.0)) -- 0700
eq("mkdir(dir, 448.0): its mode", await(asyncio.fs.stat(dir)).mode & 511, 448)
await(asyncio.fs.rmdir(dir))
os.remove(path)
cli.finish()
