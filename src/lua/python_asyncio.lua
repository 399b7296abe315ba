-- Hints for a coroutine object and an async function mixed up, the
-- mistakes of asyncio's own ways (luasync.hints asks here): await(f) of a
-- function not called, asyncio.run(main), create_task of what already is a
-- future, a plain function called where a coroutine object was expected
-- (time.sleep awaited), an async function's coroutine object used as
-- Python's async generator, a local named async that hides async(), and a
-- <close> local given a coroutine object. Each answers only when the
-- message and the line both show the mistake.
local find, match, gsub, sub, format = string.find, string.match, string.gsub, string.sub, string.format
local ipairs = ipairs

local forms = require "luasync.python_forms"
local trim = forms.trim

local M = {}

-- The hint for msg at a line whose text is `text`, or nil.
function M.hint(msg, text)
  -- await(f) of an async function (or of asyncio.sleep) not called.
  if find(msg, "object function can't be used in 'await' expression", 1, true) then
    local callee = match(text, "await%s*%(%s*([%a_][%w_%.:]*)%s*%)")
    if callee then return "hint: " .. callee .. " is a function: await what calling it gives, await(" .. callee .. "(...))" end
    return "hint: await what calling the function gives: await(f(...)), not await(f)"
  end
  -- `local async function f()` declared a local async (nil) that hides
  -- async() below it.
  if find(msg, "attempt to call a nil value %(%a+ 'async'%)") then
    return "hint: a local named async hides async(): `local async function f()` declares one " ..
      "(and a plain global f); an async function is local f = async(function() ... end)"
  end
  -- local r <close> = session:get(url): the call of an async function gave
  -- a coroutine object, which has no __close; its result (a response, a
  -- file) has one.
  local closed = match(msg, "variable '([%a_][%w_]*)' got a non%-closable value")
  if closed then
    local call = match(text, "%f[%w_]local%s+" .. closed .. "%s*<%s*close%s*>%s*=%s*([%a_][%w_%.:]*%s*%b())")
    -- (An object's method or asyncio's function: setmetatable({}, {}) is
    -- no coroutine.)
    if call and (find(call, "^[%w_%.]*:") or find(call, "^asyncio%.")) then
      return "hint: a call of an async function gives a coroutine object, which has nothing to close: await it " ..
        "first, local " .. closed .. " <close> = await(" .. call .. ")"
    end
  end
  -- An async function's coroutine object used as Python's async generator.
  if find(msg, "attempt to call a coroutine value (for iterator", 1, true) or
     find(msg, "Task got bad yield", 1, true) then
    -- (The line is the generator's own when the yield raised there, whose
    -- body may await asyncio.sleep(...): its name before the await's.)
    local gen = match(text, "for%s+[%w_,%s]-%s+in%s+([%a_][%w_%.]*)%s*%(") or
      match(text, "([%a_][%w_%.]*)%s*=%s*async%s*%(") or match(text, "await%s*%(%s*([%a_][%w_%.]*)%s*%(") or "gen"
    return "hint: an async function's coroutine object is not an iterator; Python's async generator (async def " ..
      "with yield) is " .. gen .. " = asyncio.async_generator(function() ... end): for v in " .. gen .. "() do ... end"
  end
  -- An async function given where its coroutine object was expected
  -- (Python's asyncio.run(main) fails alike): the call gives that object.
  if find(msg, "a coroutine was expected, got function", 1, true) or
     find(msg, "(awaitable expected, got function)", 1, true) then
    for _, fn in ipairs({ "run", "run_until_complete", "wait_for", "shield", "ensure_future" }) do
      local at, callee, args = match(text, "()%f[%w_](" .. fn .. "%s*)(%b())")
      local name, rest = match(args or "", "^%(%s*([%a_][%w_%.]*)(%s*[,%)].*)$")
      if name then
        return "hint: " .. name .. " is a function: pass the coroutine object its call gives, " ..
          forms.path_before(text, at) .. callee .. "(" .. name .. "()" .. rest
      end
    end
  end
  -- create_task of what already is a future (gather's, shield's, a task):
  -- it runs already, and CPython refuses it alike.
  local future = match(msg, "a coroutine was expected, got <(_?%a+)")
  if future == "_GatheringFuture" or future == "Task" or future == "Future" then
    -- The create_task given a name, or a call of asyncio's (gather,
    -- shield, Future: not a coroutine function's call).
    for at, args in string.gmatch(text, "()%f[%w_]create_task%s*(%b())") do
      local arg = trim(sub(args, 2, -2))
      if find(arg, "^[%a_][%w_%.]*$") or find(arg, "^asyncio[%.:][%w_%.:]*%b()$") then
        local before = sub(text, 1, at - 1)
        local target = match(before, "([%a_][%w_%.]*)%s*=%s*[%w_%.:]*$")
        local declared = target and match(before, "%f[%w_]local%s+" .. gsub(target, "%.", "%%.") .. "%s*=%s*[%w_%.:]*$")
        return "hint: " .. arg .. " is a future that already runs, not a coroutine object: no create_task, " ..
          (target and ((declared and "local " or "") .. target .. " = " .. arg .. ", then await(" .. target .. ")") or
            ("await(" .. arg .. ")")) .. " when its result is needed"
      end
    end
    return "hint: a future (gather's, shield's, a task) already runs: await(...) it, without create_task"
  end
  -- A plain function called where a coroutine object was expected
  -- (asyncio.run(main()), create_task, await, gather, wait_for): it ran
  -- there, at once, and what it gave is no coroutine object.
  if find(msg, "a coroutine was expected, got ", 1, true)
    or find(msg, "object [^\n]- can't be used in 'await' expression")
    or find(msg, "An asyncio.Future, a coroutine or an awaitable is required", 1, true)
    or find(msg, "(awaitable expected, got ", 1, true) then
    -- (gather's message does not say which value it refused: that hint is
    -- a guess, and says so.)
    local guess = find(msg, "An asyncio.Future", 1, true) and "if %s is a plain function, " or "%s is a plain function: "
    -- The call given where the coroutine object was expected: the first
    -- argument of await, run, create_task, ensure_future, wait_for, or one
    -- among gather's; none found, no hint.
    local callee
    for _, fn in ipairs({ "await", "run", "create_task", "ensure_future", "wait_for", "shield" }) do
      for c in string.gmatch(text, "%f[%w_]" .. fn .. "%s*%(%s*([%a_][%w_%.:]*)%s*%(") do
        if not find(c, "^asyncio[%.:]") then
          callee = c
          break
        end
      end
      if callee then break end
    end
    if not callee then
      local args = match(text, "%f[%w_]gather%s*(%b())")
      for c in string.gmatch(args or "", "([%a_][%w_%.:]*)%s*%(") do
        if not find(c, "^asyncio[%.:]") and c ~= "await" and c ~= "async" then
          callee = c
          break
        end
      end
    end
    if callee and not find(callee, "^asyncio[%.:]") and callee ~= "async" then
      -- await(time.sleep(1)): Python's asyncio.sleep is what was meant in
      -- a task (time.sleep blocks every task, in both languages).
      if callee == "time.sleep" then
        local args = match(text, "%f[%w_]time%.sleep%s*(%b())") or "(1)"
        return "hint: time.sleep blocks the whole program (every task waits) and gives nothing to await: " ..
          "await(asyncio.sleep" .. args .. ") pauses this task only"
      end
      if find(callee, "[%.:]") then
        return "hint: " .. callee .. "(...) is not an async function: it ran when called and gave " ..
          "nothing to await; call it on its own"
      end
      return "hint: " .. format(guess, callee) .. callee .. "() ran at once and gave no coroutine object; " ..
        "an async function is local " .. callee .. " = async(function() ... end)"
    end
  end
  return nil
end

return M
