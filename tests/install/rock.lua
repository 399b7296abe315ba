-- run: serial
-- The rock (luasync-0.1.0-1.rockspec): Debian's luarocks, offline, builds
-- a copy of this checkout with `luarocks make` into a tree of its own, and
-- lua5.4 then finds the module there as any rock's; the installed rock,
-- packed as a binary rock, installs with `luarocks install` from a local
-- rocks server (a folder with a manifest) into a second tree.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check
local q = cli.quote

local root = cli.run("cd ../.. && pwd"):gsub("\n$", "")
local tmp = cli.run("mktemp -d"):gsub("\n$", "")
local LR = "luarocks --lua-version=5.4"
local ONE_LINER = [[-e 'local asyncio = require "asyncio"; ]] ..
  [[print(asyncio.run(async(function() return await(asyncio.sleep(0, 1)) end)()))']]

-- the checkout's files (what git tracks, as in a fresh clone), built apart
local src = tmp .. "/src"
local _, err, code = cli.run(("mkdir -p %s && cd %s && git ls-files -z | xargs -0 tar cf - | tar xf - -C %s")
  :format(q(src), q(root), q(src)), nil, 60)
eq("copying the checkout", code, 0, err)

-- luarocks make, into a tree of its own (its cmake build in parallel)
local tree = tmp .. "/tree"
local out
out, err, code = cli.run(("cd %s && CMAKE_BUILD_PARALLEL_LEVEL=2 %s make --tree %s luasync-0.1.0-1.rockspec")
  :format(q(src), LR, q(tree)), nil, 900)
eq("luarocks make's status", code, 0, out .. err)
local libdir = tree .. "/lib/lua/5.4"
check("the module is in the tree", io.open(libdir .. "/asyncio.so") ~= nil, libdir)
out, err = cli.run(("cd / && LUA_CPATH=%s lua5.4 %s"):format(q(libdir .. "/?.so"), ONE_LINER))
eq("lua5.4 runs the rock's module", out, "1\n", err)
out = cli.run(("%s list --tree %s --porcelain"):format(LR, q(tree)))
check("luarocks lists the rock", out:find("luasync\t0.1.0-1", 1, true) ~= nil, out)

out, err = cli.run(("cd / && %s -e 'print(await(asyncio.sleep(0, 2)))'"):format(q(tree .. "/bin/luasync")))
eq("the rock's luasync runs", out, "2\n", err)

-- a local rocks server: the installed rock packed, and a manifest
local server = tmp .. "/server"
out, err, code = cli.run(("mkdir -p %s && cd %s && %s pack luasync 0.1.0-1 --tree %s && " ..
  "luarocks-admin --lua-version=5.4 make-manifest %s"):format(q(server), q(server), LR, q(tree), q(server)), nil, 60)
eq("the rocks server is made", code, 0, out .. err)
local tree2 = tmp .. "/tree2"
out, err, code = cli.run(("%s install --tree %s --only-server=%s luasync"):format(LR, q(tree2), q(server)), nil, 120)
eq("luarocks install from the local server", code, 0, out .. err)
out, err = cli.run(("cd / && LUA_CPATH=%s lua5.4 %s"):format(q(tree2 .. "/lib/lua/5.4/?.so"), ONE_LINER))
eq("lua5.4 runs the installed rock's module", out, "1\n", err)

cli.run("rm -rf " .. q(tmp))
cli.finish()
