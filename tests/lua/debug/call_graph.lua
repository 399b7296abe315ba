-- asyncio.print_call_graph, format_call_graph, capture_call_graph (CPython
-- 3.14's): a task's call stack, innermost first, and what awaits it:
-- through a TaskGroup (its parent task), gather (its Future), shield and a
-- plain await; depth and limit; a Future; bad arguments.
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check
local function ids(s) return (s:gsub("0x%x+", "0x1")) end

-- Inside a TaskGroup, printed by the task itself (CPython's documented example).
local printed
local test = async(function()
  printed = asyncio.format_call_graph()
end)
local main = async(function()
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(test())
end)
asyncio.run(main())
eq("TaskGroup", ids(printed), [[
* Task(name='Task-2', id=0x1)
  + Call stack:
  |   File 'call_graph.lua', line 12, in async test()
  + Awaited by:
    * Task(name='Task-1', id=0x1)
      + Call stack:
      |   File 'call_graph.lua', line 17, in async main()
      |   File 'call_graph.lua', line 18, in main chunk]])

-- A suspended task, through gather and shield.
local leaf = async(function(q)
  local v = await(q:get())
  return v
end)
local middle = async(function(q)
  local v = await(leaf(q))
  return v
end)
local waiter = async(function(aw)
  local r = await(aw)
  return r
end)
local q = asyncio.Queue()
local worker = asyncio.create_task(middle(q), { name = "worker" })
local top = asyncio.create_task(waiter(asyncio.gather(worker, asyncio.sleep(1))), { name = "top" })
local shielder = asyncio.create_task(waiter(asyncio.shield(top)), { name = "shielder" })
await(asyncio.sleep(0))
eq("gather and shield", ids(asyncio.format_call_graph(worker)), [[
* Task(name='worker', id=0x1)
  + Call stack:
  |   File 'call_graph.lua', line 31, in async leaf()
  |   File 'call_graph.lua', line 35, in async middle()
  + Awaited by:
    * Task(name='top', id=0x1)
      + Call stack:
      |   File 'call_graph.lua', line 39, in async waiter()
      + Awaited by:
        * Task(name='shielder', id=0x1)
          + Call stack:
          |   File 'call_graph.lua', line 39, in async waiter()]])
-- (CPython 3.14 links a gather's children, and what a shield protects, to
-- the task that called gather or shield, with no Future between; luasync
-- to the task that awaits the gather's or shield's Future, the same task
-- when it awaits what it made, as in CPython's own tests, here not.)
eq("limit 1: the outermost frame", ids(asyncio.format_call_graph(worker, { limit = 1 })):match("^[^*]*%*[^*]*"),
  "* Task(name='worker', id=0x1)\n  + Call stack:\n  |   File 'call_graph.lua', line 35, in async middle()\n" ..
  "  + Awaited by:\n    ")
eq("limit -1: the innermost", ids(asyncio.format_call_graph(worker, { limit = -1 })):match("in async %w+"),
  "in async leaf")
eq("limit 0: no call stacks", ids(asyncio.format_call_graph(worker, { limit = 0 })):find("Call stack"), nil)

local g = asyncio.capture_call_graph(worker)
check("capture: the future", g.future == worker)
eq("capture: frames", g.call_stack[1].file .. ":" .. g.call_stack[1].line .. " " .. g.call_stack[1].name,
  "call_graph.lua:31 async leaf()")
check("capture: awaited by top, which awaits the gather (no Future between, as CPython's)",
  g.awaited_by[1].future == top and g.awaited_by[1].awaited_by[1].future == shielder)

-- print_call_graph to a file; depth skips frames of the current task.
local path = cli.tmpfile()
local helper = function(f)
  asyncio.print_call_graph(nil, { file = f, depth = 2 })
end
do
  local f <close> = assert(io.open(path, "w"))
  helper(f)
end
eq("print to a file, depth 2", ids(cli.slurp(path)), "* Task(name='Task-1', id=0x1)\n  + Call stack:\n" ..
  "  |   File 'call_graph.lua', line 85, in main chunk\n")

-- A Future nobody awaits, and arguments.
local fut = asyncio.Future()
eq("a lone Future", ids(asyncio.format_call_graph(fut)), "* Future(id=0x1)")
eq("bad future", cli.error_text(asyncio.format_call_graph, 42),
  "bad argument #1 to 'format_call_graph' (Task, Future or nil expected, got number)")
eq("bad option", cli.error_text(asyncio.print_call_graph, nil, { limt = 1 }),
  "bad argument #2 to 'print_call_graph' (unknown option 'limt'; the options are: depth, limit, file)")

-- A task that awaited a Future and went on waits on it no more: its next
-- step forgets the Future (CPython's Task.__step clears _fut_waiter), even
-- when what it awaits next (sleep(0)) is nothing to wait on.
local awaited = asyncio.Future()
local spin = true
local spinner = asyncio.spawn(function()
  await(awaited)
  while spin do await(asyncio.sleep(0)) end
end)
await(asyncio.sleep(0))
check("awaited while it waits", ids(asyncio.format_call_graph(awaited)):find("Awaited by", 1, true) ~= nil)
awaited:set_result(1)
await(asyncio.sleep(0))
await(asyncio.sleep(0))
eq("not awaited once the task went on", ids(asyncio.format_call_graph(awaited)), "* Future(id=0x1)")
spin = false
await(spinner)

q:put_nowait(1)
await(shielder)

-- `return await(x)` keeps the frame that awaits (await is a C function);
-- a Lua function tail-called (`return leaf()`, named by its script) leaves
-- its caller's frame out, marked below the frame it left.
local function sleeps_last() return await(asyncio.sleep(1)) end
local function passes_on() return sleeps_last() end
local tail = asyncio.spawn(function() passes_on() end)
await(asyncio.sleep(0))
eq("tail calls", ids(asyncio.format_call_graph(tail)), table.concat({
  "* Task(name='" .. tail:get_name() .. "', id=0x1)",
  "  + Call stack:",
  "  |   File 'call_graph.lua', line 122, in sleeps_last()",  -- (Lua has no name for it: its script has)
  "  |   (...tail calls...)",
  "  |   File 'call_graph.lua', line 124, in function <call_graph.lua:124>",
}, "\n"))
tail:cancel()
cli.finish()
