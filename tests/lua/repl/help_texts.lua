-- luasync.help: the REPL's tour and per-function documentation (no CPython
-- reference: the script asserts its own expectations). Every listed asyncio
-- function, async and await has a doc found by identity; each doc has a
-- signature, a paragraph, an example and the Python equivalent; every
-- example line compiles and runs (as a script under the virtual clock); the
-- tour's lines typed in order give the outputs it announces.

local LUASYNC = assert(os.getenv("LUASYNC"), "LUASYNC is not set (see tests/CONVENTIONS.md)")
local help = require "luasync.help"

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
local function check_doc(label, value, sig_prefix)
  local text = help.doc(value)
  if not check(type(text) == "string", label .. ": has a doc") then return end
  docs[#docs + 1] = { label = label, text = text }
  local first = text:match("^[^\n]*")
  check(first:sub(1, #sig_prefix) == sig_prefix, label .. ": signature line starts with " .. sig_prefix .. ", got " .. first)
  check(first:find("->", 1, true) ~= nil, label .. ": signature shows what it returns")
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
eq(help.doc(require("asyncio").gather), help.doc(asyncio.gather), "identity through require('asyncio')")
eq(help.doc(asyncio.get_event_loop), help.doc(asyncio.get_running_loop), "get_event_loop is get_running_loop")
eq(help.doc("gather"), help.doc(asyncio.gather), "by name")
eq(help.doc("asyncio.wait_for"), help.doc(asyncio.wait_for), "by qualified name")
check(help.doc(asyncio.sleep) ~= help.doc(asyncio.gather), "different functions, different docs")
check(help.doc(asyncio.timeout):find("<close>", 1, true) ~= nil, "timeout doc shows the <close> form")
check(help.doc(asyncio.gather):find("return_exceptions", 1, true) ~= nil, "gather doc names return_exceptions")
check(help.doc(asyncio.run):find("deviation", 1, true) ~= nil, "run doc names its documented deviation")
check(help.doc(asyncio.wait):find("FIRST_COMPLETED", 1, true) ~= nil, "wait doc names return_when values")

-- the module itself: an index naming every function
local index = help.doc(asyncio)
if check(type(index) == "string", "help.doc(asyncio) is an index") then
  for _, name in ipairs(names) do check(index:find(name, 1, true) ~= nil, "index names " .. name) end
end

-- unknown values: nil
for label, v in pairs({ print = print, number = 42, table = {}, string = "no such thing", boolean = true,
  task_class = asyncio.Task, error_class = asyncio.TimeoutError, constant = asyncio.FIRST_COMPLETED,
  coroutine = coroutine.create(print), loop_method = asyncio.get_running_loop().call_soon }) do
  eq(help.doc(v), nil, "no doc for " .. label)
end
eq(help.doc(nil), nil, "no doc for nil")
eq(help.doc(), nil, "no doc for no argument")
eq(select("#", help.doc(print)), 1, "doc returns one value")

-- help(): the tour, a doc, or a note for unknown values
eq(help.help(), help.tour(), "help() is the tour")
eq(help.help(asyncio.shield), help.doc(asyncio.shield), "help(fn) is its doc")
check(help.help(42):find("^No documentation for 42%.") ~= nil, "help(42) says there is none")

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
local tour = help.tour()
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
