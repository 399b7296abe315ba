-- The REPL's chunk assembly (luasync.chunk): lua.c's compile recipe,
-- the rewriting of top-level locals, and the REPL environment that keeps
-- them from one input to the next. Self-asserting.
local M = require "luasync.chunk"

local failures = 0
local function check(cond, what)
  if not cond then
    failures = failures + 1
    io.stderr:write("FAIL: ", what, "\n")
  end
end
local function eq(got, want, what)
  check(got == want, ("%s: got %q, want %q"):format(what, tostring(got), tostring(want)))
end
local function list(...) return table.pack(...) end
local function newlines(s) return select(2, s:gsub("\n", "")) end

---------------------------------------------------------------------------
-- compile: expressions first, then statements

do
  local fn = M.compile("1 + 1", {})
  eq(fn(), 2, "an expression returns its value")

  local calls = 0
  local env = { f = function() calls = calls + 1; return 3, 4 end }
  local r = list(M.compile("f()", env)())
  eq(r.n, 2, "a call returns all its values")
  eq(r[1] .. "," .. r[2], "3,4", "a call's values")
  eq(calls, 1, "a call as an expression runs once")

  env = {}
  fn = M.compile("x = 5", env)
  eq(select("#", fn()), 0, "a statement returns nothing")
  eq(env.x, 5, "a statement runs in env")

  eq(M.compile("1 -- a comment", {})(), 1, "an expression with a trailing comment")
  eq(M.compile("f(\n1)", { f = function(v) return v * 2 end })(), 2, "a multi-line expression")
  eq(select("#", M.compile("", {})()), 0, "the empty input compiles to nothing")
  eq(M.compile("for i = 1, 2 do n = i end", { })  ~= nil, true, "a loop is a statement")
  eq(M.compile("_ENV")(), _G, "no env: the global table")
end

-- Incomplete inputs: the statement's syntax error ends in <eof>, as lua.c
-- decides (an unfinished short string included, as lua.c does).
for _, src in ipairs {
  "function f()", "if x then", "x =", "for i = 1, 2", "t = {", "f(", "local",
  "local function f", "local x = 1 +", "while true do\n  x = 1", "repeat", "'unfinished",
  '"unfinished', "'abc\\", "[[long", "[==[long]]", "--[[ comment", "--[=[ comment\n]]", "::label",
} do
  local fn, err, incomplete = M.compile(src, {})
  eq(fn, nil, "incomplete " .. src)
  eq(incomplete, true, "incomplete " .. src .. " (" .. tostring(err) .. ")")
end

-- Syntax errors that are not incomplete.
for src, want in pairs {
  ["a b"] = "stdin:1: syntax error near 'b'",
  ["1 +"] = "stdin:1: unexpected symbol near '1'",
  ['"abc\nd"'] = "stdin:1: unfinished string near '\"abc'",
  ["x = = 1"] = "stdin:1: unexpected symbol near '='",
  ["end"] = "stdin:1: <eof> expected near 'end'",
  ["x = 1\ny = = 2"] = "stdin:2: unexpected symbol near '='",
  ["0x"] = "stdin:1: malformed number near '0x'",
} do
  local fn, err, incomplete = M.compile(src, {})
  eq(fn, nil, "error " .. src)
  eq(err, want, "error message of " .. src)
  eq(incomplete, false, "not incomplete: " .. src)
end

-- Line numbers are the user's, with or without the `return ` prefix, and
-- the chunk name is "=stdin" unless given.
do
  local function runtime_error(src, chunkname)
    local fn = assert(M.compile(src, { error = error }, chunkname))
    local ok, err = pcall(fn)
    check(not ok, "runtime error expected from " .. src)
    return err
  end
  eq(runtime_error("f(\n1,\nbad.x)"), "stdin:3: attempt to index a nil value (global 'bad')",
     "an expression's runtime error line")
  eq(runtime_error("\n\nerror('x')"), "stdin:3: x", "a statement's runtime error line")
  eq(runtime_error("error('e')", "=input"), "input:1: e", "a given chunk name")
  local _, err = M.compile("x = 1\n\nlocal = 2", {}, "@demo.lua")
  eq(err, "demo.lua:3: <name> expected near '='", "a syntax error's line and chunk name")
end

---------------------------------------------------------------------------
-- rewrite

local function rewrites(src, want, want_names)
  local got, names = M.rewrite(src)
  eq(got, want, "rewrite of " .. ("%q"):format(src))
  eq(table.concat(names, ","), want_names or "", "names of " .. ("%q"):format(src))
  eq(newlines(got), newlines(src), "newlines kept in " .. ("%q"):format(src))
  -- valid stays valid, invalid stays invalid, on the same line
  local f1, e1 = load(src, "=stdin")
  local f2, e2 = load(got, "=stdin")
  eq(f2 ~= nil, f1 ~= nil, "validity kept by " .. ("%q"):format(src))
  if e1 and e2 then
    eq(e2:match("^stdin:%d+:"), e1:match("^stdin:%d+:"), "error line kept by " .. ("%q"):format(src))
    eq(e2:sub(-5) == "<eof>", e1:sub(-5) == "<eof>", "incompleteness kept by " .. ("%q"):format(src))
  end
end

-- the forms
rewrites("local a, b = 1, 2", "a, b = 1, 2", "a,b")
rewrites("local a", "a = nil", "a")
rewrites("local a, b", "a, b = nil", "a,b")
rewrites("local function f(...) return f(...) end", "f = function(...) return f(...) end", "f")
rewrites("local k <const> = 1", "k = 1", "k")
rewrites("local k <const>, m = 1, 2", "k, m = 1, 2", "k,m")
rewrites("local k <const>", "k = nil", "k")
rewrites("local x <close> = nil", "local x <close> = nil")
rewrites("local x <close> = nil local y = 1", "local x <close> = nil y = 1", "y")
rewrites("local x <close> = nil; local x = 1", "local x <close> = nil; local x = 1")
rewrites("local _ENV = {}", "local _ENV = {}")
rewrites("local x = 1 local y", "x = 1 y = nil", "x,y")
rewrites("local a = 1; local a = 2", "a = 1; a = 2", "a")

-- multiple statements, semicolons, labels and goto
rewrites("x = 1 local y = 2; local z", "x = 1 y = 2; z = nil", "y,z")
rewrites("local a;local b;", "a = nil;b = nil;", "a,b")
rewrites(";;local a", ";;a = nil", "a")
rewrites("::top:: local a goto top", "::top:: a = nil goto top", "a")
rewrites("f() local a = f() local function g() end g()",
         "f() a = f() g = function() end g()", "a,g")

-- strings and comments that contain the word local
rewrites("local s = 'local q' -- local r\nlocal t = [==[\nlocal u]]\n]==]",
         "s = 'local q' -- local r\nt = [==[\nlocal u]]\n]==]", "s,t")
rewrites('s = "a\\"local b" local c', 's = "a\\"local b" c = nil', "c")
rewrites("s = 'a\\\nlocal b' local c", "s = 'a\\\nlocal b' c = nil", "c")
rewrites("s = 'a\\z\n   local' local d", "s = 'a\\z\n   local' d = nil", "d")
rewrites("--[[ local a\n]] local b --[==[\nlocal c ]] ]==]", "--[[ local a\n]] b = nil --[==[\nlocal c ]] ]==]", "b")
rewrites("t = {['local'] = 1, local_ = 2} local v = t['local']", "t = {['local'] = 1, local_ = 2} v = t['local']", "v")
rewrites('t["end"] = 1 local w', 't["end"] = 1 w = nil', "w")
rewrites("x = 0x1p4 local y = 1e-5 local z = .5e+2 local q = 0xA.8P-1",
         "x = 0x1p4 y = 1e-5 z = .5e+2 q = 0xA.8P-1", "y,z,q")

-- nested scopes are left alone
rewrites("function g() local h = 1 end local i", "function g() local h = 1 end i = nil", "i")
rewrites("do local j end", "do local j end")
rewrites("if c then local a elseif d then local b else local c end local e",
         "if c then local a elseif d then local b else local c end e = nil", "e")
rewrites("while c do local a end for i = 1, 2 do local b end for k in pairs(t) do local c end",
         "while c do local a end for i = 1, 2 do local b end for k in pairs(t) do local c end")
rewrites("repeat local q until q local r", "repeat local q until q r = nil", "r")
rewrites("f(function() local inner end) local outer", "f(function() local inner end) outer = nil", "outer")
rewrites("local function f() local g = 1 return function() local h end end local k",
         "f = function() local g = 1 return function() local h end end k = nil", "f,k")
rewrites("local t = { f = function() local x end }", "t = { f = function() local x end }", "t")

-- line numbers: no newline added or removed, statements stay on their lines
rewrites("local a = 1\nlocal b,\n  c = 2, 3\nlocal function\n  f()\nend",
         "a = 1\nb,\n  c = 2, 3\nf = function\n()\nend", "a,b,c,f")
rewrites("local a <const\n> = 1", "a\n = 1", "a")
rewrites("local --[[ c\n]] a", "a\n = nil", "a")
rewrites("local\nx = 1", "x\n = 1", "x")

-- invalid code stays invalid (and is mostly left as it is)
rewrites("t.local x = 1", "t.local x = 1")
rewrites("t:local x = 1", "t:local x = 1")
rewrites("x = local y", "x = local y")
rewrites("local local x = 1", "local local x = 1")
rewrites("local x + 1", "local x + 1")
rewrites("local x ..y", "local x ..y")
rewrites("local x <foo> = 1", "local x <foo> = 1")
rewrites("local x <const>= 1", "local x <const>= 1")
rewrites("local function f.g() end", "local function f.g() end")
rewrites("local function f() end .. x", "local function f() end .. x")
rewrites("local function f() end, 2", "local function f() end, 2")
rewrites("t.end local x", "t.end local x")
rewrites("return local x", "return local x")
rewrites("goto local x", "goto local x")
rewrites("::local x", "::local x")

-- incomplete stays incomplete
rewrites("local", "local")
rewrites("local x =", "x =", "x")
rewrites("local function f", "local function f")
rewrites("local function f()", "f = function()", "f")
rewrites("local t = {", "t = {", "t")
rewrites("local s = [[", "s = [[", "s")
rewrites("local s = 'abc", "s = 'abc", "s")

---------------------------------------------------------------------------
-- the REPL environment

do
  local G = setmetatable({ x = "global x", print = print, error = error, type = type },
                         { __index = _G })
  local env, declare = M.new_env(G)
  -- One REPL input, as the REPL runs it: rewrite, compile, declare, run.
  local function run(input)
    local src, names = M.rewrite(input)
    local fn, err = M.compile(src, env)
    assert(fn, err)
    declare(names)
    return fn()
  end

  run("local x = 1")
  eq(run("x"), 1, "a local is visible in the next input")
  eq(G.x, "global x", "a local shadows the global without changing it")
  run("x = 2")
  eq(run("x"), 2, "assigning a declared local")
  eq(G.x, "global x", "assigning a declared local leaves the global")
  run("local x")
  eq(run("x"), nil, "a local set to nil reads as nil, not as the global")
  eq(run("type(x)"), "nil", "a nil local in an expression")
  run("local x = 3")
  eq(run("x"), 3, "a local declared again keeps its slot")

  run("y = 5")
  eq(G.y, 5, "an undeclared name is a global")
  eq(run("y"), 5, "reading a global")

  run("local print = print")
  eq(run("print"), print, "the right-hand side of a new local reads the global")
  run("local n = 1")
  run("local n = n + 1")
  eq(run("n"), 2, "the right-hand side of a redeclared local reads the old local")

  run("local function fact(k) if k <= 1 then return 1 end return k * fact(k - 1) end")
  eq(run("fact(5)"), 120, "a local function recurses and persists")
  eq(rawget(G, "fact"), nil, "a local function is not a global")

  run("local k <const> = 7")
  eq(run("k"), 7, "a <const> local persists")

  run("local closed = 0")
  run("local c <close> = setmetatable({}, {__close = function() closed = closed + 1 end})")
  eq(run("closed"), 1, "a <close> local closes when its input ends")
  eq(run("c"), nil, "a <close> local does not persist")

  eq(pcall(run, "local z = error('boom')"), false, "an input that fails")
  eq(run("z"), nil, "a local whose input failed before assigning it reads the global")
  G.z = "global z"
  eq(run("z"), "global z", "... the global, not a slot")

  run("local a, b = 1")
  eq(run("a"), 1, "multiple locals")
  eq(run("b"), nil, "multiple locals, the missing value")
  run("if true then local a = 100 end")
  eq(run("a"), 1, "a local in a block stays in the block")

  local seen = {}
  for key, value in pairs(env) do seen[key] = value end
  eq(seen.x, 3, "pairs lists the locals")
  eq(seen.y, 5, "pairs lists the globals")
  eq(seen.z, "global z", "pairs lists globals not shadowed")
  eq(rawget(env, "x"), nil, "the environment itself holds no keys")

  -- Two environments over the same globals do not share their locals.
  local env2, declare2 = M.new_env(G)
  declare2({ "x" })
  eq(env2.x, "global x", "a declared but unassigned local reads the global")
  env2.x = "other"
  eq(run("x"), 3, "locals belong to one environment")
end

if failures > 0 then error(failures .. " check(s) failed") end
print("ok")
