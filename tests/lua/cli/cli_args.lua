-- The command line as lua's: `arg` and `...` for a script, -e (in order, in
-- the main task), -l, -E, LUA_INIT, `-` and piped stdin, --, -v, -h, unknown
-- options. Each case runs the binary in a subprocess (bash -c, 10 s timeout)
-- with LUA_* variables cleared, and compares stdout, stderr and the status.

local LUASYNC = assert(os.getenv("LUASYNC"), "LUASYNC is not set")

local cli = require "lib.cli"  -- tests/lua/lib/cli.lua
local quote, tmpfile, slurp, run, show, fail = cli.quote, cli.tmpfile, cli.slurp, cli.run, cli.show, cli.fail
local eq, has, matches, finish = cli.eq, cli.has, cli.matches, cli.finish

local usage
do
  -- the usage text, as -h prints it, is what errors print after their message
  local out, err, code = run('"$L" -h')
  eq("-h: status", code, 0)
  eq("-h: stderr", err, "")
  matches("-h: usage line", out, "^usage: luasync %[options%] %[script %[args%]%]\n")
  for _, opt in ipairs { "-e stat", "-l mod", "-l g=mod", "-v", "-E", "--clock=", "-h, --help", "--  ", "-   " } do
    has("-h mentions " .. opt, out, "\n  " .. opt)
  end
  usage = out
  local out2, err2, code2 = run('"$L" --help')
  eq("--help: status", code2, 0)
  eq("--help: same text as -h", out2, usage)
  eq("--help: stderr", err2, "")
end

-- arg and ... for a script with arguments
local script = tmpfile([[
print("arg[0]", arg[0])
print("arg[-1]", arg[-1] == os.getenv("LUASYNC_SELF"))
for i = -3, #arg do if i ~= -1 and arg[i] ~= nil then io.write(i, "=", arg[i], " ") end end
print()
print("#arg", #arg)
print("...", select("#", ...), ...)
]])
local out, err, code = run('LUASYNC_SELF="$L" "$L" ' .. script .. ' one "two words" "" -x')
eq("script args: status", code, 0)
eq("script args: stderr", err, "")
eq("script args: stdout", out, "arg[0]\t" .. script .. "\narg[-1]\ttrue\n" ..
  "0=" .. script .. " 1=one 2=two words 3= 4=-x \n#arg\t4\n...\t4\tone\ttwo words\t\t-x\n")

-- options before the script get negative indices, as in lua
out, err, code = run('LUASYNC_SELF="$L" "$L" -E --clock=virtual -e "x = 1" ' .. script .. ' a')
eq("negative indices: status", code, 0)
eq("negative indices: stderr", err, "")
eq("negative indices: stdout", out, "arg[0]\t" .. script .. "\narg[-1]\tfalse\n" ..
  "-3=--clock=virtual -2=-e 0=" .. script .. " 1=a \n#arg\t1\n...\t1\ta\n")
out, err, code = run([["$L" -E -e 'print(arg[-4] == os.getenv("L"), arg[-3], arg[-2], arg[-1], arg[0], #arg)' ]] .. script)
eq("arg[-4] is the binary: status", code, 0)
eq("arg[-4] is the binary: first line", out:match("^[^\n]*\n"), "true\t-E\t-e\t" ..
  [[print(arg[-4] == os.getenv("L"), arg[-3], arg[-2], arg[-1], arg[0], #arg)]] .. "\t" .. script .. "\t0\n")

-- `--` ends the options: after the script, '-v' is an argument of the script
out, err, code = run('"$L" -- ' .. script .. ' -v')
eq("--: status", code, 0)
has("--: script ran with -v as its argument", out, "\n...\t1\t-v\n")

-- -e: several, in order, in the main task (await works at top level)
out, err, code = run([["$L" --clock=virtual -e 'print("first")' -e 'x = 41' ]] ..
  [[-e 'await(asyncio.sleep(5)) x = x + 1' -e 'print(x, asyncio.current_task():get_name())']])
eq("-e order: status", code, 0)
eq("-e order: stderr", err, "")
eq("-e order: stdout", out, "first\n42\tTask-1\n")

-- -e runs before the script, in the same task
out, err, code = run([["$L" -e 'shared = asyncio.current_task()' -e 'print("e")' ]] .. tmpfile(
  'print("script", asyncio.current_task() == shared, ...)\n') .. ' z')
eq("-e then script: status", code, 0)
eq("-e then script: stdout", out, "e\nscript\ttrue\tz\n")

-- -l mod: require from LUA_PATH into a global; -E ignores LUA_PATH
local moddir = tmpfile()
os.remove(moddir)
assert(os.execute("mkdir " .. quote(moddir)))
local modfile = moddir .. "/clitestmod.lua"
local f = assert(io.open(modfile, "w"))
f:write('print("loading", ...)\nreturn {answer = 42}\n')
f:close()
local lua_path = quote(moddir .. "/?.lua;;")
out, err, code = run("LUA_PATH=" .. lua_path .. [[ "$L" -l clitestmod -e 'print(clitestmod.answer)']])
eq("-l: status", code, 0)
eq("-l: stderr", err, "")
eq("-l: stdout", out, "loading\tclitestmod\t" .. modfile .. "\n42\n")
out, err, code = run("LUA_PATH_5_4=" .. lua_path .. [[ "$L" -lclitestmod -e 'print(clitestmod.answer)']])
eq("-lmod (LUA_PATH_5_4): status", code, 0)
eq("-lmod (LUA_PATH_5_4): stdout", out, "loading\tclitestmod\t" .. modfile .. "\n42\n")
-- -l g=mod: into global g, as lua5.4 (and the module still gets its own name)
out, err, code = run("LUA_PATH=" .. lua_path .. [[ "$L" -l m=clitestmod -e 'print(m.answer, clitestmod)']])
eq("-l g=mod: status", code, 0)
eq("-l g=mod: stderr", err, "")
eq("-l g=mod: stdout", out, "loading\tclitestmod\t" .. modfile .. "\n42\tnil\n")
out, err, code = run([["$L" -ls=string -e 'print(s.rep("ab", 2))']])
eq("-lg=mod: stdout", out, "abab\n")
out, err, code = run("LUA_PATH=" .. lua_path .. [[ "$L" -E -l clitestmod -e 'print("not reached")']])
eq("-E -l: status", code, 1)
eq("-E -l: stdout", out, "")
has("-E -l: module not found", err, "module 'clitestmod' not found")
if err:find(moddir, 1, true) then fail("-E -l: LUA_PATH was used", show(err)) end
out, err, code = run("LUA_PATH=" .. lua_path .. [[ "$L" -E -e 'print(package.path:find(os.getenv("LUA_PATH"), 1, true))']])
eq("-E: package.path ignores LUA_PATH", out, "nil\n")
os.remove(modfile)
os.remove(moddir)

-- LUA_INIT runs first (code or @file), unless -E; LUA_INIT_5_4 wins over LUA_INIT
out, err, code = run([[LUA_INIT='print("init", asyncio ~= nil)' "$L" -e 'print("e")']])
eq("LUA_INIT: status", code, 0)
eq("LUA_INIT: stdout", out, "init\ttrue\ne\n")
local initfile = tmpfile('print("init file")\n')
out = run('LUA_INIT=@' .. initfile .. [[ "$L" -e 'print("e")']])
eq("LUA_INIT=@file: stdout", out, "init file\ne\n")
out = run([[LUA_INIT='print("plain")' LUA_INIT_5_4='print("5.4")' "$L" -e 'print("e")']])
eq("LUA_INIT_5_4 first: stdout", out, "5.4\ne\n")
out, err, code = run([[LUA_INIT='print("init")' "$L" -E -e 'print("e")']])
eq("-E ignores LUA_INIT: status", code, 0)
eq("-E ignores LUA_INIT: stdout", out, "e\n")
out, err, code = run([[LUA_INIT='await(asyncio.sleep(1)) print("init awaited")' "$L" --clock=virtual -e 'print("e")']])
eq("LUA_INIT in the main task: stdout", out, "init awaited\ne\n")
eq("LUA_INIT in the main task: stderr", err, "")

-- `-` runs stdin as the script, with the arguments after it
local stdin_script = 'await(asyncio.sleep(0))\nprint("stdin", arg[0], #arg, ...)\n'
out, err, code = run([["$L" - a b]], stdin_script)
eq("-: status", code, 0)
eq("-: stderr", err, "")
eq("-: stdout", out, "stdin\t-\t2\ta\tb\n")
out, err, code = run([["$L" -e 'print("e first")' -]], stdin_script)
eq("-e then -: stdout", out, "e first\nstdin\t-\t0\n")

-- stdin piped, no script: runs it (arg as lua makes it: arg[0] the binary, no arguments)
out, err, code = run([["$L"]], 'print("piped", select("#", ...), #arg, arg[0] == os.getenv("L"))\n')
eq("piped stdin: status", code, 0)
eq("piped stdin: stderr", err, "")
eq("piped stdin: stdout", out, "piped\t0\t0\ttrue\n")
out, err, code = run([["$L" --clock=virtual]], 'await(asyncio.sleep(2))\nprint("slept")\n')
eq("piped stdin with an option: status", code, 0)
eq("piped stdin with an option: stdout", out, "slept\n")

-- -v: the version line; with nothing else to do it exits 0 without reading stdin
out, err, code = run([["$L" -v]], 'print("stdin must not run")\n')
eq("-v: status", code, 0)
eq("-v: stderr", err, "")
matches("-v: version line", out, "^luasync %d+%.%d+%.%d+  %(Lua 5%.4%.%d+, libuv 1%.%d+%.%d+%)\n$")
local version = out
out, err, code = run([["$L" -v -e 'print("after")']])
eq("-v -e: stdout", out, version .. "after\n")

-- unknown options: message and usage on stderr, status 1, nothing runs
for _, bad in ipairs {
  { "-x", "unrecognized option '-x'" },
  { "--bogus", "unrecognized option '--bogus'" },
  { "--clock=sideways", "'sideways'" },
  -- a value after a space, as many tools take it: where it goes
  { "--clock virtual", "'--clock' takes its value after '=': --clock=virtual" },
  { "--clock", "'--clock' takes its value after '=': --clock=real or --clock=virtual" },
  { "--trace out.json", "'--trace' takes its value after '=': --trace=out.json" },
} do
  out, err, code = run('"$L" ' .. bad[1] .. [[ -e 'print("ran")']])
  eq(bad[1] .. ": status", code, 1)
  eq(bad[1] .. ": stdout", out, "")
  matches(bad[1] .. ": message on the first line", err, "^luasync: [^\n]*" .. bad[2]:gsub("%p", "%%%0") .. "[^\n]*\n")
  has(bad[1] .. ": usage on stderr", err, usage)
end
out, err, code = run('"$L" -e')
eq("-e without its argument: status", code, 1)
eq("-e without its argument: stdout", out, "")
matches("-e without its argument: message", err, "^luasync: [^\n]*'%-e'[^\n]*\nusage: ")

finish()
