-- The rest of a block dropped in a paste (repl.lua): a line Lua refused
-- inside a block still open (`x = [1, 2]` in a `for ... do`) drops the
-- block, and the lines of the paste that belong to it must go with it, or
-- they would run one by one at the top level and its `end` be refused
-- (Python refuses such a block whole). Which lines belong to it is read
-- from its structure, as Lua's parser reads it: the blocks that do, then,
-- function and repeat open and end and until close, and the brackets
-- ( { [ and their closers, outside strings, comments and long brackets
-- (the REPL's lexer), and outside Python's comments (`print(i)  # do it`).
-- A Python header (`for x in xs:`, `if x:`) opens nothing: Python ends its
-- block without a word.
--
-- When the paste is indented (the block's body deeper than its first line,
-- or than its end when the first line was pasted without its indentation),
-- the indentation bounds what the count says, so that a count misled by
-- what it cannot read (an end given to a Python header, Python text it
-- takes for Lua) never swallows the lines after the block: the block ends
-- at its first line indented less than its body, and the body's lines
-- never end it. Indentation is counted as Python counts it (a tab to the
-- next multiple of 8), and only where a statement may begin: a line that
-- goes on with a bracket the count saw open (`string.format("%s",` then
-- `  i)`), or with a long string or comment, is the count's, whatever its
-- indentation (Python ignores it there too). A paste without indentation has only the count; a block
-- it never sees closed is skipped to the end of the paste (repl.lua names
-- the lines).
local tokenize = require("luasync.lexer").tokenize
local sub, find, match, gmatch = string.sub, string.find, string.match, string.gmatch

local M = {}

local OPENS <const> = { ["do"] = true, ["function"] = true, ["repeat"] = true, ["("] = true, ["{"] = true, ["["] = true }
local CLOSES <const> = { ["end"] = true, ["until"] = true, [")"] = true, ["}"] = true, ["]"] = true }
local BRACKETS <const> = { ["("] = true, ["{"] = true, ["["] = true }
-- The words that go on with a block at its own first line's level: a line
-- that begins with one belongs to the block that line opened (Python's
-- are there for `else:` given to a Lua if).
local CONTINUES <const> = { ["else"] = true, ["elseif"] = true, ["elif"] = true, ["except"] = true, ["finally"] = true }

-- The tokens after which an operand may come: there `#t` is Lua's length
-- operator. Anywhere else (after a value, at a statement's start), or
-- apart from what follows it (`1,  # one`), a `#` begins Python's comment.
local OPERAND_NEXT <const> = {}
for op in gmatch("= ( { [ , .. + - * / // % ^ == ~= < > <= >= & | ~ << >> # " ..
  "return if elseif while until and or not in", "%S+") do
  OPERAND_NEXT[op] = true
end

local function python_comment(prev, text, at)
  return not (OPERAND_NEXT[prev] and find(text, "^%S", at + 1))
end

-- A count of what a text leaves open, carried from line to line:
-- depth, the blocks and brackets open (the block's own first among them);
-- continued, the opener of the string or comment the last line ended
-- inside of (the next line goes on from it); in_elseif, an elseif (or
-- Python's elif) waits for its then, which opens no block of its own;
-- prev, the last token counted (whether a `#` may be a length operator);
-- inner, what each of the open blocks and brackets is, the innermost last
-- (true for a bracket): a line read inside a bracket goes on with an
-- expression, inside a block (a function's in `async(function()`) it is a
-- statement. depth may be set apart from inner where the count is misled
-- (M.line); inner then holds what the count saw.
-- Counts one line; returns the first word or symbol of its code (nil for
-- a blank line or a comment's).
local function open(state, bracket)
  state.depth = state.depth + 1
  state.inner[#state.inner + 1] = bracket
end

local function count_line(state, line)
  local text = state.continued and (state.continued .. line) or line
  local tokens, unfinished = tokenize(text)
  local first = nil
  for i, tok in ipairs(tokens) do
    local kind = tok[1]
    if kind == "eof" then break end
    if kind == "#" and python_comment(state.prev, text, tok[3]) then
      unfinished = nil  -- (what follows is the comment's: a `[[` in it opens nothing)
      break
    end
    local word = (kind == "keyword" or kind == "name") and sub(text, tok[2], tok[3]) or kind
    -- Python's keyword argument print(i, end=" ") closes nothing.
    if word == "end" and tokens[i + 1][1] == "=" then word = "name" end
    first = first or word
    if word == "then" then
      if not state.in_elseif then open(state, false) end
      state.in_elseif = false
    elseif word == "elseif" or word == "elif" then
      state.in_elseif = true
    elseif word == "if" then
      state.in_elseif = false
    elseif OPENS[word] then
      open(state, BRACKETS[word] == true)
    elseif CLOSES[word] then
      state.depth = state.depth - 1
      state.inner[#state.inner] = nil
    end
    state.prev = word
  end
  state.continued = unfinished
  return first
end

-- In columns, as Python's tokenizer counts them: a tab goes to the next
-- multiple of 8 (a body indented with tabs under a line indented with
-- four spaces is deeper than that line, not shallower).
local function indentation(line)
  local column = 0
  for c in gmatch(match(line, "^[ \t]*"), ".") do
    column = c == "\t" and (column // 8 + 1) * 8 or column + 1
  end
  return column
end

local function is_open(state)
  return state.depth > 0 or state.continued ~= nil
end

-- Whether the next line goes on with what the count saw open inside a
-- line: a string or comment, or a bracket (rather than a block) innermost.
local function goes_on(state)
  return state.continued ~= nil or state.inner[#state.inner] == true
end

-- [-0, +0] The state of the skip after the line that dropped the block,
-- `source` being the block up to that line; nil when that line left
-- nothing of the block open (nothing of the paste belongs to it).
-- body, the least indentation of the block's statements after its first
-- line (an else, an end or a closing bracket at the first line's level
-- is none); indented, whether the body is deeper than the first line.
function M.start(source)
  local state = { depth = 0, continued = nil, in_elseif = false, prev = nil, body = nil, inner = {} }
  local n, opener = 0, 0
  for line in gmatch(source .. "\n", "(.-)\n") do
    n = n + 1
    local going_on = goes_on(state)
    local first = count_line(state, line)
    if n == 1 then
      opener = indentation(line)
    elseif first and not going_on and not CONTINUES[first] and not CLOSES[first] then
      state.body = math.min(state.body or math.huge, indentation(line))
    end
  end
  if not is_open(state) then return nil end
  state.indented = state.body ~= nil and state.body > opener
  return state
end

-- [-0, +0] What the paste's next line is to the dropped block: "inside";
-- "closes" for the line that ends it (after which lines run again); or
-- "outside", a line after its end that the count missed (the line runs).
-- In an indented paste a line indented less than the body ends the block:
-- it is its end (end, until, a closing bracket), goes on with it (else,
-- elseif), or comes after it. A body's line that closes the count closed
-- what the count did not see open (a Python header given an end: `for x in
-- xs:` ... `end`): the block goes on to its own end. A line that goes on
-- with a bracket, string or comment (goes_on) is the count's.
function M.line(state, line)
  local going_on = goes_on(state)
  local first = count_line(state, line)
  if not state.indented or going_on or not first then
    return is_open(state) and "inside" or "closes"
  end
  if indentation(line) < state.body then
    if CONTINUES[first] then
      state.depth = math.max(state.depth, 1)
      return "inside"
    end
    return CLOSES[first] and "closes" or "outside"
  end
  if not is_open(state) then state.depth = 1 end
  return "inside"
end

return M
