-- The lexer of the REPL's chunk rewriting (chunk.lua): Lua 5.4's tokens
-- with their positions in the source.
--
-- A token is { kind, first, last } with kind "name", "keyword", "string",
-- "number", "eof" or the operator text itself ("(", "..", "::", ...).
-- Comments and whitespace are skipped. Malformed input (an unfinished
-- string, a malformed number) still yields tokens: Lua will reject it, and
-- the rewriter only needs to stay consistent with how Lua splits the text.
-- A source cut at a line's end (a paste read line by line) may end inside a
-- long string or comment, or a short string that a `\` carries on:
-- tokenize says so with the opener the next line goes on from.
local find, sub, byte, rep, gmatch = string.find, string.sub, string.byte, string.rep, string.gmatch

local M = {}

local KEYWORDS = {}
for w in gmatch([[and break do else elseif end false for function goto if in
  local nil not or repeat return then true until while]], "%S+") do
  KEYWORDS[w] = true
end

local OPS3 = { ["..."] = true }
local OPS2 = { [".."] = true, ["=="] = true, ["~="] = true, ["<="] = true, [">="] = true,
               ["<<"] = true, [">>"] = true, ["//"] = true, ["::"] = true }

-- End of the long bracket `[==[ ... ]==]` opening at i (level = number of
-- '='), or the end of the source and true when it is unfinished.
local function long_bracket_end(src, i, level)
  local _, e = find(src, "]" .. rep("=", level) .. "]", i, true)
  if e then return e, false end
  return #src, true
end

-- The level of a long bracket opening at i (`[` `=`* `[`), or nil.
local function long_bracket_level(src, i)
  local s, e = find(src, "^%[=*%[", i)
  if s then return e - s - 1 end
end

-- End of the short string whose quote is at i. Stops before an unescaped
-- newline (Lua's "unfinished string") or at the end of the source; true
-- after it when the source ends where the string goes on on the next line
-- (after a `\`, an escaped newline or `\z`).
local function short_string_end(src, i)
  local quote = byte(src, i)
  local n = #src
  local goes_on = false
  i = i + 1
  while i <= n do
    local c = byte(src, i)
    if c == quote then return i, false end
    if c == 10 or c == 13 then return i - 1, false end
    goes_on = false
    if c == 92 then -- backslash
      local d = byte(src, i + 1)
      if d == nil then
        goes_on = true
        i = i + 1
      elseif d == 10 or d == 13 then -- escaped newline, "\r\n" and "\n\r" count once
        local d2 = byte(src, i + 2)
        if (d2 == 10 or d2 == 13) and d2 ~= d then i = i + 1 end
        i = i + 2
        goes_on = true
      elseif d == 122 then -- \z skips the whitespace that follows, newlines too
        local _, e = find(src, "^%s*", i + 2)
        i = e + 1
        goes_on = true
      else
        i = i + 2
      end
    else
      i = i + 1
    end
  end
  return n, goes_on
end

-- End of the numeral starting at i, with llex.c's read_numeral rule.
local function number_end(src, i)
  local expo = "[Ee]"
  if find(src, "^0[xX]", i) then expo = "[Pp]"; i = i + 2 else i = i + 1 end
  while true do
    local c = sub(src, i, i)
    if find(c, expo) then
      i = i + 1
      local s = sub(src, i, i)
      if s == "+" or s == "-" then i = i + 1 end
    elseif find(c, "^[%x%.]") then
      i = i + 1
    else
      break
    end
  end
  if find(src, "^[%a_]", i) then i = i + 1 end -- a numeral touching a letter: malformed
  return i - 1
end

-- [-0, +0] The tokens of src, and the opener (`--[==[`, `[[`, `"`) of the
-- comment or string src ends inside of, if it goes on on the next line:
-- that line, with the opener before it, is lexed as Lua would go on.
local function tokenize(src)
  local tokens = {}
  local unfinished = nil
  local i, n = 1, #src
  while true do
    local _, ws = find(src, "^%s*", i)
    i = ws + 1
    if i > n then break end
    local c = sub(src, i, i)
    local kind, last
    if c == "-" and sub(src, i + 1, i + 1) == "-" then
      local level = long_bracket_level(src, i + 2)
      if level then
        local e, open = long_bracket_end(src, i + 2, level)
        if open then unfinished = "--[" .. rep("=", level) .. "[" end
        i = e + 1
      else
        local e = find(src, "[\r\n]", i + 2)
        i = e or n + 1
      end
    else
      if find(c, "^[%a_]") then
        local _, e = find(src, "^[%w_]*", i + 1)
        last = e
        kind = KEYWORDS[sub(src, i, e)] and "keyword" or "name"
      elseif find(c, "^%d") or (c == "." and find(src, "^%d", i + 1)) then
        kind, last = "number", number_end(src, i)
      elseif c == '"' or c == "'" then
        local open
        kind, last, open = "string", short_string_end(src, i)
        if open then unfinished = c end
      elseif c == "[" and long_bracket_level(src, i) then
        local level = long_bracket_level(src, i)
        local open
        kind, last, open = "string", long_bracket_end(src, i, level)
        if open then unfinished = "[" .. rep("=", level) .. "[" end
      elseif OPS3[sub(src, i, i + 2)] then
        kind, last = sub(src, i, i + 2), i + 2
      elseif OPS2[sub(src, i, i + 1)] then
        kind, last = sub(src, i, i + 1), i + 1
      else
        kind, last = c, i
      end
      tokens[#tokens + 1] = { kind, i, last }
      i = last + 1
    end
  end
  tokens[#tokens + 1] = { "eof", n + 1, n }
  return tokens, unfinished
end

M.tokenize = tokenize
return M
