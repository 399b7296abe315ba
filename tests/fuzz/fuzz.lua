-- luasync's own fuzzer (issue 12). It runs under luasync itself:
--
--   luasync tests/fuzz/fuzz.lua --seconds N [--seed S] [--case K]
--                               [--binary PATH] [--keep DIR] [--timeout T] [--verbose]
--
-- Each case mutates a valid program of tests/fuzz/corpus/ (kind "script") or
-- a handful of lines of tests/fuzz/repl_lines.txt (kind "repl"), runs the
-- binary on it under the virtual clock and `timeout`, and judges how it
-- ended. A crash, a sanitizer report or an internal error is a failure; a
-- timeout is one only when the input must end (see `must_end` below). Every
-- case seeds math.random with (seed, case number) and nothing else, so
-- `--seed S --case K` rebuilds case K byte for byte. docs/fuzzing.md is the
-- user's guide.
--
-- Only standard Lua is used (io.popen, os.execute, io.open, string ops), no
-- asyncio: the driver should not depend on the runtime it is testing.

local USAGE = [[
usage: luasync tests/fuzz/fuzz.lua [options]
  --seconds N    run cases for N seconds (default 60)
  --seed S       the seed (default: a fresh one; always printed)
  --case K       run only case K of the seed, print its input and stderr
  --binary PATH  the luasync binary to test (default: the one running this)
  --keep DIR     where failing cases are saved (default: a new /tmp directory)
  --timeout T    seconds an input that must end may run (default 10)
  --verbose      one line per case]]

---------------------------------------------------------------------------
-- Options

local function usage_error(msg)
  io.stderr:write("fuzz: ", msg, "\n", USAGE, "\n")
  os.exit(2)
end

local opts = { seconds = 60, timeout = 10 }
do
  local integer_opts = { ["--seconds"] = "seconds", ["--seed"] = "seed", ["--case"] = "case",
    ["--timeout"] = "timeout" }
  local i = 1
  while i <= #arg do
    local a = arg[i]
    if a == "-h" or a == "--help" then
      print(USAGE)
      os.exit(0)
    elseif a == "--verbose" then
      opts.verbose = true
    elseif integer_opts[a] or a == "--binary" or a == "--keep" then
      local v = arg[i + 1] or usage_error(a .. " needs a value")
      if integer_opts[a] then
        v = math.tointeger(tonumber(v)) or usage_error(a .. " needs an integer, got " .. v)
        opts[integer_opts[a]] = v
      else
        opts[a:sub(3)] = v
      end
      i = i + 1
    else
      usage_error("unknown argument " .. a)
    end
    i = i + 1
  end
end
-- Without --seed, /dev/urandom (or the clock) picks one, so two runs started
-- in the same second differ; it is printed so the run can be replayed.
local function fresh_seed()
  local f = io.open("/dev/urandom", "rb")
  local bytes = f and f:read(4)
  if f then f:close() end
  return bytes and #bytes == 4 and string.unpack("<I4", bytes) % 1000000000 or os.time()
end
local seed = opts.seed or fresh_seed()
local binary = opts.binary or arg[-1]
local here = arg[0]:match("^(.*)/[^/]*$") or "."

local function quote(s) return "'" .. s:gsub("'", [['\'']]) .. "'" end

local function read_file(path)
  local f = assert(io.open(path, "rb"))
  local s = f:read("a")
  f:close()
  return s
end

local function write_file(path, text)
  local f = assert(io.open(path, "wb"))
  f:write(text)
  f:close()
end

-- The lines a shell command prints (mktemp -d, ls...).
local function shell_lines(cmd)
  local p = assert(io.popen(cmd))
  local lines = {}
  for l in p:lines() do lines[#lines + 1] = l end
  p:close()
  return lines
end

---------------------------------------------------------------------------
-- A Lua lexer, forgiving enough for mutated (broken) text: the token kinds
-- are name, keyword, number, string, op, space and comment, and the tokens'
-- texts concatenate back to the input, so a mutation can edit one token.

local KEYWORDS = {}
for w in ([[and break do else elseif end false for function goto if in local nil not or
  repeat return then true until while]]):gmatch("%a+") do KEYWORDS[w] = true end
local TWO_CHAR_OPS = { ["=="] = true, ["~="] = true, ["<="] = true, [">="] = true, ["//"] = true,
  ["::"] = true, ["<<"] = true, [">>"] = true, [".."] = true }

-- Index just past the long bracket ([[, [==[ ...) that opens at i, or nil.
local function long_bracket_end(s, i)
  local eq = s:match("^%[(=*)%[", i)
  if not eq then return nil end
  local _, e = s:find("]" .. eq .. "]", i + #eq + 2, true)
  return (e or #s) + 1
end

local function tokenize(s)
  local toks, i, n = {}, 1, #s
  while i <= n do
    local c = s:sub(i, i)
    local kind, j
    if c:match("%s") then
      kind, j = "space", s:match("^%s+()", i)
    elseif s:sub(i, i + 1) == "--" then
      kind, j = "comment", long_bracket_end(s, i + 2) or s:find("\n", i, true) or n + 1
    elseif c == "[" and s:match("^%[=*%[", i) then
      kind, j = "string", long_bracket_end(s, i)
    elseif c == '"' or c == "'" then
      kind, j = "string", i + 1
      while j <= n do
        local d = s:sub(j, j)
        if d == "\\" then j = j + 2
        elseif d == c then j = j + 1 break
        elseif d == "\n" then break
        else j = j + 1 end
      end
      j = math.min(j, n + 1)
    elseif c:match("%d") or s:match("^%.%d", i) then
      kind = "number"
      j = s:match("^0[xX][%x%.]*[pP][+-]?%d+()", i) or s:match("^0[xX][%x%.]*()", i)
        or s:match("^[%d%.]*[eE][+-]?%d+()", i) or s:match("^[%d%.]+()", i)
    elseif c:match("[%a_]") then
      j = s:match("^[%w_]+()", i)
      kind = KEYWORDS[s:sub(i, j - 1)] and "keyword" or "name"
    else
      kind = "op"
      j = s:match("^%.%.%.()", i) or (TWO_CHAR_OPS[s:sub(i, i + 1)] and i + 2) or i + 1
    end
    toks[#toks + 1] = { kind = kind, text = s:sub(i, j - 1) }
    i = j
  end
  return toks
end

local function untokenize(toks)
  local parts = {}
  for i, t in ipairs(toks) do parts[i] = t.text end
  return table.concat(parts)
end

-- The tokens that matter to the parser: no spaces, no comments.
local function code_tokens(s)
  local out = {}
  for _, t in ipairs(tokenize(s)) do
    if t.kind ~= "space" and t.kind ~= "comment" then out[#out + 1] = t end
  end
  return out
end

---------------------------------------------------------------------------
-- Can this text run forever? A hang only counts as a failure when the input
-- must end, so this errs on the side of "yes": any while/repeat/goto, a for
-- loop whose header holds a big number, or named functions that call each
-- other in a cycle (recursion, also through callbacks: a tail call or a
-- self-rescheduling call_later never ends). Names are compared without
-- scopes, which only adds false "yes" answers.

-- Named functions with their bodies (token ranges), by counting the block
-- openers (function, if, do, repeat) and closers (end, until).
local WRAPPERS = { async = true, async_generator = true, wrap = true, create = true }
local function named_functions(toks)
  local defs, stack = {}, {}
  for i, t in ipairs(toks) do
    if t.kind == "keyword" then
      local w = t.text
      if w == "function" then
        local name, skip = nil, i
        if toks[i + 1] and toks[i + 1].kind == "name" then   -- function a.b:c(...)
          local k = i + 1
          while toks[k + 2] and (toks[k + 1].text == "." or toks[k + 1].text == ":") and
              toks[k + 2].kind == "name" do
            k = k + 2
          end
          name, skip = toks[k].text, k
        else
          -- f = function(...), or f = async(function(...) and the other
          -- wrappers that give back something calling the function. Not
          -- ok, e = pcall(function() ...): that names the results.
          local eq = i - 1
          if toks[eq] and toks[eq].text == "(" and toks[eq - 1] and WRAPPERS[toks[eq - 1].text] then
            eq = toks[eq - 2] and toks[eq - 2].text == "." and eq - 4 or eq - 2
          end
          if toks[eq] and toks[eq].text == "=" and toks[eq - 1] and toks[eq - 1].kind == "name" then
            name = toks[eq - 1].text
          end
        end
        stack[#stack + 1] = { name = name, first = skip + 1 }
      elseif w == "if" or w == "do" or w == "repeat" then
        stack[#stack + 1] = {}
      elseif w == "end" or w == "until" then
        local b = table.remove(stack)
        if b and b.name then defs[#defs + 1] = { name = b.name, first = b.first, last = i } end
      end
    end
  end
  for _, b in ipairs(stack) do   -- unclosed (broken text): the body runs to the end
    if b.name then defs[#defs + 1] = { name = b.name, first = b.first, last = #toks } end
  end
  return defs
end

local function has_call_cycle(toks)
  local defs = named_functions(toks)
  local defined, calls = {}, {}
  for _, d in ipairs(defs) do defined[d.name] = true end
  for _, d in ipairs(defs) do
    calls[d.name] = calls[d.name] or {}
    for k = d.first, d.last do
      local t = toks[k]
      if t.kind == "name" and defined[t.text] then calls[d.name][t.text] = true end
    end
  end
  local state = {}   -- nil: not seen, 1: on the path, 2: done
  local function visit(name)
    if state[name] == 1 then return true end
    if state[name] == 2 then return false end
    state[name] = 1
    for _, d in ipairs(defs) do   -- defs, not pairs(): the order stays fixed
      if calls[name][d.name] and visit(d.name) then return true end
    end
    state[name] = 2
    return false
  end
  for _, d in ipairs(defs) do
    if visit(d.name) then return true end
  end
  return false
end

local BIG = 1000
local function may_loop(text)
  local toks = code_tokens(text)
  for i, t in ipairs(toks) do
    if t.kind == "keyword" and (t.text == "while" or t.text == "repeat" or t.text == "goto") then
      return true
    end
    if t.kind == "keyword" and t.text == "for" then
      for k = i + 1, #toks do
        local h = toks[k]
        if h.text == "do" then break end
        if h.kind == "number" and math.abs(tonumber(h.text) or math.huge) > BIG then return true end
        if h.text == "huge" or h.text == "maxinteger" or h.text == "mininteger" then return true end
      end
    end
  end
  return has_call_cycle(toks)
end

---------------------------------------------------------------------------
-- The corpus

-- Texts that mark a failure when the binary writes them on stderr. No input
-- may contain them, or a program printing its own source would fail.
local MARKERS = { "AddressSanitizer", "UndefinedBehaviorSanitizer", "runtime error:",
  "LeakSanitizer", "internal error", "Assertion" }

local function check_no_marker(name, text)
  for _, m in ipairs(MARKERS) do
    if text:find(m, 1, true) then error(("%s contains %q, a failure marker"):format(name, m)) end
  end
end

local function split_lines(text)
  local lines = {}
  for l in (text:sub(-1) == "\n" and text or text .. "\n"):gmatch("(.-)\n") do lines[#lines + 1] = l end
  return lines
end

-- Programs in file name order (ls | sort is stable; a directory listing is not).
local corpus = {}
local names = shell_lines("ls " .. quote(here .. "/corpus") .. " | LC_ALL=C sort")
for _, file in ipairs(names) do
  if file:match("%.lua$") then
    local text = read_file(here .. "/corpus/" .. file)
    check_no_marker("corpus/" .. file, text)
    -- "-- fuzz: terminates" says the program ends under any mutation that
    -- adds no loop. It must then pass may_loop, or the marker is wrong.
    local terminates = text:match("^[^\n]*%-%- fuzz: terminates") ~= nil
    if terminates and may_loop(text) then
      error("corpus/" .. file .. " is marked 'fuzz: terminates' but may loop (while, repeat, goto, " ..
        "a big for loop or recursion)")
    end
    corpus[#corpus + 1] = { name = file, text = text, lines = split_lines(text), terminates = terminates }
  end
end
assert(#corpus > 0, "no corpus in " .. here .. "/corpus")
local repl_lines = split_lines(read_file(here .. "/repl_lines.txt"))
check_no_marker("repl_lines.txt", table.concat(repl_lines, "\n"))

-- Token pools for replacements, in first-seen order so that a seed always
-- draws the same token (a set iterated with pairs would not).
local pool = { all = {} }
do
  local seen = {}
  local function add(t)
    if t.kind == "space" or t.kind == "comment" or seen[t.text] then return end
    seen[t.text] = true
    pool[t.kind] = pool[t.kind] or {}
    table.insert(pool[t.kind], t)
    table.insert(pool.all, t)
  end
  for _, p in ipairs(corpus) do
    for _, t in ipairs(tokenize(p.text)) do add(t) end
  end
  for _, l in ipairs(repl_lines) do
    for _, t in ipairs(tokenize(l)) do add(t) end
  end
  -- Mutants are made of these tokens: none of them may reach the file
  -- system or run a command (os.remove with a random name, io.popen...).
  for _, name in ipairs({ "os", "open", "popen", "execute", "load", "loadfile", "dofile", "require" }) do
    if seen[name] then error(("the corpus or the REPL lines use %q: mutants could reach the system"):format(name)) end
  end
end

---------------------------------------------------------------------------
-- Mutations. Each takes the input being built, `prog` ({lines = {...}}),
-- edits prog.lines, and answers a short description for the report. One
-- that may make the input run forever in a way may_loop cannot see on the
-- text (a big number reaching a loop bound through a variable, an edited
-- generic for) sets prog.loops.

-- (math.random(0) would answer any integer, so an empty list is a bug here.)
local function pick(list) return list[math.random(assert(#list > 0 and #list))] end

local function indent_at(prog, at)
  local l = prog.lines[at] or prog.lines[at - 1] or ""
  return l:match("^%s*")
end

local function insert_line(prog, text)
  local at = math.random(#prog.lines + 1)
  table.insert(prog.lines, at, indent_at(prog, at) .. text)
  return at
end

local function code_positions(toks, pred)
  local out = {}
  for k, t in ipairs(toks) do
    if t.kind ~= "space" and t.kind ~= "comment" and (not pred or pred(t)) then out[#out + 1] = k end
  end
  return out
end

-- A line that is a whole statement: it opens and closes no block and its
-- brackets balance. Line mutations mostly pick those, because cutting a
-- block in two ends in a syntax error, and a case that does not compile
-- tests little but the parser.
local BLOCK_WORDS = { ["function"] = true, ["end"] = true, ["do"] = true, ["then"] = true, ["else"] = true,
  ["elseif"] = true, ["until"] = true, ["repeat"] = true, ["return"] = true, ["break"] = true }
local function is_statement(line)
  local depth, code = 0, false
  for _, t in ipairs(code_tokens(line)) do
    code = true
    if t.kind == "keyword" and BLOCK_WORDS[t.text] then return false end
    if t.kind == "string" and t.text:match("^%[") and not t.text:match("%]=*%]$") then return false end
    if t.text == "(" or t.text == "{" or t.text == "[" then depth = depth + 1 end
    if t.text == ")" or t.text == "}" or t.text == "]" then depth = depth - 1 end
    if depth < 0 then return false end
  end
  return code and depth == 0
end

-- A random line index, a whole statement with probability `p` when there is one.
local function pick_line(lines, p)
  if #lines == 0 then return nil end
  if math.random() < p then
    local statements = {}
    for i, l in ipairs(lines) do
      if is_statement(l) then statements[#statements + 1] = i end
    end
    if #statements > 0 then return pick(statements) end
  end
  return math.random(#lines)
end

-- A random line that has code (not only a comment) and contains `want`,
-- with its tokens; nil if there is none.
local function pick_code_line(prog, want)
  local candidates = {}
  for i, l in ipairs(prog.lines) do
    if l:find(want or "%S") and #code_positions(tokenize(l)) > 0 then candidates[#candidates + 1] = i end
  end
  if #candidates == 0 then return nil end
  local i = pick(candidates)
  return i, tokenize(prog.lines[i])
end

-- Statements worth inserting anywhere: each makes a task yield, fail, give
-- up, or collect at a place the author did not expect.
local STATEMENTS = {
  "await(asyncio.sleep(0))",
  "await(asyncio.sleep(1))",
  'error("x")',
  'error(asyncio.ValueError("fuzz"))',
  "error(asyncio.CancelledError())",
  "error(asyncio.KeyboardInterrupt())",
  "error(asyncio.SystemExit(3))",
  "error(setmetatable({}, {__tostring = function() error('no') end}))",
  "coroutine.yield()",
  "coroutine.yield(1, 2)",
  "collectgarbage()",
  'collectgarbage("step")',
  "asyncio.current_task():cancel()",
  'asyncio.current_task():cancel("fuzz")',
  "asyncio.current_task():uncancel()",
  "do return end",
  "local _ <close> = asyncio.timeout(0)",
  "local _ <close> = asyncio.timeout(1)",
  "local _ <close> = asyncio.TaskGroup()",
  "local _ <close> = setmetatable({}, {__close = function() await(asyncio.sleep(0)) end})",
  "await(asyncio.wait_for(asyncio.sleep(2), 1))",
  "asyncio.get_running_loop():call_soon(error, 'callback')",
  "asyncio.get_running_loop():call_later(0.5, collectgarbage)",
  "asyncio.spawn(function() await(asyncio.sleep(0.5)) error('background') end)",
  "for _ = 1, 3 do await(asyncio.sleep(0)) end",
  "time.sleep(1)",
  "print(#asyncio.all_tasks())",
  "asyncio.get_running_loop():set_debug(true)",
  "pcall(await, asyncio.sleep(0))",
}
-- Statements that add a loop: the input may then run forever.
local LOOPING_STATEMENTS = {
  "asyncio.spawn(function() while true do await(asyncio.sleep(0.1)) end end)",
  "asyncio.spawn(function() while true do pcall(await, asyncio.sleep(0)) end end)",
  "while math.random() < 0.9 do await(asyncio.sleep(0)) end",
}

-- Values for argument positions: wrong types, edge numbers, odd objects.
-- The numbers of BIG_VALUES could become the bound of a loop.
local VALUES = {
  "nil", "0", "-1", "1", "0.5", "2", "-0.0", "0/0", '"x"', '""', "{}", "{1, 2, 3}", "{n = 0}",
  "true", "false", "function() end", "print", "error", "asyncio.sleep(0)", "asyncio.Future()",
  "asyncio.current_task()", "asyncio", "coroutine.running()", "('x'):rep(100)",
  "asyncio.CancelledError()", "asyncio.ValueError('v')", "asyncio.Queue()", "asyncio.Lock()",
  "setmetatable({}, {__index = function() error('index') end})",
  "setmetatable({}, {__await = function(self) return self end})",
  "setmetatable({}, {__await = function() return asyncio.sleep(0, 'awaited') end})",
  "setmetatable({}, {__close = function() error('close') end})",
  "setmetatable({}, {__lt = function() error('lt') end})",
}
local BIG_VALUES = { "1e9", "-1e9", "math.huge", "-math.huge", "math.maxinteger", "math.mininteger", "2^53" }

local KEYWORD_LOOPS = { ["while"] = true, ["repeat"] = true, ["until"] = true, ["goto"] = true,
  ["for"] = true, ["in"] = true, ["function"] = true, ["return"] = true }

local MUTATIONS = {
  { weight = 3, name = "delete", fn = function(prog)
    local a = pick_line(prog.lines, 0.7)
    if not a then return nil end
    -- A statement alone, or (rarely) a run of lines that may cut a block.
    local b = is_statement(prog.lines[a]) and a or math.min(#prog.lines, a + math.random(0, 2))
    for _ = a, b do table.remove(prog.lines, a) end
    return ("delete lines %d-%d"):format(a, b)
  end },
  { weight = 2, name = "duplicate", fn = function(prog)
    local a = pick_line(prog.lines, 0.8)
    if not a then return nil end
    table.insert(prog.lines, a, prog.lines[a])
    return ("duplicate line %d"):format(a)
  end },
  { weight = 2, name = "swap", fn = function(prog)
    if #prog.lines < 2 then return nil end
    local a, b = pick_line(prog.lines, 0.8), pick_line(prog.lines, 0.8)
    prog.lines[a], prog.lines[b] = prog.lines[b], prog.lines[a]
    return ("swap lines %d and %d"):format(a, b)
  end },
  { weight = 5, name = "replace token", fn = function(prog)
    local i, toks = pick_code_line(prog)
    if not i then return nil end
    -- Mostly a name, number or string for one of the same kind: keywords
    -- and punctuation swapped at random rarely compile.
    local k = pick(code_positions(toks))
    local values = code_positions(toks, function(t) return t.kind == "name" or t.kind == "number" or t.kind == "string" end)
    if #values > 0 and math.random() < 0.8 then k = pick(values) end
    local old = toks[k]
    local new = (math.random() < 0.85 and pool[old.kind]) and pick(pool[old.kind]) or pick(pool.all)
    toks[k] = new
    prog.lines[i] = untokenize(toks)
    -- Text analysis sees loops and recursion; what it cannot see is a new
    -- number flowing into a loop bound, or an edited generic for.
    if (new.kind == "keyword" and KEYWORD_LOOPS[new.text]) or
        (new.kind == "number" and math.abs(tonumber(new.text) or math.huge) > 100) or
        prog.lines[i]:find("%f[%w_]for%f[^%w_]") then
      prog.loops = true
    end
    return ("line %d: %s -> %s"):format(i, old.text, new.text)
  end },
  { weight = 5, name = "insert statement", fn = function(prog)
    local looping = math.random() < 0.1
    local s = looping and pick(LOOPING_STATEMENTS) or pick(STATEMENTS)
    if looping then prog.loops = true end
    return ("insert at line %d: %s"):format(insert_line(prog, s), s)
  end },
  { weight = 4, name = "argument", fn = function(prog)
    local i, toks = pick_code_line(prog, "%(")
    if not i then return nil end
    local opens = code_positions(toks, function(t) return t.text == "(" end)
    if #opens == 0 then return nil end
    local open = pick(opens)
    -- The first argument: up to the first ',' or the matching ')' at depth 0.
    local depth, stop = 0, #toks + 1
    for k = open + 1, #toks do
      local t = toks[k].text
      if t == "(" or t == "{" or t == "[" then depth = depth + 1
      elseif (t == ")" or t == "}" or t == "]") and depth > 0 then depth = depth - 1
      elseif depth == 0 and (t == "," or t == ")") then stop = k break end
    end
    local big = math.random() < 0.15
    local v = big and pick(BIG_VALUES) or pick(VALUES)
    if big or prog.lines[i]:find("%f[%w_]for%f[^%w_]") then prog.loops = true end
    local value = { kind = "name", text = v }
    if math.random() < 0.3 or stop == open + 1 then   -- add an argument in front
      table.insert(toks, open + 1, value)
      if stop ~= open + 1 then table.insert(toks, open + 2, { kind = "op", text = ", " }) end
    else                                              -- replace the first argument
      for _ = open + 1, stop - 1 do table.remove(toks, open + 1) end
      table.insert(toks, open + 1, value)
    end
    prog.lines[i] = untokenize(toks)
    return ("line %d: argument %s"):format(i, v)
  end },
  { weight = 3, name = "pcall", fn = function(prog)
    -- await(x) -> pcall(await, x), which swallows errors and cancellations,
    -- or a whole one-line statement in pcall(function() ... end).
    local i = pick_code_line(prog, "await%(")
    if i and math.random() < 0.6 then
      local n = 0
      for _ in prog.lines[i]:gmatch("await%(") do n = n + 1 end
      local which, seen = math.random(n), 0
      prog.lines[i] = prog.lines[i]:gsub("await%(", function()
        seen = seen + 1
        if seen == which then return "pcall(await, " end
      end)
      return ("line %d: await( -> pcall(await, "):format(i)
    end
    i = pick_line(prog.lines, 1)
    if not i or not is_statement(prog.lines[i]) then return nil end
    local body = prog.lines[i]
    prog.lines[i] = body:match("^%s*") .. "pcall(function() " .. body:match("^%s*(.-)%s*$") .. " end)"
    return ("line %d: wrapped in pcall(function() ... end)"):format(i)
  end },
  { weight = 2, name = "cancel", fn = function(prog)
    -- t:cancel() on a variable that holds a task, a future or a group.
    local vars = {}
    for _, l in ipairs(prog.lines) do
      local v = l:match("^%s*local%s+([%a_][%w_]*)%s*<?%a*>?%s*=") or l:match("^%s*([%a_][%w_]*)%s*=[^=]")
      if v and (l:find("create_task") or l:find("spawn") or l:find("ensure_future") or
          l:find("gather") or l:find("shield") or l:find("Future") or l:find("TaskGroup")) then
        vars[#vars + 1] = v
      end
    end
    if #vars == 0 then return nil end
    local v = pick(vars)
    local s = pick({ v .. ":cancel()", v .. ':cancel("fuzz")', "pcall(" .. v .. ".cancel, " .. v .. ")",
      "print(" .. v .. ":done(), " .. v .. ":cancelled())" })
    return ("insert at line %d: %s"):format(insert_line(prog, s), s)
  end },
  { weight = 1, name = "unbalance", fn = function(prog)
    local i, toks = pick_code_line(prog)
    if not i then return nil end
    local brackets = code_positions(toks, function(t)
      return t.text:match("^[%(%)%[%]{}]$") or t.text == "end" or t.text == "do" or t.text == "then"
    end)
    if #brackets > 0 and math.random() < 0.5 then
      local k = pick(brackets)
      local old = toks[k].text
      table.remove(toks, k)
      prog.lines[i] = untokenize(toks)
      return ("line %d: removed %s"):format(i, old)
    end
    local new = pick({ "(", ")", "{", "}", "[", "]", " end ", " do ", " then ", "[[", '"', " function() " })
    table.insert(toks, math.random(#toks + 1), { kind = "op", text = new })
    prog.lines[i] = untokenize(toks)
    return ("line %d: inserted %s"):format(i, new)
  end },
  { weight = 1, name = "truncate", fn = function(prog)
    local text = table.concat(prog.lines, "\n")
    if #text == 0 then return nil end
    -- Mostly near the end: a program cut in its first lines tests little.
    local at = #text - math.floor(math.random() ^ 3 * (#text - 1))
    prog.lines = split_lines(text:sub(1, at))
    return ("truncate at byte %d"):format(at)
  end },
  { weight = 2, name = "splice", fn = function(prog)
    -- A few lines of another program (names it shares with this one, such
    -- as work or worker, make new combinations; may_loop checks recursion).
    local donor = pick(corpus)
    local a = pick_line(donor.lines, 0.7)
    local b = is_statement(donor.lines[a]) and a or math.min(#donor.lines, a + math.random(0, 3))
    local at = math.random(#prog.lines + 1)
    for k = b, a, -1 do table.insert(prog.lines, at, donor.lines[k]) end
    return ("insert %s lines %d-%d at line %d"):format(donor.name, a, b, at)
  end },
}

local function mutate(prog, count)
  local total = 0
  for _, m in ipairs(MUTATIONS) do total = total + m.weight end
  for _ = 1, count do
    -- A mutation that does not apply (no call on any line...) draws again, a few times.
    for _ = 1, 5 do
      local r, m = math.random(total), nil
      for _, cand in ipairs(MUTATIONS) do
        r = r - cand.weight
        if r <= 0 then m = cand break end
      end
      local what = m.fn(prog)
      if what then
        prog.ops[#prog.ops + 1] = what
        break
      end
    end
  end
end

---------------------------------------------------------------------------
-- Cases

-- Builds case k of the seed: its kind, input text, and whether it must end.
local function generate(k)
  math.randomseed(seed, k)
  local prog = { lines = {}, ops = {}, loops = false }
  if math.random() < 0.3 then
    -- REPL: a run of consecutive lines (they build on each other) or lines
    -- drawn anywhere, then up to three mutations.
    prog.kind = "repl"
    local n = math.random(1, 12)
    if math.random() < 0.5 then
      local first = math.random(#repl_lines)
      for i = first, math.min(#repl_lines, first + n - 1) do prog.lines[#prog.lines + 1] = repl_lines[i] end
    else
      for _ = 1, n do prog.lines[#prog.lines + 1] = pick(repl_lines) end
    end
    prog.from = ("%d REPL lines"):format(#prog.lines)
    mutate(prog, math.random(0, 3))
    prog.terminates = true   -- the input ends, so the REPL must end
  else
    local base = pick(corpus)
    prog.kind = "script"
    prog.from = base.name
    for i, l in ipairs(base.lines) do prog.lines[i] = l end
    -- Now and then the program as it is: the corpus itself under the sanitizers.
    mutate(prog, math.random() < 0.05 and 0 or math.random(1, 4))
    prog.terminates = base.terminates
  end
  prog.text = table.concat(prog.lines, "\n") .. "\n"
  prog.must_end = prog.terminates and not prog.loops and not may_loop(prog.text)
  return prog
end

local tmpdir = assert(shell_lines("mktemp -d /tmp/luasync-fuzz.XXXXXX")[1], "mktemp failed")
local runner = tmpdir .. "/run.sh"
-- Runs one case: run.sh TIMEOUT BINARY KIND INPUT ERRFILE. stdout is thrown
-- away; stderr is kept, up to 1 MB (a program printing errors in a loop must
-- not fill the disk). timeout -k kills what ignores SIGTERM, so no process
-- outlives its case. Distinct sanitizer exit statuses back up the texts.
write_file(runner, [[
t=$1 bin=$2 kind=$3 input=$4 err=$5
unset LUA_INIT LUA_INIT_5_4 LUA_PATH LUA_PATH_5_4 LUA_CPATH LUA_CPATH_5_4 LUASYNC_STARTUP
export LUASYNC_MEMORY_LIMIT=256 LUASYNC_HISTORY=/dev/null
export ASAN_OPTIONS="exitcode=86${ASAN_OPTIONS:+:$ASAN_OPTIONS}"
export UBSAN_OPTIONS="exitcode=87:print_stacktrace=1${UBSAN_OPTIONS:+:$UBSAN_OPTIONS}"
if [ "$kind" = repl ]; then
  timeout -k 1 "$t" "$bin" -i --clock=virtual <"$input" 2>&1 >/dev/null | head -c 1000000 >"$err"
else
  timeout -k 1 "$t" "$bin" --clock=virtual "$input" </dev/null 2>&1 >/dev/null | head -c 1000000 >"$err"
fi
exit "${PIPESTATUS[0]}"
]])

local SIGNALS = { [4] = "SIGILL", [6] = "SIGABRT", [7] = "SIGBUS", [8] = "SIGFPE", [9] = "SIGKILL",
  [11] = "SIGSEGV", [15] = "SIGTERM", [31] = "SIGSYS" }

-- The verdict on how a case ended: "ok", "hang" (allowed), or "FAIL" with a reason.
local function judge(prog, status, stderr)
  for _, m in ipairs(MARKERS) do
    if stderr:find(m, 1, true) then return "FAIL", ("stderr has %q"):format(m) end
  end
  if status == 86 or status == 87 then return "FAIL", ("sanitizer exit status %d"):format(status) end
  -- The corpus must run as it is: if it fails, the runtime changed under it
  -- (or the program is wrong), and its mutants test less than they seem to.
  if prog.kind == "script" and #prog.ops == 0 and status ~= 0 then
    return "FAIL", ("the corpus program %s fails without any mutation (status %d)"):format(prog.from, status)
  end
  if status == 124 or status == 137 then
    if prog.must_end then return "FAIL", ("hang: still running after %d s, and it must end"):format(opts.timeout) end
    return "hang"
  end
  -- 130 (SIGINT, KeyboardInterrupt) and 141 (SIGPIPE) are ends luasync chooses.
  if status >= 128 and status ~= 130 and status ~= 141 then
    local sig = status - 128
    return "FAIL", ("killed by signal %d (%s)"):format(sig, SIGNALS[sig] or "?")
  end
  return "ok"
end

local function input_name(prog) return prog.kind == "repl" and "input.txt" or "input.lua" end

local function direct_command(prog, path)
  local env = "LUASYNC_MEMORY_LIMIT=256 "
  if prog.kind == "repl" then return env .. binary .. " -i --clock=virtual < " .. path end
  return env .. binary .. " --clock=virtual " .. path
end

local function run_case(k)
  local prog = generate(k)
  local input = tmpdir .. "/" .. input_name(prog)
  local errfile = tmpdir .. "/stderr.txt"
  write_file(input, prog.text)
  -- An input that may loop gets less time: its hang proves nothing, and the
  -- seconds are better spent on other cases.
  local limit = prog.must_end and opts.timeout or math.min(opts.timeout, 3)
  local _, how, status = os.execute(("bash %s %d %s %s %s %s"):format(quote(runner), limit,
    quote(binary), prog.kind, quote(input), quote(errfile)))
  if how ~= "exit" then
    -- bash itself was killed: the user pressed Ctrl-C. Stop (the caller cleans up).
    error(("fuzz: interrupted at case %d"):format(k), 0)
  end
  local stderr = read_file(errfile)
  os.remove(input)
  os.remove(errfile)
  local verdict, reason = judge(prog, status, stderr)
  return prog, verdict, reason, status, stderr
end

local replay_base = arg[-1] .. " " .. arg[0] .. " --seed " .. seed ..
  (opts.binary and opts.binary ~= arg[-1] and " --binary " .. opts.binary or "")

local keep_dir = opts.keep
local saved = 0
-- Saves a failing case where it can be rerun by hand, and says where.
local function save(k, prog, reason, status, stderr)
  if not keep_dir then
    keep_dir = assert(shell_lines("mktemp -d /tmp/luasync-fuzz-failures.XXXXXX")[1], "mktemp failed")
  end
  saved = saved + 1
  if saved > 20 then return nil end   -- the same bug tends to come back; 20 are enough
  local dir = ("%s/seed%d-case%d"):format(keep_dir, seed, k)
  os.execute("mkdir -p " .. quote(dir))
  local input = dir .. "/" .. input_name(prog)
  write_file(input, prog.text)
  write_file(dir .. "/stderr.txt", stderr)
  write_file(dir .. "/info.txt", table.concat({
    ("seed %d, case %d: %s"):format(seed, k, reason),
    ("kind %s, from %s, exit status %d, must end: %s"):format(prog.kind, prog.from, status, tostring(prog.must_end)),
    "mutations:", "  " .. table.concat(prog.ops, "\n  "),
    "replay: " .. replay_base .. " --case " .. k,
    "run directly: " .. direct_command(prog, input), "",
  }, "\n"))
  return dir
end

local function excerpt(text, lines)
  if not text:find("%S") then return "  (stderr empty)" end
  local out = {}
  for l in text:gmatch("[^\n]+") do
    out[#out + 1] = "  | " .. l
    if #out == lines then out[#out + 1] = "  | ..." break end
  end
  return table.concat(out, "\n")
end

---------------------------------------------------------------------------
-- Main

-- Replays one case, showing everything about it; answers the exit status.
local function replay_one(k)
  local prog, verdict, reason, status, stderr = run_case(k)
  print(("fuzz: seed %d, case %d: %s from %s, must end: %s"):format(seed, k, prog.kind, prog.from,
    tostring(prog.must_end)))
  print("mutations:\n  " .. (#prog.ops > 0 and table.concat(prog.ops, "\n  ") or "(none)"))
  print("--- input\n" .. prog.text .. "--- stderr (exit status " .. status .. ")\n" .. stderr .. "---")
  if verdict == "FAIL" then
    print("FAIL: " .. reason)
    print("saved in " .. save(k, prog, reason, status, stderr))
    return 1
  end
  print(verdict == "hang" and "hang (allowed: this input may loop)" or "ok")
  return 0
end

-- Runs cases until the time is up; answers the exit status.
local function fuzz_for_a_while()
  print(("fuzz: seed %d (replay: %s --seconds %d)"):format(seed, replay_base, opts.seconds))
  local n_terminating = 0
  for _, p in ipairs(corpus) do if p.terminates then n_terminating = n_terminating + 1 end end
  print(("fuzz: binary %s, %d corpus programs (%d marked terminating), %d REPL lines, %d s"):format(
    binary, #corpus, n_terminating, #repl_lines, opts.seconds))
  io.stdout:flush()

  local started = os.time()
  local count = { cases = 0, script = 0, repl = 0, ok = 0, syntax = 0, errors = 0, hang = 0, fail = 0, must_end = 0 }
  local k = 0
  while os.time() - started < opts.seconds do
    k = k + 1
    local prog, verdict, reason, status, stderr = run_case(k)
    count.cases = count.cases + 1
    count[prog.kind] = count[prog.kind] + 1
    if prog.must_end then count.must_end = count.must_end + 1 end
    if verdict == "FAIL" then
      count.fail = count.fail + 1
      local dir = save(k, prog, reason, status, stderr)
      print(("FAIL case %d (%s from %s): %s"):format(k, prog.kind, prog.from, reason))
      print(excerpt(stderr, 12))
      print("  replay: " .. replay_base .. " --case " .. k)
      print("  saved in " .. (dir or "(not saved: more than 20 failures)"))
    elseif verdict == "hang" then
      count.hang = count.hang + 1
    elseif status == 0 then
      count.ok = count.ok + 1
    elseif stderr:find(" near [<'%w]") and not stderr:find("stack traceback") then
      count.syntax = count.syntax + 1   -- a compile error: worth knowing how many mutations end there
    else
      count.errors = count.errors + 1
    end
    if opts.verbose then
      print(("case %d: %s from %s, status %d, %s%s"):format(k, prog.kind, prog.from, status, verdict,
        verdict == "FAIL" and ": " .. reason or ""))
    end
    io.stdout:flush()
  end

  print(("fuzz: %d cases in %d s (script %d, repl %d; %d must end): exit 0: %d, syntax error: %d, " ..
    "other error exit: %d, hang (allowed): %d, FAIL: %d"):format(count.cases, os.time() - started, count.script,
    count.repl, count.must_end, count.ok, count.syntax, count.errors, count.hang, count.fail))
  if count.fail > 0 then
    print(("fuzz: %d failing case(s) saved in %s"):format(math.min(count.fail, 20), keep_dir))
    return 1
  end
  return 0
end

-- The temporary directory goes however the run ends: normally, on a bug of
-- the driver, or on a closed stdout (fuzz.lua ... | head).
local ok, result = pcall(function()
  if opts.case then return replay_one(opts.case) end
  return fuzz_for_a_while()
end)
os.execute("rm -rf " .. quote(tmpdir))
if not ok then error(result, 0) end
os.exit(result)
