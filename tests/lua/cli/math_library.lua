-- The C math library loads when first needed, not at every start
-- (src/cli/math_on_demand.cpp; bench W6), and what Lua's math gives is what
-- stock lua5.4 gives, bit for bit, whichever thread calls first; C modules
-- still find its functions, and a program out of descriptors still gets its
-- first x ^ y.
local LUASYNC = assert(os.getenv("LUASYNC"), "LUASYNC is not set")
local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local tmpfile, run, eq, has, check, finish = cli.tmpfile, cli.run, cli.eq, cli.has, cli.check, cli.finish
local sp = asyncio.subprocess

-- Watched from outside (reading a file of its own could load it: see the
-- hooks): a child that says what it did, then waits for a line (read by
-- sh, so that the child itself opens nothing).
local function maps_of(pid)
  local f = assert(io.open("/proc/" .. pid .. "/maps"))
  local maps = f:read("a")
  f:close()
  return maps
end
local child = await(asyncio.create_subprocess_exec(LUASYNC, tmpfile([[
print("started")
os.execute("read x")
print(1 + 2.5, 7 // 2, 3.0 == 3, string.format("%.3f", 2 / 3), ({ [1.5] = "x" })[1.5], math.floor(2.5), 2 ^ 2)
os.execute("read x")
print(math.sin(0))
os.execute("read x")
]]), { stdin = sp.PIPE, stdout = sp.PIPE }))
local seen = {}
for _ = 1, 3 do
  local line = await(child.stdout:readline())
  local maps = maps_of(child.pid)
  seen[#seen + 1] = line:gsub("\n$", "") .. " | libm: " .. tostring(maps:find("/libm[.-]") ~= nil)
  if maps:find("libasan", 1, true) then seen.sanitizer = true end
  child.stdin:write("\n")
end
eq("child's status", await(child:wait()), 0)
-- (2 ^ 2 is folded by Lua's compiler: no call at run time. The sanitizer
-- build links libstdc++.so, which needs libm: loaded from the start.)
local later = seen.sanitizer and "true" or "false"
eq("libm: loaded by the first math function, not before", table.concat(seen, "\n"),
  "started | libm: " .. later .. "\n3.5\t3\ttrue\t0.667\tx\t2\t4.0 | libm: " .. later .. "\n0.0 | libm: true")

-- Every function the binary takes from libm, through Lua: the same bits as
-- lua5.4 (float keys hash through frexp, which libc answers).
local exprs = {
  "math.sin(1)", "math.cos(1)", "math.tan(1)", "math.asin(0.3)", "math.acos(0.3)", "math.atan(1, 3)",
  "math.atan(0.7)", "math.exp(1.5)", "math.log(10)", "math.log(8, 2)", "math.log(1000, 10)", "math.log(7, 3)",
  "math.sqrt(2)", "math.sqrt(-1)", "math.fmod(7.5, 2)", "7.25 % 2", "-7.25 % 2", "x ^ 0.5", "x ^ 1e6",
  "(math.cosh or math.cos)(1)", "(math.sinh or math.sin)(1)", "(math.tanh or math.tan)(1)",
  "(math.pow or math.sqrt)(x, 3)", "(math.frexp and select(2, math.frexp(12.5)) or 0)",
  "(math.ldexp or math.max)(0.75, 4)", "(math.log10 or math.sqrt)(2)", "({ [x / 3] = 5 })[x / 3]",
}
local lines = { "local x = tonumber(arg[1]) or 2" }
for _, e in ipairs(exprs) do
  lines[#lines + 1] = ("print(%q, string.format('%%.17g', %s))"):format(e, e)
end
local program = tmpfile(table.concat(lines, "\n") .. "\n")
local want, werr, wstatus = run("lua5.4 " .. program .. " 2")
eq("lua5.4: status", wstatus, 0)
eq("lua5.4: stderr", werr, "")
local out, err, status = run('"$L" ' .. program .. " 2")
eq("math: status", status, 0)
eq("math: stderr", err, "")
eq("math: the same values as lua5.4", out, want)

-- The first calls in worker threads at once (each runs Lua in a state of
-- its own); the main thread never called libm before them.
out, err, status = run('"$L" ' .. tmpfile([[
local jobs = {}
for i = 1, 4 do
  jobs[i] = asyncio.to_thread(function(n) return string.format("%.17g", math.sin(n) + math.exp(n / 10)) end, i)
end
print(table.concat(await(asyncio.gather(table.unpack(jobs))), " "))
]]))
want = {}
for i = 1, 4 do want[i] = string.format("%.17g", math.sin(i) + math.exp(i / 10)) end
eq("threads: status", status, 0)
eq("threads: stderr", err, "")
eq("threads: first calls in worker threads", out, table.concat(want, " ") .. "\n")

-- A C module that takes libm's functions from the interpreter (Debian's
-- _cqueues.so refers to fmax and links no libm), loaded before any math.
out, err, status = run([["$L" -e 'local cq = require "cqueues"; print(type(cq.new))']])
eq("C module: stderr", err, "")
eq("C module: loads", out, "function\n")

-- Out of descriptors, then the first x ^ y: libm loaded while some were
-- left, when io.open made one near the limit.
out, err, status = run('ulimit -n 64; "$L" ' .. tmpfile([[
local files = {}
while true do
  local f = io.open("/dev/null")
  if not f then break end
  files[#files + 1] = f
end
local x = tonumber(arg[1]) or 2
print(#files > 40, io.open("/dev/null"), string.format("%.17g", x ^ 0.5))
]]) .. " 2")
eq("io.open's descriptors: stderr", err, "")
eq("io.open's descriptors: x ^ 0.5", out, ("true\tnil\t%.17g\n"):format(2 ^ 0.5))
-- ...and when the runtime's I/O first opened (files, sockets, processes).
out, err, status = run('ulimit -n 64; "$L" ' .. tmpfile([[
local files = {}
while true do
  local ok, f = pcall(function() return await(asyncio.open("/dev/null")) end)
  if not ok then break end
  files[#files + 1] = f
end
local x = tonumber(arg[1]) or 2
print(#files > 40, string.format("%.17g", x ^ 0.5))
]]) .. " 2")
eq("asyncio.open's descriptors: stderr", err, "")
eq("asyncio.open's descriptors: x ^ 0.5", out, ("true\t%.17g\n"):format(2 ^ 0.5))
-- ...and at the start, when inherited descriptors leave the loop the last
-- free ones: the most with which the loop still starts.
local k = 64
repeat
  k = k - 1
  out, err = run(('ulimit -n 64; for ((i = 3; i < %d; i++)); do eval "exec $i</dev/null"; done; ' ..
    [["$L" -e 'print(string.format("%%.17g", math.sin(1)))']]):format(k))
until not err:find("cannot initialise the event loop", 1, true) or k == 3
eq("inherited descriptors: stderr", err, "")
eq("inherited descriptors: math.sin", out, ("%.17g\n"):format(math.sin(1)))
check("inherited descriptors: the loop took the last ones", k > 50, k)

finish()
