-- luasync.pretty: how the REPL shows a value (no CPython reference: the
-- script asserts its own expectations). Every rule of the module's header:
-- scalars, __tostring and its failures, key order and key forms, line
-- breaking at 80 columns, depth and size limits, cycles and shared tables,
-- no metamethod but __tostring called, and never raising.

local pretty = require "luasync.pretty"
local f = pretty.format

local failures = 0
local function eq(got, want, what)
  if got ~= want then
    failures = failures + 1
    io.stderr:write(("FAIL %s\n  expected: %s\n  got:      %s\n"):format(what, ("%q"):format(want),
      ("%q"):format(got)))
  end
end
local function match(got, pattern, what)
  if type(got) ~= "string" or not got:find(pattern) then
    failures = failures + 1
    io.stderr:write(("FAIL %s\n  expected to match: %s\n  got: %s\n"):format(what, pattern, tostring(got)))
  end
end
local function lines(...) return table.concat({ ... }, "\n") end

-- strings ------------------------------------------------------------------
eq(f("hello"), '"hello"', "plain string")
eq(f(""), '""', "empty string")
eq(f('say "hi"'), [["say \"hi\""]], "double quotes escaped")
eq(f("it's"), [["it's"]], "single quote kept")
eq(f("a\nb"), [["a\nb"]], "newline as \\n, no line continuation")
eq(f("a\tb\rc"), [["a\tb\rc"]], "tab and carriage return")
eq(f("back\\slash"), [["back\\slash"]], "backslash")
eq(f("\0"), [["\0"]], "NUL byte")
eq(f("\1x"), [["\1x"]], "control byte before a letter: short form")
eq(f("\0012"), [["\0012"]], "control byte before a digit: three digits")
eq(f("\27[31m"), [["\27[31m"]], "escape byte")
eq(f("\127"), [["\127"]], "DEL")
eq(f("\a\b\f\v"), [["\7\8\12\11"]], "other control bytes as \\ddd")
eq(f("héllo ✓"), '"héllo ✓"', "UTF-8 kept as is")
eq(f("a\255b1"), '"a\\255b1"', "bytes of text that is not UTF-8 escaped")
eq(f("\0\1\255"), '"\\0\\1\\255"', "control and high bytes of non-UTF-8 text")
eq(load("return " .. f("\0\0019\n\t\"\\\127x"))(), "\0\0019\n\t\"\\\127x", "the quoted form reads back")

-- numbers, booleans, nil ------------------------------------------------------
eq(f(42), "42", "integer")
eq(f(-7), "-7", "negative integer")
eq(f(1.0), "1.0", "float 1.0 keeps .0")
eq(f(0.5), "0.5", "float")
eq(f(-0.0), "-0.0", "negative zero")
eq(f(1e100), "1e+100", "large float")
eq(f(2 ^ 53), tostring(2 ^ 53), "float as tostring")
eq(f(math.maxinteger), "9223372036854775807", "maxinteger")
eq(f(math.mininteger), "-9223372036854775808", "mininteger")
eq(f(math.huge), "inf", "inf")
eq(f(-math.huge), "-inf", "-inf")
eq(f(0 / 0), "nan", "nan")
eq(f(-(0 / 0)), "nan", "nan with the sign bit")
eq(f(true), "true", "true")
eq(f(false), "false", "false")
eq(f(nil), "nil", "nil")
eq(f(), "nil", "no argument")

-- functions, threads, userdata: tostring ---------------------------------------
eq(f(print), tostring(print), "function")
local co = coroutine.create(function() end)
eq(f(co), tostring(co), "thread")
eq(f(io.stdout), tostring(io.stdout), "userdata with __tostring (file)")
match(f(io.stdout), "^file %(0x%x+%)$", "file shown as Lua does")

-- __tostring ------------------------------------------------------------------
local point = setmetatable({ x = 1, y = 2 }, { __tostring = function(p) return "P(" .. p.x .. "," .. p.y .. ")" end })
eq(f(point), "P(1,2)", "table with __tostring")
eq(f({ point, at = point }), "{P(1,2), at = P(1,2)}", "__tostring inside a table")
eq(f(setmetatable({}, { __tostring = function() return "hidden" end, __metatable = "locked" })), "hidden",
  "__tostring behind a __metatable field")
local c = asyncio.sleep(0)
eq(f(c), "<coroutine sleep>", "coroutine object")
await(c)
local t = asyncio.create_task(asyncio.sleep(1, "x"), { name = "sleeper" })
eq(f(t), tostring(t), "Task")
match(f(t), "^<Task pending name='sleeper'", "Task repr")
eq(f({ t }), "{" .. tostring(t) .. "}", "Task in a table")
await(t)
eq(f(t), tostring(t), "finished Task")
local fut = asyncio.Future()
eq(f(fut), "<Future pending>", "Future")
fut:set_result("ready")
eq(f(fut), "<Future finished result='ready'>", "finished Future")
eq(f(asyncio.ValueError("bad input")), "ValueError: bad input", "error instance")
eq(f(asyncio.TimeoutError()), "TimeoutError", "error instance without a message")
eq(f(asyncio.TimeoutError), tostring(asyncio.TimeoutError), "error class")

-- a failing __tostring never raises ------------------------------------------------
local raising = setmetatable({}, { __tostring = function() error("boom") end })
match(f(raising), "^<table: 0x%x+ %(__tostring failed: .*pretty_format%.lua:%d+: boom%)>$", "__tostring raises")
local raising_plain = setmetatable({}, { __tostring = function() error("no position", 0) end })
match(f(raising_plain), "^<table: 0x%x+ %(__tostring failed: no position%)>$", "__tostring raises without position")
local address = ("%p"):format(raising_plain)
eq(f(raising_plain), "<table: " .. address .. " (__tostring failed: no position)>", "fallback names the address")
eq(f(setmetatable({}, { __tostring = function() error(asyncio.ValueError("inner")) end })):match("%((.*)%)>$"),
  "__tostring failed: ValueError: inner", "__tostring raises an error instance")
match(f(setmetatable({}, { __tostring = function() error(setmetatable({}, { __tostring = function() error("again") end })) end })),
  "^<table: 0x%x+ %(__tostring failed: table: 0x%x+%)>$", "__tostring raises an error whose __tostring raises")
match(f(setmetatable({}, { __tostring = function() return 42 end })),
  "^<table: 0x%x+ %(__tostring failed: '__tostring' must return a string, got number%)>$", "__tostring returns a number")
match(f(setmetatable({}, { __tostring = function() return nil end })),
  "^<table: 0x%x+ %(__tostring failed: '__tostring' must return a string, got nil%)>$", "__tostring returns nil")
match(f(setmetatable({}, { __tostring = function() return {} end })),
  "^<table: 0x%x+ %(__tostring failed: '__tostring' must return a string, got table%)>$", "__tostring returns a table")
match(f(setmetatable({}, { __tostring = 42 })),
  "^<table: 0x%x+ %(__tostring failed: .*call a number value.*%)>$", "__tostring not callable")
match(f({ raising }), "^{<table: 0x%x+ %(__tostring failed: .*boom%)>}$", "failing __tostring inside a table")
match(f({ [raising] = 1 }), "^{%[<table: 0x%x+ %(__tostring failed: .*boom%)>%] = 1}$", "failing __tostring as a key")

-- tables: array part, keys, order -------------------------------------------------
eq(f({}), "{}", "empty table")
eq(f({ 1, 2, 3 }), "{1, 2, 3}", "array")
eq(f({ "a", true, 1.5 }), '{"a", true, 1.5}', "array of mixed values")
eq(f({ 1, nil, 3 }), "{1, [3] = 3}", "a hole ends the array part")
eq(f({ [2] = "b", [3] = "c" }), '{[2] = "b", [3] = "c"}', "no [1]: no array part")
eq(f({ [0] = 0, 1 }), "{1, [0] = 0}", "[0] is not in the array part")
eq(f({ x = 1 }), "{x = 1}", "identifier key")
eq(f({ _private = 1, CamelCase2 = 2 }), "{CamelCase2 = 2, _private = 1}", "identifier keys, byte order")
eq(f({ ["my key"] = 1 }), '{["my key"] = 1}', "key with a space")
eq(f({ ["end"] = 1, ["nil"] = 2, ["goto"] = 3 }), '{["end"] = 1, ["goto"] = 3, ["nil"] = 2}', "reserved words quoted")
eq(f({ ["1a"] = 1, ["1"] = 2, [""] = 3 }), '{[""] = 3, ["1"] = 2, ["1a"] = 1}', "non-identifier string keys")
eq(f({ ["a\nb"] = 1 }), '{["a\\nb"] = 1}', "escaped string key")
eq(f({ [1.5] = 1 }), "{[1.5] = 1}", "float key")
eq(f({ [2.0] = 1, [1] = 0 }), "{0, 1}", "float key 2.0 is the integer 2")
eq(f({ [-1] = 1 }), "{[-1] = 1}", "negative key")
eq(f({ [math.huge] = 1, [-math.huge] = 2 }), "{[-inf] = 2, [inf] = 1}", "infinite keys")
eq(f({ [true] = 1, [false] = 0 }), "{[false] = 0, [true] = 1}", "boolean keys: false first")
eq(f({ [{}] = 1 }), "{[{}] = 1}", "table key")
eq(f({ [{ 1, 2 }] = "v" }), '{[{1, 2}] = "v"}', "table key shown as a table")
eq(f({ [point] = 1 }), "{[P(1,2)] = 1}", "key with __tostring")
eq(f({ [print] = 1 }), "{[" .. tostring(print) .. "] = 1}", "function key")
eq(f({
  10, 20,
  [-5] = "n1", [0.5] = "n2", [7] = "n3", [100] = "n4",
  zeta = "s1", Alpha = "s2", ["with space"] = "s3", alpha = "s4",
  [true] = "b2", [false] = "b1",
}), lines(
  "{",
  "  10, 20,",  -- list entries share a line (issue 11), keyed ones have one each
  '  [-5] = "n1",',
  '  [0.5] = "n2",',
  '  [7] = "n3",',
  '  [100] = "n4",',
  '  Alpha = "s2",',
  '  alpha = "s4",',
  '  ["with space"] = "s3",',
  '  zeta = "s1",',
  '  [false] = "b1",',
  '  [true] = "b2"',
  "}"), "order: array, numbers, strings, booleans")
local k1 = setmetatable({}, { __tostring = function() return "key B" end })
local k2 = setmetatable({}, { __tostring = function() return "key A" end })
eq(f({ [k1] = 1, [k2] = 2, [1] = 0, [false] = 3, s = 4 }), "{0, s = 4, [false] = 3, [key A] = 2, [key B] = 1}",
  "other keys last, by their text")
eq(f({ a = { b = { 1 } }, list = { "x", { y = false } } }), '{a = {b = {1}}, list = {"x", {y = false}}}', "nested tables")

-- metamethods other than __tostring are never called ----------------------------------
local trap = function() error("metamethod called") end
local guarded = setmetatable({ 1, 2, key = "v" }, {
  __index = trap, __newindex = trap, __pairs = trap, __len = trap, __eq = trap, __lt = trap, __le = trap,
  __concat = trap, __call = trap, __name = "Guarded",
})
eq(f(guarded), '{1, 2, key = "v"}', "__index, __pairs, __len... are not called")
eq(f({ [guarded] = 1, [setmetatable({}, getmetatable(guarded))] = 2 }):match("^{%[{.-}%] = %d, %[{.-}%] = %d}$") ~= nil,
  true, "keys with metatables compared without __lt/__eq")
eq(f(setmetatable({}, { __index = { a = 1 } })), "{}", "inherited fields are not shown")

-- line breaking: one line up to 80 columns ------------------------------------------
eq(#f({ s = ("x"):rep(72) }), 80, "80 columns")
eq(f({ s = ("x"):rep(72) }), '{s = "' .. ("x"):rep(72) .. '"}', "80 columns fit on one line")
eq(f({ s = ("x"):rep(73) }), lines("{", '  s = "' .. ("x"):rep(73) .. '"', "}"), "81 columns break")
eq(f({ ("é"):rep(76) }), '{"' .. ("é"):rep(76) .. '"}', "columns count UTF-8 characters, not bytes")
-- an inner table stays on one line when it fits at its indentation, comma included
local inner = { ("y"):rep(63) }               -- {"yyy..."} = 67 columns
eq(f({ aa = inner, b = 1, c = ("z"):rep(60) }), lines(
  "{",
  '  aa = {"' .. ("y"):rep(63) .. '"},',      -- 2 + 5 + 67 + 1 = 75
  "  b = 1,",
  '  c = "' .. ("z"):rep(60) .. '"',
  "}"), "inner table on one line")
local wide = { ("y"):rep(67) }                -- 71 columns: 2 + 5 + 71 + 1 = 79
eq(f({ aa = wide, b = 1, c = ("z"):rep(60) }):match("\n(  aa = .-)\n"), '  aa = {"' .. ("y"):rep(67) .. '"},',
  "inner table filling column 79")
local wider = { ("y"):rep(69) }               -- 2 + 5 + 73 + 1 = 81: breaks
eq(f({ aa = wider, b = 1, c = ("z"):rep(60) }), lines(
  "{",
  "  aa = {",
  '    "' .. ("y"):rep(69) .. '"',
  "  },",
  "  b = 1,",
  '  c = "' .. ("z"):rep(60) .. '"',
  "}"), "inner table breaks, indented by two more spaces")
eq(f({ { { ("q"):rep(80) } } }), lines(
  "{",
  "  {",
  "    {",
  '      "' .. ("q"):rep(80) .. '"',
  "    }",
  "  }",
  "}"), "each level indented by two spaces")
eq(f({ s = ("x"):rep(30) }, { width = 20 }), lines("{", '  s = "' .. ("x"):rep(30) .. '"', "}"), "opts.width")

-- depth limit ------------------------------------------------------------------------
local deep = { 1, { 2, { 3, { 4, { 5, { 6, { 7 } } } } } } }
eq(f(deep), "{1, {2, {3, {4, {5, {...}}}}}}", "default depth 5")
eq(f(deep, { depth = 2 }), "{1, {2, {...}}}", "opts.depth = 2")
eq(f(deep, { depth = 1 }), "{1, {...}}", "opts.depth = 1")
eq(f(deep, { depth = 0 }), "{...}", "opts.depth = 0")
eq(f(deep, { depth = 10 }), "{1, {2, {3, {4, {5, {6, {7}}}}}}}", "opts.depth = 10")
eq(f({ a = { b = {} } }, { depth = 1 }), "{a = {...}}", "keyed table beyond the depth")
eq(f({ {} }, { depth = 1 }), "{{}}", "an empty table beyond the depth is still {}")
eq(f({ point }, { depth = 0 }), "{...}", "depth 0 hides everything")
eq(f({ point }, { depth = 1 }), "{P(1,2)}", "__tostring values are not tables to expand")
eq(f({ [{ 1 }] = 1 }, { depth = 1 }), "{[{...}] = 1}", "table key beyond the depth")

-- size limit -------------------------------------------------------------------------
local list = {}
for i = 1, 150 do list[i] = i end
-- The list entries are packed several to a line, up to 80 columns, as a
-- long Python list wraps (a 150-number list on 150 lines was hard to read).
eq(f(list), lines("{",
  "  1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22,",
  "  23, 24, 25, 26, 27, 28, 29, 30, 31, 32, 33, 34, 35, 36, 37, 38, 39, 40, 41,",
  "  42, 43, 44, 45, 46, 47, 48, 49, 50, 51, 52, 53, 54, 55, 56, 57, 58, 59, 60,",
  "  61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 72, 73, 74, 75, 76, 77, 78, 79,",
  "  80, 81, 82, 83, 84, 85, 86, 87, 88, 89, 90, 91, 92, 93, 94, 95, 96, 97, 98,",
  "  99, 100,",
  "  ... (50 more)", "}"), "default max_items 100, packed lines")
for _, line in ipairs({ f(list):match("^{\n(.-)\n") }) do
  if #line > 80 then error("a packed line is wider than 80 columns: " .. line) end
end
-- A packed list (table.pack, gather's results) shows its nils up to .n.
eq(f({ n = 3 }), "{nil, nil, nil, n = 3}", "gather of three calls that return nothing")
eq(f(table.pack(1, nil, 3)), "{1, nil, 3, n = 3}", "table.pack with a hole")
eq(f({ 1, n = 1 }), "{1, n = 1}", "n equal to the length")
eq(f({ n = 2, x = 1 }), "{n = 2, x = 1}", "not a packed list: another key")
eq(f({ n = 2.5 }), "{n = 2.5}", "not a packed list: n not an integer")
eq(f(list, { max_items = 3 }), "{1, 2, 3, ... (147 more)}", "opts.max_items")
eq(f({ 1, 2, 3 }, { max_items = 3 }), "{1, 2, 3}", "exactly max_items: no marker")
eq(f({ 1, 2, x = 1, y = 2 }, { max_items = 3 }), "{1, 2, x = 1, ... (1 more)}", "array part counts too")
eq(f({ d = 4, a = 1, c = 3, b = 2 }, { max_items = 2 }), "{a = 1, b = 2, ... (2 more)}", "the first keys in order")
eq(f({ 1, 2, 3, x = 1 }, { max_items = 1 }), "{1, ... (3 more)}", "keys beyond the limit counted")
local nested = {}
for i = 1, 3 do nested[i] = { i, i, i, i } end
eq(f(nested, { max_items = 2 }), "{{1, 1, ... (2 more)}, {2, 2, ... (2 more)}, ... (1 more)}", "limit per table")
local big = {}
for i = 1, 100 do big["k" .. ("%03d"):format(i)] = i end
eq(select(2, f(big):gsub("\n", "\n")), 101, "100 keyed entries fit: one per line, no marker")
big.zzz = 0
eq(f(big):match("\n  ([^\n]*)\n}$"), "... (1 more)", "the 101st keyed entry is summed up")

-- cycles and shared tables ---------------------------------------------------------------
local self = {}
self.me = self
eq(f(self), "{me = <cycle>}", "direct cycle")
local a, b = { name = "a" }, { name = "b" }
a.next, b.next = b, a
eq(f(a), '{name = "a", next = {name = "b", next = <cycle>}}', "indirect cycle")
local arr = { 1 }
arr[2] = arr
eq(f(arr), "{1, <cycle>}", "cycle in the array part")
local keyed = {}
keyed[keyed] = 1
eq(f(keyed), "{[<cycle>] = 1}", "cycle through a key")
local shared = { 1 }
eq(f({ shared, shared, k = shared }), "{{1}, {1}, k = {1}}", "shared table printed each time")
eq(f({ a = { shared }, b = { shared } }), "{a = {{1}}, b = {{1}}}", "shared table in siblings")
local ring = { tag = "top" }
ring.child = { parent = ring, sibling = shared, again = shared }
eq(f(ring), '{child = {again = {1}, parent = <cycle>, sibling = {1}}, tag = "top"}', "cycle and sharing together")

-- never raises -----------------------------------------------------------------------------
eq(f({ 1, 2 }, 5), "{1, 2}", "opts that is not a table is ignored")
eq(f({ 1, { 2 } }, { depth = "deep", max_items = {}, width = "x" }), "{1, {2}}", "bad option values are ignored")
eq(f({ 1, 2, 3 }, { max_items = 0 }), "{1, ... (2 more)}", "max_items below 1 shows one entry")
eq(f({ 1 }, setmetatable({}, { __index = trap })), "{1}", "opts read raw")
local chain = {}
local cur = chain
for _ = 1, 200000 do cur.n = {}; cur = cur.n end
local ok, s = pcall(f, chain, { depth = math.huge })
eq(ok, true, "a structure too deep for the stack does not raise")
match(s, "^<table: 0x%x+ %(format failed: .*%)>$", "it is summed up instead")
eq(f(chain), "{n = {n = {n = {n = {n = {...}}}}}}", "the default depth keeps it short")

-- Wide characters count two columns against the 80 of a line: eight names
-- of five wide characters each ("タスク1" takes 7 columns, 9 with quotes) do
-- not fit on one.
eq(f({ "タスク1", "タスク2", "タスク3", "タスク4", "タスク5", "タスク6", "タスク7", "タスク8" }), lines(
  "{",
  '  "タスク1", "タスク2", "タスク3", "タスク4", "タスク5", "タスク6", "タスク7",',
  '  "タスク8"',
  "}"), "wide characters against the line's width")

if failures > 0 then error(failures .. " pretty_format check(s) failed", 0) end
print("pretty_format: all checks passed")
