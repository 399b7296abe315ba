-- The REPL's help texts (module "luasync.help"):
--   M.tour()            a short guided tour of asyncio in luasync (help())
--   M.doc(value[, lang]) the documentation of a public name of asyncio, found
--                       by identity: a function (help(asyncio.gather)), a
--                       class or constructor (help(asyncio.Queue)), an error
--                       class, a method (help(t.cancel), help(q.get)), async
--                       or await; an object gets its class's entry
--                       (help(t) is help(asyncio.Task)); also the asyncio
--                       table itself (an index) and a name ("gather",
--                       "asyncio.gather", "Queue.get", "Task.cancel",
--                       "q:get"); nil for anything else. In Japanese when
--                       lang (by default the environment's, as the
--                       tour's) is "ja"
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
--   M.texts_ja          the Japanese texts of the entries, by name: each
--                       entry's text= translated (help_module_ja.lua,
--                       help_methods_ja.lua); its sig, example and python
--                       are code, the same in both languages
--   M.command_docs      the texts of the REPL's commands (help(tasks)), by
--                       language, then by command
-- The texts follow docs/api.md; every example line is one line that a user
-- can type at the prompt (tests/lua/repl/help_texts.lua runs them). Every
-- entry has a Japanese text and every Japanese text an entry
-- (tests/lua/repl/help_japanese.lua).

-- User code may change the globals: keep our own references.
local pairs, ipairs, type, rawget, rawequal, require, select = pairs, ipairs, type, rawget, rawequal, require, select
local concat = table.concat
local format, gsub, match = string.format, string.gsub, string.match
local loaded = package.loaded
local class_of = require("luasync.std").class_of
local width = require "luasync.width"

local M = {}

local WIDTH = 78

-- Wraps a paragraph at WIDTH display columns, the first line prefixed by
-- indent, the others by rest (by default indent too): English at its
-- spaces, Japanese also between its characters (width.wrap).
local function wrap(text, indent, rest)
  return width.wrap(text, WIDTH, indent, rest)
end

-- The language of the texts: "ja" when LC_ALL, LC_MESSAGES or LANG (the
-- first one set, as the C library reads them) says Japanese, else "en".
local function language()
  for _, name in ipairs({ "LC_ALL", "LC_MESSAGES", "LANG" }) do
    local v = os.getenv(name)
    if v and v ~= "" then return match(v, "^ja") and "ja" or "en" end
  end
  return "en"
end

-- The entries: the module's names, then the methods of its classes.
local entries = {}
for _, part in ipairs({ "luasync.help_module", "luasync.help_methods" }) do
  for _, e in ipairs(require(part)) do entries[#entries + 1] = e end
end
M.entries = entries

local texts_ja = {}
for _, part in ipairs({ "luasync.help_module_ja", "luasync.help_methods_ja" }) do
  for name, text in pairs(require(part)) do texts_ja[name] = text end
end
M.texts_ja = texts_ja

-- by_name: "gather", "Queue.get", and the other names of an entry (aliases).
local by_name = {}
for _, e in ipairs(entries) do
  by_name[e.name] = e
  for _, a in ipairs(e.aliases or {}) do by_name[a] = e end
end

-- "Class.method" -> "Class", "method"; nil for a name of the module.
local function split(name)
  return match(name, "^([%w_]+)%.([%w_]+)$")
end

-- The lines around an entry's text, by language; {section} is a heading of
-- {doc} (the entry's see and doc: docs/api.md unless it says), in English.
local FRAME = {
  en = { example = "Example:", python = "Python:", see = "({section} in {doc})" },
  ja = { example = "例：", python = "Python では：", see = "詳しくは {doc}（英語）の「{section}」にあります。" },
}

local function render(e, lang)
  local cls = split(e.name)
  local name = (e.name == "async" or e.name == "await" or cls) and e.name or ("asyncio." .. e.name)
  local frame = FRAME[lang] or FRAME.en
  -- An entry without a Japanese text (a test fails for it) shows its English.
  local text = lang == "ja" and texts_ja[e.name] or e.text
  return concat({
    e.sig,
    "",
    wrap(text),
    "",
    frame.example,
    "  " .. e.example,
    "",
    frame.python,
    "  " .. e.python,
    "",
    wrap((gsub(frame.see, "{(%a+)}", { section = e.see or name, doc = e.doc or "docs/api.md" }))),
  }, "\n")
end

-- The index of help(asyncio): the module's names by kind, then the methods
-- by class, in the order of the entries; its words by language.
local KINDS = { "function", "class", "constant", "error" }
local INDEX = {
  en = {
    title = "asyncio: the module of luasync's asyncio (also require(\"asyncio\")).",
    kinds = {
      ["function"] = "Functions:",
      class = "Classes (help(asyncio.Queue), or help(q) for a queue q):",
      constant = "Constants:",
      error = "Errors:",
    },
    methods = "Methods (help(\"Task.cancel\"), or help(t.cancel) for a task t):",
    classes = {
      Future = "Future (tasks have them too): ",
      loop = "loop (asyncio.get_running_loop()): ",
      Handle = "Handle (of loop:call_soon, call_later, call_at): ",
      Timeout = "Timeout (of asyncio.timeout, timeout_at): ",
      BaseException = "every error class: ",
    },
    class = "%s: ",
    globals = "And the globals async, await.",
    footer = "help(asyncio.gather) shows one of them; help() gives a short tour.",
  },
  ja = {
    title = "asyncio：luasync の asyncio のモジュールです（require(\"asyncio\") でも同じ）。",
    kinds = {
      ["function"] = "関数：",
      class = "クラス（help(asyncio.Queue)、キュー q なら help(q) でも）：",
      constant = "定数：",
      error = "エラー：",
    },
    methods = "メソッド（help(\"Task.cancel\")、タスク t なら help(t.cancel) でも）：",
    classes = {
      Future = "Future（タスクにもあります）：",
      loop = "loop（asyncio.get_running_loop() で得られます）：",
      Handle = "Handle（loop:call_soon、call_later、call_at が返します）：",
      Timeout = "Timeout（asyncio.timeout、timeout_at が返します）：",
      BaseException = "すべてのエラークラス：",
    },
    class = "%s：",
    globals = "ほかにグローバルの async、await があります。",
    footer = "help(asyncio.gather) でその一つの説明を、help() で短い案内を表示します。",
  },
}

local function index_text(lang)
  local words = INDEX[lang] or INDEX.en
  local lines = { words.title, "" }
  for _, kind in ipairs(KINDS) do
    local names = {}
    for _, e in ipairs(entries) do
      if not split(e.name) and e.name ~= "async" and e.name ~= "await" and (e.kind or "function") == kind then
        names[#names + 1] = e.name
        for _, a in ipairs(e.aliases or {}) do names[#names + 1] = a end
      end
    end
    lines[#lines + 1] = words.kinds[kind]
    lines[#lines + 1] = wrap(concat(names, ", "), "  ")
  end
  lines[#lines + 1] = words.methods
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
    local label = words.classes[cls] or format(words.class, cls)
    lines[#lines + 1] = wrap(label .. concat(methods[cls], ", "), "  ", "    ")
  end
  lines[#lines + 1] = words.globals
  lines[#lines + 1] = ""
  lines[#lines + 1] = words.footer
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
  s = match(s, "^asyncio%.(.+)$") or s
  s = (gsub(s, ":", "."))
  s = (gsub(s, "^[%w_]+%.transport%.", "Transport."))  -- help("w.transport:abort"), as the signatures say
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

-- An entry's text as help shows it (the tests read its last line).
M.render = render

function M.doc(value, lang)
  if value == nil then return nil end
  lang = lang or language()
  local map, asyncio, classes = lookup()
  if rawequal(value, asyncio) then return index_text(lang) end
  local e = map[value]
  if e == nil and type(value) == "string" then e = by_text(value, map, asyncio, classes) end
  if e == nil and (type(value) == "table" or type(value) == "userdata") then
    -- An object (a task, a queue, an error): its class's entry, as Python's
    -- help(obj). The only tables in map are classes.
    local mt = class_of(value)
    if type(mt) == "table" then e = map[mt] end
  end
  return e and render(e, lang) or nil
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

2. Tasks: create_task schedules a coroutine to run concurrently; it starts
   at the loop's next turn, once the current input awaits or ends. spawn
   does the same for a plain function and its arguments.
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

2. タスク：create_task はコルーチンを並行して動くように予約します。動き出す
   のはループの次の周回、つまり今の入力が await するか終わったときです。
   spawn はふつうの関数と引数で同じことをします。
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

-- The sentences of help(x) when x has no entry, by language: %1 is a name,
-- %2 a link, a name x may have meant or how x prints.
local NOTES = {
  en = {
    lua_function = "%1 is Lua's own function, not asyncio's: the Lua manual documents it, %2",
    lua_library = "%1 is Lua's %1 library: the Lua manual documents it, %2",
    no_doc = "help() gives a tour; help(asyncio) lists the documented names.",
    is_nil = "%1 is nil. ",
    is_nil_meant = "%1 is nil: did you mean %2? ",
    none = "No documentation for %1. ",
    none_named = "No documentation for %1 (%2). ",
  },
  ja = {
    lua_function = "%1 は Lua 標準の関数で、asyncio のものではありません。説明は Lua のマニュアルにあります：%2",
    lua_library = "%1 は Lua 標準の %1 ライブラリです。説明は Lua のマニュアルにあります：%2",
    no_doc = "help() で案内を、help(asyncio) で説明のある名前の一覧を表示します。",
    is_nil = "%1 は nil です。",
    is_nil_meant = "%1 は nil です。%2 のことですか？ ",
    none = "%1 には説明がありません。",
    none_named = "%1 には説明がありません（%2）。",
  },
}

-- A note of NOTES[lang] with its %1 and %2 filled in.
local function note(lang, key, a, b)
  return (gsub((NOTES[lang] or NOTES.en)[key], "%%([12])", function(i) return i == "1" and a or b end))
end

-- A note as shown: in English on one line, as it always was; in Japanese
-- wrapped as the entries are (a link stays whole on a line of its own).
local function shown_note(lang, s)
  return lang == "ja" and wrap(s) or s
end

-- What help says of a value of Lua's own (print, string.format, string):
-- where the Lua manual documents it; nil for any other value. Compared with
-- the runtime's copy of the standard globals, as they were at start (a
-- script may have changed the user's).
local function lua_own(value, lang)
  if type(value) == "function" then
    for _, k in ipairs(BASIC) do
      if rawget(_ENV, k) == value then return shown_note(lang, note(lang, "lua_function", k, MANUAL .. "pdf-" .. k)) end
    end
  end
  for lib, section in pairs(LIBRARIES) do
    local t = rawget(_ENV, lib)
    if type(t) == "table" then
      if rawequal(value, t) or rawequal(value, rawget(loaded, lib)) then
        return shown_note(lang, note(lang, "lua_library", lib, MANUAL .. section))
      end
      if type(value) == "function" then
        for k, v in pairs(t) do
          if v == value and type(k) == "string" then
            return shown_note(lang, note(lang, "lua_function", lib .. "." .. k, MANUAL .. "pdf-" .. lib .. "." .. k))
          end
        end
      end
    end
  end
  return nil
end

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
    "task, █ where it ran, ░ where it was ready but waited for the loop, ─ where it waited, and how it " ..
    "ended; the first 100 tasks (timeline(true): all of " ..
    "them). A command of the REPL; luasync --timeline script.lua draws a script's.",
  exit = "exit([status]) leaves the REPL, as Ctrl-D does: the tasks still pending are cancelled (their cleanup " ..
    "runs), then luasync ends with status (0 by default). A command of the REPL; a script ends with " ..
    "os.exit(status).",
}
local COMMAND_DOCS_JA = {
  help = "help() は luasync の asyncio を短く案内します（help{lang = \"en\"}：英語で）。help(x) は x の説明を" ..
    "表示します：asyncio の関数、クラス、メソッド、またはオブジェクトならそのクラスの説明です（" ..
    "help(asyncio.gather)、help(q.get)、help(t)）。help(asyncio) で説明のある名前の一覧。LC_ALL、" ..
    "LC_MESSAGES、LANG が日本語なら日本語で表示します。REPL のコマンドです。",
  tasks = "tasks() は、REPL 自身のものを除いて、いま生きているタスクを一覧にします：それぞれの名前、状態、" ..
    "止まっている場所、待っているもの、それを待っているタスク。最初の 100 行まで（tasks(true)：すべて）。" ..
    "REPL のコマンドです。タスクそのものは asyncio.all_tasks() で得られます。",
  timeline = "timeline() は、REPL を起動してから（または前の timeline() から）タスクがしたことを図にします：" ..
    "タスクごとに一行で、動いていたところは █、動けるのにループを待っていたところは ░、待っていた" ..
    "ところは ─、そしてどう終わったか。最初の " ..
    "100 タスクまで（timeline(true)：すべて）。REPL のコマンドです。スクリプトのものは luasync --timeline " ..
    "script.lua で描きます。",
  exit = "exit([status]) は Ctrl-D と同じく REPL を終えます：まだ終わっていないタスクはキャンセルされ（後始末は" ..
    "動きます）、luasync は status（既定は 0）で終了します。REPL のコマンドです。スクリプトは " ..
    "os.exit(status) で終えます。",
}

local function command_doc(value, lang)
  local repl = loaded["luasync.repl"]
  local name = type(value) == "function" and type(repl) == "table" and type(repl.commands) == "table" and
    repl.commands[value]
  return name and wrap((lang == "ja" and COMMAND_DOCS_JA or COMMAND_DOCS)[name]) or nil
end
M.command_docs = { en = COMMAND_DOCS, ja = COMMAND_DOCS_JA }

-- What help(x) says when x has no documentation. `expr` is the text of x
-- in the call, when the line shows it ("asyncio.gahter"), or nil: a nil
-- value is then named, with the name it may have meant.
local function undocumented(value, expr, lang)
  local own = lua_own(value, lang)
  if own then return own end
  local no_doc = note(lang, "no_doc")
  if value == nil and expr then
    local field = match(expr, "%.([%a_][%w_]*)$")
    local msg = field and ("attempt to call a nil value (field '" .. field .. "')") or
      ("attempt to call a nil value (global '" .. expr .. "')")
    local hint = require("luasync.suggestions").did_you_mean(msg, "help(" .. expr .. ")", not field and expr or nil)
    local meant = hint and match(hint, "^hint: did you mean (.-)%?$")
    return shown_note(lang, (meant and note(lang, "is_nil_meant", expr, meant) or note(lang, "is_nil", expr)) .. no_doc)
  end
  local shown = require("luasync.pretty").format(value, { depth = 1 })
  return shown_note(lang, (expr and note(lang, "none_named", expr, shown) or note(lang, "none", shown)) .. no_doc)
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
  local lang = language()
  return M.doc(value, lang) or command_doc(value, lang) or undocumented(value, expr, lang)
end

return M
