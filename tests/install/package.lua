-- run: serial
-- The install and the Debian package (CMakeLists.txt's install rules and
-- CPack): `cmake --install` puts the binary, its man page, the guides and
-- the editor types where they belong, and the installed binary runs from
-- anywhere; `cpack -G DEB` makes a package with the same files and the
-- dependencies of a Debian system; as root (CI), the package installs, its
-- luasync runs and man finds its page, and it removes clean.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check

local build = assert(os.getenv("LUASYNC_BUILD_DIR"), "LUASYNC_BUILD_DIR: the build folder")
local cmake = os.getenv("CMAKE_COMMAND") or "cmake"
local cpack = os.getenv("CPACK_COMMAND") or "cpack"
local q = cli.quote
local tmp = cli.run("mktemp -d"):gsub("\n$", "")
local ONE_LINER = [[-e 'print(await(asyncio.sleep(0, 1)))']]

-- cmake --install into a prefix of our own
local prefix = tmp .. "/prefix"
local _, err, code = cli.run(("%s --install %s --prefix %s"):format(q(cmake), q(build), q(prefix)), nil, 60)
eq("cmake --install's status", code, 0, err)
for _, f in ipairs { "bin/luasync", "share/man/man1/luasync.1", "share/doc/luasync/README.md",
  "share/doc/luasync/api.md", "share/doc/luasync/repl.md", "share/luasync/types/asyncio.lua" } do
  check("installed: " .. f, io.open(prefix .. "/" .. f) ~= nil, prefix .. "/" .. f)
end
local out
out, err, code = cli.run(("cd / && %s %s"):format(q(prefix .. "/bin/luasync"), ONE_LINER))
eq("the installed luasync runs from anywhere", out, "1\n", err)
-- the module for stock Lua, from lua5.4
local MODULE_LINER = [[-e 'local asyncio = require "asyncio"; ]] ..
  [[print(asyncio.run(async(function() return await(asyncio.sleep(0, 1)) end)()))']]
local libdirs = cli.run(("ls -d %s/lib*/lua/5.4 %s/lib/*/lua/5.4 2>/dev/null"):format(q(prefix), q(prefix)))
local libdir = libdirs:match("[^\n]+")
check("installed: the module asyncio.so", libdir ~= nil and io.open(libdir .. "/asyncio.so") ~= nil, libdirs)
if libdir then
  out, err = cli.run(("cd / && LUA_CPATH=%s lua5.4 %s"):format(q(libdir .. "/?.so"), MODULE_LINER))
  eq("the installed module runs in lua5.4", out, "1\n", err)
end

-- the Debian package
_, err, code = cli.run(("cd %s && %s -G DEB -B %s"):format(q(build), q(cpack), q(tmp .. "/deb")), nil, 120)
eq("cpack's status", code, 0, err)
local deb = cli.run(("ls %s/*.deb"):format(q(tmp .. "/deb"))):gsub("\n$", "")
check("a .deb was made", deb:match("luasync_[%d.]+_%w+%.deb$") ~= nil, deb)
local contents = cli.run(("dpkg-deb -c %s"):format(q(deb)))
for _, f in ipairs { "./usr/bin/luasync", "./usr/share/man/man1/luasync.1", "./usr/share/doc/luasync/api.md",
  "./usr/share/luasync/types/asyncio.lua" } do
  check("in the package: " .. f, contents:find(f, 1, true) ~= nil, contents)
end
local depends = cli.run(("dpkg-deb -f %s Depends"):format(q(deb)))
for _, p in ipairs { "libuv1", "libreadline8", "lua-cjson", "libc6" } do
  check("the package depends on " .. p, depends:find(p, 1, true) ~= nil, depends)
end

-- installed for real, as root on a machine where it is not installed yet
local root = cli.run("id -u") == "0\n"
local present = select(3, cli.run("dpkg -s luasync >/dev/null 2>&1")) == 0
if root and not present then
  _, err, code = cli.run(("dpkg -i %s"):format(q(deb)), nil, 60)
  eq("dpkg -i's status", code, 0, err)
  out, err = cli.run("cd / && /usr/bin/luasync " .. ONE_LINER)
  eq("the package's luasync runs", out, "1\n", err)
  out, err = cli.run("cd / && lua5.4 " .. MODULE_LINER)
  eq("the package's module runs in lua5.4", out, "1\n", err)
  out = cli.run("man -w luasync")
  eq("man finds the page", out, "/usr/share/man/man1/luasync.1\n")
  _, err, code = cli.run("dpkg -r luasync", nil, 60)
  eq("dpkg -r's status", code, 0, err)
  check("removed clean", io.open("/usr/bin/luasync") == nil and io.open("/usr/share/man/man1/luasync.1") == nil)
else
  print(root and "luasync is installed on this machine already: the package's own install was not tried"
    or "not root: the package was checked by its contents only")
end

os.execute("rm -rf " .. q(tmp))
cli.finish()
