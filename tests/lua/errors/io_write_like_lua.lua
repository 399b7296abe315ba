-- io.write and file:write on the standard streams raise Lua's own errors
-- (lua5.4's texts, no runtime frame in them), write what comes before a bad
-- value as Lua does, and keep Lua's message for a closed default output.
local function eq(what, got, want)
  if got ~= want then error(("%s: %q, expected %q"):format(what, tostring(got), tostring(want)), 2) end
end
eq("io.write({})", select(2, pcall(io.write, {})), "bad argument #1 to 'io.write' (string expected, got table)")
eq("io.stdout:write({})", select(2, pcall(io.stdout.write, io.stdout, {})), "bad argument #2 to '?' (string expected, got table)")
eq("io.write('x', nil)", select(2, pcall(io.write, "<x>", nil)), "bad argument #2 to 'io.write' (string expected, got nil)")
io.write("\n")
eq("io.write returns the file", io.write(""), io.stdout)
-- numbers as Lua writes them (LUA_NUMBER_FMT: 1.0 is "1")
local cli = require "lib.cli"
local out = cli.run([["$L" -e 'io.write(1, " ", 1.0, " ", 2^63, "\n") io.stdout:write(-0.5, "\n")']])
eq("numbers on stdout", out, "1 1 9.2233720368548e+18\n-0.5\n")
local path = os.tmpname()
local f = io.open(path, "w")
io.output(f)
f:close()
eq("a closed default output", select(2, pcall(io.write, "late")), "default output file is closed")
io.output(io.stdout)
os.remove(path)
cli.finish()
