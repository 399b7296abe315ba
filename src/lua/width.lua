-- The width of text on a terminal, in columns: what `#s` would be if every
-- character took one column. East Asian wide and fullwidth characters (CJK,
-- kana, hangul, fullwidth forms, most emoji) take two; combining marks take
-- none. For aligning columns that hold names a user chose (tasks()), and
-- for wrapping text that mixes Japanese and ASCII (help's texts, M.wrap).
local codes, utf8_len, byte, concat, ipairs = utf8.codes, utf8.len, string.byte, table.concat, ipairs
local find, gsub, rep, sub = string.find, string.gsub, string.rep, string.sub
local codepoint, char = utf8.codepoint, utf8.char

local M = {}

-- Ranges of code points that take two columns (Unicode's East Asian Width
-- W and F), and ranges of combining marks that take none.
local WIDE = {
  { 0x1100, 0x115F }, { 0x2E80, 0x303E }, { 0x3041, 0x33FF }, { 0x3400, 0x4DBF }, { 0x4E00, 0x9FFF },
  { 0xA000, 0xA4CF }, { 0xAC00, 0xD7A3 }, { 0xF900, 0xFAFF }, { 0xFE30, 0xFE4F }, { 0xFF00, 0xFF60 },
  { 0xFFE0, 0xFFE6 }, { 0x1F300, 0x1F64F }, { 0x1F900, 0x1F9FF }, { 0x20000, 0x2FFFD }, { 0x30000, 0x3FFFD },
}
local ZERO = { { 0x0300, 0x036F }, { 0x1AB0, 0x1AFF }, { 0x20D0, 0x20FF }, { 0xFE20, 0xFE2F }, { 0x200B, 0x200F } }

local function within(ranges, c)
  for i = 1, #ranges do
    local r = ranges[i]
    if c >= r[1] and c <= r[2] then return true end
  end
  return false
end

-- s as valid UTF-8: each byte that is not part of a character is shown
-- as U+FFFD (the replacement character "�"), as a terminal or a browser
-- shows it. (A cut made by bytes, a name read from a binary file: a JSON
-- reader refuses the bytes, a terminal garbles them.)
function M.valid(s)
  if utf8_len(s) then return s end
  local out, i = {}, 1
  while true do
    local ok, bad = utf8_len(s, i)
    if ok then
      out[#out + 1] = sub(s, i)
      return concat(out)
    end
    out[#out + 1] = sub(s, i, bad - 1)
    out[#out + 1] = "\u{FFFD}"
    i = bad + 1
  end
end

local function columns_of(c)
  if c >= 0x300 and within(ZERO, c) then return 0 end
  if c >= 0x1100 and within(WIDE, c) then return 2 end
  return 1
end

-- The columns s takes (a byte that is not valid UTF-8 takes one, as the
-- "�" that shows it).
function M.of(s)
  local w = 0
  for _, c in codes(M.valid(s)) do w = w + columns_of(c) end
  return w
end

-- s cut on a character's boundary to at most `columns` columns, its end
-- shown as "…" when cut (as valid UTF-8, whatever s was).
function M.fit(s, columns)
  s = M.valid(s)
  if M.of(s) <= columns then return s end
  local w, stop = 0, 0
  for p, c in codes(s) do
    local cw = columns_of(c)
    if w + cw > columns - 1 then break end
    w = w + cw
    stop = p + #utf8.char(c) - 1
  end
  return sub(s, 1, stop) .. "…"
end

-- s cut to at most `columns` columns from its start, "…" in its place:
-- the end of a path ("…_name.lua:12"), which says more than its start.
function M.fit_end(s, columns)
  s = M.valid(s)
  if M.of(s) <= columns then return s end
  local chars = {}
  for p, c in codes(s) do chars[#chars + 1] = { p, columns_of(c) } end
  local w, from = 0, #s + 1
  for i = #chars, 1, -1 do
    if w + chars[i][2] > columns - 1 then break end
    w = w + chars[i][2]
    from = chars[i][1]
  end
  return "…" .. sub(s, from)
end

-- A name a user chose, for one row of a table: its control characters (a
-- tab, a newline) shown as their escapes, cut to `columns` when given.
function M.one_line(s, columns)
  s = gsub(M.valid(s), "%c", function(c)
    return c == "\t" and "\\t" or c == "\n" and "\\n" or ("\\" .. byte(c))
  end)
  return columns and M.fit(s, columns) or s
end

-- Line breaking (M.wrap). A line may break at a run of spaces (dropped
-- there), and between two characters where one is not ASCII: Japanese has
-- no spaces, so a break may fall between any two of its characters, or
-- between one and an ASCII word it touches. A run of ASCII characters
-- without spaces (a word, `t:cancel(msg)`) is never broken. Kinsoku, kept
-- simple: a closing bracket, a punctuation mark or a small kana does not
-- begin a line, an opening bracket does not end one (the fullwidth ones:
-- an ASCII bracket is part of its word, `.errno` is a word).
local NO_START = {}
for _, c in codes("。、，．）」』】〕〉》：；？！・ーぁぃぅぇぉっゃゅょゎァィゥェォッャュョヮヵヶ") do
  NO_START[c] = true
end
local NO_END = {}
for _, c in codes("（「『【〔〈《") do NO_END[c] = true end

-- The pieces of text (valid UTF-8) that stay on one line, in order:
-- {text =, columns =, spaced = a space came before it, last = its last
-- character}.
local function pieces(text)
  local out, i, n, spaced = {}, 1, #text, false
  -- Adds s (w columns, from character first to last): to the previous piece
  -- when no space is between them and the line may not break there
  -- (kinsoku, or a combining mark, which belongs to its character).
  local function add(s, w, first, last)
    local prev = out[#out]
    if prev and not spaced and (NO_START[first] or NO_END[prev.last] or w == 0) then
      prev.text, prev.columns, prev.last = prev.text .. s, prev.columns + w, last
    else
      out[#out + 1] = { text = s, columns = w, spaced = spaced, last = last }
    end
    spaced = false
  end
  while i <= n do
    local a, b = find(text, "^%s+", i)
    if a then
      spaced, i = true, b + 1
    else
      a, b = find(text, "^[\33-\126]+", i)  -- an ASCII word
      if a then
        local word = sub(text, a, b)
        add(word, b - a + 1, byte(word, 1), byte(word, -1))
        i = b + 1
      else
        local c = codepoint(text, i)
        local s = char(c)
        add(s, columns_of(c), c, c)
        i = i + #s
      end
    end
  end
  return out
end

-- text as lines of at most `columns` display columns, the first prefixed by
-- indent, the others by rest (by default indent too), broken as said
-- above; a piece wider than a line stands alone on one. Pure ASCII text
-- breaks only at spaces, as English wraps.
function M.wrap(text, columns, indent, rest)
  indent = indent or ""
  rest = rest or indent
  local lines, line, used, empty = {}, indent, M.of(indent), true
  -- Invalid bytes (a value a user made, in a note) are shown as "�", as M.of counts them.
  for _, p in ipairs(pieces(M.valid(text))) do
    local gap = (p.spaced and not empty) and 1 or 0
    if not empty and used + gap + p.columns > columns then
      lines[#lines + 1] = line
      line, used = rest .. p.text, M.of(rest) + p.columns
    else
      line, used = line .. (gap == 1 and " " or "") .. p.text, used + gap + p.columns
    end
    empty = false
  end
  lines[#lines + 1] = line
  return concat(lines, "\n")
end

-- s padded with spaces to `columns` columns (left-aligned).
function M.pad(s, columns)
  local w = M.of(s)
  if w >= columns then return s end
  return s .. rep(" ", columns - w)
end

return M
