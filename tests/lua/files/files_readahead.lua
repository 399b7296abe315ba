-- The read-ahead of asyncio's files (files.lua keeps a chunk of up to 64 KiB and an
-- offset into it) against Lua's own io on the same file: lines crossing the
-- chunks, reads of n bytes between them, seek and tell, the last line
-- without its "\n", a write after reads.
local path = os.tmpname()
local parts = {}
for i = 1, 30000 do parts[i] = ("x"):rep(i % 97) .. i end
local text = table.concat(parts, "\n") -- no "\n" at the end
local out = assert(io.open(path, "w"))
out:write(text)
out:close()

local ref = assert(io.open(path, "r"))
local f <close> = await(asyncio.open(path, "r+"))
local ops, mismatches = 0, 0
local function same(what, a, b)
  ops = ops + 1
  if a ~= b then
    mismatches = mismatches + 1
    if mismatches <= 3 then print("mismatch", what, #tostring(a), #tostring(b)) end
  end
end
math.randomseed(7)
local lines = 0
for _ = 1, 20000 do
  local k = math.random(1, 20)
  if k <= 14 then
    local line = await(f:readline())
    same("readline", line, ref:read("L") or "")
    if line ~= "" then lines = lines + 1 end
  elseif k <= 17 then
    local n = math.random(1, 100000)
    same("read(n)", await(f:read(n)), ref:read(n) or "")
  elseif k <= 19 then
    same("tell", f:tell(), ref:seek("cur"))
  else
    local pos = math.random(0, #text)
    same("seek", await(f:seek("set", pos)), ref:seek("set", pos))
  end
end
same("the rest", await(f:read()), ref:read("a"))
same("at the end", await(f:readline()), ref:read("L") or "")
print("operations", ops, "lines", lines > 1000, "mismatches", mismatches)

-- A write after reads lands where the reads left the file, and the next
-- read comes after it, not from the stale read-ahead.
await(f:seek("set", 0))
local first = await(f:readline())
await(f:write("HELLO"))
local after = await(f:read(10))
await(f:close())
ref:close()
local whole = assert(io.open(path, "r")):read("a")
os.remove(path)
print(first == parts[1] .. "\n", whole:sub(#first + 1, #first + 5), after == text:sub(#first + 6, #first + 15))
