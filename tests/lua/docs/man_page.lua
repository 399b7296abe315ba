-- docs/luasync.1 (the man page cmake --install and the .deb put in place)
-- documents every option `luasync --help` lists and every environment
-- variable the program reads, and man renders it without a warning.
local cli = require "lib.cli"
local ROOT = "../../.."
local page = cli.slurp(ROOT .. "/docs/luasync.1")
local plain = page:gsub("\\%-", "-")  -- roff's \- is a plain hyphen

-- The options, as --help shows them.
local help = cli.run('"$L" --help 2>&1')
local options = {}
for line in help:gmatch("[^\n]+") do
  for opt in (line:match("^  (%-[^ ]+.-)  ") or ""):gmatch("%-%-?[%w]*") do options[#options + 1] = opt end
end
cli.check("--help lists the options", #options >= 12, table.concat(options, " "))
for _, opt in ipairs(options) do
  local pattern = "\n%.[TBI][PR]?[^\n]*" .. opt:gsub("%-", "%%-") .. "[\"= ,\n]"
  cli.check("the man page documents " .. opt, plain:find(pattern) ~= nil, opt)
end

-- The environment variables the sources read.
local vars = {}
local grep = io.popen("grep -rhoE 'getenv\\(\"[A-Z_0-9]+\"\\)' " .. ROOT .. "/src")
for v in grep:read("a"):gmatch('getenv%("([A-Z_0-9]+)"%)') do vars[v] = true end
grep:close()
vars.HOME, vars.COLUMNS, vars.LUASYNC_ASAN, vars.LUASYNC_VERSION = nil, nil, nil, nil  -- the terminal's, the tests'
for v in pairs(vars) do
  cli.check("the man page documents " .. v, plain:find("\n%.B[R]? [^\n]*" .. v .. "[\" ,\n]") ~= nil, v)
end
cli.check("it documents LUASYNC_HISTORY", vars.LUASYNC_HISTORY == true, "the sources no longer read it?")

-- man renders it, and groff has nothing to say about it.
local _, err, code = cli.run("MANWIDTH=80 man --warnings -l " .. cli.quote(ROOT .. "/docs/luasync.1") .. " >/dev/null")
cli.eq("man's exit status", code, 0)
cli.eq("man's warnings", err, "")
cli.finish()
