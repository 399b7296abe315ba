-- luasync.help: the REPL's tour and per-function documentation (no CPython
-- reference: the script asserts its own expectations). Every listed asyncio
-- function, async and await has a doc found by identity; so has every public
-- name of the asyncio table and every method of its classes (walked, so a
-- name added without an entry fails here), by identity and by name; each doc
-- has a signature, a paragraph, an example and the Python equivalent; every
-- example line compiles and runs (as a script under the virtual clock); the
-- tour's lines typed in order give the outputs it announces.

local LUASYNC = assert(os.getenv("LUASYNC"), "LUASYNC is not set (see tests/CONVENTIONS.md)")
local help = require "luasync.help"
-- The English docs, whatever language the environment asks for
-- (help_japanese.lua checks the Japanese ones).
local function doc(value) return help.doc(value, "en") end

local failures = 0
local function check(cond, what)
  if not cond then
    failures = failures + 1
    io.stderr:write("FAIL " .. what .. "\n")
  end
  return cond
end
local function eq(got, want, what)
  return check(got == want, ("%s\n  expected: %q\n  got:      %q"):format(what, tostring(want), tostring(got)))
end

local temps = {}
local function tmpfile(text)
  local path = os.tmpname()
  temps[#temps + 1] = path
  local fh = assert(io.open(path, "wb"))
  fh:write(text)
  fh:close()
  return path
end
local function quote(s) return "'" .. s:gsub("'", [['\'']]) .. "'" end
-- Runs a script with the virtual clock; answers its stdout+stderr and exit status.
local function run_script(text)
  local path = tmpfile(text)
  local p = assert(io.popen(quote(LUASYNC) .. " --clock=virtual " .. quote(path) .. " 2>&1"))
  local out = p:read("a")
  local _, _, status = p:close()
  return out, status
end

-- A line compiles the way the REPL reads it: as an expression, else as a statement.
local function compiles(line)
  return load("return " .. line, "=line") ~= nil or load(line, "=line") ~= nil
end

-- every function has a doc, found by identity --------------------------------------
local names = { "run", "sleep", "create_task", "spawn", "gather", "wait_for", "timeout", "timeout_at", "shield",
  "wait", "as_completed", "current_task", "all_tasks", "Future", "get_running_loop", "iscoroutine", "isfuture",
  "ensure_future" }
local asyncio_mod = require("asyncio")
eq(asyncio_mod, asyncio, "require('asyncio') is the global")

local docs = {}
-- not_called: true for a value that is not called (asyncio.Task, a
-- constant), whose signature shows no result; "anywhere" for a method, whose
-- signature shows sig_prefix after its object's name (q:get).
local function check_doc(label, value, sig_prefix, not_called)
  local text = doc(value)
  if not check(type(text) == "string", label .. ": has a doc") then return end
  docs[#docs + 1] = { label = label, text = text }
  local first = text:match("^[^\n]*")
  if not_called == "anywhere" then
    check(first:find(sig_prefix, 1, true) ~= nil, label .. ": signature line shows " .. sig_prefix .. ", got " .. first)
  else
    check(first:sub(1, #sig_prefix) == sig_prefix, label .. ": signature line starts with " .. sig_prefix .. ", got " .. first)
  end
  if not_called ~= true then
    check(first:find("->", 1, true) ~= nil, label .. ": signature shows what it returns")
  end
  local paragraph = text:match("^[^\n]*\n\n(.-)\n\nExample:\n")
  check(paragraph and #paragraph > 40, label .. ": one paragraph between the signature and the example")
  if paragraph then
    for l in paragraph:gmatch("[^\n]+") do check(#l <= 78, label .. ": paragraph wrapped at 78 columns: " .. l) end
  end
  local example = text:match("\nExample:\n  ([^\n]+)\n")
  check(example ~= nil, label .. ": one example line")
  check(text:match("\nPython:\n  ([^\n]+)") ~= nil, label .. ": the Python equivalent")
  if example then
    check(compiles(example), label .. ": example compiles: " .. example)
    docs[#docs].example = example
  end
end

for _, name in ipairs(names) do
  local fn = asyncio_mod[name]
  check(fn ~= nil, "asyncio." .. name .. " exists")
  check_doc("asyncio." .. name, fn, "asyncio." .. name .. "(")
end
check_doc("async", async, "async(")
check_doc("await", await, "await(")
eq(#docs, #names + 2, "number of documented functions")

-- the same doc through require, the alias get_event_loop, and by name
eq(doc(require("asyncio").gather), doc(asyncio.gather), "identity through require('asyncio')")
eq(doc(asyncio.get_event_loop), doc(asyncio.get_running_loop), "get_event_loop is get_running_loop")
eq(doc("gather"), doc(asyncio.gather), "by name")
eq(doc("asyncio.wait_for"), doc(asyncio.wait_for), "by qualified name")
check(doc(asyncio.sleep) ~= doc(asyncio.gather), "different functions, different docs")
check(doc(asyncio.timeout):find("<close>", 1, true) ~= nil, "timeout doc shows the <close> form")
check(doc(asyncio.gather):find("return_exceptions", 1, true) ~= nil, "gather doc names return_exceptions")
check(doc(asyncio.run):find("deviation", 1, true) ~= nil, "run doc names its documented deviation")
check(doc(asyncio.wait):find("FIRST_COMPLETED", 1, true) ~= nil, "wait doc names return_when values")

-- the module itself: an index naming every function
local index = doc(asyncio)
if check(type(index) == "string", "doc(asyncio) is an index") then
  for _, name in ipairs(names) do check(index:find(name, 1, true) ~= nil, "index names " .. name) end
end

-- unknown values: nil
for label, v in pairs({ print = print, number = 42, table = {}, string = "no such thing", boolean = true,
  coroutine = coroutine.create(print) }) do
  eq(doc(v), nil, "no doc for " .. label)
end
-- These four had no doc until issue 11 (point 13) asked for an entry for
-- every public name: they are documented now.
for label, v in pairs({ task_class = asyncio.Task, error_class = asyncio.TimeoutError,
  constant = asyncio.FIRST_COMPLETED, loop_method = asyncio.get_running_loop().call_soon }) do
  check(type(doc(v)) == "string", "a doc for " .. label)
end
eq(doc(nil), nil, "no doc for nil")
eq(doc(), nil, "no doc for no argument")
eq(select("#", doc(print)), 1, "doc returns one value")

-- help(): the tour, a doc, or a note for unknown values
eq(help.help(), help.tour(), "help() is the tour")
eq(help.help(asyncio.shield), help.doc(asyncio.shield), "help(fn) is its doc, in the environment's language")
check(help.help(42):find("^No documentation for 42%.") ~= nil or help.help(42):find("^42 には説明がありません。") ~= nil,
  "help(42) says there is none")

-- every public name has an entry --------------------------------------------------------
-- Walks the asyncio table and the method tables of its classes: a public
-- name (not starting with "_") without an entry fails here, naming it. Each
-- entry is found by identity and by name, and is checked as above (its
-- example runs below with the others).
local function sorted_public_keys(t)
  local ks = {}
  for k in pairs(t) do
    if type(k) == "string" and k:sub(1, 1) ~= "_" then ks[#ks + 1] = k end
  end
  table.sort(ks)
  return ks
end
local seen = {}
for _, d in ipairs(docs) do seen[d.text] = true end
local function walk_one(label, value, name, sig_prefix, not_called)
  local text = doc(value)
  if not check(type(text) == "string", "no help entry for " .. label) then return end
  eq(doc(name), text, label .. ": the same doc by name " .. name)
  if not seen[text] then  -- get_event_loop shares get_running_loop's
    seen[text] = true
    check_doc(label, value, sig_prefix, not_called)
  end
end

local module_keys = sorted_public_keys(asyncio)
check(#module_keys >= 50, "the asyncio table lists its names, got " .. #module_keys)
for _, k in ipairs(module_keys) do
  local v = asyncio[k]
  local mt = type(v) == "table" and getmetatable(v)
  local callable = type(v) == "function" or (mt and mt.__call ~= nil)
  walk_one("asyncio." .. k, v, "asyncio." .. k, "asyncio." .. k .. (callable and "(" or ""), not callable)
end

-- The classes whose methods have entries; Timeout's from a scope.
local timeout_class
do
  local cm <close> = asyncio.timeout(nil)
  timeout_class = getmetatable(cm)
end
local locks, queues, loopmod = require("luasync.locks"), require("luasync.queues"), require("luasync.loop")
local classes = {
  { "Future", require("luasync.future").Future }, { "Task", asyncio.Task },
  { "loop", getmetatable(asyncio.get_running_loop()) }, { "Handle", loopmod.Handle },
  { "Queue", queues.Queue }, { "PriorityQueue", queues.PriorityQueue }, { "LifoQueue", queues.LifoQueue },
  { "Lock", locks.Lock }, { "Event", locks.Event }, { "Condition", locks.Condition },
  { "Semaphore", locks.Semaphore }, { "BoundedSemaphore", locks.BoundedSemaphore }, { "Barrier", locks.Barrier },
  { "TaskGroup", require("luasync.taskgroup").TaskGroup }, { "Timeout", timeout_class },
  { "StreamReader", require("luasync.streams").StreamReader },
  { "StreamWriter", require("luasync.streams").StreamWriter }, { "Server", require("luasync.streams").Server },
  { "Transport", require("luasync.streams").Transport },
  { "Process", require("luasync.subprocess").Process }, { "File", require("luasync.files").File },
}
for _, k in ipairs(module_keys) do  -- every error class
  if getmetatable(asyncio[k]) ~= nil and getmetatable(asyncio[k]) == getmetatable(asyncio.BaseException) then
    classes[#classes + 1] = { k, asyncio[k] }
  end
end
local n_methods = 0
for _, c in ipairs(classes) do
  local cname, cls = c[1], c[2]
  check(type(cls) == "table", cname .. ": class table found")
  for _, k in ipairs(sorted_public_keys(cls or {})) do
    if type(cls[k]) == "function" then
      n_methods = n_methods + 1
      walk_one(cname .. ":" .. k, cls[k], cname .. "." .. k, ":" .. k .. "(", "anywhere")
    end
  end
end
check(n_methods >= 70, "the classes have their methods, got " .. n_methods)

-- Inherited methods, by the subclass's name: the base's entry (or the override's).
for _, pair in ipairs({ { "Task", "Future" }, { "PriorityQueue", "Queue" }, { "LifoQueue", "Queue" },
  { "BoundedSemaphore", "Semaphore" }, { "ValueError", "BaseException" } }) do
  local sub, base
  for _, c in ipairs(classes) do
    if c[1] == pair[1] then sub = c[2] end
    if c[1] == pair[2] then base = c[2] end
  end
  for _, k in ipairs(sorted_public_keys(base)) do
    if type(base[k]) == "function" then
      local text = doc(pair[1] .. "." .. k)
      check(type(text) == "string", "a doc for " .. pair[1] .. "." .. k)
      eq(text, doc(sub[k]), pair[1] .. "." .. k .. " by name is the doc of the method it has")
    end
  end
end

-- Methods of objects, by identity, as help(t.cancel) at the prompt; and the objects themselves.
local loop = asyncio.get_running_loop()
local t = asyncio.create_task(asyncio.sleep(0))
local q = asyncio.Queue()
local b = asyncio.Barrier(1)
eq(doc(t.cancel), doc("Task.cancel"), "help(t.cancel) on a task")
eq(doc(asyncio.Task.cancel), doc("Task.cancel"), "help(asyncio.Task.cancel)")
check(doc(t.cancel) ~= doc("Future.cancel"), "a task's cancel is not a future's")
eq(doc(t.done), doc("Future.done"), "help(t.done): the Future method")
eq(doc(asyncio.Future().set_result), doc("Future.set_result"), "help(f.set_result)")
check(doc(t.set_result) ~= doc("Future.set_result"), "a task's set_result is its own")
eq(doc(q.get), doc("Queue.get"), "help(q.get) on a queue")
eq(doc(asyncio.PriorityQueue().put), doc("Queue.put"), "help(pq.put) on a priority queue")
eq(doc(b.wait), doc("Barrier.wait"), "help(b.wait), through Barrier's __index")
eq(doc(loop.call_soon), doc("loop.call_soon"), "help(loop.call_soon)")
eq(doc(loop:call_later(1, print).when), doc("Handle.when"), "help(h.when) on a timer handle")
do
  local cm <close> = asyncio.timeout(nil)
  eq(doc(cm.reschedule), doc("Timeout.reschedule"), "help(cm.reschedule) on a timeout scope")
  eq(doc(cm), doc(asyncio.timeout), "help(cm) is asyncio.timeout's")
end
do
  local tg <close> = asyncio.TaskGroup()
  eq(doc(tg.spawn), doc("TaskGroup.spawn"), "help(tg.spawn) on a task group")
  eq(doc(tg), doc(asyncio.TaskGroup), "help(tg) is asyncio.TaskGroup's")
end
eq(doc(asyncio.ValueError.is), doc("BaseException.is"), "help(asyncio.ValueError.is)")
eq(doc("q:get"), doc("Queue.get"), "by the signature's spelling q:get")
eq(doc("asyncio.Queue.get"), doc("Queue.get"), "by the qualified name asyncio.Queue.get")
eq(doc("ValueError.subclass"), doc("BaseException.subclass"), "an error class's subclass by name")
eq(doc("Queue.nothing"), nil, "no doc for a method that does not exist")
eq(doc(t), doc(asyncio.Task), "help(t) is asyncio.Task's")
eq(doc(q), doc(asyncio.Queue), "help(q) is asyncio.Queue's")
eq(doc(asyncio.TimeoutError("x")), doc(asyncio.TimeoutError), "help(e) is its error class's")
eq(doc(loop), doc(asyncio.get_running_loop), "help(loop) is get_running_loop's")
await(t)

-- Every entry names something that exists (no stale entry), and the index
-- names every public name and method.
for _, e in ipairs(help.entries) do
  if e.name ~= "async" and e.name ~= "await" then
    local value = e.name:find(".", 1, true) == nil and asyncio[e.name]
    check(value ~= nil, "entry " .. e.name .. " names something")
    check(doc(e.name) ~= nil, "entry " .. e.name .. " found by its name")
  end
end
local words = {}
for w in (index or ""):gmatch("[%w_]+") do words[w] = true end
for _, k in ipairs(module_keys) do check(words[k], "the index names asyncio." .. k) end
for _, c in ipairs(classes) do
  for _, k in ipairs(sorted_public_keys(c[2] or {})) do
    if type(c[2][k]) == "function" then check(words[k], "the index names " .. c[1] .. ":" .. k) end
  end
end
for l in (index or ""):gmatch("[^\n]+") do check(#l <= 78, "index line within 78 columns: " .. l) end

-- every doc example runs as a script ----------------------------------------------------
for _, d in ipairs(docs) do
  if d.example then
    local out, status = run_script(d.example .. "\n")
    check(status == 0, d.label .. ": example runs (status " .. tostring(status) .. "):\n" .. d.example .. "\n" .. out)
    check(not out:find("RuntimeWarning", 1, true) and not out:find("never retrieved", 1, true),
      d.label .. ": example leaves no warning:\n" .. out)
  end
end
-- what a few of them print (virtual clock)
local function example_of(label)
  for _, d in ipairs(docs) do if d.label == label then return d.example end end
end
eq(run_script(example_of("asyncio.gather")), "2\ta\tb\n", "gather example output")
eq(run_script(example_of("asyncio.wait_for")), "false\tTimeoutError\n", "wait_for example output")
eq(run_script(example_of("asyncio.timeout")), "false\tTimeoutError\n", "timeout example output")
eq(run_script(example_of("asyncio.shield")), "false\tTimeoutError\n42\n", "shield example output")
eq(run_script(example_of("asyncio.as_completed")), "fast\nslow\n", "as_completed example output")
eq(run_script(example_of("asyncio.wait")), "1\t1\n", "wait example output")
eq(run_script(example_of("async")), "42\n", "async example output")

-- the tour --------------------------------------------------------------------------------
local tour = help.tour("en")  -- the English tour, whatever the environment says
check(type(tour) == "string", "tour is a string")
local n_lines = select(2, tour:gsub("\n", "")) + 1
check(n_lines >= 30 and n_lines <= 50, "tour is about 40 lines, got " .. n_lines)
for l in tour:gmatch("[^\n]+") do check(#l <= 80, "tour line within 80 columns: " .. l) end
local typed = {}
for l in (tour .. "\n"):gmatch("([^\n]*)\n") do
  local code = l:match("^> (.*)$")
  if code then typed[#typed + 1] = code end
end
check(#typed >= 12, "tour has lines to type")
for _, code in ipairs(typed) do check(compiles(code), "tour line compiles: " .. code) end
local all = table.concat(typed, "\n")
for _, concept in ipairs({ "async(", "await(", "create_task", "spawn", "gather", ":cancel(", "wait_for", "timeout(" }) do
  check(all:find(concept, 1, true) ~= nil, "the tour types " .. concept)
end
for _, helper in ipairs({ "tasks()", "timeline()" }) do
  check(tour:find(helper, 1, true) ~= nil, "the tour names the REPL's " .. helper)
end

-- The Japanese tour (help{lang = "ja"}, or LANG=ja...): the same lines to
-- type, its prose within 80 display columns.
local width = require "luasync.width"
local tour_ja = help.help({ lang = "ja" })
check(tour_ja ~= tour and tour_ja:find("案内", 1, true), "help{lang = 'ja'} is the Japanese tour")
local typed_ja = {}
for l in (tour_ja .. "\n"):gmatch("([^\n]*)\n") do
  check(width.of(l) <= 80, "Japanese tour line within 80 columns: " .. l)
  local code = l:match("^> (.*)$")
  if code then typed_ja[#typed_ja + 1] = code end
end
eq(table.concat(typed_ja, "\n"), table.concat(typed, "\n"), "the Japanese tour types the same lines")
check(tour_ja:find("tasks()", 1, true) and tour_ja:find("timeline()", 1, true), "the Japanese tour names tasks() and timeline()")
eq(help.help({ lang = "en" }), tour, "help{lang = 'en'}")
local ok_fr, e_fr = pcall(help.help, { lang = "fr" })
check(not ok_fr and tostring(e_fr):find("bad argument #1 to 'help' (field 'lang' must be \"en\" or \"ja\")", 1, true),
  "help{lang = 'fr'}: " .. tostring(e_fr))
do
  local p = assert(io.popen("printf 'help()\\n' | LANG=ja_JP.UTF-8 LC_ALL= LC_MESSAGES= " .. quote(LUASYNC) ..
    " -i 2>&1"))
  local shown = p:read("a")
  p:close()
  check(shown:find("luasync の asyncio を短く案内します", 1, true), "LANG=ja: help() at the REPL is Japanese:\n" .. shown)
end

-- Typed in order, as the REPL would run them: expressions are shown with
-- luasync.pretty, statements run; locals stay visible to later lines.
local script = { 'local __show = function(...) local t = table.pack(...); for i = 1, t.n do ' ..
  't[i] = require("luasync.pretty").format(t[i]) end; print(table.concat(t, "\\t", 1, t.n)) end',
  "local __t0 = asyncio.get_running_loop():time()" }
for _, code in ipairs(typed) do
  if load("return " .. code, "=line") then
    script[#script + 1] = "__show(" .. code .. ")"
  else
    script[#script + 1] = code
  end
end
script[#script + 1] = 'print(("%.1f s"):format(asyncio.get_running_loop():time() - __t0))'
local out, status = run_script(table.concat(script, "\n") .. "\n")
eq(status, 0, "the tour runs")
eq(out, table.concat({
  "<coroutine fetch>",
  "10",
  "false\t\"Task-2\"",
  "20\t2",
  '{30, 40, "slept", n = 3}',
  "true",
  "false\tCancelledError: enough",
  "false\tTimeoutError",
  "false\tTimeoutError",
  "6.0 s",   -- 1 (await c) + 2 (await s) + 1 (gather) + 1 (wait_for) + 1 (timeout)
  "",
}, "\n"), "what the tour shows")

for _, path in ipairs(temps) do os.remove(path) end
if failures > 0 then error(failures .. " help_texts check(s) failed", 0) end
print("help_texts: all checks passed")
