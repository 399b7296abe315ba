-- The hint for a character Lua cannot read outside a string, as a
-- Japanese (or Chinese) input method types them: `print（"x"）`, a
-- full-width space, `名前 = 1` (a name in Python). Lua's message names only
-- the character's first byte ("near '<\239>'"); the hint names the whole
-- character as CPython does ("invalid character '（' (U+FF08)") and says
-- what to type instead.
local match, gsub, sub, byte, format = string.match, string.gsub, string.sub, string.byte, string.format
local codepoint, char, ascii_char = utf8.codepoint, utf8.char, string.char
local pcall, ipairs, tonumber, concat = pcall, ipairs, tonumber, table.concat

local M = {}

local trim = require("luasync.python_forms").trim

-- Characters an input method for Japanese (or Chinese) types in place of
-- ASCII ones: the full-width forms U+FF01..U+FF5E are ASCII's 0x21..0x7E;
-- these others stand for a space, punctuation or quotes.
local LOOKALIKES = {
  [0x3000] = " ", [0x3001] = ",", [0x3002] = ".", [0x300C] = "\"", [0x300D] = "\"",
  [0x201C] = "\"", [0x201D] = "\"", [0x2018] = "'", [0x2019] = "'",
}
local function ascii_for(cp)
  if cp >= 0xFF01 and cp <= 0xFF5E then return ascii_char(cp - 0xFEE0) end
  return LOOKALIKES[cp]
end

-- The non-ASCII characters of `text` outside its quoted strings and its
-- comment, in order: each as (position, character, code point). Stops at
-- an invalid UTF-8 sequence.
local function stray_characters(text)
  local found, i, n, quote = {}, 1, #text, nil
  while i <= n do
    local c = sub(text, i, i)
    if quote then
      if c == "\\" then i = i + 1 elseif c == quote then quote = nil end
    elseif c == "\"" or c == "'" then
      quote = c
    elseif sub(text, i, i + 1) == "--" then
      break
    elseif byte(c) >= 0xC0 then
      local ok, cp = pcall(codepoint, text, i)
      if not ok then break end
      local ch = char(cp)
      found[#found + 1] = { i, ch, cp }
      i = i + #ch - 1
    end
    i = i + 1
  end
  return found
end

-- Lua names a character it cannot read by its first byte ("near '<\227>'"):
-- the hint names the whole character, found in the line, as Python does
-- ("invalid character '（' (U+FF08)"), with what to type instead.
function M.hint(msg, text)
  local lead = tonumber(match(msg, "near '<\\(%d+)>'$"))
  if not lead then return nil end
  local chars = stray_characters(text)
  local at
  for _, c in ipairs(chars) do
    if byte(c[2]) == lead then
      at = c
      break
    end
  end
  if not at then return nil end
  local ch, cp = at[2], at[3]
  local ascii = ascii_for(cp)
  local named = cp == 0x3000 and ("invalid non-printable character U+3000 (a full-width space)") or
    ("invalid character '" .. ch .. "' (U+" .. format("%04X", cp) .. ")")
  if not ascii then
    return "hint: " .. named .. ": Lua names are ASCII letters, digits and _ (text goes in quotes)"
  end
  -- The line with every look-alike outside strings made ASCII, when no
  -- other such character is left.
  local fixed, last = {}, 1
  for _, c in ipairs(chars) do
    local a = ascii_for(c[3])
    if not a then
      fixed = nil
      break
    end
    fixed[#fixed + 1] = sub(text, last, c[1] - 1) .. a
    last = c[1] + #c[2]
  end
  local line = fixed and trim(concat(fixed) .. sub(text, last))
  return "hint: " .. named .. ": type " .. (ascii == " " and "a space" or ascii) ..
    " instead (switch the input method to half-width)" .. (line and line ~= "" and (": " .. line) or "")
end

return M
