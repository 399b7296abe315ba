-- The rest of a block dropped in a paste (repl.lua): a line Lua refused
-- inside a block still open (`x = [1, 2]` in a `for ... do`) drops the
-- block, and the lines of the paste that belong to it must go with it, or
-- they would run one by one at the top level and its `end` be refused
-- (Python refuses such a block whole). Which lines belong to it is read
-- from its structure, as Lua's parser reads it, indented or not: the blocks
-- that do, then, function and repeat open and end and until close, and the
-- brackets ( { [ and their closers, outside strings, comments and long
-- brackets (the REPL's lexer). A Python header (`for x in xs:`, `if x:`)
-- opens nothing: Python ends its block without a word.
local tokenize = require("luasync.lexer").tokenize
local sub, find, match = string.sub, string.find, string.match

local M = {}

local OPENS <const> = { ["do"] = true, ["function"] = true, ["repeat"] = true, ["("] = true, ["{"] = true, ["["] = true }
local CLOSES <const> = { ["end"] = true, ["until"] = true, [")"] = true, ["}"] = true, ["]"] = true }

-- A count of what a text leaves open, carried from line to line:
-- depth, the blocks and brackets open (the block's own first among them);
-- continued, the opener of the string or comment the last line ended
-- inside of (the next line goes on from it); in_elseif, an elseif (or
-- Python's elif) waits for its then, which opens no block of its own.
local function count(state, text)
  if state.continued then text = state.continued .. text end
  local tokens, unfinished = tokenize(text)
  state.continued = unfinished
  for _, tok in ipairs(tokens) do
    local kind = tok[1]
    local word = (kind == "keyword" or kind == "name") and sub(text, tok[2], tok[3]) or kind
    if word == "then" then
      if not state.in_elseif then state.depth = state.depth + 1 end
      state.in_elseif = false
    elseif word == "elseif" or word == "elif" then
      state.in_elseif = true
    elseif word == "if" then
      state.in_elseif = false
    elseif OPENS[word] then
      state.depth = state.depth + 1
    elseif CLOSES[word] then
      state.depth = state.depth - 1
    end
  end
end

local function indentation(line)
  return #match(line, "^[ \t]*")
end

-- [-0, +0] The state of the skip after the line that dropped the block,
-- `source` being the block up to that line; nil when that line left
-- nothing of the block open (nothing of the paste belongs to it).
function M.start(source)
  local state = { depth = 0, continued = nil, in_elseif = false, indent = indentation(source) }
  count(state, source)
  if state.depth <= 0 and not state.continued then return nil end
  return state
end

-- [-0, +0] What the paste's next line is to the dropped block: "inside", or
-- "closes" for the line that ends it (after which lines run again). An end
-- that closes the count while indented deeper than the block's first line
-- closed something the count did not see open (a Python header given an
-- end: `for x in xs:` ... `end`): the block goes on to its own end.
function M.line(state, line)
  count(state, line)
  if state.depth > 0 or state.continued then return "inside" end
  if indentation(line) > state.indent and find(line, "%S") then
    state.depth = 1
    return "inside"
  end
  return "closes"
end

return M
