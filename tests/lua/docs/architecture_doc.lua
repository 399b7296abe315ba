-- docs/architecture.md matches the code: every file it names exists, every
-- folder under src/ is in its table of layers (and every folder there
-- exists, but those it lists as not built yet), and the include rules of
-- that table hold for every C++ file.
local ROOT = "../../.."
local DOC = ROOT .. "/docs/architecture.md"

local failures = 0
local function fail(fmt, ...)
  failures = failures + 1
  io.stderr:write(string.format(fmt, ...), "\n")
end

local function read(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function lines_of(cmd)
  local p = assert(io.popen(cmd))
  local out = {}
  for l in p:lines() do out[#out + 1] = l end
  p:close()
  return out
end

local function exists(path)
  local f = io.open(ROOT .. "/" .. path, "rb")
  if f then f:close() return true end
  return os.execute("test -d '" .. ROOT .. "/" .. path .. "'") == true
end

local doc = read(DOC)

-- Every source file by its name, to check the bare names of the walkthroughs.
local by_name = {}
for _, path in ipairs(lines_of("cd " .. ROOT .. " && find src -type f")) do
  local name = path:match("[^/]+$")
  by_name[name] = by_name[name] or {}
  table.insert(by_name[name], path)
end

-- The table of layers: folder -> the file names its row gives.
local rows, planned = {}, {}
for folder, rest in doc:gmatch("\n| `(src/[%w_]*/?[%w_.]*)` |([^\n]*)") do
  rows[folder] = rest
end
for folder in (doc:match("Not built yet(.-)\n\n") or ""):gmatch("`(src/[%w_]+/)`") do
  planned[folder] = true
end

for folder, rest in pairs(rows) do
  if not exists(folder) then fail("architecture.md: the layer %s does not exist", folder) end
  if folder:sub(-1) == "/" then
    local described = rest:match("^([^|]*)|")  -- the second column: what it holds
    if not described then
      fail("architecture.md: the row of %s is not one line of three columns", folder)
      described = ""
    end
    for name, ext in described:gmatch("`([%w_]+%.(%a+))`") do
      if (ext == "cpp" or ext == "hpp" or ext == "lua") and not exists(folder .. name) then
        fail("architecture.md: %s%s does not exist", folder, name)
      end
    end
  end
end

-- Every folder under src/ is a row of the table.
for _, dir in ipairs(lines_of("cd " .. ROOT .. " && find src -mindepth 1 -type d")) do
  if not rows[dir .. "/"] then fail("architecture.md does not describe the folder %s/", dir) end
end
for folder in pairs(planned) do
  if exists(folder) and not rows[folder] then
    fail("architecture.md lists %s as not built yet, but it exists: add it to the table", folder)
  end
end

-- Every path named anywhere (`src/...`, `tests/...`, `docs/...`) exists, but
-- the planned folders; every bare file name is a file of src/.
for path in doc:gmatch("`((%a+)/[%w_./<>]*)`") do
  local top = path:match("^(%a+)/")
  if (top == "src" or top == "tests" or top == "docs") and not path:find("<", 1, true)
    and not planned[path] and not exists(path) then
    fail("architecture.md names %s, which does not exist", path)
  end
end
for name in doc:gmatch("`([%w_]+%.[ch]pp)`") do
  if not by_name[name] then fail("architecture.md names %s, which is not a file of src/", name) end
end
for name in doc:gmatch("`([%w_]+%.lua)`") do
  if not by_name[name] then fail("architecture.md names %s, which is not a file of src/", name) end
end

-- The include rules of the table. A folder may include its own headers and
-- those listed here; runtime/ never touches Lua. kernel/boundary.hpp, the
-- list of names both halves share, is for every folder above runtime/;
-- lua/runtime_modules.hpp, where the runtime's modules are, for those that
-- reach luasync.core or the error classes; kernel/entry_watch.hpp, what the
-- loop thread runs as live inspection's thread reads it (atomics, no Lua),
-- for lua/ (time.sleep and stdin's reads say what they block in) and diag/;
-- lua/frames.hpp for kernel/ (debug mode's wake-up takes the waker's frames).
local allowed = {
  runtime = { runtime = true, uv = true },
  uv = { uv = true },
  lua = { lua = true, runtime = true, uv = true, ["kernel/boundary.hpp"] = true, ["kernel/entry_watch.hpp"] = true },
  kernel = { kernel = true, runtime = true, uv = true, ["lua/errors.hpp"] = true, ["lua/runtime_modules.hpp"] = true,
    ["lua/frames.hpp"] = true },
  asyncio = { asyncio = true, ["kernel/wait.hpp"] = true, ["kernel/ops.hpp"] = true,
              ["kernel/kernel.hpp"] = true, ["lua/errors.hpp"] = true, ["lua/runtime_modules.hpp"] = true },
  io = { io = true, runtime = true, uv = true, ["kernel/kernel.hpp"] = true, ["kernel/boundary.hpp"] = true,
         ["kernel/wait.hpp"] = true, ["kernel/ops.hpp"] = true, ["lua/errors.hpp"] = true,
         ["lua/runtime_modules.hpp"] = true },
  threads = { threads = true, runtime = true, uv = true, ["kernel/kernel.hpp"] = true, ["kernel/boundary.hpp"] = true,
              ["lua/state.hpp"] = true, ["lua/errors.hpp"] = true, ["lua/output.hpp"] = true,
              ["lua/runtime_modules.hpp"] = true },
  diag = { diag = true, runtime = true, uv = true, ["kernel/kernel.hpp"] = true, ["kernel/boundary.hpp"] = true,
           ["kernel/entry_watch.hpp"] = true, ["kernel/interrupt_hook.hpp"] = true, ["lua/runtime_modules.hpp"] = true },
  http = { http = true, runtime = true, uv = true, ["kernel/kernel.hpp"] = true, ["kernel/boundary.hpp"] = true,
           ["lua/errors.hpp"] = true, ["lua/runtime_modules.hpp"] = true },
  repl = { repl = true, lua = true, runtime = true, uv = true, kernel = true, asyncio = true, io = true },
  module = { module = true, runtime = true, uv = true, ["lua/state.hpp"] = true, ["lua/runtime_modules.hpp"] = true },
  cli = { cli = true, repl = true, lua = true, runtime = true, uv = true, kernel = true, asyncio = true, io = true,
          threads = true, http = true, diag = true },
}
-- lua/state.cpp assembles the state: it opens the kernel, the library and I/O.
local exceptions = { ["src/lua/state.cpp"] = { kernel = true, asyncio = true, io = true, threads = true, http = true, diag = true } }
for _, path in ipairs(lines_of("cd " .. ROOT .. " && find src -mindepth 2 -name '*.[ch]pp'")) do
  local folder = path:match("^src/([%w_]+)/")
  local rules = allowed[folder]
  if not rules then
    fail("%s: the test has no include rule for the folder src/%s", path, folder)
  else
    local text = read(ROOT .. "/" .. path)
    for inc in text:gmatch('#include "([^"]+)"') do
      local inc_folder = inc:match("^([%w_]+)/")
      local ok = rules[inc_folder] or rules[inc] or (exceptions[path] and exceptions[path][inc_folder])
      if not ok then fail("%s includes %s, which src/%s/ may not (docs/architecture.md)", path, inc, folder) end
    end
    if folder == "runtime" and (text:find("#include <lua", 1, true) or text:find("lua_State", 1, true)) then
      fail("%s touches Lua: src/runtime never calls Lua", path)
    end
  end
end

if failures > 0 then
  error(failures .. " mismatch(es) between docs/architecture.md and the code", 0)
end
print("ok")
