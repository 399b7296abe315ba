-- CPython 3.14's Lib/test/test_asyncio/test_graph.py, each test as the
-- same tasks in Lua, its assertion on the graph's shape written with Lua's
-- frames: "s f" a plain function, "a f" an async one, "ag f" an async
-- generator; T<name> a task (T<anon> when named Task-N), F a Future; what
-- awaits it in {}, sorted. The runtime's frames (CPython's _aexit, _wait)
-- are not shown; a test's own function is the script's main chunk, run().
local cli = require "lib.cli"
local eq, check = cli.eq, cli.check
local function label(e)
  local n = e.name
  if n:match("^async generator ") then return "ag " .. n:match("^async generator ([%w_%.:]+)") end
  if n:match("^async ") then return "a " .. n:match("^async ([%w_%.:]+)") end
  if n == "main chunk" then return "main chunk" end
  if n:match("^[%w_%.:]+%(%)$") then return "s " .. n:match("^([%w_%.:]+)") end
  return n
end
local function walk(s)
  local f = s.future
  local head
  if getmetatable(f) == asyncio.Task then
    local n = f:get_name()
    head = n:match("^Task%-%d+$") and "T<anon>" or "T<" .. n .. ">"
  else head = "F" end
  local st = {}
  for _, e in ipairs(s.call_stack) do st[#st + 1] = label(e) end
  local ab = {}
  for _, a in ipairs(s.awaited_by) do ab[#ab + 1] = walk(a) end
  table.sort(ab, function(x, y) return x < y end)
  return head .. " [" .. table.concat(st, ", ") .. "] {" .. table.concat(ab, "; ") .. "}"
end
local function capture_test_stack(fut, depth)
  depth = depth or 1
  local text = asyncio.format_call_graph(fut, { depth = depth })
  local g = asyncio.capture_call_graph(fut, { depth = depth })
  return walk(g), text
end

local function run(name, fn)
  local ok, err = pcall(fn)
  check(name .. ": " .. tostring(err), ok)
end

local function test_stack_tgroup()
  local r
  local function c5() r = { capture_test_stack(nil, 2) } end
  local c4 = async(function() await(asyncio.sleep(0)); c5() end)
  local c3 = async(function() await(c4()) end)
  local c2 = async(function() await(c3()) end)
  local c1 = async(function(task) await(task) end)
  local main = async(function()
    local tg <close> = asyncio.TaskGroup()
    local task = tg:create_task(c2(), { name = "c2_root" })
    tg:create_task(c1(task), { name = "sub_main_1" })
    tg:create_task(c1(task), { name = "sub_main_2" })
  end)
  await(main())
  eq("tgroup", r[1], "T<c2_root> [s c5, a c4, a c3, a c2] {T<anon> [a main, s test_stack_tgroup, s run, main chunk] {}; T<sub_main_1> [a c1] {T<anon> [a main, s test_stack_tgroup, s run, main chunk] {}}; T<sub_main_2> [a c1] {T<anon> [a main, s test_stack_tgroup, s run, main chunk] {}}}")
  check("tgroup: text", r[2]:find(" in test_stack_tgroup()", 1, true) ~= nil)
end
run("tgroup", test_stack_tgroup)

local function test_stack_async_gen()
  local r
  local gen_nested_call = async(function() r = { capture_test_stack() } end)
  local gen = asyncio.async_generator(function()
    for num = 0, 1 do
      coroutine.yield(num)
      if num == 1 then await(gen_nested_call()) end
    end
  end)
  local main = async(function() for _ in gen() do end end)
  await(main())
  eq("async_gen", r[1], "T<anon> [s capture_test_stack, a gen_nested_call, ag gen, a main, s test_stack_async_gen, s run, main chunk] {}")
  check("async_gen: text", r[2]:find(" in async generator gen()", 1, true) ~= nil)
end
run("async_gen", test_stack_async_gen)

local function test_stack_gather()
  local r
  local deep = async(function() await(asyncio.sleep(0)); r = { capture_test_stack() } end)
  local c1 = async(function() await(asyncio.sleep(0)); await(deep()) end)
  local c2 = async(function() await(asyncio.sleep(0)) end)
  local main = async(function() await(asyncio.gather(c1(), c2())) end)
  await(main())
  eq("gather", r[1], "T<anon> [s capture_test_stack, a deep, a c1] {T<anon> [a main, s test_stack_gather, s run, main chunk] {}}")
end
run("gather", test_stack_gather)

local function test_stack_shield()
  local r
  local deep = async(function() await(asyncio.sleep(0)); r = { capture_test_stack() } end)
  local c1 = async(function() await(asyncio.sleep(0)); await(deep()) end)
  local main = async(function() await(asyncio.shield(c1())) end)
  await(main())
  eq("shield", r[1], "T<anon> [s capture_test_stack, a deep, a c1] {T<anon> [a main, s test_stack_shield, s run, main chunk] {}}")
end
run("shield", test_stack_shield)

local function test_stack_timeout()
  local r
  local inner = async(function() await(asyncio.sleep(0)); r = { capture_test_stack() } end)
  local c1 = async(function()
    local _ <close> = asyncio.timeout(1)
    await(asyncio.sleep(0)); await(inner())
  end)
  local main = async(function() await(asyncio.shield(c1())) end)
  await(main())
  eq("timeout", r[1], "T<anon> [s capture_test_stack, a inner, a c1] {T<anon> [a main, s test_stack_timeout, s run, main chunk] {}}")
end
run("timeout", test_stack_timeout)

local function test_stack_wait()
  local r
  local inner = async(function() await(asyncio.sleep(0)); r = { capture_test_stack() } end)
  local c1 = async(function()
    local _ <close> = asyncio.timeout(1)
    await(asyncio.sleep(0)); await(inner())
  end)
  local c2 = async(function() for _ = 1, 3 do await(asyncio.sleep(0)) end end)
  local main = async(function(t1, t2)
    while true do
      local _, pending = await(asyncio.wait({ t1, t2 }))
      if #pending == 0 then break end
    end
  end)
  local t1 = asyncio.create_task(c1())
  local t2 = asyncio.create_task(c2())
  await(main(t1, t2)); await(t1); await(t2)
  eq("wait", r[1], "T<anon> [s capture_test_stack, a inner, a c1] {T<anon> [a main, s test_stack_wait, s run, main chunk] {}}")
end
run("wait", test_stack_wait)

local function test_stack_task()
  local r
  local inner = async(function() await(asyncio.sleep(0)); r = { capture_test_stack() } end)
  local c1 = async(function() await(inner()) end)
  local c2 = async(function() await(asyncio.create_task(c1(), { name = "there there" })) end)
  local main = async(function() await(c2()) end)
  await(main())
  eq("task", r[1], "T<there there> [s capture_test_stack, a inner, a c1] {T<anon> [a c2, a main, s test_stack_task, s run, main chunk] {}}")
end
run("task", test_stack_task)

local function test_stack_future()
  local r
  local a2 = async(function(fut) await(fut) end)
  local a1 = async(function(fut) await(a2(fut)) end)
  local b1 = async(function(fut) await(fut) end)
  local main = async(function()
    local fut = asyncio.Future()
    local g <close> = asyncio.TaskGroup()
    g:create_task(a1(fut), { name = "task A" })
    g:create_task(b1(fut), { name = "task B" })
    for _ = 1, 5 do await(asyncio.sleep(0)) end
    r = { capture_test_stack(fut) }
    fut:set_result(nil)
  end)
  await(main())
  eq("future", r[1], "F [] {T<task A> [a a2, a a1] {T<anon> [main chunk] {}}; T<task B> [a b1] {T<anon> [main chunk] {}}}")
  check("future: text", r[2]:sub(1, 12) == "* Future(id=")
end
run("future", test_stack_future)

-- Arguments and cases CPython's tests leave out, as graph.py answers them.
-- limit: positive keeps the outermost entries, negative the innermost.
local function stack_of(g)
  local out = {}
  for _, e in ipairs(g.call_stack) do out[#out + 1] = e.name end
  return table.concat(out, ", ")
end
local function inner_fn() return asyncio.capture_call_graph(nil, { limit = 1 }),
  asyncio.capture_call_graph(nil, { limit = -1 }) end
local pos, neg = inner_fn()
eq("limit 1, the current task: its outermost frame", stack_of(pos), "main chunk")
eq("limit -1: its innermost", stack_of(neg), "inner_fn()")
-- depth 0 (and below) is valid: the frame it would add is the runtime's.
eq("depth 0", stack_of(asyncio.capture_call_graph(nil, { depth = 0 })), "main chunk")
-- No current task (a callback): format gives "", print an empty line.
local path = cli.tmpfile()
asyncio.get_running_loop():call_soon(function()
  local f <close> = assert(io.open(path, "w"))
  asyncio.print_call_graph(nil, { file = f })
  f:write(asyncio.format_call_graph() == "" and "empty" or "not empty")
end)
await(asyncio.sleep(0))
eq("no task", cli.slurp(path), "\nempty")
-- A task not started yet shows its function where it is defined (CPython:
-- the coroutine's frame at its def line); one suspended in an async
-- generator shows the generator's frame inner to its consumer's.
local fresh_work = async(function()
  await(asyncio.sleep(1))
end)
local fresh = asyncio.create_task(fresh_work(), { name = "fresh" })
eq("not started", stack_of(asyncio.capture_call_graph(fresh)), "async fresh_work()")
eq("not started: line", asyncio.capture_call_graph(fresh).call_stack[1].line, 190)
local ticks = asyncio.async_generator(function()
  await(asyncio.sleep(5))
  coroutine.yield(1)
end)
local consume = async(function() for _ in ticks() do end end)
local consumer = asyncio.create_task(consume())
await(asyncio.sleep(0))
eq("suspended in a generator", stack_of(asyncio.capture_call_graph(consumer)),
  "async generator ticks(), async consume()")
fresh:cancel()
consumer:cancel()

-- A depth past every frame of the current task raises CPython's ValueError
-- (graph.py's sys._getframe(depth)), from each of the three; limit 0 looks
-- at no frame. In an async generator, depth goes on from its frames into
-- those of the task that iterates it.
for _, fname in ipairs({ "capture_call_graph", "format_call_graph", "print_call_graph" }) do
  local ok, e = pcall(asyncio[fname], nil, { depth = 1000 })
  check(fname .. ": depth past the stack raises", not ok and asyncio.ValueError:is(e), tostring(e))
  eq(fname .. ": its message", tostring(e), "ValueError: call stack is not deep enough")
end
eq("limit 0: no frame looked at", asyncio.format_call_graph(nil, { depth = 1000, limit = 0 }):match("^%* Task"), "* Task")
local deep = asyncio.spawn(function() return pcall(asyncio.capture_call_graph, nil, { depth = 1000 }) end)
local ok_deep, e_deep = await(deep)
check("a spawned task: depth past its stack raises", not ok_deep and asyncio.ValueError:is(e_deep), tostring(e_deep))
local gen_outcomes = {}
local deep_gen = asyncio.async_generator(function()
  for _, d in ipairs({ 1, 1000 }) do
    local ok, g = pcall(asyncio.capture_call_graph, nil, { depth = d })
    gen_outcomes[#gen_outcomes + 1] = ok and stack_of(g) or tostring(g)
    coroutine.yield(d)
  end
end)
local gen_user = async(function() for _ in deep_gen() do end end)
await(gen_user())
eq("an async generator: its frames, then the task's", gen_outcomes[1],
  "async generator deep_gen(), async gen_user(), main chunk")
eq("an async generator: depth past both stacks raises", gen_outcomes[2], "ValueError: call stack is not deep enough")
cli.finish()
