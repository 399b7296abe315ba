-- Chunk assembly for the REPL: compiling an input the way lua.c does, and
-- the persistent locals that let `local x = 1` at one prompt be seen as `x`
-- at the next.
--
-- How the REPL uses it, per input:
--   local src, names = M.rewrite(input)   -- top-level `local`s become assignments
--   local fn, err, incomplete = M.compile(src, env)
--   if fn then declare(names); run fn as a task end
-- with `env, declare = M.new_env(_G)` made once per session. `declare` must
-- run before the chunk does, so its assignments land in the REPL's locals.
local tokenize = require("luasync.lexer").tokenize

local M = {}

local find, sub, byte, gsub = string.find, string.sub, string.byte, string.gsub
local sort, concat = table.sort, table.concat
local load, ipairs, pairs, setmetatable, rawget, rawset, next = load, ipairs, pairs, setmetatable, rawget, rawset, next

---------------------------------------------------------------------------
-- compile

-- lua.c's recipe: `return <input>` first, so expressions print their
-- values; else the input as statements. The prefix shares the first line,
-- so error lines are the user's lines. As in lua.c, an input is incomplete
-- when the statements' syntax error ends in "<eof>" (an unfinished block,
-- string, long string or comment): the REPL reads another line.
--
-- The expression is passed through a function (`return values(<input>)`)
-- rather than returned directly: `return f()` would be a tail call, which
-- drops the input's own frame from tracebacks and the name `f` from the
-- coroutine object f() makes. A newline before `)` ends a trailing
-- comment; it is there only when the input may hold one ("--"), as Lua
-- gives an error in the last operand the line of that `)` (None.x, typed
-- alone, would fail at line 2 of a one-line input).
local function values(...) return ... end

function M.compile(source, env, chunkname)
  chunkname = chunkname or "=stdin"
  local function try(text)
    if env == nil then return load(text, chunkname, "t") end
    return load(text, chunkname, "t", env)
  end
  local close = string.find(source, "--", 1, true) and "\n)" or ")"
  local fn = try("local __luasync_values = ...; return __luasync_values(" .. source .. close)
  if fn then return function() return values(fn(values)) end end
  local err
  fn, err = try(source)
  if fn then return fn end
  return nil, err, sub(err, -5) == "<eof>"
end

---------------------------------------------------------------------------
-- rewrite

-- Block openers and closers, for the nesting depth (`while`/`for` open with
-- their `do`; `then`/`else`/`elseif` stay inside the `if`).
local OPENS = { ["function"] = true, ["do"] = true, ["if"] = true, ["repeat"] = true }
local CLOSES = { ["end"] = true, ["until"] = true }
local BRACKETS = { ["("] = 1, ["["] = 1, ["{"] = 1, [")"] = -1, ["]"] = -1, ["}"] = -1 }

-- Tokens after which a `local` begins a statement in a valid program. A
-- `local` anywhere else (`t.local x`, `x = local y`, `local local x`) is a
-- syntax error that must stay one, so it is left alone.
local ENDS_STATEMENT = { name = true, string = true, number = true, [";"] = true,
  [")"] = true, ["]"] = true, ["}"] = true, ["..."] = true }
local ENDS_STATEMENT_KW = { ["end"] = true, ["true"] = true, ["false"] = true,
  ["nil"] = true, ["break"] = true }

-- Tokens that may follow `local a, b` without `=`: those that begin a
-- statement or end the input. Before any other (`local x + 1`) an inserted
-- `= nil` could turn a syntax error into valid code (`x = nil + 1`).
local STARTS_STATEMENT_KW = { ["break"] = true, ["do"] = true, ["for"] = true,
  ["function"] = true, ["goto"] = true, ["if"] = true, ["local"] = true,
  ["repeat"] = true, ["return"] = true, ["while"] = true, ["end"] = true,
  ["else"] = true, ["elseif"] = true, ["until"] = true }

local function text(src, tok) return sub(src, tok[2], tok[3]) end

local function is_kw(src, tok, w) return tok[1] == "keyword" and text(src, tok) == w end

-- A name a REPL local can take: `_ENV` stays a true local (it rebinds the
-- names of the rest of that input only).
local function is_local_name(src, tok)
  return tok[1] == "name" and text(src, tok) ~= "_ENV"
end

-- Whether tokens[p] (p = 0: the start) may end a statement. `local_ends`
-- marks the ends of name lists (`local x <close>`).
local function ends_statement(src, tokens, p, local_ends)
  if p == 0 or local_ends[p] then return true end
  local k = tokens[p][1]
  if k == "keyword" then return ENDS_STATEMENT_KW[text(src, tokens[p])] == true end
  if k == "::" then -- the closing one of `::label::`
    return p >= 3 and tokens[p - 1][1] == "name" and tokens[p - 2][1] == "::"
  end
  return ENDS_STATEMENT[k] == true
end

local function statement_may_follow(src, tok)
  local k = tok[1]
  if k == "eof" or k == "name" or k == ";" or k == "::" or k == "(" then return true end
  return k == "keyword" and STARTS_STATEMENT_KW[text(src, tok)] == true
end

-- The index of the `end` that closes the block opened before tokens[k], or
-- nil when the input ends first.
local function block_end(src, tokens, k)
  local depth = 1
  while tokens[k][1] ~= "eof" do
    if tokens[k][1] == "keyword" then
      local w = text(src, tokens[k])
      if OPENS[w] then
        depth = depth + 1
      elseif CLOSES[w] then
        depth = depth - 1
        if depth == 0 then return k end
      end
    end
    k = k + 1
  end
end

-- The edits for the `local` statement at tokens[i] and the index of its
-- last token before any `= ...`; false and that index for a real local to
-- leave as it is; nil for a malformed statement. An edit is { first, last, replacement } over source positions; "blank"
-- as replacement removes everything but newlines, so lines never move.
-- Appends the names it declares to `names`. `kept` holds the names of the
-- real locals left at the top level of this input (`<close>`, `_ENV`): a
-- later `local` of the same name stays real too, as an assignment would
-- reach that local instead of the REPL's.
local function local_statement(src, tokens, i, names, kept)
  local edits = {}
  -- The first name takes the place of `local`, so a statement that fails
  -- to parse fails on the same line: `local a, b = 1` reads `a, b = 1`.
  local function replace_local(first_name, replacement)
    edits[#edits + 1] = { tokens[i][2], tokens[i][3], replacement }
    edits[#edits + 1] = { tokens[i][3] + 1, first_name[3], "blank" }
  end
  local t = tokens[i + 1]
  if is_kw(src, t, "function") then
    local name, paren = tokens[i + 2], tokens[i + 3]
    if not (is_local_name(src, name) and paren and paren[1] == "(") then return nil end
    local n = text(src, name)
    if kept[n] then return nil end
    -- As an expression, the function could go on (`end .. x`, `end, 2`).
    local e = block_end(src, tokens, i + 4)
    if e and not statement_may_follow(src, tokens[e + 1]) then return nil end
    replace_local(name, n .. " = function")
    names[#names + 1] = n
    return edits, i + 2
  end
  -- local NAME [<attrib>] {, NAME [<attrib>]} [= ...]
  local declared, keep = {}, false
  local j = i + 1
  while true do
    local name = tokens[j]
    if name[1] ~= "name" then return nil end
    local n = text(src, name)
    declared[#declared + 1] = n
    if not is_local_name(src, name) or kept[n] then keep = true end
    j = j + 1
    if tokens[j][1] == "<" then
      local attrib, close = tokens[j + 1], tokens[j + 2]
      if not (attrib[1] == "name" and close and close[1] == ">") then return nil end
      local a = text(src, attrib)
      if a == "close" then
        keep = true -- a real local, closed when the input ends
      elseif a == "const" then
        edits[#edits + 1] = { name[3] + 1, close[3], "blank" }
      else
        return nil -- Lua's "unknown attribute" error
      end
      j = j + 3
    end
    if tokens[j][1] ~= "," then break end
    j = j + 1
  end
  if keep then
    for _, n in ipairs(declared) do kept[n] = true end
    return false, j - 1
  end
  local after = tokens[j]
  if after[1] ~= "=" then
    if not statement_may_follow(src, after) then return nil end
    edits[#edits + 1] = { tokens[j - 1][3] + 1, tokens[j - 1][3], " = nil" }
  end
  replace_local(tokens[i + 1], declared[1])
  sort(edits, function(x, y) return x[1] < y[1] end)
  for _, n in ipairs(declared) do names[#names + 1] = n end
  return edits, j - 1
end

-- Keeps only the newlines of s.
local function blank(s) return (gsub(s, "[^\r\n]+", "")) end

local function is_word_byte(c)
  return c and (c == 95 or (c >= 48 and c <= 57) or (c >= 65 and c <= 90) or (c >= 97 and c <= 122))
end

-- Turns the `local` statements at the top level of `source` (outside any
-- function body, block, parentheses or braces) into assignments to be run
-- in a REPL environment:
--   local a, b = 1, 2        ->  a, b = 1, 2
--   local a                  ->  a = nil
--   local function f(x)      ->  f = function(x)
--   local k <const> = 1      ->  k = 1
--   local x <close> = ...    ->  unchanged: it closes when the input ends
-- Newlines are never added or removed, so error lines and tracebacks match
-- the user's lines. Returns the new source and the declared names, in
-- order, each once, and the names of the real locals it leaves at the top
-- level (`<close>`: they end with the input). Code that is not valid Lua
-- stays invalid.
function M.rewrite(source)
  local tokens = tokenize(source)
  local names, edits, kept, local_ends = {}, {}, {}, {}
  local depth, brackets = 0, 0
  local prev = 0 -- index of the previous token
  local i = 1
  while tokens[i][1] ~= "eof" do
    local tok = tokens[i]
    local kind = tok[1]
    local next_i = i + 1
    if kind == "keyword" then
      local w = text(source, tok)
      if OPENS[w] then
        depth = depth + 1
      elseif CLOSES[w] then
        depth = depth - 1
      elseif w == "local" and depth == 0 and brackets == 0 and ends_statement(source, tokens, prev, local_ends) then
        local stmt_edits, last = local_statement(source, tokens, i, names, kept)
        if last then local_ends[last] = true end
        if stmt_edits then
          for _, e in ipairs(stmt_edits) do edits[#edits + 1] = e end
          -- A rewritten `local function f(` continues with the body: resume
          -- at its `(`, the `function` counted as an opener.
          if is_kw(source, tokens[i + 1], "function") then depth = depth + 1 end
          next_i = last + 1
        end
      end
    elseif BRACKETS[kind] then
      brackets = brackets + BRACKETS[kind]
    end
    prev = next_i - 1
    i = next_i
  end
  local real = {}
  for n in pairs(kept) do real[#real + 1] = n end
  sort(real)
  if #edits == 0 then return source, names, real end
  local out, pos = {}, 1
  for _, e in ipairs(edits) do
    local first, last, repl = e[1], e[2], e[3]
    out[#out + 1] = sub(source, pos, first - 1)
    if repl == "blank" then
      repl = blank(sub(source, first, last))
      -- Never glue two words together (`local x<const>y = 1`).
      if repl == "" and is_word_byte(byte(source, first - 1)) and is_word_byte(byte(source, last + 1)) then
        repl = " "
      end
    elseif repl == " = nil" and is_word_byte(byte(source, last + 1)) then
      repl = " = nil "
    end
    out[#out + 1] = repl
    pos = last + 1
  end
  out[#out + 1] = sub(source, pos)
  local seen, unique = {}, {}
  for _, n in ipairs(names) do
    if not seen[n] then seen[n] = true; unique[#unique + 1] = n end
  end
  return concat(out), unique, real
end

---------------------------------------------------------------------------
-- The REPL environment

-- An environment for REPL chunks. Invariant: `env` itself holds no keys, so
-- every read and write goes through the metamethods below.
--  - A name is a REPL local once declared. Reads of a local that has been
--    assigned (to any value, nil included) see that value; a declared name
--    not assigned yet still reads the global, as the right-hand side of
--    `local print = print` expects.
--  - Writes to a declared name go to the locals; all others to `globals`.
-- `declare(names)` declares a list of names; declaring again keeps the slot
-- and its value (`local x = x + 1` reads the previous x). `is_declared(name)`
-- says whether a name is a REPL local.
function M.new_env(globals)
  globals = globals or _G
  local values, assigned, declared = {}, {}, {}
  local env = setmetatable({}, {
    __index = function(_, k)
      if assigned[k] then return values[k] end
      return globals[k]
    end,
    __newindex = function(_, k, v)
      if declared[k] then
        values[k] = v
        assigned[k] = true
      else
        globals[k] = v
      end
    end,
    -- Locals first, then the globals they do not shadow (for completion).
    __pairs = function()
      local phase, key = 1, nil
      return function()
        if phase == 1 then
          repeat
            key = next(assigned, key)
          until key == nil or values[key] ~= nil
          if key ~= nil then return key, values[key] end
          phase = 2
        end
        repeat
          key = next(globals, key)
        until key == nil or not assigned[key]
        if key ~= nil then return key, globals[key] end
      end
    end,
  })
  local function declare(names)
    for _, n in ipairs(names) do declared[n] = true end
  end
  local function is_declared(name) return declared[name] == true end
  return env, declare, is_declared
end

return M
