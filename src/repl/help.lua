-- The REPL's help texts (module "luasync.help"):
--   M.tour()            a short guided tour of asyncio in luasync (help())
--   M.doc(value)        the documentation of a public name of asyncio, found
--                       by identity: a function (help(asyncio.gather)), a
--                       class or constructor (help(asyncio.Queue)), an error
--                       class, a method (help(t.cancel), help(q.get)), async
--                       or await; an object gets its class's entry
--                       (help(t) is help(asyncio.Task)); also the asyncio
--                       table itself (an index) and a name ("gather",
--                       "asyncio.gather", "Queue.get", "Task.cancel",
--                       "q:get"); nil for anything else
--   M.help([value])     what help(...) at the prompt shows
--   M.help_at(expr, ...) the same, knowing the text of the argument ("print",
--                       "asyncio.foo"): Lua's own functions point to the Lua
--                       manual, a nil is named, with a did-you-mean
--   M.entries           the texts as data: {name=, sig=, text=, example=, python=}
--                       and optionally kind= ("class", "constant", "error";
--                       a function by default, for the index), aliases=
--                       (other names in asyncio), see= (the section of
--                       docs/api.md when it is not asyncio.<name>); name is
--                       "Class.method" for a method
-- The texts follow docs/api.md; every example line is one line that a user
-- can type at the prompt (tests/lua/repl/help_texts.lua runs them).

-- User code may change the globals: keep our own references.
local pairs, ipairs, type, rawget, require, select = pairs, ipairs, type, rawget, require, select
local concat = table.concat
local loaded = package.loaded
local class_of = require("luasync.std").class_of

local M = {}

local WIDTH = 78

-- Wraps a paragraph at WIDTH columns, the first line prefixed by indent,
-- the others by rest (by default indent too).
local function wrap(text, indent, rest)
  indent = indent or ""
  rest = rest or indent
  local lines, line = {}, nil
  for word in text:gmatch("%S+") do
    if line == nil then
      line = indent .. word
    elseif #line + 1 + #word > WIDTH then
      lines[#lines + 1] = line
      line = rest .. word
    else
      line = line .. " " .. word
    end
  end
  lines[#lines + 1] = line
  return concat(lines, "\n")
end

-- The entries: the module's names, then the methods of its classes.
local entries = {}
for _, part in ipairs({ "luasync.help_module", "luasync.help_methods" }) do
  for _, e in ipairs(require(part)) do entries[#entries + 1] = e end
end
M.entries = entries

-- by_name: "gather", "Queue.get", and the other names of an entry (aliases).
local by_name = {}
for _, e in ipairs(entries) do
  by_name[e.name] = e
  for _, a in ipairs(e.aliases or {}) do by_name[a] = e end
end

-- "Class.method" -> "Class", "method"; nil for a name of the module.
local function split(name)
  return name:match("^([%w_]+)%.([%w_]+)$")
end

local function render(e)
  local cls = split(e.name)
  local name = (e.name == "async" or e.name == "await" or cls) and e.name or ("asyncio." .. e.name)
  return concat({
    e.sig,
    "",
    wrap(e.text),
    "",
    "Example:",
    "  " .. e.example,
    "",
    "Python:",
    "  " .. e.python,
    "",
    "(" .. (e.see or name) .. " in docs/api.md)",
  }, "\n")
end

-- The index of help(asyncio): the module's names by kind, then the methods
-- by class, in the order of the entries.
local KINDS = {
  { "function", "Functions" },
  { "class", "Classes (help(asyncio.Queue), or help(q) for a queue q)" },
  { "constant", "Constants" },
  { "error", "Errors" },
}
local CLASS_LABELS = {
  Future = "Future (tasks have them too)",
  loop = "loop (asyncio.get_running_loop())",
  Handle = "Handle (of loop:call_soon, call_later, call_at)",
  Timeout = "Timeout (of asyncio.timeout, timeout_at)",
  BaseException = "every error class",
}

local function index_text()
  local lines = { "asyncio: the module of luasync's asyncio (also require(\"asyncio\")).", "" }
  for _, kind in ipairs(KINDS) do
    local names = {}
    for _, e in ipairs(entries) do
      if not split(e.name) and e.name ~= "async" and e.name ~= "await" and (e.kind or "function") == kind[1] then
        names[#names + 1] = e.name
        for _, a in ipairs(e.aliases or {}) do names[#names + 1] = a end
      end
    end
    lines[#lines + 1] = kind[2] .. ":"
    lines[#lines + 1] = wrap(concat(names, ", "), "  ")
  end
  lines[#lines + 1] = "Methods (help(\"Task.cancel\"), or help(t.cancel) for a task t):"
  local order, methods = {}, {}
  for _, e in ipairs(entries) do
    local cls, key = split(e.name)
    if cls then
      if not methods[cls] then
        order[#order + 1] = cls
        methods[cls] = {}
      end
      local list = methods[cls]
      list[#list + 1] = key
    end
  end
  for _, cls in ipairs(order) do
    lines[#lines + 1] = wrap((CLASS_LABELS[cls] or cls) .. ": " .. concat(methods[cls], ", "), "  ", "    ")
  end
  lines[#lines + 1] = "And the globals async, await."
  lines[#lines + 1] = ""
  lines[#lines + 1] = "help(asyncio.gather) shows one of them; help() gives a short tour."
  return concat(lines, "\n")
end

-- The class tables whose methods have entries, by the class part of the
-- entries' names. Read at each call, as the runtime's current tables; this
-- loads the modules that asyncio loads at their first use.
local function class_tables()
  local future, task = require "luasync.future", require "luasync.task"
  local queues, locks = require "luasync.queues", require "luasync.locks"
  local loopmod, comb = require "luasync.loop", require "luasync.combinators"
  return {
    Future = future.Future, Task = task.Task,
    Queue = queues.Queue, PriorityQueue = queues.PriorityQueue, LifoQueue = queues.LifoQueue,
    Lock = locks.Lock, Event = locks.Event, Condition = locks.Condition,
    Semaphore = locks.Semaphore, BoundedSemaphore = locks.BoundedSemaphore, Barrier = locks.Barrier,
    TaskGroup = require("luasync.taskgroup").TaskGroup,
    loop = class_of(loopmod.get_running_loop()), Handle = loopmod.Handle, Timeout = comb.Timeout,
    BaseException = require("luasync.errors").BaseException,
    StreamReader = require("luasync.streams").StreamReader,
    StreamWriter = require("luasync.streams").StreamWriter, Server = require("luasync.streams").Server,
    Transport = require("luasync.streams").Transport,
    Process = require("luasync.subprocess").Process, File = require("luasync.files").File,
    ThreadPoolExecutor = require("luasync.threads").Executor,
  }
end

-- The entry of a class table itself, when its name is not the class's:
-- help(loop) and help(cm) show how to get one.
local CLASS_ENTRY = { loop = "get_running_loop", Timeout = "timeout" }

-- Other spellings of a class in a name: the ones the signatures use
-- (help("q:get")), and the classes' own names.
local CLASS_ALIASES = {
  t = "Task", f = "Future", q = "Queue", tg = "TaskGroup", cm = "Timeout", h = "Handle",
  lock = "Lock", ev = "Event", cond = "Condition", sem = "Semaphore", b = "Barrier", r = "StreamReader",
  w = "StreamWriter", reader = "StreamReader", writer = "StreamWriter", server = "Server", p = "Process",
  transport = "Transport",
  proc = "Process", pool = "ThreadPoolExecutor", executor = "ThreadPoolExecutor",
  Loop = "loop", EventLoop = "loop", TimerHandle = "Handle", Class = "BaseException",
}

-- value -> entry, built at each call from the runtime's current functions
-- and classes (require "asyncio" works once the runtime has started).
local function lookup()
  local asyncio = loaded.asyncio or require("luasync.asyncio")
  local task = require("luasync.task")
  local classes = class_tables()
  local map = { [task.async] = by_name.async, [task.await] = by_name.await }
  local function add(v, e)
    if v ~= nil and map[v] == nil then map[v] = e end
  end
  for _, e in ipairs(entries) do
    local cname, key = split(e.name)
    if cname then
      -- A method: through the class, so an inherited one is found too.
      local cls = classes[cname]
      if cls then add(cls[key], e) end
    else
      add(rawget(asyncio, e.name), e)
      for _, a in ipairs(e.aliases or {}) do add(rawget(asyncio, a), e) end
    end
  end
  -- The class tables behind the constructors: an object's metatable.
  for cname, cls in pairs(classes) do add(cls, by_name[CLASS_ENTRY[cname] or cname]) end
  return map, asyncio, classes
end

-- The entry for a name: "gather", "asyncio.gather", "Queue.get",
-- "asyncio.Queue.get", "q:get", "PriorityQueue.get" (inherited), "ValueError.is".
local function by_text(s, map, asyncio, classes)
  s = s:match("^asyncio%.(.+)$") or s
  s = (s:gsub(":", "."))
  s = (s:gsub("^[%w_]+%.transport%.", "Transport."))  -- help("w.transport:abort"), as the signatures say
  local e = by_name[s]
  if e then return e end
  local cname, key = split(s)
  if not cname then return nil end
  cname = CLASS_ALIASES[cname] or cname
  local cls = classes[cname]
  if cls == nil then
    cls = rawget(asyncio, cname)  -- asyncio.Task, the error classes
    if type(cls) ~= "table" then return nil end
  end
  local fn = cls[key]
  return fn ~= nil and map[fn] or nil
end

function M.doc(value)
  if value == nil then return nil end
  local map, asyncio, classes = lookup()
  if value == asyncio then return index_text() end
  local e = map[value]
  if e == nil and type(value) == "string" then e = by_text(value, map, asyncio, classes) end
  if e == nil and (type(value) == "table" or type(value) == "userdata") then
    -- An object (a task, a queue, an error): its class's entry, as Python's
    -- help(obj). The only tables in map are classes.
    local mt = class_of(value)
    if type(mt) == "table" then e = map[mt] end
  end
  return e and render(e) or nil
end

local tour = [[
A short tour of asyncio in luasync. Type the lines after "> " at the prompt;
each input runs as a task, so await works directly (no asyncio.run needed).

1. Coroutines: async(fn) makes an async function. Calling one only builds a
   coroutine object; nothing runs until it is awaited.
> local fetch = async(function(x) await(asyncio.sleep(1)); return x * 10 end)
> local c = fetch(1)
> c
> await(c)

2. Tasks: create_task schedules a coroutine to run concurrently, at once;
   spawn does the same for a plain function and its arguments.
> local t = asyncio.create_task(fetch(2))
> local s = asyncio.spawn(function(d) await(asyncio.sleep(d)); return d end, 2)
> t:done(), t:get_name()

3. Await: await(x) waits for a task (or coroutine, or future) and returns
   every value it returned, or raises its error.
> await(t), await(s)

4. Gather: runs several awaitables at once; the results come back as a list
   (with .n) in the order given. This takes 1 s, not 3 s:
> await(asyncio.gather(fetch(3), fetch(4), asyncio.sleep(1, "slept")))

5. Cancel: task:cancel(msg) makes the task's pending await raise
   CancelledError. pcall catches it like any error: re-raise it with
   error(e, 0) when you catch it inside a task that should stop.
> local long = asyncio.create_task(asyncio.sleep(3600))
> long:cancel("enough")
> pcall(await, long)

6. Timeout: wait_for gives up after a delay with TimeoutError; a timeout
   scope is Python's "async with asyncio.timeout(1):" as a <close> variable.
> local slow = async(function() await(asyncio.sleep(10)); return "late" end)
> pcall(await, asyncio.wait_for(slow(), 1))
> pcall(function() local _ <close> = asyncio.timeout(1); await(slow()) end)

7. Look inside: tasks() lists the tasks alive now (where each waits, and who
   awaits it); timeline() draws what the tasks did since the REPL started.

help(asyncio.gather) documents any asyncio function (and async, await);
help(asyncio) lists them. The full reference is docs/api.md.]]

-- The same tour in Japanese: the same lines to type, the prose translated.
local tour_ja = [[
luasync の asyncio を短く案内します。"> " の後ろの行をプロンプトに入力して
ください。入力はそれぞれタスクとして動くので、await をそのまま使えます
（asyncio.run は要りません）。

1. コルーチン：async(fn) で非同期関数を作ります。呼び出してもコルーチン
   オブジェクトができるだけで、await するまで何も動きません。
> local fetch = async(function(x) await(asyncio.sleep(1)); return x * 10 end)
> local c = fetch(1)
> c
> await(c)

2. タスク：create_task はコルーチンをすぐに並行して動かし始めます。spawn は
   ふつうの関数と引数で同じことをします。
> local t = asyncio.create_task(fetch(2))
> local s = asyncio.spawn(function(d) await(asyncio.sleep(d)); return d end, 2)
> t:done(), t:get_name()

3. await：await(x) はタスク（コルーチン、Future も）を待ち、返した値をすべて
   返します。エラーならそのエラーを投げます。
> await(t), await(s)

4. gather：いくつもの awaitable を同時に動かし、結果を渡した順のリスト（.n
   付き）で返します。これは 3 秒ではなく 1 秒で終わります：
> await(asyncio.gather(fetch(3), fetch(4), asyncio.sleep(1, "slept")))

5. キャンセル：task:cancel(msg) で、そのタスクが待っている await が
   CancelledError を投げます。pcall でほかのエラーと同じく捕まえられます。
   止まるべきタスクの中で捕まえたら error(e, 0) で投げ直してください。
> local long = asyncio.create_task(asyncio.sleep(3600))
> long:cancel("enough")
> pcall(await, long)

6. タイムアウト：wait_for は時間が来ると TimeoutError であきらめます。Python の
   "async with asyncio.timeout(1):" は <close> 変数のタイムアウトスコープです。
> local slow = async(function() await(asyncio.sleep(10)); return "late" end)
> pcall(await, asyncio.wait_for(slow(), 1))
> pcall(function() local _ <close> = asyncio.timeout(1); await(slow()) end)

7. 中をのぞく：tasks() はいま動いているタスク（どこで何を待っているか、誰が
   待っているか）を一覧にします。timeline() は REPL を起動してからタスクが
   したことを図にします。

help(asyncio.gather) のように、どの asyncio の関数（async、await も）の説明も
見られます。help(asyncio) で一覧、詳しくは docs/api.md にあります。]]

-- The language of the tour: "ja" when LC_ALL, LC_MESSAGES or LANG (the first
-- one set, as the C library reads them) says Japanese, else "en".
local function language()
  for _, name in ipairs({ "LC_ALL", "LC_MESSAGES", "LANG" }) do
    local v = os.getenv(name)
    if v and v ~= "" then return v:match("^ja") and "ja" or "en" end
  end
  return "en"
end

function M.tour(lang)
  return (lang or language()) == "ja" and tour_ja or tour
end

-- Lua's own functions and libraries, which the Lua manual documents:
-- the basic functions by name (its anchor "pdf-print"), the libraries with
-- their section ("6.4") and functions ("pdf-string.format").
local MANUAL = "https://www.lua.org/manual/5.4/manual.html#"
local BASIC = { "assert", "collectgarbage", "dofile", "error", "getmetatable", "ipairs", "load", "loadfile", "next",
  "pairs", "pcall", "print", "rawequal", "rawget", "rawlen", "rawset", "require", "select", "setmetatable",
  "tonumber", "tostring", "type", "warn", "xpcall" }
local LIBRARIES = { coroutine = "6.2", package = "6.3", string = "6.4", utf8 = "6.5", table = "6.6", math = "6.7",
  io = "6.8", os = "6.9", debug = "6.10" }

-- What help says of a value of Lua's own (print, string.format, string):
-- where the Lua manual documents it; nil for any other value. Compared with
-- the runtime's copy of the standard globals, as they were at start (a
-- script may have changed the user's).
local function lua_own(value)
  if type(value) == "function" then
    for _, k in ipairs(BASIC) do
      if rawget(_ENV, k) == value then
        return k .. " is Lua's own function, not asyncio's: the Lua manual documents it, " .. MANUAL .. "pdf-" .. k
      end
    end
  end
  for lib, section in pairs(LIBRARIES) do
    local t = rawget(_ENV, lib)
    if type(t) == "table" then
      if value == t or value == rawget(loaded, lib) then
        return lib .. " is Lua's " .. lib .. " library: the Lua manual documents it, " .. MANUAL .. section
      end
      if type(value) == "function" then
        for k, v in pairs(t) do
          if v == value and type(k) == "string" then
            return lib .. "." .. k .. " is Lua's own function, not asyncio's: the Lua manual documents it, " ..
              MANUAL .. "pdf-" .. lib .. "." .. k
          end
        end
      end
    end
  end
  return nil
end

local NO_DOC = "help() gives a tour; help(asyncio) lists the documented names."

-- The REPL's own commands (repl.lua's M.commands names them), as
-- docs/repl.md describes them.
local COMMAND_DOCS = {
  help = "help() gives a short tour of asyncio in luasync (help{lang = \"ja\"}: in Japanese); help(x) " ..
    "documents x: an asyncio function, class or method, or an object by its class (help(asyncio.gather), " ..
    "help(q.get), help(t)); help(asyncio) lists the documented names. A command of the REPL.",
  tasks = "tasks() lists the live tasks but the REPL's own: each one's name, state, where it is suspended, what " ..
    "it waits on and who awaits it; the first 100 rows (tasks(true): all of them). A command of the REPL; " ..
    "asyncio.all_tasks() gives the tasks themselves.",
  timeline = "timeline() draws what the tasks did since the REPL started (or the last timeline()): a row per " ..
    "task, █ where it ran, ─ where it waited, and how it ended; the first 100 tasks (timeline(true): all of " ..
    "them). A command of the REPL; luasync --timeline script.lua draws a script's.",
  exit = "exit([status]) leaves the REPL, as Ctrl-D does: the tasks still pending are cancelled (their cleanup " ..
    "runs), then luasync ends with status (0 by default). A command of the REPL; a script ends with " ..
    "os.exit(status).",
}

local function command_doc(value)
  local repl = loaded["luasync.repl"]
  local name = type(value) == "function" and type(repl) == "table" and type(repl.commands) == "table" and
    repl.commands[value]
  return name and wrap(COMMAND_DOCS[name]) or nil
end

-- What help(x) says when x has no documentation. `expr` is the text of x
-- in the call, when the line shows it ("asyncio.gahter"), or nil: a nil
-- value is then named, with the name it may have meant.
local function undocumented(value, expr)
  local own = lua_own(value)
  if own then return own end
  if value == nil and expr then
    local field = expr:match("%.([%a_][%w_]*)$")
    local msg = field and ("attempt to call a nil value (field '" .. field .. "')") or
      ("attempt to call a nil value (global '" .. expr .. "')")
    local hint = require("luasync.suggestions").did_you_mean(msg, "help(" .. expr .. ")", not field and expr or nil)
    local suggestion = hint and hint:match("^hint: (did you mean .-%?)$")
    return expr .. " is nil" .. (suggestion and (": " .. suggestion .. " ") or ". ") .. NO_DOC
  end
  return "No documentation for " .. (expr and (expr .. " (") or "") ..
    require("luasync.pretty").format(value, { depth = 1 }) .. (expr and ")" or "") .. ". " .. NO_DOC
end

-- help() -> the tour; help{lang = "ja"|"en"} -> the tour in that language;
-- help(x) -> the documentation of x, or a short note.
function M.help(...)
  return M.help_at(nil, ...)
end

-- help(...) at the prompt, where `expr` is the text of its argument on the
-- line that called it ("asyncio.foo", "print"), when that is a name or a
-- path of names, else nil.
function M.help_at(expr, ...)
  if select("#", ...) == 0 then return M.tour() end
  local arg = ...
  if type(arg) == "table" and getmetatable(arg) == nil and arg.lang ~= nil and next(arg, next(arg)) == nil then
    if arg.lang ~= "ja" and arg.lang ~= "en" then
      require("luasync.errors").arg_error(1, "help", "field 'lang' must be \"en\" or \"ja\"", 2)
    end
    return M.tour(arg.lang)
  end
  local value = ...
  return M.doc(value) or command_doc(value) or undocumented(value, expr)
end

return M
