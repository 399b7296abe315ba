-- Hints for a line of Python that Lua cannot read (luasync.hints asks
-- here): `await f()` as a keyword, f(*args) and f(**kwargs); Python's
-- statements and blocks as syntax errors on their line (import, def, async
-- def, JavaScript's async function, class, if c:, while c:, for x in t:,
-- with / async with, async for, try:, elif, raise, a bare raise), its
-- operators (+=, !=, **, is None), its literals (lists, dicts, b"x",
-- r"\d", a comprehension, lambda), its comments, keyword arguments, end
-- as a name; and an input that ends in a value or a method not called.
-- Each answers only when the message and the line both show the habit.
-- Also the REPL's and the runner's refusal of `x = await f()`, valid Lua
-- that awaits nothing (await_keyword).
local find, match, gsub, sub = string.find, string.match, string.gsub, string.sub
local pcall, require = pcall, require

local forms = require "luasync.python_forms"
local library = require "luasync.python_library"
local method_names = require "luasync.method_names"
local names = require "luasync.python_names"
local trim = forms.trim
local is_module = method_names.is_module

local M = {}

-- The parameters of asyncio's functions that are positional in luasync
-- (the others take an options table): what to write in their place.
local POSITIONAL = {
  ["asyncio.wait_for"] = { timeout = "seconds" }, ["asyncio.sleep"] = { delay = "seconds", result = "value" },
  ["asyncio.timeout"] = { delay = "seconds" },
}

-- Python's call `call` as Lua writes it (forms.python_call): the statements
-- that must come first, or nil, and the call.
local function lua_call(call)
  return forms.python_call(call, POSITIONAL, method_names.is_method)
end

-- The line `text` whose innermost call with *xs (or table.unpack(xs))
-- before another argument is written as Lua's (lua_call): the statements
-- that build its list, then the line with the call in its place; or nil.
local function unpacked_in_line(text)
  local at, call = forms.call_with_argument(text, "^%*%s*[%a_]")
  if not call then
    at, call = forms.call_with_argument(text, "^table%.unpack%s*%(")
  end
  if not call then return nil end
  local list, lua = lua_call(call)
  if not list then return nil end
  return list .. "; " .. trim(sub(text, 1, at - 1) .. lua .. sub(text, at + #call))
end

-- `f(a, g(b), kw=v)`: the call whose arguments hold the first `kw=` after a
-- comma, whatever parentheses come before it: callee, the arguments before
-- kw, kw; or nil.
-- (A `, name =` outside any call is an assignment's, done, pending = f(...,
-- timeout=1): the next one is tried.)
local function keyword_call(text)
  for at, kw in string.gmatch(text, "(),%s*([%a_][%w_]*)%s*=[^=]") do
    local depth = 0
    for i = at - 1, 1, -1 do
      local c = sub(text, i, i)
      if c == ")" then
        depth = depth + 1
      elseif c == "(" then
        if depth == 0 then
          local callee = match(sub(text, 1, i - 1), "([%a_][%w_%.:]*)%s*$")
          if not callee then return nil end
          return callee, sub(text, i + 1, at - 1), kw
        end
        depth = depth - 1
      end
    end
  end
  return nil
end

-- Whether `name` (lock, self.sem, cond) names a lock, a semaphore or a
-- condition, whose acquire gives the guard async with holds in luasync: a
-- guess from the name, since the line did not run.
local function lock_like(name)
  local last = string.lower(match(name, "([%a_][%w_]*)$"))
  return find(last, "lock") or find(last, "^sem") or find(last, "sem$") or find(last, "semaphore") or
    find(last, "^cond") or find(last, "mutex")
end

-- The hint for Python's `async with rest:` (kind "async with") or `with
-- rest:` ("with"): a to-be-closed variable, whose block's end leaves it. At
-- the prompt the block is the input (a <close> local of an input is closed
-- when that input ends: docs/repl.md).
local function with_hint(kind, rest, repl)
  local ctx, as = match(rest, "^(.-)%s+as%s+([%a_][%w_]*)$")
  ctx = gsub(ctx or rest, "^concurrent%.futures%.", "asyncio.")  -- (its ThreadPoolExecutor is asyncio's here)
  ctx = gsub(ctx, "^aiohttp%.ClientSession%f[^%w_]", "asyncio.http.Session")  -- (docs/http.md)
  local args = match(ctx, "^open%s*(%b())$") or match(ctx, "^aiofiles%.open%s*(%b())$")
  local where = repl and "; at the prompt a <close> local ends with its input: type the block as one " ..
    "input, do ... end" or ": do ... end"
  if args then
    ctx = "await(asyncio.open" .. args .. ")"
  elseif match(ctx, "^[%a_][%w_%.]*$") then
    if kind == "async with" and lock_like(ctx) then
      ctx = "await(" .. ctx .. ":acquire())"  -- a lock, a semaphore, a condition
    elseif find(string.lower(ctx), "server$") or find(string.lower(ctx), "srv$") then
      -- (docs/io.md: the variable that holds the server is the <close> one.)
      return "hint: Lua's " .. kind .. " " .. ctx .. " is a to-be-closed variable where the server is made: local " ..
        match(ctx, "([%a_][%w_]*)$") .. " <close> = await(asyncio.start_server(...)) (leaving its block closes " ..
        "the server and awaits " ..
        "wait_closed()" .. (repl and where or "") .. ")"
    end
  else
    -- A call (session.get(url), asyncio.timeout(delay=1)) as Lua writes it;
    -- an object's method gives what async with awaits.
    local list, call = lua_call(ctx)
    if not list then
      ctx = call
      if kind == "async with" and match(call, "^[%a_][%w_]*:") then ctx = "await(" .. call .. ")" end
    end
  end
  return "hint: Lua's " .. kind .. " is a to-be-closed variable: local " .. (as or "_") .. " <close> = " ..
    ctx .. " (left at the end of its block" .. where .. ")"
end

-- f(table.unpack(xs), more) passes xs's first item only, without an error.
local UNPACK_LAST = "table.unpack(list) gives all its items only as the last argument, so the items and " ..
  "what follows go in one list: "

-- Python's bare `raise` in a line: the word alone, or before what ends its
-- block (Lua then reports the syntax error at that keyword).
local BLOCK_ENDS = { ["end"] = true, ["else"] = true, ["elseif"] = true, ["until"] = true }
local BARE_RAISE = "hint: Lua raises with a function: error(err, 0) raises again what a pcall caught, " ..
  "as Python's bare raise does"
local function bare_raise(text)
  if find(text, "^%s*raise%s*$") then return true end
  for after in string.gmatch(text, "%f[%w_]raise%s+([%a_]+)") do
    if BLOCK_ENDS[after] then return true end
  end
  return find(text, "%f[%w_]raise%s*$") ~= nil
end

M.BARE_RAISE = BARE_RAISE  -- (also the hint of a bare raise on the line before the error: luasync.hints)

-- The hint for Python's calls: await used as Python's keyword (a syntax
-- error at the awaited expression), f(*args), f(**kwargs); or nil. (Asked
-- before python_statements: `await f(t[1:2])` is an await's, not a slice's.)
function M.calls(msg, text)
  -- Python's f(*args) (Lua reads '*' as multiplication, with nothing before
  -- it): the items of a list are table.unpack(args).
  local splat = find(msg, "near '*'", 1, true) and match(text, "[(,]%s*%*%s*[%a_]")
  local awaited = match(text, "await%s+([%a_][%w_%.:]*%b())") or match(text, "await%s+([%a_][%w_%.]*)")
  if awaited and (find(msg, "expected near") or find(msg, "syntax error near") or splat) then
    -- The awaited call as Lua writes it (q:get(), *ts, timeout=1), whatever
    -- error Lua met first in it.
    local list, call = lua_call(awaited)
    local star = find(awaited, "[(,]%s*%*%s*[%a_]") and ", and Lua has no *args" or ""
    if list then
      local target = match(text, "^%s*(local%s+[%a_][%w_,%s]*=)%s*await") or
        match(text, "^%s*([%a_][%w_%.,%s]*=)%s*await")
      return "hint: await is a function in Lua" .. star .. "; " .. UNPACK_LAST .. list .. "; " ..
        (target and (trim(target) .. " ") or "") .. "await(" .. call .. ")"
    end
    return "hint: await is a function in Lua" .. star .. ": write await(" .. call .. ")"
  end
  if splat then
    local call = forms.call_holding(text, "[(,]%s*%*%s*[%a_]")
    if not call then return "hint: Lua has no *args: table.unpack(list) gives a list's items" end
    local list, unpacked = forms.unpacked_before_more(call)
    if list then return "hint: Lua has no *args; " .. UNPACK_LAST .. list .. "; " .. unpacked end
    -- *ts before more arguments in a call inside another (await(gather(*ts,
    -- k=v))): the list, then the line with the call in its place.
    local line = unpacked_in_line(text)
    if line then return "hint: Lua has no *args; " .. UNPACK_LAST .. line end
    return "hint: Lua has no *args: write " .. forms.unpacked(call) .. " (table.unpack gives a list's items)"
  end
  -- f(**kwargs): luasync's functions take their options in a table.
  if find(msg, "near '*'", 1, true) and match(text, "[(,]%s*%*%*%s*[%a_]") then
    local call = forms.call_holding(text, "[(,]%s*%*%*%s*[%a_]")
    return "hint: Lua has no **kwargs: luasync's functions take their options in a table, passed as it is" ..
      (call and (": " .. gsub(call, "([(,]%s*)%*%*%s*", "%1")) or "")
  end
  return nil
end

-- The hint for Python's statements, blocks, operators and literals at a
-- line whose text is `text`, or nil. `repl`: the REPL's own functions by
-- name, at the prompt (nil in a script).
function M.hint(msg, text, repl)
  -- JavaScript's async function (or a guess at Lua's): `async` is a
  -- function here, and the syntax error points at `function`; with `local`
  -- before it, the REPL refuses the input (luasync.hints' refused).
  local fname, fparams = match(text, "^%s*async%s+function%s+([%a_][%w_%.]*)%s*(%b())")
  if not fname then
    fname, fparams = match(text, "^%s*local%s+async%s+function%s+([%a_][%w_]*)%s*(%b())")
  end
  if fname and (find(msg, "near") or find(msg, "local async function declares", 1, true)) then
    return "hint: an async function in Lua: " .. (find(fname, ".", 1, true) and "" or "local ") .. fname ..
      " = async(function" .. fparams .. " ... end)"
  end
  -- Python's statements, operators and blocks: syntax errors on their line.
  if find(msg, "near") then
    -- (A word of Python's in a string, print("elif"), is no habit.)
    local unquoted = forms.mask_strings(text)
    local imported = match(text, "^%s*import%s+([%a_][%w_]*)") or match(text, "^%s*from%s+([%a_][%w_]*)[%w_%.]*%s+import%s")
    if imported then
      if names.PYTHON_MODULES[imported] then return "hint: " .. names.PYTHON_MODULES[imported] end
      return "hint: nothing to import: asyncio, async, await and time are already there " ..
        "(a Lua module loads with local m = require \"m\")"
    end
    local name, params = match(text, "^%s*async%s+def%s+([%a_][%w_]*)%s*(%b())")
    if name then
      return "hint: an async function in Lua: local " .. name .. " = async(function" .. params .. " ... end)"
    end
    name, params = match(text, "^%s*def%s+([%a_][%w_]*)%s*(%b())")
    if name then return "hint: a function in Lua: local function " .. name .. params .. " ... end" end
    -- class E(Exception): an error class is a subclass of asyncio's.
    local class, parent = match(text, "^%s*class%s+([%a_][%w_]*)%s*%(%s*([%a_][%w_%.]*)%s*%)%s*:")
    local lua_parent = parent and forms.error_class(parent)
    if lua_parent then
      return "hint: an error class in luasync: local " .. class .. " = " .. lua_parent .. ":subclass(\"" ..
        class .. "\")"
    end
    class = class or match(text, "^%s*class%s+([%a_][%w_]*)%s*[(:]")
    if class then
      return "hint: Lua has no class statement: a class is a table its objects have as metatable: local " ..
        class .. " = {}; " .. class .. ".__index = " .. class .. "; function " .. class ..
        ".new() return setmetatable({}, " .. class .. ") end"
    end
    -- end as a variable (Python's end = time.time()): Lua's keyword, where
    -- no valid Lua has it: assigned, declared, or after an operator, '(' or
    -- ',' (but as print's end= keyword argument, hinted below).
    local code = gsub(text, "%-%-.*$", "")
    if (match(code, "^%s*end%s*=[^=]") or match(code, "^%s*local%s+[%w_,%s]-%f[%w_]end%f[^%w_]") or
        (match(code, "[=(,%+%-%*/<>%[]%s*end%f[^%w_]") and not match(code, "[(,]%s*end%s*=[^=]"))) and
       (find(msg, "near 'end'", 1, true) or find(msg, "near '='", 1, true)) then
      return "hint: end is a Lua keyword (it closes a block), not a name: call the variable something else, " ..
        "such as finish"
    end
    -- Python's operators and blocks.
    local target, op, rhs = match(text, "^%s*([%a_][%w_%.]*)%s*([%+%-%*/%%])=%s*(.-)%s*$")
    if target then
      if rhs == "" then rhs = "..." end
      return "hint: Lua has no " .. op .. "=: write " .. target .. " = " .. target .. " " .. op .. " " .. rhs
    end
    -- (A comprehension first: its != is the least of what Lua cannot read.)
    local loop = find(msg, "near '['", 1, true) and forms.comprehension(text, is_module)
    if loop then return "hint: Lua has no list comprehensions: " .. loop end
    if find(text, "!=", 1, true) and find(msg, "near '!'", 1, true) then
      -- (A line still Python's after its != gets the hint of the whole line.)
      return library.block_hint(text) or library.conditional_hint(text) or "hint: Lua's not-equal is ~="
    end
    -- `1 != 2` alone: Lua reads a statement, which cannot start with 1.
    if find((forms.mask_strings(text)), "!=", 1, true) and find(msg, "unexpected symbol near", 1, true) then
      return "hint: Lua's not-equal is ~=: " .. trim(forms.outside_strings(text, function(code)
        return gsub(code, "!=", "~=")
      end))
    end
    if match(text, "^%s*#") then return "hint: a comment in Lua starts with --" end
    -- Python's comment after code: Lua reads `#` as its length operator.
    local code, comment = match(text, "^(.-%S)%s*#%s?(.*)$")
    if code and find(msg, "near '#'", 1, true) and not find(code, "[\"'#]") then
      return "hint: a comment in Lua starts with --: " .. code .. " -- " .. comment
    end
    -- Python's lists and dicts.
    -- (A for over a list literal, for s in ["a", "b"]:, is a for's.)
    local vars, iterable = match(text, "^%s*for%s+([%a_][%w_, ]*)%s+in%s+(.-)%s*:%s*$")
    if vars then
      local header, kind = forms.for_loop(vars, forms.list_literals(iterable))
      return "hint: " .. forms.FOR_KINDS[kind] .. ": " .. header .. " ... end" ..
        (kind == "length" and (" (or for " .. trim(vars) .. ", x in ipairs(" ..
          match(iterable, "len%s*%(%s*(.-)%s*%)%s*%)$") .. ") do ... end)") or "")
    end
    local block = find(msg, "near '['", 1, true) and library.block_hint(text)
    if block then return block end
    if find(msg, "unexpected symbol near '['", 1, true) and find(text, "%[") then
      return "hint: a list in Lua is a table: {1, 2, 3}, its first item t[1]"
    end
    if find(msg, "'}' expected near ':'", 1, true) or
       (find(msg, "unexpected symbol near '{'", 1, true) and match(text, "{%s*[^{}:,]-%s*:")) then
      return "hint: a table's keys in Lua: {a = 1} or {[\"a\"] = 1}"
    end
    local x, classes = match(text, "%f[%w_]isinstance%s*%(%s*([^,()]-)%s*,%s*(%b())%s*%)")
    local test = x and forms.isinstance(x, classes)
    if test then return "hint: Lua has no isinstance: " .. test end
    if match(unquoted, "%f[%w_]lambda%f[^%w_]") then
      return "hint: Lua's lambda is an anonymous function: function(x) return x * 2 end"
    end
    local cond = match(text, "^%s*if%s+(.-)%s*:%s*$")
    -- Python's main guard: Lua has no __name__ (a test of it never holds),
    -- and a script's `...` are its arguments, not its name.
    if cond and match(cond, "^__name__%s*==%s*([\"'])__main__%1$") then
      return "hint: Lua has no __name__: a script's body is its main, so drop the test and call " ..
        "asyncio.run(main()) at the script's end"
    end
    if cond then return "hint: Lua's if: if " .. forms.condition(cond) .. " then ... end" end
    cond = match(text, "^%s*while%s+(.-)%s*:%s*$")
    if cond then return "hint: Lua's while: while " .. forms.condition(cond) .. " do ... end" end
    -- sep.join(list) on a string literal: Lua reads the string, then '.'.
    local quote, sep, list = match(text, "([\"'])(.-)%1%s*%.%s*join%s*%(%s*(.-)%s*%)")
    if sep and find(msg, "near '.'", 1, true) then return "hint: " .. library.concat_hint(quote, sep, list) end
    -- x is None, x is not None: Lua compares with == and ~=; the error is
    -- at the is, or at the word after it (`y = x` ends the statement).
    local compared = match(text, "[%w_%.%]%)\"']+%s+is%s+not%s+[%w_%.]+") or
      match(text, "[%w_%.%]%)\"']+%s+is%s+[%w_%.]+")
    local after_is = compared and match(compared, "%s+is%s+([%w_%.]+)$")
    if compared and (find(msg, "near 'is'", 1, true) or find(msg, "near 'not'", 1, true) or
        find(msg, "near '" .. (match(after_is, "^[%a_][%w_]*") or after_is) .. "'", 1, true)) then
      if forms.error_class(match(compared, "([%w_%.]+)$")) then
        return "hint: an error is an instance of its class, never the class itself: test it with " ..
          forms.condition(compared) .. " (Python's isinstance)"
      end
      return "hint: Lua compares with == and ~= (Python's is and is not): " .. forms.condition(compared)
    end
    -- async with / with: a to-be-closed variable, whose block's end leaves it.
    local kind, rest = "async with", match(text, "^%s*async%s+with%s+(.-)%s*:%s*$")
    if not rest then kind, rest = "with", match(text, "^%s*with%s+(.-)%s*:%s*$") end
    if rest then return with_hint(kind, rest, repl) end
    local avars, alist = match(text, "^%s*async%s+for%s+([%a_][%w_, ]*)%s+in%s+(.-)%s*:%s*$")
    if avars then
      return "hint: Lua's async for is a plain for: for " .. trim(avars) .. " in " .. alist ..
        " do ... end (a stream's lines: for line in reader:lines() do)"
    end
    if match(text, "^%s*try%s*:%s*$") then
      return "hint: Lua catches errors with pcall: local ok, err = pcall(function() ... end)"
    end
    -- elif (Lua reads it as a name, and the error is at the word after it),
    -- a ** b, print(x, end="") (Lua has no keyword arguments).
    if match(unquoted, "%f[%w_]elif%f[^%w_]") then return "hint: Lua's else-if is one word: elseif" end
    -- (An expression alone, `2 ** 3` at the prompt, fails as a statement at
    -- its first symbol.)
    if find(text, "**", 1, true) and
       (find(msg, "near '*'", 1, true) or find(msg, "unexpected symbol near", 1, true)) then
      local base, exponent = match(text, "([%w_%.]+)%s*%*%*%s*([%w_%.]+)")
      return "hint: Lua's power operator is ^: " .. (base and (base .. " ^ " .. exponent) or "2 ^ 3")
    end
    local callee, before, kw = keyword_call(text)
    -- (pcall(asyncio.wait_for, aw, timeout=1): the keyword is wait_for's.)
    local called = callee == "pcall" and before and match(before, "^%s*([%a_][%w_%.]*)%s*,") or callee
    local positional = kw and called and POSITIONAL[called] and POSITIONAL[called][kw]
    if positional and (find(msg, "near '" .. kw .. "'", 1, true) or find(msg, "near '='", 1, true)) then
      local value = match(text, "%f[%w_]" .. kw .. "%s*=%s*([^,%)]+)")
      value = value and trim(value) or positional
      -- (an earlier keyword that is positional too: sleep(delay=1, result=x))
      before = gsub(before, "%f[%w_]([%a_][%w_]*)%s*=%s*", function(k)
        if POSITIONAL[called][k] then return "" end
      end)
      if called ~= callee then
        -- pcall(f, aw, timeout=1): pcall would run f and give its coroutine
        -- object, never awaited: pcall awaits the call instead.
        local rest = match(before, "^%s*[%a_][%w_%.]*%s*,(.*)$") or ""
        rest = trim(rest)
        return "hint: Lua has no keyword arguments: pass " .. kw .. " by position, and let pcall await the " ..
          "call: " .. callee .. "(await, " .. called .. "(" .. rest .. (rest ~= "" and ", " or "") .. value .. "))"
      end
      before = trim(before)
      return "hint: Lua has no keyword arguments: pass " .. kw .. " by position, " .. callee .. "(" ..
        before .. (before ~= "" and ", " or "") .. value .. ")"
    end
    if kw and (find(msg, "near '" .. kw .. "'", 1, true) or find(msg, "near '='", 1, true)) then
      -- f(table.unpack(xs), k=v): an options table after it would leave
      -- f the first item only.
      local line = unpacked_in_line(text)
      if line then return "hint: Lua has no keyword arguments; " .. UNPACK_LAST .. line end
      if callee == "print" and (kw == "end" or kw == "sep") then
        return "hint: Lua's print has no " .. kw .. "=: io.write(" .. trim(before) ..
          ") writes without spaces or a newline"
      end
      return "hint: Lua has no keyword arguments; luasync's functions take options in a table: " ..
        callee .. "(" .. trim(before) .. ", { " .. kw .. " = ... })"
    end
    callee, kw = match(text, "([%a_][%w_%.:]*)%s*%(%s*([%a_][%w_]*)%s*=[^=]")
    if kw and find(msg, "near '='", 1, true) then
      -- f(kw=v) with kw f's first positional parameter: asyncio.sleep(delay=1).
      local value = POSITIONAL[callee] and POSITIONAL[callee][kw] and
        match(text, "%(%s*" .. kw .. "%s*=%s*([^,%)]+)%s*%)")
      if value then
        return "hint: Lua has no keyword arguments: pass " .. kw .. " by position, " .. callee .. "(" ..
          trim(value) .. ")"
      end
      if find(callee, "^asyncio%.") then
        return "hint: Lua has no keyword arguments: help(" .. callee .. ") shows how to pass " .. kw
      end
      return "hint: Lua has no keyword arguments: pass " .. kw .. " by position"
    end
  end
  -- `# note` alone at the prompt is Lua's length of the global note (nil).
  if match(text, "^%s*#%s") and find(msg, "attempt to get length of", 1, true) then
    return "hint: a comment in Lua starts with --"
  end
  -- b"..." and r"...": Lua reads them as calls of b and r with a string
  -- (and r"\d" fails first, at its escape).
  local prefix, quoted = match(text, "%f[%w_]([bBrR])(\"[^\"]*\")")
  if not prefix then prefix, quoted = match(text, "%f[%w_]([bBrR])('[^']*')") end
  local raw = (prefix == "r" or prefix == "R") and
    ("hint: Lua has no raw strings r\"...\": a long string [[...]] keeps its backslashes, write [[" ..
      sub(quoted, 2, -2) .. "]]")
  local escape = match(msg, "invalid escape sequence near '.-(\\.)'$")
  if escape then
    if raw then return raw end
    local class = match(escape, "^\\([dDsSwW])$")
    if class then
      return "hint: Lua's patterns write character classes with %, not \\: %" .. class ..
        " (string.find, match, gsub); a backslash in a string is written \\\\"
    end
    return "hint: a backslash in a Lua string is written \\\\, or use a long string [[...]]"
  end
  if prefix and find(msg, "attempt to call a nil value (global '" .. prefix .. "')", 1, true) then
    return raw or ("hint: Lua has no bytes literals: a Lua string holds bytes, write " .. quoted)
  end
  -- raise used as Python's statement.
  local raised = match(text, "^%s*raise%s+(.-)%s*$")
  if raised and raised ~= "" and find(msg, "near") and not BLOCK_ENDS[raised] then
    if find(raised, "^%u") then raised = "asyncio." .. raised end
    return "hint: Lua raises with a function: error(" ..
      forms.percent_formats(forms.lua_fstrings(raised, is_module)) .. ")"
  end
  -- Python's bare raise, which raises again the exception being handled:
  -- typed alone (a nil global), or before the end of its block, where the
  -- syntax error is (`if not ok then raise end`).
  if match(msg, "attempt to call a nil value %(global 'raise'%)") or
     (find(msg, "syntax error near") and bare_raise(text)) then
    return BARE_RAISE
  end
  if find(msg, "syntax error near <eof>$") then
    local last = match(text, ";([^;]*)$")
    if last and trim(last) ~= "" then
      return "hint: Lua shows a value only when it is the whole input: type " .. trim(last) ..
        " on a line of its own, or print(" .. trim(last) .. ")"
    end
    return "hint: this line ends in a value, which is not a statement in Lua: print(...) it, or type it alone"
  end
  if find(msg, "function arguments expected near <eof>$") then
    return "hint: a method is called with parentheses: " .. trim(text) .. "()"
  end
  return nil
end

-- Python's `x = await f(...)`: valid Lua, which assigns the function await
-- and then calls f(...) as a statement of its own, so nothing is awaited
-- and x is a function. For the REPL and scripts: the error for a source
-- that holds such an `await` (the name await, then a name on the same
-- line), with the hint, or nil. `chunkname` names the source in the message
-- ("stdin#3", a script's path). (luasync.hints asks only of a source where
-- the name await comes before another.)
function M.await_keyword(source, chunkname)
  local ok, tokens = pcall(function() return require("luasync.lexer").tokenize(source) end)
  if not ok then return nil end
  for i = 2, #tokens - 1 do
    local tok, after, before = tokens[i], tokens[i + 1], tokens[i - 1]
    if tok[1] == "name" and after[1] == "name" and sub(source, tok[2], tok[3]) == "await" and
       before[1] ~= "." and before[1] ~= ":" and not find(sub(source, tok[3] + 1, after[2] - 1), "\n", 1, true) then
      local line = 1
      for _ in string.gmatch(sub(source, 1, tok[2]), "\n") do line = line + 1 end
      local rest = match(sub(source, after[2]), "^[^\n]*")
      rest = gsub(gsub(rest, "%-%-.*$", ""), "[%s;]+$", "")
      -- (The hint writes the call as Lua does: q:get(), { k = v }.)
      local ok_call, list, call = pcall(lua_call, rest)
      if not ok_call then list, call = nil, rest end
      return chunkname .. ":" .. line .. ": Lua reads 'await " .. rest .. "' as the value await, then " .. rest ..
        " as a statement of its own: nothing would be awaited (not run)\nhint: await is a function in Lua: write " ..
        (list and (list .. "; ") or "") .. "await(" .. call .. ")"
    end
  end
  return nil
end

return M
