-- help(x) in Japanese (no CPython reference: the script asserts its own
-- expectations). Every help entry has a Japanese text and every Japanese
-- text an entry, file by file (help_module_ja.lua for help_module.lua,
-- help_methods_ja.lua for help_methods.lua), so an entry cannot be added
-- without its translation nor a translation outlive its entry; the
-- translations keep the names and the quoted strings of the English. At
-- the prompt, LC_ALL / LC_MESSAGES / LANG choose the language as for the
-- tour: with LANG=ja_JP.UTF-8, help(asyncio.gather), help(asyncio) (the
-- index), help(tasks) and the notes (help(print), help(42)) are Japanese;
-- with LANG=C, English, as before. Every line help shows in Japanese fits
-- 78 display columns (a wide character takes two), but the code lines
-- (signature, example, Python), which are the English entry's.
local cli = require "lib.cli"
local eq, has, check = cli.eq, cli.has, cli.check
local width = require "luasync.width"
local help = require "luasync.help"

-- every entry has its Japanese text, file by file ---------------------------------------
for _, pair in ipairs({ { "luasync.help_module", "luasync.help_module_ja" },
  { "luasync.help_methods", "luasync.help_methods_ja" } }) do
  local entries, texts = require(pair[1]), require(pair[2])
  local names = {}
  for _, e in ipairs(entries) do
    names[e.name] = true
    local ja = texts[e.name]
    check(pair[2] .. " has a text for " .. e.name, type(ja) == "string" and ja ~= "", ja)
    if type(ja) == "string" then
      check(e.name .. ": the Japanese text is Japanese", ja:find("[\227-\233]") ~= nil, ja)
      check(e.name .. ": the Japanese text is not the English one", ja ~= e.text, ja)
    end
  end
  for name in pairs(texts) do
    check(pair[2] .. ": the text for " .. tostring(name) .. " has an entry in " .. pair[1], names[name] == true)
  end
end
-- help.lua reads both: every entry it shows has its text.
for _, e in ipairs(help.entries) do check("help.texts_ja has " .. e.name, help.texts_ja[e.name] ~= nil) end
-- The REPL's commands: the same ones in both languages.
for _, langs in ipairs({ { "en", "ja" }, { "ja", "en" } }) do
  for name in pairs(help.command_docs[langs[1]]) do
    check("help(" .. name .. ") in " .. langs[2], type(help.command_docs[langs[2]][name]) == "string")
  end
end

-- the names stay verbatim ---------------------------------------------------------------------
-- What the English quotes as code (a name with _ or :, a CamelCase class,
-- an error class) and its quoted strings ("\n", "SIGTERM") are in the
-- Japanese text as they are.
for _, e in ipairs(help.entries) do
  local ja = help.texts_ja[e.name] or ""
  for w in e.text:gmatch("[%w_%.:]+") do
    local name = w:gsub("[%.:]+$", "")
    if name:find("[_:]") or name:find("%u%l+%u") or name:find("Error$") then
      check(e.name .. ": the Japanese text names " .. name, ja:find(name, 1, true) or
        ja:find(name:gsub("s$", ""), 1, true), ja)  -- "ConnectionErrors": the class, once
    end
  end
  for q in e.text:gmatch('"[^"]*"') do
    check(e.name .. ": the Japanese text quotes " .. q, ja:find(q, 1, true), ja)
  end
end

-- 78 columns ----------------------------------------------------------------------------------
local function fits(what, text, skip)
  for l in (text .. "\n"):gmatch("([^\n]*)\n") do
    if not (skip and skip[l]) then
      check(what .. ": line within 78 columns (" .. width.of(l) .. "): " .. l, width.of(l) <= 78)
    end
  end
end
for _, e in ipairs(help.entries) do
  local text = help.doc(e.name, "ja")
  check(e.name .. ": a Japanese doc", type(text) == "string" and text:find(help.texts_ja[e.name]:sub(1, 12), 1, true),
    text)
  fits(e.name, text, { [e.sig] = true, ["  " .. e.example] = true, ["  " .. e.python] = true })
end
fits("help(asyncio)", help.doc(asyncio, "ja"))

-- at the prompt -------------------------------------------------------------------------------
-- The same inputs in both languages; each help call's output, by its line.
local INPUTS = { "help(asyncio.gather)", "help(asyncio)", "help(tasks)", "help(timeline)", "help(exit)",
  "help(help)", "help(t.cancel)", "help(print)", "help(string)", "help(string.format)", "help(42)",
  "help(asyncio.gahter)", "help(pirnt)", "help()" }
local function at_prompt(env)
  local out, err, code = cli.run(env .. ' "$L" -i', "t = asyncio.create_task(asyncio.sleep(1))\n" ..
    table.concat(INPUTS, "\n") .. "\n")
  eq(env .. ": exit status", code, 0)
  eq(env .. ": stderr", err, "")
  local shown, order = {}, {}
  for input, text in out:gmatch("> (help%b())\n(.-)\n%f[>]") do
    shown[input] = text
    order[#order + 1] = input
  end
  eq(env .. ": every help call answered", table.concat(order, " "), table.concat(INPUTS, " "))
  return shown
end
local JA = "LANG=ja_JP.UTF-8 LC_ALL= LC_MESSAGES="
local ja, en = at_prompt(JA), at_prompt("LANG=C LC_ALL= LC_MESSAGES=")

local gather = help.entries[1]
for _, e in ipairs(help.entries) do if e.name == "gather" then gather = e end end
eq("LANG=ja: help(asyncio.gather)", ja["help(asyncio.gather)"], help.doc(asyncio.gather, "ja"))
has("LANG=ja: help(asyncio.gather) is Japanese", ja["help(asyncio.gather)"], "いくつもの awaitable を並行して")
has("LANG=ja: help(asyncio.gather) shows its code as it is", ja["help(asyncio.gather)"],
  gather.sig .. "\n\n")
has("LANG=ja: help(asyncio.gather)'s example", ja["help(asyncio.gather)"], "\n例：\n  " .. gather.example .. "\n")
has("LANG=ja: help(asyncio.gather)'s Python", ja["help(asyncio.gather)"],
  "\nPython では：\n  " .. gather.python .. "\n")
has("LANG=ja: help(asyncio) is the Japanese index", ja["help(asyncio)"], "関数：\n  run, sleep, create_task")
has("LANG=ja: help(asyncio) lists the methods", ja["help(asyncio)"], "\n  Task：cancel, cancelling")
has("LANG=ja: help(tasks)", ja["help(tasks)"], "tasks() は、REPL 自身のものを除いて")
has("LANG=ja: help(timeline)", ja["help(timeline)"], "timeline() は、REPL を起動してから")
has("LANG=ja: help(exit)", ja["help(exit)"], "exit([status]) は Ctrl-D と同じく")
has("LANG=ja: help(help)", ja["help(help)"], "help() は luasync の asyncio を短く案内します")
has("LANG=ja: help(t.cancel)", ja["help(t.cancel)"], "タスクに止まるよう頼みます")
has("LANG=ja: help(print)", ja["help(print)"], "print は Lua 標準の関数で、asyncio のものではありません。")
has("LANG=ja: help(print) keeps the link whole", ja["help(print)"],
  "https://www.lua.org/manual/5.4/manual.html#pdf-print")
has("LANG=ja: help(string)", ja["help(string)"], "string は Lua 標準の string ライブラリです。")
has("LANG=ja: help(42)", ja["help(42)"], "42 には説明がありません。help() で案内を")
has("LANG=ja: help(asyncio.gahter)", ja["help(asyncio.gahter)"],
  "asyncio.gahter は nil です。asyncio.gather のことですか？")
has("LANG=ja: help(pirnt)", ja["help(pirnt)"], "pirnt は nil です。print のことですか？")
has("LANG=ja: help() is the Japanese tour", ja["help()"], "luasync の asyncio を短く案内します")
for input, text in pairs(ja) do
  if input ~= "help(asyncio.gather)" and input ~= "help(t.cancel)" and input ~= "help()" then
    fits("LANG=ja: " .. input, text)
  end
end

-- LANG=C: English, as it was.
eq("LANG=C: help(asyncio.gather)", en["help(asyncio.gather)"], help.doc(asyncio.gather, "en"))
has("LANG=C: help(asyncio.gather) is English", en["help(asyncio.gather)"], "\n\nExample:\n  " .. gather.example)
has("LANG=C: help(asyncio) is the English index", en["help(asyncio)"], "Functions:\n  run, sleep, create_task")
has("LANG=C: help(tasks)", en["help(tasks)"], "tasks() lists the live tasks but the REPL's own")
has("LANG=C: help(print)", en["help(print)"], "print is Lua's own function, not asyncio's")
has("LANG=C: help(42)", en["help(42)"], "No documentation for 42. help() gives a tour")
has("LANG=C: help() is the English tour", en["help()"], "A short tour of asyncio in luasync.")
for input, text in pairs(en) do
  check("LANG=C: " .. input .. " has no Japanese", not text:find("[\227-\233]"), text)
end

-- LC_ALL comes first, then LC_MESSAGES, then LANG, as the C library reads them.
local function gather_under(env)
  return cli.run(env .. ' "$L" -i', "help(asyncio.gather)\n"):match("> help%(asyncio%.gather%)\n(.-)\n> ")
end
eq("LC_ALL=C over LANG=ja", gather_under("LANG=ja_JP.UTF-8 LC_ALL=C"), en["help(asyncio.gather)"])
eq("LC_MESSAGES=ja over LANG=C", gather_under("LANG=C LC_ALL= LC_MESSAGES=ja_JP.UTF-8"), ja["help(asyncio.gather)"])

cli.finish()
