-- The text of the tracing tools: what they cut or pad is cut on a
-- character's boundary, by the columns it takes in a terminal, and comes out
-- as valid UTF-8 (a terminal, a JSON reader, a browser); the HTML page cuts
-- a long name or status with "…" and shows it whole on hover.
local cli = require "lib.cli"
local cjson = require "cjson"
local width = require "luasync.width"
local eq, check, has = cli.eq, cli.check, cli.has

-- width.fit and one_line: on a character's boundary, by columns, valid
-- UTF-8 whatever the input.
eq("a cut of wide characters", width.fit("エラー：とても長い", 9), "エラー：…")
eq("a combining mark stays with its letter", width.fit("e\u{301}e\u{301}e\u{301}", 3), "e\u{301}e\u{301}e\u{301}")
eq("stray bytes shown as U+FFFD", width.valid("ab\xffc\xe3\x81"), "ab\u{FFFD}c\u{FFFD}\u{FFFD}")
eq("their columns", width.of("ab\xffc"), 4)
eq("a cut of a string with stray bytes", width.fit("\xff\xfeあいう", 5), "\u{FFFD}\u{FFFD}あ…")
eq("a name with a stray byte, on one line", width.one_line("x\ty\xff", 10), "x\\ty\u{FFFD}")

-- A failure whose message is long and Japanese: its status is cut on a
-- character, in the terminal, the JSON and the HTML.
local script = cli.tmpfile([[
local err = async(function() error("エラー：とても長いメッセージがここに入ります。とても長いメッセージ", 0) end)
pcall(await, asyncio.create_task(err(), { name = "文字列エラー" }))
pcall(await, asyncio.create_task(async(function() error("x") end)(), { name = "bad\xffname" }))
]])
local _, err = cli.run("COLUMNS=100 $L --clock=virtual --timeline " .. script)
check("the timeline is valid UTF-8", utf8.len(err) ~= nil, err)
has("its status cut on a character", err, "failed: エラー：とても長いメッセージがここに入…\n")
has("a stray byte of a name shown as U+FFFD", err, "\nbad\u{FFFD}name ")

local json = cli.tmpfile()
os.remove(json)
json = json .. ".json"
cli.run("$L --clock=virtual --trace=" .. json .. " " .. script)
local text = cli.slurp(json)
os.remove(json)
check("the JSON is valid UTF-8", utf8.len(text) ~= nil)
local ok, decoded = pcall(cjson.decode, text)
check("the JSON decodes", ok, decoded)
local ends, names = {}, {}
for _, e in ipairs(ok and decoded.traceEvents or {}) do
  if e.cat == "end" then ends[#ends + 1] = e.name end
  if e.name == "thread_name" then names[#names + 1] = e.args.name end
end
eq("the JSON's failure marks", table.concat(ends, " | "),
  "failed: エラー：とても長いメッセージがここに入ります。とても長いメッセージ | failed: " .. script .. ":3: x")
eq("the JSON's names", table.concat(names, " | "), "Task-1 | 文字列エラー | bad\u{FFFD}name")

local html = json:gsub("%.json$", ".html")
cli.run("$L --clock=virtual --trace=" .. html .. " " .. script)
text = cli.slurp(html)
os.remove(html)
check("the HTML is valid UTF-8", utf8.len(text) ~= nil)
-- The status column holds 48 columns: a longer status is cut there and
-- shown whole on hover; the page is as wide as its columns.
has("a long status cut, whole on hover", text,
  ">failed: エラー：とても長いメッセージがここに入…<title>failed: エラー：とても長いメッセー" ..
  "ジがここに入ります。とても長いメッセージ</title></text>")
local svg_width = tonumber(text:match('<svg xmlns="http://www.w3.org/2000/svg" width="(%d+)"'))
local status_x = tonumber(text:match('<text x="(%d+)" y="%d+" fill="#c00">failed: エラー'))
check("the status column fits in the page", svg_width and status_x and status_x + 48 * 8 <= svg_width,
  tostring(svg_width) .. " " .. tostring(status_x))
local long = cli.tmpfile([[
await(asyncio.create_task(asyncio.sleep(1), { name = "a task with a name much longer than thirty columns" }))
]])
cli.run("$L --clock=virtual --trace=" .. html .. " " .. long)
text = cli.slurp(html)
os.remove(html)
has("a long name cut, whole on hover", text,
  ">a task with a name much longe…<title>a task with a name much longer than thirty columns</title></text>")

-- Colour on a terminal only, and not when NO_COLOR is set and not empty
-- (https://no-color.org) or TERM=dumb. (script(1) gives it a terminal.)
do
  local two = cli.tmpfile("await(asyncio.create_task(asyncio.sleep(1)))\n")
  for _, case in ipairs({ { "TERM=xterm", true }, { "TERM=xterm NO_COLOR=1", false },
    { "TERM=xterm NO_COLOR=", true }, { "TERM=dumb", false } }) do
    local drawn = cli.run("unset NO_COLOR; " .. case[1] .. " COLUMNS=40 script -qec \"$L --clock=virtual " ..
      "--timeline " .. two .. " 2>&1 >/dev/null\" /dev/null")
    eq(case[1] .. ": colour", drawn:find("\27[", 1, true) ~= nil, case[2])
    has(case[1] .. ": the timeline", drawn, "Task-2")
  end
end

-- A narrow terminal: under 30 columns, a row's status goes below it; the
-- legend and the summary fit.
do
  local leaf = cli.tmpfile([[
local leaf = async(function(n) await(asyncio.sleep(n)) if n == 2 then error(asyncio.ValueError("bad")) end end)
pcall(function()
  local tg <close> = asyncio.TaskGroup()
  tg:create_task(leaf(1), { name = "leaf-1" })
  tg:create_task(leaf(2), { name = "leaf-2" })
end)
]])
  local _, drawn = cli.run("COLUMNS=20 $L --clock=virtual --timeline " .. leaf)
  eq("20 columns", drawn, [[
Task-1 █──────────█
  done
leaf-1 █─────█
  done
leaf-2 █──────────█
  failed: ValueErr…
       0s        2s
█ running
─ waiting
(2s in all; 3 task…
]])
  _, drawn = cli.run("COLUMNS=12 $L --clock=virtual --timeline " .. leaf)
  for line in drawn:gmatch("[^\n]+") do check("12 columns: " .. line, width.of(line) <= 12) end
end

cli.finish()
