-- width.wrap, which wraps help's texts (no CPython reference: the script
-- asserts its own expectations): lines of at most the given display columns
-- (a wide character takes two), broken at spaces and between Japanese
-- characters, never inside a UTF-8 sequence nor inside an ASCII word, with
-- simple kinsoku (no 。、）」 at a line's start, no （「 at its end); ASCII
-- text wraps as English always did, at its spaces.
local width = require "luasync.width"

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
local function lines_of(s)
  local ls = {}
  for l in (s .. "\n"):gmatch("([^\n]*)\n") do ls[#ls + 1] = l end
  return ls
end

-- Exactly where it breaks, on small widths.
eq(width.wrap("あいうえおかきくけこ", 10), "あいうえお\nかきくけこ", "between wide characters, 2 columns each")
eq(width.wrap("あいうえおかき", 9), "あいうえ\nおかき", "a wide character that would pass the edge goes down")
eq(width.wrap("あいうえ。かき", 8), "あいう\nえ。かき", "。 does not begin a line: the character before goes with it")
eq(width.wrap("あいう、」えお", 8), "あい\nう、」え\nお", "nor 、 and 」, even two in a row")
eq(width.wrap("あいう（えお）", 8), "あいう\n（えお）", "（ does not end a line")
eq(width.wrap("あいうえ）", 8), "あいう\nえ）", "） does not begin one")
eq(width.wrap("オプション", 6), "オプ\nション", "nor a small kana")
eq(width.wrap("あい t:cancel(msg) です", 12), "あい\nt:cancel(msg)\nです",
  "an ASCII word stays whole, wider than the line if need be")
eq(width.wrap("あいうawait(x)は", 10), "あいう\nawait(x)は", "a break may fall between Japanese and a word it touches")
eq(width.wrap("あい .errno、.code", 8), "あい\n.errno、\n.code", "a word that starts with a dot is a word")
eq(width.wrap("one two three four", 9, "  ", "    "), "  one two\n    three\n    four", "indent, then rest")
eq(width.wrap("", 10), "", "empty text")
eq(width.wrap("  spaced   out  ", 20), "spaced out", "runs of spaces are one break")

-- English: the same lines as the greedy wrap on spaces help used before.
local function old_wrap(text, columns, indent, rest)
  indent = indent or ""
  rest = rest or indent
  local lines, line = {}, nil
  for word in text:gmatch("%S+") do
    if line == nil then
      line = indent .. word
    elseif #line + 1 + #word > columns then
      lines[#lines + 1] = line
      line = rest .. word
    else
      line = line .. " " .. word
    end
  end
  lines[#lines + 1] = line
  return table.concat(lines, "\n")
end
local help = require "luasync.help"
for _, e in ipairs(help.entries) do
  eq(width.wrap(e.text, 78), old_wrap(e.text, 78), e.name .. ": English wraps as before")
  eq(width.wrap(e.text, 40, "  ", "    "), old_wrap(e.text, 40, "  ", "    "), e.name .. ": English, indented, narrow")
end

-- Every Japanese text, at several widths: the lines fit, are whole UTF-8,
-- keep every ASCII word whole, obey the kinsoku, and give back the text.
local NO_START = { "。", "、", "）", "」", "』", "：", "？", "！", "ー", "っ", "ャ", "ョ" }
local NO_END = { "（", "「", "『" }
local STICKY = {}
for _, c in ipairs(NO_START) do STICKY[c] = true end
for _, c in ipairs(NO_END) do STICKY[c] = true end
local n_texts = 0
for name, text in pairs(help.texts_ja) do
  n_texts = n_texts + 1
  local words = {}
  for w in text:gmatch("[\33-\126]+") do words[#words + 1] = w end
  for _, columns in ipairs({ 78, 40, 24 }) do
    local wrapped = width.wrap(text, columns)
    local what = ("%s at %d columns"):format(name, columns)
    for _, l in ipairs(lines_of(wrapped)) do
      check(utf8.len(l) ~= nil, what .. ": a line is valid UTF-8: " .. l)
      -- Wider only when it cannot break: one ASCII word and the brackets and
      -- punctuation that stick to it.
      local word = l:match("[\33-\126]+") or ""
      local around = l:gsub("[\33-\126]+", "", 1):gsub(utf8.charpattern, function(c)
        return STICKY[c] and "" or c
      end)
      check(width.of(l) <= columns or (around == "" and not l:find(" ") and #word > columns - 6),
        what .. ": line within the width: " .. l)
      for _, c in ipairs(NO_START) do check(l:sub(1, #c) ~= c, what .. ": a line starts with " .. c .. ": " .. l) end
      for _, c in ipairs(NO_END) do check(l:sub(-#c) ~= c, what .. ": a line ends with " .. c .. ": " .. l) end
    end
    -- Joined again (a line end was a space or nothing), the text comes back.
    local squeezed = text:gsub("%s+", " ")
    local ok = false
    local function rejoin(ls, i, acc)
      if ok then return end
      if i > #ls then ok = (acc == squeezed) return end
      if squeezed:sub(1, #acc) ~= acc then return end
      rejoin(ls, i + 1, acc .. ls[i])
      if i > 1 then rejoin(ls, i + 1, acc .. " " .. ls[i]) end
    end
    local ls = lines_of(wrapped)
    rejoin(ls, 2, ls[1])
    check(ok, what .. ": the lines joined give the text back")
    local got = {}
    for w in wrapped:gmatch("[\33-\126]+") do got[#got + 1] = w end
    eq(table.concat(got, " "), table.concat(words, " "), what .. ": every ASCII word whole")
  end
end
check(n_texts >= 200, "the Japanese texts were walked, got " .. n_texts)

if failures > 0 then error(failures .. " help_wrap check(s) failed", 0) end
print("help_wrap: all checks passed")
