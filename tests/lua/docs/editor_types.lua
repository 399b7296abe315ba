-- The type definitions for lua-language-server (types/*.lua) are what
-- scripts/gen-types.lua writes from the runtime today, parse as Lua, and
-- name exactly the runtime's public names: every name of asyncio and of its
-- sub-modules, every method of every class, async, await and time's
-- functions; a name the runtime lacks, or one it has that the files lack,
-- fails.
local cli = require "lib.cli"
local ROOT = "../../.."
local TYPES = ROOT .. "/types"
local check, eq = cli.check, cli.eq

-- 1. Up to date: the generator writes the same files.
local tmp = cli.run("mktemp -d"):gsub("\n$", "")
local _, err, code = cli.run(('"$L" %s %s'):format(cli.quote(ROOT .. "/scripts/gen-types.lua"), cli.quote(tmp)))
eq("gen-types.lua's status", code, 0, err)
local text = {}
for _, f in ipairs { "asyncio.lua", "classes.lua", "globals.lua" } do
  text[f] = cli.slurp(TYPES .. "/" .. f)
  eq(f .. " is what scripts/gen-types.lua writes (run it)", text[f], cli.slurp(tmp .. "/" .. f))
  check(f .. " parses as Lua", load(text[f], "=" .. f) ~= nil, f)
end
os.execute("rm -rf " .. cli.quote(tmp))
local all = text["asyncio.lua"] .. "\n" .. text["classes.lua"] .. "\n" .. text["globals.lua"]

local function sorted_keys(set)
  local list = {}
  for k in pairs(set) do list[#list + 1] = k end
  table.sort(list)
  return list
end
-- The same names on both sides, or a failure naming the difference.
local function same(what, declared, runtime)
  for _, k in ipairs(sorted_keys(runtime)) do
    check(what .. ": the types lack " .. k, declared[k], k)
  end
  for _, k in ipairs(sorted_keys(declared)) do
    check(what .. ": the runtime has no " .. k, runtime[k], k)
  end
end
local function public(t)
  local set = {}
  for k in pairs(t) do
    if type(k) == "string" and not k:match("^_") then set[k] = true end
  end
  return set
end

-- 2. The module, its sub-modules, the globals.
local function declared_fields(prefix)
  local set, p = {}, prefix:gsub("%.", "%%.")
  for k in all:gmatch("\nfunction " .. p .. "%.([%w_]+)%(") do set[k] = true end
  for k in all:gmatch("\n" .. p .. "%.([%w_]+) = ") do set[k] = true end
  return set
end
same("asyncio", declared_fields("asyncio"), public(asyncio))
same("asyncio.fs", declared_fields("asyncio.fs"), public(asyncio.fs))
same("asyncio.subprocess", declared_fields("asyncio.subprocess"), public(asyncio.subprocess))
local _ = asyncio.http.get -- loads the module
same("asyncio.http", declared_fields("asyncio.http"), public(asyncio.http))
same("time", declared_fields("time"), public(time))
check("async is declared", all:find("\nfunction async%(") ~= nil)
check("await is declared", all:find("\nfunction await%(") ~= nil)

-- 3. The classes: declared methods (with those of the declared parent)
-- against the runtime's (with those its class inherits).
local function runtime_methods(cls)
  local set, seen = {}, {}
  while type(cls) == "table" and not seen[cls] do
    seen[cls] = true
    for k, v in pairs(cls) do
      if type(k) == "string" and type(v) == "function" and not k:match("^_") then set[k] = true end
    end
    local mt = getmetatable(cls)
    cls = mt and rawget(mt, "__index")
  end
  return set
end
local decl, parent = {}, {}
local classes_text = all:gsub("\n%-%-%-@overload[^\n]*", "")  -- (a callable class: the error classes)
classes_text = classes_text:gsub("\n%-%-%-@field[^\n]*", "")  -- (StreamWriter's transport)
for cname, pname, lname in classes_text:gmatch("\n%-%-%-@class asyncio%.([%w_.]+)( ?[^\n]*)\nlocal ([%w_]+) = {}") do
  decl[cname] = { local_name = lname, methods = {} }
  parent[cname] = pname:match("^ : asyncio%.([%w_.]+)")
  for m in all:gmatch("\nfunction " .. lname .. ":([%w_]+)%(") do decl[cname].methods[m] = true end
end
local function declared_methods(cname)
  local set = {}
  while cname do
    for m in pairs(decl[cname] and decl[cname].methods or {}) do set[m] = true end
    cname = parent[cname]
  end
  return set
end
local streams, queues, locks = require "luasync.streams", require "luasync.queues", require "luasync.locks"
local classes = {
  Future = getmetatable(asyncio.Future()), Task = asyncio.Task,
  Queue = queues.Queue, PriorityQueue = queues.PriorityQueue, LifoQueue = queues.LifoQueue,
  Lock = locks.Lock, Event = locks.Event, Condition = locks.Condition, Semaphore = locks.Semaphore,
  BoundedSemaphore = locks.BoundedSemaphore, Barrier = locks.Barrier,
  TaskGroup = require("luasync.taskgroup").TaskGroup, EventLoop = getmetatable(asyncio.get_running_loop()),
  Handle = require("luasync.loop").Handle, Timeout = require("luasync.combinators").Timeout,
  StreamReader = streams.StreamReader, StreamWriter = streams.StreamWriter, Server = streams.Server,
  Transport = streams.Transport,
  Process = require("luasync.subprocess").Process, File = require("luasync.files").File,
  ThreadPoolExecutor = require("luasync.threads").Executor, ErrorClass = asyncio.BaseException,
  ["http.Session"] = getmetatable(asyncio.http.Session()), ["http.Response"] = asyncio.http.Response,
}
for _, cname in ipairs(sorted_keys(classes)) do
  check("the types declare the class asyncio." .. cname, decl[cname] ~= nil, cname)
  if decl[cname] then same("asyncio." .. cname, declared_methods(cname), runtime_methods(classes[cname])) end
end
for _, cname in ipairs(sorted_keys(decl)) do
  check("asyncio." .. cname .. " is a class the test knows", classes[cname] ~= nil, cname)
end
cli.finish()
